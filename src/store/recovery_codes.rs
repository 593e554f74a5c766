//! Single-use recovery codes, kept only as keyed hashes.

use diesel::prelude::*;

use crate::db::schema::recovery_codes;
use crate::db::{DbConnection, DbError, Tx};
use crate::domain::ids::UserId;
use crate::time::Timestamp;

/// Replaces a person's codes with new ones (enrolment shows them once).
pub fn replace(
    tx: &mut Tx<'_>,
    user: UserId,
    hashes: &[Vec<u8>],
    now: Timestamp,
) -> Result<(), DbError> {
    delete_for_user(tx, user)?;
    for hash in hashes {
        diesel::insert_into(recovery_codes::table)
            .values((
                recovery_codes::user_id.eq(user),
                recovery_codes::code_hash.eq(hash),
                recovery_codes::created_at.eq(now),
            ))
            .execute(tx.db())?;
    }
    Ok(())
}

/// Uses a code: `true` if it was the person's and not used before (it never works again).
pub fn use_code(
    tx: &mut Tx<'_>,
    user: UserId,
    hash: &[u8],
    now: Timestamp,
) -> Result<bool, DbError> {
    let used = diesel::update(
        recovery_codes::table
            .filter(recovery_codes::user_id.eq(user))
            .filter(recovery_codes::code_hash.eq(hash))
            .filter(recovery_codes::used_at.is_null()),
    )
    .set(recovery_codes::used_at.eq(Some(now)))
    .execute(tx.db())?;
    Ok(used == 1)
}

/// Codes the person still has.
pub fn unused(db: &mut DbConnection, user: UserId) -> Result<i64, DbError> {
    Ok(recovery_codes::table
        .filter(recovery_codes::user_id.eq(user))
        .filter(recovery_codes::used_at.is_null())
        .count()
        .get_result(db)?)
}

pub fn delete_for_user(tx: &mut Tx<'_>, user: UserId) -> Result<(), DbError> {
    diesel::delete(recovery_codes::table.filter(recovery_codes::user_id.eq(user)))
        .execute(tx.db())?;
    Ok(())
}
