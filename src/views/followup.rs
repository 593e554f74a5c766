//! The pupil's follow-up: enter the receipt code, then read the report, replies and add more.

use maud::{html, Markup};

use super::chrome::Chrome;
use super::components::{emergency_inset, paragraphs};
use super::forms::{error_summary_in, pictures_field, TextField, Words};
use super::layout::page;
use super::report::choice_key;
use super::report::PICTURE_HELP;
use crate::app::pupil::PupilView;
use crate::crypto::receipt::ReceiptCode;
use crate::domain::choices::Status;
use crate::domain::language::Language;
use crate::domain::msg::{FieldError, Msg};
use crate::domain::report::MESSAGE_MAX;
use crate::time::{format_numeric, format_uk};

/// The one answer for a code that is wrong, mistyped or unknown: it never says which.
pub const CODE_NOT_FOUND: FieldError = FieldError::new("code", Msg::CodeNotFound);

/// Nothing was typed in the code box.
pub const CODE_MISSING: FieldError = FieldError::new("code", Msg::CodeMissing);

/// The code box, keeping what was typed so one wrong character need not mean typing all 20 again.
pub fn enter_code(chrome: &Chrome<'_>, errors: &[FieldError], typed: &str) -> Markup {
    let heading = chrome.t("nav-followup");
    let title = if errors.is_empty() {
        heading.clone()
    } else {
        chrome.with("error-title", &[("title", heading.as_str().into())])
    };
    let (label, hint) = (chrome.t("code-label"), chrome.t("code-hint"));
    page(
        chrome,
        &title,
        html! {
            div class="govuk-grid-row" {
                div class="govuk-grid-column-two-thirds" {
                    (error_summary_in(Words::Pupil(chrome.tr), errors))
                    h1 class="govuk-heading-xl" { (heading) }
                    p class="govuk-body" { (chrome.t("code-intro")) }
                    form method="post" action=(chrome.href("/followup")) novalidate {
                        (TextField {
                            words: Words::Pupil(chrome.tr),
                            field: "code",
                            label: &label,
                            hint: Some(&hint),
                            value: typed,
                            rows: None,
                            max_chars: None,
                            code: true,
                        }.render(errors))
                        button type="submit" class="govuk-button" data-module="govuk-button" { (chrome.t("continue")) }
                    }
                    p class="govuk-body" {
                        (chrome.t("code-lost")) " "
                        a class="govuk-link" href=(chrome.href("/report")) { (chrome.t("code-lost-new")) }
                    }
                    p class="govuk-body" { (chrome.t("code-expires")) }
                    (emergency_inset(chrome))
                }
            }
        },
    )
}

/// One plain sentence about where the report is, at the top of the page, so a word such
/// as "Closed" never stands alone.
pub fn status_sentence(chrome: &Chrome<'_>, status: Status, school_name: &str) -> String {
    let key = match status {
        Status::New => "status-new",
        Status::Closed => "status-closed",
        _ => "status-open",
    };
    chrome.with(key, &[("school", school_name.into())])
}

/// The pupil's report and conversation. The code travels only in this POSTed page's form.
pub fn conversation(
    chrome: &Chrome<'_>,
    view: &PupilView,
    code: &ReceiptCode,
    notice: Option<&str>,
    errors: &[FieldError],
    draft: &str,
) -> Markup {
    let heading = chrome.t("your-report");
    let (label, hint) = (chrome.t("message-label"), chrome.t("message-hint"));
    page(
        chrome,
        &heading,
        html! {
            div class="govuk-grid-row" {
                div class="govuk-grid-column-two-thirds" {
                    (error_summary_in(Words::Pupil(chrome.tr), errors))
                    @if let Some(notice) = notice {
                        div class="govuk-notification-banner govuk-notification-banner--success" role="alert" aria-labelledby="notice-title" data-module="govuk-notification-banner" {
                            div class="govuk-notification-banner__header" {
                                h2 class="govuk-notification-banner__title" id="notice-title" { (chrome.t("success")) }
                            }
                            div class="govuk-notification-banner__content" {
                                p class="govuk-notification-banner__heading" { (chrome.t(notice)) }
                            }
                        }
                    }
                    h1 class="govuk-heading-xl" { (heading) }
                    p class="govuk-body-l" id="status" { (status_sentence(chrome, view.status, &view.school_name)) }
                    @if let Some(seen) = view.acknowledged_at {
                        p class="govuk-body" id="seen" { (chrome.rich("status-seen", &[("school", view.school_name.as_str().into())], &[("when", when(chrome, seen))])) }
                    }
                    (messages(chrome, view))
                    @if view.status == Status::Closed {
                        div class="govuk-inset-text" { (chrome.t("closed-reopens")) }
                    }
                    form method="post" action=(chrome.href("/followup/message")) enctype="multipart/form-data" novalidate {
                        input type="hidden" name="code" value=(code.grouped().as_str());
                        (TextField {
                            words: Words::Pupil(chrome.tr),
                            field: "message",
                            label: &label,
                            hint: Some(&hint),
                            value: draft,
                            rows: Some(5),
                            max_chars: Some(MESSAGE_MAX),
                            code: false,
                        }.render(errors))
                        // A kind that takes no pictures never offers to add one.
                        @if view.category.forbids_pictures() {
                            div class="govuk-inset-text" {
                                p class="govuk-body" { strong { (chrome.t("nude-never-send")) } }
                                p class="govuk-body" { a class="govuk-link" href=(chrome.href(PICTURE_HELP)) { (chrome.t("nude-help-link")) } }
                            }
                        } @else {
                            (pictures_field(&chrome.tr, errors, 0))
                        }
                        button type="submit" class="govuk-button" data-module="govuk-button" data-prevent-double-click="true" { (chrome.t("send")) }
                    }
                    (super::followup_later::later(chrome, view, code, errors))
                    (what_you_told_us(chrome, view))
                    p class="govuk-body" { a class="govuk-link" href=(chrome.href("/")) { (chrome.t("finish")) } }
                    (emergency_inset(chrome))
                }
            }
        },
    )
}

/// A date and time, kept left to right in any language: in words in English, in
/// numbers in the others (month names are not in the catalogues).
fn when(chrome: &Chrome<'_>, at: crate::time::Timestamp) -> Markup {
    let shown = if chrome.lang() == Language::SOURCE {
        format_uk(at)
    } else {
        format_numeric(at)
    };
    html! { bdi dir="ltr" { (shown) } }
}

/// The conversation, newest first: the reply a pupil came back for is the first thing
/// under the status.
fn messages(chrome: &Chrome<'_>, view: &PupilView) -> Markup {
    html! {
        h2 class="govuk-heading-l" { (chrome.t("messages-heading")) }
        @if view.messages.is_empty() {
            p class="govuk-body" { (chrome.with("no-replies", &[("hours", view.reading_hours.as_str().into())])) }
        } @else {
            p class="govuk-body" { (chrome.t("newest-first")) }
            ul class="govuk-list confide-messages" {
                @for message in view.messages.iter().rev() {
                    li class={ "confide-message" @if message.from_pupil { " confide-message--pupil" } @else { " confide-message--staff" } } {
                        h3 class="govuk-heading-s govuk-!-margin-bottom-1" {
                            @if message.from_pupil { (chrome.t("from-you")) } @else { (chrome.with("from-staff", &[("school", view.school_name.as_str().into())])) }
                            span class="govuk-body-s govuk-!-margin-left-2" { (when(chrome, message.created_at)) }
                        }
                        (paragraphs(&message.text))
                    }
                }
            }
        }
    }
}

/// The report as it was sent, below the conversation.
fn what_you_told_us(chrome: &Chrome<'_>, view: &PupilView) -> Markup {
    let details = &view.details;
    let rows = [
        ("told-sent-to", html! { (view.school_name) }),
        ("told-sent-on", when(chrome, view.created_at)),
        (
            "told-kind",
            html! { (chrome.t(&choice_key("category", view.category.as_str()))) },
        ),
        (
            "told-where",
            html! { (chrome.t(&choice_key("location", view.location.as_str()))) },
        ),
    ];
    html! {
        h2 class="govuk-heading-l" { (chrome.t("told-heading")) }
        dl class="govuk-summary-list" {
            @for (key, value) in rows {
                div class="govuk-summary-list__row" {
                    dt class="govuk-summary-list__key" { (chrome.t(key)) }
                    dd class="govuk-summary-list__value" { (value) }
                }
            }
        }
        (paragraphs(&details.what))
        @for (key, value) in [("told-when", &details.when), ("told-who", &details.who), ("told-name", &details.name), ("told-contact", &details.contact)] {
            @if !value.is_empty() {
                h3 class="govuk-heading-s govuk-!-margin-bottom-1" { (chrome.t(key)) }
                (paragraphs(value))
            }
        }
        @if view.pictures > 0 {
            p class="govuk-body" { (chrome.with("told-pictures", &[("count", view.pictures.into())])) }
        }
    }
}
