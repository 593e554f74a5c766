//! Sign in, sign out and change password.

use actix_web::cookie::{Cookie, SameSite};
use actix_web::http::{header, StatusCode};
use actix_web::web::{self, ServiceConfig};
use actix_web::{HttpRequest, HttpResponse};
use serde::Deserialize;
use zeroize::Zeroizing;

use super::{with_viewer, Staff};
use crate::accounts::users::{self, MIN_PASSWORD_CHARS};
use crate::accounts::{sessions, sharing};
use crate::audit;
use crate::error::AppError;
use crate::reports::form::FieldError;
use crate::views;
use crate::web::{html_response, AppState};

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(
        web::resource("/staff/login")
            .route(web::get().to(show_login))
            .route(web::post().to(login)),
    )
    .route("/staff/logout", web::post().to(logout))
    .service(
        web::resource("/staff/password")
            .route(web::get().to(show_password))
            .route(web::post().to(change_password)),
    );
}

#[derive(Deserialize)]
struct LoginForm {
    email: Option<String>,
    password: Option<Zeroizing<String>>,
}

/// The one message for every failed sign-in, so it never says which part was wrong.
const BAD_SIGN_IN: FieldError = FieldError {
    field: "email",
    message: "Enter a correct email address and password",
};

async fn show_login(state: web::Data<AppState>) -> HttpResponse {
    html_response(StatusCode::OK, views::staff::login(&state.site, &[], ""))
}

fn session_cookie<'a>(state: &AppState, value: &'a str) -> Cookie<'a> {
    Cookie::build(state.config.session_cookie.clone(), value)
        .path("/")
        .http_only(true)
        .secure(state.config.uses_tls())
        .same_site(SameSite::Strict)
        .finish()
}

async fn login(
    req: HttpRequest,
    state: web::Data<AppState>,
    form: web::Form<LoginForm>,
) -> Result<HttpResponse, AppError> {
    let email = form.email.clone().unwrap_or_default();
    if state.limits.check_sign_in(&req).is_err() {
        return Ok(html_response(
            StatusCode::TOO_MANY_REQUESTS,
            views::staff::login(
                &state.site,
                &[FieldError {
                    field: "email",
                    message: "Too many sign-in attempts. Wait a minute and try again",
                }],
                &email,
            ),
        ));
    }
    let password = form.password.clone().unwrap_or_default();
    let given = email.clone();
    let signed_in = crate::db::run(&state.pool, move |conn| {
        let Some((user, key)) = sessions::check_credentials(conn, &given, &password)? else {
            return Ok(None);
        };
        // Colleagues who joined since this person last signed in get the reports they
        // should see now, while this person's key is open.
        let shared = sharing::share_pending(conn, &user, &key)?;
        if shared > 0 {
            tracing::info!(shared, "report keys shared at sign-in");
        }
        let token = sessions::create(conn, &user, &key)?;
        audit::record(
            conn,
            &audit::Actor::user(user.id, &user.name),
            None,
            "Signed in",
            "",
        )?;
        Ok(Some((token, user.must_change_password)))
    })
    .await?;
    let Some((token, must_change)) = signed_in else {
        return Ok(html_response(
            StatusCode::OK,
            views::staff::login(&state.site, &[BAD_SIGN_IN], &email),
        ));
    };
    let target = if must_change {
        "/staff/password"
    } else {
        "/staff"
    };
    Ok(HttpResponse::SeeOther()
        .insert_header((header::LOCATION, target))
        .cookie(session_cookie(&state, token.as_str()))
        .finish())
}

#[derive(Deserialize)]
struct CsrfForm {
    csrf: Option<String>,
}

async fn logout(
    state: web::Data<AppState>,
    staff: Staff,
    form: web::Form<CsrfForm>,
) -> Result<HttpResponse, AppError> {
    staff.check_csrf(form.csrf.as_deref().unwrap_or_default())?;
    let token = staff.0.token.clone();
    let actor = staff.actor();
    crate::db::run(&state.pool, move |conn| {
        sessions::delete(conn, &token)?;
        audit::record(conn, &actor, None, "Signed out", "")
    })
    .await?;
    let mut gone = session_cookie(&state, "");
    gone.make_removal();
    Ok(HttpResponse::SeeOther()
        .insert_header((header::LOCATION, "/staff/login"))
        .cookie(gone)
        .finish())
}

async fn show_password(state: web::Data<AppState>, staff: Staff) -> HttpResponse {
    let forced = staff.0.user.must_change_password;
    html_response(
        StatusCode::OK,
        with_viewer(&staff, |v| {
            views::staff::change_password(&state.site, v, &[], forced)
        }),
    )
}

#[derive(Deserialize)]
struct PasswordForm {
    csrf: Option<String>,
    current: Option<Zeroizing<String>>,
    new: Option<Zeroizing<String>>,
    confirm: Option<Zeroizing<String>>,
}

async fn change_password(
    state: web::Data<AppState>,
    staff: Staff,
    form: web::Form<PasswordForm>,
) -> Result<HttpResponse, AppError> {
    staff.check_csrf(form.csrf.as_deref().unwrap_or_default())?;
    let current = form.current.clone().unwrap_or_default();
    let new = form.new.clone().unwrap_or_default();
    let confirm = form.confirm.clone().unwrap_or_default();
    let problem = if new.chars().count() < MIN_PASSWORD_CHARS {
        Some(FieldError {
            field: "new",
            message: "Use at least 12 characters",
        })
    } else if *new != *confirm {
        Some(FieldError {
            field: "confirm",
            message: "The two new passwords are different",
        })
    } else if *new == *current {
        Some(FieldError {
            field: "new",
            message: "Choose a password different from the current one",
        })
    } else {
        None
    };
    let user = staff.0.user.clone();
    let key = staff.0.private_key.clone();
    let token = staff.0.token.clone();
    let actor = staff.actor();
    let checked = match problem {
        Some(p) => Err(p),
        None => {
            crate::db::run(&state.pool, move |conn| {
                if !crate::crypto::password::verify_password(&user.password_hash, &current) {
                    return Ok(Err(FieldError {
                        field: "current",
                        message: "Your current password is wrong",
                    }));
                }
                let key = users::change_password(conn, &user, &key, &new)?;
                sessions::after_password_change(conn, &token, user.id, &key)?;
                audit::record(conn, &actor, None, "Changed password", "")?;
                Ok(Ok(()))
            })
            .await?
        }
    };
    Ok(match checked {
        Ok(()) => HttpResponse::SeeOther()
            .insert_header((header::LOCATION, "/staff"))
            .finish(),
        Err(problem) => {
            let forced = staff.0.user.must_change_password;
            html_response(
                StatusCode::BAD_REQUEST,
                with_viewer(&staff, |v| {
                    views::staff::change_password(&state.site, v, &[problem], forced)
                }),
            )
        }
    })
}
