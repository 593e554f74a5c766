//! Coming back with the receipt code: reading the replies and adding more, a picture or
//! a message, which opens a closed report again.

use super::error::PupilError;
use crate::app::context::Context;
use crate::app::{binding, pictures};
use crate::crypto::context;
use crate::crypto::receipt::ReceiptCode;
use crate::crypto::retention::KeyCopy;
use crate::crypto::secret::SecretKey;
use crate::db::{Conn, DbError, Tx};
use crate::domain::choices::{ActorRole, Author, Category, EventKind, Location, MailKind, Status};
use crate::domain::ids::{MessageId, ReportId, SchoolId};
use crate::domain::report::Details;
use crate::images::Clean;
use crate::store::audit::Actor;
use crate::store::events::{self, Event};
use crate::store::keys::{self};
use crate::store::messages::{self, NewMessage};
use crate::store::outbox::{self, NewMail};
use crate::store::reports::{self};
use crate::time::Timestamp;

/// One message in the conversation, as the pupil sees it.
#[derive(Clone)]
pub struct PupilMessage {
    pub from_pupil: bool,
    pub text: String,
    pub created_at: Timestamp,
}

impl std::fmt::Debug for PupilMessage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PupilMessage(<redacted>)")
    }
}

/// Everything the pupil may see of their report: never risk, notes, owner or referral detail.
pub struct PupilView {
    pub report_id: ReportId,
    pub school_name: String,
    pub reading_hours: String,
    pub category: Category,
    pub location: Location,
    pub status: Status,
    pub created_at: Timestamp,
    /// When staff first saw it (acknowledged it), shown to the pupil.
    pub acknowledged_at: Option<Timestamp>,
    pub details: Details,
    pub messages: Vec<PupilMessage>,
    /// How many pictures the pupil has sent with it.
    pub pictures: usize,
    /// The pupil asked to talk to someone at school.
    pub talk_requested: bool,
}

impl std::fmt::Debug for PupilView {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PupilView")
            .field("status", &self.status)
            .finish_non_exhaustive()
    }
}

/// A report opened with its receipt code: its id and the report key.
pub(super) struct Opened {
    pub(super) report_id: ReportId,
    pub(super) key: SecretKey,
}

pub(super) fn open_key(
    conn: &mut Conn<'_>,
    ctx: &Context,
    code: &ReceiptCode,
) -> Result<Option<Opened>, PupilError> {
    let Some(found) = reports::find_by_receipt(conn.db(), &code.lookup_hash(&ctx.server_key))?
    else {
        return Ok(None);
    };
    let report_id = found.id;
    let Some(wrapped) = binding::unbind(
        ctx,
        found.school,
        found.retention_period.as_deref(),
        &report_id,
        KeyCopy::Pupil,
        &found.pupil_key,
    )?
    else {
        // Deleted under the retention policy (this is an old copy of the database).
        return Ok(None);
    };
    let key_bytes = code
        .wrapping_key()
        .open(&context::field(&report_id, "pupil-key"), &wrapped)
        .map_err(|_| PupilError::Broken("pupil key"))?;
    let key = SecretKey::from_slice(&key_bytes).map_err(|_| PupilError::Broken("pupil key"))?;
    Ok(Some(Opened { report_id, key }))
}

pub(super) fn read(conn: &mut Conn<'_>, opened: Opened) -> Result<PupilView, PupilError> {
    let facts = reports::pupil_facts(conn.db(), &opened.report_id)?;
    let details_json = opened
        .key
        .open(
            &context::field(&opened.report_id, "details"),
            &facts.details,
        )
        .map_err(|_| PupilError::Broken("details"))?;
    let details: Details =
        serde_json::from_slice(&details_json).map_err(|_| PupilError::Broken("details"))?;
    let mut conversation = Vec::new();
    for row in messages::for_report(conn.db(), &opened.report_id, true)? {
        let text = opened
            .key
            .open_text(
                &context::message(&opened.report_id, &row.id, true),
                &row.body,
            )
            .map_err(|_| PupilError::Broken("message"))?;
        conversation.push(PupilMessage {
            from_pupil: row.author == Author::Pupil,
            text,
            created_at: row.created_at,
        });
    }
    let picture_count = pictures::for_report(conn, &opened.report_id)?.len();
    Ok(PupilView {
        report_id: opened.report_id,
        school_name: facts.school_name,
        reading_hours: facts.reading_hours,
        category: facts.category,
        location: facts.location,
        status: facts.status,
        created_at: facts.created_at,
        acknowledged_at: facts.acknowledged_at,
        details,
        messages: conversation,
        pictures: picture_count,
        talk_requested: facts.talk_requested_at.is_some(),
    })
}

/// The pupil's view of their report, or `None` if no report has this code.
pub fn view(
    conn: &mut Conn<'_>,
    ctx: &Context,
    code: &ReceiptCode,
) -> Result<Option<PupilView>, PupilError> {
    match open_key(conn, ctx, code)? {
        Some(opened) => read(conn, opened).map(Some),
        None => Ok(None),
    }
}

/// Adds the pupil's message to their report and tells the people working it (never
/// what). Returns the report as it now stands, or `None` if no report has this code.
/// A report of a kind that takes no pictures (see `Category::forbids_pictures`) keeps
/// none: they are dropped unstored, and a message of pictures alone stores nothing.
pub fn add_message(
    conn: &mut Conn<'_>,
    ctx: &Context,
    code: &ReceiptCode,
    text: &str,
    pictures: &[Clean],
) -> Result<Option<PupilView>, PupilError> {
    let Some(opened) = open_key(conn, ctx, code)? else {
        return Ok(None);
    };
    let category = reports::find(conn.db(), &opened.report_id)?.category;
    let pictures = if category.forbids_pictures() {
        if text.is_empty() {
            return read(conn, opened).map(Some);
        }
        &[]
    } else {
        pictures
    };
    let message_id = MessageId::generate();
    let body = opened.key.seal(
        &context::message(&opened.report_id, &message_id, true),
        text.as_bytes(),
    );
    let now = ctx.now();
    let report_id = opened.report_id.clone();
    let sealed_pictures = pictures::seal(&report_id, &opened.key, Some(&message_id), pictures, now);
    pictures::write_files(ctx, &sealed_pictures)?;
    let written = pictures::ids(&sealed_pictures);
    let stored = conn.write(|tx| {
        crate::store::locks::report(tx, &report_id)?;
        pictures::record(tx, ctx, &sealed_pictures)?;
        messages::insert(
            tx,
            &NewMessage {
                id: &message_id,
                report: &report_id,
                author: Author::Pupil,
                author_user: None,
                visible_to_pupil: true,
                body: &body,
            },
            now,
        )?;
        let before = reports::find(tx.db(), &report_id)?;
        let school = before.school_id;
        reopen_if_closed(tx, ctx, &before, now)?;
        reports::mark_new_message(tx, &report_id, now)?;
        crate::app::changes::settle(tx, &before)?;
        let detail = match sealed_pictures.count() {
            0 => String::new(),
            n => format!("with {n} pictures"),
        };
        tell_readers(tx, &report_id, school, EventKind::PupilWrote, &detail, now)
    });
    if let Err(err) = stored {
        ctx.blobs.remove_pictures(&written);
        return Err(PupilError::Db(err));
    }
    read(conn, opened).map(Some)
}

/// Staff finished with it, and the pupil has more to say or asks to talk: it opens again
/// (kept while open, as any reopened report), or the pupil would go unheard. The caller
/// settles the queue and figures. Whether it was closed.
pub(super) fn reopen_if_closed(
    tx: &mut Tx<'_>,
    ctx: &Context,
    before: &reports::CaseRow,
    now: Timestamp,
) -> Result<bool, DbError> {
    if before.status != Status::Closed {
        return Ok(false);
    }
    reports::set_status(tx, before, Status::Open, None, now)?;
    binding::after_status_change(tx, ctx, before, Status::Open, now)?;
    events::record(
        tx,
        &Actor::pupil(),
        &Event::new(&before.id, EventKind::PupilReopened, ActorRole::Pupil)
            .change(Some(Status::Closed.as_str()), Some(Status::Open.as_str())),
        "",
        now,
    )?;
    Ok(true)
}

/// What the pupil did, in the chronology and audit log, and a content-free notice to
/// everyone who reads the report: the same for a message, a name given later and a
/// request to talk.
pub(super) fn tell_readers(
    tx: &mut Tx<'_>,
    id: &ReportId,
    school: SchoolId,
    kind: EventKind,
    detail: &str,
    now: Timestamp,
) -> Result<(), DbError> {
    let mails: Vec<NewMail> = keys::readers_to_mail(tx.db(), id, false)?
        .into_iter()
        .map(|(user, email)| NewMail {
            kind: MailKind::PupilMessage,
            email,
            user_id: Some(user),
            school_id: Some(school),
        })
        .collect();
    outbox::enqueue(tx, &mails, now)?;
    events::record(
        tx,
        &Actor::pupil(),
        &Event::new(id, kind, ActorRole::Pupil),
        detail,
        now,
    )
}
