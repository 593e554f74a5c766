//! Pupil pages: home, school landing page, topics, information pages, the school finder and the health check.

use actix_web::http::StatusCode;
use actix_web::web::{self, ServiceConfig};
use actix_web::{HttpRequest, HttpResponse};
use maud::Markup;

use super::error::AppError;
use super::respond::html_for;
use super::state::AppState;
use crate::app::pupil;
use crate::domain::school::SchoolSlug;
use crate::store::schools::School;
use crate::views;
use crate::views::pupil::SchoolSearch;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.route("/", web::get().to(home))
        .route("/topics/{slug}", web::get().to(topic))
        .route("/safety", web::get().to(safety))
        .route("/report", web::get().to(choose_school))
        .route("/schools", web::get().to(find_school))
        .route("/s/{school}", web::get().to(school_home))
        .route("/s/{school}/topics/{slug}", web::get().to(school_topic))
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
struct SchoolQuery {
    q: Option<String>,
}

/// The schools whose name (or address slug) holds the letters typed, any case; all of
/// them when nothing was typed. Returns the query as it was understood.
async fn search_schools(
    state: &AppState,
    search: &SchoolQuery,
) -> Result<(Vec<School>, String), AppError> {
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
    Ok((schools, query))
}

/// The schools matching a search, each leading where `purpose` says.
async fn school_list(
    state: &AppState,
    search: &SchoolQuery,
    purpose: SchoolSearch,
) -> Result<Markup, AppError> {
    let (schools, query) = search_schools(state, search).await?;
    Ok(views::pupil::choose_school(
        &state.site,
        purpose,
        &schools,
        &query,
    ))
}

/// With many schools (a local authority's or a force's), pupils search by name.
async fn choose_school(
    state: web::Data<AppState>,
    search: web::Query<SchoolQuery>,
) -> Result<Markup, AppError> {
    school_list(&state, &search, SchoolSearch::Report).await
}

/// The home page's "Find your school": the same search, leading to each school's page.
async fn find_school(
    state: web::Data<AppState>,
    search: web::Query<SchoolQuery>,
) -> Result<Markup, AppError> {
    school_list(&state, &search, SchoolSearch::Visit).await
}

async fn school(state: &AppState, slug: &str) -> Result<School, AppError> {
    let slug = SchoolSlug::parse(slug).map_err(|_| AppError::NotFound)?;
    state
        .run(move |conn, _| pupil::find_school(conn, &slug))
        .await?
        .ok_or(AppError::NotFound)
}

async fn school_home(
    state: web::Data<AppState>,
    slug: web::Path<String>,
) -> Result<Markup, AppError> {
    let school = school(&state, &slug).await?;
    Ok(views::pupil::school_home(
        &state.site,
        &school,
        &state.library.topics(),
    ))
}

/// A topic within a school's pages. Rendered for each request rather than at start-up:
/// a local authority's hundreds of schools times every topic would keep megabytes of
/// pages in memory for the few that are read, and the page costs tens of microseconds to
/// make (its Markdown was rendered once already), less than finding the school.
async fn school_topic(
    state: web::Data<AppState>,
    req: HttpRequest,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (slug, topic) = path.into_inner();
    let topic = state.library.topic(&topic).ok_or(AppError::NotFound)?;
    let school = school(&state, &slug).await?;
    Ok(html_for(
        &req,
        StatusCode::OK,
        views::pupil::topic(&state.site, &state.assets, topic, Some(&school)),
    ))
}

/// For load balancers and monitoring: 200 when the database answers, 503 when it cannot
/// be reached or read, whatever the reason.
async fn healthz(state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    state
        .run(|conn, _| conn.ping())
        .await
        .map_err(AppError::Unavailable)?;
    Ok(HttpResponse::Ok()
        .content_type("text/plain; charset=utf-8")
        .body("ok\n"))
}
