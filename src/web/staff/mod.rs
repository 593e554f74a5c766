//! Staff routes: sign-in and sessions, the queue, cases and administration.

pub mod admin;
pub mod auth;
pub mod cases;
pub mod disclosures;
pub mod insights;
pub mod languages;
pub mod moving;
pub mod on_call;
pub mod replies;

use actix_web::web::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.configure(auth::configure)
        .configure(moving::configure)
        .configure(cases::configure)
        .configure(disclosures::configure)
        .configure(insights::configure)
        .configure(admin::configure)
        .configure(languages::configure)
        .configure(on_call::configure)
        .configure(replies::configure);
}
