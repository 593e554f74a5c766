//! Wrapped report keys: one row per person a report is sealed for, carrying the report's
//! place in that person's queue so the queue is one index range.

use diesel::prelude::*;

use crate::db::schema::{report_keys, reports, users};
use crate::db::{insert_ignoring_duplicate, DbConnection, DbError, Tx};
use crate::domain::choices::{About, Risk, Status};
use crate::domain::ids::{ReportId, SchoolId, UserId};
use crate::time::Timestamp;

/// A report's place in each recipient's queue, copied beside their wrapped key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QueueKeys {
    pub is_open: bool,
    pub urgent_rank: i32,
    pub risk_rank: i32,
    pub created_at: Timestamp,
}

impl QueueKeys {
    /// Unacknowledged "happening now" reports first, then reports with a pupil's message
    /// nobody has opened yet, then by risk, then oldest.
    pub fn of(
        status: Status,
        risk: Option<Risk>,
        urgent_unacknowledged: bool,
        new_message: bool,
        created_at: Timestamp,
    ) -> Self {
        QueueKeys {
            is_open: status.is_open(),
            urgent_rank: match (urgent_unacknowledged, new_message) {
                (true, _) => 0,
                (false, true) => 1,
                (false, false) => 2,
            },
            risk_rank: Risk::rank(risk),
            created_at,
        }
    }

    /// Where a report stands in every queue, from its row.
    pub fn of_row(row: &super::reports::CaseRow) -> Self {
        QueueKeys::of(
            row.status,
            row.risk,
            row.happening_now && row.acknowledged_at.is_none(),
            row.new_message_at.is_some(),
            row.created_at,
        )
    }

    pub fn new_report(happening_now: bool, risk: Option<Risk>, created_at: Timestamp) -> Self {
        QueueKeys::of(Status::New, risk, happening_now, false, created_at)
    }
}

fn insert_statement(
    db: &mut DbConnection,
    report: &ReportId,
    user: UserId,
    wrapped: &[u8],
    queue: &QueueKeys,
    now: Timestamp,
) -> diesel::QueryResult<usize> {
    diesel::insert_into(report_keys::table)
        .values((
            report_keys::report_id.eq(report),
            report_keys::user_id.eq(user),
            report_keys::wrapped.eq(wrapped),
            report_keys::created_at.eq(now),
            report_keys::is_open.eq(queue.is_open),
            report_keys::urgent_rank.eq(queue.urgent_rank),
            report_keys::risk_rank.eq(queue.risk_rank),
            report_keys::report_created_at.eq(queue.created_at),
        ))
        .execute(db)
}

/// Stores one recipient's wrapped copy of a new report's keys.
pub fn insert(
    tx: &mut Tx<'_>,
    report: &ReportId,
    user: UserId,
    wrapped: &[u8],
    queue: &QueueKeys,
    now: Timestamp,
) -> Result<(), DbError> {
    insert_statement(tx.db(), report, user, wrapped, queue, now)?;
    Ok(())
}

/// As [`insert`], leaving a copy the person already has.
pub fn insert_if_missing(
    tx: &mut Tx<'_>,
    report: &ReportId,
    user: UserId,
    wrapped: &[u8],
    queue: &QueueKeys,
    now: Timestamp,
) -> Result<(), DbError> {
    insert_ignoring_duplicate(tx, |db| {
        insert_statement(db, report, user, wrapped, queue, now)
    })
}

/// This person's wrapped copy of a report's keys, if they hold one.
pub fn wrapped_for(
    db: &mut DbConnection,
    report: &ReportId,
    user: UserId,
) -> Result<Option<Vec<u8>>, DbError> {
    Ok(report_keys::table
        .filter(report_keys::report_id.eq(report))
        .filter(report_keys::user_id.eq(user))
        .select(report_keys::wrapped)
        .first(db)
        .optional()?)
}

/// Everyone who can read a report (and so can own it), by name.
pub fn readers(db: &mut DbConnection, report: &ReportId) -> Result<Vec<(UserId, String)>, DbError> {
    Ok(report_keys::table
        .inner_join(users::table)
        .filter(report_keys::report_id.eq(report))
        .order(users::name.asc())
        .select((users::id, users::name))
        .load(db)?)
}

/// Active readers of a report to mail about it; without those who take a daily digest
/// unless `with_digest_readers`.
pub fn readers_to_mail(
    db: &mut DbConnection,
    report: &ReportId,
    with_digest_readers: bool,
) -> Result<Vec<(UserId, String)>, DbError> {
    let mut query = report_keys::table
        .inner_join(users::table)
        .filter(report_keys::report_id.eq(report))
        .filter(users::disabled.eq(false))
        .select((users::id, users::email))
        .into_boxed();
    if !with_digest_readers {
        query = query.filter(users::notify_digest.eq(false));
    }
    Ok(query.load(db)?)
}

/// Moves a report in every recipient's queue after its status, risk or acknowledgement changed.
pub fn sync_queue(tx: &mut Tx<'_>, report: &ReportId, queue: &QueueKeys) -> Result<(), DbError> {
    diesel::update(report_keys::table.filter(report_keys::report_id.eq(report)))
        .set((
            report_keys::is_open.eq(queue.is_open),
            report_keys::urgent_rank.eq(queue.urgent_rank),
            report_keys::risk_rank.eq(queue.risk_rank),
        ))
        .execute(tx.db())?;
    Ok(())
}

/// One copy a person holds: the report, its school, its retention period, the bound copy.
pub type HeldKey = (ReportId, SchoolId, Option<String>, Vec<u8>);

/// Every report key a person holds (their key pair is being replaced), with where each
/// report's keys are bound.
pub fn held_by(db: &mut DbConnection, user: UserId) -> Result<Vec<HeldKey>, DbError> {
    Ok(report_keys::table
        .inner_join(reports::table)
        .filter(report_keys::user_id.eq(user))
        .select((
            report_keys::report_id,
            reports::school_id,
            reports::retention_period,
            report_keys::wrapped,
        ))
        .load(db)?)
}

/// Every recipient's copy of one report's keys.
pub fn for_report(
    db: &mut DbConnection,
    report: &ReportId,
) -> Result<Vec<(UserId, Vec<u8>)>, DbError> {
    Ok(report_keys::table
        .filter(report_keys::report_id.eq(report))
        .select((report_keys::user_id, report_keys::wrapped))
        .load(db)?)
}

pub fn delete_for_report(tx: &mut Tx<'_>, report: &ReportId) -> Result<(), DbError> {
    diesel::delete(report_keys::table.filter(report_keys::report_id.eq(report)))
        .execute(tx.db())?;
    Ok(())
}

pub fn set_wrapped(
    tx: &mut Tx<'_>,
    report: &ReportId,
    user: UserId,
    wrapped: &[u8],
) -> Result<(), DbError> {
    diesel::update(
        report_keys::table
            .filter(report_keys::user_id.eq(user))
            .filter(report_keys::report_id.eq(report)),
    )
    .set(report_keys::wrapped.eq(wrapped))
    .execute(tx.db())?;
    Ok(())
}

/// Deletes every copy a person holds (their old key is gone).
pub fn delete_for_user(tx: &mut Tx<'_>, user: UserId) -> Result<usize, DbError> {
    Ok(
        diesel::delete(report_keys::table.filter(report_keys::user_id.eq(user)))
            .execute(tx.db())?,
    )
}

/// Deletes a person's copies of the school's reports whose kind is not in `allowed`.
pub fn prune(
    tx: &mut Tx<'_>,
    school: SchoolId,
    user: UserId,
    allowed: &[About],
) -> Result<usize, DbError> {
    let doomed = reports::table
        .filter(reports::school_id.eq(school))
        .filter(reports::about.ne_all(allowed.to_vec()))
        .select(reports::id);
    Ok(diesel::delete(
        report_keys::table
            .filter(report_keys::user_id.eq(user))
            .filter(report_keys::report_id.eq_any(doomed)),
    )
    .execute(tx.db())?)
}

diesel::alias!(report_keys as theirs: TheirKeys);

/// A report to share with someone: its id, a wrapped copy the sharer can open, and what
/// its place in their queue will be.
#[derive(Debug, Clone)]
pub struct ShareSource {
    pub report: ReportId,
    /// The retention period its copies are bound to.
    pub period: Option<String>,
    pub wrapped: Vec<u8>,
    pub queue: QueueKeys,
}

type SourceRow = (
    ReportId,
    Option<String>,
    Vec<u8>,
    Status,
    Option<Risk>,
    bool,
    Option<Timestamp>,
    Timestamp,
    Option<Timestamp>,
);

fn sources(rows: Vec<SourceRow>) -> Vec<ShareSource> {
    rows.into_iter()
        .map(
            |(
                report,
                period,
                wrapped,
                status,
                risk,
                happening_now,
                acknowledged_at,
                created_at,
                new_message_at,
            )| {
                ShareSource {
                    report,
                    period,
                    wrapped,
                    queue: QueueKeys::of(
                        status,
                        risk,
                        happening_now && acknowledged_at.is_none(),
                        new_message_at.is_some(),
                        created_at,
                    ),
                }
            },
        )
        .collect()
}

/// Reports of the school the sharer holds, of a kind `allowed` for the recipient, that
/// the recipient does not hold yet: with the sharer's wrapped copies.
pub fn missing_from_sharer(
    db: &mut DbConnection,
    school: SchoolId,
    sharer: UserId,
    recipient: UserId,
    allowed: &[About],
    limit: i64,
) -> Result<Vec<ShareSource>, DbError> {
    let rows: Vec<SourceRow> = report_keys::table
        .inner_join(reports::table)
        .filter(report_keys::user_id.eq(sharer))
        .filter(reports::school_id.eq(school))
        .filter(reports::about.eq_any(allowed.to_vec()))
        .filter(diesel::dsl::not(diesel::dsl::exists(
            theirs
                .filter(theirs.field(report_keys::report_id).eq(reports::id))
                .filter(theirs.field(report_keys::user_id).eq(recipient)),
        )))
        .limit(limit)
        .select((
            reports::id,
            reports::retention_period,
            report_keys::wrapped,
            reports::status,
            reports::risk,
            reports::happening_now,
            reports::acknowledged_at,
            reports::created_at,
            reports::new_message_at,
        ))
        .load(db)?;
    Ok(sources(rows))
}

/// As [`missing_from_sharer`], from the school's recovery copies, in pages.
pub fn missing_from_recovery(
    db: &mut DbConnection,
    school: SchoolId,
    recipient: UserId,
    allowed: &[About],
    skip: i64,
    limit: i64,
) -> Result<Vec<ShareSource>, DbError> {
    let rows: Vec<SourceRow> = reports::table
        .filter(reports::school_id.eq(school))
        .filter(reports::about.eq_any(allowed.to_vec()))
        .filter(diesel::dsl::not(diesel::dsl::exists(
            theirs
                .filter(theirs.field(report_keys::report_id).eq(reports::id))
                .filter(theirs.field(report_keys::user_id).eq(recipient)),
        )))
        .order(reports::id.asc())
        .offset(skip)
        .limit(limit)
        .select((
            reports::id,
            reports::retention_period,
            reports::recovery_keys,
            reports::status,
            reports::risk,
            reports::happening_now,
            reports::acknowledged_at,
            reports::created_at,
            reports::new_message_at,
        ))
        .load(db)?;
    Ok(sources(rows))
}

/// How many reports of the school, of a kind `allowed` for the person, they do not hold.
pub fn missing_count(
    db: &mut DbConnection,
    school: SchoolId,
    user: UserId,
    allowed: &[About],
) -> Result<i64, DbError> {
    Ok(reports::table
        .filter(reports::school_id.eq(school))
        .filter(reports::about.eq_any(allowed.to_vec()))
        .filter(diesel::dsl::not(diesel::dsl::exists(
            theirs
                .filter(theirs.field(report_keys::report_id).eq(reports::id))
                .filter(theirs.field(report_keys::user_id).eq(user)),
        )))
        .count()
        .get_result(db)?)
}

/// Schools where this person holds open reports nobody has acknowledged (for digests).
pub fn schools_awaiting_acknowledgement(
    db: &mut DbConnection,
    user: UserId,
) -> Result<Vec<SchoolId>, DbError> {
    Ok(report_keys::table
        .inner_join(reports::table)
        .filter(report_keys::user_id.eq(user))
        .filter(report_keys::is_open.eq(true))
        .filter(reports::acknowledged_at.is_null())
        .select(reports::school_id)
        .distinct()
        .load(db)?)
}
