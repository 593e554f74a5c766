//! Upkeep of the counters the figures are read from: what a report's change moves, folding
//! waiting changes in, and filling the counters from the reports when none are stored.

use crate::db::{Conn, DbError, Tx};
use crate::domain::insight::{changes, Fact};
use crate::store::insights::{self as counters, StoredFacts};
use crate::store::reports::CaseRow;
use crate::store::schools::{self, School};
use crate::time::{self, Timestamp};

/// The facts of a report as its school's counters see them: the one place a [`Fact`] is
/// made, whether the report is stored, just arriving, or purged with its facts kept.
pub fn fact(report: &StoredFacts, target_hours: i32) -> Fact {
    Fact {
        school: report.school_id,
        week: time::uk_week(report.created_at),
        category: report.category,
        location: report.location,
        urgent: report.happening_now,
        acknowledged_after: report.acknowledged_at.map(|a| a.since(report.created_at)),
        target_seconds: i64::from(target_hours) * 3_600,
        outcome: report.outcome,
        referral: report.referral,
        out_of_hours: report.out_of_hours,
        linked_on: report.linked_on,
    }
}

/// The facts of a report's row as its school's counters see them.
pub fn fact_of(row: &CaseRow, target_hours: i32) -> Fact {
    fact(&StoredFacts::from(row), target_hours)
}

/// Appends what a change to a report moves, in the caller's transaction.
pub fn note(tx: &mut Tx<'_>, old: Option<&Fact>, new: Option<&Fact>) -> Result<(), DbError> {
    counters::record(tx, &changes(old, new))
}

/// Fills the counters from every stored report and every purged report's kept facts
/// when no week of them is stored (the first start after an upgrade that added or
/// reshaped them). Returns how many reports were counted. Changes waiting to be folded
/// are dropped in the same transaction, as the reports already show them; another server
/// starting at the same time waits and then finds the weeks there. Schools are counted
/// one at a time, so memory holds one school's reports and the deployment's weeks.
pub fn rebuild_if_empty(conn: &mut Conn<'_>) -> Result<usize, DbError> {
    if counters::has_weeks(conn.db())? {
        return Ok(0);
    }
    let schools = schools::list(conn.db())?;
    conn.write(|tx| {
        counters::hold_for_rebuild(tx)?;
        if counters::has_weeks(tx.db())? {
            return Ok(0);
        }
        counters::clear_changes(tx)?;
        let mut counted = 0;
        // Holds the whole deployment's weeks (school 0, first in order) between schools.
        let mut weeks = counters::Weeks::new();
        for school in &schools {
            counted += for_each_fact(tx, school, |fact| {
                for (counter, n) in changes(None, Some(&fact)) {
                    counters::add(&mut weeks, &counter, n);
                }
            })?;
            let school_weeks = weeks.split_off(&(counters::DEPLOYMENT.0 + 1, i64::MIN));
            counters::fill(tx.db(), &school_weeks)?;
        }
        counters::fill(tx.db(), &weeks)?;
        Ok(counted)
    })
}

/// Hands over the facts of a school's stored reports and its purged reports' kept facts,
/// with its agreed time to acknowledge as it is now; returns how many there were.
fn for_each_fact(
    tx: &mut Tx<'_>,
    school: &School,
    mut visit: impl FnMut(Fact),
) -> Result<usize, DbError> {
    let target = school.ack_within_hours;
    let stored = counters::stored_reports(tx.db(), school.id)?;
    let kept = counters::kept_facts(tx.db(), school.id)?;
    let count = stored.len() + kept.len();
    for report in stored {
        visit(fact(&report, target));
    }
    for (
        school,
        day_start,
        category,
        location,
        urgent,
        ack,
        outcome,
        referral,
        out_of_hours,
        linked_on,
    ) in kept
    {
        // Kept facts hold the UTC day; noon of it is that UK day too.
        let created_at = Timestamp(day_start + 43_200);
        let report = StoredFacts {
            school_id: school,
            created_at,
            category,
            location,
            happening_now: urgent,
            acknowledged_at: ack.map(|after| created_at.plus(after)),
            outcome,
            referral,
            out_of_hours,
            linked_on,
        };
        visit(fact(&report, target));
    }
    Ok(count)
}

/// Folds waiting changes into the counters (run before figures are read, and by the
/// background worker).
pub fn fold(conn: &mut Conn<'_>) -> Result<usize, DbError> {
    conn.write(counters::fold)
}
