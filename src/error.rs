//! The one application error type and its mapping to HTTP status codes.
//!
//! Responses carry only a status here; the friendly page for that status is drawn by
//! `web::errors`, which also covers errors that actix itself produces (404, 413, …).

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError};

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    #[error("bad request: {0}")]
    BadRequest(&'static str),
    #[error("forbidden")]
    Forbidden,
    #[error("too many requests")]
    TooManyRequests,
    /// A staff page without a live session: go to sign in.
    #[error("sign-in required")]
    SignInRequired,
    /// Signed in with a temporary password: choose a new one first.
    #[error("password change required")]
    PasswordChangeRequired,
    #[error("database unavailable: {0}")]
    Unavailable(#[source] diesel::r2d2::PoolError),
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl From<diesel::result::Error> for AppError {
    fn from(err: diesel::result::Error) -> Self {
        match err {
            diesel::result::Error::NotFound => AppError::NotFound,
            other => AppError::Internal(other.into()),
        }
    }
}

impl ResponseError for AppError {
    fn status_code(&self) -> StatusCode {
        match self {
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
            AppError::Forbidden => StatusCode::FORBIDDEN,
            AppError::TooManyRequests => StatusCode::TOO_MANY_REQUESTS,
            AppError::SignInRequired | AppError::PasswordChangeRequired => StatusCode::SEE_OTHER,
            AppError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        match self {
            // The whole cause chain goes to the log; the visitor sees only a kind page.
            AppError::Internal(err) => {
                tracing::error!(error = format!("{err:#}"), "internal error")
            }
            AppError::Unavailable(err) => tracing::error!(error = %err, "database unavailable"),
            _ => {}
        }
        let location = match self {
            AppError::SignInRequired => Some("/staff/login"),
            AppError::PasswordChangeRequired => Some("/staff/password"),
            _ => None,
        };
        if let Some(location) = location {
            return HttpResponse::SeeOther()
                .insert_header((actix_web::http::header::LOCATION, location))
                .finish();
        }
        let mut res = HttpResponse::new(self.status_code());
        if matches!(self, AppError::TooManyRequests) {
            res.headers_mut().insert(
                actix_web::http::header::RETRY_AFTER,
                actix_web::http::header::HeaderValue::from_static("60"),
            );
        }
        res
    }
}
