//! SQLite's writer turn and group commit: this process's writers take turns on one lock
//! (woken the moment it is free) instead of in SQLite's sleeping busy handler, and pupils'
//! reports that arrive while a commit is in progress share the next one.

use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use diesel::Connection;

use super::connection::{Backend, DbConnection};
use super::error::DbError;
use super::transaction::{in_transaction, Tx};

/// A write that may share its SQLite commit with other pupils' (see
/// [`super::Conn::write_grouped`]).
pub type GroupedWrite = Box<dyn FnOnce(&mut Tx<'_>) -> Result<(), DbError> + Send>;

/// Where a grouped write's outcome is left for the thread that asked for it.
type Slot = Arc<Mutex<Option<Result<(), DbError>>>>;

pub(super) fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// One database's writer turn and the grouped writes waiting for the next commit.
#[derive(Default)]
pub(super) struct GroupCommit {
    writer: Mutex<()>,
    waiting: Mutex<Vec<(GroupedWrite, Slot)>>,
}

impl GroupCommit {
    /// Waits for the writer's turn; it is this thread's until the guard is dropped.
    pub(super) fn turn(&self) -> MutexGuard<'_, ()> {
        lock(&self.writer)
    }

    /// Queues `write`, waits for the writer's turn, and, unless an earlier turn already
    /// committed it, runs every queued write in one transaction: each in its own savepoint
    /// (one failure spoils only itself) and one fsync. Returns once the commit that holds
    /// this write is done, with this write's own outcome.
    pub(super) fn write(
        &self,
        conn: &mut DbConnection,
        backend: Backend,
        write: GroupedWrite,
    ) -> Result<(), DbError> {
        let mine: Slot = Arc::default();
        lock(&self.waiting).push((write, mine.clone()));
        let _turn = self.turn();
        if let Some(result) = lock(&mine).take() {
            return result;
        }
        let batch = std::mem::take(&mut *lock(&self.waiting));
        let slots: Vec<Slot> = batch.iter().map(|(_, slot)| slot.clone()).collect();
        let outcome = in_transaction(conn, backend, |tx| {
            let mut results = Vec::with_capacity(batch.len());
            for (write, _) in batch {
                results.push(
                    tx.db()
                        .transaction::<(), DbError, _>(|conn| write(&mut Tx { conn, backend })),
                );
            }
            Ok::<_, DbError>(results)
        });
        match outcome {
            Ok(results) => {
                for (slot, result) in slots.iter().zip(results) {
                    *lock(slot) = Some(result);
                }
            }
            // The commit itself failed: nothing of the batch was kept.
            Err(err) => {
                let message = format!("{err:#}");
                for slot in &slots {
                    *lock(slot) = Some(Err(DbError::Interrupted(message.clone())));
                }
            }
        }
        let outcome = lock(&mine).take();
        outcome.unwrap_or_else(|| Err(DbError::Interrupted("the write was interrupted".into())))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::DatabaseUrl;
    use crate::db::Db;

    #[test]
    fn a_grouped_write_keeps_its_own_error_so_a_missing_row_stays_not_found() {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::connect(&DatabaseUrl::Sqlite(dir.path().join("t.db")), 2).unwrap();
        let err = db
            .run_blocking(|conn| {
                conn.write_grouped(Box::new(|_| {
                    Err(DbError::Query(diesel::result::Error::NotFound))
                }))
            })
            .unwrap_err();
        assert!(err.is_not_found(), "{err:?}");
    }
}
