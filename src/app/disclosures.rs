//! A disclosure made in person: a member of staff records what a pupil told them face to
//! face, and from there it is a pupil's report like any other (same routing, sealing,
//! notices, audit and figures), marked "told in person".

use crate::app::actors::Staff;
use crate::app::context::Context;
use crate::app::pupil::{self, Door, Form, PupilError, Recorder};
use crate::crypto::form_token::FormToken;
use crate::crypto::receipt::ReceiptCode;
use crate::db::{Conn, DbError};
use crate::domain::choices::{ActorRole, Role};
use crate::domain::ids::{ReportId, SchoolId};
use crate::domain::language::Language;
use crate::domain::report::ValidReport;
use crate::domain::routing;
use crate::domain::school::SchoolSlug;
use crate::store::roles;
use crate::store::schools::{self, School};

/// Why a disclosure could not be recorded.
#[derive(Debug, thiserror::Error)]
pub enum DisclosureError {
    /// Only someone holding a role at the school records a disclosure for it.
    #[error("the person holds no role at this school")]
    NotAtSchool,
    /// The same form was sent before (a double click, a refresh): stored once, not again.
    #[error("this disclosure was recorded already")]
    AlreadyRecorded,
    #[error(transparent)]
    Pupil(#[from] PupilError),
    #[error(transparent)]
    Db(#[from] DbError),
}

/// What the member of staff is told once it is stored.
#[derive(Debug)]
pub struct Recorded {
    pub report_id: ReportId,
    pub school: School,
    /// The code to write on paper for the pupil, if they wanted one.
    pub receipt: Option<ReceiptCode>,
    /// How many people it was sealed for.
    pub recipients: usize,
    /// Whether the recorder is one of them (a report about staff may go past them).
    pub recorder_reads_it: bool,
}

/// The schools where this person holds a role: where they may record a disclosure.
pub fn schools(conn: &mut Conn<'_>, staff: &Staff) -> Result<Vec<School>, DisclosureError> {
    let ids = roles::schools_of(conn.db(), staff.id())?;
    let mut found = Vec::with_capacity(ids.len());
    for id in ids {
        found.push(schools::find(conn.db(), id)?);
    }
    found.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(found)
}

/// Records what a pupil told `staff` at `school` as a report from that pupil.
///
/// Without a paper receipt the code is still made (every report has the same shape, so
/// retention, re-binding and purging treat it alike) but it is never shown or kept:
/// nobody holds it, so the pupil's copy of the key can never be opened.
pub fn record(
    conn: &mut Conn<'_>,
    ctx: &Context,
    staff: &Staff,
    school: SchoolId,
    report: &ValidReport,
    paper_receipt: bool,
    token: &FormToken,
) -> Result<Recorded, DisclosureError> {
    let holders = roles::holders(conn.db(), school)?;
    let role = strongest_role(
        holders
            .iter()
            .filter(|h| h.user_id == staff.id())
            .map(|h| h.role),
    )
    .ok_or(DisclosureError::NotAtSchool)?;
    let slug = SchoolSlug::parse(&schools::find(conn.db(), school)?.slug)
        .map_err(|_| PupilError::NoSuchSchool)?;
    let recorder = Recorder {
        actor: staff.actor(),
        role: ActorRole::from(role),
        paper_receipt,
    };
    let form = Form {
        token: Some(token),
        // Staff write in English; the pupil's own language is theirs to mention in the words.
        language: Language::SOURCE,
        pictures_refused: false,
        door: Door::InPerson(&recorder),
    };
    // No pictures at this door: staff must not collect images from a pupil (UKCIS).
    let submitted = pupil::submit_once(conn, ctx, &slug, report, &[], form)?
        .ok_or(DisclosureError::AlreadyRecorded)?;
    let readers = routing::recipients(report.about, &roles::holdings(&holders));
    Ok(Recorded {
        report_id: submitted.report_id,
        school: submitted.school,
        receipt: paper_receipt.then_some(submitted.receipt),
        recipients: submitted.recipients,
        recorder_reads_it: readers.contains(&staff.id()),
    })
}

/// The role a person acts in when they hold several at one school: the one that sees most.
fn strongest_role(roles: impl Iterator<Item = Role>) -> Option<Role> {
    roles.min_by_key(|role| match role {
        Role::SspOfficer => 0,
        Role::HeadTeacher => 1,
        Role::ChairOfGovernors => 2,
        Role::NominatedStaff => 3,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_strongest_role_names_the_recorder() {
        let held = [Role::NominatedStaff, Role::HeadTeacher];
        assert_eq!(strongest_role(held.into_iter()), Some(Role::HeadTeacher));
        assert_eq!(strongest_role(std::iter::empty()), None);
    }
}
