//! People change: giving new recipients the keys of reports already there, and taking them away.
//!
//! The server cannot do this alone (it holds no keys). A current recipient's session does
//! it when they sign in, or an administrator does it with the school's recovery key.
//! `school_roles.keys_complete` says who still needs keys, so a sign-in with nothing to
//! share costs one small query.

use diesel::prelude::*;

use super::roles::{self, Role, RoleHolder};
use super::users::User;
use crate::audit::{self, Actor};
use crate::crypto::sealed_box::{PrivateKey, PublicKey, ReportKeys};
use crate::db::schema::{report_keys, reports, school_roles, schools};
use crate::db::{self, DbConnection};
use crate::error::AppError;
use crate::reports::choices::About;
use crate::reports::routing;
use crate::reports::store;
use crate::triage::case::queue_keys;

/// Most copies made for one person in one sign-in, so a sign-in never takes long; the
/// rest follow at the next.
const MAX_PER_SIGN_IN: i64 = 5_000;

/// The `about` values of reports the rules route to this person, given everyone's roles.
pub fn allowed_abouts(user_id: i64, holders: &[RoleHolder]) -> Vec<&'static str> {
    About::ALL
        .iter()
        .filter(|about| routing::recipients(**about, holders).contains(&user_id))
        .map(|about| about.as_str())
        .collect()
}

diesel::alias!(report_keys as theirs: TheirKeys);

/// Reports of the school the person should hold but does not.
fn missing_count(
    conn: &mut DbConnection,
    school_id: i64,
    user_id: i64,
    allowed: &[&str],
) -> Result<i64, AppError> {
    Ok(reports::table
        .filter(reports::school_id.eq(school_id))
        .filter(reports::about.eq_any(allowed))
        .filter(diesel::dsl::not(diesel::dsl::exists(
            theirs
                .filter(theirs.field(report_keys::report_id).eq(reports::id))
                .filter(theirs.field(report_keys::user_id).eq(user_id)),
        )))
        .count()
        .get_result(conn)?)
}

/// id, about, sealed copy, status, risk, happening now, acknowledged, created.
type Source = (
    String,
    String,
    Vec<u8>,
    String,
    Option<String>,
    bool,
    Option<i64>,
    i64,
);

/// Seals `rows` (opened with `key`) for `recipient` and stores them in one transaction.
fn copy_for(
    conn: &mut DbConnection,
    rows: Vec<Source>,
    key: &PrivateKey,
    recipient: &PublicKey,
    recipient_id: i64,
) -> Result<(usize, usize), AppError> {
    let mut sealed = Vec::with_capacity(rows.len());
    let mut unreadable = 0;
    for (report_id, _, wrapped, status, risk, happening_now, acknowledged_at, created_at) in rows {
        let Ok(keys) = ReportKeys::unwrap_with(key, &report_id, &wrapped) else {
            unreadable += 1;
            continue;
        };
        let queue = queue_keys(
            &status,
            risk.as_deref(),
            happening_now && acknowledged_at.is_none(),
            created_at,
        );
        sealed.push((keys.wrap_for(recipient, &report_id), report_id, queue));
    }
    let made = sealed.len();
    db::write_transaction(conn, |conn| {
        for (wrapped, report_id, queue) in &sealed {
            store::insert_key(conn, report_id, recipient_id, wrapped, queue)?;
            diesel::update(reports::table.find(report_id))
                .set(reports::unrouted.eq(false))
                .execute(conn)?;
        }
        Ok(())
    })?;
    Ok((made, unreadable))
}

/// Run when someone signs in: for each of their schools, colleagues still waiting for
/// keys get every report the sharer holds and the rules route to them.
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
        let mut waiting: Vec<&RoleHolder> = holders
            .iter()
            .filter(|h| !h.keys_complete && h.user_id != sharer.id)
            .collect();
        waiting.sort_by_key(|h| h.user_id);
        waiting.dedup_by_key(|h| h.user_id);
        for recipient in waiting {
            let allowed = allowed_abouts(recipient.user_id, &holders);
            let rows: Vec<Source> = report_keys::table
                .inner_join(reports::table)
                .filter(report_keys::user_id.eq(sharer.id))
                .filter(reports::school_id.eq(school_id))
                .filter(reports::about.eq_any(&allowed))
                .filter(diesel::dsl::not(diesel::dsl::exists(
                    theirs
                        .filter(theirs.field(report_keys::report_id).eq(reports::id))
                        .filter(theirs.field(report_keys::user_id).eq(recipient.user_id)),
                )))
                .limit(MAX_PER_SIGN_IN)
                .select((
                    reports::id,
                    reports::about,
                    report_keys::wrapped,
                    reports::status,
                    reports::risk,
                    reports::happening_now,
                    reports::acknowledged_at,
                    reports::created_at,
                ))
                .load(conn)?;
            let public = PublicKey::from_bytes(&recipient.public_key).map_err(|_| {
                AppError::Internal(anyhow::anyhow!(
                    "user {} has a bad public key",
                    recipient.user_id
                ))
            })?;
            let (made, _) = copy_for(conn, rows, key, &public, recipient.user_id)?;
            total += made;
            let complete = missing_count(conn, school_id, recipient.user_id, &allowed)? == 0;
            db::write_transaction(conn, |conn| {
                if complete {
                    roles::set_keys_complete(conn, Some(school_id), recipient.user_id, true)?;
                }
                if made > 0 {
                    audit::append(
                        conn,
                        &Actor::user(sharer.id, &sharer.name),
                        None,
                        "Shared existing reports",
                        &format!(
                            "{made} reports of school {school_id} made readable to {}",
                            recipient.name
                        ),
                    )?;
                }
                Ok(())
            })?;
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
    let school_key: Option<Vec<u8>> = schools::table
        .find(school_id)
        .select(schools::recovery_public_key)
        .first(conn)?;
    if school_key.as_deref() != Some(recovery.public_key().as_bytes().as_slice()) {
        return Err(AppError::BadRequest(
            "that recovery key does not belong to this school",
        ));
    }
    let holders = roles::holders(conn, school_id)?;
    if !holders.iter().any(|h| h.user_id == user.id) {
        return Err(AppError::BadRequest(
            "that person has no role at this school",
        ));
    }
    let allowed = allowed_abouts(user.id, &holders);
    let public = user.public_key()?;
    let mut added = 0;
    let mut unreadable = 0;
    loop {
        let rows: Vec<Source> = reports::table
            .filter(reports::school_id.eq(school_id))
            .filter(reports::about.eq_any(&allowed))
            .filter(diesel::dsl::not(diesel::dsl::exists(
                theirs
                    .filter(theirs.field(report_keys::report_id).eq(reports::id))
                    .filter(theirs.field(report_keys::user_id).eq(user.id)),
            )))
            .order(reports::id.asc())
            .offset(unreadable as i64)
            .limit(1000)
            .select((
                reports::id,
                reports::about,
                reports::recovery_keys,
                reports::status,
                reports::risk,
                reports::happening_now,
                reports::acknowledged_at,
                reports::created_at,
            ))
            .load(conn)?;
        if rows.is_empty() {
            break;
        }
        // Reports stored without a recovery copy are skipped and counted, not fatal.
        let (made, skipped) = copy_for(conn, rows, recovery, &public, user.id)?;
        added += made;
        unreadable += skipped;
        if made == 0 {
            break;
        }
    }
    if unreadable == 0 {
        roles::set_keys_complete(conn, Some(school_id), user.id, true)?;
    } else {
        tracing::warn!(
            unreadable,
            "some reports have no usable recovery copy and were not shared"
        );
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

/// Deletes a person's copies of the school's reports that none of their roles (disabled
/// or not) still routes to them. Run after any change of roles.
pub fn prune_keys(
    conn: &mut DbConnection,
    school_id: i64,
    user_id: i64,
) -> Result<usize, AppError> {
    let holders = roles::all_holders(conn, school_id)?;
    let allowed = allowed_abouts(user_id, &holders);
    let doomed = reports::table
        .filter(reports::school_id.eq(school_id))
        .filter(reports::about.ne_all(allowed))
        .select(reports::id);
    Ok(diesel::delete(
        report_keys::table
            .filter(report_keys::user_id.eq(user_id))
            .filter(report_keys::report_id.eq_any(doomed)),
    )
    .execute(conn)?)
}

/// Takes a role away and deletes the keys it alone entitled the person to.
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
        let removed = prune_keys(conn, school_id, user_id)?;
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
