//! The administrators' page of on-call chains: each chain's contacts in the order they are
//! told, the schools it covers, what to put right, and the forms that change them.

use maud::{html, Markup};

use super::forms::error_summary;
use super::layout::Site;
use super::staff::{csrf, page, Viewer};
use crate::app::rota::ChainView;
use crate::domain::msg::FieldError;
use crate::store::schools::School;

/// What a change did, for the banner after it (fixed words only).
pub fn done_notice(done: &str) -> Option<&'static str> {
    Some(match done {
        "chain" => "On-call chain added",
        "contact" => "Contact added to the end of the chain",
        "removed" => "Contact taken off the chain",
        "school" => "The school's on-call cover was changed",
        _ => return None,
    })
}

/// A text input whose `id` is unique on the page and whose `name` is what the form sends.
fn field(id: &str, name: &str, label: &str, hint: Option<&str>, width: &str) -> Markup {
    html! {
        div class="govuk-form-group" {
            label class="govuk-label" for=(id) { (label) }
            @if let Some(hint) = hint { div class="govuk-hint" id={ (id) "-hint" } { (hint) } }
            input class={ "govuk-input " (width) } id=(id) name=(name) type="text" spellcheck="false"
                aria-describedby=[hint.map(|_| format!("{id}-hint"))];
        }
    }
}

pub fn page_of_chains(
    site: &Site,
    viewer: &Viewer<'_>,
    chains: &[ChainView],
    schools: &[School],
    errors: &[FieldError],
    notice: Option<&str>,
) -> Markup {
    page(
        site,
        "On-call chains",
        Some(viewer),
        html! {
            (error_summary(errors))
            @if let Some(notice) = notice { (super::components::success_banner(notice)) }
            a class="govuk-back-link" href="/staff/admin" { "Back to administration" }
            h1 class="govuk-heading-xl" id="on-call" { "On-call chains" }
            p class="govuk-body" {
                "When a pupil says something is happening now outside a school's reading hours, the school's "
                "chain tells its first contact on call at once, by email and (with a mobile number) by text. "
                "If nobody acknowledges the report in the chain's minutes, the next contact is told, and so on. "
                "Only contacts who receive the school's reports are told. Every step is in the report's chronology."
            }
            p class="govuk-body" { "The pupil is told the truth: that someone on call has been told, or that nobody will read it until the school's reading hours start and to call 999 if they are in danger." }
            @for view in chains { (chain(viewer, view, schools)) }
            (add_chain(viewer))
        },
    )
}

fn chain(viewer: &Viewer<'_>, view: &ChainView, schools: &[School]) -> Markup {
    let name = &view.chain.name;
    let id = view.chain.id;
    html! {
        section class="govuk-!-margin-bottom-9" id={ "chain-" (id) } aria-labelledby={ "chain-" (id) "-name" } {
            h2 class="govuk-heading-l" id={ "chain-" (id) "-name" } { (name) }
            p class="govuk-body" { "The next contact is told after " (view.chain.step_minutes) " minutes without an acknowledgement." }
            @for warning in &view.warnings {
                div class="govuk-warning-text" {
                    span class="govuk-warning-text__icon" aria-hidden="true" { "!" }
                    strong class="govuk-warning-text__text" { span class="govuk-visually-hidden" { "Warning" } (warning) }
                }
            }
            table class="govuk-table" {
                caption class="govuk-table__caption govuk-table__caption--m" { "Contacts, in the order they are told" }
                thead class="govuk-table__head" {
                    tr class="govuk-table__row" {
                        th scope="col" class="govuk-table__header" { "Order" }
                        th scope="col" class="govuk-table__header" { "Person" }
                        th scope="col" class="govuk-table__header" { "Hours on call (UK time)" }
                        th scope="col" class="govuk-table__header" { "Texts to" }
                        th scope="col" class="govuk-table__header" { span class="govuk-visually-hidden" { "Action" } }
                    }
                }
                tbody class="govuk-table__body" {
                    @for (i, contact) in view.contacts.iter().enumerate() {
                        tr class="govuk-table__row" {
                            td class="govuk-table__cell" { (i + 1) }
                            td class="govuk-table__cell" { (contact.name) br; span class="govuk-body-s" { (contact.email) } }
                            td class="govuk-table__cell" { (contact.shift) }
                            td class="govuk-table__cell" { (contact.phone.as_deref().unwrap_or("Email only")) }
                            td class="govuk-table__cell" {
                                form method="post" action="/staff/admin/on-call/contacts/remove" {
                                    (csrf(viewer))
                                    input type="hidden" name="chain" value=(name);
                                    input type="hidden" name="contact" value=(contact.id);
                                    button type="submit" class="govuk-button govuk-button--warning govuk-!-margin-bottom-0" {
                                        "Remove" span class="govuk-visually-hidden" { " " (contact.name) " from " (name) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            form method="post" action="/staff/admin/on-call/contacts" {
                (csrf(viewer))
                input type="hidden" name="chain" value=(name);
                h3 class="govuk-heading-m" { "Add a contact to " (name) }
                (field(&format!("email-{id}"), "email", "Their email address (they must have a Confide account)", None, "govuk-input--width-20"))
                (field(&format!("hours-{id}"), "hours", "Hours they are on call (UK time)", Some("For example Mon-Fri 16:00-08:00; Sat,Sun 00:00-24:00. An overnight time runs into the next morning."), "govuk-input--width-30"))
                (field(&format!("phone-{id}"), "phone", "Mobile number for texts (optional)", Some("A UK mobile, for example 07700 900123. Leave it empty to tell them by email only."), "govuk-input--width-20"))
                button type="submit" class="govuk-button govuk-button--secondary" { "Add contact" }
            }
            h3 class="govuk-heading-m" { "Schools this chain covers" }
            @if view.schools.is_empty() {
                p class="govuk-body" { "None yet." }
            } @else {
                ul class="govuk-list govuk-list--bullet" {
                    @for (_, school) in &view.schools { li { (school) } }
                }
            }
            form method="post" action="/staff/admin/on-call/schools" {
                (csrf(viewer))
                input type="hidden" name="chain" value=(name);
                div class="govuk-form-group" {
                    label class="govuk-label" for={ "school-" (id) } { "Put a school under " (name) }
                    select class="govuk-select" id={ "school-" (id) } name="school" {
                        @for school in schools { option value=(school.slug) { (school.name) } }
                    }
                }
                button type="submit" class="govuk-button govuk-button--secondary" name="cover" value="on" { "Cover this school" }
                " "
                button type="submit" class="govuk-button govuk-button--secondary" name="cover" value="off" { "Take this school off the chain" }
            }
        }
    }
}

fn add_chain(viewer: &Viewer<'_>) -> Markup {
    html! {
        form method="post" action="/staff/admin/on-call/chains" {
            (csrf(viewer))
            h2 class="govuk-heading-l" { "Add an on-call chain" }
            p class="govuk-body" { "One chain can cover one school or a cluster of schools (for example all the schools one SSP officer works with)." }
            (field("chain-name", "name", "Name", Some("For example: Oakfield and Riverside, evenings and weekends"), "govuk-input--width-30"))
            div class="govuk-form-group" {
                label class="govuk-label" for="chain-minutes" { "Minutes to wait for an acknowledgement before telling the next contact" }
                input class="govuk-input govuk-input--width-3" id="chain-minutes" name="minutes" type="text" inputmode="numeric" value="10";
            }
            button type="submit" class="govuk-button" { "Add chain" }
        }
    }
}
