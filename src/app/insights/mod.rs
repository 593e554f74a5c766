//! The partnership's picture: reports per week or term by category, hotspots, how fast
//! reports are acknowledged, and how cases end, for the schools a person may see, from
//! clear triage facts only (never sealed text), with small numbers hidden.

mod book;
pub mod cache;
mod figures;
mod request;
mod scope;
mod upkeep;

use std::collections::BTreeMap;
use std::sync::Arc;

pub use self::cache::FigureCache;
pub use self::figures::{Acknowledgement, Grid, Insight, TimeRow, UrgentTimes};
pub use self::request::{By, PeriodChoice, Request, WeekRange};
pub use self::scope::{reach, InsightError, Reach, ROLES};
pub use self::upkeep::{fact, fact_of, fold, note, rebuild_if_empty};

use self::book::{Counted, Figure};
use self::figures::{figures, Published};
use self::scope::Chosen;
use super::actors::Staff;
use super::context::Context;
use crate::db::{Conn, DbError};
use crate::domain::insight::Shown;
use crate::store::audit::{self, Actor};
use crate::store::insights::{self as counters, Scope};

/// The figures a person asked for: their own schools only (an unknown or foreign school
/// falls back to all of theirs).
pub fn insight(
    conn: &mut Conn<'_>,
    ctx: &Context,
    staff: &Staff,
    mut request: Request,
) -> Result<Insight, InsightError> {
    let reach = reach(conn, staff)?;
    let now = ctx.now();
    fold(conn)?;
    let chosen = Chosen::of(&reach, request.school);
    request.school = chosen.school.as_ref().map(|s| s.id);
    // Every period a person can choose, so that what one hides every one hides.
    let periods = WeekRange::every(now);
    let (counted, shown) = audited(conn, ctx, &chosen, &periods)?;
    let period = WeekRange::of(request.period, now);
    let target_hours = chosen.school.as_ref().map(|s| s.ack_within_hours);
    Ok(figures(
        reach,
        request,
        chosen.label,
        period,
        target_hours,
        &Published {
            shown: &shown,
            counted: &counted,
        },
        now,
    ))
}

/// The chosen schools' counters over `periods`, and their figures as shown: audited alone
/// (one school) or beside each school's own figures, once per change of the counters.
fn audited(
    conn: &mut Conn<'_>,
    ctx: &Context,
    chosen: &Chosen,
    periods: &[WeekRange],
) -> Result<(Counted, Arc<BTreeMap<Figure, Shown>>), DbError> {
    let from = periods.iter().map(|p| p.from_week).min().unwrap_or(0);
    let to = periods.iter().map(|p| p.to_week).max().unwrap_or(0);
    let version = counters::version(conn.db())?;
    let mut counted_of = |scope: &Scope| -> Result<Counted, DbError> {
        Ok(Counted::new(&counters::counts(conn.db(), scope, from, to)?))
    };
    let counted = counted_of(&chosen.scope())?;
    let key = cache::Key {
        version,
        schools: chosen.schools.clone(),
        everywhere: chosen.everywhere,
        periods: periods.iter().map(WeekRange::weeks).collect(),
    };
    let shown = ctx.figures.audited(key, || -> Result<_, DbError> {
        if chosen.schools.len() == 1 {
            return Ok(book::alone(&mut book::book(&counted, periods)));
        }
        // Several schools together, beside each school's own figures.
        let mut each = Vec::new();
        for id in &chosen.schools {
            let mut ledger = book::book(&counted_of(&Scope::Schools(vec![*id]))?, periods);
            book::alone(&mut ledger);
            each.push((*id, ledger));
        }
        Ok(book::together(&each, &book::book(&counted, periods)))
    })?;
    Ok((counted, shown))
}

/// Records that someone took the figures away as a file.
pub fn downloaded(
    conn: &mut Conn<'_>,
    ctx: &Context,
    staff: &Staff,
    insight: &Insight,
) -> Result<(), DbError> {
    let detail = format!("{}, {}", insight.scope_label, insight.period.label);
    let now = ctx.now();
    conn.write(|tx| {
        audit::append(
            tx,
            &Actor::user(staff.id(), &staff.user.name),
            None,
            "Downloaded insight figures",
            &detail,
            now,
        )
    })
}
