//! The reply templates a school has edited (the rest are the defaults, not stored).

use diesel::prelude::*;

use crate::db::schema::reply_templates;
use crate::db::{DbConnection, DbError, Tx};
use crate::domain::choices::ReplySlot;
use crate::domain::ids::SchoolId;
use crate::time::Timestamp;

/// The school's edited templates.
pub fn edited(
    db: &mut DbConnection,
    school: SchoolId,
) -> Result<Vec<(ReplySlot, String)>, DbError> {
    Ok(reply_templates::table
        .filter(reply_templates::school_id.eq(school))
        .select((reply_templates::slot, reply_templates::body))
        .load(db)?)
}

/// Keeps the school's words for one template, in place of what was there.
pub fn save(
    tx: &mut Tx<'_>,
    school: SchoolId,
    slot: ReplySlot,
    body: &str,
    now: Timestamp,
) -> Result<(), DbError> {
    diesel::delete(
        reply_templates::table
            .filter(reply_templates::school_id.eq(school))
            .filter(reply_templates::slot.eq(slot)),
    )
    .execute(tx.db())?;
    diesel::insert_into(reply_templates::table)
        .values((
            reply_templates::school_id.eq(school),
            reply_templates::slot.eq(slot),
            reply_templates::body.eq(body),
            reply_templates::updated_at.eq(now),
        ))
        .execute(tx.db())?;
    Ok(())
}
