//! Administration: schools, people, roles and school settings. Administrators see no
//! report text unless they are also routed recipients.

use actix_web::http::{header, StatusCode};
use actix_web::web::{self, ServiceConfig};
use actix_web::HttpResponse;
use diesel::prelude::*;
use serde::Deserialize;
use std::collections::HashMap;

use super::{with_viewer, Staff};
use crate::accounts::roles::{self, Role};
use crate::accounts::sharing;
use crate::accounts::users::{self, Email};
use crate::audit;
use crate::crypto::sealed_box::recovery_key_to_text;
use crate::db::schema::schools as schools_table;
use crate::error::AppError;
use crate::reports::form::FieldError;
use crate::schools::{self, NewSchool, SchoolSlug};
use crate::views;
use crate::web::{html_response, AppState};

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
        .route("/staff/admin/outbox", web::get().to(outbox));
}

/// Non-administrators are told the pages do not exist.
fn require_admin(staff: &Staff) -> Result<(), AppError> {
    if staff.0.user.is_admin {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}

fn back() -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header((header::LOCATION, "/staff/admin"))
        .finish()
}

async fn render_overview(
    state: &AppState,
    staff: &Staff,
    errors: &[FieldError],
) -> Result<HttpResponse, AppError> {
    let (schools, people) = crate::db::run(&state.pool, |conn| {
        let mut with_roles = Vec::new();
        for school in schools::list(conn)? {
            let holders = roles::all_holders(conn, school.id)?;
            with_roles.push((school, holders));
        }
        Ok((with_roles, users::list(conn)?))
    })
    .await?;
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::BAD_REQUEST
    };
    Ok(html_response(
        status,
        with_viewer(staff, |v| {
            views::admin::overview(&state.site, v, &schools, &people, errors)
        }),
    ))
}

async fn overview(state: web::Data<AppState>, staff: Staff) -> Result<HttpResponse, AppError> {
    require_admin(&staff)?;
    render_overview(&state, &staff, &[]).await
}

/// Runs a change with its audit row in one transaction; a refusal (bad input) comes back
/// as a message to show, anything else as an error.
fn refusable<T>(
    conn: &mut crate::db::DbConnection,
    change: impl FnOnce(&mut crate::db::DbConnection) -> Result<T, AppError>,
) -> Result<Result<T, &'static str>, AppError> {
    match crate::db::write_transaction(conn, change) {
        Ok(value) => Ok(Ok(value)),
        Err(AppError::BadRequest(message)) => Ok(Err(message)),
        Err(other) => Err(other),
    }
}

fn refused(message: &'static str) -> FieldError {
    FieldError {
        field: "admin",
        message,
    }
}

#[derive(Deserialize)]
struct NewSchoolForm {
    csrf: Option<String>,
    slug: Option<String>,
    name: Option<String>,
    hours: Option<String>,
}

async fn add_school(
    state: web::Data<AppState>,
    staff: Staff,
    form: web::Form<NewSchoolForm>,
) -> Result<HttpResponse, AppError> {
    require_admin(&staff)?;
    staff.check_csrf(form.csrf.as_deref().unwrap_or_default())?;
    let v = |o: &Option<String>| o.clone().unwrap_or_default();
    let new =
        SchoolSlug::parse(&v(&form.slug)).and_then(|slug| NewSchool::new(slug, &v(&form.name)));
    let mut new = match new {
        Ok(new) => new,
        Err(message) => return render_overview(&state, &staff, &[refused(message)]).await,
    };
    let hours = v(&form.hours);
    if !hours.trim().is_empty() {
        new.reading_hours = hours.trim().to_owned();
    }
    let actor = staff.actor();
    let created = crate::db::run(&state.pool, move |conn| {
        refusable(conn, |conn| {
            let (school, key) = schools::create(conn, &new)?;
            audit::append(conn, &actor, None, "School added", &school.slug)?;
            Ok((school, key))
        })
    })
    .await?;
    let (school, key) = match created {
        Ok(created) => created,
        Err(message) => return render_overview(&state, &staff, &[refused(message)]).await,
    };
    let text = recovery_key_to_text(&key);
    Ok(html_response(
        StatusCode::OK,
        with_viewer(&staff, |v| {
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
    ))
}

async fn school_settings(
    state: web::Data<AppState>,
    staff: Staff,
    id: web::Path<i64>,
    form: web::Form<HashMap<String, String>>,
) -> Result<HttpResponse, AppError> {
    require_admin(&staff)?;
    staff.check_csrf(form.get("csrf").map(String::as_str).unwrap_or_default())?;
    let id = id.into_inner();
    let hours = form
        .get(&format!("hours-{id}"))
        .map(|h| h.trim().to_owned())
        .unwrap_or_default();
    let ack: Option<i32> = form
        .get(&format!("ack-{id}"))
        .and_then(|a| a.trim().parse().ok())
        .filter(|a| (1..=720).contains(a));
    let (Some(ack), false) = (ack, hours.is_empty() || hours.chars().count() > 200) else {
        return render_overview(
            &state,
            &staff,
            &[refused(
                "Give the reading hours and an acknowledgement time between 1 and 720 hours",
            )],
        )
        .await;
    };
    let actor = staff.actor();
    crate::db::run(&state.pool, move |conn| {
        crate::db::write_transaction(conn, |conn| {
            let changed = diesel::update(schools_table::table.find(id))
                .set((
                    schools_table::reading_hours.eq(&hours),
                    schools_table::ack_within_hours.eq(ack),
                ))
                .execute(conn)?;
            if changed == 0 {
                return Err(AppError::NotFound);
            }
            audit::append(
                conn,
                &actor,
                None,
                "School settings changed",
                &format!("school {id}: read {hours}; acknowledge within {ack} hours"),
            )
        })
    })
    .await?;
    Ok(back())
}

#[derive(Deserialize)]
struct NewPersonForm {
    csrf: Option<String>,
    email: Option<String>,
    name: Option<String>,
    admin: Option<String>,
}

async fn add_person(
    state: web::Data<AppState>,
    staff: Staff,
    form: web::Form<NewPersonForm>,
) -> Result<HttpResponse, AppError> {
    require_admin(&staff)?;
    staff.check_csrf(form.csrf.as_deref().unwrap_or_default())?;
    let email = match Email::parse(form.email.as_deref().unwrap_or_default()) {
        Ok(email) => email,
        Err(message) => return render_overview(&state, &staff, &[refused(message)]).await,
    };
    let name = form.name.clone().unwrap_or_default();
    let admin = form.admin.is_some();
    let actor = staff.actor();
    let created = crate::db::run(&state.pool, move |conn| {
        refusable(conn, |conn| {
            let created = users::create(conn, &email, &name, None, admin)?;
            audit::append(conn, &actor, None, "Person added", &created.user.email)?;
            Ok(created)
        })
    })
    .await?;
    let created = match created {
        Ok(created) => created,
        Err(message) => return render_overview(&state, &staff, &[refused(message)]).await,
    };
    Ok(html_response(
        StatusCode::OK,
        with_viewer(&staff, |v| {
            views::admin::shown_once(
                &state.site,
                v,
                &format!("Temporary password for {}", created.user.name),
                &created.password,
                &["Give it to them in person or by phone, never by email. They must choose their own password when they first sign in.", "Then give them a role at their school."],
            )
        }),
    ))
}

#[derive(Deserialize)]
struct CsrfOnly {
    csrf: Option<String>,
}

async fn person_action(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(i64, String)>,
    form: web::Form<CsrfOnly>,
) -> Result<HttpResponse, AppError> {
    require_admin(&staff)?;
    staff.check_csrf(form.csrf.as_deref().unwrap_or_default())?;
    let (user_id, action) = path.into_inner();
    if user_id == staff.0.user.id {
        return render_overview(
            &state,
            &staff,
            &[refused("You cannot change your own account here")],
        )
        .await;
    }
    let actor = staff.actor();
    let reset = crate::db::run(&state.pool, move |conn| {
        let person = users::find(conn, user_id)?;
        match action.as_str() {
            "disable" => users::set_disabled(conn, user_id, true)?,
            "enable" => users::set_disabled(conn, user_id, false)?,
            "reset" => {
                let password = users::reset_password(conn, user_id)?;
                audit::record(conn, &actor, None, "Password reset", &person.email)?;
                return Ok(Some((person.name, password)));
            }
            _ => return Err(AppError::NotFound),
        }
        audit::record(
            conn,
            &actor,
            None,
            if action == "disable" {
                "Person disabled"
            } else {
                "Person enabled"
            },
            &person.email,
        )?;
        Ok(None)
    })
    .await?;
    let Some((name, password)) = reset else {
        return Ok(back());
    };
    Ok(html_response(
        StatusCode::OK,
        with_viewer(&staff, |v| {
            views::admin::shown_once(
                &state.site,
                v,
                &format!("New temporary password for {name}"),
                &password,
                &["Their old key is gone, so they cannot read reports until a colleague who can signs in (which shares them again) or someone uses the school's recovery key."],
            )
        }),
    ))
}

#[derive(Deserialize)]
struct RoleForm {
    csrf: Option<String>,
    school: Option<i64>,
    user: Option<i64>,
    role: Option<String>,
}

impl RoleForm {
    fn parts(&self) -> Option<(i64, i64, Role)> {
        Some((
            self.school?,
            self.user?,
            Role::parse(self.role.as_deref()?)?,
        ))
    }
}

async fn grant(
    state: web::Data<AppState>,
    staff: Staff,
    form: web::Form<RoleForm>,
) -> Result<HttpResponse, AppError> {
    require_admin(&staff)?;
    staff.check_csrf(form.csrf.as_deref().unwrap_or_default())?;
    let Some((school_id, user_id, role)) = form.parts() else {
        return render_overview(
            &state,
            &staff,
            &[refused("Choose a school, a person and a role")],
        )
        .await;
    };
    let actor = staff.actor();
    crate::db::run(&state.pool, move |conn| {
        schools::find(conn, school_id)?;
        let person = users::find(conn, user_id)?;
        roles::grant(conn, school_id, user_id, role)?;
        audit::record(
            conn,
            &actor,
            None,
            "Role granted",
            &format!(
                "{} is {} at school {school_id}",
                person.email,
                role.as_str()
            ),
        )
    })
    .await?;
    Ok(back())
}

async fn revoke(
    state: web::Data<AppState>,
    staff: Staff,
    form: web::Form<RoleForm>,
) -> Result<HttpResponse, AppError> {
    require_admin(&staff)?;
    staff.check_csrf(form.csrf.as_deref().unwrap_or_default())?;
    let Some((school_id, user_id, role)) = form.parts() else {
        return Err(AppError::BadRequest("incomplete role form"));
    };
    let actor = staff.actor();
    crate::db::run(&state.pool, move |conn| {
        sharing::revoke(conn, &actor, school_id, user_id, role)
    })
    .await?;
    Ok(back())
}

async fn outbox(state: web::Data<AppState>, staff: Staff) -> Result<HttpResponse, AppError> {
    require_admin(&staff)?;
    let now = crate::db::now();
    let outbox = crate::db::run(&state.pool, move |conn| {
        crate::mail::outbox::state(conn, now)
    })
    .await?;
    let transport = format!("{:?}", state.config.mail);
    Ok(html_response(
        StatusCode::OK,
        with_viewer(&staff, |v| {
            views::admin::outbox(&state.site, v, &outbox, &transport)
        }),
    ))
}
