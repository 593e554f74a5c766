//! The report form, the "in danger now" interruption, and the receipt page.

use maud::{html, Markup};

use super::components::emergency_inset;
use super::forms::{error_summary, pictures, pictures_field, Radios, TextField};
use super::layout::{school_page, Site};
use crate::app::pictures::MAX_PICTURES;
use crate::app::sending::Receipt;
use crate::domain::choices::{About, Category, Location};
use crate::domain::msg::FieldError;
use crate::domain::report::{
    DangerStep, ReportInput, CONTACT_MAX, NAME_MAX, WHAT_MAX, WHEN_MAX, WHO_MAX,
};
use crate::store::schools::School;

fn v(field: &Option<String>) -> &str {
    ReportInput::value(field)
}

/// The form, empty or as the pupil left it with messages beside each problem.
pub fn form(site: &Site, school: &School, input: &ReportInput, errors: &[FieldError]) -> Markup {
    let title = if errors.is_empty() {
        "Tell us what is happening".to_owned()
    } else {
        "Error: Tell us what is happening".to_owned()
    };
    school_page(
        site,
        &school.slug,
        &title,
        html! {
            div class="govuk-grid-row" {
                div class="govuk-grid-column-two-thirds" {
                    (error_summary(errors))
                    span class="govuk-caption-l" { (school.name) }
                    h1 class="govuk-heading-xl" { "Tell us what is happening" }
                    p class="govuk-body-l" { "It takes about 3 minutes. You do not have to give your name." }
                    p class="govuk-body" {
                        "Your report goes only to the staff who keep pupils safe at " (school.name)
                        " and the school's police officer. They read reports " (school.reading_hours) "."
                    }
                    form method="post" action={ "/s/" (school.slug) "/report" } enctype="multipart/form-data" novalidate {
                        (once_fields(input))
                        (choices(input, errors))
                        (own_words(input, errors))
                        (pictures_field(errors, input.held(MAX_PICTURES)))
                        (about_you(input, errors))
                        button type="submit" class="govuk-button" data-module="govuk-button" data-prevent-double-click="true" { "Send report" }
                    }
                    (emergency_inset())
                }
            }
        },
    )
}

/// The four questions with fixed answers: what, where, happening now, about staff.
fn choices(input: &ReportInput, errors: &[FieldError]) -> Markup {
    html! {
        (Radios {
            field: "category",
            legend: "What kind of thing is happening?",
            hint: Some("Choose the one that fits best."),
            options: Category::ALL.iter().map(|c| (c.as_str(), c.label())).collect(),
            selected: v(&input.category),
            inline: false,
        }.render(errors))
        (Radios {
            field: "location",
            legend: "Where did it happen?",
            hint: None,
            options: Location::ALL.iter().map(|l| (l.as_str(), l.label())).collect(),
            selected: v(&input.location),
            inline: false,
        }.render(errors))
        (Radios {
            field: "happening_now",
            legend: "Is it happening now, or are you in danger?",
            hint: None,
            options: vec![("yes", "Yes"), ("no", "No")],
            selected: v(&input.happening_now),
            inline: true,
        }.render(errors))
        (Radios {
            field: "about",
            legend: "Is this about an adult who works at your school?",
            hint: Some("For example a teacher, teaching assistant, coach or office worker. If it is, your report goes to different people."),
            options: About::ALL.iter().map(|a| (a.as_str(), a.label())).collect(),
            selected: v(&input.about),
            inline: false,
        }.render(errors))
    }
}

/// What happened, when, and who, in the pupil's own words.
fn own_words(input: &ReportInput, errors: &[FieldError]) -> Markup {
    html! {
        (TextField {
            field: "what",
            label: "What happened?",
            hint: Some("Say it in your own words. Include anything you think is important."),
            value: v(&input.what),
            rows: Some(8),
            max_chars: Some(WHAT_MAX),
            code: false,
        }.render(errors))
        (TextField {
            field: "when",
            label: "When did it happen? (optional)",
            hint: Some("For example: yesterday at lunch, every Monday, since September."),
            value: v(&input.when),
            rows: None,
            max_chars: Some(WHEN_MAX),
            code: false,
        }.render(errors))
        (TextField {
            field: "who",
            label: "Who was involved? (optional)",
            hint: Some("Names, what they look like, or their year group, if you know."),
            value: v(&input.who),
            rows: Some(3),
            max_chars: Some(WHO_MAX),
            code: false,
        }.render(errors))
    }
}

/// The optional name and way to reach the pupil.
fn about_you(input: &ReportInput, errors: &[FieldError]) -> Markup {
    html! {
        h2 class="govuk-heading-l" { "About you (optional)" }
        p class="govuk-body" {
            strong { "You do not have to tell us who you are." }
            " If you do, staff can talk to you and help you more quickly."
        }
        (TextField {
            field: "name",
            label: "Your name (optional)",
            hint: None,
            value: v(&input.name),
            rows: None,
            max_chars: Some(NAME_MAX),
            code: false,
        }.render(errors))
        (TextField {
            field: "contact",
            label: "How should we contact you? (optional)",
            hint: Some("For example: your tutor group, or a safe time to talk."),
            value: v(&input.contact),
            rows: None,
            max_chars: Some(CONTACT_MAX),
            code: false,
        }.render(errors))
    }
}

/// The form's one-time token and the pictures held for it, carried from page to page.
fn once_fields(input: &ReportInput) -> Markup {
    html! {
        input type="hidden" name="submission" value=(v(&input.submission));
        @if input.held(MAX_PICTURES) > 0 {
            input type="hidden" name="held_pictures" value=(input.held(MAX_PICTURES));
        }
    }
}

/// Before an urgent report is sent: the emergency numbers first, then the choice to send.
pub fn in_danger(site: &Site, school: &School, input: &ReportInput) -> Markup {
    let hidden: [(&str, &Option<String>); 9] = [
        ("category", &input.category),
        ("location", &input.location),
        ("happening_now", &input.happening_now),
        ("about", &input.about),
        ("what", &input.what),
        ("when", &input.when),
        ("who", &input.who),
        ("name", &input.name),
        ("contact", &input.contact),
    ];
    let held = input.held(MAX_PICTURES);
    school_page(
        site,
        &school.slug,
        "If you are in danger now, call 999",
        html! {
            div class="govuk-grid-row" {
                div class="govuk-grid-column-two-thirds" {
                    div class="confide-interruption" {
                        h1 class="govuk-heading-xl" { "If you are in danger now, call 999" }
                        p class="govuk-body-l" {
                            "Call " a class="govuk-link" href="tel:999" { "999" }
                            " if someone is hurting you, or you or someone else is in danger right now. "
                            "It is free from any phone, even one with no credit."
                        }
                        p class="govuk-body" {
                            "If you cannot speak, call 999, listen to the questions, then cough or tap the phone. "
                            "On a mobile, press 55 when asked and the police will know it is an emergency."
                        }
                        p class="govuk-body" {
                            "To talk to someone now, call Childline free on "
                            a class="govuk-link" href="tel:08001111" { "0800 1111" } ", any time, day or night."
                        }
                    }
                    div class="govuk-warning-text" {
                        span class="govuk-warning-text__icon" aria-hidden="true" { "!" }
                        strong class="govuk-warning-text__text" {
                            span class="govuk-visually-hidden" { "Warning" }
                            "Your report has not been sent yet. Staff at " (school.name)
                            " read reports " (school.reading_hours) ", so they may not see it straight away."
                        }
                    }
                    @if held > 0 {
                        p class="govuk-body" {
                            "The " (pictures(held)) " you chose will be sent with your report. "
                            "We keep " @if held == 1 { "it" } @else { "them" } " for 30 minutes while you decide."
                        }
                    }
                    form method="post" action={ "/s/" (school.slug) "/report" } {
                        (once_fields(input))
                        @for (name, value) in hidden {
                            input type="hidden" name=(name) value=(v(value));
                        }
                        div class="govuk-button-group" {
                            button type="submit" name="urgent_seen" value=(DangerStep::SendNow.as_str()) class="govuk-button" data-module="govuk-button" data-prevent-double-click="true" { "Send my report now" }
                            button type="submit" name="urgent_seen" value=(DangerStep::GoBack.as_str()) class="govuk-button govuk-button--secondary" data-module="govuk-button" { "Go back and change it" }
                        }
                    }
                }
            }
        },
    )
}

/// The receipt: the code in large type, and what happens next. Shown again (the same
/// code) if the page is reloaded or the form sent again within a few minutes. `lost`
/// pictures chosen on an earlier page were held too long to send.
pub fn sent(site: &Site, school: &School, receipt: &Receipt, lost: usize) -> Markup {
    let Receipt {
        code: receipt,
        urgent,
        pictures: kept,
    } = receipt;
    school_page(
        site,
        &school.slug,
        "Your report has been sent",
        html! {
            div class="govuk-grid-row" {
                div class="govuk-grid-column-two-thirds" {
                    div class="govuk-panel govuk-panel--confirmation" {
                        h1 class="govuk-panel__title" { "Your report has been sent" }
                        div class="govuk-panel__body" { "Thank you for telling us." }
                    }
                    h2 class="govuk-heading-l" { "Your receipt code" }
                    p class="confide-receipt-code" aria-label={ "Receipt code: " (receipt.grouped().as_str()) } {
                        @for group in receipt.groups() { span { (group) } " " }
                    }
                    p class="govuk-body" {
                        strong { "Write this code down or take a photo of it now." }
                        " You need it to read replies and to add more to your report. "
                        "Once you leave this page we cannot show it to you again, and no one can look it up for you."
                    }
                    p class="govuk-body" { "Keep it somewhere private. Anyone with the code can read your report." }
                    button type="button" class="govuk-button govuk-button--secondary" data-module="govuk-button" data-confide-print { "Print or save this page" }
                    @if *kept > 0 {
                        p class="govuk-body" {
                            "We kept " (pictures(*kept))
                            " with your report, without where a photo was taken or what phone took it."
                        }
                    }
                    @if lost > 0 {
                        div class="govuk-warning-text" {
                            span class="govuk-warning-text__icon" aria-hidden="true" { "!" }
                            strong class="govuk-warning-text__text" {
                                span class="govuk-visually-hidden" { "Warning" }
                                "The " (pictures(lost)) " you chose before " @if lost == 1 { "was" } @else { "were" }
                                " not sent: we keep pictures for 30 minutes only. To send "
                                @if lost == 1 { "it" } @else { "them" } ", go to "
                                a class="govuk-link" href="/followup" { "Check for a reply" }
                                ", type your code and choose " @if lost == 1 { "it" } @else { "them" } " again."
                            }
                        }
                    }
                    h2 class="govuk-heading-m" { "What happens next" }
                    @if *urgent {
                        p class="govuk-body" { "You said this is happening now, so your report is marked as urgent." }
                    }
                    p class="govuk-body" {
                        "Staff at " (school.name) " read reports " strong { (school.reading_hours) } ". "
                        "They will read what you wrote and decide how to help. They may reply to you here."
                    }
                    p class="govuk-body" {
                        "To read a reply or add more, go to "
                        a class="govuk-link" href="/followup" { "Check for a reply" }
                        " and type your code."
                    }
                    (emergency_inset())
                    p class="govuk-body" { a class="govuk-link" href="/" { "Go to the home page" } }
                }
            }
        },
    )
}

/// The same form sent again after its receipt code can no longer be shown: nothing new
/// was stored.
pub fn already_sent(site: &Site, school: &School) -> Markup {
    school_page(
        site,
        &school.slug,
        "Your report was already sent",
        html! {
            div class="govuk-grid-row" {
                div class="govuk-grid-column-two-thirds" {
                    h1 class="govuk-heading-xl" { "Your report was already sent" }
                    p class="govuk-body" {
                        "We have your report for " (school.name) ", so we did not send it again. "
                        "Its receipt code was shown when you sent it, and we cannot show it again."
                    }
                    p class="govuk-body" {
                        "If you wrote the code down, go to "
                        a class="govuk-link" href="/followup" { "Check for a reply" }
                        " to read replies and add more. If you did not, "
                        a class="govuk-link" href={ "/s/" (school.slug) "/report" } { "send a new report" }
                        " and say it is about the same thing."
                    }
                    (emergency_inset())
                }
            }
        },
    )
}
