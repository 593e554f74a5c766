//! `/staff/admin/on-call`: administrators set up on-call chains, their contacts and the
//! schools they cover.

use actix_web::http::StatusCode;
use actix_web::web::{self, ServiceConfig};
use actix_web::HttpResponse;
use serde::Deserialize;

use crate::app::people::{self, AdminError};
use crate::app::rota;
use crate::domain::msg::FieldError;
use crate::views;
use crate::web::error::AppError;
use crate::web::extract::{with_viewer, AdminSession, CsrfForm};
use crate::web::respond::{html_response, see_other};
use crate::web::state::AppState;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.route("/staff/admin/on-call", web::get().to(show))
        .route("/staff/admin/on-call/chains", web::post().to(add_chain))
        .route("/staff/admin/on-call/contacts", web::post().to(add_contact))
        .route(
            "/staff/admin/on-call/contacts/remove",
            web::post().to(remove_contact),
        )
        .route("/staff/admin/on-call/schools", web::post().to(cover_school));
}

#[derive(Deserialize)]
struct DoneQuery {
    done: Option<String>,
}

async fn show(
    state: web::Data<AppState>,
    session: AdminSession,
    query: web::Query<DoneQuery>,
) -> Result<HttpResponse, AppError> {
    let notice = query.done.as_deref().and_then(views::on_call::done_notice);
    render(&state, &session, &[], notice).await
}

async fn render(
    state: &AppState,
    session: &AdminSession,
    errors: &[FieldError],
    notice: Option<&str>,
) -> Result<HttpResponse, AppError> {
    let who = session.admin.clone();
    let (chains, schools) = state
        .run(move |conn, _| {
            let chains = rota::overview(conn)?;
            Ok::<_, AdminError>((chains, people::schools(conn, &who)?))
        })
        .await?;
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::BAD_REQUEST
    };
    Ok(html_response(
        status,
        with_viewer(&session.signed_in, |v| {
            views::on_call::page_of_chains(&state.site, v, &chains, &schools, errors, notice)
        }),
    ))
}

/// Done (back to the page with a banner), refused (the page with the reason), or an error.
async fn answer(
    state: &AppState,
    session: &AdminSession,
    result: Result<(), AdminError>,
    field: &'static str,
    done: &str,
) -> Result<HttpResponse, AppError> {
    match result {
        Ok(()) => Ok(see_other(&format!("/staff/admin/on-call?done={done}"))),
        Err(AdminError::Refused(msg)) => {
            render(state, session, &[FieldError::new(field, msg)], None).await
        }
        Err(other) => Err(other.into()),
    }
}

#[derive(Deserialize)]
struct ChainForm {
    name: Option<String>,
    minutes: Option<String>,
}

async fn add_chain(
    state: web::Data<AppState>,
    session: AdminSession,
    form: CsrfForm<ChainForm>,
) -> Result<HttpResponse, AppError> {
    let ChainForm { name, minutes } = form.0;
    let who = session.admin.clone();
    let added = state
        .run(move |conn, ctx| {
            let (name, minutes) = (name.unwrap_or_default(), minutes.unwrap_or_default());
            rota::add_chain(conn, ctx, &who, &name, &minutes)
        })
        .await;
    answer(&state, &session, added, "chain-name", "chain").await
}

#[derive(Deserialize)]
struct ContactForm {
    chain: Option<String>,
    email: Option<String>,
    phone: Option<String>,
    hours: Option<String>,
}

async fn add_contact(
    state: web::Data<AppState>,
    session: AdminSession,
    form: CsrfForm<ContactForm>,
) -> Result<HttpResponse, AppError> {
    let form = form.0;
    let who = session.admin.clone();
    let added = state
        .run(move |conn, ctx| {
            let v = |o: Option<String>| o.unwrap_or_default();
            let (chain, email) = (v(form.chain), v(form.email));
            let (phone, hours) = (v(form.phone), v(form.hours));
            rota::add_contact(conn, ctx, &who, &chain, &email, &phone, &hours)
        })
        .await;
    answer(&state, &session, added, "on-call", "contact").await
}

#[derive(Deserialize)]
struct RemoveForm {
    chain: Option<String>,
    contact: Option<i64>,
}

async fn remove_contact(
    state: web::Data<AppState>,
    session: AdminSession,
    form: CsrfForm<RemoveForm>,
) -> Result<HttpResponse, AppError> {
    let RemoveForm { chain, contact } = form.0;
    let contact = contact.ok_or(AppError::NotFound)?;
    let who = session.admin.clone();
    let removed = state
        .run(move |conn, ctx| {
            rota::remove_contact(conn, ctx, &who, &chain.unwrap_or_default(), contact)
        })
        .await;
    answer(&state, &session, removed, "on-call", "removed").await
}

#[derive(Deserialize)]
struct SchoolForm {
    chain: Option<String>,
    school: Option<String>,
    cover: Option<String>,
}

async fn cover_school(
    state: web::Data<AppState>,
    session: AdminSession,
    form: CsrfForm<SchoolForm>,
) -> Result<HttpResponse, AppError> {
    let SchoolForm {
        chain,
        school,
        cover,
    } = form.0;
    let chain = chain.filter(|_| cover.as_deref() != Some("off"));
    let who = session.admin.clone();
    let changed = state
        .run(move |conn, ctx| {
            rota::cover_school(
                conn,
                ctx,
                &who,
                &school.unwrap_or_default(),
                chain.as_deref(),
            )
        })
        .await;
    answer(&state, &session, changed, "on-call", "school").await
}
