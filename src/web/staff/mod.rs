//! Staff routes: sign-in and sessions, the queue, cases and administration.

pub mod admin;
pub mod auth;
pub mod cases;

use std::future::Future;
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::web::{self, ServiceConfig};
use actix_web::{FromRequest, HttpRequest};

use super::AppState;
use crate::accounts::sessions::{self, Session, SessionToken};
use crate::audit::Actor;
use crate::error::AppError;
use crate::views::staff::Viewer;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.configure(auth::configure)
        .configure(cases::configure)
        .configure(admin::configure);
}

/// A request from a signed-in member of staff, their private key opened for it.
/// Without a live session the request goes to the sign-in page; with a temporary
/// password, to the password page.
pub struct Staff(pub Session);

impl Staff {
    pub fn viewer(&self) -> (String, &crate::accounts::users::User) {
        (self.0.token.csrf_token(), &self.0.user)
    }

    pub fn actor(&self) -> Actor {
        Actor::user(self.0.user.id, &self.0.user.name)
    }

    /// Every state change checks the form's anti-forgery token first: a forged
    /// request changes nothing and gets 403.
    pub fn check_csrf(&self, posted: &str) -> Result<(), AppError> {
        if self.0.token.csrf_matches(posted) {
            Ok(())
        } else {
            Err(AppError::Forbidden)
        }
    }
}

/// Renders with the viewer's name and anti-forgery token.
pub fn with_viewer<T>(staff: &Staff, render: impl FnOnce(&Viewer<'_>) -> T) -> T {
    let csrf = staff.0.token.csrf_token();
    render(&Viewer {
        user: &staff.0.user,
        csrf: &csrf,
    })
}

impl FromRequest for Staff {
    type Error = AppError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, AppError>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let state = req.app_data::<web::Data<AppState>>().cloned();
        let token = state.as_ref().and_then(|s| {
            req.cookie(&s.config.session_cookie)
                .and_then(|c| SessionToken::parse(c.value()))
        });
        let on_password_page = req.path() == "/staff/password" || req.path() == "/staff/logout";
        Box::pin(async move {
            let state = state.ok_or_else(|| AppError::Internal(anyhow::anyhow!("no app state")))?;
            let token = token.ok_or(AppError::SignInRequired)?;
            let session = crate::db::run(&state.pool, move |conn| sessions::load(conn, &token))
                .await?
                .ok_or(AppError::SignInRequired)?;
            if session.user.must_change_password && !on_password_page {
                return Err(AppError::PasswordChangeRequired);
            }
            Ok(Staff(session))
        })
    }
}
