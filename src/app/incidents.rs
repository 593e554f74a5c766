//! Reports about one incident, linked by a recipient who may read every one of them, at
//! one school: the incident is shown once in the queue and each report keeps its own
//! pupil, conversation and chronology. Linking and unlinking are audited on each report.

use super::access::{acting_role, require_fresh_if_closed, require_routed, CaseError};
use super::actors::Staff;
use super::changes::settle;
use super::context::Context;
use crate::db::{Conn, Tx};
use crate::domain::choices::EventKind;
use crate::domain::ids::ReportId;
use crate::domain::msg::Msg;
use crate::store::events::{self, Event};
use crate::store::incidents::{self, Member};
use crate::store::reports::{self, CaseRow};
use crate::time::Timestamp;

/// How many reports the case page offers to link.
const CANDIDATES: i64 = 50;

/// A case's incident as one recipient sees it.
#[derive(Debug, Clone, Default)]
pub struct Incident {
    /// The incident's lead report, when it is linked.
    pub lead: Option<ReportId>,
    /// The incident's reports this person may read (this one among them), oldest first.
    pub members: Vec<Member>,
    /// Reports they could link to this one (same school, readable, linked to nothing).
    pub candidates: Vec<Member>,
}

/// The incident of `row`, as `staff` (who may read it) sees it.
pub fn of_case(conn: &mut Conn<'_>, staff: &Staff, row: &CaseRow) -> Result<Incident, CaseError> {
    let db = conn.db();
    let members = match &row.incident_id {
        Some(lead) => incidents::readable_members(db, lead, staff.id())?,
        None => Vec::new(),
    };
    let candidates = incidents::could_link(db, row.school_id, staff.id(), &row.id, CANDIDATES)?;
    Ok(Incident {
        lead: row.incident_id.clone(),
        members,
        candidates,
    })
}

/// Links `other` into the incident of `id` (which leads it when it is linked to nothing
/// yet). Both must be routed to `staff` and at one school; `other` must be linked to
/// nothing (one incident is never folded into another behind anyone's back).
pub fn link(
    conn: &mut Conn<'_>,
    ctx: &Context,
    staff: &Staff,
    id: &ReportId,
    other: &ReportId,
) -> Result<(), CaseError> {
    require_routed(conn, staff, id)?;
    require_routed(conn, staff, other)?;
    if id == other {
        return Err(CaseError::Refused(Msg::ChooseReportToLink));
    }
    let now = ctx.now();
    conn.write(|tx| {
        // Both rows, in one order whichever way round they were linked, so two links at
        // once wait for each other instead of deadlocking.
        for locked in [id.min(other), id.max(other)] {
            crate::store::locks::report(tx, locked)?;
        }
        let here = reports::find(tx.db(), id)?;
        let there = reports::find(tx.db(), other)?;
        // Another school's report is as good as not there.
        if here.school_id != there.school_id {
            return Err(CaseError::NotFound);
        }
        require_fresh_if_closed(staff, &here, now)?;
        require_fresh_if_closed(staff, &there, now)?;
        if there.incident_id.is_some() {
            return Err(CaseError::Refused(Msg::AlreadyLinked));
        }
        let lead = here.incident_id.clone().unwrap_or_else(|| here.id.clone());
        if here.incident_id.is_none() {
            incidents::set(tx, &here.id, Some(&lead))?;
            settle(tx, &here)?;
        }
        incidents::set(tx, &there.id, Some(&lead))?;
        settle(tx, &there)?;
        record(tx, staff, &here, EventKind::Linked, Some(&there.id), now)?;
        record(tx, staff, &there, EventKind::Linked, Some(&here.id), now)
    })
}

/// Takes `id` out of its incident. An incident left with one report is no incident; one
/// whose lead leaves is led by its oldest remaining report.
pub fn unlink(
    conn: &mut Conn<'_>,
    ctx: &Context,
    staff: &Staff,
    id: &ReportId,
) -> Result<(), CaseError> {
    require_routed(conn, staff, id)?;
    let now = ctx.now();
    conn.write(|tx| {
        crate::store::locks::report(tx, id)?;
        let row = reports::find(tx.db(), id)?;
        require_fresh_if_closed(staff, &row, now)?;
        let Some(lead) = row.incident_id.clone() else {
            return Err(CaseError::Refused(Msg::NotLinked));
        };
        incidents::set(tx, &row.id, None)?;
        settle(tx, &row)?;
        let rest: Vec<ReportId> = incidents::members(tx.db(), &lead)?;
        let new_lead = match rest.len() {
            0 | 1 => None,
            _ if rest.contains(&lead) => Some(lead.clone()),
            _ => Some(rest[0].clone()),
        };
        if new_lead.as_ref() != Some(&lead) {
            for member in &rest {
                let before = reports::find(tx.db(), member)?;
                incidents::set(tx, member, new_lead.as_ref())?;
                settle(tx, &before)?;
            }
        }
        record(tx, staff, &row, EventKind::Unlinked, None, now)?;
        // The incident's other reports say so in their own chronology too.
        for member in &rest {
            let other = reports::find(tx.db(), member)?;
            record(tx, staff, &other, EventKind::Unlinked, Some(&row.id), now)?;
        }
        Ok(())
    })
}

/// The event and audit row on `row`, naming the other report when there is one.
fn record(
    tx: &mut Tx<'_>,
    staff: &Staff,
    row: &CaseRow,
    kind: EventKind,
    other: Option<&ReportId>,
    now: Timestamp,
) -> Result<(), CaseError> {
    let role = acting_role(tx.db(), staff, row)?;
    let other = other.map(|o| o.to_string());
    let event = Event::new(&row.id, kind, role).change(None, other.as_deref());
    let detail = match &other {
        Some(o) => format!("report {o}"),
        None => String::new(),
    };
    events::record(tx, &staff.actor(), &event, &detail, now)?;
    Ok(())
}
