//! Middleware every response passes: security and privacy headers, friendly error pages, and a log line with nothing identifying in it.

use std::time::Instant;

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderName, HeaderValue};
use actix_web::http::Method;
use actix_web::middleware::Next;
use actix_web::{web, HttpResponse};

use super::error::AppError;
use super::state::AppState;
use crate::views;

/// Nothing may load from anywhere but this site, no inline script or style, and no framing.
pub const CONTENT_SECURITY_POLICY: &str =
    "default-src 'none'; script-src 'self'; style-src 'self'; \
img-src 'self' blob:; media-src 'self'; font-src 'self'; connect-src 'self'; manifest-src 'self'; \
form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/// The headers every response carries whatever made it (the CSP aside, which a response
/// may tighten): one list for the middleware below and for the HTTP layer's own errors.
const FIXED_HEADERS: [(HeaderName, &str); 6] = [
    (header::REFERRER_POLICY, "no-referrer"),
    (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
    (header::X_FRAME_OPTIONS, "DENY"),
    (
        HeaderName::from_static("permissions-policy"),
        "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
    ),
    (
        HeaderName::from_static("cross-origin-opener-policy"),
        "same-origin",
    ),
    (
        HeaderName::from_static("cross-origin-resource-policy"),
        "same-origin",
    ),
];

/// The fixed headers, with HSTS when served over TLS (no allocation: every response pays it).
pub fn fixed_headers(tls: bool) -> impl Iterator<Item = (HeaderName, HeaderValue)> {
    let hsts = tls.then_some((
        header::STRICT_TRANSPORT_SECURITY,
        "max-age=63072000; includeSubDomains",
    ));
    FIXED_HEADERS
        .into_iter()
        .chain(hsts)
        .map(|(name, value)| (name, HeaderValue::from_static(value)))
}

/// Gives the responses actix-http's HTTP/1 dispatcher makes itself (400 for a request it
/// cannot parse, 431 for huge headers, 408 for an idle connection), which never reach
/// middleware, the same headers as every other response. Set once for the process (a
/// patched actix-http: vendor/actix-http/PATCHED.md); later calls change nothing.
pub fn protect_http_layer_errors(tls: bool) {
    let mut headers = actix_http::header::HeaderMap::new();
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CONTENT_SECURITY_POLICY),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    for (name, value) in fixed_headers(tls) {
        headers.insert(name, value);
    }
    actix_http::h1::set_dispatcher_error_headers(headers);
}

/// Adds the security and privacy headers to every response, errors included.
pub async fn security_headers(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let tls = req
        .app_data::<web::Data<AppState>>()
        .is_some_and(|s| s.config.uses_tls());
    let staff = req.path().starts_with("/staff");
    let mut res = next.call(req).await?;
    let headers = res.headers_mut();
    // A response may set a tighter policy of its own (pictures do).
    if !headers.contains_key(header::CONTENT_SECURITY_POLICY) {
        headers.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CONTENT_SECURITY_POLICY),
        );
    }
    for (name, value) in fixed_headers(tls) {
        headers.insert(name, value);
    }
    // A pupil page may offer the language the browser asks for: caches must know.
    let html = headers
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"text/html"));
    if html && !staff {
        let vary = match headers.get(header::VARY).and_then(|v| v.to_str().ok()) {
            Some(v) if !v.is_empty() => format!("{v}, Accept-Language"),
            _ => "Accept-Language".to_owned(),
        };
        if let Ok(value) = HeaderValue::from_str(&vary) {
            headers.insert(header::VARY, value);
        }
    }
    // Pages are never kept in a shared computer's cache; static files set their own policy.
    if !headers.contains_key(header::CACHE_CONTROL) {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    Ok(res)
}

/// Logs method, route pattern, status and time: never the address, the user agent,
/// the query string or the path a pupil typed (which could hold a receipt code).
pub async fn log_request(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let started = Instant::now();
    let method = req.method().clone();
    // The pattern, never the path, and without its language part.
    let route = req.match_pattern().map_or_else(
        || "(unmatched)".to_owned(),
        |p| super::language::route_without_language(&p).to_owned(),
    );
    let metrics = req
        .app_data::<web::Data<AppState>>()
        .map(|state| state.db.metrics().clone());
    let res = next.call(req).await;
    let status = match &res {
        Ok(res) => res.status().as_u16(),
        Err(err) => err.as_response_error().status_code().as_u16(),
    };
    let took = started.elapsed();
    if let Some(metrics) = metrics {
        metrics.request(method.as_str(), &route, status, took);
    }
    tracing::info!(
        target: "confide::http",
        %method,
        route,
        status,
        // Microseconds as a whole number: no float noise in the log.
        us = u64::try_from(took.as_micros()).unwrap_or(u64::MAX),
    );
    res
}

/// Refuses form posts another site makes a visitor's browser send (fake reports, forged
/// staff actions). Browsers mark those `Sec-Fetch-Site: cross-site`.
pub async fn same_site_posts(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let cross_site = req.method() == Method::POST
        && req
            .headers()
            .get("sec-fetch-site")
            .is_some_and(|v| v.as_bytes() == b"cross-site");
    if cross_site {
        let (req, _) = req.into_parts();
        return Ok(ServiceResponse::new(
            req,
            HttpResponse::Forbidden().finish(),
        ));
    }
    Ok(next.call(req).await?.map_into_boxed_body())
}

/// Answers `HEAD` wherever `GET` is answered: the request is routed as `GET`, and the
/// HTTP layer (which saw the method as sent) leaves the body out, keeping its length.
pub async fn head_as_get(
    mut req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    if req.method() == Method::HEAD {
        req.head_mut().method = Method::GET;
    }
    next.call(req).await
}

/// Refuses request bodies sent compressed. No form of ours is ever compressed, and
/// inflating one would let a small request take a lot of memory.
pub async fn refuse_encoded_bodies(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let encoded = req
        .headers()
        .get_all(header::CONTENT_ENCODING)
        .any(|v| !v.as_bytes().eq_ignore_ascii_case(b"identity"));
    if encoded {
        let (req, _) = req.into_parts();
        return Ok(ServiceResponse::new(
            req,
            actix_web::ResponseError::error_response(&AppError::UnsupportedEncoding),
        ));
    }
    Ok(next.call(req).await?.map_into_boxed_body())
}

/// Gives every error status a friendly page, whichever part of the stack produced it.
pub async fn friendly_errors(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let state = req.app_data::<web::Data<AppState>>().cloned();
    // Handler and extractor errors arrive here as responses; only a middleware further
    // in could return `Err`, and none of ours does.
    let res = next.call(req).await?.map_into_boxed_body();
    let status = res.status();
    let is_error = status.is_client_error() || status.is_server_error();
    let already_html = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    let Some(state) = state.filter(|_| is_error && !already_html) else {
        return Ok(res);
    };
    let (req, old) = res.into_parts();
    let body = if req.method() == Method::HEAD {
        String::new()
    } else {
        let place = super::language::Place::of(&req, &state.catalogues);
        views::errors::error_page(&state.chrome(&place), status).into_string()
    };
    let mut new = HttpResponse::build(status)
        .content_type("text/html; charset=utf-8")
        .body(body);
    // The error page replaces the body, so nothing describing the old body may stay
    // (an immutable Cache-Control or a file's ETag would let a 416 page be cached as the file).
    for (name, value) in old.headers() {
        if name != header::CONTENT_TYPE
            && name != header::CONTENT_LENGTH
            && name != header::CONTENT_ENCODING
            && name != header::CACHE_CONTROL
            && name != header::ETAG
            && name != header::ACCEPT_RANGES
        {
            new.headers_mut().append(name.clone(), value.clone());
        }
    }
    Ok(ServiceResponse::new(req, new))
}
