//! What a pupil does: find their school, send a report, come back with the receipt code
//! to read replies, and add more.

mod arrival;
mod error;
mod followup;
mod later;
mod route;
mod seal;
mod submit;

pub use error::PupilError;
pub use followup::{add_message, view, PupilMessage, PupilView};
pub use later::{ask_to_talk, give_name};
pub use submit::{submit, submit_once, Door, Form, Recorder, Submitted};

use crate::db::Conn;
use crate::domain::school::SchoolSlug;
use crate::store::schools::{self, School};

/// The school with this address, or `None`.
pub fn find_school(conn: &mut Conn<'_>, slug: &SchoolSlug) -> Result<Option<School>, PupilError> {
    Ok(schools::find_by_slug(conn.db(), slug)?)
}

/// Every school, for the picker.
pub fn schools(conn: &mut Conn<'_>) -> Result<Vec<School>, PupilError> {
    Ok(schools::list(conn.db())?)
}
