//! Retention: binding every stored copy of a report's keys to its school's key for the
//! report's retention period, moving them when the report closes, is held or is kept
//! longer, and the purge that deletes expired reports and destroys keys nothing kept is
//! bound to — which shreds those reports in every backup too.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use super::access::CaseError;
use super::actors::Staff;
use super::binding;
use super::changes::{change, Changed};
use super::context::Context;
use crate::db::{Backend, Conn, Db, DbError};
use crate::domain::choices::{EventKind, HoldReason, MailKind, Role};
use crate::domain::ids::ReportId;
use crate::domain::msg::Msg;
use crate::domain::retention::{Month, Period, AFTER_HOLD_SECONDS, WARN_BEFORE_SECONDS};
use crate::domain::routing;
use crate::store::audit::{self, Actor};
use crate::store::events::{self};
use crate::store::keys;
use crate::store::messages;
use crate::store::outbox::{self, NewMail};
use crate::store::purged;
use crate::store::reports::{self};
use crate::store::roles;
use crate::store::upkeep::{self, Upkeep};
use crate::time::Timestamp;

/// Places a report on legal hold: it is never purged while held, whatever its date. Any
/// person it is routed to may do it; the reason comes from a fixed list.
pub fn place_on_hold(
    conn: &mut Conn<'_>,
    ctx: &Context,
    staff: &Staff,
    id: &ReportId,
    reason: HoldReason,
) -> Result<(), CaseError> {
    change(conn, ctx, staff, id, |tx, row, _| {
        if row.legal_hold {
            return Ok(None);
        }
        reports::set_legal_hold(tx, id, true)?;
        binding::rebind(tx, ctx, row, Period::Hold)?;
        Ok(Some(Changed {
            kind: EventKind::LegalHoldSet,
            from: None,
            to: Some(reason.as_str().to_owned()),
            detail: reason.label().to_owned(),
        }))
    })
}

/// Lifts a legal hold. A closed report is then deleted at its date, but never sooner than
/// a week from now, so the warning comes first.
pub fn lift_hold(
    conn: &mut Conn<'_>,
    ctx: &Context,
    staff: &Staff,
    id: &ReportId,
) -> Result<(), CaseError> {
    change(conn, ctx, staff, id, |tx, row, now| {
        if !row.legal_hold {
            return Ok(None);
        }
        reports::set_legal_hold(tx, id, false)?;
        let period = match row.expires_at {
            Some(expires) => {
                let expires = expires.max(now.plus(AFTER_HOLD_SECONDS));
                reports::set_expiry(tx, id, Some(expires))?;
                Period::Expiring(Month::of(expires.as_secs()))
            }
            None => binding::open_period(now),
        };
        binding::rebind(tx, ctx, row, period)?;
        Ok(Some(Changed {
            kind: EventKind::LegalHoldLifted,
            from: None,
            to: None,
            detail: String::new(),
        }))
    })
}

/// Whether a role may keep a report beyond its school's rule: the school's safeguarding
/// lead and its leadership, not the police officer (who asks for a legal hold instead).
pub fn may_extend(role: Role) -> bool {
    matches!(
        role,
        Role::NominatedStaff | Role::HeadTeacher | Role::ChairOfGovernors
    )
}

/// Keeps a closed report `days` longer than it would be now.
pub fn extend(
    conn: &mut Conn<'_>,
    ctx: &Context,
    staff: &Staff,
    id: &ReportId,
    days: i32,
) -> Result<(), CaseError> {
    change(conn, ctx, staff, id, |tx, row, now| {
        let holders = roles::all_holders(tx.db(), row.school_id)?;
        let role = routing::receiving_role(staff.id(), row.about, &roles::holdings(&holders));
        if !role.is_some_and(may_extend) {
            return Err(CaseError::Refused(Msg::NotYourRetention));
        }
        if row.legal_hold {
            return Err(CaseError::Refused(Msg::OnHold));
        }
        let Some(expires) = row.expires_at else {
            return Err(CaseError::Refused(Msg::NotClosed));
        };
        let until = expires
            .max(now)
            .plus(i64::from(days.clamp(1, 3_650)) * 86_400);
        reports::set_expiry(tx, id, Some(until))?;
        binding::rebind(tx, ctx, row, Period::Expiring(Month::of(until.as_secs())))?;
        Ok(Some(Changed {
            kind: EventKind::RetentionExtended,
            from: None,
            to: Some(until.as_secs().to_string()),
            detail: format!("kept until {}", crate::time::format_uk(until)),
        }))
    })
}

/// What a purge did, or (in a dry run) would do.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct PurgeReport {
    pub warned: usize,
    pub purged: usize,
    pub keys_destroyed: usize,
}

/// The purge: warns the people working cases due for deletion within 72 hours (content-
/// free mail), deletes expired reports not on hold (their row, wrapped keys, messages,
/// notes and events, keeping a tombstone and their anonymous triage facts), and destroys
/// retention keys whose period is over with nothing kept bound to them. With `dry_run`,
/// counts what it would do and changes nothing.
pub fn purge(conn: &mut Conn<'_>, ctx: &Context, dry_run: bool) -> Result<PurgeReport, DbError> {
    let mut done = PurgeReport::default();
    if !dry_run {
        binding::bind_unbound(conn, ctx)?;
    }
    let now = ctx.now();
    let system = Actor::system("Retention policy");
    done.warned = warn_expiring(conn, now, dry_run)?;
    // Deletion.
    loop {
        let expired = reports::expiring_before(conn.db(), now, 200)?;
        if expired.is_empty() {
            break;
        }
        if dry_run {
            done.purged = usize::try_from(reports::count_expiring_before(conn.db(), now)?)
                .unwrap_or(usize::MAX);
            break;
        }
        let mut picture_ids = Vec::new();
        for row in &expired {
            picture_ids.extend(
                crate::store::attachments::for_report(conn.db(), &row.id)?
                    .into_iter()
                    .map(|a| a.id.as_str().to_owned()),
            );
        }
        conn.write(|tx| {
            for row in &expired {
                crate::store::attachments::delete_for_report(tx, &row.id)?;
                purged::insert_facts(tx, row, row.referral)?;
                purged::insert_tombstone(tx, row, now)?;
                keys::delete_for_report(tx, &row.id)?;
                messages::delete_for_report(tx, &row.id)?;
                events::delete_for_report(tx, &row.id)?;
                reports::delete(tx, &row.id)?;
                audit::append(
                    tx,
                    &system,
                    Some(&row.id),
                    "Report deleted under the retention policy",
                    "",
                    now,
                )?;
            }
            Ok::<_, DbError>(())
        })?;
        // The files go once their rows have: a crash between leaves only sealed files
        // whose report key no longer exists anywhere.
        ctx.blobs.remove_pictures(&picture_ids);
        done.purged += expired.len();
    }
    done.keys_destroyed = destroy_unused_keys(conn, ctx, now, dry_run)?;
    if !dry_run {
        // Receipts kept for a reload, sent forms and held pictures past their time.
        super::sending::forget_old(conn, ctx)?;
    }
    if !dry_run && done.purged > 0 && conn.backend() == Backend::Sqlite {
        // Deleted pages are zeroed (secure_delete); this moves them out of the WAL too.
        conn.checkpoint()?;
    }
    if !dry_run {
        conn.write(|tx| upkeep::finished(tx, Upkeep::Purge, now))?;
        conn.metrics().purge_ran();
    }
    Ok(done)
}

/// Warns the people working each case due for deletion within 72 hours, once (content-
/// free mail). Returns how many reports were (or, in a dry run, would be) warned about.
fn warn_expiring(conn: &mut Conn<'_>, now: Timestamp, dry_run: bool) -> Result<usize, DbError> {
    let mut warned = 0;
    for row in reports::expiring_before(conn.db(), now.plus(WARN_BEFORE_SECONDS), 10_000)? {
        if row.expiry_warned || row.expires_at.is_some_and(|e| e <= now) {
            continue;
        }
        if dry_run {
            warned += 1;
            continue;
        }
        warned += conn.write(|tx| {
            if !reports::claim_expiry_warning(tx, &row.id)? {
                return Ok::<_, DbError>(0);
            }
            let mails: Vec<NewMail> = keys::readers_to_mail(tx.db(), &row.id, true)?
                .into_iter()
                .map(|(id, email)| NewMail {
                    kind: MailKind::RetentionWarning,
                    email,
                    user_id: Some(id),
                    school_id: Some(row.school_id),
                })
                .collect();
            outbox::enqueue(tx, &mails, now)?;
            Ok(1)
        })?;
    }
    Ok(warned)
}

/// Destroys the retention keys whose period is over with nothing kept bound to them,
/// which shreds those reports in every backup. Returns how many (would) go.
fn destroy_unused_keys(
    conn: &mut Conn<'_>,
    ctx: &Context,
    now: Timestamp,
    dry_run: bool,
) -> Result<usize, DbError> {
    let system = Actor::system("Retention policy");
    let mut destroyed = 0;
    for (school, period) in ctx.keystore.periods()? {
        if !period.is_over(now.as_secs())
            || reports::period_in_use(conn.db(), school, &period.as_string(), now)?
        {
            continue;
        }
        destroyed += 1;
        if dry_run {
            continue;
        }
        ctx.keystore.destroy(school, &period)?;
        conn.write(|tx| {
            audit::append(
                tx,
                &system,
                None,
                "Retention key destroyed",
                &format!("school {school}, period {}", period.as_string()),
                now,
            )
        })?;
    }
    Ok(destroyed)
}

/// Runs the purge every hour on its own thread until `stop` is set.
/// How long a server's claim on the hourly purge lasts: less than the hour between its
/// own runs, so it keeps the purge while it lives, and another server takes it over within
/// the hour after it stops.
const PURGE_CLAIM_SECONDS: i64 = 50 * 60;

/// The worker's purge: run only by the server that claims this hour's turn, so several
/// app servers on one database purge once an hour between them.
fn purge_if_claimed(conn: &mut Conn<'_>, ctx: &Context) -> Result<PurgeReport, DbError> {
    let now = ctx.now();
    let claimed =
        conn.write(|tx| upkeep::claim(tx, Upkeep::Purge, now, now.plus(PURGE_CLAIM_SECONDS)))?;
    if !claimed {
        return Ok(PurgeReport::default());
    }
    purge(conn, ctx, false)
}

pub fn spawn_purge_worker(
    db: Db,
    ctx: Context,
    stop: Arc<AtomicBool>,
) -> std::io::Result<std::thread::JoinHandle<()>> {
    std::thread::Builder::new()
        .name("confide-purge".into())
        .spawn(move || {
            let mut next = std::time::Instant::now();
            while !stop.load(Ordering::Relaxed) {
                if std::time::Instant::now() >= next {
                    match db.run_blocking(|conn| purge_if_claimed(conn, &ctx)) {
                        Ok(done) if done != PurgeReport::default() => tracing::info!(
                            warned = done.warned,
                            purged = done.purged,
                            keys_destroyed = done.keys_destroyed,
                            "retention purge"
                        ),
                        Ok(_) => {}
                        Err(err) => tracing::error!(error = %err, "retention purge failed"),
                    }
                    next = std::time::Instant::now() + Duration::from_secs(3_600);
                }
                std::thread::sleep(Duration::from_millis(500));
            }
        })
}
