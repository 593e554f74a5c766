//! Reply templates: each school's few starting replies, kept in the clear (they are about
//! no pupil) and edited by administrators. A recipient sees them filled in with the
//! school's name and reading hours, and always edits them before sending.

use super::actors::Admin;
use super::people::AdminError;
use crate::db::{Conn, DbConnection, DbError};
use crate::domain::choices::ReplySlot;
use crate::domain::ids::SchoolId;
use crate::domain::replies::{default_body, fill, valid_body};
use crate::store::audit;
use crate::store::reply_templates;
use crate::store::schools::{self, School};

/// One template of a school: its words as kept, and filled in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    pub slot: ReplySlot,
    /// With `{school}` and `{hours}` as typed.
    pub body: String,
    /// With the school's name and reading hours put in.
    pub filled: String,
}

/// The school's templates, in a fixed order: its own words, or the defaults.
pub fn for_school(db: &mut DbConnection, school: &School) -> Result<Vec<Template>, DbError> {
    let edited = reply_templates::edited(db, school.id)?;
    Ok(ReplySlot::ALL
        .iter()
        .map(|slot| {
            let body = edited
                .iter()
                .find(|(s, _)| s == slot)
                .map_or_else(|| default_body(*slot).to_owned(), |(_, b)| b.clone());
            Template {
                slot: *slot,
                filled: fill(&body, &school.name, &school.reading_hours),
                body,
            }
        })
        .collect())
}

/// Every school with its templates, for the administrators' page.
pub fn all(
    conn: &mut Conn<'_>,
    _admin: &Admin,
) -> Result<Vec<(School, Vec<Template>)>, AdminError> {
    let mut out = Vec::new();
    for school in schools::list(conn.db())? {
        let templates = for_school(conn.db(), &school)?;
        out.push((school, templates));
    }
    Ok(out)
}

/// Keeps a school's own words for one template, audited.
pub fn edit(
    conn: &mut Conn<'_>,
    ctx: &super::Context,
    admin: &Admin,
    school: SchoolId,
    slot: ReplySlot,
    raw: &str,
) -> Result<(), AdminError> {
    let body = valid_body(raw).map_err(AdminError::Refused)?;
    let now = ctx.now();
    conn.write(|tx| {
        schools::find(tx.db(), school)?;
        reply_templates::save(tx, school, slot, &body, now)?;
        audit::append(
            tx,
            admin.actor(),
            None,
            "Reply template changed",
            &format!("school {school}: {}", slot.label()),
            now,
        )?;
        Ok(())
    })
}
