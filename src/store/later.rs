//! What a pupil adds to their report's row after sending it: their name (sealed into the
//! details, so the report counts as named) or a request to talk to someone at school.

use diesel::prelude::*;

use crate::db::schema::reports;
use crate::db::{DbError, Tx};
use crate::domain::ids::ReportId;
use crate::time::Timestamp;

/// The pupil gave their name or how to reach them: the details sealed anew, and the
/// report named from now on (kept as long as a named report).
pub fn name_later(
    tx: &mut Tx<'_>,
    id: &ReportId,
    details: &[u8],
    now: Timestamp,
) -> Result<(), DbError> {
    diesel::update(reports::table.find(id))
        .set((
            reports::details.eq(details),
            reports::named.eq(true),
            reports::updated_at.eq(now),
        ))
        .execute(tx.db())?;
    Ok(())
}

/// The pupil asked to talk to someone at school. Only the first request is kept: `false`
/// if they had asked already, so nobody is told twice.
pub fn ask_to_talk(tx: &mut Tx<'_>, id: &ReportId, now: Timestamp) -> Result<bool, DbError> {
    let changed = diesel::update(
        reports::table
            .find(id)
            .filter(reports::talk_requested_at.is_null()),
    )
    .set((
        reports::talk_requested_at.eq(Some(now)),
        reports::updated_at.eq(now),
    ))
    .execute(tx.db())?;
    Ok(changed == 1)
}
