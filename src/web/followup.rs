//! Pupil follow-up routes: enter the receipt code, read the conversation, add a message.

use actix_web::http::StatusCode;
use actix_web::web::{self, ServiceConfig};
use actix_web::{HttpRequest, HttpResponse};
use serde::Deserialize;

use super::error::AppError;
use super::language::Place;
use super::respond::{html_for, html_response};
use super::state::AppState;
use crate::app::pupil;
use crate::crypto::receipt::ReceiptCode;
use crate::domain::msg::{FieldError, Msg};
use crate::domain::report::followup_message;
use crate::views;
use crate::views::followup::{CODE_MISSING, CODE_NOT_FOUND};
use crate::web::report::{clean, refusal_status};
use crate::web::upload::PostedForm;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(
        web::resource("/followup")
            .route(web::get().to(enter_code))
            .route(web::post().to(open)),
    )
    .route("/followup/message", web::post().to(add_message))
    .route("/followup/later", web::post().to(later));
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

async fn enter_code(state: web::Data<AppState>, req: HttpRequest) -> HttpResponse {
    let place = Place::of(&req, &state.catalogues);
    html_response(
        StatusCode::OK,
        views::followup::enter_code(&state.chrome(&place), &[], ""),
    )
}

/// The code box again: asking for the code if none was typed, or else saying no report
/// has the code typed.
fn not_found(req: &HttpRequest, state: &AppState, typed: &str) -> HttpResponse {
    let place = Place::of(req, &state.catalogues);
    let chrome = state.chrome(&place);
    if typed.trim().is_empty() {
        return html_for(
            req,
            StatusCode::BAD_REQUEST,
            views::followup::enter_code(&chrome, &[CODE_MISSING], ""),
        );
    }
    // Only a plausible amount of what was typed is shown again.
    let typed: String = typed.chars().take(40).collect();
    html_for(
        req,
        StatusCode::OK,
        views::followup::enter_code(&chrome, &[CODE_NOT_FOUND], &typed),
    )
}

async fn open(
    req: HttpRequest,
    state: web::Data<AppState>,
    form: web::Form<FollowupForm>,
) -> Result<HttpResponse, AppError> {
    // Nothing typed is no guess at a code: asked for, not counted against the limit.
    if form.code.as_deref().unwrap_or_default().trim().is_empty() {
        return Ok(not_found(&req, &state, ""));
    }
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
    let place = Place::of(&req, &state.catalogues);
    Ok(match view {
        Some(view) => html_for(
            &req,
            StatusCode::OK,
            views::followup::conversation(&state.chrome(&place), &view, &code, None, &[], ""),
        ),
        None => not_found(&req, &state, form.code.as_deref().unwrap_or_default()),
    })
}

async fn add_message(
    req: HttpRequest,
    state: web::Data<AppState>,
    posted: PostedForm<FollowupForm>,
) -> Result<HttpResponse, AppError> {
    state.limits.check_receipt(&req)?;
    let PostedForm {
        fields: form,
        uploads,
        problem,
        turn,
    } = posted;
    let Some(code) = form.code.as_deref().and_then(ReceiptCode::parse) else {
        return Ok(not_found(
            &req,
            &state,
            form.code.as_deref().unwrap_or_default(),
        ));
    };
    let typed = form.message.as_deref().unwrap_or_default();
    let text = typed.replace("\r\n", "\n").trim().to_owned();
    // Pictures alone are a message too.
    let mut checked = match followup_message(typed) {
        Err(Msg::FollowupEmpty) if !uploads.is_empty() => Ok(String::new()),
        other => other.map_err(|msg| (StatusCode::BAD_REQUEST, FieldError::new("message", msg))),
    };
    if let Some(problem) = problem {
        checked = Err((problem.status, FieldError::new("pictures", problem.msg)));
    }
    let pictures = match &checked {
        Ok(_) => match clean(&state, uploads).await? {
            Ok(pictures) => pictures,
            Err(refusal) => {
                checked = Err((
                    refusal_status(refusal),
                    FieldError::new("pictures", refusal.msg()),
                ));
                Vec::new()
            }
        },
        Err(_) => Vec::new(),
    };
    drop(turn);
    let chosen = pictures.len();
    let lookup = code.clone();
    let to_send = checked.clone().ok();
    let view = state
        .run(move |conn, ctx| match to_send {
            Some(text) => pupil::add_message(conn, ctx, &lookup, &text, &pictures),
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
    let place = Place::of(&req, &state.catalogues);
    let chrome = state.chrome(&place);
    let page = |status, notice, problems: &[FieldError], draft: &str| {
        let shown = views::followup::conversation(&chrome, &view, &code, notice, problems, draft);
        html_for(&req, status, shown)
    };
    if chosen > 0 && view.category.forbids_pictures() {
        // Dropped unstored (the app keeps none for this kind); the words, if any, went.
        let sent = !text.is_empty();
        let problem = [FieldError::new("message", Msg::PictureNotKept)];
        let draft = if sent { "" } else { text.as_str() };
        if sent {
            state.mail_waker.wake();
        }
        return Ok(page(
            StatusCode::OK,
            sent.then_some("message-sent"),
            &problem,
            draft,
        ));
    }
    Ok(match checked {
        // Its page has no picture field to name: the problem is that none is kept.
        Err((status, problem))
            if problem.field == "pictures" && view.category.forbids_pictures() =>
        {
            let problem = FieldError::new("message", Msg::PictureNotKept);
            page(status, None, &[problem], &text)
        }
        Err((status, problem)) => page(status, None, &[problem], &text),
        Ok(_) => {
            state.mail_waker.wake();
            page(StatusCode::OK, Some("message-sent"), &[], "")
        }
    })
}

/// A name given later, or a request to talk, as posted. Never printed.
#[derive(Deserialize)]
struct LaterForm {
    code: Option<String>,
    action: Option<String>,
    name: Option<String>,
    contact: Option<String>,
}

impl std::fmt::Debug for LaterForm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("LaterForm(<redacted>)")
    }
}

/// The pupil gives their name later, or asks to talk to someone at school.
async fn later(
    req: HttpRequest,
    state: web::Data<AppState>,
    form: web::Form<LaterForm>,
) -> Result<HttpResponse, AppError> {
    let typed = form.code.as_deref().unwrap_or_default();
    if typed.trim().is_empty() {
        return Ok(not_found(&req, &state, ""));
    }
    state.limits.check_receipt(&req)?;
    let Some(code) = ReceiptCode::parse(typed) else {
        return Ok(not_found(&req, &state, typed));
    };
    let talk = form.action.as_deref() == Some("talk");
    let given = if talk {
        Ok((String::new(), String::new()))
    } else {
        crate::domain::report::name_later(
            form.name.as_deref().unwrap_or_default(),
            form.contact.as_deref().unwrap_or_default(),
        )
    };
    let lookup = code.clone();
    let problem = given.as_ref().err().cloned();
    let view = state
        .run(move |conn, ctx| match given {
            Ok(_) if talk => pupil::ask_to_talk(conn, ctx, &lookup),
            Ok((name, contact)) => pupil::give_name(conn, ctx, &lookup, &name, &contact),
            Err(_) => pupil::view(conn, ctx, &lookup),
        })
        .await?;
    let Some(view) = view else {
        return Ok(not_found(&req, &state, typed));
    };
    state.mail_waker.wake();
    let place = Place::of(&req, &state.catalogues);
    let chrome = state.chrome(&place);
    let (status, notice, errors) = match (problem, talk) {
        (Some(problem), _) => (StatusCode::BAD_REQUEST, None, vec![problem]),
        (None, true) => (StatusCode::OK, Some("talk-done"), Vec::new()),
        (None, false) => (StatusCode::OK, Some("later-done"), Vec::new()),
    };
    Ok(html_for(
        &req,
        status,
        views::followup::conversation(&chrome, &view, &code, notice, &errors, ""),
    ))
}
