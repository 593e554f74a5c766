//! The connection pool over SQLite or PostgreSQL, migrations, and running queries off the async executor.

pub mod schema;

use std::time::Duration;

use diesel::connection::SimpleConnection;
use diesel::r2d2::{self, CustomizeConnection, ManageConnection, R2D2Connection};
use diesel::{Connection, PgConnection, SqliteConnection};
use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness};

use crate::config::DatabaseUrl;
use crate::error::AppError;

const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/sqlite");
const POSTGRES_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/postgres");

/// One connection to whichever backend the deployment uses.
#[derive(diesel::MultiConnection)]
pub enum DbConnection {
    Postgresql(PgConnection),
    Sqlite(SqliteConnection),
}

pub type Pool = r2d2::Pool<ConnectionManager>;

/// Opens connections of the kind the URL names. diesel's own manager tries every
/// backend in turn, which would turn an unreachable PostgreSQL URL into an SQLite file.
#[derive(Debug, Clone)]
pub struct ConnectionManager {
    url: DatabaseUrl,
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
        if let DbConnection::Sqlite(c) = conn {
            // A connection must never be handed out inside a transaction left open by a
            // panic or a failed ROLLBACK in `write_transaction`: it would hold SQLite's
            // write lock for good. With none open this fails harmlessly.
            let _ = c.batch_execute("ROLLBACK");
        }
        conn.ping().map_err(r2d2::Error::QueryError)
    }

    fn has_broken(&self, conn: &mut DbConnection) -> bool {
        conn.is_broken()
    }
}

/// SQLite settings every pooled connection needs: wait rather than fail on a busy
/// database, WAL so readers never block the writer, and `synchronous=FULL` so a report
/// a pupil was told is saved survives a power cut.
#[derive(Debug)]
struct SqlitePragmas;

impl CustomizeConnection<DbConnection, r2d2::Error> for SqlitePragmas {
    fn on_acquire(&self, conn: &mut DbConnection) -> Result<(), r2d2::Error> {
        if let DbConnection::Sqlite(conn) = conn {
            for pragma in [
                "PRAGMA busy_timeout = 10000;",
                "PRAGMA journal_mode = WAL;",
                "PRAGMA synchronous = FULL;",
                "PRAGMA foreign_keys = ON;",
            ] {
                conn.batch_execute(pragma)
                    .map_err(r2d2::Error::QueryError)?;
            }
        }
        Ok(())
    }
}

/// Builds the pool and brings the schema up to date.
pub fn connect(url: &DatabaseUrl, size: u32) -> anyhow::Result<Pool> {
    if let DatabaseUrl::Sqlite(path) = url {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| {
                anyhow::anyhow!("cannot create the data directory {}: {e}", dir.display())
            })?;
        }
    }
    let pool = r2d2::Pool::builder()
        .max_size(size)
        .min_idle(Some(1))
        .connection_timeout(Duration::from_secs(10))
        .connection_customizer(Box::new(SqlitePragmas))
        .build(ConnectionManager { url: url.clone() })
        .map_err(|e| anyhow::anyhow!("cannot open the database: {e}"))?;
    let mut conn = pool.get()?;
    run_migrations(&mut conn)?;
    Ok(pool)
}

/// Applies any migrations the database has not seen yet.
pub fn run_migrations(conn: &mut DbConnection) -> anyhow::Result<()> {
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

/// Runs blocking database work on the blocking thread pool, never on the async executor.
pub async fn run<T, F>(pool: &Pool, work: F) -> Result<T, AppError>
where
    T: Send + 'static,
    F: FnOnce(&mut DbConnection) -> Result<T, AppError> + Send + 'static,
{
    let pool = pool.clone();
    actix_web::web::block(move || {
        let mut conn = pool.get().map_err(AppError::Unavailable)?;
        work(&mut conn)
    })
    .await
    .map_err(|e| AppError::Internal(anyhow::anyhow!("blocking task failed: {e}")))?
}

/// Seconds since the Unix epoch: the portable timestamp stored in every table.
pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

/// Turns for SQLite writers in this process.
static SQLITE_WRITER: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// Runs `work` in one write transaction. On SQLite it starts `IMMEDIATE`, taking the write
/// lock up front so two writers wait their turn instead of failing when one upgrades.
pub fn write_transaction<T, F>(conn: &mut DbConnection, work: F) -> Result<T, AppError>
where
    F: FnOnce(&mut DbConnection) -> Result<T, AppError>,
{
    match conn {
        DbConnection::Sqlite(_) => {
            // SQLite has one writer at a time. Writers of this process queue on a mutex
            // (woken the moment it is free) instead of on SQLite's busy handler, which
            // sleeps and polls and wastes most of the time under load. Another process on
            // the same file still waits through busy_timeout.
            let _turn = SQLITE_WRITER
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            // `immediate_transaction` exists only on the concrete SQLite type, but the work
            // is written against the multi-backend connection, so begin it by hand.
            conn.batch_execute("BEGIN IMMEDIATE")?;
            match work(conn) {
                Ok(value) => match conn.batch_execute("COMMIT") {
                    Ok(()) => Ok(value),
                    Err(err) => {
                        let _ = conn.batch_execute("ROLLBACK");
                        Err(err.into())
                    }
                },
                Err(err) => {
                    let _ = conn.batch_execute("ROLLBACK");
                    Err(err)
                }
            }
        }
        DbConnection::Postgresql(_) => conn.transaction(work),
    }
}

/// Runs one INSERT, treating "already there" as success. diesel's `ON CONFLICT` is not
/// available across both backends, so the unique violation is caught instead; on
/// PostgreSQL inside a savepoint, because a failed statement would abort the transaction.
pub fn insert_ignoring_duplicate<F>(conn: &mut DbConnection, insert: F) -> Result<(), AppError>
where
    F: FnOnce(&mut DbConnection) -> diesel::QueryResult<usize>,
{
    use diesel::result::{DatabaseErrorKind, Error};
    let result = match conn {
        DbConnection::Postgresql(_) => conn.transaction(insert),
        DbConnection::Sqlite(_) => insert(conn),
    };
    match result {
        Ok(_) | Err(Error::DatabaseError(DatabaseErrorKind::UniqueViolation, _)) => Ok(()),
        Err(other) => Err(other.into()),
    }
}

/// A write that may share its SQLite transaction with others (see [`write_grouped`]).
pub type GroupedWrite = Box<dyn FnOnce(&mut DbConnection) -> Result<(), AppError> + Send>;

type Slot = std::sync::Arc<std::sync::Mutex<Option<Result<(), String>>>>;

/// Writes waiting for the next SQLite commit.
static WAITING: std::sync::Mutex<Vec<(GroupedWrite, Slot)>> = std::sync::Mutex::new(Vec::new());

fn lock<T>(mutex: &std::sync::Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Group commit for SQLite: writes that arrive while another commit is in progress wait
/// for the writer's turn, and whoever gets it runs every waiting write in one transaction
/// (each in its own savepoint, so one failure spoils only itself) and one fsync. Nobody
/// returns before the commit that holds their write. PostgreSQL already shares fsyncs
/// between concurrent commits, so there it is a plain write transaction.
pub fn write_grouped(conn: &mut DbConnection, write: GroupedWrite) -> Result<(), AppError> {
    if let DbConnection::Postgresql(_) = conn {
        return write_transaction(conn, write);
    }
    let mine: Slot = std::sync::Arc::default();
    lock(&WAITING).push((write, mine.clone()));
    let _turn = lock(&SQLITE_WRITER);
    if let Some(result) = lock(&mine).take() {
        return result.map_err(|e| AppError::Internal(anyhow::anyhow!(e)));
    }
    let batch = std::mem::take(&mut *lock(&WAITING));
    let slots: Vec<Slot> = batch.iter().map(|(_, slot)| slot.clone()).collect();
    let run = |conn: &mut DbConnection| -> Result<Vec<Result<(), String>>, AppError> {
        conn.batch_execute("BEGIN IMMEDIATE")?;
        let mut results = Vec::with_capacity(batch.len());
        for (write, _) in batch {
            conn.batch_execute("SAVEPOINT grouped_write")?;
            match write(conn) {
                Ok(()) => {
                    conn.batch_execute("RELEASE grouped_write")?;
                    results.push(Ok(()));
                }
                Err(err) => {
                    conn.batch_execute("ROLLBACK TO grouped_write; RELEASE grouped_write")?;
                    results.push(Err(format!("{err:#}")));
                }
            }
        }
        conn.batch_execute("COMMIT")?;
        Ok(results)
    };
    match run(conn) {
        Ok(results) => {
            for (slot, result) in slots.iter().zip(results) {
                *lock(slot) = Some(result);
            }
        }
        Err(err) => {
            let _ = conn.batch_execute("ROLLBACK");
            for slot in &slots {
                *lock(slot) = Some(Err(format!("{err:#}")));
            }
        }
    }
    let result = lock(&mine)
        .take()
        .unwrap_or_else(|| Err("the write was interrupted".into()));
    result.map_err(|e| AppError::Internal(anyhow::anyhow!(e)))
}
