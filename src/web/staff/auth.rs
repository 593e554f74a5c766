//! Sign in (password, then the code from an authenticator app), sign out, change
//! password, set up two-step sign-in, and confirm it again before sensitive actions.

use actix_web::cookie::{Cookie, SameSite};
use actix_web::http::StatusCode;
use actix_web::web::{self, ServiceConfig};
use actix_web::{HttpRequest, HttpResponse};
use serde::Deserialize;
use zeroize::Zeroizing;

use crate::app::sessions::{self, SessionError, SessionState};
use crate::app::two_factor::{self, CodeStep, EnrolmentStep, TwoFactorError};
use crate::crypto::session::SessionToken;
use crate::domain::msg::{FieldError, Msg};
use crate::views;
use crate::web::error::AppError;
use crate::web::extract::{with_viewer, CsrfForm, Pending, StaffSession, Verified};
use crate::web::respond::{html_response, see_other};
use crate::web::state::AppState;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(
        web::resource("/staff/login")
            .route(web::get().to(show_login))
            .route(web::post().to(login)),
    )
    .service(
        web::resource("/staff/login/code")
            .route(web::get().to(show_code))
            .route(web::post().to(enter_code)),
    )
    .service(
        web::resource("/staff/two-factor")
            .route(web::get().to(show_enrolment))
            .route(web::post().to(confirm_enrolment)),
    )
    .route("/staff/two-factor/start", web::post().to(start_enrolment))
    .service(
        web::resource("/staff/verify")
            .route(web::get().to(show_verify))
            .route(web::post().to(verify)),
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
    /// A staff page to go to once signed in (a notification's link).
    then: Option<String>,
}

/// The one message for every failed sign-in, so it never says which part was wrong.
const BAD_SIGN_IN: FieldError = FieldError::new("email", Msg::BadSignIn);

async fn show_login(state: web::Data<AppState>, query: web::Query<ReturnQuery>) -> HttpResponse {
    let then = safe_return(query.then.as_deref());
    html_response(
        StatusCode::OK,
        views::staff::login(&state.site, &[], "", &then),
    )
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
    let then = safe_return(form.then.as_deref());
    if state.limits.check_sign_in(&req).is_err() {
        return Ok(html_response(
            StatusCode::TOO_MANY_REQUESTS,
            views::staff::login(
                &state.site,
                &[FieldError::new("email", Msg::TooManySignIns)],
                &email,
                &then,
            ),
        ));
    }
    let password = form.password.clone().unwrap_or_default();
    let given = email.clone();
    let (token, next) = state
        .run(move |conn, ctx| sessions::sign_in(conn, ctx, &given, &password))
        .await?;
    // Right or wrong, the answer is the same until the second factor passes.
    signed_in_to(&state, &token, next, &then)
}

/// Where a session goes next, with its cookie: `then` once every step is done.
fn signed_in_to(
    state: &AppState,
    token: &SessionToken,
    next: SessionState,
    then: &str,
) -> Result<HttpResponse, AppError> {
    let target = match next {
        SessionState::Active => then.to_owned(),
        SessionState::NeedsSecondFactor if then != "/staff" => format!(
            "/staff/login/code?{}",
            serde_urlencoded::to_string([("then", then)]).unwrap_or_default()
        ),
        SessionState::NeedsSecondFactor => "/staff/login/code".to_owned(),
        SessionState::MustChangePassword => "/staff/password".to_owned(),
        SessionState::MustEnrol => "/staff/two-factor".to_owned(),
    };
    with_cookie(state, see_other(&target), token)
}

/// The response with the session's (new) cookie.
fn with_cookie(
    state: &AppState,
    mut res: HttpResponse,
    token: &SessionToken,
) -> Result<HttpResponse, AppError> {
    res.add_cookie(&session_cookie(state, token.as_str()))
        .map_err(|e| AppError::Internal(anyhow::anyhow!("cannot set the session cookie: {e}")))?;
    Ok(res)
}

async fn show_code(state: web::Data<AppState>, query: web::Query<ReturnQuery>) -> HttpResponse {
    let then = safe_return(query.then.as_deref());
    html_response(
        StatusCode::OK,
        views::two_factor::sign_in_code(&state.site, &[], &then, query.recovery.is_some()),
    )
}

#[derive(Deserialize)]
struct CodeForm {
    code: Option<Zeroizing<String>>,
    then: Option<String>,
    /// Typed as a recovery code (the page comes back the same way).
    recovery: Option<String>,
}

async fn enter_code(
    req: HttpRequest,
    state: web::Data<AppState>,
    form: web::Form<CodeForm>,
) -> Result<HttpResponse, AppError> {
    let then = safe_return(form.then.as_deref());
    let recovery = form.recovery.is_some();
    if state.limits.check_second_factor(&req).is_err() {
        return Ok(html_response(
            StatusCode::TOO_MANY_REQUESTS,
            views::two_factor::sign_in_code(
                &state.site,
                &[FieldError::new("code", Msg::TooManyCodes)],
                &then,
                recovery,
            ),
        ));
    }
    let token = req
        .cookie(&state.config.session_cookie)
        .and_then(|c| SessionToken::parse(c.value()));
    let typed = form.code.clone().unwrap_or_default();
    let outcome = match token {
        Some(token) => {
            state
                .run(move |conn, ctx| two_factor::complete_sign_in(conn, ctx, &token, &typed))
                .await?
        }
        None => CodeStep::Refused,
    };
    match outcome {
        CodeStep::Done(renewed, next) => signed_in_to(&state, &renewed, next, &then),
        CodeStep::JustUsed => Ok(html_response(
            StatusCode::OK,
            views::two_factor::sign_in_code(
                &state.site,
                &[FieldError::new("code", Msg::CodeJustUsed)],
                &then,
                recovery,
            ),
        )),
        CodeStep::Refused => {
            state.db.metrics().sign_in_failed();
            // Email, password or code: the answer never says which was wrong.
            let mut res = html_response(
                StatusCode::OK,
                views::staff::login(&state.site, &[BAD_SIGN_IN], "", &then),
            );
            let mut gone = session_cookie(&state, "");
            gone.make_removal();
            res.add_cookie(&gone).map_err(|e| {
                AppError::Internal(anyhow::anyhow!("cannot clear the session cookie: {e}"))
            })?;
            Ok(res)
        }
    }
}

async fn show_enrolment(
    state: web::Data<AppState>,
    session: Verified,
) -> Result<HttpResponse, AppError> {
    render_enrolment(&state, session.0, &[]).await
}

async fn render_enrolment(
    state: &AppState,
    session: sessions::SignedIn,
    errors: &[FieldError],
) -> Result<HttpResponse, AppError> {
    match session.state {
        SessionState::NeedsSecondFactor => return Err(AppError::SecondFactorRequired),
        SessionState::MustChangePassword => return Err(AppError::PasswordChangeRequired),
        SessionState::MustEnrol | SessionState::Active => {}
    }
    let required = session.state == SessionState::MustEnrol;
    let for_page = session.clone();
    let step = state
        .run(move |conn, ctx| two_factor::enrolment(conn, ctx, &for_page))
        .await
        .map_err(enrolment_error)?;
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::BAD_REQUEST
    };
    Ok(html_response(
        status,
        with_viewer(&session, |v| match &step {
            EnrolmentStep::NotStarted { replacing } => {
                views::two_factor::enrol_start(&state.site, v, errors, required, *replacing)
            }
            EnrolmentStep::Started(enrolment) => {
                views::two_factor::enrol(&state.site, v, enrolment, errors, required)
            }
        }),
    ))
}

/// A person already enrolled confirms their old factor before setting up a new one.
fn enrolment_error(err: TwoFactorError) -> AppError {
    match err {
        TwoFactorError::StepUp(_) => AppError::StepUpRequired("/staff/two-factor".into()),
        other => other.into(),
    }
}

/// Makes the secret the next page shows as a QR code (a POST, so that showing the page
/// never changes anything).
async fn start_enrolment(
    state: web::Data<AppState>,
    session: Verified,
    _: CsrfForm<NoFields>,
) -> Result<HttpResponse, AppError> {
    let session = session.0;
    match session.state {
        SessionState::NeedsSecondFactor => return Err(AppError::SecondFactorRequired),
        SessionState::MustChangePassword => return Err(AppError::PasswordChangeRequired),
        SessionState::MustEnrol | SessionState::Active => {}
    }
    state
        .run(move |conn, ctx| two_factor::start_enrolment(conn, ctx, &session))
        .await
        .map_err(enrolment_error)?;
    Ok(see_other("/staff/two-factor"))
}

async fn confirm_enrolment(
    req: HttpRequest,
    state: web::Data<AppState>,
    session: Verified,
    form: CsrfForm<CodeForm>,
) -> Result<HttpResponse, AppError> {
    let session = session.0;
    if state.limits.check_second_factor(&req).is_err() {
        return render_enrolment(
            &state,
            session,
            &[FieldError::new("code", Msg::TooManyCodes)],
        )
        .await;
    }
    if !matches!(
        session.state,
        SessionState::MustEnrol | SessionState::Active
    ) {
        return render_enrolment(&state, session, &[]).await;
    }
    let typed = form.0.code.unwrap_or_default();
    let confirming = session.clone();
    let confirmed = state
        .run(move |conn, ctx| two_factor::confirm_enrolment(conn, ctx, &confirming, &typed))
        .await;
    match confirmed {
        Ok((codes, renewed)) => {
            // The page's forms carry the anti-forgery token of the new cookie.
            let session = sessions::SignedIn {
                token: renewed.clone(),
                ..session
            };
            let page = with_viewer(&session, |v| {
                views::two_factor::recovery_codes(&state.site, v, &codes)
            });
            with_cookie(&state, html_response(StatusCode::OK, page), &renewed)
        }
        Err(TwoFactorError::Refused(msg)) => {
            render_enrolment(&state, session, &[FieldError::new("code", msg)]).await
        }
        Err(TwoFactorError::StepUp(_)) => Err(AppError::StepUpRequired("/staff/two-factor".into())),
        Err(other) => Err(other.into()),
    }
}

/// Where to go after confirming: only a staff page of this site.
fn safe_return(then: Option<&str>) -> String {
    match then {
        Some(path)
            if path.starts_with("/staff")
                && !path.contains("//")
                && !path.contains('\\')
                && !path.chars().any(char::is_control) =>
        {
            path.to_owned()
        }
        _ => "/staff".to_owned(),
    }
}

#[derive(Deserialize)]
struct ReturnQuery {
    then: Option<String>,
    /// Show the field for a recovery code instead of the app's code.
    recovery: Option<String>,
}

async fn show_verify(
    state: web::Data<AppState>,
    staff: StaffSession,
    query: web::Query<ReturnQuery>,
) -> HttpResponse {
    let then = safe_return(query.then.as_deref());
    html_response(
        StatusCode::OK,
        with_viewer(&staff.0, |v| {
            views::two_factor::verify(&state.site, v, &then, &[], query.recovery.is_some())
        }),
    )
}

#[derive(Deserialize)]
struct VerifyForm {
    code: Option<Zeroizing<String>>,
    then: Option<String>,
    recovery: Option<String>,
}

async fn verify(
    req: HttpRequest,
    state: web::Data<AppState>,
    staff: StaffSession,
    form: CsrfForm<VerifyForm>,
) -> Result<HttpResponse, AppError> {
    let form = form.0;
    let then = safe_return(form.then.as_deref());
    let recovery = form.recovery.is_some();
    let refused = |msg| {
        html_response(
            StatusCode::BAD_REQUEST,
            with_viewer(&staff.0, |v| {
                views::two_factor::verify(
                    &state.site,
                    v,
                    &then,
                    &[FieldError::new("code", msg)],
                    recovery,
                )
            }),
        )
    };
    if state.limits.check_second_factor(&req).is_err() {
        return Ok(refused(Msg::TooManyCodes));
    }
    let typed = form.code.unwrap_or_default();
    let session = staff.0.clone();
    let confirmed = state
        .run(move |conn, ctx| two_factor::step_up(conn, ctx, &session, &typed))
        .await;
    match confirmed {
        Ok(renewed) => with_cookie(&state, see_other(&then), &renewed),
        Err(TwoFactorError::Refused(msg)) => Ok(refused(msg)),
        Err(other) => Err(other.into()),
    }
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

async fn show_password(state: web::Data<AppState>, session: Verified) -> HttpResponse {
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
    session: Verified,
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
        .await;
    match changed {
        Ok(renewed) => with_cookie(&state, see_other("/staff"), &renewed),
        Err(SessionError::Refused(problem)) => {
            let forced = session.0.state == SessionState::MustChangePassword;
            Ok(html_response(
                StatusCode::BAD_REQUEST,
                with_viewer(&session.0, |v| {
                    views::staff::change_password(&state.site, v, &[problem], forced)
                }),
            ))
        }
        Err(other) => Err(other.into()),
    }
}
