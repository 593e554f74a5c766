//! The one web error type: every use case's error becomes an HTTP status here, and only
//! here. Responses carry only a status; the friendly page for that status is drawn by
//! `middleware::friendly_errors`, which also covers errors actix itself produces (404, 413, …).

use actix_web::http::{header, StatusCode};
use actix_web::{HttpResponse, ResponseError};

use crate::app::cases::CaseError;
use crate::app::people::AdminError;
use crate::app::pupil::PupilError;
use crate::app::sessions::SessionError;
use crate::app::two_factor::TwoFactorError;
use crate::db::DbError;

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
    /// A request body sent compressed: refused rather than inflated.
    #[error("compressed request bodies are not accepted")]
    UnsupportedEncoding,
    /// A staff page without a live session: go to sign in.
    #[error("sign-in required")]
    SignInRequired,
    /// Signed in with a temporary password: choose a new one first.
    #[error("password change required")]
    PasswordChangeRequired,
    /// The password was given; the code from the app is still to come.
    #[error("second factor required")]
    SecondFactorRequired,
    /// No second factor yet: set one up first.
    #[error("enrolment required")]
    EnrolmentRequired,
    /// The second factor again, then back to this page.
    #[error("step-up required")]
    StepUpRequired(String),
    #[error("database unavailable: {0}")]
    Unavailable(#[source] DbError),
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl From<DbError> for AppError {
    fn from(err: DbError) -> Self {
        match err {
            err if err.is_not_found() => AppError::NotFound,
            err @ DbError::Unavailable(_) => AppError::Unavailable(err),
            other => AppError::Internal(other.into()),
        }
    }
}

impl From<PupilError> for AppError {
    fn from(err: PupilError) -> Self {
        match err {
            PupilError::NoSuchSchool => AppError::NotFound,
            PupilError::Db(err) => err.into(),
            broken @ PupilError::Broken(_) => AppError::Internal(broken.into()),
        }
    }
}

impl From<CaseError> for AppError {
    fn from(err: CaseError) -> Self {
        match err {
            CaseError::NotFound => AppError::NotFound,
            CaseError::Refused(_) => AppError::BadRequest("refused"),
            CaseError::StepUp(_) => AppError::StepUpRequired("/staff".into()),
            CaseError::Db(err) => err.into(),
            broken @ CaseError::Broken(_) => AppError::Internal(broken.into()),
        }
    }
}

impl From<crate::app::insights::InsightError> for AppError {
    fn from(err: crate::app::insights::InsightError) -> Self {
        match err {
            crate::app::insights::InsightError::NotAllowed => AppError::Forbidden,
            crate::app::insights::InsightError::Db(err) => err.into(),
        }
    }
}

impl From<AdminError> for AppError {
    fn from(err: AdminError) -> Self {
        match err {
            AdminError::NotFound => AppError::NotFound,
            AdminError::Refused(_) => AppError::BadRequest("refused"),
            AdminError::StepUp(_) => AppError::StepUpRequired("/staff/admin".into()),
            AdminError::Db(err) => err.into(),
            other @ AdminError::Crypto(_) => AppError::Internal(other.into()),
        }
    }
}

impl From<SessionError> for AppError {
    fn from(err: SessionError) -> Self {
        match err {
            SessionError::Db(err) => err.into(),
            SessionError::Refused(_) => AppError::BadRequest("refused"),
            other => AppError::Internal(other.into()),
        }
    }
}

impl From<TwoFactorError> for AppError {
    fn from(err: TwoFactorError) -> Self {
        match err {
            TwoFactorError::Refused(_) => AppError::BadRequest("refused"),
            TwoFactorError::StepUp(_) => AppError::StepUpRequired("/staff".into()),
            TwoFactorError::Session(err) => err.into(),
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
            AppError::UnsupportedEncoding => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            AppError::SignInRequired
            | AppError::PasswordChangeRequired
            | AppError::SecondFactorRequired
            | AppError::EnrolmentRequired
            | AppError::StepUpRequired(_) => StatusCode::SEE_OTHER,
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
            AppError::SignInRequired => Some("/staff/login".to_owned()),
            AppError::PasswordChangeRequired => Some("/staff/password".to_owned()),
            AppError::SecondFactorRequired => Some("/staff/login/code".to_owned()),
            AppError::EnrolmentRequired => Some("/staff/two-factor".to_owned()),
            AppError::StepUpRequired(then) => Some(format!(
                "/staff/verify?{}",
                serde_urlencoded::to_string([("then", then.as_str())]).unwrap_or_default()
            )),
            _ => None,
        };
        if let Some(location) = location {
            return HttpResponse::SeeOther()
                .insert_header((header::LOCATION, location))
                .finish();
        }
        let mut res = HttpResponse::new(self.status_code());
        if matches!(self, AppError::TooManyRequests) {
            res.headers_mut()
                .insert(header::RETRY_AFTER, header::HeaderValue::from_static("60"));
        }
        res
    }
}
