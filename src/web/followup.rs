//! Pupil follow-up routes: enter the receipt code, read the conversation, add a message.

use actix_web::http::StatusCode;
use actix_web::web::{self, ServiceConfig};
use actix_web::{HttpRequest, HttpResponse};
use serde::Deserialize;

use super::{html_for, html_response, AppError, AppState};
use crate::app::pupil;
use crate::crypto::receipt::ReceiptCode;
use crate::domain::msg::FieldError;
use crate::domain::report::followup_message;
use crate::views;
use crate::views::followup::CODE_NOT_FOUND;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(
        web::resource("/followup")
            .route(web::get().to(enter_code))
            .route(web::post().to(open)),
    )
    .route("/followup/message", web::post().to(add_message));
}

/// The code (and a message) as posted. Never printed.
#[derive(Deserialize)]
struct FollowupForm {
    code: Option<String>,
    message: Option<String>,
}

impl std::fmt::Debug for FollowupForm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("FollowupForm(<redacted>)")
    }
}

async fn enter_code(state: web::Data<AppState>) -> HttpResponse {
    html_response(
        StatusCode::OK,
        views::followup::enter_code(&state.site, &[], ""),
    )
}

fn not_found(req: &HttpRequest, state: &AppState, typed: &str) -> HttpResponse {
    // Only a plausible amount of what was typed is shown again.
    let typed: String = typed.chars().take(40).collect();
    html_for(
        req,
        StatusCode::OK,
        views::followup::enter_code(&state.site, &[CODE_NOT_FOUND], &typed),
    )
}

async fn open(
    req: HttpRequest,
    state: web::Data<AppState>,
    form: web::Form<FollowupForm>,
) -> Result<HttpResponse, AppError> {
    state.limits.check_receipt(&req)?;
    let Some(code) = form.code.as_deref().and_then(ReceiptCode::parse) else {
        return Ok(not_found(
            &req,
            &state,
            form.code.as_deref().unwrap_or_default(),
        ));
    };
    let lookup = code.clone();
    let view = state
        .run(move |conn, ctx| pupil::view(conn, ctx, &lookup))
        .await?;
    Ok(match view {
        Some(view) => html_for(
            &req,
            StatusCode::OK,
            views::followup::conversation(&state.site, &view, &code, None, &[], ""),
        ),
        None => not_found(&req, &state, form.code.as_deref().unwrap_or_default()),
    })
}

async fn add_message(
    req: HttpRequest,
    state: web::Data<AppState>,
    form: web::Form<FollowupForm>,
) -> Result<HttpResponse, AppError> {
    state.limits.check_receipt(&req)?;
    let Some(code) = form.code.as_deref().and_then(ReceiptCode::parse) else {
        return Ok(not_found(
            &req,
            &state,
            form.code.as_deref().unwrap_or_default(),
        ));
    };
    let typed = form.message.as_deref().unwrap_or_default();
    let checked = followup_message(typed);
    let lookup = code.clone();
    let to_send = checked.clone().ok();
    let view = state
        .run(move |conn, ctx| match to_send {
            Some(text) => pupil::add_message(conn, ctx, &lookup, &text),
            None => pupil::view(conn, ctx, &lookup),
        })
        .await?;
    let Some(view) = view else {
        return Ok(not_found(
            &req,
            &state,
            form.code.as_deref().unwrap_or_default(),
        ));
    };
    if checked.is_ok() {
        state.mail_waker.wake();
    }
    let text = typed.replace("\r\n", "\n").trim().to_owned();
    let problem = checked.err();
    Ok(match problem {
        Some(message) => html_for(
            &req,
            StatusCode::BAD_REQUEST,
            views::followup::conversation(
                &state.site,
                &view,
                &code,
                None,
                &[FieldError::new("message", message)],
                &text,
            ),
        ),
        None => html_for(
            &req,
            StatusCode::OK,
            views::followup::conversation(
                &state.site,
                &view,
                &code,
                Some("Your message has been sent"),
                &[],
                "",
            ),
        ),
    })
}
