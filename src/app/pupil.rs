//! What a pupil does: find their school, send a report, come back with the receipt code
//! to read replies, and add more.

use std::sync::Arc;

use zeroize::Zeroizing;

use super::pictures;
use super::{retention, sending, Context};
use crate::crypto::context;
use crate::crypto::form_token::FormToken;
use crate::crypto::receipt::ReceiptCode;
use crate::crypto::retention::Copy;
use crate::crypto::sealed_box::{PublicKey, ReportKeys};
use crate::crypto::secret::SecretKey;
use crate::db::{Conn, DbError};
use crate::domain::choices::{ActorRole, Author, Category, EventKind, Location, MailKind, Status};
use crate::domain::ids::{MessageId, ReportId};
use crate::domain::report::{Details, ValidReport};
use crate::domain::routing;
use crate::domain::school::SchoolSlug;
use crate::images::Clean;
use crate::store::audit::Actor;
use crate::store::events::{self, Event};
use crate::store::keys::{self, QueueKeys};
use crate::store::messages::{self, NewMessage};
use crate::store::outbox::{self, NewMail};
use crate::store::reports::{self, NewReport};
use crate::store::roles;
use crate::store::schools::{self, School};
use crate::store::users;
use crate::time::Timestamp;

/// Why a pupil's request could not be done.
#[derive(Debug, thiserror::Error)]
pub enum PupilError {
    #[error("no such school")]
    NoSuchSchool,
    /// Stored text or keys would not open: damaged data, never the pupil's fault.
    #[error("a sealed report failed to open: {0}")]
    Broken(&'static str),
    #[error(transparent)]
    Db(#[from] DbError),
}

/// The school with this address, or `None`.
pub fn find_school(conn: &mut Conn<'_>, slug: &SchoolSlug) -> Result<Option<School>, PupilError> {
    Ok(schools::find_by_slug(conn.db(), slug)?)
}

/// Every school, for the picker.
pub fn schools(conn: &mut Conn<'_>) -> Result<Vec<School>, PupilError> {
    Ok(schools::list(conn.db())?)
}

/// What the pupil is told after sending: the code, once.
#[derive(Debug)]
pub struct Submitted {
    pub school: School,
    pub report_id: ReportId,
    pub receipt: ReceiptCode,
    pub recipients: usize,
}

/// Seals and stores a report, its keys for every recipient the rules route it to, the
/// notices and the audit row, in one commit (shared with other pupils' reports on
/// SQLite). All sealing happens before the write, so the writer's turn is held only for
/// the inserts.
pub fn submit(
    conn: &mut Conn<'_>,
    ctx: &Context,
    slug: &SchoolSlug,
    report: &ValidReport,
    pictures: &[Clean],
) -> Result<Submitted, PupilError> {
    submit_once(conn, ctx, slug, report, pictures, None)?.ok_or(PupilError::Broken(
        "a report without a form token was refused",
    ))
}

/// [`submit`] for a form with a one-time token: `None` (and nothing stored, nobody told)
/// if a request with the same token stored its report already (see [`super::sending`]).
pub fn submit_once(
    conn: &mut Conn<'_>,
    ctx: &Context,
    slug: &SchoolSlug,
    report: &ValidReport,
    pictures: &[Clean],
    token: Option<&FormToken>,
) -> Result<Option<Submitted>, PupilError> {
    let school = schools::find_by_slug(conn.db(), slug)?.ok_or(PupilError::NoSuchSchool)?;
    let holders = roles::holders(conn.db(), school.id)?;
    let recipients = routing::recipients(report.about, &roles::holdings(&holders));
    let report_id = ReportId::generate();
    let keys = ReportKeys::generate();
    let receipt = ReceiptCode::generate();
    let claim = token
        .map(|t| sending::Claim::new(ctx, t, &receipt, report.happening_now, pictures.len()))
        .map(Arc::new);
    let claim_in_tx = claim.clone();

    let details_json = Zeroizing::new(
        serde_json::to_vec(&report.details).map_err(|_| PupilError::Broken("details"))?,
    );
    let details = keys
        .report
        .seal(&context::field(&report_id, "details"), &details_json);
    let pupil_key = receipt.wrapping_key().seal(
        &context::field(&report_id, "pupil-key"),
        keys.report.as_bytes(),
    );
    let recovery_keys = match school
        .recovery_public_key
        .as_deref()
        .map(PublicKey::from_bytes)
    {
        Some(Ok(public)) => keys.wrap_for(&public, &report_id),
        _ => {
            tracing::error!(school = %school.slug, "school has no usable recovery key: report stored without a recovery copy");
            Vec::new()
        }
    };
    let mut wrapped = Vec::with_capacity(recipients.len());
    for holder in holders.iter().filter(|h| recipients.contains(&h.user_id)) {
        if wrapped.iter().any(|(id, _)| *id == holder.user_id) {
            continue;
        }
        // One broken account must not cost the pupil their report: skip it, loudly.
        match PublicKey::from_bytes(&holder.public_key) {
            Ok(public) => wrapped.push((holder.user_id, keys.wrap_for(&public, &report_id))),
            Err(_) => tracing::error!(
                user = %holder.user_id,
                "a recipient has an unusable public key: the report was not sealed for them"
            ),
        }
    }
    let lookup = receipt.lookup_hash(&ctx.server_key);
    let now = ctx.now();
    let unrouted = wrapped.is_empty();
    // Every copy is bound to the school's key for this month: destroying that key later
    // shreds the report wherever a copy of the database is.
    let period = retention::open_period(now);
    let binding = retention::binding_key(ctx, school.id, &period)?;
    let wrapped: Vec<_> = wrapped
        .into_iter()
        .map(|(user, w)| (user, binding.bind(&report_id, Copy::Recipient(user), &w)))
        .collect();
    let recovery_keys = binding.bind(&report_id, Copy::Recovery, &recovery_keys);
    let pupil_key = binding.bind(&report_id, Copy::Pupil, &pupil_key);
    let period = period.as_string();
    let named = !report.details.name.is_empty() || !report.details.contact.is_empty();
    // Pictures are sealed and (on the file store) written before the commit, which then
    // carries only their rows.
    let sealed_pictures = pictures::seal(&report_id, &keys.report, None, pictures, now);
    pictures::write_files(ctx, &sealed_pictures)?;
    let picture_ids = pictures::ids(&sealed_pictures);
    let store_ctx = ctx.clone();

    // Everything the write needs is worked out first, so the write itself is short and
    // can share a commit with other pupils' reports.
    let kind = if report.happening_now {
        MailKind::Urgent
    } else {
        MailKind::NewReport
    };
    let mut mails: Vec<NewMail> = holders
        .iter()
        .filter(|h| wrapped.iter().any(|(id, _)| *id == h.user_id))
        .filter(|h| kind == MailKind::Urgent || !h.notify_digest)
        .map(|h| NewMail {
            kind,
            email: h.email.clone(),
            user_id: Some(h.user_id),
            school_id: Some(school.id),
        })
        .collect();
    mails.sort_by_key(|m| m.user_id);
    mails.dedup_by_key(|m| m.user_id);
    if unrouted {
        mails.extend(
            users::administrators(conn.db())?
                .into_iter()
                .map(|(id, email)| NewMail {
                    kind: MailKind::Unrouted,
                    email,
                    user_id: Some(id),
                    school_id: Some(school.id),
                }),
        );
    }
    let stored = (
        report_id.clone(),
        school.id,
        report.category,
        report.location,
        report.happening_now,
        report.about,
    );
    let recipients = wrapped.len();
    let fact = crate::domain::insight::Fact {
        school: school.id,
        week: crate::time::uk_week(now),
        category: report.category,
        location: report.location,
        urgent: report.happening_now,
        acknowledged_after: None,
        target_seconds: i64::from(school.ack_within_hours) * 3_600,
        outcome: None,
        referral: None,
    };
    let stored_report = conn.write_grouped(Box::new(move |tx| {
        // First, under the token's unique key: a form already sent stores nothing more.
        if let Some(claim) = &claim_in_tx {
            if !claim.make(tx, now)? {
                return Ok(());
            }
        }
        super::insights::note(tx, None, Some(&fact))?;
        let (report_id, school_id, category, location, happening_now, about) = stored;
        reports::insert(
            tx,
            &NewReport {
                id: &report_id,
                school: school_id,
                category,
                location,
                happening_now,
                about,
                named,
                unrouted,
                retention_period: &period,
                receipt_lookup: &lookup,
                pupil_key: &pupil_key,
                recovery_keys: &recovery_keys,
                details: &details,
            },
            now,
        )?;
        let queue = QueueKeys::new_report(happening_now, now);
        for (user, wrapped) in &wrapped {
            keys::insert(tx, &report_id, *user, wrapped, &queue, now)?;
        }
        pictures::record(tx, &store_ctx, &sealed_pictures)?;
        // The notices go in the same transaction: a saved report is never left unannounced.
        outbox::enqueue(tx, &mails, now)?;
        let detail = if happening_now {
            "marked as happening now"
        } else {
            ""
        };
        events::record(
            tx,
            &Actor::pupil(),
            &Event::new(&report_id, EventKind::Received, ActorRole::Pupil)
                .change(None, Some(Status::New.as_str())),
            detail,
            now,
        )
    }));
    if let Err(err) = stored_report {
        pictures::remove_files(ctx, picture_ids);
        return Err(err.into());
    }
    if claim.is_some_and(|claim| claim.sent_before()) {
        pictures::remove_files(ctx, picture_ids);
        return Ok(None);
    }

    if unrouted {
        tracing::error!(
            school = %school.slug,
            "NO RECIPIENT: a report for this school was stored for the recovery key only. \
             Give someone a role with `confide role grant`, then share old reports with `confide recovery share`."
        );
    }
    Ok(Some(Submitted {
        school,
        report_id,
        receipt,
        recipients,
    }))
}

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
    pub details: Details,
    pub messages: Vec<PupilMessage>,
    /// How many pictures the pupil has sent with it.
    pub pictures: usize,
}

impl std::fmt::Debug for PupilView {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PupilView")
            .field("status", &self.status)
            .finish_non_exhaustive()
    }
}

/// A report opened with its receipt code: its id and the report key.
struct Opened {
    report_id: ReportId,
    key: SecretKey,
}

fn open_key(
    conn: &mut Conn<'_>,
    ctx: &Context,
    code: &ReceiptCode,
) -> Result<Option<Opened>, PupilError> {
    let Some(found) = reports::find_by_receipt(conn.db(), &code.lookup_hash(&ctx.server_key))?
    else {
        return Ok(None);
    };
    let report_id = found.id;
    let Ok(wrapped) = retention::unbind(
        ctx,
        found.school,
        found.retention_period.as_deref(),
        &report_id,
        Copy::Pupil,
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

fn read(conn: &mut Conn<'_>, opened: Opened) -> Result<PupilView, PupilError> {
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
        details,
        messages: conversation,
        pictures: picture_count,
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
        // Staff finished with it, and the pupil has more to say: it opens again (kept
        // while open, as any reopened report), or the words could be deleted unread.
        let reopened = before.status == Status::Closed;
        if reopened {
            reports::set_status(tx, &before, Status::Open, None, now)?;
            retention::after_status_change(tx, ctx, &before, Status::Open, now)?;
        }
        reports::mark_new_message(tx, &report_id, now)?;
        super::cases::settle(tx, &before)?;
        if reopened {
            events::record(
                tx,
                &Actor::pupil(),
                &Event::new(&report_id, EventKind::PupilReopened, ActorRole::Pupil)
                    .change(Some(Status::Closed.as_str()), Some(Status::Open.as_str())),
                "",
                now,
            )?;
        }
        let mails: Vec<NewMail> = keys::readers_to_mail(tx.db(), &report_id, false)?
            .into_iter()
            .map(|(id, email)| NewMail {
                kind: MailKind::PupilMessage,
                email,
                user_id: Some(id),
                school_id: Some(school),
            })
            .collect();
        outbox::enqueue(tx, &mails, now)?;
        events::record(
            tx,
            &Actor::pupil(),
            &Event::new(&report_id, EventKind::PupilWrote, ActorRole::Pupil),
            &match sealed_pictures.count() {
                0 => String::new(),
                n => format!("with {n} pictures"),
            },
            now,
        )
    });
    if let Err(err) = stored {
        pictures::remove_files(ctx, written);
        return Err(PupilError::Db(err));
    }
    read(conn, opened).map(Some)
}
