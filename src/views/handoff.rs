//! The case hand-off: a printable Concern / Action / Outcome summary in the shape schools
//! keep in CPOMS or MyConcern, with the report's reference and a fingerprint of exactly
//! what was exported.

use maud::{html, Markup};

use super::components::{chronology, paragraphs, typed};
use super::layout::Site;
use super::staff::{csrf, page as staff_page, Viewer};
use crate::app::cases::Case;
use crate::domain::choices::Risk;
use crate::time::{format_uk, Timestamp};

fn row(label: &str, value: Markup) -> Markup {
    html! {
        div class="govuk-summary-list__row" {
            dt class="govuk-summary-list__key" { (label) }
            dd class="govuk-summary-list__value" { (value) }
        }
    }
}

/// What is exported (and fingerprinted): everything but the page around it.
pub fn content(case: &Case, exported_by: &str, at: Timestamp) -> Markup {
    let r = &case.row;
    let d = &case.details;
    let owner = case
        .recipients
        .iter()
        .find(|(id, _)| Some(*id) == r.owner_id)
        .map_or("No owner", |(_, n)| n.as_str());
    html! {
        dl class="govuk-summary-list" {
            (row("Reference", html! { (r.id) }))
            (row("School", html! { (case.school.name) }))
            (row("Exported", html! { (format_uk(at)) " by " (exported_by) }))
        }
        section class="confide-handoff-section" {
            h2 class="govuk-heading-l" { "Concern" }
            dl class="govuk-summary-list" {
                (row("Kind", html! { (r.category.label()) }))
                (row("Where", html! { (r.location.label()) }))
                (row("Reported", html! { (format_uk(r.created_at)) }))
                (row("Happening at the time", html! { @if r.happening_now { "Yes" } @else { "No" } }))
                (row("About an adult at the school", html! { (r.about.label()) }))
                (row("The pupil's name", html! { @if d.name.is_empty() { "Not given (anonymous)" } @else { (typed(&d.name)) } }))
            }
            h3 class="govuk-heading-m" { "What the pupil wrote" }
            div class="confide-pupil-text" { (paragraphs(&d.what)) }
            @for (label, value) in [("When it happened", &d.when), ("Who was involved", &d.who), ("How to contact them", &d.contact)] {
                @if !value.is_empty() {
                    h3 class="govuk-heading-s govuk-!-margin-bottom-1" { (label) }
                    div class="confide-pupil-text" { (paragraphs(value)) }
                }
            }
            @if !case.pictures.is_empty() {
                p class="govuk-body" { "The pupil sent " (case.pictures.len()) " picture(s). They stay in Confide, with location and phone details removed: open the case there to see them." }
            }
        }
        section class="confide-handoff-section" {
            h2 class="govuk-heading-l" { "Action" }
            h3 class="govuk-heading-m" { "Conversation with the pupil" }
            @let conversation: Vec<_> = case.messages.iter().filter(|m| m.visible_to_pupil).collect();
            @if conversation.is_empty() { p class="govuk-body" { "No messages." } }
            @for m in conversation {
                div class="confide-message" {
                    h4 class="govuk-heading-s govuk-!-margin-bottom-1" {
                        @if m.from_pupil { "Pupil" } @else { (m.author_name.as_deref().unwrap_or("Staff")) " (reply)" }
                        ", " (format_uk(m.created_at))
                    }
                    div class="confide-pupil-text" { (paragraphs(&m.text)) }
                }
            }
            h3 class="govuk-heading-m" { "Internal notes" }
            @let notes: Vec<_> = case.messages.iter().filter(|m| !m.visible_to_pupil).collect();
            @if notes.is_empty() { p class="govuk-body" { "No notes." } }
            @for m in notes {
                div class="confide-message" {
                    h4 class="govuk-heading-s govuk-!-margin-bottom-1" { (m.author_name.as_deref().unwrap_or("Staff")) ", " (format_uk(m.created_at)) }
                    div class="confide-pupil-text" { (paragraphs(&m.text)) }
                }
            }
            h3 class="govuk-heading-m" { "Chronology" }
            (chronology(&case.chronology))
        }
        section class="confide-handoff-section" {
            h2 class="govuk-heading-l" { "Outcome" }
            dl class="govuk-summary-list" {
                (row("Status", html! { (r.status.label()) }))
                (row("Outcome", html! { (r.outcome.map_or("Not closed yet", |o| o.label())) }))
                (row("Referral", html! { (r.referral.map_or("None", |s| s.label())) }))
                (row("Risk", html! { (r.risk.map_or("Not rated", Risk::label)) }))
                (row("Owner", html! { (owner) }))
                (row("Acknowledged", html! { (r.acknowledged_at.map_or("Not yet".to_owned(), format_uk)) }))
                (row("Closed", html! { (r.closed_at.map_or("Not yet".to_owned(), format_uk)) }))
            }
        }
    }
}

/// The printable page around the exported content.
pub fn page(
    site: &Site,
    viewer: &Viewer<'_>,
    case: &Case,
    content: Markup,
    fingerprint: &str,
) -> Markup {
    let id = &case.row.id;
    staff_page(
        site,
        "Hand-off summary",
        Some(viewer),
        html! {
            div class="confide-no-print" {
                a class="govuk-back-link" href={ "/staff/reports/" (id) } { "Back to the case" }
                div class="govuk-inset-text" {
                    "This summary is for moving the case into your school's safeguarding record (CPOMS, MyConcern or paper). Print it, or choose \u{201c}Save as PDF\u{201d} in your browser's print window. Keep it as carefully as the record itself. This export has been recorded with its fingerprint."
                }
            }
            span class="govuk-caption-l" { "Confide hand-off summary" }
            h1 class="govuk-heading-xl" { (case.row.category.label()) }
            (content)
            p class="govuk-body-s" {
                "Reference " (id) ". Fingerprint of this export (SHA-256): "
                span class="confide-handoff-hash" { (fingerprint) }
                ". The same fingerprint is in the report's chronology in Confide."
            }
        },
    )
}

/// Before the summary is made: what it is for, and that making it is recorded. Showing
/// this page changes nothing; the button makes (and records) the export.
pub fn confirm(site: &Site, viewer: &Viewer<'_>, id: &crate::domain::ids::ReportId) -> Markup {
    staff_page(
        site,
        "Hand-off summary",
        Some(viewer),
        html! {
            a class="govuk-back-link" href={ "/staff/reports/" (id) } { "Back to the case" }
            span class="govuk-caption-l" { "Report " (id) }
            h1 class="govuk-heading-xl" { "Hand-off summary for CPOMS or MyConcern" }
            p class="govuk-body" { "The summary holds the whole case: what the pupil wrote, the conversation, notes and the chronology, in the Concern / Action / Outcome shape of your school's safeguarding record. Print it, or save it as a PDF, and keep it as carefully as the record itself." }
            div class="govuk-warning-text" {
                span class="govuk-warning-text__icon" aria-hidden="true" { "!" }
                strong class="govuk-warning-text__text" {
                    span class="govuk-visually-hidden" { "Warning" }
                    "Making the summary is recorded in the report's chronology with your name and a fingerprint of exactly what was exported."
                }
            }
            form method="post" action={ "/staff/reports/" (id) "/handoff" } novalidate {
                (csrf(viewer))
                button type="submit" class="govuk-button" data-module="govuk-button" { "Make the hand-off summary" }
            }
        },
    )
}
