//! The pupil's follow-up: enter the receipt code, then read the report, replies and add more.

use maud::{html, Markup};

use super::components::{emergency_inset, paragraphs};
use super::forms::{error_summary, pictures_field, TextField};
use super::layout::{page, Site};
use crate::app::pupil::PupilView;
use crate::crypto::receipt::ReceiptCode;
use crate::domain::choices::Status;
use crate::domain::msg::{FieldError, Msg};
use crate::domain::report::MESSAGE_MAX;
use crate::time::format_uk;

/// The one answer for a code that is wrong, mistyped or unknown: it never says which.
pub const CODE_NOT_FOUND: FieldError = FieldError::new("code", Msg::CodeNotFound);

/// Nothing was typed in the code box.
pub const CODE_MISSING: FieldError = FieldError::new("code", Msg::CodeMissing);

/// The code box, keeping what was typed so one wrong character need not mean typing all 20 again.
pub fn enter_code(site: &Site, errors: &[FieldError], typed: &str) -> Markup {
    page(
        site,
        if errors.is_empty() {
            "Check for a reply"
        } else {
            "Error: Check for a reply"
        },
        html! {
            div class="govuk-grid-row" {
                div class="govuk-grid-column-two-thirds" {
                    (error_summary(errors))
                    h1 class="govuk-heading-xl" { "Check for a reply" }
                    p class="govuk-body" { "Use the receipt code you were given when you sent your report. You can read replies and add more information." }
                    form method="post" action="/followup" novalidate {
                        (TextField {
                            field: "code",
                            label: "Your receipt code",
                            hint: Some("It has 20 letters and numbers, like 7KQ3 9XMA 2HD4 PQ8R T6WZ. Spaces and capital letters do not matter."),
                            value: typed,
                            rows: None,
                            max_chars: None,
                            code: true,
                        }.render(errors))
                        button type="submit" class="govuk-button" data-module="govuk-button" { "Continue" }
                    }
                    p class="govuk-body" {
                        "Lost your code? We cannot find it for you, because no one can see who sent a report. "
                        a class="govuk-link" href="/report" { "You can send a new report" } " and say it is about the same thing."
                    }
                    p class="govuk-body" { "When a report has been dealt with and closed, it is deleted after a while, and its code stops working." }
                    (emergency_inset())
                }
            }
        },
    )
}

/// One plain sentence about where the report is, at the top of the page, so a word such
/// as "Closed" never stands alone.
pub fn status_sentence(status: Status, school_name: &str) -> String {
    match status {
        Status::New => format!("Staff at {school_name} have your report."),
        Status::Closed => format!("Staff at {school_name} have finished working on this report."),
        _ => format!("Staff at {school_name} are working on your report."),
    }
}

/// The pupil's report and conversation. The code travels only in this POSTed page's form.
pub fn conversation(
    site: &Site,
    view: &PupilView,
    code: &ReceiptCode,
    notice: Option<&str>,
    errors: &[FieldError],
    draft: &str,
) -> Markup {
    page(
        site,
        "Your report",
        html! {
            div class="govuk-grid-row" {
                div class="govuk-grid-column-two-thirds" {
                    (error_summary(errors))
                    @if let Some(notice) = notice {
                        div class="govuk-notification-banner govuk-notification-banner--success" role="alert" aria-labelledby="notice-title" data-module="govuk-notification-banner" {
                            div class="govuk-notification-banner__header" {
                                h2 class="govuk-notification-banner__title" id="notice-title" { "Success" }
                            }
                            div class="govuk-notification-banner__content" {
                                p class="govuk-notification-banner__heading" { (notice) }
                            }
                        }
                    }
                    h1 class="govuk-heading-xl" { "Your report" }
                    p class="govuk-body-l" id="status" { (status_sentence(view.status, &view.school_name)) }
                    (messages(view))
                    @if view.status == Status::Closed {
                        div class="govuk-inset-text" {
                            "Staff finished working on this report. If you write again, it opens again and they are told."
                        }
                    }
                    form method="post" action="/followup/message" enctype="multipart/form-data" novalidate {
                        input type="hidden" name="code" value=(code.grouped().as_str());
                        (TextField {
                            field: "message",
                            label: "Add more information or reply",
                            hint: Some("Only the staff your report went to can read this."),
                            value: draft,
                            rows: Some(5),
                            max_chars: Some(MESSAGE_MAX),
                            code: false,
                        }.render(errors))
                        (pictures_field(errors, 0))
                        button type="submit" class="govuk-button" data-module="govuk-button" data-prevent-double-click="true" { "Send" }
                    }
                    (what_you_told_us(view))
                    p class="govuk-body" { a class="govuk-link" href="/" { "Finish and go to the home page" } }
                    (emergency_inset())
                }
            }
        },
    )
}

/// The conversation, newest first: the reply a pupil came back for is the first thing
/// under the status.
fn messages(view: &PupilView) -> Markup {
    html! {
        h2 class="govuk-heading-l" { "Messages" }
        @if view.messages.is_empty() {
            p class="govuk-body" {
                "No replies yet. Staff read reports " (view.reading_hours) ". Check again later."
            }
        } @else {
            p class="govuk-body" { "The newest message is first." }
            ul class="govuk-list confide-messages" {
                @for message in view.messages.iter().rev() {
                    li class={ "confide-message" @if message.from_pupil { " confide-message--pupil" } @else { " confide-message--staff" } } {
                        h3 class="govuk-heading-s govuk-!-margin-bottom-1" {
                            @if message.from_pupil { "You" } @else { "Staff at " (view.school_name) }
                            span class="govuk-body-s govuk-!-margin-left-2" { (format_uk(message.created_at)) }
                        }
                        (paragraphs(&message.text))
                    }
                }
            }
        }
    }
}

/// The report as it was sent, below the conversation.
fn what_you_told_us(view: &PupilView) -> Markup {
    let details = &view.details;
    html! {
        h2 class="govuk-heading-l" { "What you told us" }
        dl class="govuk-summary-list" {
            div class="govuk-summary-list__row" {
                dt class="govuk-summary-list__key" { "Sent to" }
                dd class="govuk-summary-list__value" { (view.school_name) }
            }
            div class="govuk-summary-list__row" {
                dt class="govuk-summary-list__key" { "Sent on" }
                dd class="govuk-summary-list__value" { (format_uk(view.created_at)) }
            }
            div class="govuk-summary-list__row" {
                dt class="govuk-summary-list__key" { "What kind of thing" }
                dd class="govuk-summary-list__value" { (view.category.label()) }
            }
            div class="govuk-summary-list__row" {
                dt class="govuk-summary-list__key" { "Where" }
                dd class="govuk-summary-list__value" { (view.location.label()) }
            }
        }
        (paragraphs(&details.what))
        @for (label, value) in [("When", &details.when), ("Who was involved", &details.who), ("Your name", &details.name), ("How to contact you", &details.contact)] {
            @if !value.is_empty() {
                h3 class="govuk-heading-s govuk-!-margin-bottom-1" { (label) }
                (paragraphs(value))
            }
        }
        @if view.pictures > 0 {
            p class="govuk-body" {
                "You have sent " (view.pictures) @if view.pictures == 1 { " picture" } @else { " pictures" }
                ". Only the staff your report went to can see them."
            }
        }
    }
}
