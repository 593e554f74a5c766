//! Route for static files under `/static/`.

use actix_web::web::{self, ServiceConfig};
use actix_web::{HttpRequest, HttpResponse};

use super::state::AppState;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(
        web::resource("/static/{path:.*}")
            .route(web::get().to(serve))
            .route(web::head().to(serve)),
    );
}

async fn serve(
    req: HttpRequest,
    path: web::Path<String>,
    state: web::Data<AppState>,
) -> HttpResponse {
    state.assets.respond(&req, &path)
}
