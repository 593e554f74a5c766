//! The reports table: the facts triage needs in the clear, and the sealed rest.

use diesel::prelude::*;

use crate::db::schema::{reports, schools};
use crate::db::{DbConnection, DbError, Tx};
use crate::domain::choices::{About, Category, Location, Outcome, Risk, Source, Status};
use crate::domain::ids::{ReportId, SchoolId, UserId};
use crate::time::Timestamp;

/// A report as stored when a pupil sends it: everything sealed already.
pub struct NewReport<'a> {
    pub id: &'a ReportId,
    pub school: SchoolId,
    pub category: Category,
    pub location: Location,
    pub happening_now: bool,
    /// It arrived outside the school's reading hours.
    pub out_of_hours: bool,
    pub about: About,
    /// The risk it arrives with (some kinds are high risk from the start).
    pub risk: Option<Risk>,
    pub named: bool,
    pub unrouted: bool,
    /// The pupil's own form, or a member of staff recording what they were told.
    pub source: Source,
    /// The retention period every stored copy of its keys is bound to.
    pub retention_period: &'a str,
    pub receipt_lookup: &'a [u8],
    pub pupil_key: &'a [u8],
    pub recovery_keys: &'a [u8],
    pub details: &'a [u8],
}

pub fn insert(tx: &mut Tx<'_>, report: &NewReport<'_>, now: Timestamp) -> Result<(), DbError> {
    diesel::insert_into(reports::table)
        .values((
            reports::id.eq(report.id),
            reports::school_id.eq(report.school),
            reports::category.eq(report.category),
            reports::location.eq(report.location),
            reports::happening_now.eq(report.happening_now),
            reports::out_of_hours.eq(report.out_of_hours),
            reports::about.eq(report.about),
            reports::status.eq(Status::New),
            reports::risk.eq(report.risk),
            reports::unrouted.eq(report.unrouted),
            reports::named.eq(report.named),
            reports::source.eq(report.source),
            reports::retention_period.eq(Some(report.retention_period)),
            reports::created_at.eq(now),
            reports::updated_at.eq(now),
            reports::receipt_lookup.eq(report.receipt_lookup),
            reports::pupil_key.eq(report.pupil_key),
            reports::recovery_keys.eq(report.recovery_keys),
            reports::details.eq(report.details),
        ))
        .execute(tx.db())?;
    Ok(())
}

/// The facts of a report kept in the clear for triage.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = reports)]
pub struct CaseRow {
    pub id: ReportId,
    pub school_id: SchoolId,
    pub category: Category,
    pub location: Location,
    pub happening_now: bool,
    pub about: About,
    pub status: Status,
    pub risk: Option<Risk>,
    pub owner_id: Option<UserId>,
    pub outcome: Option<Outcome>,
    pub unrouted: bool,
    pub created_at: Timestamp,
    pub acknowledged_at: Option<Timestamp>,
    pub closed_at: Option<Timestamp>,
    pub updated_at: Timestamp,
    pub named: bool,
    /// `None` only for reports stored before retention, until they are bound at start-up.
    pub retention_period: Option<String>,
    pub expires_at: Option<Timestamp>,
    pub legal_hold: bool,
    pub expiry_warned: bool,
    /// The last referral it went through.
    pub referral: Option<Status>,
    /// When the pupil wrote something nobody it is routed to has opened since.
    pub new_message_at: Option<Timestamp>,
    /// It arrived outside the school's reading hours.
    pub out_of_hours: bool,
    /// The lead report of the incident it is linked into (itself, for the lead).
    pub incident_id: Option<ReportId>,
    /// The pupil's own form, or told in person to a member of staff.
    pub source: Source,
    /// When the pupil asked to talk to someone at school.
    pub talk_requested_at: Option<Timestamp>,
}

impl CaseRow {
    /// Linked into an incident led by another report: counted and queued at that one.
    pub fn linked_on(&self) -> bool {
        self.incident_id
            .as_ref()
            .is_some_and(|lead| *lead != self.id)
    }
}

pub fn find(db: &mut DbConnection, id: &ReportId) -> Result<CaseRow, DbError> {
    Ok(reports::table
        .find(id)
        .select(CaseRow::as_select())
        .first(db)?)
}

/// What the pupil wrote, sealed under the report key.
pub fn sealed_details(db: &mut DbConnection, id: &ReportId) -> Result<Vec<u8>, DbError> {
    Ok(reports::table.find(id).select(reports::details).first(db)?)
}

/// A report found by its receipt code: where its keys are bound and the pupil's copy.
#[derive(Debug, Clone, Queryable)]
pub struct ReceiptMatch {
    pub id: ReportId,
    pub school: SchoolId,
    pub retention_period: Option<String>,
    pub pupil_key: Vec<u8>,
}

/// The report a receipt code's lookup hash belongs to.
pub fn find_by_receipt(
    db: &mut DbConnection,
    lookup: &[u8],
) -> Result<Option<ReceiptMatch>, DbError> {
    Ok(reports::table
        .filter(reports::receipt_lookup.eq(lookup))
        .select((
            reports::id,
            reports::school_id,
            reports::retention_period,
            reports::pupil_key,
        ))
        .first(db)
        .optional()?)
}

/// The recovery key's and the pupil's copies of a report's keys, as stored (bound).
pub fn bound_copies(db: &mut DbConnection, id: &ReportId) -> Result<(Vec<u8>, Vec<u8>), DbError> {
    Ok(reports::table
        .find(id)
        .select((reports::recovery_keys, reports::pupil_key))
        .first(db)?)
}

/// Stores the report's copies bound to another retention period.
pub fn set_binding(
    tx: &mut Tx<'_>,
    id: &ReportId,
    period: &str,
    recovery_keys: &[u8],
    pupil_key: &[u8],
) -> Result<(), DbError> {
    diesel::update(reports::table.find(id))
        .set((
            reports::retention_period.eq(Some(period)),
            reports::recovery_keys.eq(recovery_keys),
            reports::pupil_key.eq(pupil_key),
        ))
        .execute(tx.db())?;
    Ok(())
}

/// Gives the report to another school: who it is sealed for is the caller's to store.
pub fn move_to_school(
    tx: &mut Tx<'_>,
    id: &ReportId,
    school: SchoolId,
    unrouted: bool,
    now: Timestamp,
) -> Result<(), DbError> {
    diesel::update(reports::table.find(id))
        .set((
            reports::school_id.eq(school),
            reports::unrouted.eq(unrouted),
            // The old school's owner can no longer read it.
            reports::owner_id.eq(None::<UserId>),
            reports::updated_at.eq(now),
        ))
        .execute(tx.db())?;
    Ok(())
}

/// When the report is to be deleted (`None`: kept while open); the warning is owed again.
pub fn set_expiry(tx: &mut Tx<'_>, id: &ReportId, at: Option<Timestamp>) -> Result<(), DbError> {
    diesel::update(reports::table.find(id))
        .set((reports::expires_at.eq(at), reports::expiry_warned.eq(false)))
        .execute(tx.db())?;
    Ok(())
}

pub fn set_legal_hold(tx: &mut Tx<'_>, id: &ReportId, held: bool) -> Result<(), DbError> {
    diesel::update(reports::table.find(id))
        .set(reports::legal_hold.eq(held))
        .execute(tx.db())?;
    Ok(())
}

/// Claims the warning before deletion: `false` if another server sent it.
pub fn claim_expiry_warning(tx: &mut Tx<'_>, id: &ReportId) -> Result<bool, DbError> {
    let claimed = diesel::update(
        reports::table
            .filter(reports::id.eq(id))
            .filter(reports::expiry_warned.eq(false)),
    )
    .set(reports::expiry_warned.eq(true))
    .execute(tx.db())?;
    Ok(claimed > 0)
}

/// Reports not on hold whose deletion time is before `until`, oldest first.
pub fn expiring_before(
    db: &mut DbConnection,
    until: Timestamp,
    limit: i64,
) -> Result<Vec<CaseRow>, DbError> {
    Ok(reports::table
        .filter(reports::expires_at.le(until))
        .filter(reports::legal_hold.eq(false))
        .order(reports::expires_at.asc())
        .limit(limit)
        .select(CaseRow::as_select())
        .load(db)?)
}

/// How many reports [`expiring_before`] would find with no limit.
pub fn count_expiring_before(db: &mut DbConnection, until: Timestamp) -> Result<i64, DbError> {
    Ok(reports::table
        .filter(reports::expires_at.le(until))
        .filter(reports::legal_hold.eq(false))
        .count()
        .get_result(db)?)
}

/// Reports whose keys are not bound to a retention period yet (stored before retention).
pub fn unbound(db: &mut DbConnection, limit: i64) -> Result<Vec<CaseRow>, DbError> {
    Ok(reports::table
        .filter(reports::retention_period.is_null())
        .limit(limit)
        .select(CaseRow::as_select())
        .load(db)?)
}

/// Whether any report of the school that a purge at `now` keeps is bound to this period.
pub fn period_in_use(
    db: &mut DbConnection,
    school: SchoolId,
    period: &str,
    now: Timestamp,
) -> Result<bool, DbError> {
    // A report the purge deletes at `now` (expired, not held) keeps nothing in use, so a
    // dry run, made before any deletion, counts the keys the real purge destroys.
    let count: i64 = reports::table
        .filter(reports::school_id.eq(school))
        .filter(reports::retention_period.eq(period))
        .filter(
            reports::legal_hold
                .eq(true)
                .or(reports::expires_at.is_null())
                .or(reports::expires_at.gt(now)),
        )
        .count()
        .get_result(db)?;
    Ok(count > 0)
}

/// Deletes the report row itself (its keys, messages and events first).
pub fn delete(tx: &mut Tx<'_>, id: &ReportId) -> Result<(), DbError> {
    diesel::delete(reports::table.find(id)).execute(tx.db())?;
    Ok(())
}

/// What a pupil may see of their report's clear facts, with its school's name and hours.
pub struct PupilFacts {
    pub category: Category,
    pub location: Location,
    pub status: Status,
    pub created_at: Timestamp,
    pub details: Vec<u8>,
    pub school_name: String,
    pub reading_hours: String,
    /// When someone it was sent to first saw it and said so.
    pub acknowledged_at: Option<Timestamp>,
    /// When the pupil asked to talk to someone at school.
    pub talk_requested_at: Option<Timestamp>,
}

pub fn pupil_facts(db: &mut DbConnection, id: &ReportId) -> Result<PupilFacts, DbError> {
    let (
        category,
        location,
        status,
        created_at,
        details,
        school_name,
        reading_hours,
        acknowledged_at,
        talk_requested_at,
    ) = reports::table
        .inner_join(schools::table)
        .filter(reports::id.eq(id))
        .select((
            reports::category,
            reports::location,
            reports::status,
            reports::created_at,
            reports::details,
            schools::name,
            schools::reading_hours,
            reports::acknowledged_at,
            reports::talk_requested_at,
        ))
        .first(db)?;
    Ok(PupilFacts {
        category,
        location,
        status,
        created_at,
        details,
        school_name,
        reading_hours,
        acknowledged_at,
        talk_requested_at,
    })
}

/// The first acknowledgement; the status moves from new to open.
pub fn acknowledge(
    tx: &mut Tx<'_>,
    id: &ReportId,
    status: Status,
    now: Timestamp,
) -> Result<(), DbError> {
    diesel::update(reports::table.find(id))
        .set((
            reports::acknowledged_at.eq(now),
            reports::status.eq(status),
            reports::updated_at.eq(now),
        ))
        .execute(tx.db())?;
    Ok(())
}

pub fn set_risk(
    tx: &mut Tx<'_>,
    id: &ReportId,
    risk: Option<Risk>,
    now: Timestamp,
) -> Result<(), DbError> {
    diesel::update(reports::table.find(id))
        .set((reports::risk.eq(risk), reports::updated_at.eq(now)))
        .execute(tx.db())?;
    Ok(())
}

/// A new status; moving on acknowledges, closing stamps the time and keeps the outcome.
pub fn set_status(
    tx: &mut Tx<'_>,
    row: &CaseRow,
    status: Status,
    outcome: Option<Outcome>,
    now: Timestamp,
) -> Result<(), DbError> {
    let closing = status == Status::Closed;
    diesel::update(reports::table.find(&row.id))
        .set((
            reports::status.eq(status),
            reports::acknowledged_at.eq(row.acknowledged_at.or(Some(now))),
            reports::closed_at.eq(closing.then_some(now)),
            reports::outcome.eq(outcome.filter(|_| closing)),
            reports::referral.eq(if status.is_referral() {
                Some(status)
            } else {
                row.referral
            }),
            reports::updated_at.eq(now),
        ))
        .execute(tx.db())?;
    Ok(())
}

pub fn set_owner(
    tx: &mut Tx<'_>,
    id: &ReportId,
    owner: Option<UserId>,
    now: Timestamp,
) -> Result<(), DbError> {
    diesel::update(reports::table.find(id))
        .set((reports::owner_id.eq(owner), reports::updated_at.eq(now)))
        .execute(tx.db())?;
    Ok(())
}

/// The pupil wrote: the report shows "New message" until someone it is routed to opens it.
pub fn mark_new_message(tx: &mut Tx<'_>, id: &ReportId, now: Timestamp) -> Result<(), DbError> {
    diesel::update(reports::table.find(id))
        .set((
            reports::new_message_at.eq(Some(now)),
            reports::updated_at.eq(now),
        ))
        .execute(tx.db())?;
    Ok(())
}

/// Someone the report is routed to opened it: the pupil's message has been seen. Returns
/// whether there was one unseen.
pub fn clear_new_message(tx: &mut Tx<'_>, id: &ReportId) -> Result<bool, DbError> {
    let cleared = diesel::update(
        reports::table
            .find(id)
            .filter(reports::new_message_at.is_not_null()),
    )
    .set(reports::new_message_at.eq(None::<Timestamp>))
    .execute(tx.db())?;
    Ok(cleared > 0)
}

/// Something was added to the conversation or notes.
pub fn touch(tx: &mut Tx<'_>, id: &ReportId, now: Timestamp) -> Result<(), DbError> {
    diesel::update(reports::table.find(id))
        .set(reports::updated_at.eq(now))
        .execute(tx.db())?;
    Ok(())
}

/// Someone can now read a report that was kept for the recovery key alone.
pub fn mark_routed(tx: &mut Tx<'_>, id: &ReportId) -> Result<(), DbError> {
    diesel::update(reports::table.find(id))
        .set(reports::unrouted.eq(false))
        .execute(tx.db())?;
    Ok(())
}

/// A report nobody has acknowledged yet, with its school's agreed time.
#[derive(Debug, Clone)]
pub struct Unacknowledged {
    pub id: ReportId,
    pub school: SchoolId,
    pub about: About,
    pub created_at: Timestamp,
    pub reminded_periods: i32,
    pub ack_within_hours: i32,
}

pub fn unacknowledged(db: &mut DbConnection) -> Result<Vec<Unacknowledged>, DbError> {
    let rows: Vec<(ReportId, SchoolId, About, Timestamp, i32, i32)> = reports::table
        .inner_join(schools::table)
        .filter(reports::acknowledged_at.is_null())
        .filter(reports::status.ne(Status::Closed))
        .select((
            reports::id,
            reports::school_id,
            reports::about,
            reports::created_at,
            reports::reminded_periods,
            schools::ack_within_hours,
        ))
        .load(db)?;
    Ok(rows
        .into_iter()
        .map(
            |(id, school, about, created_at, reminded_periods, ack_within_hours)| Unacknowledged {
                id,
                school,
                about,
                created_at,
                reminded_periods,
                ack_within_hours,
            },
        )
        .collect())
}

/// Claims the reminder for acknowledgement period `periods`: only the server whose update
/// changes the row sends, and nothing is sent for a report acknowledged meanwhile.
pub fn claim_reminder(tx: &mut Tx<'_>, id: &ReportId, periods: i32) -> Result<bool, DbError> {
    let claimed = diesel::update(
        reports::table
            .filter(reports::id.eq(id))
            .filter(reports::reminded_periods.lt(periods))
            .filter(reports::acknowledged_at.is_null())
            .filter(reports::status.ne(Status::Closed)),
    )
    .set(reports::reminded_periods.eq(periods))
    .execute(tx.db())?;
    Ok(claimed > 0)
}
