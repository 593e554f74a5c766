//! Sign in, sign out and change password.

use actix_web::cookie::{Cookie, SameSite};
use actix_web::http::StatusCode;
use actix_web::web::{self, ServiceConfig};
use actix_web::{HttpRequest, HttpResponse};
use serde::Deserialize;
use zeroize::Zeroizing;

use crate::app::sessions::{self, SessionState};
use crate::domain::msg::{FieldError, Msg};
use crate::views;
use crate::web::extract::{with_viewer, CsrfForm, Pending};
use crate::web::{html_response, see_other, AppError, AppState};

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
const BAD_SIGN_IN: FieldError = FieldError::new("email", Msg::BadSignIn);

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
                &[FieldError::new("email", Msg::TooManySignIns)],
                &email,
            ),
        ));
    }
    let password = form.password.clone().unwrap_or_default();
    let given = email.clone();
    let signed_in = state
        .run(move |conn, ctx| sessions::sign_in(conn, ctx, &given, &password))
        .await?;
    let Some((token, session)) = signed_in else {
        return Ok(html_response(
            StatusCode::OK,
            views::staff::login(&state.site, &[BAD_SIGN_IN], &email),
        ));
    };
    let target = match session {
        SessionState::Active => "/staff",
        SessionState::MustChangePassword => "/staff/password",
    };
    let mut res = see_other(target);
    res.add_cookie(&session_cookie(&state, token.as_str()))
        .map_err(|e| AppError::Internal(anyhow::anyhow!("cannot set the session cookie: {e}")))?;
    Ok(res)
}

#[derive(Deserialize)]
struct NoFields {}

async fn logout(
    state: web::Data<AppState>,
    session: Pending,
    _: CsrfForm<NoFields>,
) -> Result<HttpResponse, AppError> {
    let session = session.0;
    state
        .run(move |conn, ctx| sessions::sign_out(conn, ctx, &session))
        .await?;
    let mut gone = session_cookie(&state, "");
    gone.make_removal();
    let mut res = see_other("/staff/login");
    res.add_cookie(&gone)
        .map_err(|e| AppError::Internal(anyhow::anyhow!("cannot clear the session cookie: {e}")))?;
    Ok(res)
}

async fn show_password(state: web::Data<AppState>, session: Pending) -> HttpResponse {
    let forced = session.0.state == SessionState::MustChangePassword;
    html_response(
        StatusCode::OK,
        with_viewer(&session.0, |v| {
            views::staff::change_password(&state.site, v, &[], forced)
        }),
    )
}

#[derive(Deserialize)]
struct PasswordForm {
    current: Option<Zeroizing<String>>,
    new: Option<Zeroizing<String>>,
    confirm: Option<Zeroizing<String>>,
}

async fn change_password(
    state: web::Data<AppState>,
    session: Pending,
    form: CsrfForm<PasswordForm>,
) -> Result<HttpResponse, AppError> {
    let form = form.0;
    let signed_in = session.0.clone();
    let changed = state
        .run(move |conn, ctx| {
            sessions::change_password(
                conn,
                ctx,
                &signed_in,
                &form.current.unwrap_or_default(),
                &form.new.unwrap_or_default(),
                &form.confirm.unwrap_or_default(),
            )
        })
        .await?;
    Ok(match changed {
        Ok(()) => see_other("/staff"),
        Err(problem) => {
            let forced = session.0.state == SessionState::MustChangePassword;
            html_response(
                StatusCode::BAD_REQUEST,
                with_viewer(&session.0, |v| {
                    views::staff::change_password(&state.site, v, &[problem], forced)
                }),
            )
        }
    })
}
