//! The administrators' page of reply templates: each school's starting replies, with the
//! placeholders explained and each one shown as a pupil would read it.

use maud::{html, Markup};

use super::forms::error_summary;
use super::layout::Site;
use super::staff::{csrf, page, Viewer};
use crate::app::replies::Template;
use crate::domain::msg::FieldError;
use crate::domain::replies::TEMPLATE_MAX;
use crate::store::schools::School;

pub fn page_of(
    site: &Site,
    viewer: &Viewer<'_>,
    schools: &[(School, Vec<Template>)],
    errors: &[FieldError],
    saved: bool,
) -> Markup {
    page(
        site,
        "Reply templates",
        Some(viewer),
        html! {
            (error_summary(errors))
            @if saved { (super::components::success_banner("Reply template saved")) }
            h1 class="govuk-heading-xl" id="templates" { "Reply templates" }
            p class="govuk-body" { "Staff start a reply to a pupil from one of these, then change it before they send it. Write for a child. " code { "{school}" } " becomes the school's name and " code { "{hours}" } " its reading hours." }
            @for (school, templates) in schools {
                h2 class="govuk-heading-l" { (school.name) }
                @for t in templates {
                    @let id = format!("template-{}-{}", school.id, t.slot.as_str());
                    form method="post" action={ "/staff/admin/replies/" (school.id) "/" (t.slot.as_str()) } novalidate {
                        (csrf(viewer))
                        div class="govuk-form-group" {
                            label class="govuk-label govuk-label--s" for=(id) { (t.slot.label()) }
                            div class="govuk-hint" id={ (id) "-hint" } { "Up to " (TEMPLATE_MAX) " characters. A pupil would read: " (t.filled) }
                            textarea class="govuk-textarea" id=(id) name="body" rows="3" aria-describedby={ (id) "-hint" } { (t.body) }
                        }
                        button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button" { "Save " span class="govuk-visually-hidden" { (t.slot.label()) " for " (school.name) } }
                    }
                }
            }
            p class="govuk-body" { a class="govuk-link" href="/staff/admin" { "Back to administration" } }
        },
    )
}
