//! Pupil pages: home, school landing page, topics, information pages, the school picker and the health check.

use actix_web::web::{self, ServiceConfig};
use actix_web::{HttpRequest, HttpResponse};
use maud::Markup;

use super::{AppError, AppState};
use crate::app::pupil;
use crate::domain::school::SchoolSlug;
use crate::views;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.route("/", web::get().to(home))
        .route("/topics/{slug}", web::get().to(topic))
        .route("/safety", web::get().to(safety))
        .route("/report", web::get().to(choose_school))
        .route("/s/{school}", web::get().to(school_home))
        .route("/healthz", web::get().to(healthz));
}

/// Serves a page rendered at start-up.
fn prerendered(state: &AppState, req: &HttpRequest, path: &str) -> Result<HttpResponse, AppError> {
    state.pages.respond(req, path).ok_or(AppError::NotFound)
}

async fn home(state: web::Data<AppState>, req: HttpRequest) -> Result<HttpResponse, AppError> {
    prerendered(&state, &req, "/")
}

async fn topic(
    state: web::Data<AppState>,
    req: HttpRequest,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    prerendered(&state, &req, &format!("/topics/{slug}"))
}

async fn safety(state: web::Data<AppState>, req: HttpRequest) -> Result<HttpResponse, AppError> {
    prerendered(&state, &req, "/safety")
}

#[derive(serde::Deserialize)]
struct SchoolSearch {
    q: Option<String>,
}

/// With many schools (a local authority's or a force's), pupils search by name.
async fn choose_school(
    state: web::Data<AppState>,
    search: web::Query<SchoolSearch>,
) -> Result<Markup, AppError> {
    let mut schools = state.run(|conn, _| pupil::schools(conn)).await?;
    let query: String = search
        .q
        .as_deref()
        .unwrap_or_default()
        .trim()
        .chars()
        .take(100)
        .collect();
    if !query.is_empty() {
        let needle = query.to_lowercase();
        schools.retain(|s| s.name.to_lowercase().contains(&needle) || s.slug.contains(&needle));
    }
    Ok(views::pupil::choose_school(&state.site, &schools, &query))
}

async fn school_home(
    state: web::Data<AppState>,
    slug: web::Path<String>,
) -> Result<Markup, AppError> {
    let slug = SchoolSlug::parse(&slug).map_err(|_| AppError::NotFound)?;
    let school = state
        .run(move |conn, _| pupil::find_school(conn, &slug))
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(views::pupil::school_home(
        &state.site,
        &school,
        &state.library.topics(),
    ))
}

/// For load balancers and monitoring: 200 when the database answers.
async fn healthz(state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    state.run(|conn, _| conn.ping()).await?;
    Ok(HttpResponse::Ok()
        .content_type("text/plain; charset=utf-8")
        .body("ok\n"))
}
