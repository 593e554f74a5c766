//! The shapes of an answer: an HTML page (compressed here when the browser takes it) and
//! a redirect after a change.

use actix_web::http::{header, StatusCode};
use actix_web::HttpResponse;
use maud::Markup;

/// An HTML page gzipped right here when the browser takes it. Busy pages use this: the
/// `Compress` middleware would hand each body to another thread to compress, and the
/// thread switch costs more than compressing a few KB at the fastest level.
pub fn html_for(req: &actix_web::HttpRequest, status: StatusCode, markup: Markup) -> HttpResponse {
    use std::io::Write;
    let html = markup.into_string();
    if crate::assets::accepts_gzip(req) {
        let mut encoder = flate2::write::GzEncoder::new(
            Vec::with_capacity(html.len() / 3),
            flate2::Compression::fast(),
        );
        if let Ok(gz) = encoder
            .write_all(html.as_bytes())
            .and_then(|()| encoder.finish())
        {
            return HttpResponse::build(status)
                .content_type("text/html; charset=utf-8")
                .insert_header((header::CONTENT_ENCODING, "gzip"))
                .insert_header((header::VARY, "Accept-Encoding"))
                .body(gz);
        }
    }
    HttpResponse::build(status)
        .content_type("text/html; charset=utf-8")
        .insert_header((header::VARY, "Accept-Encoding"))
        .body(html)
}

/// An HTML page with a chosen status (a bare `Markup` is always 200).
pub fn html_response(status: StatusCode, markup: Markup) -> HttpResponse {
    HttpResponse::build(status)
        .content_type("text/html; charset=utf-8")
        .body(markup.into_string())
}

/// 303 to another page: post, redirect, get, so a refresh never repeats a change.
pub fn see_other(location: &str) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header((header::LOCATION, location))
        .finish()
}
