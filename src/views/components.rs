//! Small pieces of markup shared by several pages.

use maud::{html, Markup, PreEscaped};

use super::chrome::{phone, Chrome};
use crate::content::{Helpline, InLanguage};
use crate::domain::language::Language;
use crate::store::audit::AuditEntry;
use crate::time::format_uk;

/// GOV.UK start button: the main call to action on a page.
pub fn start_button(href: &str, label: &str) -> Markup {
    html! {
        a href=(href) role="button" draggable="false" class="govuk-button govuk-button--start" data-module="govuk-button" {
            (label)
            svg class="govuk-button__start-icon" xmlns="http://www.w3.org/2000/svg" width="17.5" height="19" viewBox="0 0 33 40" aria-hidden="true" focusable="false" {
                path fill="currentColor" d="M0 0h13l20 20-20 20H0l20-20z" {}
            }
        }
    }
}

/// What to do in an emergency, for pages where it matters most.
pub fn emergency_inset(chrome: &Chrome<'_>) -> Markup {
    html! {
        div class="govuk-inset-text" {
            p class="govuk-body" {
                strong { (chrome.rich("inset-danger", &[], &[("emergency", phone("999"))])) }
            }
            p class="govuk-body" {
                (chrome.rich("inset-childline", &[], &[("childline", phone("0800 1111"))]))
            }
        }
    }
}

/// The list of topics as cards linking to each topic page, under `base` (`""` or `/cy`
/// for the whole site, `/s/{slug}` or `/cy/s/{slug}` for one school's, so the school and
/// the language come along).
pub fn topic_list(topics: &[InLanguage<'_>], base: &str, page_lang: Language) -> Markup {
    html! {
        ul class="confide-topic-list" {
            @for topic in topics {
                li class="confide-topic-list__item" lang=[other_language(topic.lang, page_lang)] {
                    h3 class="govuk-heading-s" {
                        a class="govuk-link govuk-link--no-visited-state" href={ (base) "/topics/" (topic.page.slug) } { (topic.page.title) }
                    }
                    p class="govuk-body-s" { (topic.page.summary) }
                }
            }
        }
    }
}

/// The `lang` of a piece of content when it is not in the page's language.
pub fn other_language(content: Language, page: Language) -> Option<&'static str> {
    (content != page).then(|| content.code())
}

/// "Listen": reads the part of the page marked `data-confide-read` aloud with the
/// browser's own speech, using only voices that run on the device, so no text leaves it.
/// Hidden until `confide.js` finds such a voice for `lang`; without JavaScript, nothing.
pub fn listen_button(chrome: &Chrome<'_>, lang: Language) -> Markup {
    html! {
        button type="button" class="govuk-button govuk-button--secondary confide-listen" hidden
            data-confide-listen=(lang.code()) data-msg-stop=(chrome.t("listen-stop")) {
            (chrome.t("listen"))
        }
    }
}

/// Services a pupil can contact, with phone links that work on a phone.
pub fn helplines(chrome: &Chrome<'_>, helplines: &[Helpline], lang: Option<&str>) -> Markup {
    html! {
        @if !helplines.is_empty() {
            h2 class="govuk-heading-m" id="helplines" { (chrome.t("helplines-heading")) }
            ul class="govuk-list confide-helplines" {
                @for line in helplines {
                    li lang=[lang] {
                        h3 class="govuk-heading-s govuk-!-margin-bottom-1" { (line.name) }
                        p class="govuk-body govuk-!-margin-bottom-1" { (line.text) }
                        p class="govuk-body" {
                            @if let Some(number) = &line.phone {
                                (chrome.rich("helpline-phone", &[], &[("phone", phone(number))])) br;
                            }
                            a class="govuk-link" href=(line.url) rel="noreferrer noopener" {
                                (chrome.with("helpline-website", &[("name", line.name.as_str().into())]))
                                span class="govuk-visually-hidden" { " " (chrome.t("opens-another-site")) }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// Text a person typed, as paragraphs with its line breaks, long words wrapping. Each
/// paragraph takes its direction from its own first letters (`dir="auto"`), so Arabic
/// or Urdu reads right to left while the page around it stays English.
pub fn paragraphs(text: &str) -> Markup {
    html! {
        @for para in text.split("\n\n").filter(|p| !p.trim().is_empty()) {
            p class="govuk-body confide-pupil-text" dir="auto" {
                @for (i, line) in para.lines().enumerate() {
                    @if i > 0 { br; }
                    (line)
                }
            }
        }
    }
}

/// A short piece of typed text inside a sentence (a name, a search), isolated so its
/// direction never jumbles the words around it.
pub fn typed(text: &str) -> Markup {
    html! { bdi dir="auto" { (text) } }
}

/// Markdown rendered and sanitised at start-up (see `content::render_markdown`).
pub fn prose(html: &str) -> Markup {
    html! { div class="confide-prose" { (PreEscaped(html)) } }
}

/// GOV.UK's success banner: what just happened, said once, at the top of the page.
pub fn success_banner(notice: &str) -> Markup {
    html! {
        div class="govuk-notification-banner govuk-notification-banner--success" role="alert" aria-labelledby="success-title" data-module="govuk-notification-banner" {
            div class="govuk-notification-banner__header" {
                h2 class="govuk-notification-banner__title" id="success-title" { "Success" }
            }
            div class="govuk-notification-banner__content" {
                p class="govuk-notification-banner__heading" { (notice) }
            }
        }
    }
}

/// Everything done to a report, oldest first: on the case page and in the hand-off summary.
pub fn chronology(entries: &[AuditEntry]) -> Markup {
    html! {
        table class="govuk-table confide-chronology" {
            caption class="govuk-table__caption govuk-visually-hidden" { "Everything done to this report, oldest first" }
            thead class="govuk-table__head" {
                tr class="govuk-table__row" {
                    th scope="col" class="govuk-table__header" { "When" }
                    th scope="col" class="govuk-table__header" { "Who" }
                    th scope="col" class="govuk-table__header" { "What" }
                }
            }
            tbody class="govuk-table__body" {
                @for entry in entries {
                    tr class="govuk-table__row" {
                        td class="govuk-table__cell" { (format_uk(entry.at)) }
                        td class="govuk-table__cell" dir="auto" { (entry.actor) }
                        td class="govuk-table__cell confide-pupil-text" dir="auto" { (entry.action) @if !entry.detail.is_empty() { ": " (entry.detail) } }
                    }
                }
            }
        }
    }
}

/// The queue's flags, the pupil's unread message among them.
pub(crate) fn flags(
    happening_now: bool,
    new_message: bool,
    about_staff: bool,
    overdue: bool,
) -> Markup {
    html! {
        @if happening_now { strong class="govuk-tag govuk-tag--red" { "Happening now" } " " }
        @if new_message { strong class="govuk-tag govuk-tag--blue" { "New message" } " " }
        @if about_staff { strong class="govuk-tag govuk-tag--purple" { "About staff" } " " }
        @if overdue { strong class="govuk-tag govuk-tag--orange" { "Overdue" } }
    }
}

#[cfg(test)]
mod tests {
    use super::super::chrome::phone;

    #[test]
    fn phone_links_hold_only_digits_and_read_left_to_right() {
        let link = phone("+44 (0)300 123 6600").into_string();
        assert!(link.contains("href=\"tel:+4403001236600\""), "{link}");
        assert!(link.contains("dir=\"ltr\""), "{link}");
    }
}
