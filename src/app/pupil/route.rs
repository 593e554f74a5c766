//! Who a new report goes to: its school, and the people there the routing rules choose.

use std::collections::BTreeSet;

use super::error::PupilError;
use crate::db::Conn;
use crate::domain::ids::UserId;
use crate::domain::report::ValidReport;
use crate::domain::routing;
use crate::domain::school::SchoolSlug;
use crate::store::roles::{self, RoleHolder};
use crate::store::schools::{self, School};

/// The school and the people of it the routing rules send this report to.
pub(super) struct Routed {
    pub(super) school: School,
    pub(super) holders: Vec<RoleHolder>,
    pub(super) recipients: BTreeSet<UserId>,
}

pub(super) fn route(
    conn: &mut Conn<'_>,
    slug: &SchoolSlug,
    report: &ValidReport,
) -> Result<Routed, PupilError> {
    let school = schools::find_by_slug(conn.db(), slug)?.ok_or(PupilError::NoSuchSchool)?;
    let holders = roles::holders(conn.db(), school.id)?;
    let recipients = routing::recipients(report.about, &roles::holdings(&holders));
    Ok(Routed {
        school,
        holders,
        recipients,
    })
}
