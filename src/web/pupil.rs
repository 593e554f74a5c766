//! Pupil pages: home, school landing page, topics, information pages, the school finder and the health check.

use actix_web::http::StatusCode;
use actix_web::web::{self, ServiceConfig};
use actix_web::{HttpRequest, HttpResponse};
use maud::Markup;

use super::error::AppError;
use super::language::Place;
use super::respond::html_for;
use super::state::AppState;
use crate::app::pupil;
use crate::domain::choices::Category;
use crate::domain::school::SchoolSlug;
use crate::store::schools::School;
use crate::views;
use crate::views::pupil::SchoolSearch;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.route("/", web::get().to(home))
        .route("/topics/{slug}", web::get().to(topic))
        .route("/safety", web::get().to(safety))
        .route("/picture-help", web::get().to(picture_help))
        .route("/report", web::get().to(choose_school))
        .route("/schools", web::get().to(find_school))
        .route("/s/{school}", web::get().to(school_home))
        .route("/s/{school}/topics/{slug}", web::get().to(school_topic));
}

/// Serves a page rendered at start-up, in the request's language.
fn prerendered(state: &AppState, req: &HttpRequest) -> Result<HttpResponse, AppError> {
    let place = Place::of(req, &state.catalogues);
    state
        .pages
        .respond(req, &place, &state.catalogues)
        .ok_or(AppError::NotFound)
}

pub async fn home(state: web::Data<AppState>, req: HttpRequest) -> Result<HttpResponse, AppError> {
    prerendered(&state, &req)
}

async fn topic(state: web::Data<AppState>, req: HttpRequest) -> Result<HttpResponse, AppError> {
    prerendered(&state, &req)
}

async fn safety(state: web::Data<AppState>, req: HttpRequest) -> Result<HttpResponse, AppError> {
    prerendered(&state, &req)
}

/// What to do now when a nude picture of you is shared, or someone threatens to share one.
async fn picture_help(
    state: web::Data<AppState>,
    req: HttpRequest,
) -> Result<HttpResponse, AppError> {
    prerendered(&state, &req)
}

#[derive(serde::Deserialize)]
struct SchoolQuery {
    q: Option<String>,
    /// A kind chosen on the way to the form (`/report?kind=nude_image`).
    kind: Option<String>,
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
    req: &HttpRequest,
    search: &SchoolQuery,
    purpose: SchoolSearch,
) -> Result<Markup, AppError> {
    let (schools, query) = search_schools(state, search).await?;
    let place = Place::of(req, &state.catalogues);
    let kind = search.kind.as_deref().and_then(Category::parse);
    Ok(views::pupil::choose_school(
        &state.chrome(&place),
        purpose,
        &schools,
        &query,
        kind,
    ))
}

/// With many schools (a local authority's or a force's), pupils search by name.
async fn choose_school(
    state: web::Data<AppState>,
    req: HttpRequest,
    search: web::Query<SchoolQuery>,
) -> Result<Markup, AppError> {
    school_list(&state, &req, &search, SchoolSearch::Report).await
}

/// The home page's "Find your school": the same search, leading to each school's page.
async fn find_school(
    state: web::Data<AppState>,
    req: HttpRequest,
    search: web::Query<SchoolQuery>,
) -> Result<Markup, AppError> {
    school_list(&state, &req, &search, SchoolSearch::Visit).await
}

async fn school(state: &AppState, slug: &str) -> Result<School, AppError> {
    let slug = SchoolSlug::parse(slug).map_err(|_| AppError::NotFound)?;
    state
        .run(move |conn, _| pupil::find_school(conn, &slug))
        .await?
        .ok_or(AppError::NotFound)
}

async fn school_home(state: web::Data<AppState>, req: HttpRequest) -> Result<Markup, AppError> {
    let school = school(&state, req.match_info().get("school").unwrap_or_default()).await?;
    let place = Place::of(&req, &state.catalogues);
    Ok(views::pupil::school_home(
        &state.chrome(&place),
        &school,
        &state.library.topics_in(place.lang),
    ))
}

/// A topic within a school's pages. Rendered for each request rather than at start-up:
/// a local authority's hundreds of schools times every topic would keep megabytes of
/// pages in memory for the few that are read, and the page costs tens of microseconds to
/// make (its Markdown was rendered once already), less than finding the school.
async fn school_topic(
    state: web::Data<AppState>,
    req: HttpRequest,
) -> Result<HttpResponse, AppError> {
    let info = req.match_info();
    let topic = info.get("slug").unwrap_or_default();
    let place = Place::of(&req, &state.catalogues);
    let topic = state
        .library
        .topic_in(place.lang, topic)
        .ok_or(AppError::NotFound)?;
    let school = school(&state, info.get("school").unwrap_or_default()).await?;
    let tracks = state
        .captions
        .tracks(&state.assets, &state.library, &topic.page.slug);
    Ok(html_for(
        &req,
        StatusCode::OK,
        views::pupil::topic(
            &state.chrome(&place),
            &state.assets,
            topic,
            &tracks,
            Some(&school),
        ),
    ))
}

/// A topic's captions in a translated language (`/videos/gangs.cy.vtt`).
pub async fn captions(state: web::Data<AppState>, file: web::Path<String>) -> HttpResponse {
    state.captions.respond(&file)
}

/// For load balancers and monitoring: 200 when the database answers, 503 when it cannot
/// be reached or read, whatever the reason.
pub async fn healthz(state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    state
        .run(|conn, _| conn.ping())
        .await
        .map_err(AppError::Unavailable)?;
    Ok(HttpResponse::Ok()
        .content_type("text/plain; charset=utf-8")
        .body("ok\n"))
}
