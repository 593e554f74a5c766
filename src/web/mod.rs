//! HTTP: routes for each area, the shared state handlers see, and the middleware every response passes.

pub mod assets;
pub mod middleware;
pub mod pupil;

use std::sync::Arc;

use actix_web::middleware::Compress;
use actix_web::web::{self, ServiceConfig};

use crate::assets::Assets;
use crate::config::Config;
use crate::content::Library;
use crate::db::Pool;
use crate::error::AppError;
use crate::views::Site;

/// Everything a handler may need, shared by all workers.
#[derive(Clone)]
pub struct AppState {
    pub config: Arc<Config>,
    pub pool: Pool,
    pub site: Arc<Site>,
    pub assets: Assets,
    pub library: Arc<Library>,
}

/// Registers every route. Static files are served outside `Compress`, since they are
/// compressed once at start-up and video must keep its byte ranges.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.configure(assets::configure).service(
        web::scope("")
            .wrap(Compress::default())
            .configure(pupil::configure)
            .default_service(web::to(not_found)),
    );
}

async fn not_found() -> Result<&'static str, AppError> {
    Err(AppError::NotFound)
}
