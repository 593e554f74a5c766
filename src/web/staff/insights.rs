//! The figures page and its CSV download.

use actix_web::http::{header, StatusCode};
use actix_web::web::{self, ServiceConfig};
use actix_web::HttpResponse;
use serde::Deserialize;

use crate::app::insights::{self, By, InsightError, PeriodChoice, Request};
use crate::views;
use crate::web::error::AppError;
use crate::web::extract::{with_viewer, StaffSession};
use crate::web::respond::html_response;
use crate::web::state::AppState;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.route("/staff/insights", web::get().to(show))
        .route("/staff/insights.csv", web::get().to(download));
}

#[derive(Deserialize, Default)]
struct Query {
    school: Option<String>,
    period: Option<String>,
    by: Option<String>,
}

impl Query {
    /// Unknown values fall back to the defaults: a hand-edited link still shows a page.
    fn request(&self) -> Request {
        let period = self
            .period
            .as_deref()
            .and_then(PeriodChoice::parse)
            .unwrap_or_default();
        let by = self
            .by
            .as_deref()
            .and_then(By::parse)
            .unwrap_or(By::usual_for(period));
        Request {
            school: self.school.as_deref().and_then(|s| s.parse().ok()),
            period,
            by,
        }
    }
}

/// The figures asked for, or `None` when this person's roles show no figures.
async fn figures(
    state: &AppState,
    staff: &StaffSession,
    query: &Query,
) -> Result<Option<insights::Insight>, AppError> {
    let person = staff.person().clone();
    let request = query.request();
    match state
        .run(move |conn, ctx| insights::insight(conn, ctx, &person, request))
        .await
    {
        Ok(insight) => Ok(Some(insight)),
        Err(InsightError::NotAllowed) => Ok(None),
        Err(other) => Err(other.into()),
    }
}

/// The page for someone whose roles show no figures.
fn not_allowed(state: &AppState, staff: &StaffSession) -> HttpResponse {
    html_response(
        StatusCode::FORBIDDEN,
        with_viewer(&staff.0, |v| views::insights::not_allowed(&state.site, v)),
    )
}

async fn show(
    state: web::Data<AppState>,
    staff: StaffSession,
    query: web::Query<Query>,
) -> Result<HttpResponse, AppError> {
    Ok(match figures(&state, &staff, &query).await? {
        Some(insight) => html_response(
            StatusCode::OK,
            with_viewer(&staff.0, |v| {
                views::insights::insight_page(&state.site, v, &insight)
            }),
        ),
        None => not_allowed(&state, &staff),
    })
}

async fn download(
    state: web::Data<AppState>,
    staff: StaffSession,
    query: web::Query<Query>,
) -> Result<HttpResponse, AppError> {
    let insight = match figures(&state, &staff, &query).await? {
        Some(insight) => insight,
        None => return Ok(not_allowed(&state, &staff)),
    };
    let csv = views::insights::csv(&insight);
    let person = staff.person().clone();
    let recorded = insight.clone();
    state
        .run(move |conn, ctx| insights::downloaded(conn, ctx, &person, &recorded))
        .await?;
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((
            header::CONTENT_DISPOSITION,
            "attachment; filename=\"confide-figures.csv\"",
        ))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .body(csv))
}
