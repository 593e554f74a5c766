//! The administrators' page of languages: for each language pupils can read, whether a
//! fluent speaker has checked its words (the `## review:` line of its catalogue), whether
//! the catalogue is complete, and how many long pages are translated.

use maud::{html, Markup};

use super::layout::Site;
use super::staff::{page, Viewer};
use crate::domain::language::Language;
use crate::i18n::Review;

/// One language as administrators see it.
pub struct LanguageState {
    pub lang: Language,
    pub review: Review,
    /// Problems against English (missing keys, values, plural forms).
    pub problems: Vec<String>,
    pub topics_translated: usize,
    pub topics: usize,
    pub safety_translated: bool,
}

pub fn languages(site: &Site, viewer: &Viewer<'_>, states: &[LanguageState]) -> Markup {
    page(
        site,
        "Languages",
        Some(viewer),
        html! {
            a class="govuk-back-link" href="/staff/admin" { "Back to administration" }
            h1 class="govuk-heading-xl" { "Languages" }
            p class="govuk-body" {
                "Pupils can read Confide in each language below. A translation made with a machine's help "
                "is used until someone fluent checks it: ask a teacher, a trust's language service or a force's "
                "interpreters to read it, then change its review line. The README says how."
            }
            table class="govuk-table" {
                caption class="govuk-table__caption govuk-table__caption--m" { "Each language's review and completeness" }
                thead class="govuk-table__head" {
                    tr class="govuk-table__row" {
                        th scope="col" class="govuk-table__header" { "Language" }
                        th scope="col" class="govuk-table__header" { "Checked by a fluent speaker?" }
                        th scope="col" class="govuk-table__header" { "Pupil words" }
                        th scope="col" class="govuk-table__header" { "Long pages translated" }
                    }
                }
                tbody class="govuk-table__body" {
                    @for state in states {
                        tr class="govuk-table__row" id={ "language-" (state.lang.code()) } {
                            td class="govuk-table__cell" {
                                (state.lang.english_name()) " ("
                                span lang=(state.lang.code()) dir=(state.lang.direction().as_str()) { (state.lang.autonym()) }
                                ") " code { (state.lang.code()) }
                            }
                            td class="govuk-table__cell" {
                                @match &state.review {
                                    Review::Source => { strong class="govuk-tag govuk-tag--grey" { "Source" } }
                                    Review::Checked(_) => { strong class="govuk-tag govuk-tag--green" { "Checked" } }
                                    Review::NotChecked(_) => { strong class="govuk-tag govuk-tag--yellow" { "Not yet checked" } }
                                }
                                br;
                                span class="govuk-body-s" { (state.review.describe()) }
                            }
                            td class="govuk-table__cell" {
                                @if state.problems.is_empty() {
                                    "Complete"
                                } @else {
                                    (state.problems.len()) " to fix: " (state.problems.iter().take(3).cloned().collect::<Vec<_>>().join("; "))
                                }
                            }
                            td class="govuk-table__cell" {
                                (state.topics_translated) " of " (state.topics) " topics"
                                @if state.safety_translated { ", and the safety page" } @else { "; the safety page is in English" }
                            }
                        }
                    }
                }
            }
        },
    )
}
