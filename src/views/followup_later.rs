//! On the pupil's report page: giving their name later, and asking to talk to someone,
//! each saying plainly what changes when they do.

use maud::{html, Markup};

use super::chrome::Chrome;
use super::forms::{TextField, Words};
use crate::app::pupil::PupilView;
use crate::crypto::receipt::ReceiptCode;
use crate::domain::msg::FieldError;
use crate::domain::report::{CONTACT_MAX, NAME_MAX};

pub fn later(
    chrome: &Chrome<'_>,
    view: &PupilView,
    code: &ReceiptCode,
    errors: &[FieldError],
) -> Markup {
    let text = |field, label: &str, max| {
        TextField {
            words: Words::Pupil(chrome.tr),
            field,
            label,
            hint: None,
            value: "",
            rows: None,
            max_chars: Some(max),
            code: false,
        }
        .render(errors)
    };
    html! {
        h2 class="govuk-heading-l" id="talk" { (chrome.t("talk-heading")) }
        @if view.talk_requested {
            p class="govuk-body" id="talk-asked" { (chrome.t("talk-asked")) }
        } @else {
            p class="govuk-body" { (chrome.t("talk-intro")) }
            form method="post" action=(chrome.href("/followup/later")) novalidate {
                input type="hidden" name="code" value=(code.grouped().as_str());
                input type="hidden" name="action" value="talk";
                button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button" data-prevent-double-click="true" { (chrome.t("talk-button")) }
            }
        }
        h2 class="govuk-heading-l" id="later" { (chrome.t("later-heading")) }
        p class="govuk-body" { (chrome.t("later-intro")) }
        p class="govuk-body" { (chrome.t("later-kept")) }
        form method="post" action=(chrome.href("/followup/later")) novalidate {
            input type="hidden" name="code" value=(code.grouped().as_str());
            input type="hidden" name="action" value="name";
            (text("name", &chrome.t("later-name-label"), NAME_MAX))
            (text("contact", &chrome.t("later-contact-label"), CONTACT_MAX))
            button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button" data-prevent-double-click="true" { (chrome.t("later-button")) }
        }
    }
}
