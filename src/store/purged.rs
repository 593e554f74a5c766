//! What outlives a purged report: a tombstone saying it existed and when it went, and its
//! clear triage facts for trends, with no id, no text and dates only to the day.

use diesel::prelude::*;

use super::reports::CaseRow;
use crate::db::schema::{purged_reports, retained_facts};
use crate::db::{DbError, Tx};
use crate::domain::choices::Status;
use crate::time::Timestamp;

const DAY: i64 = 86_400;

pub fn insert_tombstone(tx: &mut Tx<'_>, row: &CaseRow, now: Timestamp) -> Result<(), DbError> {
    diesel::insert_into(purged_reports::table)
        .values((
            purged_reports::report_id.eq(&row.id),
            purged_reports::school_id.eq(row.school_id),
            purged_reports::purged_at.eq(now),
        ))
        .execute(tx.db())?;
    Ok(())
}

/// Keeps the report's triage facts without anything that points back to it.
pub fn insert_facts(
    tx: &mut Tx<'_>,
    row: &CaseRow,
    referral: Option<Status>,
) -> Result<(), DbError> {
    let created = row.created_at.as_secs();
    diesel::insert_into(retained_facts::table)
        .values((
            retained_facts::school_id.eq(row.school_id),
            retained_facts::created_day.eq(created.div_euclid(DAY) * DAY),
            retained_facts::category.eq(row.category),
            retained_facts::location.eq(row.location),
            retained_facts::about.eq(row.about),
            retained_facts::happening_now.eq(row.happening_now),
            retained_facts::acknowledged_after
                .eq(row.acknowledged_at.map(|a| a.since(row.created_at))),
            retained_facts::closed_after.eq(row.closed_at.map(|c| c.since(row.created_at))),
            retained_facts::outcome.eq(row.outcome),
            retained_facts::referral.eq(referral),
            retained_facts::out_of_hours.eq(row.out_of_hours),
            retained_facts::linked_on.eq(row.linked_on()),
        ))
        .execute(tx.db())?;
    Ok(())
}
