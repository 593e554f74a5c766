//! What the people a report is routed to do with it: see their queue, open a case, and
//! change it (acknowledge, rate the risk, move its status, choose its owner, add notes,
//! reply to the pupil). Every change is one transaction with its audit row and event.

pub use super::access::CaseError;
use super::access::{acting_role, keys_for, require_fresh_if_closed};
use super::actors::Staff;
use super::binding;
use super::changes::{change, settle, Changed};
use super::context::Context;
use crate::crypto::context;
use crate::db::{Conn, DbError};
use crate::domain::choices::{ActorRole, Author, EventKind, Outcome, Risk, Status};
use crate::domain::ids::{MessageId, ReportId, UserId};
use crate::domain::msg::Msg;
use crate::domain::report::Details;
use crate::store::audit::{self, AuditEntry};
use crate::store::events::{self, Event};
use crate::store::keys::{self};
use crate::store::later;
use crate::store::messages::{self, NewMessage};
use crate::store::reports::{self, CaseRow};
use crate::store::schools::{self, School};
use crate::time::Timestamp;

/// Views of a case by one person this close together are one sitting.
pub const SITTING_SECONDS: i64 = 30 * 60;

/// One entry in the conversation or the notes.
#[derive(Debug, Clone)]
pub struct CaseMessage {
    pub from_pupil: bool,
    pub author_name: Option<String>,
    pub visible_to_pupil: bool,
    pub text: String,
    pub created_at: Timestamp,
}

/// Everything a recipient sees on the case page.
pub struct Case {
    pub row: CaseRow,
    pub school: School,
    pub details: Details,
    pub messages: Vec<CaseMessage>,
    pub chronology: Vec<AuditEntry>,
    /// People holding keys to this report, who can own it.
    pub recipients: Vec<(UserId, String)>,
    /// Whether this person may keep it beyond the school's retention time.
    pub may_keep_longer: bool,
    /// The pictures sent with it (their rows; each opens separately).
    pub pictures: Vec<crate::store::attachments::Attachment>,
    /// The incident it is linked into, and what could be linked to it.
    pub incident: super::incidents::Incident,
    /// The school's reply templates, filled in, to start a reply from.
    pub replies: Vec<super::replies::Template>,
    /// The other schools where this person holds a role: where they could move it.
    pub move_to: Vec<School>,
}

/// Opens the case and records the view. A closed case is opened only with a second
/// factor passed in the last ten minutes.
pub fn open(
    conn: &mut Conn<'_>,
    ctx: &Context,
    staff: &Staff,
    id: &ReportId,
) -> Result<Case, CaseError> {
    let (keys, row) = keys_for(conn.db(), ctx, staff, id)?;
    require_fresh_if_closed(staff, &row, ctx.now())?;
    let sealed = reports::sealed_details(conn.db(), id)?;
    let json = keys
        .report
        .open(&context::field(id, "details"), &sealed)
        .map_err(|_| CaseError::Broken("details"))?;
    let details: Details =
        serde_json::from_slice(&json).map_err(|_| CaseError::Broken("details"))?;
    let mut conversation = Vec::new();
    for m in messages::for_report(conn.db(), id, false)? {
        let key = if m.visible_to_pupil {
            &keys.report
        } else {
            &keys.case
        };
        let text = key
            .open_text(&context::message(id, &m.id, m.visible_to_pupil), &m.body)
            .map_err(|_| CaseError::Broken("message"))?;
        conversation.push(CaseMessage {
            from_pupil: m.author == Author::Pupil,
            author_name: m.author_name,
            visible_to_pupil: m.visible_to_pupil,
            text,
            created_at: m.created_at,
        });
    }
    let role = acting_role(conn.db(), staff, &row)?;
    let may_keep_longer = [
        ActorRole::NominatedStaff,
        ActorRole::HeadTeacher,
        ActorRole::ChairOfGovernors,
    ]
    .contains(&role);
    let now = ctx.now();
    // One view per sitting: the page shown again after each change (or a reload) within
    // half an hour of this person's last recorded view adds nothing to the chronology.
    let seen_lately = audit::last_by(conn.db(), id, staff.id(), EventKind::Viewed.label())?
        .is_some_and(|at| now.since(at) < SITTING_SECONDS);
    conn.write(|tx| {
        // The pupil's newest words are in front of someone now: no longer "New message"
        // (and that view is always recorded).
        let read_new = reports::clear_new_message(tx, id)?;
        if read_new {
            settle(tx, &row)?;
        }
        if read_new || !seen_lately {
            events::record(
                tx,
                &staff.actor(),
                &Event::new(id, EventKind::Viewed, role),
                "",
                now,
            )?;
        }
        Ok::<_, DbError>(())
    })?;
    let incident = super::incidents::of_case(conn, staff, &row)?;
    let school = schools::find(conn.db(), row.school_id)?;
    Ok(Case {
        move_to: super::moving::destinations(conn.db(), staff, &row)?,
        incident,
        replies: super::replies::for_school(conn.db(), &school)?,
        school,
        chronology: audit::for_report(conn.db(), id)?,
        recipients: keys::readers(conn.db(), id)?,
        row,
        details,
        messages: conversation,
        may_keep_longer,
        pictures: crate::store::attachments::for_report(conn.db(), id)?,
    })
}

pub fn acknowledge(
    conn: &mut Conn<'_>,
    ctx: &Context,
    staff: &Staff,
    id: &ReportId,
) -> Result<(), CaseError> {
    change(conn, ctx, staff, id, |tx, row, now| {
        if row.acknowledged_at.is_some() {
            return Err(CaseError::Refused(Msg::AlreadyAcknowledged));
        }
        let status = if row.status == Status::New {
            Status::Open
        } else {
            row.status
        };
        reports::acknowledge(tx, id, status, now)?;
        Ok(Some(Changed {
            kind: EventKind::Acknowledged,
            from: Some(row.status.as_str().into()),
            to: Some(status.as_str().into()),
            detail: String::new(),
        }))
    })
}

/// The pupil asked to talk, and someone has talked with them or arranged to: the flag is
/// cleared (a new request flags the case again), and the chronology says who answered.
pub fn talk_answered(
    conn: &mut Conn<'_>,
    ctx: &Context,
    staff: &Staff,
    id: &ReportId,
) -> Result<(), CaseError> {
    change(conn, ctx, staff, id, |tx, _row, now| {
        if !later::talk_answered(tx, id, now)? {
            return Err(CaseError::Refused(Msg::NoTalkAsked));
        }
        Ok(Some(Changed {
            kind: EventKind::TalkAnswered,
            from: None,
            to: None,
            detail: String::new(),
        }))
    })
}

pub fn set_risk(
    conn: &mut Conn<'_>,
    ctx: &Context,
    staff: &Staff,
    id: &ReportId,
    risk: Option<Risk>,
) -> Result<(), CaseError> {
    change(conn, ctx, staff, id, |tx, row, now| {
        reports::set_risk(tx, id, risk, now)?;
        Ok(Some(Changed {
            kind: EventKind::RiskSet,
            from: row.risk.map(|r| r.as_str().into()),
            to: risk.map(|r| r.as_str().into()),
            detail: risk.map_or("Not rated", Risk::label).to_owned(),
        }))
    })
}

pub fn set_status(
    conn: &mut Conn<'_>,
    ctx: &Context,
    staff: &Staff,
    id: &ReportId,
    status: Status,
    outcome: Option<Outcome>,
) -> Result<(), CaseError> {
    change(conn, ctx, staff, id, |tx, row, now| {
        if status == Status::New {
            return Err(CaseError::Refused(Msg::CannotReopenAsNew));
        }
        if status == Status::Closed && outcome.is_none() {
            return Err(CaseError::Refused(Msg::ChooseOutcome));
        }
        reports::set_status(tx, row, status, outcome, now)?;
        binding::after_status_change(tx, ctx, row, status, now)?;
        let outcome = outcome.filter(|_| status == Status::Closed);
        Ok(Some(Changed {
            kind: EventKind::StatusChanged,
            from: Some(row.status.as_str().into()),
            to: Some(match outcome {
                Some(outcome) => format!("{}:{}", status.as_str(), outcome.as_str()),
                None => status.as_str().into(),
            }),
            detail: match outcome {
                Some(outcome) => format!("{}: {}", status.label(), outcome.label()),
                None => status.label().to_owned(),
            },
        }))
    })
}

pub fn assign(
    conn: &mut Conn<'_>,
    ctx: &Context,
    staff: &Staff,
    id: &ReportId,
    owner: Option<UserId>,
) -> Result<(), CaseError> {
    change(conn, ctx, staff, id, |tx, row, now| {
        let name = match owner {
            Some(owner) => Some(
                keys::readers(tx.db(), id)?
                    .into_iter()
                    .find(|(reader, _)| *reader == owner)
                    .map(|(_, name)| name)
                    .ok_or(CaseError::Refused(Msg::OwnerCannotSee))?,
            ),
            None => None,
        };
        reports::set_owner(tx, id, owner, now)?;
        Ok(Some(Changed {
            kind: EventKind::OwnerChanged,
            from: row.owner_id.map(|u| u.to_string()),
            to: owner.map(|u| u.to_string()),
            detail: name.unwrap_or_else(|| "No owner".into()),
        }))
    })
}

/// Adds a sealed message: a reply the pupil will read (report key), or an internal note
/// (case key) the pupil never can.
fn add_message(
    conn: &mut Conn<'_>,
    ctx: &Context,
    staff: &Staff,
    id: &ReportId,
    visible_to_pupil: bool,
    text: &str,
) -> Result<(), CaseError> {
    let (keys, row) = keys_for(conn.db(), ctx, staff, id)?;
    require_fresh_if_closed(staff, &row, ctx.now())?;
    let text = text.trim();
    if text.is_empty() {
        return Err(CaseError::Refused(Msg::WriteSomething));
    }
    let role = acting_role(conn.db(), staff, &row)?;
    let key = if visible_to_pupil {
        &keys.report
    } else {
        &keys.case
    };
    let message_id = MessageId::generate();
    let body = key.seal(
        &context::message(id, &message_id, visible_to_pupil),
        text.as_bytes(),
    );
    let kind = if visible_to_pupil {
        EventKind::Replied
    } else {
        EventKind::NoteAdded
    };
    let now = ctx.now();
    conn.write(|tx| {
        // Closed by someone else since it was read: the same rule, on the row as it is now.
        require_fresh_if_closed(staff, &reports::find(tx.db(), id)?, now)?;
        messages::insert(
            tx,
            &NewMessage {
                id: &message_id,
                report: id,
                author: Author::Staff,
                author_user: Some(staff.id()),
                visible_to_pupil,
                body: &body,
            },
            now,
        )?;
        reports::touch(tx, id, now)?;
        events::record(tx, &staff.actor(), &Event::new(id, kind, role), "", now)?;
        Ok(())
    })
}

pub fn reply(
    conn: &mut Conn<'_>,
    ctx: &Context,
    staff: &Staff,
    id: &ReportId,
    text: &str,
) -> Result<(), CaseError> {
    add_message(conn, ctx, staff, id, true, text)
}

pub fn add_note(
    conn: &mut Conn<'_>,
    ctx: &Context,
    staff: &Staff,
    id: &ReportId,
    text: &str,
) -> Result<(), CaseError> {
    add_message(conn, ctx, staff, id, false, text)
}
