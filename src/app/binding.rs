//! Key binding: every stored copy of a report's keys is sealed once more under its
//! school's retention key for the report's period (open, expiring in a month, or held),
//! and moved to another period when the report closes, reopens, is held or kept longer.

use super::context::Context;
use crate::crypto::retention::{KeyCopy, RetentionKey};
use crate::db::{Conn, DbError, Tx};
use crate::domain::choices::Status;
use crate::domain::ids::{ReportId, SchoolId};
use crate::domain::retention::{Month, Period};
use crate::store::keys;
use crate::store::reports::{self, CaseRow};
use crate::store::schools;
use crate::time::Timestamp;

fn period_of(raw: &str) -> Result<Period, DbError> {
    Period::parse(raw).ok_or_else(|| {
        DbError::Storage(std::io::Error::other(format!(
            "the database names an unknown retention period {raw:?}"
        )))
    })
}

/// The period a report arriving now is bound to.
pub fn open_period(now: Timestamp) -> Period {
    Period::Open(Month::of(now.as_secs()))
}

/// The key to bind a school's reports to for `period`, made if need be.
pub fn binding_key(
    ctx: &Context,
    school: SchoolId,
    period: &Period,
) -> Result<RetentionKey, DbError> {
    Ok(ctx.keystore.for_binding(school, period)?)
}

/// Opens one stored copy of a report's keys: what is inside, or `None` when the report
/// cannot be opened any more because its retention key was destroyed (it was purged, and
/// this is a copy of the database from before).
pub fn unbind(
    ctx: &Context,
    school: SchoolId,
    period: Option<&str>,
    report: &ReportId,
    copy: KeyCopy,
    bound: &[u8],
) -> Result<Option<Vec<u8>>, DbError> {
    let Some(raw) = period else {
        // Stored before retention and not bound yet.
        return Ok(Some(bound.to_vec()));
    };
    let Some(key) = ctx.keystore.for_opening(school, &period_of(raw)?)? else {
        return Ok(None);
    };
    // With its key present, a copy that will not open was damaged: an error, not a deletion.
    key.unbind(report, copy, bound)
        .map(Some)
        .map_err(|_| broken("stored"))
}

fn broken(what: &str) -> DbError {
    DbError::Storage(std::io::Error::other(format!(
        "a report's {what} copy would not open with its retention key"
    )))
}

/// Moves every stored copy of a report's keys to another retention period, inside the
/// caller's transaction. Needs no one's private key: only the two retention keys.
pub fn rebind(tx: &mut Tx<'_>, ctx: &Context, row: &CaseRow, to: Period) -> Result<(), DbError> {
    let target = to.as_string();
    if row.retention_period.as_deref() == Some(target.as_str()) {
        return Ok(());
    }
    let from = row.retention_period.as_deref();
    let key = binding_key(ctx, row.school_id, &to)?;
    for (user, bound) in keys::for_report(tx.db(), &row.id)? {
        let copy = KeyCopy::Recipient(user);
        let wrapped = unbind(ctx, row.school_id, from, &row.id, copy, &bound)?
            .ok_or_else(|| broken("recipient"))?;
        keys::set_wrapped(tx, &row.id, user, &key.bind(&row.id, copy, &wrapped))?;
    }
    let (recovery, pupil) = reports::bound_copies(tx.db(), &row.id)?;
    let recovery = unbind(
        ctx,
        row.school_id,
        from,
        &row.id,
        KeyCopy::Recovery,
        &recovery,
    )?
    .ok_or_else(|| broken("recovery"))?;
    let pupil = unbind(ctx, row.school_id, from, &row.id, KeyCopy::Pupil, &pupil)?
        .ok_or_else(|| broken("pupil"))?;
    reports::set_binding(
        tx,
        &row.id,
        &target,
        &key.bind(&row.id, KeyCopy::Recovery, &recovery),
        &key.bind(&row.id, KeyCopy::Pupil, &pupil),
    )
}

/// Where a report's keys belong after its status changed to `status`: a closed report
/// gets its deletion time and is bound to that month; a reopened one is kept while open.
/// A report on legal hold stays bound to the hold.
pub fn after_status_change(
    tx: &mut Tx<'_>,
    ctx: &Context,
    row: &CaseRow,
    status: Status,
    now: Timestamp,
) -> Result<(), DbError> {
    if status == Status::Closed {
        let school = schools::find(tx.db(), row.school_id)?;
        let expires = Timestamp::from_secs(school.retention().expiry(
            now.as_secs(),
            row.about,
            row.named,
        ));
        reports::set_expiry(tx, &row.id, Some(expires))?;
        if !row.legal_hold {
            rebind(tx, ctx, row, Period::Expiring(Month::of(expires.as_secs())))?;
        }
    } else if row.status == Status::Closed {
        reports::set_expiry(tx, &row.id, None)?;
        if !row.legal_hold {
            rebind(tx, ctx, row, open_period(now))?;
        }
    }
    Ok(())
}

/// A closed report the pupil has just named is kept as long as a named report: its
/// deletion time is worked out again from when it closed, and its keys bound to that month.
pub fn after_naming(tx: &mut Tx<'_>, ctx: &Context, before: &CaseRow) -> Result<(), DbError> {
    let (Status::Closed, Some(closed), false) = (before.status, before.closed_at, before.named)
    else {
        return Ok(());
    };
    let school = schools::find(tx.db(), before.school_id)?;
    let named = school
        .retention()
        .expiry(closed.as_secs(), before.about, true);
    // Never sooner than a safeguarding lead already chose to keep it.
    let expires = before
        .expires_at
        .map_or(named, |kept| kept.as_secs().max(named));
    reports::set_expiry(tx, &before.id, Some(Timestamp::from_secs(expires)))?;
    if !before.legal_hold {
        rebind(tx, ctx, before, Period::Expiring(Month::of(expires)))?;
    }
    Ok(())
}

/// Binds reports stored before retention existed (run at start-up and before a purge).
pub fn bind_unbound(conn: &mut Conn<'_>, ctx: &Context) -> Result<usize, DbError> {
    let mut bound = 0;
    loop {
        let rows = reports::unbound(conn.db(), 200)?;
        if rows.is_empty() {
            return Ok(bound);
        }
        conn.write(|tx| {
            for row in &rows {
                let period = match (row.status, row.closed_at) {
                    (Status::Closed, Some(closed)) => {
                        let school = schools::find(tx.db(), row.school_id)?;
                        let expires =
                            school
                                .retention()
                                .expiry(closed.as_secs(), row.about, row.named);
                        reports::set_expiry(tx, &row.id, Some(Timestamp::from_secs(expires)))?;
                        Period::Expiring(Month::of(expires))
                    }
                    _ => open_period(row.created_at),
                };
                rebind(tx, ctx, row, period)?;
            }
            Ok::<_, DbError>(())
        })?;
        bound += rows.len();
    }
}
