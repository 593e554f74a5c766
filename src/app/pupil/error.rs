//! Why a pupil's request could not be done.

use crate::db::DbError;

/// Why a pupil's request could not be done.
#[derive(Debug, thiserror::Error)]
pub enum PupilError {
    #[error("no such school")]
    NoSuchSchool,
    /// Stored text or keys would not open: damaged data, never the pupil's fault.
    #[error("a sealed report failed to open: {0}")]
    Broken(&'static str),
    #[error(transparent)]
    Db(#[from] DbError),
}
