//! What a pupil may add to their report at any time from its page: their name and how to
//! reach them (sealed into the details, as if given on the first form), or a request to
//! talk to someone at school (a flag on the case). Either tells the recipients, never what.

use zeroize::Zeroizing;

use super::error::PupilError;
use super::followup::{open_key, read, reopen_if_closed, tell_readers, PupilView};
use crate::app::binding;
use crate::app::changes::settle;
use crate::app::context::Context;
use crate::crypto::context;
use crate::crypto::receipt::ReceiptCode;
use crate::crypto::secret::SecretKey;
use crate::db::{Conn, DbError, Tx};
use crate::domain::choices::EventKind;
use crate::domain::ids::ReportId;
use crate::domain::report::Details;
use crate::store::later;
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
    let now = ctx.now();
    let id = opened.report_id.clone();
    let key = &opened.key;
    conn.write(|tx| {
        // Opened and sealed again inside the write (its row held), so two names sent at
        // once lose neither.
        crate::store::locks::report(tx, &id)?;
        let resealed = reseal(tx, key, &id, name, contact)?;
        let before = reports::find(tx.db(), &id)?;
        later::name_later(tx, &id, &resealed, now)?;
        binding::after_naming(tx, ctx, &before)?;
        settle(tx, &before)?;
        told(tx, &id, EventKind::PupilNamed, now)?;
        Ok::<_, PupilError>(())
    })?;
    read(conn, opened).map(Some)
}

/// The stored details with the name and way to reach them given now, sealed again.
fn reseal(
    tx: &mut Tx<'_>,
    key: &SecretKey,
    id: &ReportId,
    name: &str,
    contact: &str,
) -> Result<Vec<u8>, PupilError> {
    let field = context::field(id, "details");
    let sealed = reports::sealed_details(tx.db(), id)?;
    let plain = key
        .open(&field, &sealed)
        .map_err(|_| PupilError::Broken("details"))?;
    let mut details: Details =
        serde_json::from_slice(&plain).map_err(|_| PupilError::Broken("details"))?;
    details.give_name_later(name, contact);
    let json =
        Zeroizing::new(serde_json::to_vec(&details).map_err(|_| PupilError::Broken("details"))?);
    Ok(key.seal(&field, &json))
}

/// Flags the case: the pupil would like to talk to someone at school, and opens it again if
/// it was closed. Asking again on an open case changes nothing and tells nobody again. `None` if no report has this code.
pub fn ask_to_talk(
    conn: &mut Conn<'_>,
    ctx: &Context,
    code: &ReceiptCode,
) -> Result<Option<PupilView>, PupilError> {
    let Some(opened) = open_key(conn, ctx, code)? else {
        return Ok(None);
    };
    let now = ctx.now();
    let id = opened.report_id.clone();
    conn.write(|tx| {
        crate::store::locks::report(tx, &id)?;
        let before = reports::find(tx.db(), &id)?;
        let asked = later::ask_to_talk(tx, &id, now)?;
        // A closed report opens again, as when the pupil writes: a request to talk on a
        // finished case must reach someone, even if it was asked once before.
        let reopened = reopen_if_closed(tx, ctx, &before, now)?;
        if asked || reopened {
            settle(tx, &before)?;
            told(tx, &id, EventKind::TalkAsked, now)?;
        }
        Ok::<_, DbError>(())
    })?;
    read(conn, opened).map(Some)
}

/// The event and its audit row, and a content-free notice to everyone who reads the report.
fn told(tx: &mut Tx<'_>, id: &ReportId, kind: EventKind, now: Timestamp) -> Result<(), DbError> {
    let school = reports::find(tx.db(), id)?.school_id;
    tell_readers(tx, id, school, kind, "", now)
}
