//! A report sent to the wrong school of a cluster, moved to the right one by someone who
//! reads it and also holds a role there: the new school's routing chooses its readers,
//! its keys are wrapped for them and the new school's recovery key and bound under the new
//! school's retention key, and the old school's people lose their copies. The words,
//! pictures and messages stay as they are: they are sealed under the report's own keys,
//! which do not change.

use std::collections::BTreeSet;

use super::access::{acting_role, keys_for, require_routed, CaseError};
use super::actors::{Staff, StepUpRequired};
use super::binding;
use super::context::Context;
use super::insights;
use super::on_call as chain;
use crate::crypto::retention::KeyCopy;
use crate::crypto::sealed_box::{PublicKey, ReportKeys};
use crate::db::{Conn, DbConnection, DbError, Tx};
use crate::domain::choices::{EventKind, MailKind, Status};
use crate::domain::ids::{ReportId, SchoolId, UserId};
use crate::domain::msg::Msg;
use crate::domain::retention::Period;
use crate::domain::routing;
use crate::store::events::{self, Event};
use crate::store::keys::{self, QueueKeys};
use crate::store::outbox::{self, NewMail};
use crate::store::reports::{self, CaseRow};
use crate::store::roles::{self, RoleHolder};
use crate::store::schools::{self, School};
use crate::store::{on_call, users::User};

/// Where a report went.
#[derive(Debug)]
pub struct Moved {
    pub to: School,
    /// Whether the person who moved it is one of its readers at the new school.
    pub still_reads: bool,
}

/// The schools this person could move `row` to: every other school where they hold a role.
pub fn destinations(
    db: &mut DbConnection,
    staff: &Staff,
    row: &CaseRow,
) -> Result<Vec<School>, DbError> {
    let mut found = Vec::new();
    for id in roles::schools_of(db, staff.id())? {
        if id != row.school_id {
            found.push(schools::find(db, id)?);
        }
    }
    found.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(found)
}

/// Why a report may not go to `to`, if it may not: a report in an incident is unlinked
/// first (an incident belongs to one school, and leaving it is its own recorded decision),
/// and it goes only to another school where the person holds a role.
fn refusal(from: SchoolId, linked: bool, to: SchoolId, held: &[SchoolId]) -> Option<Msg> {
    if linked {
        Some(Msg::UnlinkBeforeMoving)
    } else if to == from || !held.contains(&to) {
        Some(Msg::ChooseSchoolToMoveTo)
    } else {
        None
    }
}

/// The report's keys as the new school stores them, every copy bound to `period` under
/// the new school's retention key.
struct Resealed {
    period: String,
    readers: Vec<(UserId, Vec<u8>)>,
    recovery: Vec<u8>,
    pupil: Vec<u8>,
}

fn reseal(
    ctx: &Context,
    row: &CaseRow,
    keys: &ReportKeys,
    to: &School,
    readers: &[&RoleHolder],
    pupil_bound: &[u8],
) -> Result<Resealed, CaseError> {
    // Reports from before retention are bound at every start, so one is never here unbound.
    let raw = row
        .retention_period
        .as_deref()
        .ok_or(CaseError::Broken("an unbound report"))?;
    let period = Period::parse(raw).ok_or(CaseError::Broken("a retention period"))?;
    let key = binding::binding_key(ctx, to.id, &period)?;
    let mut sealed: Vec<(UserId, Vec<u8>)> = Vec::with_capacity(readers.len());
    for holder in readers {
        if sealed.iter().any(|(id, _)| *id == holder.user_id) {
            continue;
        }
        match PublicKey::from_bytes(&holder.public_key) {
            Ok(public) => {
                let wrapped = keys.wrap_for(&public, &row.id);
                let copy = KeyCopy::Recipient(holder.user_id);
                sealed.push((holder.user_id, key.bind(&row.id, copy, &wrapped)));
            }
            Err(_) => tracing::error!(
                user = %holder.user_id,
                "a recipient has an unusable public key: the moved report was not sealed for them"
            ),
        }
    }
    let recovery = match to.recovery_public_key.as_deref().map(PublicKey::from_bytes) {
        Some(Ok(public)) => keys.wrap_for(&public, &row.id),
        _ => {
            tracing::error!(school = %to.slug, "school has no usable recovery key: report moved without a recovery copy");
            Vec::new()
        }
    };
    // The pupil's copy is sealed under their receipt code, which belongs to no school:
    // only its binding changes.
    let pupil = binding::unbind(
        ctx,
        row.school_id,
        Some(raw),
        &row.id,
        KeyCopy::Pupil,
        pupil_bound,
    )?
    .ok_or(CaseError::NotFound)?;
    Ok(Resealed {
        period: raw.to_owned(),
        readers: sealed,
        recovery: key.bind(&row.id, KeyCopy::Recovery, &recovery),
        pupil: key.bind(&row.id, KeyCopy::Pupil, &pupil),
    })
}

/// The content-free mails telling the new readers (not the mover) that a report is theirs
/// now, as a new report would: an urgent one even to those on a daily digest, a closed one
/// to nobody.
fn notices(row: &CaseRow, readers: &[&RoleHolder], to: SchoolId, mover: UserId) -> Vec<NewMail> {
    if row.status == Status::Closed {
        return Vec::new();
    }
    let urgent = row.happening_now && row.acknowledged_at.is_none();
    let kind = if urgent {
        MailKind::Urgent
    } else {
        MailKind::NewReport
    };
    let mut told = BTreeSet::new();
    readers
        .iter()
        .filter(|h| h.user_id != mover && (urgent || !h.notify_digest))
        .filter(|h| told.insert(h.user_id))
        .map(|h| NewMail {
            kind,
            email: h.email.clone(),
            user_id: Some(h.user_id),
            school_id: Some(to),
        })
        .collect()
}

/// Moves a report to another school of the person's: behind a fresh second factor (it
/// takes the report from everyone who reads it now), in one transaction with its figures,
/// its chronology and the audit row.
pub fn move_report(
    conn: &mut Conn<'_>,
    ctx: &Context,
    staff: &Staff,
    id: &ReportId,
    to: SchoolId,
) -> Result<Moved, CaseError> {
    require_routed(conn, staff, id)?;
    if !staff.recently_confirmed(ctx.now()) {
        return Err(StepUpRequired.into());
    }
    let (keys, row) = keys_for(conn.db(), ctx, staff, id)?;
    let held = roles::schools_of(conn.db(), staff.id())?;
    if let Some(msg) = refusal(row.school_id, row.incident_id.is_some(), to, &held) {
        return Err(CaseError::Refused(msg));
    }
    let from = schools::find(conn.db(), row.school_id)?;
    let school = schools::find(conn.db(), to)?;
    let holders = roles::holders(conn.db(), to)?;
    let routed = routing::recipients(row.about, &roles::holdings(&holders));
    let readers: Vec<&RoleHolder> = holders
        .iter()
        .filter(|h| routed.contains(&h.user_id))
        .collect();
    let (_, pupil_bound) = reports::bound_copies(conn.db(), id)?;
    let sealed = reseal(ctx, &row, &keys, &school, &readers, &pupil_bound)?;
    // Never a move that leaves the report with nobody able to open it.
    if sealed.readers.is_empty() {
        return Err(CaseError::Refused(Msg::NobodyToReadAtNewSchool));
    }
    if sealed.recovery.is_empty() {
        return Err(CaseError::Refused(Msg::NoRecoveryKeyAtNewSchool));
    }
    let mails = notices(&row, &readers, to, staff.id());
    let now = ctx.now();
    let urgent = urgent_chain(conn, ctx, &row, &school, &holders, &sealed, now)?;
    conn.write(|tx| {
        crate::store::locks::report(tx, id)?;
        let before = reports::find(tx.db(), id)?;
        // Linked, closed, moved or rebound by someone else since it was read: nothing
        // sealed above can be trusted to fit it any more.
        if before.school_id != row.school_id
            || before.retention_period != row.retention_period
            || before.incident_id.is_some()
        {
            return Err(CaseError::Refused(Msg::MovedMeanwhile));
        }
        let role = acting_role(tx.db(), staff, &before)?;
        store(tx, &before, to, &sealed, now)?;
        let after = reports::find(tx.db(), id)?;
        insights::note(
            tx,
            Some(&insights::fact_of(&before, from.ack_within_hours)),
            Some(&insights::fact_of(&after, school.ack_within_hours)),
        )?;
        outbox::enqueue(tx, &mails, now)?;
        if let Some((plan, readers)) = &urgent {
            chain::start(tx, id, to, plan, readers, now)?;
        }
        let event =
            Event::new(id, EventKind::Moved, role).change(Some(&from.slug), Some(&school.slug));
        let detail = moved_words(&from, &school, &staff.user);
        events::record(tx, &staff.actor(), &event, &detail, now)?;
        Ok::<_, CaseError>(())
    })?;
    Ok(Moved {
        still_reads: sealed.readers.iter().any(|(user, _)| *user == staff.id()),
        to: school,
    })
}

/// An urgent report nobody has acknowledged, moved out of the new school's reading hours
/// to a school whose on-call chain covers now: the chain to start in the move's write (the
/// old school's chain stops), as for a report arriving at that school.
fn urgent_chain(
    conn: &mut Conn<'_>,
    ctx: &Context,
    row: &CaseRow,
    school: &School,
    holders: &[RoleHolder],
    sealed: &Resealed,
    now: crate::time::Timestamp,
) -> Result<Option<(chain::Plan, BTreeSet<UserId>)>, DbError> {
    if !row.happening_now || row.acknowledged_at.is_some() || !row.status.is_open() {
        return Ok(None);
    }
    let Some(plan) = chain::plan_for(conn, ctx, school)? else {
        return Ok(None);
    };
    let holdings = roles::holdings(holders);
    let readers: BTreeSet<UserId> = sealed
        .readers
        .iter()
        .map(|(user, _)| *user)
        .filter(|user| routing::may_be_told(*user, row.about, &holdings))
        .collect();
    Ok(match chain::cover(school, Some(&plan), &readers, now) {
        chain::Cover::OnCall => Some((plan, readers)),
        _ => None,
    })
}

/// Replaces every copy of the report's keys with the new school's and gives it the new
/// school; an on-call chain of the old school stops (the new school's people were mailed).
fn store(
    tx: &mut Tx<'_>,
    before: &CaseRow,
    to: SchoolId,
    sealed: &Resealed,
    now: crate::time::Timestamp,
) -> Result<(), DbError> {
    keys::delete_for_report(tx, &before.id)?;
    let queue = QueueKeys::of_row(before);
    for (user, wrapped) in &sealed.readers {
        keys::insert(tx, &before.id, *user, wrapped, &queue, now)?;
    }
    reports::move_to_school(tx, &before.id, to, sealed.readers.is_empty(), now)?;
    reports::set_binding(
        tx,
        &before.id,
        &sealed.period,
        &sealed.recovery,
        &sealed.pupil,
    )?;
    on_call::end_for_report(tx, &before.id, now)
}

/// The chronology's words for a move.
fn moved_words(from: &School, to: &School, by: &User) -> String {
    format!("Moved from {} to {} by {}", from.name, to.name, by.name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_report_goes_only_to_another_school_the_person_holds_a_role_at() {
        let held = [SchoolId(1), SchoolId(2)];
        assert_eq!(refusal(SchoolId(1), false, SchoolId(2), &held), None);
        for to in [SchoolId(1), SchoolId(3)] {
            assert_eq!(
                refusal(SchoolId(1), false, to, &held),
                Some(Msg::ChooseSchoolToMoveTo)
            );
        }
    }

    #[test]
    fn a_report_in_an_incident_is_unlinked_before_it_moves() {
        assert_eq!(
            refusal(SchoolId(1), true, SchoolId(2), &[SchoolId(2)]),
            Some(Msg::UnlinkBeforeMoving)
        );
    }
}
