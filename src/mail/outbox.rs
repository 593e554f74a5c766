//! The outbox table: rows written beside their cause, claimed by one worker at a time,
//! marked sent or kept with their last error and the time of the next try.

use diesel::prelude::*;

use super::Kind;
use crate::db::schema::{outbox, schools, users};
use crate::db::DbConnection;
use crate::error::AppError;

/// A claim lasts this long: longer than one SMTP attempt may take (20 s), so a live
/// worker never loses its claim, and short enough that a crashed one's row is retried soon.
pub const CLAIM_SECONDS: i64 = 30;

/// A message to queue.
#[derive(Debug, Clone)]
pub struct NewMail {
    pub kind: Kind,
    pub email: String,
    pub user_id: Option<i64>,
    pub school_id: Option<i64>,
}

pub fn enqueue(conn: &mut DbConnection, mails: &[NewMail], now: i64) -> Result<(), AppError> {
    for mail in mails {
        diesel::insert_into(outbox::table)
            .values((
                outbox::kind.eq(mail.kind.as_str()),
                outbox::recipient_email.eq(&mail.email),
                outbox::recipient_user_id.eq(mail.user_id),
                outbox::school_id.eq(mail.school_id),
                outbox::urgent.eq(mail.kind.urgent()),
                outbox::created_at.eq(now),
                outbox::next_attempt_at.eq(now),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// Every active administrator, to be told about a misconfigured school.
pub fn administrators(conn: &mut DbConnection) -> Result<Vec<(i64, String)>, AppError> {
    Ok(users::table
        .filter(users::is_admin.eq(true))
        .filter(users::disabled.eq(false))
        .select((users::id, users::email))
        .load(conn)?)
}

/// A row claimed for sending, with what is needed to compose it.
#[derive(Debug, Clone)]
pub struct Claimed {
    pub id: i64,
    pub kind: Kind,
    pub email: String,
    pub school_name: String,
    pub attempts: i32,
}

/// Claims up to `limit` due rows, urgent first. Safe with several workers or servers:
/// a row is only taken by the update that finds it unclaimed.
pub fn claim_due(conn: &mut DbConnection, now: i64, limit: i64) -> Result<Vec<Claimed>, AppError> {
    let candidates: Vec<(i64, String, String, Option<String>, i32)> = outbox::table
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
        ))
        .load(conn)?;
    let mut claimed = Vec::with_capacity(candidates.len());
    for (id, kind, email, school_name, attempts) in candidates {
        let taken = diesel::update(
            outbox::table
                .filter(outbox::id.eq(id))
                .filter(outbox::sent_at.is_null())
                .filter(outbox::claimed_until.le(now)),
        )
        .set(outbox::claimed_until.eq(now + CLAIM_SECONDS))
        .execute(conn)?;
        if taken == 1 {
            claimed.push(Claimed {
                id,
                kind: Kind::parse(&kind).unwrap_or(Kind::NewReport),
                email,
                school_name: school_name.unwrap_or_else(|| "your schools".into()),
                attempts,
            });
        }
    }
    Ok(claimed)
}

pub fn mark_sent(conn: &mut DbConnection, id: i64, now: i64) -> Result<(), AppError> {
    diesel::update(outbox::table.find(id))
        .set((
            outbox::sent_at.eq(now),
            outbox::last_error.eq(None::<String>),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn mark_failed(
    conn: &mut DbConnection,
    id: i64,
    attempts: i32,
    error: &str,
    retry_at: i64,
) -> Result<(), AppError> {
    let error: String = error.chars().take(500).collect();
    diesel::update(outbox::table.find(id))
        .set((
            outbox::attempts.eq(attempts),
            outbox::last_error.eq(Some(error)),
            outbox::next_attempt_at.eq(retry_at),
            outbox::claimed_until.eq(0),
        ))
        .execute(conn)?;
    Ok(())
}

/// One unsent message as administrators see it.
#[derive(Debug, Clone)]
pub struct Pending {
    pub kind: String,
    pub email: String,
    pub created_at: i64,
    pub attempts: i32,
    pub next_attempt_at: i64,
    pub last_error: Option<String>,
}

/// What administrators see of the outbox.
#[derive(Debug, Clone)]
pub struct OutboxState {
    pub pending: Vec<Pending>,
    pub sent_last_day: i64,
}

pub fn state(conn: &mut DbConnection, now: i64) -> Result<OutboxState, AppError> {
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
        .load::<(String, String, i64, i32, i64, Option<String>)>(conn)?
        .into_iter()
        .map(
            |(kind, email, created_at, attempts, next_attempt_at, last_error)| Pending {
                kind,
                email,
                created_at,
                attempts,
                next_attempt_at,
                last_error,
            },
        )
        .collect();
    let sent_last_day = outbox::table
        .filter(outbox::sent_at.ge(now - 86_400))
        .count()
        .get_result(conn)?;
    Ok(OutboxState {
        pending,
        sent_last_day,
    })
}
