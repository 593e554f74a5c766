//! The pupil's side after sending: open a report with the receipt code, read replies, add more.

use diesel::prelude::*;

use super::choices::{Category, Location, Status};
use super::form::Details;
use super::store::{self, field_context, message_context};
use crate::audit::Actor;
use crate::crypto::receipt::ReceiptCode;
use crate::crypto::secret::SecretKey;
use crate::db::schema::{messages, reports, schools};
use crate::db::DbConnection;
use crate::error::AppError;

pub const MESSAGE_MAX: usize = 5000;

/// One message in the conversation, as the pupil sees it.
#[derive(Clone)]
pub struct PupilMessage {
    pub from_pupil: bool,
    pub text: String,
    pub created_at: i64,
}

/// Everything the pupil may see of their report: never risk, notes, owner or referral detail.
pub struct PupilView {
    pub report_id: String,
    pub school_name: String,
    pub reading_hours: String,
    pub category: Category,
    pub location: Location,
    pub status: Status,
    pub created_at: i64,
    pub details: Details,
    pub messages: Vec<PupilMessage>,
}

impl std::fmt::Debug for PupilMessage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PupilMessage(<redacted>)")
    }
}

impl std::fmt::Debug for PupilView {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PupilView")
            .field("status", &self.status)
            .finish_non_exhaustive()
    }
}

/// An opened report: its id and the report key, unwrapped with the receipt code.
struct Opened {
    report_id: String,
    key: SecretKey,
}

fn open_key(
    conn: &mut DbConnection,
    server_key: &SecretKey,
    code: &ReceiptCode,
) -> Result<Option<Opened>, AppError> {
    let row: Option<(String, Vec<u8>)> = reports::table
        .filter(reports::receipt_lookup.eq(code.lookup_hash(server_key)))
        .select((reports::id, reports::pupil_key))
        .first(conn)
        .optional()?;
    let Some((report_id, wrapped)) = row else {
        return Ok(None);
    };
    let key_bytes = code
        .wrapping_key()
        .open(&field_context(&report_id, "pupil-key"), &wrapped)
        .map_err(|_| AppError::Internal(anyhow::anyhow!("a pupil key failed to open")))?;
    let key = SecretKey::from_slice(&key_bytes)
        .map_err(|_| AppError::Internal(anyhow::anyhow!("a pupil key had the wrong length")))?;
    Ok(Some(Opened { report_id, key }))
}

/// The pupil's view of their report, or `None` if no report has this code.
pub fn view(
    conn: &mut DbConnection,
    server_key: &SecretKey,
    code: &ReceiptCode,
) -> Result<Option<PupilView>, AppError> {
    let Some(opened) = open_key(conn, server_key, code)? else {
        return Ok(None);
    };
    let (category, location, status, created_at, details, school_name, reading_hours): (
        String,
        String,
        String,
        i64,
        Vec<u8>,
        String,
        String,
    ) = reports::table
        .inner_join(schools::table)
        .filter(reports::id.eq(&opened.report_id))
        .select((
            reports::category,
            reports::location,
            reports::status,
            reports::created_at,
            reports::details,
            schools::name,
            schools::reading_hours,
        ))
        .first(conn)?;
    let broken = || AppError::Internal(anyhow::anyhow!("a sealed report failed to open"));
    let details_json = opened
        .key
        .open(&field_context(&opened.report_id, "details"), &details)
        .map_err(|_| broken())?;
    let details: Details = serde_json::from_slice(&details_json).map_err(|_| broken())?;
    let rows: Vec<(String, String, Vec<u8>, i64)> = messages::table
        .filter(messages::report_id.eq(&opened.report_id))
        .filter(messages::visible_to_pupil.eq(true))
        .order((messages::created_at.asc(), messages::id.asc()))
        .select((
            messages::id,
            messages::author,
            messages::body,
            messages::created_at,
        ))
        .load(conn)?;
    let mut conversation = Vec::with_capacity(rows.len());
    for (id, author, body, created_at) in rows {
        let text = opened
            .key
            .open_text(&message_context(&opened.report_id, &id, true), &body)
            .map_err(|_| broken())?;
        conversation.push(PupilMessage {
            from_pupil: author == "pupil",
            text,
            created_at,
        });
    }
    Ok(Some(PupilView {
        category: Category::parse(&category).unwrap_or(Category::Other),
        location: Location::parse(&location).unwrap_or(Location::Elsewhere),
        status: Status::parse(&status).unwrap_or(Status::New),
        report_id: opened.report_id,
        school_name,
        reading_hours,
        created_at,
        details,
        messages: conversation,
    }))
}

/// Adds the pupil's message to their report. `Ok(false)` if no report has this code.
pub fn add_pupil_message(
    conn: &mut DbConnection,
    server_key: &SecretKey,
    code: &ReceiptCode,
    text: &str,
) -> Result<bool, AppError> {
    let Some(opened) = open_key(conn, server_key, code)? else {
        return Ok(false);
    };
    store::add_message(
        conn,
        &opened.report_id,
        &opened.key,
        &Actor::pupil(),
        true,
        text,
    )?;
    Ok(true)
}
