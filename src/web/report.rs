//! Pupil report routes: the form, the "in danger now" step, sending, and the receipt.

use actix_web::http::StatusCode;
use actix_web::web::{self, ServiceConfig};
use actix_web::{HttpRequest, HttpResponse};

use super::{html_for, html_response, AppError, AppState};
use crate::app::pupil;
use crate::domain::msg::{FieldError, Msg};
use crate::domain::report::{self as form, ReportInput};
use crate::domain::school::SchoolSlug;
use crate::images::{Clean, Refusal};
use crate::store::schools::School;
use crate::views;
use crate::web::upload::{PictureProblem, PostedForm, Upload};

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
    posted: PostedForm<ReportInput>,
) -> Result<HttpResponse, AppError> {
    let PostedForm {
        fields: input,
        uploads,
        problem,
        turn,
    } = posted;
    let urgent_seen = ReportInput::value(&input.urgent_seen).to_owned();
    let checked = form::validate(&input);
    let with_pictures = !uploads.is_empty();
    // The usual case (a valid report) takes one trip to the database thread: find the
    // school and store the report together.
    let report = match checked {
        Ok(report)
            if problem.is_none()
                && urgent_seen != "edit"
                && (!report.happening_now || urgent_seen == "yes") =>
        {
            report
        }
        other => {
            let school = find_school(&state, &slug).await?;
            let (status, page) = match other {
                Err(mut errors) => {
                    if let Some(problem) = problem {
                        errors.push(FieldError::new("pictures", problem.msg));
                    }
                    (
                        StatusCode::BAD_REQUEST,
                        views::report::form(&state.site, &school, &input, &errors),
                    )
                }
                Ok(_) if problem.is_some() => {
                    let problem = problem.unwrap_or(PictureProblem {
                        status: StatusCode::BAD_REQUEST,
                        msg: Msg::PictureUnreadable,
                    });
                    (
                        problem.status,
                        views::report::form(
                            &state.site,
                            &school,
                            &input,
                            &[FieldError::new("pictures", problem.msg)],
                        ),
                    )
                }
                Ok(_) if urgent_seen == "edit" => (
                    StatusCode::OK,
                    views::report::form(&state.site, &school, &input, &[]),
                ),
                // Danger comes first: pictures are not carried through this step (the
                // pupil adds them afterwards with the receipt code, and is told so).
                Ok(_) => (
                    StatusCode::OK,
                    views::report::in_danger(&state.site, &school, &input, with_pictures),
                ),
            };
            return Ok(html_for(&req, status, page));
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
    let pictures = match clean(&state, uploads).await? {
        Ok(pictures) => pictures,
        Err(refusal) => {
            let school = find_school(&state, &slug).await?;
            return Ok(html_for(
                &req,
                refusal_status(refusal),
                views::report::form(
                    &state.site,
                    &school,
                    &input,
                    &[FieldError::new("pictures", refusal.msg())],
                ),
            ));
        }
    };
    drop(turn);
    let slug = SchoolSlug::parse(&slug).map_err(|_| AppError::NotFound)?;
    let urgent = report.happening_now;
    let sent_pictures = pictures.len();
    let submitted = state
        .run(move |conn, ctx| pupil::submit(conn, ctx, &slug, &report, &pictures))
        .await?;
    state.mail_waker.wake();
    Ok(html_for(
        &req,
        StatusCode::OK,
        views::report::sent(
            &state.site,
            &submitted.school,
            &submitted.receipt,
            urgent,
            sent_pictures,
        ),
    ))
}

/// Makes every picture anew from its pixels, on the blocking pool (it is heavy work).
pub async fn clean(
    state: &AppState,
    uploads: Vec<Upload>,
) -> Result<Result<Vec<Clean>, Refusal>, AppError> {
    if uploads.is_empty() {
        return Ok(Ok(Vec::new()));
    }
    let pictures = uploads.into_iter().map(|u| (u.bytes, u.declared)).collect();
    state
        .cleaner
        .clean(pictures)
        .await
        .ok_or_else(|| AppError::Internal(anyhow::anyhow!("the picture cleaner has stopped")))
}

/// The status of a refused picture: the wrong kind of file, or one that cannot be used.
pub fn refusal_status(refusal: Refusal) -> StatusCode {
    match refusal {
        Refusal::Heic | Refusal::NotAPicture | Refusal::Mismatch => {
            StatusCode::UNSUPPORTED_MEDIA_TYPE
        }
        Refusal::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
        Refusal::Unreadable | Refusal::Empty => StatusCode::BAD_REQUEST,
    }
}
