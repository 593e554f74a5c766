//! Associated data for every sealed field: which report, which field, so a ciphertext
//! copied onto another row or into another field will not open.

use crate::domain::ids::{MessageId, ReportId};

/// A report's sealed field (`details`, `pupil-key`, …).
pub fn field(report: &ReportId, field: &str) -> Vec<u8> {
    format!("confide/report/v1/{report}/{field}").into_bytes()
}

/// One message: replies and pupil messages use the report key, internal notes the case
/// key, and the two can never be swapped.
pub fn message(report: &ReportId, message: &MessageId, visible_to_pupil: bool) -> Vec<u8> {
    let kind = if visible_to_pupil { "message" } else { "note" };
    field(report, &format!("{kind}/{message}"))
}
