//! The database of one deployment: its pool, its SQLite writer turn and group-commit queue,
//! and the only ways to begin a write.
//!
//! - [`Db::run`] (async) and [`Db::run_blocking`] lend a [`Conn`] for one piece of work.
//! - [`Conn::write`] runs a closure in one write transaction and hands it a [`Tx`]; the
//!   `Conn` is borrowed for as long as the closure runs, so a second write cannot be begun
//!   inside it. Query functions that change rows take `&mut Tx` and never begin one.
//! - A thread that holds a connection of a `Db` cannot take a second one of the same `Db`
//!   ([`DbError::Nested`]): a write begun through a captured `Db` inside another would wait
//!   for itself on SQLite and commit separately on PostgreSQL, so both refuse the same way.
//!
//! Nothing here is process-global: two `Db` values (two deployments, or tests) never share
//! a writer turn or a commit.

pub mod schema;

use std::cell::RefCell;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use diesel::connection::{AnsiTransactionManager, SimpleConnection, TransactionManager};
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

/// What can go wrong below the use cases.
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("database unavailable: {0}")]
    Unavailable(#[source] r2d2::PoolError),
    #[error(transparent)]
    Query(#[from] diesel::result::Error),
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

type Pool = r2d2::Pool<ConnectionManager>;

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
struct SqlitePragmas;

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

/// A write that may share its SQLite commit with other pupils' (see [`Conn::write_grouped`]).
pub type GroupedWrite = Box<dyn FnOnce(&mut Tx<'_>) -> Result<(), DbError> + Send>;

type Slot = Arc<Mutex<Option<Result<(), String>>>>;

struct Shared {
    pool: Pool,
    backend: Backend,
    /// SQLite has one writer at a time: this process's writers take turns here (woken the
    /// moment it is free) instead of in SQLite's sleeping busy handler.
    writer: Mutex<()>,
    /// Grouped writes waiting for the next SQLite commit.
    waiting: Mutex<Vec<(GroupedWrite, Slot)>>,
}

/// One deployment's database. Cheap to clone; every clone shares the pool and the writer.
#[derive(Clone)]
pub struct Db(Arc<Shared>);

impl std::fmt::Debug for Db {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Db")
            .field("backend", &self.0.backend)
            .finish_non_exhaustive()
    }
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

thread_local! {
    /// The databases this thread holds a connection of, by address.
    static HELD: RefCell<Vec<usize>> = const { RefCell::new(Vec::new()) };
}

/// This thread's hold on one database, let go when the connection is.
struct Hold(usize);

impl Hold {
    fn take(shared: &Arc<Shared>) -> Result<Self, DbError> {
        let id = Arc::as_ptr(shared) as usize;
        HELD.with(|held| {
            let mut held = held.borrow_mut();
            if held.contains(&id) {
                return Err(DbError::Nested);
            }
            held.push(id);
            Ok(Hold(id))
        })
    }
}

impl Drop for Hold {
    fn drop(&mut self) {
        HELD.with(|held| held.borrow_mut().retain(|id| *id != self.0));
    }
}

impl Db {
    /// Opens the pool and brings the schema up to date.
    pub fn connect(url: &DatabaseUrl, size: u32) -> anyhow::Result<Db> {
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
        let backend = match url {
            DatabaseUrl::Postgres(_) => Backend::Postgres,
            DatabaseUrl::Sqlite(_) => Backend::Sqlite,
        };
        run_migrations(&mut *pool.get()?)?;
        Ok(Db(Arc::new(Shared {
            pool,
            backend,
            writer: Mutex::new(()),
            waiting: Mutex::new(Vec::new()),
        })))
    }

    pub fn backend(&self) -> Backend {
        self.0.backend
    }

    /// Runs `work` with a connection on the blocking thread pool, never on the async executor.
    pub async fn run<T, E, F>(&self, work: F) -> Result<T, E>
    where
        T: Send + 'static,
        E: From<DbError> + Send + 'static,
        F: FnOnce(&mut Conn<'_>) -> Result<T, E> + Send + 'static,
    {
        let db = self.clone();
        match actix_web::web::block(move || db.run_blocking(work)).await {
            Ok(result) => result,
            Err(err) => Err(DbError::Interrupted(err.to_string()).into()),
        }
    }

    /// Runs `work` with a connection on this thread (the command line, the mail worker).
    pub fn run_blocking<T, E, F>(&self, work: F) -> Result<T, E>
    where
        E: From<DbError>,
        F: FnOnce(&mut Conn<'_>) -> Result<T, E>,
    {
        let hold = Hold::take(&self.0)?;
        let pooled = self.0.pool.get().map_err(DbError::Unavailable)?;
        let mut conn = Conn {
            shared: &self.0,
            pooled,
            _hold: hold,
        };
        work(&mut conn)
    }
}

/// A connection lent for one piece of work: read through [`Conn::db`], write through
/// [`Conn::write`].
pub struct Conn<'db> {
    shared: &'db Shared,
    pooled: r2d2::PooledConnection<ConnectionManager>,
    _hold: Hold,
}

/// An open write transaction. Query functions that change rows take `&mut Tx`.
pub struct Tx<'c> {
    conn: &'c mut DbConnection,
    backend: Backend,
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
fn in_transaction<T, E>(
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

impl Conn<'_> {
    /// The connection, for reading.
    pub fn db(&mut self) -> &mut DbConnection {
        &mut self.pooled
    }

    pub fn backend(&self) -> Backend {
        self.shared.backend
    }

    /// SQLite: copies the WAL into the database and empties it, so pages a purge zeroed are
    /// not left in the log.
    pub fn checkpoint(&mut self) -> Result<(), DbError> {
        if self.shared.backend == Backend::Sqlite {
            self.pooled
                .batch_execute("PRAGMA wal_checkpoint(TRUNCATE)")?;
        }
        Ok(())
    }

    /// SQLite: rewrites the database file without free pages (after a purge). PostgreSQL:
    /// nothing; its free space is reused, and destroyed retention keys are what shred.
    pub fn vacuum(&mut self) -> Result<(), DbError> {
        if self.shared.backend == Backend::Sqlite {
            self.pooled.batch_execute("VACUUM")?;
            self.checkpoint()?;
        }
        Ok(())
    }

    /// Whether the database answers (for the health check). SQLite answers `SELECT 1`
    /// without touching the file, so there the check reads the schema version from it.
    pub fn ping(&mut self) -> Result<(), DbError> {
        self.pooled.batch_execute(match self.shared.backend {
            Backend::Sqlite => "PRAGMA schema_version",
            Backend::Postgres => "SELECT 1",
        })?;
        Ok(())
    }

    /// Runs `work` in one write transaction: committed if it returns `Ok`, rolled back otherwise.
    pub fn write<T, E>(&mut self, work: impl FnOnce(&mut Tx<'_>) -> Result<T, E>) -> Result<T, E>
    where
        E: From<DbError>,
    {
        let backend = self.shared.backend;
        match backend {
            Backend::Sqlite => {
                let _turn = lock(&self.shared.writer);
                in_transaction(&mut self.pooled, backend, work)
            }
            Backend::Postgres => in_transaction(&mut self.pooled, backend, work),
        }
    }

    /// Group commit for SQLite: writes that arrive while another commit is in progress wait
    /// for the writer's turn, and whoever gets it runs every waiting write of this database
    /// in one transaction (each in its own savepoint, so one failure spoils only itself) and
    /// one fsync. Nobody returns before the commit that holds their write. PostgreSQL
    /// already shares fsyncs between concurrent commits, so there it is a plain write.
    pub fn write_grouped(&mut self, write: GroupedWrite) -> Result<(), DbError> {
        let backend = self.shared.backend;
        if backend == Backend::Postgres {
            return self.write(write);
        }
        let mine: Slot = Arc::default();
        lock(&self.shared.waiting).push((write, mine.clone()));
        let _turn = lock(&self.shared.writer);
        if let Some(result) = lock(&mine).take() {
            return result.map_err(DbError::Interrupted);
        }
        let batch = std::mem::take(&mut *lock(&self.shared.waiting));
        let slots: Vec<Slot> = batch.iter().map(|(_, slot)| slot.clone()).collect();
        let outcome = in_transaction(&mut self.pooled, backend, |tx| {
            let mut results = Vec::with_capacity(batch.len());
            for (write, _) in batch {
                let done = tx
                    .db()
                    .transaction::<(), DbError, _>(|conn| write(&mut Tx { conn, backend }));
                results.push(done.map_err(|e| format!("{e:#}")));
            }
            Ok::<_, DbError>(results)
        });
        match outcome {
            Ok(results) => {
                for (slot, result) in slots.iter().zip(results) {
                    *lock(slot) = Some(result);
                }
            }
            Err(err) => {
                let message = format!("{err:#}");
                for slot in &slots {
                    *lock(slot) = Some(Err(message.clone()));
                }
            }
        }
        let result = lock(&mine)
            .take()
            .unwrap_or_else(|| Err("the write was interrupted".into()));
        result.map_err(DbError::Interrupted)
    }
}

/// Applies any migrations the database has not seen yet.
fn run_migrations(conn: &mut DbConnection) -> anyhow::Result<()> {
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
