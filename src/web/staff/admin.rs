//! Administration: schools, people, roles and school settings. Administrators see no
//! report text unless they are also routed recipients.

use std::collections::HashMap;

use actix_web::http::StatusCode;
use actix_web::web::{self, ServiceConfig};
use actix_web::HttpResponse;
use serde::Deserialize;

use crate::app::people::{self, AdminError, NewPerson};
use crate::crypto::sealed_box::recovery_key_to_text;
use crate::domain::choices::Role;
use crate::domain::ids::{SchoolId, UserId};
use crate::domain::language::Language;
use crate::domain::msg::{FieldError, Msg};
use crate::domain::person::Email;
use crate::domain::school::{NewSchool, SchoolSettings, SchoolSlug};
use crate::views;
use crate::web::error::AppError;
use crate::web::extract::{with_viewer, AdminSession, CsrfForm};
use crate::web::respond::{html_response, see_other};
use crate::web::state::AppState;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.route("/staff/admin", web::get().to(overview))
        .route("/staff/admin/schools", web::post().to(add_school))
        .route("/staff/admin/schools/{id}", web::post().to(school_settings))
        .route("/staff/admin/people", web::post().to(add_person))
        .route(
            "/staff/admin/people/{id}/{action}",
            web::post().to(person_action),
        )
        .route("/staff/admin/roles", web::post().to(grant))
        .route("/staff/admin/roles/revoke", web::post().to(revoke))
        .route("/staff/admin/outbox", web::get().to(outbox))
        .route("/staff/admin/schools/{id}/poster", web::get().to(poster))
        .route(
            "/staff/admin/schools/{id}/poster.svg",
            web::get().to(poster_svg),
        );
}

async fn school_for(
    state: &AppState,
    session: &AdminSession,
    raw: &str,
) -> Result<crate::store::schools::School, AppError> {
    let id: crate::domain::ids::SchoolId = raw.parse().map_err(|_| AppError::NotFound)?;
    let who = session.admin.clone();
    state
        .run(move |conn, _| people::schools(conn, &who))
        .await?
        .into_iter()
        .find(|s| s.id == id)
        .ok_or(AppError::NotFound)
}

/// The poster's language, chosen on its page (English unless another has a catalogue).
#[derive(Deserialize)]
struct PosterQuery {
    language: Option<String>,
}

impl PosterQuery {
    fn language(&self) -> Language {
        self.language
            .as_deref()
            .and_then(Language::from_code)
            .unwrap_or(Language::SOURCE)
    }
}

/// The school's printable poster.
async fn poster(
    state: web::Data<AppState>,
    session: AdminSession,
    id: web::Path<String>,
    query: web::Query<PosterQuery>,
) -> Result<HttpResponse, AppError> {
    let school = school_for(&state, &session, &id).await?;
    let tr = state.catalogues.tr(query.language());
    Ok(html_response(
        StatusCode::OK,
        with_viewer(&session.signed_in, |v| {
            views::poster::poster_page(&state.site, v, &school, &state.config.public_url, &tr)
        }),
    ))
}

/// The same poster as an A4 SVG file.
async fn poster_svg(
    state: web::Data<AppState>,
    session: AdminSession,
    id: web::Path<String>,
    query: web::Query<PosterQuery>,
) -> Result<HttpResponse, AppError> {
    let school = school_for(&state, &session, &id).await?;
    let tr = state.catalogues.tr(query.language());
    Ok(HttpResponse::Ok()
        .content_type("image/svg+xml")
        .insert_header((
            actix_web::http::header::CONTENT_DISPOSITION,
            format!(
                "attachment; filename=\"confide-poster-{}.svg\"",
                school.slug
            ),
        ))
        .insert_header((
            actix_web::http::header::CONTENT_SECURITY_POLICY,
            "default-src 'none'; style-src 'unsafe-inline'; sandbox",
        ))
        .body(views::poster::poster_svg(
            &school,
            &state.config.public_url,
            &tr,
        )))
}

/// Back to the overview, whose banner says what was `done`.
fn back(done: &str) -> HttpResponse {
    see_other(&format!("/staff/admin?done={done}"))
}

fn refused(msg: Msg) -> FieldError {
    FieldError::new("admin", msg)
}

async fn render_overview(
    state: &AppState,
    session: &AdminSession,
    errors: &[FieldError],
    notice: Option<&str>,
) -> Result<HttpResponse, AppError> {
    let who = session.admin.clone();
    let overview = state
        .run(move |conn, _| people::overview(conn, &who))
        .await?;
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::BAD_REQUEST
    };
    Ok(html_response(
        status,
        with_viewer(&session.signed_in, |v| {
            views::admin::overview(&state.site, v, &overview, errors, notice)
        }),
    ))
}

/// The answer to a change: done, shown as a refusal on the overview, or an error.
async fn answer<T>(
    state: &AppState,
    session: &AdminSession,
    result: Result<T, AdminError>,
    done: impl FnOnce(T) -> HttpResponse,
) -> Result<HttpResponse, AppError> {
    match result {
        Ok(value) => Ok(done(value)),
        Err(AdminError::Refused(msg)) => {
            render_overview(state, session, &[refused(msg)], None).await
        }
        Err(other) => Err(other.into()),
    }
}

#[derive(Deserialize)]
struct DoneQuery {
    /// The change just made, for the banner that says so.
    done: Option<String>,
}

async fn overview(
    state: web::Data<AppState>,
    session: AdminSession,
    query: web::Query<DoneQuery>,
) -> Result<HttpResponse, AppError> {
    let notice = query.done.as_deref().and_then(views::admin::done_notice);
    render_overview(&state, &session, &[], notice).await
}

#[derive(Deserialize)]
struct NewSchoolForm {
    slug: Option<String>,
    name: Option<String>,
    hours: Option<String>,
}

async fn add_school(
    state: web::Data<AppState>,
    session: AdminSession,
    form: CsrfForm<NewSchoolForm>,
) -> Result<HttpResponse, AppError> {
    let form = form.0;
    let v = |o: &Option<String>| o.clone().unwrap_or_default();
    let new =
        SchoolSlug::parse(&v(&form.slug)).and_then(|slug| NewSchool::new(slug, &v(&form.name)));
    let mut new = match new {
        Ok(new) => new,
        Err(msg) => return render_overview(&state, &session, &[refused(msg)], None).await,
    };
    let hours = v(&form.hours);
    if !hours.trim().is_empty() {
        new.reading_hours = hours.trim().to_owned();
    }
    let who = session.admin.clone();
    let created = state
        .run(move |conn, ctx| people::add_school(conn, ctx, &who, &new))
        .await;
    answer(&state, &session, created, |(school, key)| {
        let text = recovery_key_to_text(&key);
        html_response(
            StatusCode::OK,
            with_viewer(&session.signed_in, |v| {
                views::admin::shown_once(
                    &state.site,
                    v,
                    &format!("Recovery key for {}", school.name),
                    &text,
                    &[
                        "It opens every report for this school. Print it or write it down and lock it away (for example in the school safe).",
                        "You need it to give a new member of staff access to old reports when no one else can, and to read reports sent while no one was set up to receive them.",
                        "Next, give people roles at this school so reports reach them.",
                    ],
                )
            }),
        )
    })
    .await
}

async fn school_settings(
    state: web::Data<AppState>,
    session: AdminSession,
    id: web::Path<SchoolId>,
    form: CsrfForm<HashMap<String, String>>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let field = |name: &str| {
        form.0
            .get(&format!("{name}-{id}"))
            .cloned()
            .unwrap_or_default()
    };
    let retention = [
        field("keep-anonymous"),
        field("keep-named"),
        field("keep-staff"),
    ];
    let settings = match SchoolSettings::parse(
        &field("hours"),
        &field("schedule"),
        &field("ack"),
        [&retention[0], &retention[1], &retention[2]],
    ) {
        Ok(settings) => settings,
        Err(msg) => return render_overview(&state, &session, &[refused(msg)], None).await,
    };
    let who = session.admin.clone();
    let changed = state
        .run(move |conn, ctx| people::change_school_settings(conn, ctx, &who, id, &settings))
        .await;
    answer(&state, &session, changed, |()| back("settings")).await
}

#[derive(Deserialize)]
struct NewPersonForm {
    email: Option<String>,
    name: Option<String>,
    admin: Option<String>,
}

async fn add_person(
    state: web::Data<AppState>,
    session: AdminSession,
    form: CsrfForm<NewPersonForm>,
) -> Result<HttpResponse, AppError> {
    let form = form.0;
    let email = match Email::parse(form.email.as_deref().unwrap_or_default()) {
        Ok(email) => email,
        Err(msg) => return render_overview(&state, &session, &[refused(msg)], None).await,
    };
    let name = form.name.unwrap_or_default();
    let is_admin = form.admin.is_some();
    let who = session.admin.clone();
    let created = state
        .run(move |conn, ctx| {
            people::add_person(
                conn,
                ctx,
                &who,
                &NewPerson {
                    email,
                    name: &name,
                    is_admin,
                    password: None,
                },
            )
        })
        .await;
    answer(&state, &session, created, |created| {
        html_response(
            StatusCode::OK,
            with_viewer(&session.signed_in, |v| {
                views::admin::shown_once(
                    &state.site,
                    v,
                    &format!("Temporary password for {}", created.user.name),
                    &created.password,
                    &["Give it to them in person or by phone, never by email. They must choose their own password when they first sign in.", "Then give them a role at their school."],
                )
            }),
        )
    })
    .await
}

#[derive(Deserialize)]
struct NoFields {}

async fn person_action(
    state: web::Data<AppState>,
    session: AdminSession,
    path: web::Path<(UserId, String)>,
    _: CsrfForm<NoFields>,
) -> Result<HttpResponse, AppError> {
    let (user, action) = path.into_inner();
    let who = session.admin.clone();
    match action.as_str() {
        "disable" | "enable" => {
            let disabled = action == "disable";
            let changed = state
                .run(move |conn, ctx| people::set_disabled(conn, ctx, &who, user, disabled))
                .await;
            let done = if disabled { "disabled" } else { "enabled" };
            answer(&state, &session, changed, |_| back(done)).await
        }
        "reset" => {
            let reset = state
                .run(move |conn, ctx| people::reset_password(conn, ctx, &who, user))
                .await;
            answer(&state, &session, reset, |(person, password)| {
                html_response(
                    StatusCode::OK,
                    with_viewer(&session.signed_in, |v| {
                        views::admin::shown_once(
                            &state.site,
                            v,
                            &format!("New temporary password for {}", person.name),
                            &password,
                            &["Their old key is gone, so they cannot read reports until a colleague who can signs in (which shares them again) or someone uses the school's recovery key."],
                        )
                    }),
                )
            })
            .await
        }
        "reset-2fa" => {
            let reset = state
                .run(move |conn, ctx| people::reset_two_factor(conn, ctx, &who, user))
                .await;
            answer(&state, &session, reset, |_| back("two-factor-reset")).await
        }
        _ => Err(AppError::NotFound),
    }
}

#[derive(Deserialize)]
struct RoleForm {
    school: Option<String>,
    user: Option<String>,
    role: Option<String>,
}

impl RoleForm {
    fn parts(&self) -> Option<(SchoolId, UserId, Role)> {
        Some((
            self.school.as_deref()?.parse().ok()?,
            self.user.as_deref()?.parse().ok()?,
            Role::parse(self.role.as_deref()?)?,
        ))
    }
}

async fn grant(
    state: web::Data<AppState>,
    session: AdminSession,
    form: CsrfForm<RoleForm>,
) -> Result<HttpResponse, AppError> {
    let Some((school, user, role)) = form.0.parts() else {
        return render_overview(&state, &session, &[refused(Msg::RoleFormIncomplete)], None).await;
    };
    let who = session.admin.clone();
    let granted = state
        .run(move |conn, ctx| people::grant_role(conn, ctx, &who, school, user, role))
        .await;
    answer(&state, &session, granted, |()| back("granted")).await
}

async fn revoke(
    state: web::Data<AppState>,
    session: AdminSession,
    form: CsrfForm<RoleForm>,
) -> Result<HttpResponse, AppError> {
    let Some((school, user, role)) = form.0.parts() else {
        return Err(AppError::BadRequest("incomplete role form"));
    };
    let who = session.admin.clone();
    let revoked = state
        .run(move |conn, ctx| people::revoke_role(conn, ctx, &who, school, user, role))
        .await;
    answer(&state, &session, revoked, |_| back("revoked")).await
}

async fn outbox(
    state: web::Data<AppState>,
    session: AdminSession,
) -> Result<HttpResponse, AppError> {
    let who = session.admin.clone();
    let outbox = state
        .run(move |conn, ctx| people::outbox(conn, ctx, &who))
        .await?;
    let transport = format!("{:?}", state.config.mail);
    Ok(html_response(
        StatusCode::OK,
        with_viewer(&session.signed_in, |v| {
            views::admin::outbox(&state.site, v, &outbox, &transport)
        }),
    ))
}
