//! Error pages in plain words for a child: what went wrong, what to do next, and who can help now.

use actix_web::http::StatusCode;
use maud::{html, Markup};

use super::components::emergency_inset;
use super::layout::{page, Site};

/// The page for any error status.
pub fn error_page(site: &Site, status: StatusCode) -> Markup {
    let (title, lines): (&str, &[&str]) = match status.as_u16() {
        404 => (
            "Page not found",
            &["We could not find that page. The address may be wrong, or the page may have moved."],
        ),
        400 | 415 | 422 => (
            "Something was wrong with what was sent",
            &["We could not understand what your browser sent. Go back and try again."],
        ),
        403 => (
            "This page has timed out",
            &["For your safety, forms stop working after a while. Go back, reload the page and try again."],
        ),
        405 => (
            "That did not work",
            &["Go back and try again, or start from the home page."],
        ),
        413 => (
            "What you sent is too long",
            &["Go back and make it shorter. If you have a lot to say, send the most important part first. You can add more later with your receipt code."],
        ),
        429 => (
            "You have tried too many times",
            &["Please wait a few minutes, then try again. This stops other people guessing codes or sending lots of reports."],
        ),
        503 => (
            "Sorry, the site is busy",
            &["Please try again in a few minutes. If you were sending a report, it has not been sent yet, so send it again."],
        ),
        _ => (
            "Sorry, something went wrong",
            &["Something went wrong on our side. It is not your fault.", "If you were sending a report, please try again in a few minutes."],
        ),
    };
    page(
        site,
        title,
        html! {
            div class="govuk-grid-row" {
                div class="govuk-grid-column-two-thirds" {
                    h1 class="govuk-heading-xl" { (title) }
                    @for line in lines {
                        p class="govuk-body" { (line) }
                    }
                    p class="govuk-body" { a class="govuk-link" href="/" { "Go to the home page" } }
                    (emergency_inset())
                }
            }
        },
    )
}
