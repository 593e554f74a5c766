//! Write transactions: begun the same way on both backends (SQLite takes its write lock
//! up front), committed or rolled back whole, with savepoints inside behaving alike.

use diesel::connection::{AnsiTransactionManager, TransactionManager};
use diesel::Connection;

use super::connection::{Backend, DbConnection};
use super::error::DbError;

/// An open write transaction. Query functions that change rows take `&mut Tx`.
pub struct Tx<'c> {
    pub(super) conn: &'c mut DbConnection,
    pub(super) backend: Backend,
}

impl Tx<'_> {
    /// The connection, to run queries inside this transaction.
    pub fn db(&mut self) -> &mut DbConnection {
        self.conn
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }
}

fn begin(conn: &mut DbConnection) -> diesel::QueryResult<()> {
    match conn {
        // IMMEDIATE takes the write lock up front, so two writers wait their turn instead
        // of one failing when it upgrades from reading.
        DbConnection::Sqlite(c) => {
            AnsiTransactionManager::begin_transaction_sql(c, "BEGIN IMMEDIATE")
        }
        DbConnection::Postgresql(c) => AnsiTransactionManager::begin_transaction(c),
    }
}

/// Runs `work` in one transaction that diesel knows about, so a savepoint inside it
/// behaves the same on both backends.
pub(super) fn in_transaction<T, E>(
    conn: &mut DbConnection,
    backend: Backend,
    work: impl FnOnce(&mut Tx<'_>) -> Result<T, E>,
) -> Result<T, E>
where
    E: From<DbError>,
{
    type Manager = <DbConnection as Connection>::TransactionManager;
    begin(conn).map_err(DbError::from)?;
    let result = work(&mut Tx {
        conn: &mut *conn,
        backend,
    });
    match result {
        Ok(value) => match Manager::commit_transaction(conn) {
            Ok(()) => Ok(value),
            Err(err) => {
                let _ = Manager::rollback_transaction(conn);
                Err(DbError::from(err).into())
            }
        },
        Err(err) => {
            let _ = Manager::rollback_transaction(conn);
            Err(err)
        }
    }
}

/// Runs one INSERT, treating "already there" as success. diesel's `ON CONFLICT` is not
/// available across both backends, so the unique violation is caught instead; inside a
/// savepoint, because on PostgreSQL a failed statement would abort the transaction.
pub fn insert_ignoring_duplicate<F>(tx: &mut Tx<'_>, insert: F) -> Result<(), DbError>
where
    F: FnOnce(&mut DbConnection) -> diesel::QueryResult<usize>,
{
    use diesel::result::{DatabaseErrorKind, Error};
    let result = match tx.backend {
        Backend::Postgres => tx.db().transaction(insert),
        // SQLite undoes only the failed statement, not the transaction.
        Backend::Sqlite => insert(tx.db()),
    };
    match result {
        Ok(_) | Err(Error::DatabaseError(DatabaseErrorKind::UniqueViolation, _)) => Ok(()),
        Err(other) => Err(other.into()),
    }
}
