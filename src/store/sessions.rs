//! Session rows: the hash of the cookie's token and the private key sealed under it.

use diesel::prelude::*;

use crate::db::schema::sessions;
use crate::db::{DbConnection, DbError, Tx};
use crate::domain::ids::UserId;
use crate::time::Timestamp;

/// A stored session.
#[derive(Debug, Clone, Queryable)]
pub struct SessionRow {
    pub user_id: UserId,
    pub sealed_private_key: Vec<u8>,
    pub created_at: Timestamp,
    pub last_seen_at: Timestamp,
    /// When this session last passed the second factor.
    pub second_factor_at: Option<Timestamp>,
}

pub fn insert(
    tx: &mut Tx<'_>,
    id_hash: &[u8],
    user: UserId,
    sealed_private_key: &[u8],
    now: Timestamp,
) -> Result<(), DbError> {
    diesel::insert_into(sessions::table)
        .values((
            sessions::id_hash.eq(id_hash),
            sessions::user_id.eq(user),
            sessions::wrapped_private_key.eq(sealed_private_key),
            sessions::created_at.eq(now),
            sessions::last_seen_at.eq(now),
        ))
        .execute(tx.db())?;
    Ok(())
}

pub fn find(db: &mut DbConnection, id_hash: &[u8]) -> Result<Option<SessionRow>, DbError> {
    Ok(sessions::table
        .filter(sessions::id_hash.eq(id_hash))
        .select((
            sessions::user_id,
            sessions::wrapped_private_key,
            sessions::created_at,
            sessions::last_seen_at,
            sessions::second_factor_at,
        ))
        .first(db)
        .optional()?)
}

pub fn touch(tx: &mut Tx<'_>, id_hash: &[u8], now: Timestamp) -> Result<(), DbError> {
    diesel::update(sessions::table.filter(sessions::id_hash.eq(id_hash)))
        .set(sessions::last_seen_at.eq(now))
        .execute(tx.db())?;
    Ok(())
}

/// The session passed the second factor now (at sign-in, or again before a sensitive action).
pub fn mark_second_factor(tx: &mut Tx<'_>, id_hash: &[u8], now: Timestamp) -> Result<(), DbError> {
    diesel::update(sessions::table.filter(sessions::id_hash.eq(id_hash)))
        .set(sessions::second_factor_at.eq(Some(now)))
        .execute(tx.db())?;
    Ok(())
}

/// Gives the session a new id (the hash of a new cookie token) and its private key sealed
/// under that token, keeping when it began and its second factor: the old cookie opens
/// nothing from now on.
pub fn rotate(
    tx: &mut Tx<'_>,
    old_id_hash: &[u8],
    new_id_hash: &[u8],
    sealed_private_key: &[u8],
) -> Result<bool, DbError> {
    let changed = diesel::update(sessions::table.filter(sessions::id_hash.eq(old_id_hash)))
        .set((
            sessions::id_hash.eq(new_id_hash),
            sessions::wrapped_private_key.eq(sealed_private_key),
        ))
        .execute(tx.db())?;
    Ok(changed > 0)
}

pub fn delete(tx: &mut Tx<'_>, id_hash: &[u8]) -> Result<(), DbError> {
    diesel::delete(sessions::table.filter(sessions::id_hash.eq(id_hash))).execute(tx.db())?;
    Ok(())
}

/// Ends every session of a person but `keep` (the one that changed the password).
pub fn delete_others(tx: &mut Tx<'_>, user: UserId, keep: &[u8]) -> Result<usize, DbError> {
    Ok(diesel::delete(
        sessions::table
            .filter(sessions::user_id.eq(user))
            .filter(sessions::id_hash.ne(keep)),
    )
    .execute(tx.db())?)
}

/// Ends every session of a person (disabled, password reset).
pub fn delete_for_user(tx: &mut Tx<'_>, user: UserId) -> Result<usize, DbError> {
    Ok(diesel::delete(sessions::table.filter(sessions::user_id.eq(user))).execute(tx.db())?)
}
