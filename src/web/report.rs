//! Pupil report routes: the form, the "in danger now" step, sending, and the receipt.

use actix_web::http::StatusCode;
use actix_web::web::{self, ServiceConfig};
use actix_web::{HttpRequest, HttpResponse};

use super::{html_response, AppState};
use crate::error::AppError;
use crate::reports::form::{self, ReportInput};
use crate::reports::store;
use crate::schools::{self, School, SchoolSlug};
use crate::views;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(
        web::resource("/s/{school}/report")
            .route(web::get().to(show_form))
            .route(web::post().to(send)),
    );
}

async fn find_school(state: &AppState, slug: &str) -> Result<School, AppError> {
    let slug = SchoolSlug::parse(slug).map_err(|_| AppError::NotFound)?;
    crate::db::run(&state.pool, move |conn| schools::find_by_slug(conn, &slug))
        .await?
        .ok_or(AppError::NotFound)
}

async fn show_form(
    state: web::Data<AppState>,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let school = find_school(&state, &slug).await?;
    Ok(html_response(
        StatusCode::OK,
        views::report::form(&state.site, &school, &ReportInput::default(), &[]),
    ))
}

async fn send(
    req: HttpRequest,
    state: web::Data<AppState>,
    slug: web::Path<String>,
    input: web::Form<ReportInput>,
) -> Result<HttpResponse, AppError> {
    let school = find_school(&state, &slug).await?;
    let input = input.into_inner();
    if ReportInput::value(&input.urgent_seen) == "edit" {
        return Ok(html_response(
            StatusCode::OK,
            views::report::form(&state.site, &school, &input, &[]),
        ));
    }
    let report = match form::validate(&input) {
        Ok(report) => report,
        Err(errors) => {
            return Ok(html_response(
                StatusCode::BAD_REQUEST,
                views::report::form(&state.site, &school, &input, &errors),
            ))
        }
    };
    if report.happening_now && ReportInput::value(&input.urgent_seen) != "yes" {
        return Ok(html_response(
            StatusCode::OK,
            views::report::in_danger(&state.site, &school, &input),
        ));
    }
    if state.limits.check_report(&req).is_err() {
        // Many pupils share a school's address: keep every word and ask them to wait.
        return Ok(html_response(
            StatusCode::TOO_MANY_REQUESTS,
            views::report::form(&state.site, &school, &input, &[form::BUSY]),
        ));
    }
    let server_key = state.server_key.clone();
    let stored_school = school.clone();
    let urgent = report.happening_now;
    let submitted = crate::db::run(&state.pool, move |conn| {
        store::submit(conn, &server_key, &stored_school, &report)
    })
    .await?;
    state.mail_waker.wake();
    Ok(html_response(
        StatusCode::OK,
        views::report::sent(&state.site, &school, &submitted.receipt, urgent),
    ))
}
