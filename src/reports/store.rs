//! Sealing a report and storing it, its wrapped keys and everything else in one write transaction.

use diesel::prelude::*;
use zeroize::Zeroizing;

use super::choices::Status;
use super::form::ValidReport;
use super::routing;
use crate::accounts::roles;
use crate::audit::{self, Actor};
use crate::crypto::receipt::ReceiptCode;
use crate::crypto::sealed_box::{PublicKey, ReportKeys};
use crate::crypto::secret::SecretKey;
use crate::db::schema::{messages, report_keys, reports};
use crate::db::{self, DbConnection};
use crate::error::AppError;
use crate::mail::outbox::{self, NewMail};
use crate::mail::Kind;
use crate::schools::School;

/// Associated data for a report's sealed fields: the row and the field.
pub fn field_context(report_id: &str, field: &str) -> Vec<u8> {
    format!("confide/report/v1/{report_id}/{field}").into_bytes()
}

/// Associated data for one message: replies and pupil messages use the report key,
/// internal notes the case key, and the two can never be swapped.
pub fn message_context(report_id: &str, message_id: &str, visible_to_pupil: bool) -> Vec<u8> {
    let kind = if visible_to_pupil { "message" } else { "note" };
    field_context(report_id, &format!("{kind}/{message_id}"))
}

#[derive(Insertable)]
#[diesel(table_name = reports)]
struct NewReportRow<'a> {
    id: &'a str,
    school_id: i64,
    category: &'a str,
    location: &'a str,
    happening_now: bool,
    about: &'a str,
    status: &'a str,
    unrouted: bool,
    created_at: i64,
    updated_at: i64,
    receipt_lookup: &'a [u8],
    pupil_key: &'a [u8],
    recovery_keys: &'a [u8],
    details: &'a [u8],
}

/// What the pupil is told after sending: the code, once.
#[derive(Debug)]
pub struct Submitted {
    pub report_id: String,
    pub receipt: ReceiptCode,
    pub recipients: usize,
}

/// Seals and stores a report. All sealing happens before the transaction, so the
/// write lock is held only for the inserts.
pub fn submit(
    conn: &mut DbConnection,
    server_key: &SecretKey,
    school: &School,
    report: &ValidReport,
) -> Result<Submitted, AppError> {
    let holders = roles::holders(conn, school.id)?;
    let recipients = routing::recipients(report.about, &holders);
    let report_id = super::new_id();
    let keys = ReportKeys::generate();
    let receipt = ReceiptCode::generate();

    let details_json = Zeroizing::new(
        serde_json::to_vec(&report.details).map_err(|e| AppError::Internal(e.into()))?,
    );
    let details = keys
        .report
        .seal(&field_context(&report_id, "details"), &details_json);
    let pupil_key = receipt.wrapping_key().seal(
        &field_context(&report_id, "pupil-key"),
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
                user = holder.user_id,
                "a recipient has an unusable public key: the report was not sealed for them"
            ),
        }
    }
    let lookup = receipt.lookup_hash(server_key);
    let now = db::now();
    let unrouted = wrapped.is_empty();

    // Everything the write needs is worked out first, so the write itself is short and
    // can share a commit with other pupils' reports.
    let kind = if report.happening_now {
        Kind::Urgent
    } else {
        Kind::NewReport
    };
    let mut mails: Vec<NewMail> = holders
        .iter()
        .filter(|h| wrapped.iter().any(|(id, _)| *id == h.user_id))
        .filter(|h| kind == Kind::Urgent || !h.notify_digest)
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
            outbox::administrators(conn)?
                .into_iter()
                .map(|(id, email)| NewMail {
                    kind: Kind::Unrouted,
                    email,
                    user_id: Some(id),
                    school_id: Some(school.id),
                }),
        );
    }
    let row = (
        report_id.clone(),
        school.id,
        report.category.as_str(),
        report.location.as_str(),
        report.happening_now,
        report.about.as_str(),
    );
    let keys_to_store = wrapped
        .iter()
        .map(|(id, w)| (*id, w.clone()))
        .collect::<Vec<_>>();
    db::write_grouped(
        conn,
        Box::new(move |conn| {
            let (report_id, school_id, category, location, happening_now, about) = row;
            diesel::insert_into(reports::table)
                .values(NewReportRow {
                    id: &report_id,
                    school_id,
                    category,
                    location,
                    happening_now,
                    about,
                    status: Status::New.as_str(),
                    unrouted,
                    created_at: now,
                    updated_at: now,
                    receipt_lookup: &lookup,
                    pupil_key: &pupil_key,
                    recovery_keys: &recovery_keys,
                    details: &details,
                })
                .execute(conn)?;
            for (user_id, wrapped) in &keys_to_store {
                insert_key(
                    conn,
                    &report_id,
                    *user_id,
                    wrapped,
                    &QueueKeys::new_report(happening_now, now),
                )?;
            }
            // The notices go in the same transaction: a saved report is never left unannounced.
            outbox::enqueue(conn, &mails, now)?;
            let detail = if happening_now {
                "marked as happening now"
            } else {
                ""
            };
            audit::append(
                conn,
                &Actor::pupil(),
                Some(&report_id),
                "Report received",
                detail,
            )
        }),
    )?;

    if unrouted {
        tracing::error!(
            school = %school.slug,
            "NO RECIPIENT: a report for this school was stored for the recovery key only. \
             Give someone a role with `confide role grant`, then share old reports with `confide recovery share`."
        );
    }
    Ok(Submitted {
        report_id,
        receipt,
        recipients: wrapped.len(),
    })
}

/// A report's place in each recipient's queue, copied beside their wrapped key.
#[derive(Debug, Clone, Copy)]
pub struct QueueKeys {
    pub is_open: bool,
    pub urgent_rank: i32,
    pub risk_rank: i32,
    pub created_at: i64,
}

impl QueueKeys {
    pub fn new_report(happening_now: bool, created_at: i64) -> Self {
        QueueKeys {
            is_open: true,
            urgent_rank: if happening_now { 0 } else { 1 },
            risk_rank: crate::reports::choices::Risk::rank(None),
            created_at,
        }
    }
}

/// Stores one recipient's wrapped copy of a report's keys (or leaves an existing one).
pub fn insert_key(
    conn: &mut DbConnection,
    report_id: &str,
    user_id: i64,
    wrapped: &[u8],
    queue: &QueueKeys,
) -> Result<(), AppError> {
    db::insert_ignoring_duplicate(conn, |conn| {
        diesel::insert_into(report_keys::table)
            .values((
                report_keys::report_id.eq(report_id),
                report_keys::user_id.eq(user_id),
                report_keys::wrapped.eq(wrapped),
                report_keys::created_at.eq(db::now()),
                report_keys::is_open.eq(queue.is_open),
                report_keys::urgent_rank.eq(queue.urgent_rank),
                report_keys::risk_rank.eq(queue.risk_rank),
                report_keys::report_created_at.eq(queue.created_at),
            ))
            .execute(conn)
    })
}

/// Adds a sealed message to a report's conversation (visible to the pupil) or its notes (staff only).
pub fn add_message(
    conn: &mut DbConnection,
    report_id: &str,
    key: &SecretKey,
    actor: &Actor,
    visible_to_pupil: bool,
    text: &str,
) -> Result<String, AppError> {
    let author = if actor.user_id.is_some() {
        "staff"
    } else {
        "pupil"
    };
    let action = match (author, visible_to_pupil) {
        ("pupil", _) => "Pupil added a message",
        (_, true) => "Replied to the pupil",
        _ => "Added an internal note",
    };
    let message_id = super::new_id();
    let body = key.seal(
        &message_context(report_id, &message_id, visible_to_pupil),
        text.as_bytes(),
    );
    let now = db::now();
    db::write_transaction(conn, |conn| {
        diesel::insert_into(messages::table)
            .values((
                messages::id.eq(&message_id),
                messages::report_id.eq(report_id),
                messages::author.eq(author),
                messages::author_user_id.eq(actor.user_id),
                messages::visible_to_pupil.eq(visible_to_pupil),
                messages::body.eq(&body),
                messages::created_at.eq(now),
            ))
            .execute(conn)?;
        diesel::update(reports::table.find(report_id))
            .set(reports::updated_at.eq(now))
            .execute(conn)?;
        if actor.user_id.is_none() {
            // The people working the case hear that the pupil wrote again (never what).
            let school_id: i64 = reports::table
                .find(report_id)
                .select(reports::school_id)
                .first(conn)?;
            let mails: Vec<NewMail> = report_keys::table
                .inner_join(crate::db::schema::users::table)
                .filter(report_keys::report_id.eq(report_id))
                .filter(crate::db::schema::users::disabled.eq(false))
                .filter(crate::db::schema::users::notify_digest.eq(false))
                .select((
                    crate::db::schema::users::id,
                    crate::db::schema::users::email,
                ))
                .load::<(i64, String)>(conn)?
                .into_iter()
                .map(|(id, email)| NewMail {
                    kind: Kind::PupilMessage,
                    email,
                    user_id: Some(id),
                    school_id: Some(school_id),
                })
                .collect();
            outbox::enqueue(conn, &mails, now)?;
        }
        audit::append(conn, actor, Some(report_id), action, "")
    })?;
    Ok(message_id)
}
