//! Who may touch a report, and with which keys: only the people it is routed to, a
//! closed one only with a fresh second factor, each acting in the role through which the
//! report reached them.

use super::actors::{Staff, StepUpRequired};
use super::binding;
use super::context::Context;
use crate::crypto::retention::KeyCopy;
use crate::crypto::sealed_box::ReportKeys;
use crate::db::{Conn, DbConnection, DbError};
use crate::domain::choices::{ActorRole, Status};
use crate::domain::ids::ReportId;
use crate::domain::msg::Msg;
use crate::domain::routing;
use crate::store::keys;
use crate::store::reports::{self, CaseRow};
use crate::store::roles;
use crate::time::Timestamp;

/// Why a case could not be shown or changed.
#[derive(Debug, thiserror::Error)]
pub enum CaseError {
    /// No such report, or not routed to this person: the same answer for both.
    #[error("not found")]
    NotFound,
    #[error("refused: {0:?}")]
    Refused(Msg),
    /// Opening a closed report needs the second factor again.
    #[error(transparent)]
    StepUp(#[from] StepUpRequired),
    /// A wrapped key or sealed text would not open: damaged data.
    #[error("a sealed case failed to open: {0}")]
    Broken(&'static str),
    #[error(transparent)]
    Db(DbError),
}

impl From<DbError> for CaseError {
    fn from(err: DbError) -> Self {
        if err.is_not_found() {
            CaseError::NotFound
        } else {
            CaseError::Db(err)
        }
    }
}

/// The person's keys to a report, opened, with its row: only someone it is routed to gets
/// past here, and only while its retention key exists.
pub(crate) fn keys_for(
    db: &mut DbConnection,
    ctx: &Context,
    staff: &Staff,
    id: &ReportId,
) -> Result<(ReportKeys, CaseRow), CaseError> {
    let bound = keys::wrapped_for(db, id, staff.id())?.ok_or(CaseError::NotFound)?;
    let row = reports::find(db, id)?;
    let wrapped = binding::unbind(
        ctx,
        row.school_id,
        row.retention_period.as_deref(),
        id,
        KeyCopy::Recipient(staff.id()),
        &bound,
    )?
    .ok_or_else(|| {
        tracing::warn!("a report whose retention key was destroyed was asked for");
        CaseError::NotFound
    })?;
    let keys = ReportKeys::unwrap_with(&staff.private_key, id, &wrapped)
        .map_err(|_| CaseError::Broken("a recipient's report key"))?;
    Ok((keys, row))
}

/// The report keys for showing one of its pictures, with its row.
pub(crate) fn keys_for_picture(
    db: &mut DbConnection,
    ctx: &Context,
    staff: &Staff,
    id: &ReportId,
) -> Result<(ReportKeys, CaseRow), CaseError> {
    let (keys, row) = keys_for(db, ctx, staff, id)?;
    require_fresh_if_closed(staff, &row, ctx.now())?;
    Ok((keys, row))
}

/// A closed report is opened, changed, written to or reopened only with a second factor
/// passed in the last ten minutes. Every use case that touches a report asks here, on the
/// row it read inside its own transaction, so no door (web page, command line) and no
/// race with someone closing it can skip the check.
pub(crate) fn require_fresh_if_closed(
    staff: &Staff,
    row: &CaseRow,
    now: Timestamp,
) -> Result<(), CaseError> {
    if row.status == Status::Closed && !staff.recently_confirmed(now) {
        return Err(StepUpRequired.into());
    }
    Ok(())
}

/// Only someone a report is routed to may change it; anyone else is told it does not exist.
pub(crate) fn require_routed(
    conn: &mut Conn<'_>,
    staff: &Staff,
    id: &ReportId,
) -> Result<(), CaseError> {
    keys::wrapped_for(conn.db(), id, staff.id())?
        .map(|_| ())
        .ok_or(CaseError::NotFound)
}

/// In what capacity this person acts on this report: the role through which it reached them.
pub(crate) fn acting_role(
    db: &mut DbConnection,
    staff: &Staff,
    row: &CaseRow,
) -> Result<ActorRole, DbError> {
    let holders = roles::all_holders(db, row.school_id)?;
    Ok(
        routing::receiving_role(staff.id(), row.about, &roles::holdings(&holders))
            .map_or(ActorRole::System, ActorRole::from),
    )
}
