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

mod connection;
mod error;
mod group_commit;
mod transaction;

use std::cell::RefCell;
use std::sync::Arc;
use std::time::Duration;

use diesel::connection::SimpleConnection;
use diesel::r2d2;

use self::connection::{run_migrations, SqlitePragmas};
pub use self::connection::{Backend, ConnectionManager, DbConnection};
pub use self::error::DbError;
use self::group_commit::GroupCommit;
pub use self::group_commit::GroupedWrite;
use self::transaction::in_transaction;
pub use self::transaction::{insert_ignoring_duplicate, Tx};
use crate::config::DatabaseUrl;

type Pool = r2d2::Pool<ConnectionManager>;

struct Shared {
    pool: Pool,
    url: DatabaseUrl,
    backend: Backend,
    commits: GroupCommit,
    /// The server's metrics: kept here because every layer above reaches the database.
    metrics: crate::metrics::Metrics,
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
            url: url.clone(),
            backend,
            commits: GroupCommit::default(),
            metrics: crate::metrics::Metrics::new(),
        })))
    }

    pub fn backend(&self) -> Backend {
        self.0.backend
    }

    /// This server's metrics.
    pub fn metrics(&self) -> &crate::metrics::Metrics {
        &self.0.metrics
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
    /// without touching the file, and a pooled connection may answer from pages it has
    /// cached, so there the check opens a new connection and reads the schema version
    /// from the file itself: a file gone bad fails every probe, not only some (a load
    /// balancer must keep the server out of rotation).
    pub fn ping(&mut self) -> Result<(), DbError> {
        match &self.shared.url {
            DatabaseUrl::Sqlite(path) => {
                // Opening a missing file would make an empty database: never here.
                if !path.is_file() {
                    return Err(DbError::Storage(std::io::Error::from(
                        std::io::ErrorKind::NotFound,
                    )));
                }
                let mut fresh = <diesel::SqliteConnection as diesel::Connection>::establish(
                    &path.to_string_lossy(),
                )?;
                // Reads the schema from the file, and fails on a file that is not ours.
                fresh.batch_execute("SELECT 1 FROM __diesel_schema_migrations LIMIT 1")?;
            }
            DatabaseUrl::Postgres(_) => self.pooled.batch_execute("SELECT 1")?,
        }
        Ok(())
    }

    /// Runs `work` in one write transaction: committed if it returns `Ok`, rolled back otherwise.
    pub fn write<T, E>(&mut self, work: impl FnOnce(&mut Tx<'_>) -> Result<T, E>) -> Result<T, E>
    where
        E: From<DbError>,
    {
        let backend = self.shared.backend;
        let started = std::time::Instant::now();
        let result = match backend {
            Backend::Sqlite => {
                let _turn = self.shared.commits.turn();
                in_transaction(&mut self.pooled, backend, work)
            }
            Backend::Postgres => in_transaction(&mut self.pooled, backend, work),
        };
        self.shared.metrics.db_write(started.elapsed());
        result
    }

    /// This server's metrics.
    pub fn metrics(&self) -> &crate::metrics::Metrics {
        &self.shared.metrics
    }

    /// Group commit for SQLite: writes that arrive while another commit is in progress wait
    /// for the writer's turn, and whoever gets it runs every waiting write of this database
    /// in one transaction (each in its own savepoint, so one failure spoils only itself) and
    /// one fsync. Nobody returns before the commit that holds their write. PostgreSQL
    /// already shares fsyncs between concurrent commits, so there it is a plain write.
    pub fn write_grouped(&mut self, write: GroupedWrite) -> Result<(), DbError> {
        let backend = self.shared.backend;
        match backend {
            Backend::Postgres => self.write(write),
            Backend::Sqlite => {
                let started = std::time::Instant::now();
                let result = self.shared.commits.write(&mut self.pooled, backend, write);
                self.shared.metrics.db_write(started.elapsed());
                result
            }
        }
    }
}
