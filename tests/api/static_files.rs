//! Static files: versioned, cacheable for a year, compressed once, and byte ranges for video.

use crate::helpers::spawn_app;

async fn get_bytes(
    app: &crate::helpers::TestApp,
    path: &str,
    range: Option<&str>,
) -> (u16, awc::http::header::HeaderMap, Vec<u8>) {
    let mut req = app.client.get(app.url(path));
    if let Some(range) = range {
        req = req.insert_header(("Range", range));
    }
    let mut res = req.send().await.unwrap();
    let body = res.body().limit(50_000_000).await.unwrap().to_vec();
    (res.status().as_u16(), res.headers().clone(), body)
}

#[actix_rt::test]
async fn range_requests_get_206_with_the_right_bytes() {
    let app = spawn_app().await;
    let path = "/static/videos/bullying.mp4";
    let (status, headers, whole) = get_bytes(&app, path, None).await;
    assert_eq!(status, 200);
    assert_eq!(headers.get("accept-ranges").unwrap(), "bytes");
    assert!(whole.len() > 1000);
    let total = whole.len();

    let (status, headers, part) = get_bytes(&app, path, Some("bytes=100-199")).await;
    assert_eq!(status, 206);
    assert_eq!(part, &whole[100..200]);
    assert_eq!(
        headers.get("content-range").unwrap().to_str().unwrap(),
        format!("bytes 100-199/{total}")
    );

    // Safari's first probe, and an open-ended tail.
    let (status, _, part) = get_bytes(&app, path, Some("bytes=0-1")).await;
    assert_eq!((status, part.as_slice()), (206, &whole[0..2]));
    let (status, _, part) = get_bytes(&app, path, Some("bytes=-50")).await;
    assert_eq!((status, part.as_slice()), (206, &whole[total - 50..]));
}

#[actix_rt::test]
async fn an_unsatisfiable_range_gets_416() {
    let app = spawn_app().await;
    let path = "/static/videos/bullying.mp4";
    let (_, _, whole) = get_bytes(&app, path, None).await;
    let (status, headers, _) =
        get_bytes(&app, path, Some(&format!("bytes={}-", whole.len() + 10))).await;
    assert_eq!(status, 416);
    assert_eq!(
        headers.get("content-range").unwrap().to_str().unwrap(),
        format!("bytes */{}", whole.len())
    );
}

#[actix_rt::test]
async fn versioned_video_captions_and_styles_are_cacheable_for_a_year() {
    let app = spawn_app().await;
    let (_, page) = app.get_text("/topics/bullying").await;
    let versioned: Vec<&str> = page
        .split('"')
        .filter(|s| s.starts_with("/static/") && s.contains("?v="))
        .collect();
    for wanted in [
        "videos/bullying.mp4",
        "videos/bullying.vtt",
        "videos/bullying.jpg",
        "css/confide.css",
        "js/confide.js",
    ] {
        let path = versioned
            .iter()
            .find(|p| p.contains(wanted))
            .unwrap_or_else(|| panic!("the page does not name {wanted} with a version"));
        let (status, headers, _) = get_bytes(&app, path, None).await;
        assert_eq!(status, 200, "{path}");
        let cache = headers.get("cache-control").unwrap().to_str().unwrap();
        assert!(
            cache.contains("max-age=31536000") && cache.contains("immutable"),
            "{path}: {cache}"
        );
        assert!(headers.get("etag").is_some());
    }
}

#[actix_rt::test]
async fn an_unversioned_or_stale_address_is_revalidated_not_cached_forever() {
    let app = spawn_app().await;
    for path in [
        "/static/js/govuk-frontend.min.js",
        "/static/css/confide.css?v=0000000000",
    ] {
        let (status, headers, _) = get_bytes(&app, path, None).await;
        assert_eq!(status, 200);
        assert_eq!(
            headers.get("cache-control").unwrap(),
            "public, no-cache",
            "{path}"
        );
    }
}

#[actix_rt::test]
async fn an_unchanged_file_is_not_sent_again() {
    let app = spawn_app().await;
    let (_, headers, _) = get_bytes(&app, "/static/css/confide.css", None).await;
    let etag = headers.get("etag").unwrap().clone();
    let res = app
        .client
        .get(app.url("/static/css/confide.css"))
        .insert_header(("If-None-Match", etag))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 304);
}

#[actix_rt::test]
async fn stylesheets_are_sent_gzipped_to_browsers_that_accept_it() {
    let app = spawn_app().await;
    let mut res = app
        .client
        .get(app.url("/static/css/confide.css"))
        .insert_header(("Accept-Encoding", "gzip"))
        .no_decompress()
        .send()
        .await
        .unwrap();
    assert_eq!(res.headers().get("content-encoding").unwrap(), "gzip");
    let body = res.body().limit(10_000_000).await.unwrap();
    assert_eq!(&body[..2], &[0x1f, 0x8b], "not gzip data");
}

#[actix_rt::test]
async fn a_missing_static_file_is_a_friendly_404() {
    let app = spawn_app().await;
    let (status, body) = app.get_text("/static/videos/nothing.mp4").await;
    assert_eq!(status, 404);
    assert!(body.contains("Page not found"));
}

#[actix_rt::test]
async fn a_range_error_page_is_never_cached_as_the_file() {
    let app = spawn_app().await;
    let (status, headers, _) = get_bytes(
        &app,
        "/static/videos/bullying.mp4?v=x",
        Some("bytes=99999999-"),
    )
    .await;
    assert_eq!(status, 416);
    assert_eq!(headers.get("cache-control").unwrap(), "no-store");
    assert!(headers.get("etag").is_none());
    assert!(headers.get("content-range").is_some());
}
