//! The triage queue a person sees: every report routed to them across their schools, with
//! the schools to filter by and whether older reports still wait for their keys.

use super::access::CaseError;
use super::actors::Staff;
use super::context::Context;
use crate::db::{Conn, DbConnection, DbError};
use crate::domain::ids::{SchoolId, UserId};
use crate::domain::routing;
use crate::store::keys;
use crate::store::queue::{self, Cursor, QueueFilter, QueuePage};
use crate::store::roles;
use crate::store::schools::{self, School};
use crate::time::Timestamp;

/// Rows per page of the queue.
pub const PAGE_SIZE: i64 = 50;

/// What the queue page shows.
pub struct QueueScreen {
    pub schools: Vec<School>,
    pub page: QueuePage,
    /// Some reports of the person's schools are not shared with them yet.
    pub awaiting: bool,
    pub now: Timestamp,
}

/// The person's queue across all their schools.
pub fn queue(
    conn: &mut Conn<'_>,
    ctx: &Context,
    staff: &Staff,
    filter: &QueueFilter,
    after: Option<&Cursor>,
) -> Result<QueueScreen, CaseError> {
    let now = ctx.now();
    let mine = roles::schools_of(conn.db(), staff.id())?;
    let mut schools = schools::list(conn.db())?;
    schools.retain(|s| mine.contains(&s.id));
    Ok(QueueScreen {
        schools,
        page: queue::fetch(conn.db(), staff.id(), filter, after, PAGE_SIZE, now)?,
        awaiting: awaiting_keys(conn.db(), staff.id(), &mine)?,
        now,
    })
}

/// Whether reports exist at the person's schools that they should read but hold no key
/// to yet (a role given after they arrived): only then does the queue say so.
fn awaiting_keys(
    db: &mut DbConnection,
    user: UserId,
    schools: &[SchoolId],
) -> Result<bool, DbError> {
    for school in schools {
        let holders = roles::all_holders(db, *school)?;
        if !holders
            .iter()
            .any(|h| h.user_id == user && !h.keys_complete)
        {
            continue;
        }
        let allowed = routing::allowed_abouts(user, &roles::holdings(&holders));
        if keys::missing_count(db, *school, user, &allowed)? > 0 {
            return Ok(true);
        }
    }
    Ok(false)
}
