//! The case hand-off into a school's safeguarding system (CPOMS, MyConcern): behind a fresh
//! second factor, and recorded with the fingerprint of exactly what was exported.

use super::access::{acting_role, require_routed, CaseError};
use super::actors::{Staff, StepUpRequired};
use super::cases::{open, Case};
use super::context::Context;
use crate::db::Conn;
use crate::domain::choices::EventKind;
use crate::domain::ids::ReportId;
use crate::store::events::{self, Event};
use crate::store::reports;

/// The case for a printed hand-off into the school's safeguarding system (CPOMS,
/// MyConcern): only for someone it is routed to, always behind a second factor passed in
/// the last ten minutes (it takes the whole case out of Confide).
pub fn hand_off(
    conn: &mut Conn<'_>,
    ctx: &Context,
    staff: &Staff,
    id: &ReportId,
) -> Result<Case, CaseError> {
    require_routed(conn, staff, id)?;
    if !staff.recently_confirmed(ctx.now()) {
        return Err(StepUpRequired.into());
    }
    open(conn, ctx, staff, id)
}

/// Whether this person may make a hand-off of this report now (routed to them, second
/// factor fresh), without opening or recording anything.
pub fn may_hand_off(
    conn: &mut Conn<'_>,
    ctx: &Context,
    staff: &Staff,
    id: &ReportId,
) -> Result<(), CaseError> {
    require_routed(conn, staff, id)?;
    if !staff.recently_confirmed(ctx.now()) {
        return Err(StepUpRequired.into());
    }
    Ok(())
}

/// Records that a hand-off with this fingerprint (SHA-256 of what was exported) was made.
pub fn handed_off(
    conn: &mut Conn<'_>,
    ctx: &Context,
    staff: &Staff,
    id: &ReportId,
    fingerprint: &str,
) -> Result<(), CaseError> {
    require_routed(conn, staff, id)?;
    let row = reports::find(conn.db(), id)?;
    let role = acting_role(conn.db(), staff, &row)?;
    let now = ctx.now();
    conn.write(|tx| {
        events::record(
            tx,
            &staff.actor(),
            &Event::new(id, EventKind::HandedOff, role),
            &format!("SHA-256 {fingerprint}"),
            now,
        )
    })?;
    Ok(())
}
