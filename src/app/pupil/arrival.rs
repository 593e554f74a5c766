//! When a report arrives: whether it is out of the school's reading hours (for the
//! figures), and for an urgent one what happens now, with the on-call chain to start.

use std::collections::BTreeSet;

use super::error::PupilError;
use crate::app::context::Context;
use crate::app::on_call::{self, Cover, Plan};
use crate::db::Conn;
use crate::domain::ids::UserId;
use crate::domain::report::ValidReport;
use crate::domain::routing;
use crate::store::roles::{self, RoleHolder};
use crate::store::schools::School;
use crate::time::rota::week_minute;
use crate::time::Timestamp;

/// What a report's arrival time means for it.
pub(super) struct Arrival {
    pub out_of_hours: bool,
    /// For an urgent report: what happens now.
    pub cover: Option<Cover>,
    /// The chain to start, with the people it may tell.
    pub chain: Option<(Plan, BTreeSet<UserId>)>,
}

/// The arrival of `report` at `school` at `now`, sealed for `sealed_for`.
pub(super) fn arrival(
    conn: &mut Conn<'_>,
    ctx: &Context,
    school: &School,
    holders: &[RoleHolder],
    sealed_for: impl Iterator<Item = UserId>,
    report: &ValidReport,
    now: Timestamp,
) -> Result<Arrival, PupilError> {
    let out_of_hours = !school.reading_schedule().covers(week_minute(now));
    if !report.happening_now {
        return Ok(Arrival {
            out_of_hours,
            cover: None,
            chain: None,
        });
    }
    let plan = on_call::plan_for(conn, ctx, school)?;
    let holdings = roles::holdings(holders);
    // Only people the report is sealed for can acknowledge it, so only they are told.
    let readers: BTreeSet<UserId> = sealed_for
        .filter(|id| routing::may_be_told(*id, report.about, &holdings))
        .collect();
    let cover = on_call::cover(school, plan.as_ref(), &readers, now);
    let chain = match (cover, plan) {
        (Cover::OnCall, Some(plan)) => Some((plan, readers)),
        _ => None,
    };
    Ok(Arrival {
        out_of_hours,
        cover: Some(cover),
        chain,
    })
}
