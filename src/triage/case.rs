//! One case as a recipient sees it: the decrypted report, its conversation and notes,
//! its chronology, and the changes staff make (acknowledge, risk, status, owner, notes, replies).

use diesel::prelude::*;

use crate::audit::{self, Actor, AuditEntry};
use crate::crypto::sealed_box::{PrivateKey, ReportKeys};
use crate::db::schema::{messages, report_keys, reports, users};
use crate::db::{self, DbConnection};
use crate::error::AppError;
use crate::reports::choices::{About, Category, Location, Outcome, Risk, Status};
use crate::reports::form::Details;
use crate::reports::store::{self, field_context, message_context, QueueKeys};
use crate::schools::{self, School};

/// The facts of a report kept in the clear for triage.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = reports)]
pub struct CaseRow {
    pub id: String,
    pub school_id: i64,
    pub category: String,
    pub location: String,
    pub happening_now: bool,
    pub about: String,
    pub status: String,
    pub risk: Option<String>,
    pub owner_id: Option<i64>,
    pub outcome: Option<String>,
    pub unrouted: bool,
    pub created_at: i64,
    pub acknowledged_at: Option<i64>,
    pub closed_at: Option<i64>,
    pub updated_at: i64,
}

impl CaseRow {
    pub fn category(&self) -> Category {
        Category::parse(&self.category).unwrap_or(Category::Other)
    }
    pub fn location(&self) -> Location {
        Location::parse(&self.location).unwrap_or(Location::Elsewhere)
    }
    pub fn about(&self) -> About {
        About::parse(&self.about).unwrap_or(About::NoStaff)
    }
    pub fn status(&self) -> Status {
        Status::parse(&self.status).unwrap_or(Status::New)
    }
    pub fn risk(&self) -> Option<Risk> {
        self.risk.as_deref().and_then(Risk::parse)
    }
    pub fn outcome(&self) -> Option<Outcome> {
        self.outcome.as_deref().and_then(Outcome::parse)
    }
}

/// Where a report sorts in every recipient's queue.
pub fn queue_keys(
    status: &str,
    risk: Option<&str>,
    urgent_unacknowledged: bool,
    created_at: i64,
) -> QueueKeys {
    let status = Status::parse(status).unwrap_or(Status::New);
    QueueKeys {
        is_open: status.is_open(),
        urgent_rank: if urgent_unacknowledged { 0 } else { 1 },
        risk_rank: Risk::rank(risk.and_then(Risk::parse)),
        created_at,
    }
}

fn sync_queue_keys(conn: &mut DbConnection, row: &CaseRow) -> Result<(), AppError> {
    let keys = queue_keys(
        &row.status,
        row.risk.as_deref(),
        row.happening_now && row.acknowledged_at.is_none(),
        row.created_at,
    );
    diesel::update(report_keys::table.filter(report_keys::report_id.eq(&row.id)))
        .set((
            report_keys::is_open.eq(keys.is_open),
            report_keys::urgent_rank.eq(keys.urgent_rank),
            report_keys::risk_rank.eq(keys.risk_rank),
        ))
        .execute(conn)?;
    Ok(())
}

/// One entry in the conversation or the notes.
#[derive(Debug, Clone)]
pub struct CaseMessage {
    pub from_pupil: bool,
    pub author_name: Option<String>,
    pub visible_to_pupil: bool,
    pub text: String,
    pub created_at: i64,
}

/// id, author kind, author id, visible to pupil, sealed body, created, author's name.
type MessageRow = (
    String,
    String,
    Option<i64>,
    bool,
    Vec<u8>,
    i64,
    Option<String>,
);

/// Everything a recipient sees on the case page.
pub struct Case {
    pub row: CaseRow,
    pub school: School,
    pub details: Details,
    pub messages: Vec<CaseMessage>,
    pub chronology: Vec<AuditEntry>,
    /// People holding keys to this report, who can own it.
    pub recipients: Vec<(i64, String)>,
}

/// The row, if (and only if) this person holds keys to it. Anyone else gets "not found".
pub fn find_for(
    conn: &mut DbConnection,
    user_id: i64,
    report_id: &str,
) -> Result<(CaseRow, Vec<u8>), AppError> {
    let wrapped: Vec<u8> = report_keys::table
        .filter(report_keys::report_id.eq(report_id))
        .filter(report_keys::user_id.eq(user_id))
        .select(report_keys::wrapped)
        .first(conn)
        .optional()?
        .ok_or(AppError::NotFound)?;
    let row = reports::table
        .find(report_id)
        .select(CaseRow::as_select())
        .first(conn)?;
    Ok((row, wrapped))
}

fn unwrap(key: &PrivateKey, report_id: &str, wrapped: &[u8]) -> Result<ReportKeys, AppError> {
    ReportKeys::unwrap_with(key, report_id, wrapped)
        .map_err(|_| AppError::Internal(anyhow::anyhow!("a recipient's report key did not open")))
}

/// Opens the case and records the view in the audit log.
pub fn open(
    conn: &mut DbConnection,
    actor: &Actor,
    key: &PrivateKey,
    report_id: &str,
) -> Result<Case, AppError> {
    let user_id = actor.user_id.ok_or(AppError::Forbidden)?;
    let (row, wrapped) = find_for(conn, user_id, report_id)?;
    let keys = unwrap(key, report_id, &wrapped)?;
    let sealed: Vec<u8> = reports::table
        .find(report_id)
        .select(reports::details)
        .first(conn)?;
    let broken = || AppError::Internal(anyhow::anyhow!("a sealed case failed to open"));
    let json = keys
        .report
        .open(&field_context(report_id, "details"), &sealed)
        .map_err(|_| broken())?;
    let details: Details = serde_json::from_slice(&json).map_err(|_| broken())?;
    let rows: Vec<MessageRow> = messages::table
        .left_join(users::table.on(users::id.nullable().eq(messages::author_user_id)))
        .filter(messages::report_id.eq(report_id))
        .order((messages::created_at.asc(), messages::id.asc()))
        .select((
            messages::id,
            messages::author,
            messages::author_user_id,
            messages::visible_to_pupil,
            messages::body,
            messages::created_at,
            users::name.nullable(),
        ))
        .load(conn)?;
    let mut conversation = Vec::with_capacity(rows.len());
    for (id, author, _, visible, body, created_at, name) in rows {
        let key = if visible { &keys.report } else { &keys.case };
        let text = key
            .open_text(&message_context(report_id, &id, visible), &body)
            .map_err(|_| broken())?;
        conversation.push(CaseMessage {
            from_pupil: author == "pupil",
            author_name: name,
            visible_to_pupil: visible,
            text,
            created_at,
        });
    }
    audit::record(conn, actor, Some(report_id), "Viewed the report", "")?;
    let recipients = report_keys::table
        .inner_join(users::table)
        .filter(report_keys::report_id.eq(report_id))
        .order(users::name.asc())
        .select((users::id, users::name))
        .load(conn)?;
    Ok(Case {
        school: schools::find(conn, row.school_id)?,
        chronology: audit::for_report(conn, report_id)?,
        row,
        details,
        messages: conversation,
        recipients,
    })
}

/// A change a recipient makes to a case.
#[derive(Debug, Clone)]
pub enum Change {
    Acknowledge,
    SetRisk(Option<Risk>),
    SetStatus(Status, Option<Outcome>),
    Assign(Option<i64>),
    Note(String),
    Reply(String),
}

/// Why a change was refused, in words for the person who asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Refused(pub &'static str);

/// Applies a change in one write transaction with its audit row.
pub fn apply(
    conn: &mut DbConnection,
    actor: &Actor,
    key: &PrivateKey,
    report_id: &str,
    change: Change,
) -> Result<Result<(), Refused>, AppError> {
    let user_id = actor.user_id.ok_or(AppError::Forbidden)?;
    let (_, wrapped) = find_for(conn, user_id, report_id)?;
    match change {
        Change::Note(text) | Change::Reply(text) if text.trim().is_empty() => {
            return Ok(Err(Refused("Write something before you save it")));
        }
        Change::Note(text) => {
            let keys = unwrap(key, report_id, &wrapped)?;
            store::add_message(conn, report_id, &keys.case, actor, false, text.trim())?;
            return Ok(Ok(()));
        }
        Change::Reply(text) => {
            let keys = unwrap(key, report_id, &wrapped)?;
            store::add_message(conn, report_id, &keys.report, actor, true, text.trim())?;
            return Ok(Ok(()));
        }
        _ => {}
    }
    let now = db::now();
    // Read, decide and write inside one write transaction, touching only the columns the
    // change is about: two people acting at once never undo each other's work.
    db::write_transaction(conn, |conn| {
        let row = reports::table
            .find(report_id)
            .select(CaseRow::as_select())
            .first(conn)?;
        let target = reports::table.find(report_id);
        let (action, detail): (&str, String) = match change {
            Change::Acknowledge => {
                if row.acknowledged_at.is_some() {
                    return Ok(Err(Refused("This report has already been acknowledged")));
                }
                let status = if row.status() == Status::New {
                    Status::Open
                } else {
                    row.status()
                };
                diesel::update(target)
                    .set((
                        reports::acknowledged_at.eq(now),
                        reports::status.eq(status.as_str()),
                        reports::updated_at.eq(now),
                    ))
                    .execute(conn)?;
                ("Acknowledged", String::new())
            }
            Change::SetRisk(risk) => {
                diesel::update(target)
                    .set((
                        reports::risk.eq(risk.map(Risk::as_str)),
                        reports::updated_at.eq(now),
                    ))
                    .execute(conn)?;
                ("Risk set", risk.map_or("Not rated", Risk::label).to_owned())
            }
            Change::SetStatus(status, outcome) => {
                if status == Status::New {
                    return Ok(Err(Refused("A report cannot go back to new")));
                }
                if status == Status::Closed && outcome.is_none() {
                    return Ok(Err(Refused("Choose an outcome to close the case")));
                }
                let closing = status == Status::Closed;
                diesel::update(target)
                    .set((
                        reports::status.eq(status.as_str()),
                        reports::acknowledged_at.eq(row.acknowledged_at.or(Some(now))),
                        reports::closed_at.eq(closing.then_some(now)),
                        reports::outcome.eq(outcome.filter(|_| closing).map(Outcome::as_str)),
                        reports::updated_at.eq(now),
                    ))
                    .execute(conn)?;
                let detail = match outcome.filter(|_| closing) {
                    Some(outcome) => format!("{}: {}", status.label(), outcome.label()),
                    None => status.label().to_owned(),
                };
                ("Status changed", detail)
            }
            Change::Assign(owner) => {
                let name = match owner {
                    Some(owner_id) => Some(
                        report_keys::table
                            .inner_join(users::table)
                            .filter(report_keys::report_id.eq(report_id))
                            .filter(users::id.eq(owner_id))
                            .select(users::name)
                            .first::<String>(conn)
                            .optional()?
                            .ok_or(AppError::BadRequest("that person cannot see this report"))?,
                    ),
                    None => None,
                };
                diesel::update(target)
                    .set((reports::owner_id.eq(owner), reports::updated_at.eq(now)))
                    .execute(conn)?;
                ("Owner changed", name.unwrap_or_else(|| "No owner".into()))
            }
            // Handled above, before any row changes.
            Change::Note(_) | Change::Reply(_) => return Ok(Ok(())),
        };
        let after = reports::table
            .find(report_id)
            .select(CaseRow::as_select())
            .first(conn)?;
        sync_queue_keys(conn, &after)?;
        audit::append(conn, actor, Some(report_id), action, &detail)?;
        Ok(Ok(()))
    })
}
