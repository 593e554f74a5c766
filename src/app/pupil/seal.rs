//! Sealing a new report: its words under a fresh report key, and that key wrapped for
//! each recipient, the pupil's receipt code and the school's recovery key.

use zeroize::Zeroizing;

use super::error::PupilError;
use super::route::Routed;
use crate::app::binding;
use crate::app::context::Context;
use crate::crypto::context;
use crate::crypto::receipt::ReceiptCode;
use crate::crypto::retention::KeyCopy;
use crate::crypto::sealed_box::{PublicKey, ReportKeys};
use crate::domain::ids::{ReportId, UserId};
use crate::domain::language::Language;
use crate::domain::report::ValidReport;
use crate::store::schools::School;
use crate::time::Timestamp;

/// A report sealed for storing, and what the pupil and the notices need to know of it.
pub(super) struct Sealed {
    pub(super) receipt: ReceiptCode,
    pub(super) keys: ReportKeys,
    pub(super) row: Row,
    /// How many people it was sealed for; none means only the recovery key can open it.
    pub(super) recipients: usize,
    pub(super) unrouted: bool,
}

/// The report's row and its key copies, owned so the grouped write can carry them.
pub(super) struct Row {
    pub(super) id: ReportId,
    pub(super) triage: Triage,
    pub(super) retention_period: String,
    pub(super) receipt_lookup: Vec<u8>,
    pub(super) pupil_key: Vec<u8>,
    pub(super) recovery_keys: Vec<u8>,
    pub(super) details: Vec<u8>,
    /// One copy of the report's keys per recipient.
    pub(super) recipient_keys: Vec<(UserId, Vec<u8>)>,
}

/// The report's facts kept in the clear for triage.
#[derive(Clone, Copy)]
pub(super) struct Triage {
    pub(super) category: crate::domain::choices::Category,
    pub(super) location: crate::domain::choices::Location,
    pub(super) about: crate::domain::choices::About,
    pub(super) risk: Option<crate::domain::choices::Risk>,
    pub(super) happening_now: bool,
    pub(super) named: bool,
}

/// Seals the pupil's words with a new report key and wraps that key for each recipient,
/// the pupil's receipt code and the school's recovery key, each copy bound to the
/// school's retention key for this month: destroying that key later shreds the report
/// wherever a copy of the database is.
pub(super) fn seal(
    ctx: &Context,
    routed: &Routed,
    report: &ValidReport,
    language: Language,
    now: Timestamp,
) -> Result<Sealed, PupilError> {
    let report_id = ReportId::generate();
    let keys = ReportKeys::generate();
    let receipt = ReceiptCode::generate();
    // The language goes inside the sealed details, never into a column of its own.
    let mut details = report.details.clone();
    details.language = Some(language.code().to_owned());
    let details_json =
        Zeroizing::new(serde_json::to_vec(&details).map_err(|_| PupilError::Broken("details"))?);
    let details = keys
        .report
        .seal(&context::field(&report_id, "details"), &details_json);
    let pupil_key = receipt.wrapping_key().seal(
        &context::field(&report_id, "pupil-key"),
        keys.report.as_bytes(),
    );
    let period = binding::open_period(now);
    let retention_key = binding::binding_key(ctx, routed.school.id, &period)?;
    let recipient_keys: Vec<_> = recipient_copies(routed, &keys, &report_id)
        .into_iter()
        .map(|(user, w)| {
            (
                user,
                retention_key.bind(&report_id, KeyCopy::Recipient(user), &w),
            )
        })
        .collect();
    let recovery_keys = recovery_copy(&routed.school, &keys, &report_id);
    let details_fields = &report.details;
    let row = Row {
        id: report_id.clone(),
        triage: Triage {
            category: report.category,
            location: report.location,
            about: report.about,
            risk: report.category.starting_risk(),
            happening_now: report.happening_now,
            named: !details_fields.name.is_empty() || !details_fields.contact.is_empty(),
        },
        retention_period: period.as_string(),
        receipt_lookup: receipt.lookup_hash(&ctx.server_key),
        pupil_key: retention_key.bind(&report_id, KeyCopy::Pupil, &pupil_key),
        recovery_keys: retention_key.bind(&report_id, KeyCopy::Recovery, &recovery_keys),
        details,
        recipient_keys,
    };
    Ok(Sealed {
        recipients: row.recipient_keys.len(),
        unrouted: row.recipient_keys.is_empty(),
        receipt,
        keys,
        row,
    })
}

/// The report's keys wrapped for each recipient, once each.
fn recipient_copies(
    routed: &Routed,
    keys: &ReportKeys,
    report_id: &ReportId,
) -> Vec<(UserId, Vec<u8>)> {
    let mut wrapped: Vec<(UserId, Vec<u8>)> = Vec::with_capacity(routed.recipients.len());
    for holder in routed
        .holders
        .iter()
        .filter(|h| routed.recipients.contains(&h.user_id))
    {
        if wrapped.iter().any(|(id, _)| *id == holder.user_id) {
            continue;
        }
        // One broken account must not cost the pupil their report: skip it, loudly.
        match PublicKey::from_bytes(&holder.public_key) {
            Ok(public) => wrapped.push((holder.user_id, keys.wrap_for(&public, report_id))),
            Err(_) => tracing::error!(
                user = %holder.user_id,
                "a recipient has an unusable public key: the report was not sealed for them"
            ),
        }
    }
    wrapped
}

/// The report's keys wrapped for the school's recovery key, or nothing (loudly) if the
/// school has none that works.
fn recovery_copy(school: &School, keys: &ReportKeys, report_id: &ReportId) -> Vec<u8> {
    match school
        .recovery_public_key
        .as_deref()
        .map(PublicKey::from_bytes)
    {
        Some(Ok(public)) => keys.wrap_for(&public, report_id),
        _ => {
            tracing::error!(school = %school.slug, "school has no usable recovery key: report stored without a recovery copy");
            Vec::new()
        }
    }
}
