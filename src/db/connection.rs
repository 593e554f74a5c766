//! Opening connections: one type for either backend, a manager that opens only the kind
//! the URL names, the settings every SQLite connection needs, and the migrations.

use diesel::connection::SimpleConnection;
use diesel::r2d2::{self, CustomizeConnection, ManageConnection, R2D2Connection};
use diesel::{Connection, PgConnection, SqliteConnection};
use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness};

use crate::config::DatabaseUrl;

const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/sqlite");
const POSTGRES_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/postgres");

/// One connection to whichever backend the deployment uses.
#[derive(diesel::MultiConnection)]
pub enum DbConnection {
    Postgresql(PgConnection),
    Sqlite(SqliteConnection),
}

/// Which database a deployment runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Opens connections of the kind the URL names. diesel's own manager tries every
/// backend in turn, which would turn an unreachable PostgreSQL URL into an SQLite file.
#[derive(Debug, Clone)]
pub struct ConnectionManager {
    pub(super) url: DatabaseUrl,
}

impl ManageConnection for ConnectionManager {
    type Connection = DbConnection;
    type Error = r2d2::Error;

    fn connect(&self) -> Result<DbConnection, r2d2::Error> {
        match &self.url {
            DatabaseUrl::Postgres(url) => PgConnection::establish(url)
                .map(DbConnection::Postgresql)
                .map_err(r2d2::Error::ConnectionError),
            DatabaseUrl::Sqlite(path) => SqliteConnection::establish(&path.to_string_lossy())
                .map(DbConnection::Sqlite)
                .map_err(r2d2::Error::ConnectionError),
        }
    }

    fn is_valid(&self, conn: &mut DbConnection) -> Result<(), r2d2::Error> {
        conn.ping().map_err(r2d2::Error::QueryError)
    }

    /// A connection left inside a transaction (a panic mid-write) is thrown away, never
    /// handed out again holding SQLite's write lock.
    fn has_broken(&self, conn: &mut DbConnection) -> bool {
        conn.is_broken()
    }
}

/// SQLite settings every pooled connection needs: wait rather than fail on a busy
/// database, WAL so readers never block the writer, and `synchronous=FULL` so a report
/// a pupil was told is saved survives a power cut.
#[derive(Debug)]
pub(super) struct SqlitePragmas;

impl CustomizeConnection<DbConnection, r2d2::Error> for SqlitePragmas {
    fn on_acquire(&self, conn: &mut DbConnection) -> Result<(), r2d2::Error> {
        if let DbConnection::Sqlite(conn) = conn {
            for pragma in [
                "PRAGMA busy_timeout = 10000;",
                "PRAGMA journal_mode = WAL;",
                "PRAGMA synchronous = FULL;",
                "PRAGMA foreign_keys = ON;",
                // Deleted rows are overwritten, so a purged report leaves nothing in free pages.
                "PRAGMA secure_delete = ON;",
            ] {
                conn.batch_execute(pragma)
                    .map_err(r2d2::Error::QueryError)?;
            }
        }
        Ok(())
    }
}

/// Applies any migrations the database has not seen yet.
pub(super) fn run_migrations(conn: &mut DbConnection) -> anyhow::Result<()> {
    let applied = match conn {
        DbConnection::Sqlite(c) => c.run_pending_migrations(SQLITE_MIGRATIONS).map(|v| v.len()),
        DbConnection::Postgresql(c) => c
            .run_pending_migrations(POSTGRES_MIGRATIONS)
            .map(|v| v.len()),
    }
    .map_err(|e| anyhow::anyhow!("database migration failed: {e}"))?;
    if applied > 0 {
        tracing::info!(applied, "database migrations applied");
    }
    Ok(())
}
