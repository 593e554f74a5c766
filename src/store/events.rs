//! Report events: what happened to each report as data (kind, from, to, when, in what
//! capacity), written with the audit row for the same change and never without it.

use diesel::prelude::*;

use super::audit::{self, Actor};
use crate::db::schema::report_events;
use crate::db::{DbConnection, DbError, Tx};
use crate::domain::choices::{ActorRole, EventKind};
use crate::domain::ids::ReportId;
use crate::time::Timestamp;

/// One change to a report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event<'a> {
    pub report: &'a ReportId,
    pub kind: EventKind,
    pub from: Option<&'a str>,
    pub to: Option<&'a str>,
    pub actor_role: ActorRole,
}

impl<'a> Event<'a> {
    pub fn new(report: &'a ReportId, kind: EventKind, actor_role: ActorRole) -> Self {
        Event {
            report,
            kind,
            from: None,
            to: None,
            actor_role,
        }
    }

    pub fn change(mut self, from: Option<&'a str>, to: Option<&'a str>) -> Self {
        self.from = from;
        self.to = to;
        self
    }
}

/// Writes the event and its audit row (action named by the event, `detail` in words) in
/// the caller's transaction.
pub fn record(
    tx: &mut Tx<'_>,
    actor: &Actor,
    event: &Event<'_>,
    detail: &str,
    at: Timestamp,
) -> Result<(), DbError> {
    audit::append(
        tx,
        actor,
        Some(event.report),
        event.kind.label(),
        detail,
        at,
    )?;
    diesel::insert_into(report_events::table)
        .values((
            report_events::report_id.eq(event.report),
            report_events::kind.eq(event.kind),
            report_events::from_value.eq(event.from),
            report_events::to_value.eq(event.to),
            report_events::at.eq(at),
            report_events::actor_role.eq(Some(event.actor_role)),
        ))
        .execute(tx.db())?;
    Ok(())
}

pub fn delete_for_report(tx: &mut Tx<'_>, report: &ReportId) -> Result<(), DbError> {
    diesel::delete(report_events::table.filter(report_events::report_id.eq(report)))
        .execute(tx.db())?;
    Ok(())
}

/// A stored event.
#[derive(Debug, Clone, PartialEq, Eq, Queryable)]
pub struct EventRow {
    pub kind: EventKind,
    pub from: Option<String>,
    pub to: Option<String>,
    pub at: Timestamp,
    pub actor_role: Option<ActorRole>,
}

/// A report's events, oldest first.
pub fn for_report(db: &mut DbConnection, report: &ReportId) -> Result<Vec<EventRow>, DbError> {
    Ok(report_events::table
        .filter(report_events::report_id.eq(report))
        .order(report_events::id.asc())
        .select((
            report_events::kind,
            report_events::from_value,
            report_events::to_value,
            report_events::at,
            report_events::actor_role,
        ))
        .load(db)?)
}
