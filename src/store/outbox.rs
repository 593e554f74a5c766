//! The outbox table: rows written beside their cause, claimed by one worker at a time,
//! marked sent or kept with their last error and the time of the next try.

use diesel::prelude::*;

use crate::db::schema::{outbox, schools};
use crate::db::{DbConnection, DbError, Tx};
use crate::domain::choices::MailKind;
use crate::domain::ids::{SchoolId, UserId};
use crate::time::Timestamp;

/// A claim lasts this long: longer than one SMTP attempt may take (20 s), so a live
/// worker never loses its claim, and short enough that a crashed one's row is retried soon.
pub const CLAIM_SECONDS: i64 = 30;

/// A message to queue. Only the kind and school are kept: the words are composed when it is sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewMail {
    pub kind: MailKind,
    pub email: String,
    pub user_id: Option<UserId>,
    pub school_id: Option<SchoolId>,
}

pub fn enqueue(tx: &mut Tx<'_>, mails: &[NewMail], now: Timestamp) -> Result<(), DbError> {
    for mail in mails {
        diesel::insert_into(outbox::table)
            .values((
                outbox::kind.eq(mail.kind),
                outbox::recipient_email.eq(&mail.email),
                outbox::recipient_user_id.eq(mail.user_id),
                outbox::school_id.eq(mail.school_id),
                outbox::urgent.eq(mail.kind.urgent()),
                outbox::created_at.eq(now),
                outbox::next_attempt_at.eq(now),
            ))
            .execute(tx.db())?;
    }
    Ok(())
}

/// A text message to queue for an on-call contact: sent through Notify to `phone`, with
/// the person's email kept beside it so administrators can see whose it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewText {
    pub kind: MailKind,
    pub phone: String,
    pub email: String,
    pub user_id: UserId,
    pub school_id: SchoolId,
}

pub fn enqueue_text(tx: &mut Tx<'_>, text: &NewText, now: Timestamp) -> Result<(), DbError> {
    diesel::insert_into(outbox::table)
        .values((
            outbox::kind.eq(text.kind),
            outbox::recipient_email.eq(&text.email),
            outbox::recipient_phone.eq(Some(&text.phone)),
            outbox::recipient_user_id.eq(Some(text.user_id)),
            outbox::school_id.eq(Some(text.school_id)),
            outbox::urgent.eq(text.kind.urgent()),
            outbox::created_at.eq(now),
            outbox::next_attempt_at.eq(now),
        ))
        .execute(tx.db())?;
    Ok(())
}

/// A row claimed for sending, with what is needed to compose it.
#[derive(Debug, Clone)]
pub struct Claimed {
    pub id: i64,
    pub kind: MailKind,
    pub email: String,
    pub school_name: String,
    pub attempts: i32,
    /// Set for a text message: where it goes instead of the email address.
    pub phone: Option<String>,
}

/// Claims up to `limit` due rows, urgent first. Safe with several workers or servers:
/// a row is only taken by the update that finds it unclaimed.
pub fn claim_due(tx: &mut Tx<'_>, now: Timestamp, limit: i64) -> Result<Vec<Claimed>, DbError> {
    type Candidate = (i64, MailKind, String, Option<String>, i32, Option<String>);
    let candidates: Vec<Candidate> = outbox::table
        .left_join(schools::table)
        .filter(outbox::sent_at.is_null())
        .filter(outbox::next_attempt_at.le(now))
        .filter(outbox::claimed_until.le(now))
        .order((
            outbox::urgent.desc(),
            outbox::next_attempt_at.asc(),
            outbox::id.asc(),
        ))
        .limit(limit)
        .select((
            outbox::id,
            outbox::kind,
            outbox::recipient_email,
            schools::name.nullable(),
            outbox::attempts,
            outbox::recipient_phone,
        ))
        .load(tx.db())?;
    let mut claimed = Vec::with_capacity(candidates.len());
    for (id, kind, email, school_name, attempts, phone) in candidates {
        let taken = diesel::update(
            outbox::table
                .filter(outbox::id.eq(id))
                .filter(outbox::sent_at.is_null())
                .filter(outbox::claimed_until.le(now)),
        )
        .set(outbox::claimed_until.eq(now.plus(CLAIM_SECONDS)))
        .execute(tx.db())?;
        if taken == 1 {
            claimed.push(Claimed {
                id,
                kind,
                email,
                school_name: school_name.unwrap_or_else(|| "your schools".into()),
                attempts,
                phone,
            });
        }
    }
    Ok(claimed)
}

/// Marks every waiting message created before `before` as sent (the demo's made-up past:
/// its notices were dealt with at the time, not written out at start).
pub fn settle_before(tx: &mut Tx<'_>, before: Timestamp) -> Result<usize, DbError> {
    Ok(diesel::update(
        outbox::table
            .filter(outbox::sent_at.is_null())
            .filter(outbox::created_at.lt(before)),
    )
    .set(outbox::sent_at.eq(Some(before)))
    .execute(tx.db())?)
}

pub fn mark_sent(tx: &mut Tx<'_>, id: i64, now: Timestamp) -> Result<(), DbError> {
    diesel::update(outbox::table.find(id))
        .set((
            outbox::sent_at.eq(now),
            outbox::last_error.eq(None::<String>),
        ))
        .execute(tx.db())?;
    Ok(())
}

pub fn mark_failed(
    tx: &mut Tx<'_>,
    id: i64,
    attempts: i32,
    error: &str,
    retry_at: Timestamp,
) -> Result<(), DbError> {
    let error: String = error.chars().take(500).collect();
    diesel::update(outbox::table.find(id))
        .set((
            outbox::attempts.eq(attempts),
            outbox::last_error.eq(Some(error)),
            outbox::next_attempt_at.eq(retry_at),
            outbox::claimed_until.eq(Timestamp::EPOCH),
        ))
        .execute(tx.db())?;
    Ok(())
}

/// One unsent message as administrators see it.
#[derive(Debug, Clone, Queryable)]
pub struct Pending {
    pub kind: MailKind,
    pub email: String,
    pub created_at: Timestamp,
    pub attempts: i32,
    pub next_attempt_at: Timestamp,
    pub last_error: Option<String>,
}

/// What administrators see of the outbox.
#[derive(Debug, Clone)]
pub struct OutboxState {
    pub pending: Vec<Pending>,
    pub sent_last_day: i64,
}

pub fn state(db: &mut DbConnection, now: Timestamp) -> Result<OutboxState, DbError> {
    let pending = outbox::table
        .filter(outbox::sent_at.is_null())
        .order(outbox::id.asc())
        .limit(200)
        .select((
            outbox::kind,
            outbox::recipient_email,
            outbox::created_at,
            outbox::attempts,
            outbox::next_attempt_at,
            outbox::last_error,
        ))
        .load(db)?;
    let sent_last_day = outbox::table
        .filter(outbox::sent_at.ge(now.plus(-86_400)))
        .count()
        .get_result(db)?;
    Ok(OutboxState {
        pending,
        sent_last_day,
    })
}
