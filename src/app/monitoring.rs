//! What the metrics show of the database: the outbox, urgent reports nobody has
//! acknowledged (counts and ages only) and when the upkeep last ran.

use crate::db::{Backend, Conn, DbError};
use crate::metrics::Gauges;
use crate::store::upkeep::{self, Upkeep};
use crate::time::Timestamp;

/// The database's gauges as of `now`.
pub fn gauges(conn: &mut Conn<'_>, now: Timestamp) -> Result<Gauges, DbError> {
    let (outbox_depth, oldest_mail) = upkeep::unsent_mail(conn.db())?;
    let urgent = urgent_figures(&upkeep::urgent_unacknowledged(conn.db())?, now);
    let last_purge = upkeep::last_finished(conn.db(), Upkeep::Purge)?;
    // PostgreSQL is backed up by its own tools (base backups, WAL archiving), which are
    // watched there; `confide backup` is SQLite's.
    let last_backup = match conn.backend() {
        Backend::Sqlite => {
            Some(upkeep::last_finished(conn.db(), Upkeep::Backup)?.map_or(0, Timestamp::as_secs))
        }
        Backend::Postgres => None,
    };
    Ok(Gauges {
        outbox_depth,
        outbox_oldest_unsent_seconds: oldest_mail.map_or(0, |at| now.since(at).max(0)),
        urgent_unacknowledged: urgent.count,
        urgent_overdue: urgent.overdue,
        urgent_oldest_seconds: urgent.oldest_seconds,
        last_purge_unix: last_purge.map_or(0, Timestamp::as_secs),
        last_backup_unix: last_backup,
    })
}

/// Records that `confide backup` has just finished.
pub fn backup_finished(conn: &mut Conn<'_>, now: Timestamp) -> Result<(), DbError> {
    conn.write(|tx| upkeep::finished(tx, Upkeep::Backup, now))
}

#[derive(Debug, Default, PartialEq, Eq)]
struct Urgent {
    count: i64,
    overdue: i64,
    oldest_seconds: i64,
}

/// Counts urgent reports, those past their school's agreed time (at least an hour, as the
/// reminders reckon it), and the age of the oldest.
fn urgent_figures(rows: &[(Timestamp, i32)], now: Timestamp) -> Urgent {
    let mut out = Urgent::default();
    for (arrived, agreed_hours) in rows {
        let age = now.since(*arrived).max(0);
        out.count += 1;
        if age >= i64::from((*agreed_hours).max(1)) * 3600 {
            out.overdue += 1;
        }
        out.oldest_seconds = out.oldest_seconds.max(age);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_report_is_overdue_once_its_schools_agreed_time_has_passed() {
        let now = Timestamp::from_secs(100_000);
        let rows = [
            (now.plus(-2 * 3600), 4), // two hours of four
            (now.plus(-5 * 3600), 4), // five hours of four: overdue
            (now.plus(-1800), 0),     // no agreed time is taken as an hour
            (now.plus(-3600), 0),     // an hour of that hour: overdue
        ];
        assert_eq!(
            urgent_figures(&rows, now),
            Urgent {
                count: 4,
                overdue: 2,
                oldest_seconds: 5 * 3600
            }
        );
        assert_eq!(urgent_figures(&[], now), Urgent::default());
    }
}
