//! The one way a report's clear facts change: the row read inside the write, the
//! person's right to it checked there, then its figures, its place in every queue and
//! its chronology follow in the same transaction.

use super::access::{acting_role, require_fresh_if_closed, require_routed, CaseError};
use super::actors::Staff;
use super::context::Context;
use super::insights;
use crate::db::{Conn, DbError, Tx};
use crate::domain::choices::EventKind;
use crate::domain::ids::ReportId;
use crate::store::events::{self, Event};
use crate::store::keys::{self, QueueKeys};
use crate::store::reports::{self, CaseRow};
use crate::store::schools;
use crate::time::Timestamp;

/// Runs one change to a report's clear facts: reads the row inside the write (so two
/// people acting at once never undo each other's work), applies `change`, moves the
/// report in every queue, and records what happened. A change that finds nothing to do
/// (`None`: a hold placed twice) records nothing.
pub(crate) fn change(
    conn: &mut Conn<'_>,
    ctx: &Context,
    staff: &Staff,
    id: &ReportId,
    change: impl FnOnce(&mut Tx<'_>, &CaseRow, Timestamp) -> Result<Option<Changed>, CaseError>,
) -> Result<(), CaseError> {
    require_routed(conn, staff, id)?;
    let now = ctx.now();
    conn.write(|tx| {
        crate::store::locks::report(tx, id)?;
        let row = reports::find(tx.db(), id)?;
        require_fresh_if_closed(staff, &row, now)?;
        let Some(changed) = change(tx, &row, now)? else {
            return Ok(());
        };
        settle(tx, &row)?;
        let role = acting_role(tx.db(), staff, &row)?;
        let event = Event::new(id, changed.kind, role)
            .change(changed.from.as_deref(), changed.to.as_deref());
        events::record(tx, &staff.actor(), &event, &changed.detail, now)?;
        Ok(())
    })
}

/// After a report's clear facts changed inside `tx` (from `before`): its figures and its
/// place in every queue follow, in the same transaction.
pub(crate) fn settle(tx: &mut Tx<'_>, before: &CaseRow) -> Result<(), DbError> {
    let after = reports::find(tx.db(), &before.id)?;
    let target = schools::find(tx.db(), before.school_id)?.ack_within_hours;
    insights::note(
        tx,
        Some(&insights::fact_of(before, target)),
        Some(&insights::fact_of(&after, target)),
    )?;
    keys::sync_queue(tx, &before.id, &QueueKeys::of_row(&after))
}

/// What a change did, for the event and the audit row.
pub(crate) struct Changed {
    pub kind: EventKind,
    pub from: Option<String>,
    pub to: Option<String>,
    pub detail: String,
}
