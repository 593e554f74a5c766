//! Pupil report routes: the form, the "in danger now" step, sending, and the receipt.

use actix_web::http::StatusCode;
use actix_web::web::{self, ServiceConfig};
use actix_web::{HttpRequest, HttpResponse};

use super::{html_for, html_response, AppError, AppState};
use crate::app::pupil;
use crate::domain::report::{self as form, ReportInput};
use crate::domain::school::SchoolSlug;
use crate::store::schools::School;
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
    state
        .run(move |conn, _| pupil::find_school(conn, &slug))
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
    let input = input.into_inner();
    let urgent_seen = ReportInput::value(&input.urgent_seen).to_owned();
    let checked = form::validate(&input);
    // The usual case (a valid report) takes one trip to the database thread: find the
    // school and store the report together.
    let report = match checked {
        Ok(report) if urgent_seen != "edit" && (!report.happening_now || urgent_seen == "yes") => {
            report
        }
        other => {
            let school = find_school(&state, &slug).await?;
            let page = match other {
                Err(errors) => {
                    return Ok(html_for(
                        &req,
                        StatusCode::BAD_REQUEST,
                        views::report::form(&state.site, &school, &input, &errors),
                    ))
                }
                Ok(_) if urgent_seen == "edit" => {
                    views::report::form(&state.site, &school, &input, &[])
                }
                Ok(_) => views::report::in_danger(&state.site, &school, &input),
            };
            return Ok(html_for(&req, StatusCode::OK, page));
        }
    };
    if state.limits.check_report(&req).is_err() {
        // Many pupils share a school's address: keep every word and ask them to wait.
        let school = find_school(&state, &slug).await?;
        return Ok(html_for(
            &req,
            StatusCode::TOO_MANY_REQUESTS,
            views::report::form(&state.site, &school, &input, &[form::BUSY]),
        ));
    }
    let slug = SchoolSlug::parse(&slug).map_err(|_| AppError::NotFound)?;
    let urgent = report.happening_now;
    let submitted = state
        .run(move |conn, ctx| pupil::submit(conn, ctx, &slug, &report))
        .await?;
    state.mail_waker.wake();
    Ok(html_for(
        &req,
        StatusCode::OK,
        views::report::sent(&state.site, &submitted.school, &submitted.receipt, urgent),
    ))
}
