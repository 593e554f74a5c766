//! Pictures' rows: what each is (kind, size, which report and message), and — on
//! PostgreSQL — the sealed pictures themselves.

use diesel::prelude::*;

use crate::db::schema::{attachment_blobs, attachments};
use crate::db::{DbConnection, DbError, Tx};
use crate::domain::ids::{MessageId, PictureId, ReportId};
use crate::time::Timestamp;

/// One picture's row.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = attachments)]
pub struct Attachment {
    /// Random, like a report id: its address cannot be guessed.
    pub id: PictureId,
    pub report_id: ReportId,
    pub message_id: Option<MessageId>,
    pub position: i32,
    pub media_type: String,
    pub width: i32,
    pub height: i32,
    pub size: i64,
    pub created_at: Timestamp,
}

pub fn insert(tx: &mut Tx<'_>, row: &Attachment) -> Result<(), DbError> {
    diesel::insert_into(attachments::table)
        .values((
            attachments::id.eq(&row.id),
            attachments::report_id.eq(&row.report_id),
            attachments::message_id.eq(row.message_id.as_ref()),
            attachments::position.eq(row.position),
            attachments::media_type.eq(&row.media_type),
            attachments::width.eq(row.width),
            attachments::height.eq(row.height),
            attachments::size.eq(row.size),
            attachments::created_at.eq(row.created_at),
        ))
        .execute(tx.db())?;
    Ok(())
}

pub fn insert_blob(
    tx: &mut Tx<'_>,
    id: &PictureId,
    kind: &str,
    sealed: &[u8],
) -> Result<(), DbError> {
    diesel::insert_into(attachment_blobs::table)
        .values((
            attachment_blobs::attachment_id.eq(id),
            attachment_blobs::kind.eq(kind),
            attachment_blobs::data.eq(sealed),
        ))
        .execute(tx.db())?;
    Ok(())
}

pub fn blob(db: &mut DbConnection, id: &PictureId, kind: &str) -> Result<Vec<u8>, DbError> {
    Ok(attachment_blobs::table
        .filter(attachment_blobs::attachment_id.eq(id))
        .filter(attachment_blobs::kind.eq(kind))
        .select(attachment_blobs::data)
        .first(db)?)
}

/// A report's pictures, in the order they were sent.
pub fn for_report(db: &mut DbConnection, report: &ReportId) -> Result<Vec<Attachment>, DbError> {
    Ok(attachments::table
        .filter(attachments::report_id.eq(report))
        .order((attachments::created_at.asc(), attachments::position.asc()))
        .select(Attachment::as_select())
        .load(db)?)
}

pub fn find(
    db: &mut DbConnection,
    report: &ReportId,
    id: &PictureId,
) -> Result<Attachment, DbError> {
    Ok(attachments::table
        .filter(attachments::report_id.eq(report))
        .filter(attachments::id.eq(id))
        .select(Attachment::as_select())
        .first(db)?)
}

/// Deletes a report's pictures and their sealed bytes kept in the database.
pub fn delete_for_report(tx: &mut Tx<'_>, report: &ReportId) -> Result<(), DbError> {
    let ids = attachments::table
        .filter(attachments::report_id.eq(report))
        .select(attachments::id);
    diesel::delete(attachment_blobs::table.filter(attachment_blobs::attachment_id.eq_any(ids)))
        .execute(tx.db())?;
    diesel::delete(attachments::table.filter(attachments::report_id.eq(report)))
        .execute(tx.db())?;
    Ok(())
}
