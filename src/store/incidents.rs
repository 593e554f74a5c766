//! Reports linked into one incident: each names the incident's lead report (the lead
//! names itself), so the queue can show the incident once, at its lead.

use std::collections::HashMap;

use diesel::dsl::count_star;
use diesel::prelude::*;

use crate::db::schema::{report_keys, reports};
use crate::db::{DbConnection, DbError, Tx};
use crate::domain::choices::{Category, Location, Status};
use crate::domain::ids::{ReportId, SchoolId, UserId};
use crate::time::Timestamp;

/// A report of an incident (or one that could join it), as its recipients see it listed.
#[derive(Debug, Clone, PartialEq, Eq, Queryable)]
pub struct Member {
    pub id: ReportId,
    pub category: Category,
    pub location: Location,
    pub status: Status,
    pub created_at: Timestamp,
}

fn member_columns() -> (
    reports::id,
    reports::category,
    reports::location,
    reports::status,
    reports::created_at,
) {
    (
        reports::id,
        reports::category,
        reports::location,
        reports::status,
        reports::created_at,
    )
}

/// Puts a report into the incident led by `lead` (or into none).
pub fn set(tx: &mut Tx<'_>, id: &ReportId, lead: Option<&ReportId>) -> Result<(), DbError> {
    diesel::update(reports::table.find(id))
        .set(reports::incident_id.eq(lead))
        .execute(tx.db())?;
    Ok(())
}

/// Every report of the incident led by `lead`, oldest first.
pub fn members(db: &mut DbConnection, lead: &ReportId) -> Result<Vec<ReportId>, DbError> {
    Ok(reports::table
        .filter(reports::incident_id.eq(lead))
        .order((reports::created_at.asc(), reports::id.asc()))
        .select(reports::id)
        .load(db)?)
}

/// The reports of the incident led by `lead` that `user` may read, oldest first.
pub fn readable_members(
    db: &mut DbConnection,
    lead: &ReportId,
    user: UserId,
) -> Result<Vec<Member>, DbError> {
    Ok(reports::table
        .inner_join(report_keys::table)
        .filter(reports::incident_id.eq(lead))
        .filter(report_keys::user_id.eq(user))
        .order((reports::created_at.asc(), reports::id.asc()))
        .select(member_columns())
        .load(db)?)
}

/// Reports of `school` that `user` may read, linked to nothing yet: what they could link
/// to `except`, newest first.
pub fn could_link(
    db: &mut DbConnection,
    school: SchoolId,
    user: UserId,
    except: &ReportId,
    limit: i64,
) -> Result<Vec<Member>, DbError> {
    Ok(reports::table
        .inner_join(report_keys::table)
        .filter(reports::school_id.eq(school))
        .filter(report_keys::user_id.eq(user))
        .filter(reports::incident_id.is_null())
        .filter(reports::id.ne(except))
        .order((reports::created_at.desc(), reports::id.desc()))
        .select(member_columns())
        .limit(limit)
        .load(db)?)
}

/// How many other reports `user` may read in each incident led by one of `leads`.
pub fn linked_counts(
    db: &mut DbConnection,
    leads: &[ReportId],
    user: UserId,
) -> Result<HashMap<ReportId, usize>, DbError> {
    if leads.is_empty() {
        return Ok(HashMap::new());
    }
    let rows: Vec<(Option<ReportId>, i64)> = reports::table
        .inner_join(report_keys::table)
        .filter(reports::incident_id.eq_any(leads))
        .filter(reports::incident_id.ne(reports::id.nullable()))
        .filter(report_keys::user_id.eq(user))
        .group_by(reports::incident_id)
        .select((reports::incident_id, count_star()))
        .load(db)?;
    Ok(rows
        .into_iter()
        .filter_map(|(lead, n)| Some((lead?, n as usize)))
        .collect())
}
