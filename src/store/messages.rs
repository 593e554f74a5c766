//! The conversation with the pupil and the internal notes of a report, each sealed.

use diesel::prelude::*;

use crate::db::schema::{messages, users};
use crate::db::{DbConnection, DbError, Tx};
use crate::domain::choices::Author;
use crate::domain::ids::{MessageId, ReportId, UserId};
use crate::time::Timestamp;

/// A message as stored: already sealed.
pub struct NewMessage<'a> {
    pub id: &'a MessageId,
    pub report: &'a ReportId,
    pub author: Author,
    pub author_user: Option<UserId>,
    pub visible_to_pupil: bool,
    pub body: &'a [u8],
}

pub fn insert(tx: &mut Tx<'_>, message: &NewMessage<'_>, now: Timestamp) -> Result<(), DbError> {
    diesel::insert_into(messages::table)
        .values((
            messages::id.eq(message.id),
            messages::report_id.eq(message.report),
            messages::author.eq(message.author),
            messages::author_user_id.eq(message.author_user),
            messages::visible_to_pupil.eq(message.visible_to_pupil),
            messages::body.eq(message.body),
            messages::created_at.eq(now),
        ))
        .execute(tx.db())?;
    Ok(())
}

pub fn delete_for_report(tx: &mut Tx<'_>, report: &ReportId) -> Result<(), DbError> {
    diesel::delete(messages::table.filter(messages::report_id.eq(report))).execute(tx.db())?;
    Ok(())
}

/// One stored message with its author's name (staff only).
#[derive(Debug, Clone, Queryable)]
pub struct MessageRow {
    pub id: MessageId,
    pub author: Author,
    pub visible_to_pupil: bool,
    pub body: Vec<u8>,
    pub created_at: Timestamp,
    pub author_name: Option<String>,
}

/// A report's messages, oldest first; only the conversation when `pupil_view`.
pub fn for_report(
    db: &mut DbConnection,
    report: &ReportId,
    pupil_view: bool,
) -> Result<Vec<MessageRow>, DbError> {
    let mut query = messages::table
        .left_join(users::table.on(users::id.nullable().eq(messages::author_user_id)))
        .filter(messages::report_id.eq(report))
        .order((messages::created_at.asc(), messages::id.asc()))
        .select((
            messages::id,
            messages::author,
            messages::visible_to_pupil,
            messages::body,
            messages::created_at,
            users::name.nullable(),
        ))
        .into_boxed();
    if pupil_view {
        query = query.filter(messages::visible_to_pupil.eq(true));
    }
    Ok(query.load(db)?)
}
