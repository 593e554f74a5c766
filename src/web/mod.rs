//! HTTP: routes for each area, the shared state handlers see, the extractors every staff
//! handler relies on, and the middleware every response passes. Handlers only translate:
//! request → domain types → one use case → page.

pub mod assets;
pub mod error;
pub mod extract;
pub mod followup;
pub mod middleware;
pub mod prerendered;
pub mod pupil;
pub mod ratelimit;
pub mod report;
pub mod staff;
pub mod upload;

use std::sync::Arc;

use actix_web::http::{header, StatusCode};
use actix_web::middleware::Compress;
use actix_web::web::{self, ServiceConfig};
use actix_web::HttpResponse;
use maud::Markup;

use crate::app::notify::Waker;
use crate::app::Context;
use crate::assets::Assets;
use crate::config::Config;
use crate::content::Library;
use crate::db::{Conn, Db, DbError};
use crate::views::Site;
pub use error::AppError;

/// Everything a handler may need, shared by all workers.
#[derive(Clone)]
pub struct AppState {
    pub config: Arc<Config>,
    pub db: Db,
    /// The clock and server secret every use case gets.
    pub ctx: Context,
    pub site: Arc<Site>,
    pub assets: Assets,
    pub library: Arc<Library>,
    pub limits: ratelimit::RateLimits,
    /// Home, topics and the safety page, rendered once.
    pub pages: prerendered::Pages,
    /// Wakes the mail worker as soon as something is queued.
    pub mail_waker: Waker,
    /// Turns for reading and cleaning pictures, so only so many are in memory at once.
    pub picture_turns: Arc<tokio::sync::Semaphore>,
    /// The thread that cleans pictures.
    pub cleaner: crate::images::Cleaner,
}

impl AppState {
    /// Runs one use case on the blocking thread pool with a connection and the context.
    pub async fn run<T, E, F>(&self, work: F) -> Result<T, E>
    where
        T: Send + 'static,
        E: From<DbError> + Send + 'static,
        F: FnOnce(&mut Conn<'_>, &Context) -> Result<T, E> + Send + 'static,
    {
        let ctx = self.ctx.clone();
        self.db.run(move |conn| work(conn, &ctx)).await
    }
}

/// A report at every character limit, in a script that URL-encodes each character as
/// nine bytes (or in emoji), stays under this; anything larger is not from our form.
pub const FORM_LIMIT_BYTES: usize = 128 * 1024;

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

/// Registers every route. Static files are served outside `Compress`, since they are
/// compressed once at start-up and video must keep its byte ranges.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.configure(assets::configure).service(
        web::scope("")
            .wrap(Compress::default())
            .app_data(web::FormConfig::default().limit(FORM_LIMIT_BYTES))
            .app_data(web::PayloadConfig::default().limit(FORM_LIMIT_BYTES))
            .configure(pupil::configure)
            .configure(report::configure)
            .configure(followup::configure)
            .configure(staff::configure)
            .default_service(web::to(not_found)),
    );
}

async fn not_found() -> Result<&'static str, AppError> {
    Err(AppError::NotFound)
}
