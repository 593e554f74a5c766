//! What can go wrong below the use cases.

use diesel::r2d2;

#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("database unavailable: {0}")]
    Unavailable(#[source] r2d2::PoolError),
    #[error(transparent)]
    Query(#[from] diesel::result::Error),
    /// A new connection could not be opened (the health check opens one).
    #[error("cannot connect: {0}")]
    Connect(#[from] diesel::ConnectionError),
    /// A second connection of the same database asked for by a thread holding one.
    #[error("a database connection was asked for inside work that already holds one")]
    Nested,
    #[error("the database task did not finish: {0}")]
    Interrupted(String),
    /// A file kept beside the database (the retention keystore) could not be used.
    #[error("the keystore could not be used: {0}")]
    Storage(#[from] std::io::Error),
}

impl DbError {
    /// The row asked for is not there.
    pub fn is_not_found(&self) -> bool {
        matches!(self, DbError::Query(diesel::result::Error::NotFound))
    }
}
