//! Error pages in plain words for a child: what went wrong, what to do next, and who can help now.

use actix_web::http::StatusCode;
use maud::{html, Markup};

use super::chrome::Chrome;
use super::components::emergency_inset;
use super::layout::page;

/// The page for any error status, in the language of the path asked for.
pub fn error_page(chrome: &Chrome<'_>, status: StatusCode) -> Markup {
    let (key, lines): (&str, usize) = match status.as_u16() {
        404 => ("error-404", 1),
        400 | 415 | 422 => ("error-400", 1),
        403 => ("error-403", 1),
        405 => ("error-405", 1),
        413 => ("error-413", 1),
        429 => ("error-429", 1),
        503 => ("error-503", 1),
        _ => ("error-500", 2),
    };
    let title = chrome.t(&format!("{key}-title"));
    page(
        chrome,
        &title,
        html! {
            div class="govuk-grid-row" {
                div class="govuk-grid-column-two-thirds" {
                    h1 class="govuk-heading-xl" { (title) }
                    @for line in 1..=lines {
                        p class="govuk-body" { (chrome.t(&format!("{key}-text-{line}"))) }
                    }
                    p class="govuk-body" { a class="govuk-link" href=(chrome.href("/")) { (chrome.t("go-home")) } }
                    (emergency_inset(chrome))
                }
            }
        },
    )
}
