//! Receiving a pupil's report, step by step: route it, seal it for each recipient, work
//! out the notices and counters, then store it all in one short write.

use std::collections::BTreeSet;
use std::sync::Arc;

use super::arrival::arrival;
use super::error::PupilError;
use super::route::{route, Routed};
use super::seal::{seal, Row, Sealed};
use crate::app::context::Context;
use crate::app::on_call::{self, Cover, Plan};
use crate::app::{insights, pictures, sending};
use crate::crypto::form_token::FormToken;
use crate::crypto::receipt::ReceiptCode;
use crate::db::{Conn, DbError, Tx};
use crate::domain::choices::{ActorRole, EventKind, MailKind, Source, Status};
use crate::domain::ids::{ReportId, UserId};
use crate::domain::insight::Fact;
use crate::domain::language::Language;
use crate::domain::report::ValidReport;
use crate::domain::school::SchoolSlug;
use crate::images::Clean;
use crate::store::audit::Actor;
use crate::store::events::{self, Event};
use crate::store::insights::StoredFacts;
use crate::store::keys::{self, QueueKeys};
use crate::store::outbox::{self, NewMail};
use crate::store::reports::{self, NewReport};
use crate::store::schools::School;
use crate::store::users;
use crate::time::Timestamp;

/// What the pupil is told after sending: the code, once.
#[derive(Debug)]
pub struct Submitted {
    pub school: School,
    pub report_id: ReportId,
    pub receipt: ReceiptCode,
    pub recipients: usize,
    /// For an urgent report: what happens now, in or out of hours.
    pub cover: Option<Cover>,
    /// How many pictures were stored with it.
    pub pictures: usize,
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
    let form = Form {
        token: None,
        language: Language::SOURCE,
        pictures_refused: false,
        door: Door::Pupil,
    };
    submit_once(conn, ctx, slug, report, pictures, form)?.ok_or(PupilError::Broken(
        "a report without a form token was refused",
    ))
}

/// The form a report came from: its one-time token, and the language it was in (sealed
/// with the report, never stored in the clear).
#[derive(Debug, Clone, Copy)]
pub struct Form<'a> {
    pub token: Option<&'a FormToken>,
    pub language: Language,
    /// Pictures came with a form of a kind that takes none, and were dropped unstored.
    pub pictures_refused: bool,
    /// Who brought the report in.
    pub door: Door<'a>,
}

/// Who brought a report in: everything after (routing, sealing, notices, figures) is the
/// same whichever door it came through.
#[derive(Debug, Clone, Copy)]
pub enum Door<'a> {
    /// The pupil, through the form.
    Pupil,
    /// A member of staff recording what a pupil told them face to face.
    InPerson(&'a Recorder),
}

/// The member of staff recording a disclosure, in the capacity they hold at its school.
#[derive(Debug, Clone)]
pub struct Recorder {
    pub actor: Actor,
    pub role: ActorRole,
    /// The pupil wants the code on paper: only then is it kept (sealed under the form's
    /// token, for a few minutes) to show again if the form is sent twice.
    pub paper_receipt: bool,
}

impl Door<'_> {
    /// Whether the receipt code may be shown again to a form sent twice.
    fn repeats_receipt(self) -> bool {
        match self {
            Door::Pupil => true,
            Door::InPerson(recorder) => recorder.paper_receipt,
        }
    }

    fn source(self) -> Source {
        match self {
            Door::Pupil => Source::Pupil,
            Door::InPerson(_) => Source::InPerson,
        }
    }

    /// Who the chronology says brought the report in, and in what words.
    fn received(self, happening_now: bool) -> (Actor, ActorRole, String) {
        let urgent = if happening_now {
            "marked as happening now"
        } else {
            ""
        };
        match self {
            Door::Pupil => (Actor::pupil(), ActorRole::Pupil, urgent.to_owned()),
            Door::InPerson(recorder) => {
                let mut detail = format!("Recorded in person by {}", recorder.actor.label);
                if happening_now {
                    detail.push_str("; ");
                    detail.push_str(urgent);
                }
                (recorder.actor.clone(), recorder.role, detail)
            }
        }
    }
}

/// [`submit`] for a form with a one-time token: `None` (and nothing stored, nobody told)
/// if a request with the same token stored its report already (see [`sending`]).
pub fn submit_once(
    conn: &mut Conn<'_>,
    ctx: &Context,
    slug: &SchoolSlug,
    report: &ValidReport,
    pictures: &[Clean],
    form: Form<'_>,
) -> Result<Option<Submitted>, PupilError> {
    let token = form.token;
    // However a picture got this far, a kind that takes none stores none.
    let pictures = if report.category.forbids_pictures() {
        &[]
    } else {
        pictures
    };
    let routed = route(conn, slug, report)?;
    let now = ctx.now();
    let sealed = seal(ctx, &routed, report, form.language, now)?;
    let sealed_for = sealed.row.recipient_keys.iter().map(|(id, _)| *id);
    let arrival = arrival(
        conn,
        ctx,
        &routed.school,
        &routed.holders,
        sealed_for,
        report,
        now,
    )?;
    let claim = token.map(|token| {
        let receipt = sending::Receipt {
            code: sealed.receipt.clone(),
            cover: arrival.cover,
            pictures: pictures.len(),
            no_pictures_kind: report.category.forbids_pictures(),
            pictures_refused: form.pictures_refused,
        };
        Arc::new(if form.door.repeats_receipt() {
            sending::Claim::new(ctx, token, &receipt)
        } else {
            sending::Claim::without_receipt(ctx, token)
        })
    });
    // Pictures are sealed and (on the file store) written before the commit, which then
    // carries only their rows.
    let sealed_pictures = pictures::seal(&sealed.row.id, &sealed.keys.report, None, pictures, now);
    pictures::write_files(ctx, &sealed_pictures)?;
    let picture_ids = pictures::ids(&sealed_pictures);
    let report_id = sealed.row.id.clone();
    let write = Write {
        mails: notices(conn, &routed, &sealed, report.happening_now)?,
        fact: counted(&routed.school, report, arrival.out_of_hours, now),
        source: form.door.source(),
        received: form.door.received(report.happening_now),
        on_call: arrival.chain,
        row: sealed.row,
        pictures: sealed_pictures,
        claim: claim.clone(),
        ctx: ctx.clone(),
    };
    let stored = conn.write_grouped(Box::new(move |tx| write.run(tx, now)));
    let sent_before = claim.is_some_and(|claim| claim.sent_before());
    if stored.is_err() || sent_before {
        ctx.blobs.remove_pictures(&picture_ids);
    }
    stored?;
    if sent_before {
        return Ok(None);
    }
    conn.metrics().report_received();
    if sealed.unrouted {
        tracing::error!(
            school = %routed.school.slug,
            "NO RECIPIENT: a report for this school was stored for the recovery key only. \
             Give someone a role with `confide role grant`, then share old reports with `confide recovery share`."
        );
    }
    Ok(Some(Submitted {
        school: routed.school,
        report_id,
        receipt: sealed.receipt,
        recipients: sealed.recipients,
        cover: arrival.cover,
        pictures: pictures.len(),
    }))
}

/// The content-free mails a new report sends: one to each recipient (urgent reports
/// even to those who chose a daily digest), or to every administrator when nobody can
/// read it.
fn notices(
    conn: &mut Conn<'_>,
    routed: &Routed,
    sealed: &Sealed,
    urgent: bool,
) -> Result<Vec<NewMail>, PupilError> {
    let kind = if urgent {
        MailKind::Urgent
    } else {
        MailKind::NewReport
    };
    let sealed_for = |user: &UserId| sealed.row.recipient_keys.iter().any(|(id, _)| id == user);
    let mut mails: Vec<NewMail> = routed
        .holders
        .iter()
        .filter(|h| sealed_for(&h.user_id))
        .filter(|h| urgent || !h.notify_digest)
        .map(|h| NewMail {
            kind,
            email: h.email.clone(),
            user_id: Some(h.user_id),
            school_id: Some(routed.school.id),
        })
        .collect();
    mails.sort_by_key(|m| m.user_id);
    mails.dedup_by_key(|m| m.user_id);
    if sealed.unrouted {
        let school = routed.school.id;
        mails.extend(
            users::administrators(conn.db())?
                .into_iter()
                .map(|(id, email)| NewMail {
                    kind: MailKind::Unrouted,
                    email,
                    user_id: Some(id),
                    school_id: Some(school),
                }),
        );
    }
    Ok(mails)
}

/// Everything the write stores, worked out first so the write itself is short and can
/// share a commit with other pupils' reports.
struct Write {
    row: Row,
    pictures: pictures::Sealed,
    mails: Vec<NewMail>,
    fact: Fact,
    source: Source,
    /// Who the chronology says brought it in, in what capacity, and in what words.
    received: (Actor, ActorRole, String),
    /// The on-call chain to start, with the people it may tell.
    on_call: Option<(Plan, BTreeSet<UserId>)>,
    claim: Option<Arc<sending::Claim>>,
    ctx: Context,
}

impl Write {
    fn run(self, tx: &mut Tx<'_>, now: Timestamp) -> Result<(), DbError> {
        // First, under the token's unique key: a form already sent stores nothing more.
        if let Some(claim) = &self.claim {
            if !claim.make(tx, now)? {
                return Ok(());
            }
        }
        insights::note(tx, None, Some(&self.fact))?;
        let row = &self.row;
        let triage = row.triage;
        reports::insert(
            tx,
            &NewReport {
                id: &row.id,
                school: self.fact.school,
                category: triage.category,
                location: triage.location,
                happening_now: triage.happening_now,
                out_of_hours: self.fact.out_of_hours,
                about: triage.about,
                risk: triage.risk,
                named: triage.named,
                unrouted: row.recipient_keys.is_empty(),
                source: self.source,
                retention_period: &row.retention_period,
                receipt_lookup: &row.receipt_lookup,
                pupil_key: &row.pupil_key,
                recovery_keys: &row.recovery_keys,
                details: &row.details,
            },
            now,
        )?;
        let queue = QueueKeys::new_report(triage.happening_now, triage.risk, now);
        for (user, wrapped) in &row.recipient_keys {
            keys::insert(tx, &row.id, *user, wrapped, &queue, now)?;
        }
        pictures::record(tx, &self.ctx, &self.pictures)?;
        // The notices go in the same transaction: a saved report is never left unannounced.
        outbox::enqueue(tx, &self.mails, now)?;
        let (actor, role, detail) = &self.received;
        events::record(
            tx,
            actor,
            &Event::new(&row.id, EventKind::Received, *role)
                .change(None, Some(Status::New.as_str())),
            detail,
            now,
        )?;
        if let Some(risk) = triage.risk {
            // Said in the chronology, so staff see why it arrived rated.
            events::record(
                tx,
                &Actor::system("Confide"),
                &Event::new(&row.id, EventKind::RiskSet, ActorRole::System)
                    .change(None, Some(risk.as_str())),
                "rated on arrival for this kind of report",
                now,
            )?;
        }
        if let Some((plan, readers)) = &self.on_call {
            on_call::start(tx, &row.id, self.fact.school, plan, readers, now)?;
        }
        Ok(())
    }
}

/// The report as the figures count it when it arrives.
fn counted(school: &School, report: &ValidReport, out_of_hours: bool, now: Timestamp) -> Fact {
    let arriving = StoredFacts {
        school_id: school.id,
        created_at: now,
        category: report.category,
        location: report.location,
        happening_now: report.happening_now,
        acknowledged_at: None,
        outcome: None,
        referral: None,
        out_of_hours,
        linked_on: false,
    };
    insights::fact(&arriving, school.ack_within_hours)
}
