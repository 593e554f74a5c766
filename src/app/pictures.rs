//! Pictures on reports: sealed under the report key (STREAM, in 64 KiB chunks) the moment
//! they arrive clean, stored as files or database rows, shown only to the people a report
//! is routed to, every full view audited, and deleted with their report.

use zeroize::Zeroizing;

use super::access::{self, CaseError};
use super::actors::Staff;
use super::context::Context;
use crate::blobs::{BlobStore, PICTURE_FILES};
use crate::crypto::secret::SecretKey;
use crate::crypto::stream;
use crate::db::{Conn, DbError, Tx};
use crate::domain::choices::EventKind;
use crate::domain::ids::{MessageId, PictureId, ReportId};
use crate::images::Clean;
use crate::store::attachments::{self, Attachment};
use crate::store::events::{self, Event};
use crate::time::Timestamp;

/// The most pictures sent at once.
pub const MAX_PICTURES: usize = 5;

/// The full picture or its thumbnail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Size {
    Full,
    Thumbnail,
}

impl Size {
    fn kind(self) -> &'static str {
        match self {
            Size::Full => PICTURE_FILES[0],
            Size::Thumbnail => PICTURE_FILES[1],
        }
    }
}

fn context(report: &ReportId, picture: &PictureId, size: Size) -> Vec<u8> {
    format!("confide/picture/v1/{report}/{picture}/{}", size.kind()).into_bytes()
}

/// Pictures sealed and ready to store with their report or message.
pub struct Sealed {
    rows: Vec<Attachment>,
    blobs: Vec<(PictureId, Size, Vec<u8>)>,
}

impl Sealed {
    pub fn none() -> Self {
        Sealed {
            rows: Vec::new(),
            blobs: Vec::new(),
        }
    }

    pub fn count(&self) -> usize {
        self.rows.len()
    }
}

/// Seals clean pictures under the report key: nothing leaves here in the clear.
pub fn seal(
    report: &ReportId,
    key: &SecretKey,
    message: Option<&MessageId>,
    pictures: &[Clean],
    now: Timestamp,
) -> Sealed {
    let mut sealed = Sealed::none();
    for (position, picture) in pictures.iter().enumerate() {
        let id = PictureId::generate();
        for (size, bytes) in [
            (Size::Full, &picture.bytes),
            (Size::Thumbnail, &picture.thumbnail),
        ] {
            sealed.blobs.push((
                id.clone(),
                size,
                stream::seal(key, &context(report, &id, size), bytes),
            ));
        }
        sealed.rows.push(Attachment {
            id,
            report_id: report.clone(),
            message_id: message.cloned(),
            position: i32::try_from(position).unwrap_or(0),
            media_type: picture.media_type.to_owned(),
            width: i32::try_from(picture.width).unwrap_or(0),
            height: i32::try_from(picture.height).unwrap_or(0),
            size: i64::try_from(picture.bytes.len()).unwrap_or(0),
            created_at: now,
        });
    }
    sealed
}

/// Writes sealed files before the transaction that records them (file store only), so
/// the transaction (and SQLite's group commit) carries only their rows.
pub fn write_files(ctx: &Context, sealed: &Sealed) -> Result<(), DbError> {
    if let BlobStore::Files(files) = &ctx.blobs {
        for (id, size, bytes) in &sealed.blobs {
            files.write(id.as_str(), size.kind(), bytes)?;
        }
    }
    Ok(())
}

/// Records the pictures inside the caller's transaction (with their bytes, on the database store).
pub fn record(tx: &mut Tx<'_>, ctx: &Context, sealed: &Sealed) -> Result<(), DbError> {
    for row in &sealed.rows {
        attachments::insert(tx, row)?;
    }
    if let BlobStore::Database = ctx.blobs {
        for (id, size, bytes) in &sealed.blobs {
            attachments::insert_blob(tx, id, size.kind(), bytes)?;
        }
    }
    Ok(())
}

/// The ids of what `sealed` holds, as the blob store names its files.
pub fn ids(sealed: &Sealed) -> Vec<String> {
    sealed
        .rows
        .iter()
        .map(|r| r.id.as_str().to_owned())
        .collect()
}

/// A report's pictures (their rows only).
pub fn for_report(conn: &mut Conn<'_>, report: &ReportId) -> Result<Vec<Attachment>, DbError> {
    attachments::for_report(conn.db(), report)
}

/// A picture (or its thumbnail) for someone the report is routed to; a full view is
/// audited as an event. Anyone else is told it does not exist.
pub fn open(
    conn: &mut Conn<'_>,
    ctx: &Context,
    staff: &Staff,
    report: &ReportId,
    picture: &PictureId,
    size: Size,
) -> Result<(String, Zeroizing<Vec<u8>>), CaseError> {
    let (keys, row) = access::keys_for_picture(conn.db(), ctx, staff, report)?;
    let meta = attachments::find(conn.db(), report, picture)?;
    let sealed = match &ctx.blobs {
        BlobStore::Files(files) => files
            .read(picture.as_str(), size.kind())
            .map_err(DbError::from)?,
        BlobStore::Database => attachments::blob(conn.db(), picture, size.kind())?,
    };
    let bytes = stream::open(&keys.report, &context(report, picture, size), &sealed)
        .map_err(|_| CaseError::Broken("picture"))?;
    if size == Size::Full {
        let role = access::acting_role(conn.db(), staff, &row)?;
        let now = ctx.now();
        conn.write(|tx| {
            events::record(
                tx,
                &staff.actor(),
                &Event::new(report, EventKind::PictureViewed, role)
                    .change(None, Some(picture.as_str())),
                &format!("picture {}", meta.position + 1),
                now,
            )
        })?;
    }
    // Thumbnails are always JPEG, whatever the picture is kept as.
    let media_type = match size {
        Size::Full => meta.media_type,
        Size::Thumbnail => "image/jpeg".to_owned(),
    };
    Ok((media_type, bytes))
}
