//! The case page: what the pupil said, the conversation, notes, the actions on the
//! report and its chronology.

use maud::{html, Markup};

use super::components::{chronology, flags, paragraphs, success_banner};
use super::forms::error_summary;
use super::layout::Site;
use super::staff::{csrf, page, Viewer};
use crate::app::cases::Case;
use crate::domain::choices::{About, HoldReason, Outcome, ReplySlot, Risk, Status};
use crate::domain::ids::UserId;
use crate::domain::language::Language;
use crate::domain::msg::FieldError;
use crate::time::format_uk;

/// The address a form on the case page posts to.
fn action(case: &Case, what: &str) -> String {
    format!("/staff/reports/{}/{what}", case.row.id)
}

pub fn case(
    site: &Site,
    viewer: &Viewer<'_>,
    case: &Case,
    errors: &[FieldError],
    me: UserId,
    notice: Option<&str>,
    chosen: Option<ReplySlot>,
) -> Markup {
    let row = &case.row;
    page(
        site,
        "Report",
        Some(viewer),
        html! {
            (error_summary(errors))
            @if let Some(notice) = notice {
                (success_banner(notice))
            }
            span class="govuk-caption-l" { (case.school.name) }
            h1 class="govuk-heading-xl" { (row.category.label()) }
            p class="govuk-body" { (flags(row.happening_now && row.acknowledged_at.is_none(), false, row.about != About::NoStaff, false)) }
            (super::picture_guidance::panel(row.category))
            div class="govuk-grid-row" {
                div class="govuk-grid-column-two-thirds" {
                    (summary(case))
                    (talk_asked(viewer, case))
                    (pupil_words(case))
                    (pictures(case))
                    (conversation(viewer, case, chosen))
                    (notes(viewer, case))
                }
                div class="govuk-grid-column-one-third" {
                    (actions(viewer, case, me))
                    (super::incident::panel(viewer, case))
                    (super::moving::panel(viewer, case))
                    (keeping(viewer, case))
                }
            }
            h2 class="govuk-heading-l" { "Chronology" }
            (chronology(&case.chronology))
        },
    )
}

/// The pupil asked to talk to someone: the button that says someone has (or has arranged
/// to), which clears the flag in the queue.
fn talk_asked(viewer: &Viewer<'_>, case: &Case) -> Markup {
    html! {
        @if case.row.talk_requested_at.is_some() {
            form method="post" action={ "/staff/reports/" (case.row.id) "/talked" } {
                (csrf(viewer))
                button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button" { "We have talked with the pupil, or arranged to" }
            }
        }
    }
}

/// The report's clear facts.
fn summary(case: &Case) -> Markup {
    let row = &case.row;
    html! {
        dl class="govuk-summary-list" {
            (summary_row("Received", html! { (format_uk(row.created_at)) }))
            (summary_row("How it came in", html! { (row.source.label()) }))
            @if let Some(asked) = row.talk_requested_at {
                (summary_row("Pupil asked to talk", html! { strong class="govuk-tag govuk-tag--orange" { "Asked to talk to someone" } " " (format_uk(asked)) }))
            }
            (summary_row("Where", html! { (row.location.label()) }))
            (summary_row("Happening now", html! { @if row.happening_now { "Yes" } @else { "No" } }))
            (summary_row("About staff", html! { (row.about.label()) }))
            (summary_row("Status", html! { (row.status.label()) @if let Some(o) = row.outcome { " (" (o.label()) ")" } }))
            (summary_row("Risk", html! { (row.risk.map_or("Not rated", Risk::label)) }))
            (summary_row("Acknowledged", html! { (row.acknowledged_at.map_or("Not yet".to_owned(), format_uk)) }))
            (summary_row("Owner", html! { (case.recipients.iter().find(|(id, _)| Some(*id) == row.owner_id).map_or("No owner", |(_, n)| n.as_str())) }))
        }
    }
}

/// What the pupil wrote, in their own words.
fn pupil_words(case: &Case) -> Markup {
    let details = &case.details;
    html! {
        h2 class="govuk-heading-l" { "What the pupil told us" }
        (paragraphs(&details.what))
        @for (label, value) in [("When", &details.when), ("Who was involved", &details.who), ("Name given", &details.name), ("How to contact them", &details.contact)] {
            @if !value.is_empty() {
                h3 class="govuk-heading-s govuk-!-margin-bottom-1" { (label) }
                (paragraphs(value))
            }
        }
        @if details.name.is_empty() {
            p class="govuk-body govuk-hint" { "The pupil did not give their name." }
        }
        (language_used(details.language.as_deref()))
    }
}

/// The language of the form the pupil used, from the sealed details (so only someone who
/// can open the report learns it), with a reminder about interpreting.
fn language_used(code: Option<&str>) -> Markup {
    let language = code.and_then(Language::from_code);
    html! {
        @if let Some(language) = language {
            p class="govuk-body" id="pupil-language" {
                "Language the pupil used: " strong { (language.english_name()) }
            }
            @if language != Language::SOURCE {
                p class="govuk-body govuk-hint" {
                    "The pupil read Confide in " (language.english_name())
                    ". An interpreter may be needed to talk with them or their family: "
                    "arrange one through your school or force, not a friend or another pupil."
                }
            }
        }
    }
}

/// The pictures the pupil sent, each opened on its own.
fn pictures(case: &Case) -> Markup {
    let row = &case.row;
    html! {
        @if !case.pictures.is_empty() {
            h2 class="govuk-heading-l" { "Pictures the pupil sent" }
            p class="govuk-body" { "Where a photo was taken and what took it were removed when it arrived. Opening a picture full size is recorded in the chronology." }
            ul class="govuk-list confide-pictures" {
                @for (i, picture) in case.pictures.iter().enumerate() {
                    @let full = format!("/staff/reports/{}/pictures/{}", row.id, picture.id);
                    li {
                        a class="govuk-link" href=(full) {
                            img src={ (full) "/thumbnail" } alt={ "Picture " (i + 1) ", sent " (format_uk(picture.created_at)) } loading="lazy";
                            span class="govuk-body-s" { "Open picture " (i + 1) " full size" }
                        }
                    }
                }
            }
        }
    }
}

/// The conversation with the pupil and the reply form.
fn conversation(viewer: &Viewer<'_>, case: &Case, chosen: Option<ReplySlot>) -> Markup {
    let draft = case
        .replies
        .iter()
        .find(|t| Some(t.slot) == chosen)
        .map_or("", |t| t.filled.as_str());
    html! {
        h2 class="govuk-heading-l" { "Conversation with the pupil" }
        @let conversation: Vec<_> = case.messages.iter().filter(|m| m.visible_to_pupil).collect();
        @if conversation.is_empty() { p class="govuk-body" { "No messages yet." } }
        ul class="govuk-list confide-messages" {
            @for m in conversation {
                li class={ "confide-message" @if m.from_pupil { " confide-message--pupil" } @else { " confide-message--staff" } } {
                    h3 class="govuk-heading-s govuk-!-margin-bottom-1" {
                        @if m.from_pupil { "Pupil" } @else { (m.author_name.as_deref().unwrap_or("Staff")) " (reply)" }
                        span class="govuk-body-s govuk-!-margin-left-2" { (format_uk(m.created_at)) }
                    }
                    (paragraphs(&m.text))
                }
            }
        }
        // Choosing a template only fills in the reply box (a GET, which changes nothing):
        // the recipient reads and edits it, then sends.
        form method="get" action={ "/staff/reports/" (case.row.id) "#reply" } novalidate {
            div class="govuk-form-group" {
                label class="govuk-label govuk-label--s" for="template" { "Start from a reply template" }
                div class="govuk-hint" id="template-hint" { "This fills in the reply box below for you to change. Nothing is sent until you press \"Send reply\"." }
                select class="govuk-select" id="template" name="template" aria-describedby="template-hint" {
                    option value="" { "Choose a template" }
                    @for t in &case.replies {
                        option value=(t.slot.as_str()) selected[chosen == Some(t.slot)] { (t.slot.label()) }
                    }
                }
            }
            button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button" { "Use this template" }
        }
        form method="post" action=(action(case, "replies")) novalidate {
            (csrf(viewer))
            div class="govuk-form-group" {
                label class="govuk-label govuk-label--m" for="reply" { "Reply to the pupil" }
                div class="govuk-hint" id="reply-hint" { "The pupil sees this on their follow-up page, signed \"Staff at " (case.school.name) "\". Write for a child." }
                textarea class="govuk-textarea" id="reply" name="text" rows="4" aria-describedby="reply-hint" { (draft) }
            }
            button type="submit" class="govuk-button" data-module="govuk-button" { "Send reply" }
        }
    }
}

/// Notes the pupil never sees, and the form to add one.
fn notes(viewer: &Viewer<'_>, case: &Case) -> Markup {
    html! {
        h2 class="govuk-heading-l" { "Internal notes" }
        div class="govuk-warning-text" {
            span class="govuk-warning-text__icon" aria-hidden="true" { "!" }
            strong class="govuk-warning-text__text" { span class="govuk-visually-hidden" { "Warning" } "Notes are never shown to the pupil." }
        }
        ul class="govuk-list confide-messages" {
            @for m in case.messages.iter().filter(|m| !m.visible_to_pupil) {
                li class="confide-message" {
                    h3 class="govuk-heading-s govuk-!-margin-bottom-1" {
                        (m.author_name.as_deref().unwrap_or("Staff"))
                        span class="govuk-body-s govuk-!-margin-left-2" { (format_uk(m.created_at)) }
                    }
                    (paragraphs(&m.text))
                }
            }
        }
        form method="post" action=(action(case, "notes")) novalidate {
            (csrf(viewer))
            div class="govuk-form-group" {
                label class="govuk-label govuk-label--s" for="note" { "Add a note" }
                textarea class="govuk-textarea" id="note" name="text" rows="3" {}
            }
            button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button" { "Save note" }
        }
    }
}

/// Acknowledge, risk, status and owner.
fn actions(viewer: &Viewer<'_>, case: &Case, me: UserId) -> Markup {
    let row = &case.row;
    html! {
        h2 class="govuk-heading-m" { "Actions" }
        p class="govuk-body" {
            a class="govuk-link" href=(action(case, "handoff")) { "Hand-off summary for CPOMS or MyConcern" }
            span class="govuk-hint govuk-!-display-block" { "A printable Concern, Action and Outcome summary. You will be asked for your code first." }
        }
        @if row.acknowledged_at.is_none() {
            form method="post" action=(action(case, "acknowledge")) {
                (csrf(viewer))
                button type="submit" class="govuk-button" data-module="govuk-button" { "Acknowledge" }
            }
        }
        form method="post" action=(action(case, "risk")) {
            (csrf(viewer))
            div class="govuk-form-group" {
                label class="govuk-label govuk-label--s" for="risk" { "Risk" }
                select class="govuk-select" id="risk" name="risk" {
                    option value="" selected[row.risk.is_none()] { "Not rated" }
                    @for r in Risk::ALL { option value=(r.as_str()) selected[row.risk == Some(*r)] { (r.label()) } }
                }
            }
            button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button" { "Set risk" }
        }
        form method="post" action=(action(case, "status")) {
            (csrf(viewer))
            div class="govuk-form-group" {
                label class="govuk-label govuk-label--s" for="status" { "Status" }
                select class="govuk-select" id="status" name="status" {
                    // A new report says so; it cannot be made new again.
                    @if row.status == Status::New {
                        option value="" selected disabled { (Status::New.label()) }
                    }
                    @for s in Status::ALL.iter().filter(|s| **s != Status::New) {
                        option value=(s.as_str()) selected[row.status == *s] { (s.label()) }
                    }
                }
            }
            div class="govuk-form-group" {
                label class="govuk-label govuk-label--s" for="outcome" { "Outcome (when closing)" }
                select class="govuk-select" id="outcome" name="outcome" {
                    option value="" { "Choose an outcome" }
                    @for o in Outcome::ALL { option value=(o.as_str()) selected[row.outcome == Some(*o)] { (o.label()) } }
                }
            }
            button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button" { "Change status" }
        }
        form method="post" action=(action(case, "owner")) {
            (csrf(viewer))
            div class="govuk-form-group" {
                label class="govuk-label govuk-label--s" for="owner" { "Owner" }
                select class="govuk-select" id="owner" name="owner" {
                    option value="" selected[row.owner_id.is_none()] { "No owner" }
                    @for (id, name) in &case.recipients {
                        option value=(id) selected[row.owner_id == Some(*id)] { (name) @if *id == me { " (you)" } }
                    }
                }
            }
            button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button" { "Assign" }
        }
    }
}

/// How long the report is kept: its date, a legal hold, keeping it longer.
fn keeping(viewer: &Viewer<'_>, case: &Case) -> Markup {
    let row = &case.row;
    html! {
        h2 class="govuk-heading-m" id="retention" { "Keeping this report" }
        @if row.legal_hold {
            p class="govuk-body" { strong class="govuk-tag govuk-tag--yellow" { "Legal hold" } " It will not be deleted until the hold is lifted." }
            form method="post" action=(action(case, "unhold")) {
                (csrf(viewer))
                button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button" { "Lift the legal hold" }
            }
        } @else {
            @if let Some(expires) = row.expires_at {
                p class="govuk-body" { "It will be deleted on " (format_uk(expires)) ", under the school's retention policy. Everyone working on it is emailed 3 days before." }
                @if case.may_keep_longer {
                    form method="post" action=(action(case, "keep")) {
                        (csrf(viewer))
                        div class="govuk-form-group" {
                            label class="govuk-label govuk-label--s" for="days" { "Keep it for longer" }
                            select class="govuk-select" id="days" name="days" {
                                option value="90" { "Another 90 days" }
                                option value="365" { "Another year" }
                                option value="730" { "Another 2 years" }
                            }
                        }
                        button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button" { "Keep for longer" }
                    }
                }
            } @else {
                p class="govuk-body" { "It is kept while it is open. Once closed, it is deleted after the time the school has set." }
            }
            form method="post" action=(action(case, "hold")) {
                (csrf(viewer))
                div class="govuk-form-group" {
                    label class="govuk-label govuk-label--s" for="reason" { "Place on legal hold" }
                    div class="govuk-hint" id="reason-hint" { "A report on hold is never deleted, whatever its date." }
                    select class="govuk-select" id="reason" name="reason" aria-describedby="reason-hint" {
                        option value="" { "Choose a reason" }
                        @for reason in HoldReason::ALL { option value=(reason.as_str()) { (reason.label()) } }
                    }
                }
                button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button" { "Place on hold" }
            }
        }
    }
}

fn summary_row(key: &str, value: Markup) -> Markup {
    html! {
        div class="govuk-summary-list__row" {
            dt class="govuk-summary-list__key" { (key) }
            dd class="govuk-summary-list__value" { (value) }
        }
    }
}

/// The case page: what the pupil said, the conversation, notes, actions and chronology.
/// What a change on the case page did, in the words of the banner after it (the change's
/// own name comes back in the address; anything else shows nothing).
pub fn done_notice(change: &str) -> Option<&'static str> {
    Some(match change {
        "acknowledge" => "Report acknowledged",
        "risk" => "Risk updated",
        "status" => "Status updated",
        "owner" => "Owner updated",
        "notes" => "Internal note saved. The pupil never sees it",
        "replies" => "Reply sent. The pupil sees it when they next use their receipt code",
        "hold" => "Report placed on legal hold",
        "unhold" => "Legal hold lifted",
        "keep" => "The report will be kept for longer",
        "link" => "Reports linked. Each pupil still gets their own replies",
        "unlink" => "Report unlinked from the incident",
        "talked" => "Recorded. If the pupil asks to talk again, you will be told again",
        "move" => "Report moved. Only the people the new school's rules send it to can read it now",
        _ => return None,
    })
}
