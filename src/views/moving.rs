//! The case page's form to move a report sent to the wrong school of the cluster to the
//! right one: offered only to someone who also holds a role at another school.

use maud::{html, Markup};

use super::staff::{csrf, Viewer};
use crate::app::cases::Case;

pub fn panel(viewer: &Viewer<'_>, case: &Case) -> Markup {
    html! {
        @if !case.move_to.is_empty() {
            h2 class="govuk-heading-m" id="move" { "Sent to the wrong school?" }
            form method="post" action={ "/staff/reports/" (case.row.id) "/move" } novalidate {
                (csrf(viewer))
                div class="govuk-form-group" {
                    label class="govuk-label govuk-label--s" for="move-school" { "Move it to" }
                    div class="govuk-hint" id="move-school-hint" {
                        "The people that school's rules send this kind of report to will read it. "
                        "Nobody at " (case.school.name) " will be able to open it any more. "
                        "You will be asked for your code first."
                    }
                    select class="govuk-select" id="move-school" name="school" aria-describedby="move-school-hint" {
                        option value="" { "Choose a school" }
                        @for school in &case.move_to {
                            option value=(school.id) { (school.name) }
                        }
                    }
                }
                button type="submit" class="govuk-button govuk-button--warning" data-module="govuk-button" { "Move the report" }
            }
        }
    }
}
