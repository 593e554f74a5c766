//! On-call chains, their contacts in order, the schools each covers, and where each
//! urgent report's chain has got to.

use diesel::prelude::*;

use crate::db::schema::{
    on_call_alerts, on_call_chains, on_call_contacts, reports, schools, users,
};
use crate::db::{DbConnection, DbError, Tx};
use crate::domain::ids::{ReportId, SchoolId, UserId};
use crate::time::Timestamp;

/// A chain as administrators see it.
#[derive(Debug, Clone, Queryable)]
pub struct Chain {
    pub id: i64,
    pub name: String,
    pub step_minutes: i32,
}

/// One contact of a chain, in order.
#[derive(Debug, Clone, Queryable)]
pub struct Contact {
    pub id: i64,
    pub position: i32,
    pub user_id: UserId,
    pub name: String,
    pub email: String,
    pub disabled: bool,
    pub phone: Option<String>,
    /// Their hours, as written ("Mon-Fri 16:00-08:00").
    pub shift: String,
}

/// Adds a chain; `None` if one has that name already.
pub fn add_chain(
    tx: &mut Tx<'_>,
    name: &str,
    step_minutes: i32,
    now: Timestamp,
) -> Result<Option<i64>, DbError> {
    let taken: i64 = on_call_chains::table
        .filter(on_call_chains::name.eq(name))
        .count()
        .get_result(tx.db())?;
    if taken > 0 {
        return Ok(None);
    }
    diesel::insert_into(on_call_chains::table)
        .values((
            on_call_chains::name.eq(name),
            on_call_chains::step_minutes.eq(step_minutes),
            on_call_chains::created_at.eq(now),
        ))
        .execute(tx.db())?;
    Ok(on_call_chains::table
        .filter(on_call_chains::name.eq(name))
        .select(on_call_chains::id)
        .first(tx.db())
        .optional()?)
}

pub fn chains(db: &mut DbConnection) -> Result<Vec<Chain>, DbError> {
    Ok(on_call_chains::table
        .order(on_call_chains::name.asc())
        .select((
            on_call_chains::id,
            on_call_chains::name,
            on_call_chains::step_minutes,
        ))
        .load(db)?)
}

pub fn find_chain(db: &mut DbConnection, name: &str) -> Result<Option<Chain>, DbError> {
    Ok(on_call_chains::table
        .filter(on_call_chains::name.eq(name))
        .select((
            on_call_chains::id,
            on_call_chains::name,
            on_call_chains::step_minutes,
        ))
        .first(db)
        .optional()?)
}

/// The chain covering a school, if any.
pub fn chain_of_school(db: &mut DbConnection, school: SchoolId) -> Result<Option<Chain>, DbError> {
    Ok(schools::table
        .inner_join(
            on_call_chains::table.on(schools::on_call_chain_id.eq(on_call_chains::id.nullable())),
        )
        .filter(schools::id.eq(school))
        .select((
            on_call_chains::id,
            on_call_chains::name,
            on_call_chains::step_minutes,
        ))
        .first(db)
        .optional()?)
}

pub fn chain_by_id(db: &mut DbConnection, chain: i64) -> Result<Option<Chain>, DbError> {
    Ok(on_call_chains::table
        .find(chain)
        .select((
            on_call_chains::id,
            on_call_chains::name,
            on_call_chains::step_minutes,
        ))
        .first(db)
        .optional()?)
}

/// Puts a school under a chain, or under none; `false` if there is no such school.
pub fn set_school_chain(
    tx: &mut Tx<'_>,
    school: SchoolId,
    chain: Option<i64>,
) -> Result<bool, DbError> {
    Ok(diesel::update(schools::table.find(school))
        .set(schools::on_call_chain_id.eq(chain))
        .execute(tx.db())?
        > 0)
}

/// The schools a chain covers: (id, name).
pub fn schools_of(db: &mut DbConnection, chain: i64) -> Result<Vec<(SchoolId, String)>, DbError> {
    Ok(schools::table
        .filter(schools::on_call_chain_id.eq(chain))
        .order(schools::name.asc())
        .select((schools::id, schools::name))
        .load(db)?)
}

/// Adds a contact at the end of a chain.
pub fn add_contact(
    tx: &mut Tx<'_>,
    chain: i64,
    user: UserId,
    phone: Option<&str>,
    shift: &str,
) -> Result<(), DbError> {
    let last: Option<i32> = on_call_contacts::table
        .filter(on_call_contacts::chain_id.eq(chain))
        .select(diesel::dsl::max(on_call_contacts::position))
        .first(tx.db())?;
    diesel::insert_into(on_call_contacts::table)
        .values((
            on_call_contacts::chain_id.eq(chain),
            on_call_contacts::position.eq(last.map_or(0, |p| p + 1)),
            on_call_contacts::user_id.eq(user),
            on_call_contacts::phone.eq(phone),
            on_call_contacts::shift.eq(shift),
        ))
        .execute(tx.db())?;
    Ok(())
}

/// Removes a contact from its chain; `false` if there was none with that id.
pub fn remove_contact(tx: &mut Tx<'_>, chain: i64, contact: i64) -> Result<bool, DbError> {
    Ok(diesel::delete(
        on_call_contacts::table
            .filter(on_call_contacts::id.eq(contact))
            .filter(on_call_contacts::chain_id.eq(chain)),
    )
    .execute(tx.db())?
        > 0)
}

/// A chain's contacts in the order they are told.
pub fn contacts(db: &mut DbConnection, chain: i64) -> Result<Vec<Contact>, DbError> {
    Ok(on_call_contacts::table
        .inner_join(users::table)
        .filter(on_call_contacts::chain_id.eq(chain))
        .order(on_call_contacts::position.asc())
        .select((
            on_call_contacts::id,
            on_call_contacts::position,
            on_call_contacts::user_id,
            users::name,
            users::email,
            users::disabled,
            on_call_contacts::phone,
            on_call_contacts::shift,
        ))
        .load(db)?)
}

/// Starts a report's chain: the next contact to try is `next_position`, at `next_at`.
pub fn start_alert(
    tx: &mut Tx<'_>,
    report: &ReportId,
    chain: i64,
    next_position: i32,
    next_at: Timestamp,
    now: Timestamp,
) -> Result<(), DbError> {
    // A report moved to another school may have had that school's chain, ended by the
    // move: the new chain takes its place (the chronology keeps what the old one did).
    diesel::delete(
        on_call_alerts::table
            .filter(on_call_alerts::report_id.eq(report))
            .filter(on_call_alerts::ended_at.is_not_null()),
    )
    .execute(tx.db())?;
    diesel::insert_into(on_call_alerts::table)
        .values((
            on_call_alerts::report_id.eq(report),
            on_call_alerts::chain_id.eq(chain),
            on_call_alerts::next_position.eq(next_position),
            on_call_alerts::next_at.eq(next_at),
            on_call_alerts::started_at.eq(now),
        ))
        .execute(tx.db())?;
    Ok(())
}

/// A chain due for its next step.
#[derive(Debug, Clone)]
pub struct DueAlert {
    pub report_id: ReportId,
    pub chain_id: i64,
    pub next_position: i32,
    pub next_at: Timestamp,
    pub school_id: SchoolId,
    pub about: crate::domain::choices::About,
    /// Someone has acknowledged the report (or it is closed): the chain stops.
    pub answered: bool,
}

/// A due alert's row: report, chain, next position and time, school, about, acknowledged
/// at, status.
type DueRow = (
    ReportId,
    i64,
    i32,
    Timestamp,
    SchoolId,
    crate::domain::choices::About,
    Option<Timestamp>,
    crate::domain::choices::Status,
);

pub fn due(db: &mut DbConnection, now: Timestamp) -> Result<Vec<DueAlert>, DbError> {
    let rows: Vec<DueRow> = on_call_alerts::table
        .inner_join(reports::table)
        .filter(on_call_alerts::ended_at.is_null())
        .filter(on_call_alerts::next_at.le(now))
        .order(on_call_alerts::next_at.asc())
        .limit(500)
        .select((
            on_call_alerts::report_id,
            on_call_alerts::chain_id,
            on_call_alerts::next_position,
            on_call_alerts::next_at,
            reports::school_id,
            reports::about,
            reports::acknowledged_at,
            reports::status,
        ))
        .load(db)?;
    Ok(rows
        .into_iter()
        .map(
            |(report_id, chain_id, next_position, next_at, school_id, about, ack, status)| {
                DueAlert {
                    report_id,
                    chain_id,
                    next_position,
                    next_at,
                    school_id,
                    about,
                    answered: ack.is_some() || status == crate::domain::choices::Status::Closed,
                }
            },
        )
        .collect())
}

/// Moves a chain on from the step `seen` (as read by [`due`]); `false` if another server
/// took that step first, so each contact is told once.
pub fn advance(
    tx: &mut Tx<'_>,
    seen: &DueAlert,
    next_position: i32,
    next_at: Timestamp,
) -> Result<bool, DbError> {
    Ok(diesel::update(
        on_call_alerts::table
            .filter(on_call_alerts::report_id.eq(&seen.report_id))
            .filter(on_call_alerts::ended_at.is_null())
            .filter(on_call_alerts::next_position.eq(seen.next_position))
            .filter(on_call_alerts::next_at.eq(seen.next_at)),
    )
    .set((
        on_call_alerts::next_position.eq(next_position),
        on_call_alerts::next_at.eq(next_at),
    ))
    .execute(tx.db())?
        == 1)
}

/// Ends a chain from the step `seen`; `false` if another server moved it first.
pub fn end(tx: &mut Tx<'_>, seen: &DueAlert, now: Timestamp) -> Result<bool, DbError> {
    Ok(diesel::update(
        on_call_alerts::table
            .filter(on_call_alerts::report_id.eq(&seen.report_id))
            .filter(on_call_alerts::ended_at.is_null())
            .filter(on_call_alerts::next_position.eq(seen.next_position))
            .filter(on_call_alerts::next_at.eq(seen.next_at)),
    )
    .set(on_call_alerts::ended_at.eq(Some(now)))
    .execute(tx.db())?
        == 1)
}

/// Ends a report's chain wherever it has got to (the report went to another school,
/// whose own staff are told instead).
pub fn end_for_report(tx: &mut Tx<'_>, report: &ReportId, now: Timestamp) -> Result<(), DbError> {
    diesel::update(
        on_call_alerts::table
            .filter(on_call_alerts::report_id.eq(report))
            .filter(on_call_alerts::ended_at.is_null()),
    )
    .set(on_call_alerts::ended_at.eq(Some(now)))
    .execute(tx.db())?;
    Ok(())
}
