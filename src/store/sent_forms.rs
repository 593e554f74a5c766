//! Report forms already sent (by the hash of their one-time token), with the receipt code
//! sealed for a few minutes, and pictures held sealed across the "in danger now" step.

use diesel::prelude::*;

use crate::db::schema::{held_pictures, sent_forms};
use crate::db::{Backend, DbConnection, DbError, Tx};
use crate::time::Timestamp;

/// Records that the form with this token hash was sent. `false` if it was sent already
/// (by an earlier or a concurrent request): the caller stores nothing more. The unique key
/// decides, so two requests at the same moment cannot both win.
pub fn claim(
    tx: &mut Tx<'_>,
    token_hash: &[u8],
    receipt_sealed: &[u8],
    now: Timestamp,
) -> Result<bool, DbError> {
    use diesel::result::{DatabaseErrorKind, Error};
    let insert = |db: &mut DbConnection| {
        diesel::insert_into(sent_forms::table)
            .values((
                sent_forms::token_hash.eq(token_hash),
                sent_forms::receipt_sealed.eq(Some(receipt_sealed)),
                sent_forms::created_at.eq(now),
            ))
            .execute(db)
    };
    // On PostgreSQL a failed statement spoils the transaction unless it had a savepoint;
    // SQLite undoes only the failed statement.
    let result = match tx.backend() {
        Backend::Postgres => tx.db().transaction(insert),
        Backend::Sqlite => insert(tx.db()),
    };
    match result {
        Ok(_) => Ok(true),
        Err(Error::DatabaseError(DatabaseErrorKind::UniqueViolation, _)) => Ok(false),
        Err(other) => Err(other.into()),
    }
}

/// A sent form: its sealed receipt (`None` once wiped) and when it was sent.
pub type SentForm = (Option<Vec<u8>>, Timestamp);

/// The form sent with this token hash, or `None` if no such form was sent.
pub fn find(db: &mut DbConnection, token_hash: &[u8]) -> Result<Option<SentForm>, DbError> {
    Ok(sent_forms::table
        .find(token_hash)
        .select((sent_forms::receipt_sealed, sent_forms::created_at))
        .first(db)
        .optional()?)
}

/// Wipes receipts sealed before `receipts_before`, forgets forms sent before
/// `forms_before` and deletes pictures held since before `pictures_before`.
pub fn forget_old(
    tx: &mut Tx<'_>,
    receipts_before: Timestamp,
    forms_before: Timestamp,
    pictures_before: Timestamp,
) -> Result<usize, DbError> {
    let wiped = diesel::update(
        sent_forms::table
            .filter(sent_forms::created_at.lt(receipts_before))
            .filter(sent_forms::receipt_sealed.is_not_null()),
    )
    .set(sent_forms::receipt_sealed.eq(None::<Vec<u8>>))
    .execute(tx.db())?;
    let forgotten =
        diesel::delete(sent_forms::table.filter(sent_forms::created_at.lt(forms_before)))
            .execute(tx.db())?;
    let dropped =
        diesel::delete(held_pictures::table.filter(held_pictures::created_at.lt(pictures_before)))
            .execute(tx.db())?;
    Ok(wiped + forgotten + dropped)
}

/// Holds these sealed pictures for the form, instead of any it held before.
pub fn hold(
    tx: &mut Tx<'_>,
    token_hash: &[u8],
    sealed: &[Vec<u8>],
    now: Timestamp,
) -> Result<(), DbError> {
    release(tx, token_hash)?;
    for (position, picture) in (0i32..).zip(sealed) {
        diesel::insert_into(held_pictures::table)
            .values((
                held_pictures::token_hash.eq(token_hash),
                held_pictures::position.eq(position),
                held_pictures::sealed.eq(picture),
                held_pictures::created_at.eq(now),
            ))
            .execute(tx.db())?;
    }
    Ok(())
}

/// The pictures held for the form since `since` or later, in the order chosen.
pub fn held(
    db: &mut DbConnection,
    token_hash: &[u8],
    since: Timestamp,
) -> Result<Vec<Vec<u8>>, DbError> {
    Ok(held_pictures::table
        .filter(held_pictures::token_hash.eq(token_hash))
        .filter(held_pictures::created_at.ge(since))
        .order(held_pictures::position.asc())
        .select(held_pictures::sealed)
        .load(db)?)
}

/// Deletes the pictures held for the form.
pub fn release(tx: &mut Tx<'_>, token_hash: &[u8]) -> Result<(), DbError> {
    diesel::delete(held_pictures::table.filter(held_pictures::token_hash.eq(token_hash)))
        .execute(tx.db())?;
    Ok(())
}
