//! Abuse resistance: per-client limits with a kind 429, and size limits with a kind 413.

use crate::helpers::spawn_app;

#[actix_rt::test]
async fn guessing_receipt_codes_hits_a_kind_429_after_the_limit() {
    let app = spawn_app().await;
    let limit = confide::web::ratelimit::RECEIPT_ATTEMPTS.burst;
    for attempt in 0..limit {
        let (status, _) = app
            .post_form("/followup", &[("code", "AAAA BBBB CCCC DDDD EEEE")])
            .await;
        assert_eq!(status, 200, "attempt {attempt} was refused too early");
    }
    let mut res = app
        .client
        .post(app.url("/followup"))
        .send_form(&[("code", "AAAA BBBB CCCC DDDD EEEE")])
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 429);
    assert!(res.headers().get("retry-after").is_some());
    let body = String::from_utf8_lossy(&res.body().await.unwrap()).into_owned();
    assert!(body.contains("You have tried too many times"));
    assert!(body.contains("tel:999"));
}

#[actix_rt::test]
async fn sending_many_reports_quickly_hits_the_limit_but_never_loses_a_stored_one() {
    let app = spawn_app().await;
    let limit = confide::web::ratelimit::REPORTS.burst;
    for _ in 0..limit {
        app.send_report("riverside", &[]).await;
    }
    let (status, page) = app
        .post_form(
            "/s/riverside/report",
            &[
                ("category", "other"),
                ("location", "online"),
                ("happening_now", "no"),
                ("about", "no"),
                ("what", "one too many"),
            ],
        )
        .await;
    assert_eq!(status, 429);
    assert!(page.contains("Wait one minute, then press Send report again"));
    assert!(
        page.contains("one too many</textarea>"),
        "the pupil's words were lost"
    );
    assert_eq!(app.report_count(), i64::from(limit));
}

#[actix_rt::test]
async fn an_oversized_body_gets_a_kind_413() {
    let app = spawn_app().await;
    let huge = "x".repeat(200 * 1024);
    let (status, page) = app
        .post_form(
            "/s/oakfield/report",
            &[
                ("category", "other"),
                ("location", "online"),
                ("happening_now", "no"),
                ("about", "no"),
                ("what", &huge),
            ],
        )
        .await;
    assert_eq!(status, 413);
    assert!(page.contains("What you sent is too long"));
    assert!(page.contains("tel:999"));
    assert_eq!(app.report_count(), 0);
}

#[actix_rt::test]
async fn a_form_post_from_another_site_is_refused() {
    let app = spawn_app().await;
    let res = app
        .client
        .post(app.url("/s/oakfield/report"))
        .insert_header(("Sec-Fetch-Site", "cross-site"))
        .send_form(&[
            ("category", "other"),
            ("location", "online"),
            ("happening_now", "yes"),
            ("about", "no"),
            ("what", "forged"),
            ("urgent_seen", "yes"),
        ])
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 403);
    assert_eq!(app.report_count(), 0);
}

#[actix_rt::test]
async fn a_compressed_form_is_refused_with_a_kind_page_and_never_inflated() {
    use std::io::Write;
    let app = spawn_app().await;
    let form = "category=other&location=online&happening_now=no&about=no&what=".to_owned()
        + &"a".repeat(4_000_000);
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(form.as_bytes()).unwrap();
    let body = gz.finish().unwrap();
    assert!(
        body.len() < 20_000,
        "the test body should be small on the wire"
    );
    let mut res = app
        .client
        .post(app.url("/s/oakfield/report"))
        .insert_header(("Content-Type", "application/x-www-form-urlencoded"))
        .insert_header(("Content-Encoding", "gzip"))
        .send_body(body)
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 415);
    let page = String::from_utf8_lossy(&res.body().await.unwrap()).into_owned();
    assert!(
        page.contains("Something was wrong with what was sent"),
        "{page}"
    );
    assert!(page.contains("tel:999"));
    assert!(res.headers().get("content-security-policy").is_some());
    assert_eq!(app.report_count(), 0);
}
