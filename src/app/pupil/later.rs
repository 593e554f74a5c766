//! What a pupil may add to their report at any time from its page: their name and how to
//! reach them (sealed into the details, as if given on the first form), or a request to
//! talk to someone at school (a flag on the case). Either tells the recipients, never what.

use super::error::PupilError;
use super::followup::{open_key, read, Opened, PupilView};
use crate::app::binding;
use crate::app::context::Context;
use crate::crypto::context;
use crate::crypto::receipt::ReceiptCode;
use crate::db::{Conn, DbError, Tx};
use crate::domain::choices::{ActorRole, EventKind, MailKind};
use crate::domain::ids::ReportId;
use crate::domain::report::Details;
use crate::store::audit::Actor;
use crate::store::events::{self, Event};
use crate::store::keys;
use crate::store::outbox::{self, NewMail};
use crate::store::reports;
use crate::time::Timestamp;

/// Adds the pupil's name and how to reach them (checked by `domain::report::name_later`)
/// to the sealed details, and marks the report named, so it is kept as long as a named
/// report. `None` if no report has this code.
pub fn give_name(
    conn: &mut Conn<'_>,
    ctx: &Context,
    code: &ReceiptCode,
    name: &str,
    contact: &str,
) -> Result<Option<PupilView>, PupilError> {
    let Some(opened) = open_key(conn, ctx, code)? else {
        return Ok(None);
    };
    let field = context::field(&opened.report_id, "details");
    let sealed = reports::sealed_details(conn.db(), &opened.report_id)?;
    let plain = opened
        .key
        .open(&field, &sealed)
        .map_err(|_| PupilError::Broken("details"))?;
    let mut details: Details =
        serde_json::from_slice(&plain).map_err(|_| PupilError::Broken("details"))?;
    // Only what was given replaces what was there: a way to reach them alone keeps the name.
    if !name.is_empty() {
        details.name = name.to_owned();
    }
    if !contact.is_empty() {
        details.contact = contact.to_owned();
    }
    let json = zeroize::Zeroizing::new(
        serde_json::to_vec(&details).map_err(|_| PupilError::Broken("details"))?,
    );
    let resealed = opened.key.seal(&field, &json);
    let now = ctx.now();
    let id = opened.report_id.clone();
    conn.write(|tx| {
        let before = reports::find(tx.db(), &id)?;
        reports::name_later(tx, &id, &resealed, now)?;
        binding::after_naming(tx, ctx, &before)?;
        told(tx, &id, EventKind::PupilNamed, now)
    })?;
    reread(conn, opened)
}

/// Flags the case: the pupil would like to talk to someone at school. Asking again changes
/// nothing and tells nobody again. `None` if no report has this code.
pub fn ask_to_talk(
    conn: &mut Conn<'_>,
    ctx: &Context,
    code: &ReceiptCode,
) -> Result<Option<PupilView>, PupilError> {
    let Some(opened) = open_key(conn, ctx, code)? else {
        return Ok(None);
    };
    let id = opened.report_id.clone();
    let already = reports::pupil_facts(conn.db(), &id)?.talk_requested_at.is_some();
    if !already {
        let now = ctx.now();
        conn.write(|tx| {
            reports::ask_to_talk(tx, &id, now)?;
            told(tx, &id, EventKind::TalkAsked, now)
        })?;
    }
    reread(conn, opened)
}

fn reread(conn: &mut Conn<'_>, opened: Opened) -> Result<Option<PupilView>, PupilError> {
    read(conn, opened).map(Some)
}

/// The event and its audit row, and a content-free notice to everyone who reads the report.
fn told(tx: &mut Tx<'_>, id: &ReportId, kind: EventKind, now: Timestamp) -> Result<(), DbError> {
    let school = reports::find(tx.db(), id)?.school_id;
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
    events::record(tx, &Actor::pupil(), &Event::new(id, kind, ActorRole::Pupil), "", now)
}
