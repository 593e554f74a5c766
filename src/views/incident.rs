//! The case page's panel of reports about the same incident: the linked reports (each
//! pupil keeps their own conversation), linking another, and unlinking this one.

use maud::{html, Markup};

use super::staff::{csrf, Viewer};
use crate::app::cases::Case;
use crate::store::incidents::Member;
use crate::time::format_uk;

/// A linked or linkable report in words: what, where and when.
fn described(m: &Member) -> String {
    format!(
        "{}, {}, received {}",
        m.category.label(),
        m.location.label(),
        format_uk(m.created_at)
    )
}

pub fn panel(viewer: &Viewer<'_>, case: &Case) -> Markup {
    let row = &case.row;
    let incident = &case.incident;
    let others: Vec<&Member> = incident.members.iter().filter(|m| m.id != row.id).collect();
    let action = |what: &str| format!("/staff/reports/{}/{what}", row.id);
    html! {
        h2 class="govuk-heading-m" id="incident" { "Same incident" }
        @if incident.lead.is_some() {
            p class="govuk-body" { "This report is linked with other reports about the same incident. The queue shows them once. Each pupil gets only the replies written on their own report." }
            @if !others.is_empty() {
                ul class="govuk-list govuk-list--bullet" id="linked-reports" {
                    @for m in &others {
                        li {
                            a class="govuk-link" href={ "/staff/reports/" (m.id) } { (described(m)) }
                            @if incident.lead.as_ref() == Some(&m.id) { " (listed in the queue)" }
                            " – " (m.status.label())
                        }
                    }
                }
            }
            form method="post" action=(action("unlink")) {
                (csrf(viewer))
                button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button" { "Unlink this report" }
            }
        } @else {
            p class="govuk-body" { "Several pupils may report the same incident. Link their reports to see them together; each pupil still gets their own replies." }
        }
        @if !incident.candidates.is_empty() {
            form method="post" action=(action("link")) {
                (csrf(viewer))
                div class="govuk-form-group" {
                    label class="govuk-label govuk-label--s" for="other" { "Link a report about the same incident" }
                    select class="govuk-select" id="other" name="other" {
                        option value="" { "Choose a report" }
                        @for m in &incident.candidates {
                            option value=(m.id) { (described(m)) }
                        }
                    }
                }
                button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button" { "Link report" }
            }
        }
    }
}
