//! Out of hours: an urgent report that arrives when nobody is reading starts its school's
//! on-call chain. The first contact on now is told at once, by mail and (with a number)
//! by text; if nobody acknowledges the report within the chain's minutes the next one is
//! told, and so on; every step goes in the chronology. The pupil is told only what will
//! really happen.

use std::collections::BTreeSet;

use super::context::Context;
use crate::db::{Conn, DbError, Tx};
use crate::domain::choices::{ActorRole, EventKind, MailKind};
use crate::domain::hours::WeeklyHours;
use crate::domain::ids::{ReportId, SchoolId, UserId};
use crate::domain::on_call::{next_contact, urgent_cover, OnRota, UrgentCover};
use crate::domain::routing;
use crate::store::audit::Actor;
use crate::store::events::{self, Event};
use crate::store::keys;
use crate::store::on_call::{self as chains, Chain, Contact, DueAlert};
use crate::store::outbox::{self, NewMail, NewText};
use crate::store::roles;
use crate::store::schools::School;
use crate::time::rota::{next_covered, week_minute};
use crate::time::Timestamp;

/// What the pupil of an urgent report is told happens now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cover {
    /// Staff are reading reports now.
    InHours,
    /// Someone on call has been told.
    OnCall,
    /// Nobody is on call: the report is read when the school's reading hours start.
    NobodyUntil(Timestamp),
}

/// A school's chain and its contacts, read before a report's write, and whether texts
/// can be sent.
#[derive(Debug, Clone)]
pub struct Plan {
    chain: Chain,
    contacts: Vec<Contact>,
    texts: bool,
}

/// The chain covering `school`, with its contacts, if it has one.
pub fn plan_for(
    conn: &mut Conn<'_>,
    ctx: &Context,
    school: &School,
) -> Result<Option<Plan>, DbError> {
    let Some(chain) = chains::chain_of_school(conn.db(), school.id)? else {
        return Ok(None);
    };
    let contacts = chains::contacts(conn.db(), chain.id)?;
    Ok(Some(Plan {
        chain,
        contacts,
        texts: ctx.policy.texts,
    }))
}

/// Each contact as the chain sees them at `at`, for a report sealed for `readers`: only a
/// person who can read the report can acknowledge it, so only they are told.
fn rota(plan: &Plan, readers: &BTreeSet<UserId>, at: Timestamp) -> Vec<OnRota> {
    let now = week_minute(at);
    plan.contacts
        .iter()
        .map(|c| OnRota {
            position: c.position,
            on_now: !c.disabled
                && WeeklyHours::parse(&c.shift).is_ok_and(|hours| hours.covers(now)),
            may_be_told: readers.contains(&c.user_id),
        })
        .collect()
}

/// What an urgent report for `school`, sealed for `readers`, gets at `now`.
pub fn cover(
    school: &School,
    plan: Option<&Plan>,
    readers: &BTreeSet<UserId>,
    now: Timestamp,
) -> Cover {
    let reading = school.reading_schedule();
    let someone = plan.is_some_and(|plan| next_contact(&rota(plan, readers, now), 0).is_some());
    match urgent_cover(&reading, someone, week_minute(now)) {
        UrgentCover::InHours => Cover::InHours,
        UrgentCover::OnCall => Cover::OnCall,
        UrgentCover::NobodyFor { .. } => Cover::NobodyUntil(next_covered(&reading, now)),
    }
}

/// Tells the next contact from `from` who is on now and can read the report, in the
/// caller's transaction: queues the mail and the text and records the step. Returns
/// their position, or `None` (recorded too) when the chain has nobody left.
fn tell_next(
    tx: &mut Tx<'_>,
    report: &ReportId,
    school: SchoolId,
    plan: &Plan,
    readers: &BTreeSet<UserId>,
    from: i32,
    now: Timestamp,
) -> Result<Option<i32>, DbError> {
    let told = next_contact(&rota(plan, readers, now), from)
        .and_then(|p| plan.contacts.iter().find(|c| c.position == p));
    let system = Actor::system("On-call chain");
    let Some(contact) = told else {
        events::record(
            tx,
            &system,
            &Event::new(report, EventKind::OnCallEnded, ActorRole::System),
            "nobody else in the on-call chain covers this hour",
            now,
        )?;
        return Ok(None);
    };
    let mail = NewMail {
        kind: MailKind::OnCall,
        email: contact.email.clone(),
        user_id: Some(contact.user_id),
        school_id: Some(school),
    };
    outbox::enqueue(tx, &[mail], now)?;
    let phone = contact.phone.as_ref().filter(|_| plan.texts);
    if let Some(phone) = phone {
        let text = NewText {
            kind: MailKind::OnCall,
            phone: phone.clone(),
            email: contact.email.clone(),
            user_id: contact.user_id,
            school_id: school,
        };
        outbox::enqueue_text(tx, &text, now)?;
    }
    let step = plan
        .contacts
        .iter()
        .position(|c| c.position == contact.position)
        .unwrap_or(0)
        + 1;
    let by = if phone.is_some() {
        "by email and text"
    } else {
        "by email"
    };
    events::record(
        tx,
        &system,
        &Event::new(report, EventKind::OnCallTold, ActorRole::System)
            .change(None, Some(&contact.name)),
        &format!("contact {step} of {}, {by}", plan.contacts.len()),
        now,
    )?;
    Ok(Some(contact.position))
}

/// Starts the chain of a new urgent report that arrived out of hours, in the report's own
/// write (so a stored report is never left without its alert): tells the first contact
/// on now and schedules the next step. `false` if nobody could be told.
pub fn start(
    tx: &mut Tx<'_>,
    report: &ReportId,
    school: SchoolId,
    plan: &Plan,
    readers: &BTreeSet<UserId>,
    now: Timestamp,
) -> Result<bool, DbError> {
    let Some(told) = tell_next(tx, report, school, plan, readers, 0, now)? else {
        return Ok(false);
    };
    let next_at = now.plus(i64::from(plan.chain.step_minutes) * 60);
    chains::start_alert(tx, report, plan.chain.id, told + 1, next_at, now)?;
    Ok(true)
}

/// Takes every chain whose contact has had their minutes without an acknowledgement one
/// step on; a chain whose report was acknowledged stops quietly. Several servers may run
/// this at once: each step is taken by one of them. Returns how many people were told.
pub fn scan(conn: &mut Conn<'_>, ctx: &Context, now: Timestamp) -> Result<usize, DbError> {
    let mut told = 0;
    for alert in chains::due(conn.db(), now)? {
        if alert.answered {
            conn.write(|tx| chains::end(tx, &alert, now))?;
            continue;
        }
        let Some(chain) = chains::chain_by_id(conn.db(), alert.chain_id)? else {
            continue;
        };
        let plan = Plan {
            contacts: chains::contacts(conn.db(), chain.id)?,
            chain,
            texts: ctx.policy.texts,
        };
        let readers = readers_of(conn, &alert)?;
        told += conn.write(|tx| step(tx, &alert, &plan, &readers, now))?;
    }
    Ok(told)
}

/// The people who can read the report and may be told of it.
fn readers_of(conn: &mut Conn<'_>, alert: &DueAlert) -> Result<BTreeSet<UserId>, DbError> {
    let holdings = roles::holdings(&roles::holders(conn.db(), alert.school_id)?);
    Ok(keys::readers_to_mail(conn.db(), &alert.report_id, true)?
        .into_iter()
        .map(|(id, _)| id)
        .filter(|id| routing::may_be_told(*id, alert.about, &holdings))
        .collect())
}

fn step(
    tx: &mut Tx<'_>,
    alert: &DueAlert,
    plan: &Plan,
    readers: &BTreeSet<UserId>,
    now: Timestamp,
) -> Result<usize, DbError> {
    let next_at = now.plus(i64::from(plan.chain.step_minutes) * 60);
    // Claim the step first: a server that loses the race tells nobody.
    if !chains::advance(tx, alert, alert.next_position, next_at)? {
        return Ok(0);
    }
    let moved = DueAlert {
        next_at,
        ..alert.clone()
    };
    match tell_next(
        tx,
        &alert.report_id,
        alert.school_id,
        plan,
        readers,
        alert.next_position,
        now,
    )? {
        Some(position) => {
            chains::advance(tx, &moved, position + 1, next_at)?;
            Ok(1)
        }
        None => {
            chains::end(tx, &moved, now)?;
            Ok(0)
        }
    }
}
