//! The panel on a case of a kind about a nude picture of the pupil: what staff must and
//! must not do, from the UK Council for Internet Safety's guidance for schools (2024).

use maud::{html, Markup};

use crate::domain::choices::Category;

/// The guidance for staff working a report of this kind, or nothing for other kinds.
pub fn panel(category: Category) -> Markup {
    html! {
        @if category.forbids_pictures() {
            div class="govuk-notification-banner" role="region" aria-labelledby="picture-guidance-title" data-module="govuk-notification-banner" id="picture-guidance" {
                div class="govuk-notification-banner__header" {
                    h2 class="govuk-notification-banner__title" id="picture-guidance-title" { "Nude or sexual image: read before acting" }
                }
                div class="govuk-notification-banner__content" {
                    p class="govuk-notification-banner__heading" { "Do not view, copy, print, share, store or save the image, and never ask the pupil or anyone else to send it or show it to you." }
                    p class="govuk-body" { "This report arrived rated high risk. Confide took no picture with it and will not take one later." }
                    ul class="govuk-list govuk-list--bullet" {
                        li { "Refer it to the designated safeguarding lead today, under the school's child protection and safeguarding policy." }
                        li { "Follow the UKCIS guidance " a class="govuk-link" href="https://www.gov.uk/government/publications/sharing-nudes-and-semi-nudes-advice-for-education-settings-working-with-children-and-young-people" rel="noreferrer noopener" { "Sharing nudes and semi-nudes: advice for education settings (2024)" } "." }
                        li { "Involve the police at once if an adult is involved, there is coercion, blackmail or a demand for money (sextortion), or the pupil is at risk of immediate harm." }
                        li { "Tell the pupil about Report Remove (Childline and the Internet Watch Foundation), which can get the image taken down without the pupil sending it to school." }
                        li { "For sextortion, the National Crime Agency's advice to the pupil is: do not pay, stop contact, block the account, and do not delete anything." }
                    }
                }
            }
        }
    }
}
