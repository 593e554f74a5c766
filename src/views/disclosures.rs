//! The staff pages for recording a disclosure made in person: the form, and what was done.

use maud::{html, Markup};

use super::forms::{error_summary, Radios, TextField, Words};
use super::layout::Site;
use super::staff::{csrf, page, Viewer};
use crate::app::disclosures::Recorded;
use crate::crypto::receipt::ReceiptCode;
use crate::domain::choices::{About, Category, Location};
use crate::domain::msg::FieldError;
use crate::domain::report::{ReportInput, CONTACT_MAX, NAME_MAX, WHAT_MAX, WHEN_MAX, WHO_MAX};
use crate::store::schools::School;

/// What the form holds: the schools to choose from and what was typed so far.
pub struct DisclosureForm<'a> {
    pub schools: &'a [School],
    pub school: &'a str,
    pub report: &'a ReportInput,
    pub paper_receipt: &'a str,
}

fn options<T: Copy>(
    all: &[T],
    value: fn(T) -> &'static str,
    label: fn(T) -> &'static str,
) -> Vec<(&'static str, String)> {
    all.iter()
        .map(|c| (value(*c), label(*c).to_owned()))
        .collect()
}

pub fn form(
    site: &Site,
    viewer: &Viewer<'_>,
    shown: &DisclosureForm<'_>,
    errors: &[FieldError],
) -> Markup {
    let input = shown.report;
    let v = ReportInput::value;
    let school_options: Vec<(&str, String)> = shown
        .schools
        .iter()
        .map(|s| (s.slug.as_str(), s.name.clone()))
        .collect();
    let radios = |field, legend, hint, options, selected, inline| Radios {
        words: Words::Staff,
        field,
        legend,
        hint,
        options,
        selected,
        inline,
    };
    let text = |field, label, hint, value, rows: Option<u32>, max| TextField {
        words: Words::Staff,
        field,
        label,
        hint,
        value,
        rows,
        max_chars: Some(max),
        code: false,
    };
    page(
        site,
        "Record a disclosure made in person",
        Some(viewer),
        html! {
            (error_summary(errors))
            h1 class="govuk-heading-xl" { "Record a disclosure made in person" }
            p class="govuk-body" { "When a pupil tells you something face to face, record it here. It goes to the same people as a report the pupil sends themselves, and is kept sealed in the same way. A report about a member of staff goes to the head teacher and the officer; one about the head teacher goes to the chair of governors and the officer." }
            p class="govuk-body" { "Write what the pupil said, in their words as far as you can. Do not ask for or collect any picture." }
            form method="post" action="/staff/disclosures" novalidate {
                (csrf(viewer))
                input type="hidden" name="submission" value=(v(&input.submission));
                (radios("school", "Which school is the pupil at?", None, school_options, shown.school, false).render(errors))
                (radios("category", "What kind of thing is it about?", None, options(Category::ALL, Category::as_str, Category::label), v(&input.category), false).render(errors))
                (radios("location", "Where did it happen?", None, options(Location::ALL, Location::as_str, Location::label), v(&input.location), false).render(errors))
                (radios("happening_now", "Is it happening now, or is the pupil in danger?", None, vec![("yes", "Yes".into()), ("no", "No".into())], v(&input.happening_now), true).render(errors))
                (radios("about", "Is it about an adult who works at the school?", None, options(About::ALL, About::as_str, About::label), v(&input.about), false).render(errors))
                (text("what", "What did the pupil tell you?", None, v(&input.what), Some(8), WHAT_MAX).render(errors))
                (text("when", "When did it happen? (optional)", None, v(&input.when), Some(2), WHEN_MAX).render(errors))
                (text("who", "Who was involved? (optional)", None, v(&input.who), Some(3), WHO_MAX).render(errors))
                (text("name", "The pupil's name (optional)", Some("Only if the pupil is happy for it to be given. It is sealed with the report, and a named report is kept for longer."), v(&input.name), None, NAME_MAX).render(errors))
                (text("contact", "How to reach the pupil (optional)", None, v(&input.contact), None, CONTACT_MAX).render(errors))
                (radios("paper_receipt", "Does the pupil want a receipt code on paper?", Some("With the code the pupil can read replies and add more without giving their name. Without it they cannot follow the report up online."), vec![("yes", "Yes, show me a code to write down for them".into()), ("no", "No".into())], shown.paper_receipt, false).render(errors))
                button type="submit" class="govuk-button" data-module="govuk-button" { "Record the disclosure" }
            }
        },
    )
}

/// After recording: the paper code (once, never again), and where the report went.
pub fn recorded(site: &Site, viewer: &Viewer<'_>, done: &Recorded) -> Markup {
    page(
        site,
        "Disclosure recorded",
        Some(viewer),
        html! {
            div class="govuk-panel govuk-panel--confirmation" {
                h1 class="govuk-panel__title" { "Disclosure recorded" }
                div class="govuk-panel__body" { "It went to " (done.recipients) " " (if done.recipients == 1 { "person" } else { "people" }) " at " (done.school.name) }
            }
            @if let Some(code) = &done.receipt {
                h2 class="govuk-heading-l" { "The pupil's receipt code" }
                p class="govuk-body" { "Write this down for the pupil now. It is shown only once and is not kept anywhere you can find it again." }
                p class="confide-receipt-code" dir="ltr" aria-label={ "Receipt code: " (code.grouped().as_str()) } {
                    @for group in code.groups() { span { (group) } " " }
                }
                p class="govuk-body" { "With it the pupil can read replies and add more at " strong { "/followup" } " on this site, without giving their name." }
            } @else {
                p class="govuk-body" { "No receipt code was given, so the pupil cannot follow this report up online. Staff can still reply to them in person." }
            }
            @if done.recorder_reads_it {
                p class="govuk-body" { a class="govuk-link" href={ "/staff/reports/" (done.report_id) } { "Open the report" } }
            } @else {
                p class="govuk-body" { "Because of who it is about, it went to others and not to you. You will not see it in your queue." }
            }
            p class="govuk-body" { a class="govuk-link" href="/staff" { "Back to the queue" } }
        },
    )
}

/// The same form sent twice: it was recorded once, and the paper code is shown again if
/// one was wanted and it is still within its few minutes.
pub fn already(site: &Site, viewer: &Viewer<'_>, code: Option<&ReceiptCode>) -> Markup {
    page(
        site,
        "Disclosure already recorded",
        Some(viewer),
        html! {
            h1 class="govuk-heading-xl" { "This disclosure is already recorded" }
            p class="govuk-body" { "It was recorded when the form was first sent, and has not been recorded twice." }
            @if let Some(code) = code {
                h2 class="govuk-heading-l" { "The pupil's receipt code" }
                p class="govuk-body" { "Write this down for the pupil now, if you have not already." }
                p class="confide-receipt-code" dir="ltr" aria-label={ "Receipt code: " (code.grouped().as_str()) } {
                    @for group in code.groups() { span { (group) } " " }
                }
            }
            p class="govuk-body" { a class="govuk-link" href="/staff" { "Back to the queue" } }
        },
    )
}
