//! The administrators' reply templates page, and saving one template.

use actix_web::http::StatusCode;
use actix_web::web::{self, ServiceConfig};
use actix_web::HttpResponse;
use serde::Deserialize;

use crate::app::people::AdminError;
use crate::app::replies;
use crate::domain::choices::ReplySlot;
use crate::domain::ids::SchoolId;
use crate::domain::msg::FieldError;
use crate::views;
use crate::web::error::AppError;
use crate::web::extract::{with_viewer, AdminSession, CsrfForm};
use crate::web::respond::{html_response, see_other};
use crate::web::state::AppState;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.route("/staff/admin/replies", web::get().to(show))
        .route("/staff/admin/replies/{school}/{slot}", web::post().to(save));
}

async fn render(
    state: &AppState,
    session: &AdminSession,
    errors: &[FieldError],
    saved: bool,
) -> Result<HttpResponse, AppError> {
    let who = session.admin.clone();
    let schools = state.run(move |conn, _| replies::all(conn, &who)).await?;
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::BAD_REQUEST
    };
    Ok(html_response(
        status,
        with_viewer(&session.signed_in, |v| {
            views::replies::page_of(&state.site, v, &schools, errors, saved)
        }),
    ))
}

#[derive(Deserialize)]
struct SavedQuery {
    saved: Option<String>,
}

async fn show(
    state: web::Data<AppState>,
    session: AdminSession,
    query: web::Query<SavedQuery>,
) -> Result<HttpResponse, AppError> {
    render(&state, &session, &[], query.saved.is_some()).await
}

#[derive(Deserialize)]
struct TemplateForm {
    body: Option<String>,
}

async fn save(
    state: web::Data<AppState>,
    session: AdminSession,
    path: web::Path<(SchoolId, String)>,
    form: CsrfForm<TemplateForm>,
) -> Result<HttpResponse, AppError> {
    let (school, slot) = path.into_inner();
    let slot = ReplySlot::parse(&slot).ok_or(AppError::NotFound)?;
    let body = form.0.body.unwrap_or_default();
    let who = session.admin.clone();
    let saved = state
        .run(move |conn, ctx| replies::edit(conn, ctx, &who, school, slot, &body))
        .await;
    match saved {
        Ok(()) => Ok(see_other("/staff/admin/replies?saved=1")),
        Err(AdminError::Refused(msg)) => {
            render(
                &state,
                &session,
                &[FieldError::new("templates", msg)],
                false,
            )
            .await
        }
        Err(other) => Err(other.into()),
    }
}
