//! The deployment's upkeep (the purge, the backup): one server at a time claims the purge,
//! and when each last finished is kept for the metrics. Also the other counts and ages the
//! metrics show of the database.

use diesel::prelude::*;

use crate::db::schema::{outbox, reports, schools, upkeep};
use crate::db::{DbConnection, DbError, Tx};
use crate::domain::choices::Status;
use crate::time::Timestamp;

/// A kind of upkeep with a row of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Upkeep {
    Purge,
    Backup,
}

impl Upkeep {
    fn key(self) -> &'static str {
        match self {
            Upkeep::Purge => "purge",
            Upkeep::Backup => "backup",
        }
    }
}

/// Claims `kind` until `until` if nobody holds it now: only the server whose update changes
/// the row goes ahead, so several app servers on one database run it once.
pub fn claim(
    tx: &mut Tx<'_>,
    kind: Upkeep,
    now: Timestamp,
    until: Timestamp,
) -> Result<bool, DbError> {
    let changed = diesel::update(
        upkeep::table
            .filter(upkeep::kind.eq(kind.key()))
            .filter(upkeep::claimed_until.le(now.as_secs())),
    )
    .set(upkeep::claimed_until.eq(until.as_secs()))
    .execute(tx.db())?;
    Ok(changed == 1)
}

/// Records that `kind` finished at `now`.
pub fn finished(tx: &mut Tx<'_>, kind: Upkeep, now: Timestamp) -> Result<(), DbError> {
    diesel::update(upkeep::table.filter(upkeep::kind.eq(kind.key())))
        .set(upkeep::finished_at.eq(Some(now.as_secs())))
        .execute(tx.db())?;
    Ok(())
}

/// When `kind` last finished, if ever.
pub fn last_finished(db: &mut DbConnection, kind: Upkeep) -> Result<Option<Timestamp>, DbError> {
    let at: Option<Option<i64>> = upkeep::table
        .filter(upkeep::kind.eq(kind.key()))
        .select(upkeep::finished_at)
        .first(db)
        .optional()?;
    Ok(at.flatten().map(Timestamp::from_secs))
}

/// Mail not yet sent: how many, and when the oldest was queued.
pub fn unsent_mail(db: &mut DbConnection) -> Result<(i64, Option<Timestamp>), DbError> {
    let (count, oldest): (i64, Option<i64>) = outbox::table
        .filter(outbox::sent_at.is_null())
        .select((
            diesel::dsl::count_star(),
            diesel::dsl::min(outbox::created_at),
        ))
        .first(db)?;
    Ok((count, oldest.map(Timestamp::from_secs)))
}

/// Each "happening now" report nobody has acknowledged: when it arrived and its school's
/// agreed time in hours. No id, nothing the pupil wrote.
pub fn urgent_unacknowledged(db: &mut DbConnection) -> Result<Vec<(Timestamp, i32)>, DbError> {
    Ok(reports::table
        .inner_join(schools::table)
        .filter(reports::happening_now.eq(true))
        .filter(reports::acknowledged_at.is_null())
        .filter(reports::status.ne(Status::Closed))
        .select((reports::created_at, schools::ack_within_hours))
        .load(db)?)
}
