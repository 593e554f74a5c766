//! Retention: binding every stored copy of a report's keys to its school's key for the
//! report's retention period, moving them when the report closes, is held or is kept
//! longer, and the purge that deletes expired reports and destroys keys nothing kept is
//! bound to — which shreds those reports in every backup too.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use super::cases::{self, CaseError};
use super::{Context, Staff};
use crate::crypto::retention::{Copy, RetentionKey};
use crate::db::{Backend, Conn, Db, DbError, Tx};
use crate::domain::choices::{ActorRole, EventKind, HoldReason, MailKind, Role, Status};
use crate::domain::ids::{ReportId, SchoolId};
use crate::domain::msg::Msg;
use crate::domain::retention::{Month, Period, AFTER_HOLD_SECONDS, WARN_BEFORE_SECONDS};
use crate::domain::routing;
use crate::store::audit::{self, Actor};
use crate::store::events::{self, Event};
use crate::store::keys;
use crate::store::messages;
use crate::store::outbox::{self, NewMail};
use crate::store::purged;
use crate::store::reports::{self, CaseRow};
use crate::store::roles;
use crate::store::schools;
use crate::time::Timestamp;

/// The report cannot be opened any more: its retention key was destroyed (it was purged,
/// and this is a copy of the database from before).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Gone;

fn period_of(raw: &str) -> Result<Period, DbError> {
    Period::parse(raw).ok_or_else(|| {
        DbError::Storage(std::io::Error::other(format!(
            "the database names an unknown retention period {raw:?}"
        )))
    })
}

/// The period a report arriving now is bound to.
pub fn open_period(now: Timestamp) -> Period {
    Period::Open(Month::of(now.as_secs()))
}

/// The key to bind a school's reports to for `period`, made if need be.
pub fn binding_key(
    ctx: &Context,
    school: SchoolId,
    period: &Period,
) -> Result<RetentionKey, DbError> {
    Ok(ctx.keystore.for_binding(school, period)?)
}

/// Opens one stored copy of a report's keys: what is inside, or [`Gone`].
pub fn unbind(
    ctx: &Context,
    school: SchoolId,
    period: Option<&str>,
    report: &ReportId,
    copy: Copy,
    bound: &[u8],
) -> Result<Result<Vec<u8>, Gone>, DbError> {
    let Some(raw) = period else {
        // Stored before retention and not bound yet.
        return Ok(Ok(bound.to_vec()));
    };
    let Some(key) = ctx.keystore.for_opening(school, &period_of(raw)?)? else {
        return Ok(Err(Gone));
    };
    // With its key present, a copy that will not open was damaged: an error, not a deletion.
    key.unbind(report, copy, bound)
        .map(Ok)
        .map_err(|_| broken("stored"))
}

fn broken(what: &str) -> DbError {
    DbError::Storage(std::io::Error::other(format!(
        "a report's {what} copy would not open with its retention key"
    )))
}

/// Moves every stored copy of a report's keys to another retention period, inside the
/// caller's transaction. Needs no one's private key: only the two retention keys.
pub fn rebind(tx: &mut Tx<'_>, ctx: &Context, row: &CaseRow, to: Period) -> Result<(), DbError> {
    let target = to.as_string();
    if row.retention_period.as_deref() == Some(target.as_str()) {
        return Ok(());
    }
    let from = row.retention_period.as_deref();
    let key = binding_key(ctx, row.school_id, &to)?;
    for (user, bound) in keys::for_report(tx.db(), &row.id)? {
        let copy = Copy::Recipient(user);
        let wrapped = unbind(ctx, row.school_id, from, &row.id, copy, &bound)?
            .map_err(|Gone| broken("recipient"))?;
        keys::set_wrapped(tx, &row.id, user, &key.bind(&row.id, copy, &wrapped))?;
    }
    let (recovery, pupil) = reports::bound_copies(tx.db(), &row.id)?;
    let recovery = unbind(ctx, row.school_id, from, &row.id, Copy::Recovery, &recovery)?
        .map_err(|Gone| broken("recovery"))?;
    let pupil = unbind(ctx, row.school_id, from, &row.id, Copy::Pupil, &pupil)?
        .map_err(|Gone| broken("pupil"))?;
    reports::set_binding(
        tx,
        &row.id,
        &target,
        &key.bind(&row.id, Copy::Recovery, &recovery),
        &key.bind(&row.id, Copy::Pupil, &pupil),
    )
}

/// Where a report's keys belong after its status changed to `status`: a closed report
/// gets its deletion time and is bound to that month; a reopened one is kept while open.
/// A report on legal hold stays bound to the hold.
pub fn after_status_change(
    tx: &mut Tx<'_>,
    ctx: &Context,
    row: &CaseRow,
    status: Status,
    now: Timestamp,
) -> Result<(), DbError> {
    if status == Status::Closed {
        let school = schools::find(tx.db(), row.school_id)?;
        let expires = Timestamp::from_secs(school.retention().expiry(
            now.as_secs(),
            row.about,
            row.named,
        ));
        reports::set_expiry(tx, &row.id, Some(expires))?;
        if !row.legal_hold {
            rebind(tx, ctx, row, Period::Expiring(Month::of(expires.as_secs())))?;
        }
    } else if row.status == Status::Closed {
        reports::set_expiry(tx, &row.id, None)?;
        if !row.legal_hold {
            rebind(tx, ctx, row, open_period(now))?;
        }
    }
    Ok(())
}

/// Binds reports stored before retention existed (run at start-up and before a purge).
pub fn bind_unbound(conn: &mut Conn<'_>, ctx: &Context) -> Result<usize, DbError> {
    let mut bound = 0;
    loop {
        let rows = reports::unbound(conn.db(), 200)?;
        if rows.is_empty() {
            return Ok(bound);
        }
        conn.write(|tx| {
            for row in &rows {
                let period = match (row.status, row.closed_at) {
                    (Status::Closed, Some(closed)) => {
                        let school = schools::find(tx.db(), row.school_id)?;
                        let expires =
                            school
                                .retention()
                                .expiry(closed.as_secs(), row.about, row.named);
                        reports::set_expiry(tx, &row.id, Some(Timestamp::from_secs(expires)))?;
                        Period::Expiring(Month::of(expires))
                    }
                    _ => open_period(row.created_at),
                };
                rebind(tx, ctx, row, period)?;
            }
            Ok::<_, DbError>(())
        })?;
        bound += rows.len();
    }
}

/// Places a report on legal hold: it is never purged while held, whatever its date. Any
/// person it is routed to may do it; the reason comes from a fixed list.
pub fn place_on_hold(
    conn: &mut Conn<'_>,
    ctx: &Context,
    staff: &Staff,
    id: &ReportId,
    reason: HoldReason,
) -> Result<(), CaseError> {
    cases::require_routed(conn, staff, id)?;
    let now = ctx.now();
    conn.write(|tx| {
        let row = reports::find(tx.db(), id)?;
        cases::require_fresh_if_closed(staff, &row, now)?;
        if row.legal_hold {
            return Ok(());
        }
        reports::set_legal_hold(tx, id, true)?;
        rebind(tx, ctx, &row, Period::Hold)?;
        let role = cases::acting_role(tx.db(), staff, &row)?;
        events::record(
            tx,
            &staff.actor(),
            &Event::new(id, EventKind::LegalHoldSet, role).change(None, Some(reason.as_str())),
            reason.label(),
            now,
        )?;
        Ok(())
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
    cases::require_routed(conn, staff, id)?;
    let now = ctx.now();
    conn.write(|tx| {
        let row = reports::find(tx.db(), id)?;
        cases::require_fresh_if_closed(staff, &row, now)?;
        if !row.legal_hold {
            return Ok(());
        }
        reports::set_legal_hold(tx, id, false)?;
        let period = match row.expires_at {
            Some(expires) => {
                let expires = expires.max(now.plus(AFTER_HOLD_SECONDS));
                reports::set_expiry(tx, id, Some(expires))?;
                Period::Expiring(Month::of(expires.as_secs()))
            }
            None => open_period(now),
        };
        rebind(tx, ctx, &row, period)?;
        let role = cases::acting_role(tx.db(), staff, &row)?;
        events::record(
            tx,
            &staff.actor(),
            &Event::new(id, EventKind::LegalHoldLifted, role),
            "",
            now,
        )?;
        Ok(())
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
    cases::require_routed(conn, staff, id)?;
    let now = ctx.now();
    conn.write(|tx| {
        let row = reports::find(tx.db(), id)?;
        cases::require_fresh_if_closed(staff, &row, now)?;
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
        rebind(tx, ctx, &row, Period::Expiring(Month::of(until.as_secs())))?;
        let until_text = crate::time::format_uk(until);
        events::record(
            tx,
            &staff.actor(),
            &Event::new(
                id,
                EventKind::RetentionExtended,
                role.map_or(ActorRole::System, ActorRole::from),
            )
            .change(None, Some(&until.as_secs().to_string())),
            &format!("kept until {until_text}"),
            now,
        )?;
        Ok(())
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
        bind_unbound(conn, ctx)?;
    }
    let now = ctx.now();
    let system = Actor::system("Retention policy");
    // Warnings.
    for row in reports::expiring_before(conn.db(), now.plus(WARN_BEFORE_SECONDS), 10_000)? {
        if row.expiry_warned || row.expires_at.is_some_and(|e| e <= now) {
            continue;
        }
        if dry_run {
            done.warned += 1;
            continue;
        }
        done.warned += conn.write(|tx| {
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
                    .map(|a| a.id),
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
        super::pictures::remove_files(ctx, picture_ids);
        done.purged += expired.len();
    }
    // Keys nothing kept is bound to.
    for (school, period) in ctx.keystore.periods()? {
        if !period.is_over(now.as_secs())
            || reports::period_in_use(conn.db(), school, &period.as_string(), now)?
        {
            continue;
        }
        done.keys_destroyed += 1;
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
    if !dry_run {
        // Receipts kept for a reload, sent forms and held pictures past their time.
        super::sending::forget_old(conn, ctx)?;
    }
    if !dry_run && done.purged > 0 && conn.backend() == Backend::Sqlite {
        // Deleted pages are zeroed (secure_delete); this moves them out of the WAL too.
        conn.checkpoint()?;
    }
    Ok(done)
}

/// Runs the purge every hour on its own thread until `stop` is set.
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
                    match db.run_blocking(|conn| purge(conn, &ctx, false)) {
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
