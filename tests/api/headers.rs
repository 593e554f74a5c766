//! Security and privacy headers on every response, and nothing identifying in the log.

use crate::helpers::{captured_log, spawn_app, spawn_app_with};

fn assert_security_headers(headers: &awc::http::header::HeaderMap, what: &str) {
    let csp = headers
        .get("content-security-policy")
        .unwrap_or_else(|| panic!("{what}: no CSP"))
        .to_str()
        .unwrap();
    assert!(csp.contains("default-src 'none'"), "{what}: {csp}");
    assert!(csp.contains("script-src 'self'"), "{what}: {csp}");
    assert!(!csp.contains("unsafe-inline"), "{what}: {csp}");
    assert!(csp.contains("frame-ancestors 'none'"), "{what}: {csp}");
    assert_eq!(
        headers.get("referrer-policy").unwrap(),
        "no-referrer",
        "{what}"
    );
    assert_eq!(
        headers.get("x-content-type-options").unwrap(),
        "nosniff",
        "{what}"
    );
    assert_eq!(headers.get("x-frame-options").unwrap(), "DENY", "{what}");
}

#[actix_rt::test]
async fn security_headers_are_on_success_not_found_and_server_error() {
    let app = spawn_app().await;
    let ok = app.client.get(app.url("/")).send().await.unwrap();
    assert_eq!(ok.status().as_u16(), 200);
    assert_security_headers(ok.headers(), "200");
    assert_eq!(ok.headers().get("cache-control").unwrap(), "no-store");

    let missing = app
        .client
        .get(app.url("/nothing-here"))
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status().as_u16(), 404);
    assert_security_headers(missing.headers(), "404");

    let asset = app
        .client
        .get(app.url("/static/videos/bullying.mp4"))
        .insert_header(("Range", "bytes=0-9"))
        .send()
        .await
        .unwrap();
    assert_eq!(asset.status().as_u16(), 206);
    assert_security_headers(asset.headers(), "206");

    app.lose_the_schools_table();
    let broken = app.client.get(app.url("/report")).send().await.unwrap();
    assert_eq!(broken.status().as_u16(), 500);
    assert_security_headers(broken.headers(), "500");
}

#[actix_rt::test]
async fn hsts_is_sent_only_when_served_over_tls() {
    let plain = spawn_app().await;
    let res = plain.client.get(plain.url("/")).send().await.unwrap();
    assert!(res.headers().get("strict-transport-security").is_none());

    let tls = spawn_app_with(|c| c.public_url = "https://confide.example.org".into()).await;
    let res = tls.client.get(tls.url("/nothing")).send().await.unwrap();
    let hsts = res
        .headers()
        .get("strict-transport-security")
        .unwrap()
        .to_str()
        .unwrap();
    assert!(hsts.contains("max-age=63072000"));
}

#[actix_rt::test]
async fn the_log_never_holds_an_address_or_user_agent() {
    let app = spawn_app().await;
    let res = app
        .client
        .get(app.url("/topics/gangs?from=canary-query-7781"))
        .insert_header(("User-Agent", "CanaryBrowser/9.9"))
        .insert_header(("X-Forwarded-For", "203.0.113.77"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 200);
    let log = captured_log();
    assert!(
        log.contains("/topics/{slug}"),
        "the request was not logged at all"
    );
    // The same line as JSON (CONFIDE_LOG_FORMAT=json) is in the captured log too, so the
    // checks below hold for both formats.
    assert!(
        log.lines().any(|line| line.starts_with('{')
            && line.contains("\"route\":\"/topics/{slug}\"")
            && serde_json::from_str::<serde_json::Value>(line).is_ok()),
        "no JSON log line for the request"
    );
    assert!(!log.contains("CanaryBrowser"));
    assert!(!log.contains("203.0.113.77"));
    assert!(!log.contains("127.0.0.1"), "{log}");
    assert!(!log.contains("canary-query-7781"));
}

#[actix_rt::test]
async fn head_is_answered_wherever_get_is_with_the_same_headers_and_no_body() {
    let app = spawn_app().await;
    for path in [
        "/",
        "/healthz",
        "/s/oakfield",
        "/s/oakfield/report",
        "/topics/bullying",
        "/report",
        "/followup",
        "/staff/login",
        "/static/css/confide.css",
    ] {
        let get = app.client.get(app.url(path)).send().await.unwrap();
        let mut head = app.client.head(app.url(path)).send().await.unwrap();
        assert_eq!(head.status().as_u16(), 200, "HEAD {path}");
        assert_eq!(get.status(), head.status(), "{path}");
        assert_eq!(
            get.headers().get("content-type"),
            head.headers().get("content-type"),
            "{path}"
        );
        assert_security_headers(head.headers(), path);
        assert!(
            head.body().await.unwrap().is_empty(),
            "HEAD {path} has a body"
        );
    }
    let missing = app
        .client
        .head(app.url("/nothing-here"))
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status().as_u16(), 404);
}

/// Sends raw bytes (what no well-behaved client would) and reads the answer until the
/// server closes the connection or `wait` passes.
async fn raw_exchange(address: &str, request: Vec<u8>, wait: std::time::Duration) -> String {
    use std::io::{Read, Write};
    let addr = address.trim_start_matches("http://").to_owned();
    actix_rt::task::spawn_blocking(move || {
        let mut stream = std::net::TcpStream::connect(addr).unwrap();
        stream.set_read_timeout(Some(wait)).unwrap();
        // The server may answer and close before it has read everything sent.
        let _ = stream.write_all(&request);
        let mut answer = Vec::new();
        let _ = stream.read_to_end(&mut answer);
        String::from_utf8_lossy(&answer).into_owned()
    })
    .await
    .unwrap()
}

/// The head of a raw answer as a header map (names lower-cased), with its status.
fn parse_head(answer: &str) -> (u16, awc::http::header::HeaderMap) {
    let mut lines = answer.split("\r\n");
    let status = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no status line in {answer:?}"));
    let mut headers = awc::http::header::HeaderMap::new();
    for line in lines.take_while(|l| !l.is_empty()) {
        let (name, value) = line.split_once(':').unwrap();
        headers.append(
            awc::http::header::HeaderName::from_bytes(name.trim().as_bytes()).unwrap(),
            awc::http::header::HeaderValue::from_str(value.trim()).unwrap(),
        );
    }
    (status, headers)
}

#[actix_rt::test]
async fn errors_from_the_http_layer_carry_the_security_headers() {
    let app = spawn_app().await;
    let second = std::time::Duration::from_secs(2);
    let cases: Vec<(&str, Vec<u8>, u16, std::time::Duration)> = vec![
        (
            "a header line without a colon",
            b"GET / HTTP/1.1\r\nHost: x\r\nthis is not a header\r\n\r\n".to_vec(),
            400,
            second,
        ),
        (
            "a Content-Length that is not a number",
            b"POST /report HTTP/1.1\r\nHost: x\r\nContent-Length: lots\r\n\r\n".to_vec(),
            400,
            second,
        ),
        (
            "300 KB of headers",
            format!(
                "GET / HTTP/1.1\r\nHost: x\r\nX-Huge: {}\r\n\r\n",
                "a".repeat(300 * 1024)
            )
            .into_bytes(),
            431,
            second,
        ),
        (
            "a connection that never finishes its request",
            b"GET / HTTP/1.1\r\nHost: x\r\n".to_vec(),
            408,
            std::time::Duration::from_secs(15),
        ),
    ];
    for (what, request, status, wait) in cases {
        let answer = raw_exchange(&app.address, request, wait).await;
        let (got, headers) = parse_head(&answer);
        assert_eq!(got, status, "{what}: {answer:?}");
        assert_security_headers(&headers, what);
        assert_eq!(headers.get("cache-control").unwrap(), "no-store", "{what}");
    }
}

#[actix_rt::test]
async fn errors_from_the_app_for_bad_bodies_carry_the_security_headers() {
    let app = spawn_app().await;
    let origin = app.address.clone();
    let post = |content_type: &'static str, body: Vec<u8>| {
        app.client
            .post(app.url("/s/oakfield/report"))
            .insert_header(("Origin", origin.as_str()))
            .insert_header(("Content-Type", content_type))
            .send_body(body)
    };
    let wrong_type = post("text/plain", b"hello".to_vec()).await.unwrap();
    assert_eq!(wrong_type.status().as_u16(), 415);
    assert_security_headers(wrong_type.headers(), "415");
    let broken_multipart = post("multipart/form-data", b"--x\r\n".to_vec())
        .await
        .unwrap();
    assert_eq!(broken_multipart.status().as_u16(), 400);
    assert_security_headers(broken_multipart.headers(), "400 multipart");
    let too_big = post(
        "application/x-www-form-urlencoded",
        vec![b'a'; 2 * 1024 * 1024],
    )
    .await
    .unwrap();
    assert_eq!(too_big.status().as_u16(), 413);
    assert_security_headers(too_big.headers(), "413");
}
