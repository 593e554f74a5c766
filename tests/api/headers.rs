//! Security and privacy headers on every response, and nothing identifying in the log.

use crate::helpers::{captured_log, spawn_app, spawn_app_with};
use diesel::connection::SimpleConnection;

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

    app.with_conn(|c| {
        c.batch_execute("ALTER TABLE schools RENAME TO schools_gone")
            .unwrap()
    });
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
async fn pages_load_nothing_from_other_sites() {
    let app = spawn_app().await;
    for path in ["/", "/topics/knife-crime", "/s/riverside", "/safety"] {
        let (_, body) = app.get_text(path).await;
        for attr in ["src=\"", "href=\""] {
            for piece in body.split(attr).skip(1) {
                let target = piece.split('"').next().unwrap();
                let is_link = body.contains(&format!("<a {attr}{target}\""))
                    || body.contains(&format!("{attr}{target}\" class=\"govuk-link"));
                if target.starts_with("http") && !is_link {
                    // Only anchors may point elsewhere; anything loaded must be ours.
                    let loaded = body
                        .contains(&format!("<link rel=\"stylesheet\" href=\"{target}"))
                        || body.contains(&format!("<script type=\"module\" src=\"{target}"))
                        || body.contains(&format!("<source src=\"{target}"))
                        || body.contains(&format!("poster=\"{target}"));
                    assert!(!loaded, "{path} loads {target}");
                }
            }
        }
    }
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
