//! The metrics address: `/metrics` in the Prometheus text format, and nothing else. It is
//! served by a server of its own on `CONFIDE_METRICS_LISTEN`, never on the public address.

use actix_web::http::header;
use actix_web::{web, HttpResponse};

use super::error::AppError;
use super::state::AppState;

/// The metrics server's one route.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/metrics", web::get().to(metrics));
}

async fn metrics(state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let gauges = state
        .run(|conn, ctx| crate::app::monitoring::gauges(conn, ctx.now()))
        .await
        .map_err(AppError::Unavailable)?;
    Ok(HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, crate::metrics::CONTENT_TYPE))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .body(state.db.metrics().render(&gauges)))
}
