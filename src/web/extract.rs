//! What staff handlers take instead of checking by hand: [`StaffSession`] (a signed-in person
//! whose session may do everything), [`AdminSession`] (the same, and an administrator),
//! [`Verified`] (past the second factor, for the pages that move a session on: a new
//! password, setting up an app), [`Pending`] (any live session: signing out) and
//! [`CsrfForm`] (a posted form whose anti-forgery token matched the session). A handler
//! that takes them cannot forget a check.

use std::future::Future;
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::web::{self, Bytes};
use actix_web::{FromRequest, HttpRequest};
use serde::de::DeserializeOwned;
use serde::Deserialize;

use super::error::AppError;
use super::state::AppState;
use crate::app::sessions::{self, SessionState, SignedIn};
use crate::crypto::session::SessionToken;
use crate::views::staff::Viewer;

fn state(req: &HttpRequest) -> Result<web::Data<AppState>, AppError> {
    req.app_data::<web::Data<AppState>>()
        .cloned()
        .ok_or_else(|| AppError::Internal(anyhow::anyhow!("no app state")))
}

fn cookie_token(req: &HttpRequest, state: &AppState) -> Option<SessionToken> {
    req.cookie(&state.config.session_cookie)
        .and_then(|c| SessionToken::parse(c.value()))
}

fn load(req: &HttpRequest) -> Pin<Box<dyn Future<Output = Result<SignedIn, AppError>>>> {
    let state = state(req);
    let token = state.as_ref().ok().and_then(|s| cookie_token(req, s));
    Box::pin(async move {
        let state = state?;
        let token = token.ok_or(AppError::SignInRequired)?;
        state
            .run(move |conn, ctx| sessions::load(conn, ctx, &token))
            .await?
            .ok_or(AppError::SignInRequired)
    })
}

/// Any live session, whatever it still has to do (the password page takes this).
pub struct Pending(pub SignedIn);

impl FromRequest for Pending {
    type Error = AppError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, AppError>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let loading = load(req);
        Box::pin(async move { loading.await.map(Pending) })
    }
}

/// A live session past its second factor (or with none set up yet), whatever else it
/// still has to do: the password and enrolment pages take this.
pub struct Verified(pub SignedIn);

impl FromRequest for Verified {
    type Error = AppError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, AppError>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let loading = load(req);
        Box::pin(async move {
            let signed_in = loading.await?;
            match signed_in.state {
                SessionState::NeedsSecondFactor => Err(AppError::SecondFactorRequired),
                _ => Ok(Verified(signed_in)),
            }
        })
    }
}

/// A signed-in member of staff whose session may do everything. A session that must
/// first change its password is sent to that page; no session, to sign in.
pub struct StaffSession(pub SignedIn);

impl StaffSession {
    pub fn person(&self) -> &crate::app::Staff {
        &self.0.staff
    }
}

fn active(signed_in: SignedIn) -> Result<SignedIn, AppError> {
    match signed_in.state {
        SessionState::Active => Ok(signed_in),
        SessionState::NeedsSecondFactor => Err(AppError::SecondFactorRequired),
        SessionState::MustChangePassword => Err(AppError::PasswordChangeRequired),
        SessionState::MustEnrol => Err(AppError::EnrolmentRequired),
    }
}

impl FromRequest for StaffSession {
    type Error = AppError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, AppError>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let loading = load(req);
        Box::pin(async move { active(loading.await?).map(StaffSession) })
    }
}

/// A signed-in administrator. Anyone else is told the page does not exist.
pub struct AdminSession {
    pub signed_in: SignedIn,
    pub admin: crate::app::Admin,
}

impl FromRequest for AdminSession {
    type Error = AppError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, AppError>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let loading = load(req);
        Box::pin(async move {
            let signed_in = active(loading.await?)?;
            let admin = crate::app::Admin::of(&signed_in.staff).ok_or(AppError::NotFound)?;
            Ok(AdminSession { signed_in, admin })
        })
    }
}

/// Renders with the viewer's name and anti-forgery token.
pub fn with_viewer<T>(signed_in: &SignedIn, render: impl FnOnce(&Viewer<'_>) -> T) -> T {
    let csrf = signed_in.token.csrf_token();
    render(&Viewer {
        user: &signed_in.staff.user,
        csrf: &csrf,
    })
}

#[derive(Deserialize)]
struct CsrfField {
    csrf: Option<String>,
}

/// A posted form whose `csrf` field belongs to the session in the cookie. A forged
/// request changes nothing and gets 403; a body that is not a form gets 400.
pub struct CsrfForm<T>(pub T);

impl<T: DeserializeOwned + 'static> FromRequest for CsrfForm<T> {
    // Reading the body can fail as actix decides (413 for too large), so its errors pass through.
    type Error = actix_web::Error;
    type Future = Pin<Box<dyn Future<Output = Result<Self, actix_web::Error>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let state = state(req);
        let token = state.as_ref().ok().and_then(|s| cookie_token(req, s));
        let is_form = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
        let body = Bytes::from_request(req, payload);
        Box::pin(async move {
            let body = body.await?;
            if !is_form {
                return Err(AppError::BadRequest("not a form").into());
            }
            let posted: CsrfField = serde_urlencoded::from_bytes(&body)
                .map_err(|_| AppError::BadRequest("unreadable form"))?;
            let matches = token
                .zip(posted.csrf)
                .is_some_and(|(token, posted)| token.csrf_matches(&posted));
            if !matches {
                return Err(AppError::Forbidden.into());
            }
            Ok(serde_urlencoded::from_bytes(&body)
                .map(CsrfForm)
                .map_err(|_| AppError::BadRequest("unreadable form"))?)
        })
    }
}
