//! The report form, the "in danger now" interruption, and the receipt page.

use maud::{html, Markup};

use super::chrome::{phone, Chrome};
use super::components::{emergency_inset, listen_button};
use super::forms::{error_summary_in, pictures_field, Radios, TextField, Words};
use super::layout::school_page;
use crate::app::on_call::Cover;
use crate::app::pictures::MAX_PICTURES;
use crate::app::sending::Receipt;
use crate::domain::choices::{About, Category, Location};
use crate::domain::msg::FieldError;
use crate::domain::report::{
    DangerStep, ReportInput, CONTACT_MAX, NAME_MAX, WHAT_MAX, WHEN_MAX, WHO_MAX,
};
use crate::store::schools::School;
use crate::time::rota::weekday_and_clock;

fn v(field: &Option<String>) -> &str {
    ReportInput::value(field)
}

/// The catalogue key of a fixed answer's words (`category`, `online_bullying` →
/// `category-online-bullying`).
pub fn choice_key(list: &str, value: &str) -> String {
    format!("{list}-{}", value.replace('_', "-"))
}

/// The form, empty or as the pupil left it with messages beside each problem.
pub fn form(
    chrome: &Chrome<'_>,
    school: &School,
    input: &ReportInput,
    errors: &[FieldError],
) -> Markup {
    let heading = chrome.t("report-heading");
    let title = if errors.is_empty() {
        heading.clone()
    } else {
        chrome.with("error-title", &[("title", heading.as_str().into())])
    };
    let school_name = [
        ("school", school.name.as_str().into()),
        ("hours", school.reading_hours.as_str().into()),
    ];
    school_page(
        chrome,
        &school.slug,
        &title,
        html! {
            div class="govuk-grid-row" {
                div class="govuk-grid-column-two-thirds" data-confide-read {
                    (error_summary_in(Words::Pupil(chrome.tr), errors))
                    span class="govuk-caption-l" { (school.name) }
                    h1 class="govuk-heading-xl" { (heading) }
                    p class="govuk-body-l" { (chrome.t("report-intro")) }
                    p class="govuk-body" { (chrome.with("report-goes-to", &school_name)) }
                    (listen_button(chrome, chrome.lang()))
                    form method="post" action=(chrome.href(&format!("/s/{}/report", school.slug))) enctype="multipart/form-data" novalidate {
                        (once_fields(input))
                        (choices(chrome, input, errors))
                        (own_words(chrome, input, errors))
                        (pictures_field(&chrome.tr, errors, input.held(MAX_PICTURES)))
                        (about_you(chrome, input, errors))
                        button type="submit" class="govuk-button" data-module="govuk-button" data-prevent-double-click="true" { (chrome.t("send-report")) }
                    }
                    (emergency_inset(chrome))
                }
            }
        },
    )
}

/// The four questions with fixed answers: what, where, happening now, about staff.
fn choices(chrome: &Chrome<'_>, input: &ReportInput, errors: &[FieldError]) -> Markup {
    let words = Words::Pupil(chrome.tr);
    let options = |list: &str, values: Vec<&'static str>| -> Vec<(&'static str, String)> {
        values
            .into_iter()
            .map(|v| (v, chrome.t(&choice_key(list, v))))
            .collect()
    };
    let (category, category_hint) = (chrome.t("category-legend"), chrome.t("category-hint"));
    let location = chrome.t("location-legend");
    let now = chrome.t("happening-now-legend");
    let (about, about_hint) = (chrome.t("about-legend"), chrome.t("about-hint"));
    html! {
        (Radios {
            words,
            field: "category",
            legend: &category,
            hint: Some(&category_hint),
            options: options("category", Category::ALL.iter().map(|c| c.as_str()).collect()),
            selected: v(&input.category),
            inline: false,
        }.render(errors))
        (Radios {
            words,
            field: "location",
            legend: &location,
            hint: None,
            options: options("location", Location::ALL.iter().map(|l| l.as_str()).collect()),
            selected: v(&input.location),
            inline: false,
        }.render(errors))
        (Radios {
            words,
            field: "happening_now",
            legend: &now,
            hint: None,
            options: vec![("yes", chrome.t("answer-yes")), ("no", chrome.t("answer-no"))],
            selected: v(&input.happening_now),
            inline: true,
        }.render(errors))
        (Radios {
            words,
            field: "about",
            legend: &about,
            hint: Some(&about_hint),
            options: options("about", About::ALL.iter().map(|a| a.as_str()).collect()),
            selected: v(&input.about),
            inline: false,
        }.render(errors))
    }
}

/// A free-text question of the report form, its words from the catalogue by `key`.
fn text_field(
    chrome: &Chrome<'_>,
    input: &Option<String>,
    errors: &[FieldError],
    (field, key, hint, rows, max): (&str, &str, bool, Option<u32>, usize),
) -> Markup {
    let label = chrome.t(&format!("{key}-label"));
    let hint = hint.then(|| chrome.t(&format!("{key}-hint")));
    TextField {
        words: Words::Pupil(chrome.tr),
        field,
        label: &label,
        hint: hint.as_deref(),
        value: v(input),
        rows,
        max_chars: Some(max),
        code: false,
    }
    .render(errors)
}

/// What happened, when, and who, in the pupil's own words.
fn own_words(chrome: &Chrome<'_>, input: &ReportInput, errors: &[FieldError]) -> Markup {
    html! {
        (text_field(chrome, &input.what, errors, ("what", "what", true, Some(8), WHAT_MAX)))
        (text_field(chrome, &input.when, errors, ("when", "when", true, None, WHEN_MAX)))
        (text_field(chrome, &input.who, errors, ("who", "who", true, Some(3), WHO_MAX)))
    }
}

/// The optional name and way to reach the pupil.
fn about_you(chrome: &Chrome<'_>, input: &ReportInput, errors: &[FieldError]) -> Markup {
    html! {
        h2 class="govuk-heading-l" { (chrome.t("about-you-heading")) }
        p class="govuk-body" {
            strong { (chrome.t("about-you-optional")) }
            " " (chrome.t("about-you-why"))
        }
        (text_field(chrome, &input.name, errors, ("name", "name", false, None, NAME_MAX)))
        (text_field(chrome, &input.contact, errors, ("contact", "contact", true, None, CONTACT_MAX)))
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
pub fn in_danger(chrome: &Chrome<'_>, school: &School, input: &ReportInput) -> Markup {
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
    let heading = chrome.t("danger-heading");
    school_page(
        chrome,
        &school.slug,
        &heading,
        html! {
            div class="govuk-grid-row" {
                div class="govuk-grid-column-two-thirds" {
                    div class="confide-interruption" {
                        h1 class="govuk-heading-xl" { (heading) }
                        p class="govuk-body-l" { (chrome.rich("danger-call", &[], &[("emergency", phone("999"))])) }
                        p class="govuk-body" { (chrome.t("danger-cannot-speak")) }
                        p class="govuk-body" { (chrome.rich("danger-childline", &[], &[("childline", phone("0800 1111"))])) }
                    }
                    div class="govuk-warning-text" {
                        span class="govuk-warning-text__icon" aria-hidden="true" { "!" }
                        strong class="govuk-warning-text__text" {
                            span class="govuk-visually-hidden" { (chrome.t("warning")) }
                            (chrome.with("danger-not-sent", &[("school", school.name.as_str().into()), ("hours", school.reading_hours.as_str().into())]))
                        }
                    }
                    @if held > 0 {
                        p class="govuk-body" { (chrome.with("danger-pictures-held", &[("count", held.into())])) }
                    }
                    form method="post" action=(chrome.href(&format!("/s/{}/report", school.slug))) {
                        (once_fields(input))
                        @for (name, value) in hidden {
                            input type="hidden" name=(name) value=(v(value));
                        }
                        div class="govuk-button-group" {
                            button type="submit" name="urgent_seen" value=(DangerStep::SendNow.as_str()) class="govuk-button" data-module="govuk-button" data-prevent-double-click="true" { (chrome.t("danger-send")) }
                            button type="submit" name="urgent_seen" value=(DangerStep::GoBack.as_str()) class="govuk-button govuk-button--secondary" data-module="govuk-button" { (chrome.t("danger-go-back")) }
                        }
                    }
                }
            }
        },
    )
}

/// "Check for a reply", linked, in the page's language.
fn followup_link(chrome: &Chrome<'_>) -> Markup {
    html! { a class="govuk-link" href=(chrome.href("/followup")) { (chrome.t("nav-followup")) } }
}

/// The receipt: the code in large type, and what happens next. Shown again (the same
/// code) if the page is reloaded or the form sent again within a few minutes. `lost`
/// pictures chosen on an earlier page were held too long to send.
pub fn sent(chrome: &Chrome<'_>, school: &School, receipt: &Receipt, lost: usize) -> Markup {
    let Receipt {
        code: receipt,
        cover,
        pictures: kept,
    } = receipt;
    let heading = chrome.t("sent-heading");
    school_page(
        chrome,
        &school.slug,
        &heading,
        html! {
            div class="govuk-grid-row" {
                div class="govuk-grid-column-two-thirds" {
                    div class="govuk-panel govuk-panel--confirmation" {
                        h1 class="govuk-panel__title" { (heading) }
                        div class="govuk-panel__body" { (chrome.t("sent-thanks")) }
                    }
                    h2 class="govuk-heading-l" { (chrome.t("receipt-heading")) }
                    // A code reads left to right in every language.
                    p class="confide-receipt-code" dir="ltr" aria-label=(chrome.with("receipt-label", &[("code", receipt.grouped().as_str().into())])) {
                        @for group in receipt.groups() { span { (group) } " " }
                    }
                    p class="govuk-body" {
                        strong { (chrome.t("receipt-write-down")) }
                        " " (chrome.t("receipt-why"))
                    }
                    p class="govuk-body" { (chrome.t("receipt-private")) }
                    button type="button" class="govuk-button govuk-button--secondary" data-module="govuk-button" data-confide-print { (chrome.t("receipt-print")) }
                    @if *kept > 0 {
                        p class="govuk-body" { (chrome.with("receipt-pictures-kept", &[("count", (*kept).into())])) }
                    }
                    @if lost > 0 {
                        div class="govuk-warning-text" {
                            span class="govuk-warning-text__icon" aria-hidden="true" { "!" }
                            strong class="govuk-warning-text__text" {
                                span class="govuk-visually-hidden" { (chrome.t("warning")) }
                                (chrome.rich("receipt-pictures-lost", &[("count", lost.into())], &[("link", followup_link(chrome))]))
                            }
                        }
                    }
                    h2 class="govuk-heading-m" { (chrome.t("next-heading")) }
                    @if let Some(cover) = cover {
                        (urgent_next(chrome, school, *cover))
                    }
                    p class="govuk-body" {
                        (chrome.rich("next-staff-read", &[("school", school.name.as_str().into())], &[("hours", html! { strong { (school.reading_hours) } })])) " "
                        (chrome.t("next-staff-reply"))
                    }
                    p class="govuk-body" { (chrome.rich("receipt-read-replies", &[], &[("link", followup_link(chrome))])) }
                    (emergency_inset(chrome))
                    p class="govuk-body" { a class="govuk-link" href=(chrome.href("/")) { (chrome.t("go-home")) } }
                }
            }
        },
    )
}

/// What happens now to an urgent report, honestly: read now, someone on call told, or
/// nobody until the school's hours start (then 999 first, as a warning).
fn urgent_next(chrome: &Chrome<'_>, school: &School, cover: Cover) -> Markup {
    const DAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
    match cover {
        Cover::InHours => {
            html! { p class="govuk-body" id="urgent-cover" { (chrome.t("next-urgent")) } }
        }
        Cover::OnCall => html! {
            p class="govuk-body" id="urgent-cover" {
                strong { (chrome.with("next-urgent-on-call", &[("school", school.name.as_str().into())])) }
            }
        },
        Cover::NobodyUntil(at) => {
            let (day, time) = weekday_and_clock(at);
            let day = DAYS.get(day as usize).copied().unwrap_or("mon");
            html! {
                div class="govuk-warning-text" id="urgent-cover" {
                    span class="govuk-warning-text__icon" aria-hidden="true" { "!" }
                    strong class="govuk-warning-text__text" {
                        span class="govuk-visually-hidden" { (chrome.t("warning")) }
                        (chrome.rich("next-urgent-nobody", &[("day", day.into())], &[("time", html! { bdi dir="ltr" { (time) } })])) " "
                        (chrome.rich("next-urgent-call", &[], &[("phone", phone("999"))]))
                    }
                }
            }
        }
    }
}

/// The same form sent again after its receipt code can no longer be shown: nothing new
/// was stored.
pub fn already_sent(chrome: &Chrome<'_>, school: &School) -> Markup {
    let heading = chrome.t("already-sent-heading");
    school_page(
        chrome,
        &school.slug,
        &heading,
        html! {
            div class="govuk-grid-row" {
                div class="govuk-grid-column-two-thirds" {
                    h1 class="govuk-heading-xl" { (heading) }
                    p class="govuk-body" { (chrome.with("already-sent-text", &[("school", school.name.as_str().into())])) }
                    p class="govuk-body" {
                        (chrome.rich("already-sent-next", &[], &[
                            ("link", followup_link(chrome)),
                            ("new", html! { a class="govuk-link" href=(chrome.href(&format!("/s/{}/report", school.slug))) { (chrome.t("send-new-report")) } }),
                        ]))
                    }
                    (emergency_inset(chrome))
                }
            }
        },
    )
}
