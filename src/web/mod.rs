//! HTTP: routes for each area, the shared state handlers see, the extractors every staff
//! handler relies on, and the middleware every response passes. Handlers only translate:
//! request → domain types → one use case → page.

pub mod assets;
pub mod captions;
pub mod error;
pub mod extract;
pub mod followup;
pub mod language;
pub mod metrics;
pub mod middleware;
pub mod prerendered;
pub mod pupil;
pub mod ratelimit;
pub mod report;
pub mod respond;
pub mod staff;
pub mod state;
pub mod upload;

use actix_web::middleware::Compress;
use actix_web::web::{self, ServiceConfig};

pub use self::error::AppError;
pub use self::respond::{html_for, html_response, see_other};
pub use self::state::{AppState, FORM_LIMIT_BYTES};

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
            .route("/healthz", web::get().to(pupil::healthz))
            .route("/videos/{file}", web::get().to(pupil::captions))
            // Every pupil page again under its language: `/cy/`, `/ur/s/oakfield/report`.
            .service(
                web::scope("/{lang}")
                    .guard(HasCatalogue)
                    .route("", web::get().to(pupil::home))
                    .configure(pupil::configure)
                    .configure(report::configure)
                    .configure(followup::configure),
            )
            .default_service(web::to(not_found)),
    );
}

/// Lets the `/{lang}` scope take only the codes of languages with a catalogue, so
/// `/staff/…` and unknown codes never reach the pupil handlers as a language.
struct HasCatalogue;

impl actix_web::guard::Guard for HasCatalogue {
    fn check(&self, ctx: &actix_web::guard::GuardContext<'_>) -> bool {
        ctx.app_data::<web::Data<AppState>>().is_some_and(|state| {
            language::path_language(&state.catalogues, ctx.head().uri.path()).is_some()
        })
    }
}

async fn not_found() -> Result<&'static str, AppError> {
    Err(AppError::NotFound)
}
