//! People change: giving new recipients the keys of reports already there, and taking them away.
//!
//! The server cannot do this alone (it holds no keys). A current recipient's session does
//! it when they sign in, or an administrator does it with the school's recovery key.

use std::collections::HashSet;

use diesel::prelude::*;

use super::roles::{self, Role};
use super::users::User;
use crate::audit::{self, Actor};
use crate::crypto::sealed_box::{PrivateKey, PublicKey, ReportKeys};
use crate::db::schema::{report_keys, reports, school_roles};
use crate::db::{self, DbConnection};
use crate::error::AppError;
use crate::reports::choices::About;
use crate::reports::routing;
use crate::reports::store::{self, QueueKeys};

/// id, about, wrapped keys, and the queue keys beside them.
type HeldRow = (String, String, Vec<u8>, bool, i32, i32, i64);
/// id, about, recovery copy, status, risk, happening now, created.
type RecoveryRow = (String, String, Vec<u8>, String, Option<String>, bool, i64);

/// One report's routing facts and the sharer's copy of its keys.
struct Held {
    report_id: String,
    about: About,
    wrapped: Vec<u8>,
    queue: QueueKeys,
}

/// Wraps `keys` for every recipient the rules name who has no copy yet. Returns how many copies were added.
fn share_report(
    conn: &mut DbConnection,
    report_id: &str,
    about: About,
    keys: &ReportKeys,
    holders: &[roles::RoleHolder],
    queue: &QueueKeys,
) -> Result<Vec<i64>, AppError> {
    let have: HashSet<i64> = report_keys::table
        .filter(report_keys::report_id.eq(report_id))
        .select(report_keys::user_id)
        .load::<i64>(conn)?
        .into_iter()
        .collect();
    let mut added = Vec::new();
    for user_id in routing::recipients(about, holders) {
        if have.contains(&user_id) {
            continue;
        }
        let Some(holder) = holders.iter().find(|h| h.user_id == user_id) else {
            continue;
        };
        let public = PublicKey::from_bytes(&holder.public_key).map_err(|_| {
            AppError::Internal(anyhow::anyhow!("user {user_id} has a bad public key"))
        })?;
        store::insert_key(
            conn,
            report_id,
            user_id,
            &keys.wrap_for(&public, report_id),
            queue,
        )?;
        added.push(user_id);
    }
    Ok(added)
}

/// Run when someone signs in: for each school they receive reports for, give colleagues
/// who joined since any report they should see. Returns the number of copies made.
pub fn share_pending(
    conn: &mut DbConnection,
    sharer: &User,
    key: &PrivateKey,
) -> Result<usize, AppError> {
    let schools: Vec<i64> = school_roles::table
        .filter(school_roles::user_id.eq(sharer.id))
        .select(school_roles::school_id)
        .distinct()
        .load(conn)?;
    let mut total = 0;
    for school_id in schools {
        let holders = roles::holders(conn, school_id)?;
        let held: Vec<HeldRow> = report_keys::table
            .inner_join(reports::table)
            .filter(report_keys::user_id.eq(sharer.id))
            .filter(reports::school_id.eq(school_id))
            .select((
                reports::id,
                reports::about,
                report_keys::wrapped,
                report_keys::is_open,
                report_keys::urgent_rank,
                report_keys::risk_rank,
                report_keys::report_created_at,
            ))
            .load(conn)?;
        // Only reports missing a copy for someone are opened at all.
        let counts: Vec<(String, i64)> = report_keys::table
            .inner_join(reports::table)
            .filter(reports::school_id.eq(school_id))
            .group_by(report_keys::report_id)
            .select((report_keys::report_id, diesel::dsl::count_star()))
            .load(conn)?;
        let counts: std::collections::HashMap<String, i64> = counts.into_iter().collect();
        let mut added_for: std::collections::BTreeMap<i64, usize> = Default::default();
        for (report_id, about, wrapped, is_open, urgent_rank, risk_rank, created_at) in held {
            let held = Held {
                about: About::parse(&about).unwrap_or(About::NoStaff),
                report_id,
                wrapped,
                queue: QueueKeys {
                    is_open,
                    urgent_rank,
                    risk_rank,
                    created_at,
                },
            };
            let expected = routing::recipients(held.about, &holders).len() as i64;
            if counts.get(&held.report_id).copied().unwrap_or(0) >= expected {
                continue;
            }
            let Ok(keys) = ReportKeys::unwrap_with(key, &held.report_id, &held.wrapped) else {
                tracing::warn!("a wrapped report key did not open while sharing");
                continue;
            };
            let added = db::write_transaction(conn, |conn| {
                share_report(
                    conn,
                    &held.report_id,
                    held.about,
                    &keys,
                    &holders,
                    &held.queue,
                )
            })?;
            for user_id in added {
                *added_for.entry(user_id).or_default() += 1;
            }
        }
        for (user_id, count) in added_for {
            total += count;
            let name = holders
                .iter()
                .find(|h| h.user_id == user_id)
                .map_or("someone", |h| h.name.as_str());
            audit::record(
                conn,
                &Actor::user(sharer.id, &sharer.name),
                None,
                "Shared existing reports",
                &format!("{count} reports of school {school_id} made readable to {name}"),
            )?;
        }
    }
    Ok(total)
}

/// With a school's recovery key: give `user` every report of the school the rules
/// route to them. Also the way to open reports sent while no one was set up.
pub fn recovery_share(
    conn: &mut DbConnection,
    school_id: i64,
    recovery: &PrivateKey,
    user: &User,
) -> Result<usize, AppError> {
    let holders = roles::holders(conn, school_id)?;
    if !holders.iter().any(|h| h.user_id == user.id) {
        return Err(AppError::BadRequest(
            "that person has no role at this school",
        ));
    }
    let rows: Vec<RecoveryRow> = reports::table
        .filter(reports::school_id.eq(school_id))
        .select((
            reports::id,
            reports::about,
            reports::recovery_keys,
            reports::status,
            reports::risk,
            reports::happening_now,
            reports::created_at,
        ))
        .load(conn)?;
    let only_them: Vec<roles::RoleHolder> = holders
        .iter()
        .filter(|h| h.user_id == user.id)
        .cloned()
        .collect();
    let mut added = 0;
    for (report_id, about, wrapped, status, risk, happening_now, created_at) in rows {
        let about = About::parse(&about).unwrap_or(About::NoStaff);
        // Whether they should get it is decided with everyone's roles (a head who is also
        // an officer must still not receive reports about the head).
        if !routing::recipients(about, &holders).contains(&user.id) {
            continue;
        }
        let Ok(keys) = ReportKeys::unwrap_with(recovery, &report_id, &wrapped) else {
            return Err(AppError::BadRequest(
                "that recovery key does not belong to this school",
            ));
        };
        let queue =
            crate::triage::case::queue_keys(&status, risk.as_deref(), happening_now, created_at);
        let made = db::write_transaction(conn, |conn| {
            let made = share_report(conn, &report_id, about, &keys, &only_them, &queue)?;
            if !made.is_empty() {
                diesel::update(reports::table.find(&report_id))
                    .set(reports::unrouted.eq(false))
                    .execute(conn)?;
            }
            Ok(made.len())
        })?;
        added += made;
    }
    audit::record(
        conn,
        &Actor::system("Administrator with the recovery key"),
        None,
        "Shared reports with the recovery key",
        &format!(
            "{added} reports of school {school_id} made readable to {}",
            user.name
        ),
    )?;
    Ok(added)
}

/// Takes a role away and deletes the person's copies of that school's reports that no
/// remaining role of theirs entitles them to.
pub fn revoke(
    conn: &mut DbConnection,
    actor: &Actor,
    school_id: i64,
    user_id: i64,
    role: Role,
) -> Result<usize, AppError> {
    db::write_transaction(conn, |conn| {
        diesel::delete(
            school_roles::table
                .filter(school_roles::school_id.eq(school_id))
                .filter(school_roles::user_id.eq(user_id))
                .filter(school_roles::role.eq(role.as_str())),
        )
        .execute(conn)?;
        let holders = roles::holders(conn, school_id)?;
        let held: Vec<(String, String)> = report_keys::table
            .inner_join(reports::table)
            .filter(report_keys::user_id.eq(user_id))
            .filter(reports::school_id.eq(school_id))
            .select((reports::id, reports::about))
            .load(conn)?;
        let mut removed = 0;
        for (report_id, about) in held {
            let about = About::parse(&about).unwrap_or(About::NoStaff);
            if !routing::recipients(about, &holders).contains(&user_id) {
                removed += diesel::delete(
                    report_keys::table
                        .filter(report_keys::report_id.eq(&report_id))
                        .filter(report_keys::user_id.eq(user_id)),
                )
                .execute(conn)?;
            }
        }
        audit::append(
            conn,
            actor,
            None,
            "Role revoked",
            &format!("user {user_id} is no longer {} at school {school_id}; {removed} report keys deleted", role.as_str()),
        )?;
        Ok(removed)
    })
}
