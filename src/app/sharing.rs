//! People change: giving new recipients the keys of reports already there, and taking them away.
//!
//! The server cannot do this alone (it holds no keys). A current recipient's session does
//! it when they sign in, or an administrator does it with the school's recovery key.
//! `school_roles.keys_complete` says who still needs keys, so a sign-in with nothing to
//! share costs one small query.

use super::binding;
use super::context::Context;
use crate::crypto::retention::KeyCopy;
use crate::crypto::sealed_box::{PrivateKey, PublicKey, ReportKeys};
use crate::db::{Conn, DbError, Tx};
use crate::domain::ids::{SchoolId, UserId};
use crate::domain::retention::Period;
use crate::domain::routing;
use crate::store::audit::{self, Actor};
use crate::store::keys::{self, ShareSource};
use crate::store::reports;
use crate::store::roles::{self, RoleHolder};
use crate::store::users::User;

/// Most copies made for one person in one sign-in, so a sign-in never takes long; the
/// rest follow at the next.
const MAX_PER_SIGN_IN: i64 = 5_000;

/// Copies made for a recipient, each beside the source it came from.
type Copies = Vec<(ShareSource, Vec<u8>)>;

/// Seals `sources` (the sharer's copies, or the recovery key's: `source`) for
/// `recipient`, bound to each report's retention period: the copies made, and how many
/// would not open.
fn reseal(
    ctx: &Context,
    school: SchoolId,
    sources: Vec<ShareSource>,
    source: KeyCopy,
    key: &PrivateKey,
    recipient: (UserId, &PublicKey),
) -> Result<(Copies, usize), DbError> {
    let mut sealed = Vec::with_capacity(sources.len());
    let mut unreadable = 0;
    for item in sources {
        let period = item.period.as_deref();
        let Some(wrapped) =
            binding::unbind(ctx, school, period, &item.report, source, &item.wrapped)?
        else {
            unreadable += 1;
            continue;
        };
        let Ok(keys) = ReportKeys::unwrap_with(key, &item.report, &wrapped) else {
            unreadable += 1;
            continue;
        };
        let fresh = keys.wrap_for(recipient.1, &item.report);
        let copy = match period.and_then(Period::parse) {
            Some(p) => binding::binding_key(ctx, school, &p)?.bind(
                &item.report,
                KeyCopy::Recipient(recipient.0),
                &fresh,
            ),
            None => fresh,
        };
        sealed.push((item, copy));
    }
    Ok((sealed, unreadable))
}

/// Stores the copies made outside the write, each only if its report is still the
/// school's and bound as it was when the copy was made: a report moved to another school
/// (or re-bound) meanwhile is not given to this school's newcomer.
fn store_copies(
    tx: &mut Tx<'_>,
    school: SchoolId,
    copies: &[(ShareSource, Vec<u8>)],
    recipient: UserId,
    ctx: &Context,
) -> Result<(), DbError> {
    let now = ctx.now();
    for (source, wrapped) in copies {
        crate::store::locks::report(tx, &source.report)?;
        let row = reports::find(tx.db(), &source.report)?;
        if row.school_id != school || row.retention_period != source.period {
            continue;
        }
        keys::insert_if_missing(tx, &source.report, recipient, wrapped, &source.queue, now)?;
        reports::mark_routed(tx, &source.report)?;
    }
    Ok(())
}

/// Run when someone signs in: for each of their schools, colleagues still waiting for
/// keys get every report the sharer holds and the rules route to them.
pub fn share_pending(
    conn: &mut Conn<'_>,
    ctx: &Context,
    sharer: &User,
    key: &PrivateKey,
) -> Result<usize, DbError> {
    let mut total = 0;
    for school in roles::schools_of(conn.db(), sharer.id)? {
        let holders = roles::holders(conn.db(), school)?;
        let holdings = roles::holdings(&holders);
        let mut waiting: Vec<&RoleHolder> = holders
            .iter()
            .filter(|h| !h.keys_complete && h.user_id != sharer.id)
            .collect();
        waiting.sort_by_key(|h| h.user_id);
        waiting.dedup_by_key(|h| h.user_id);
        for recipient in waiting {
            let allowed = routing::allowed_abouts(recipient.user_id, &holdings);
            let sources = keys::missing_from_sharer(
                conn.db(),
                school,
                sharer.id,
                recipient.user_id,
                &allowed,
                MAX_PER_SIGN_IN,
            )?;
            let Ok(public) = PublicKey::from_bytes(&recipient.public_key) else {
                tracing::error!(user = %recipient.user_id, "a colleague has an unusable public key: nothing shared with them");
                continue;
            };
            let (copies, _) = reseal(
                ctx,
                school,
                sources,
                KeyCopy::Recipient(sharer.id),
                key,
                (recipient.user_id, &public),
            )?;
            let made = copies.len();
            conn.write(|tx| store_copies(tx, school, &copies, recipient.user_id, ctx))?;
            total += made;
            let complete =
                keys::missing_count(conn.db(), school, recipient.user_id, &allowed)? == 0;
            conn.write(|tx| {
                if complete {
                    roles::set_keys_complete(tx, Some(school), recipient.user_id, true)?;
                }
                if made > 0 {
                    audit::append(
                        tx,
                        &Actor::user(sharer.id, &sharer.name),
                        None,
                        "Shared existing reports",
                        &format!(
                            "{made} reports of school {school} made readable to {}",
                            recipient.name
                        ),
                        ctx.now(),
                    )?;
                }
                Ok::<_, DbError>(())
            })?;
        }
    }
    Ok(total)
}

/// Why the recovery key could not be used.
#[derive(Debug, thiserror::Error)]
pub enum RecoveryError {
    #[error("the recovery key is not this school's")]
    WrongSchool,
    #[error("the person holds no role at the school")]
    NoRole,
    #[error(transparent)]
    Db(#[from] DbError),
}

/// With a school's recovery key: give `user` every report of the school the rules
/// route to them. Also the way to open reports sent while no one was set up.
pub fn recovery_share(
    conn: &mut Conn<'_>,
    ctx: &Context,
    actor: &Actor,
    school: SchoolId,
    recovery: &PrivateKey,
    user: &User,
) -> Result<usize, RecoveryError> {
    let school_row = crate::store::schools::find(conn.db(), school)?;
    if school_row.recovery_public_key.as_deref()
        != Some(recovery.public_key().as_bytes().as_slice())
    {
        return Err(RecoveryError::WrongSchool);
    }
    let holders = roles::holders(conn.db(), school)?;
    if !holders.iter().any(|h| h.user_id == user.id) {
        return Err(RecoveryError::NoRole);
    }
    let allowed = routing::allowed_abouts(user.id, &roles::holdings(&holders));
    let Ok(public) = PublicKey::from_bytes(&user.public_key) else {
        return Err(
            DbError::Interrupted(format!("user {} has an unusable public key", user.id)).into(),
        );
    };
    let mut added = 0;
    let mut unreadable = 0;
    loop {
        let sources = keys::missing_from_recovery(
            conn.db(),
            school,
            user.id,
            &allowed,
            unreadable as i64,
            1000,
        )?;
        if sources.is_empty() {
            break;
        }
        // Reports stored without a recovery copy are skipped and counted, not fatal.
        let (copies, skipped) = reseal(
            ctx,
            school,
            sources,
            KeyCopy::Recovery,
            recovery,
            (user.id, &public),
        )?;
        let made = copies.len();
        conn.write(|tx| store_copies(tx, school, &copies, user.id, ctx))?;
        added += made;
        unreadable += skipped;
        if made == 0 {
            break;
        }
    }
    if unreadable > 0 {
        tracing::warn!(
            unreadable,
            "some reports have no usable recovery copy and were not shared"
        );
    }
    conn.write(|tx| {
        if unreadable == 0 {
            roles::set_keys_complete(tx, Some(school), user.id, true)?;
        }
        audit::append(
            tx,
            actor,
            None,
            "Shared reports with the recovery key",
            &format!(
                "{added} reports of {} made readable to {}",
                school_row.slug, user.name
            ),
            ctx.now(),
        )
    })?;
    Ok(added)
}

/// Deletes a person's copies of the school's reports that none of their roles (disabled
/// or not) still routes to them. Run inside every change of roles.
pub fn prune(tx: &mut Tx<'_>, school: SchoolId, user: UserId) -> Result<usize, DbError> {
    let holders = roles::all_holders(tx.db(), school)?;
    let allowed = routing::allowed_abouts(user, &roles::holdings(&holders));
    keys::prune(tx, school, user, &allowed)
}
