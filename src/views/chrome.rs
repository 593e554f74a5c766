//! What every pupil page knows about the request it answers: the site, the words of its
//! language, where it is (without the language, for the language menu), and which other
//! language the browser asked for (offered in a line, never by redirect). Also sentences
//! with links or bold words inside, built so a translation's words are always escaped.

use maud::{html, Escaper, Markup, PreEscaped};
use std::fmt::Write;

use super::site::Site;
use crate::domain::language::Language;
use crate::i18n::{Arg, Tr};

/// The request's language and place, for the layout and every link on the page.
#[derive(Clone, Copy)]
pub struct Chrome<'a> {
    pub site: &'a Site,
    pub tr: Tr<'a>,
    /// This page's path in English (`/s/oakfield/report`), so the menu can name it in
    /// every language.
    pub here: &'a str,
    /// The language the browser prefers, when it is not the page's and has a catalogue.
    pub offer: Option<Tr<'a>>,
}

impl Chrome<'_> {
    /// A message with no values.
    pub fn t(&self, key: &str) -> String {
        self.tr.t(key)
    }

    /// A message with values.
    pub fn with(&self, key: &str, args: &[(&str, Arg<'_>)]) -> String {
        self.tr.with(key, args)
    }

    /// A site path in the page's language.
    pub fn href(&self, path: &str) -> String {
        self.tr.href(path)
    }

    pub fn lang(&self) -> Language {
        self.tr.lang()
    }

    /// A sentence with markup in it (links, bold words): each `parts` value is put in
    /// where the message has `{ $name }`; every word of the message itself is escaped.
    pub fn rich(&self, key: &str, args: &[(&str, Arg<'_>)], parts: &[(&str, Markup)]) -> Markup {
        rich(&self.tr, key, args, parts)
    }
}

/// See [`Chrome::rich`].
pub fn rich(tr: &Tr<'_>, key: &str, args: &[(&str, Arg<'_>)], parts: &[(&str, Markup)]) -> Markup {
    let marks: Vec<String> = (0..parts.len())
        .map(|i| format!("\u{e000}{i}\u{e001}"))
        .collect();
    let mut all: Vec<(&str, Arg<'_>)> = args.to_vec();
    for ((name, _), mark) in parts.iter().zip(&marks) {
        all.push((name, Arg::from(mark.as_str())));
    }
    let words = tr.with(key, &all);
    let mut escaped = String::with_capacity(words.len() + 16);
    let _ = Escaper::new(&mut escaped).write_str(&words);
    for ((_, markup), mark) in parts.iter().zip(&marks) {
        escaped = escaped.replace(mark.as_str(), &markup.0);
    }
    PreEscaped(escaped)
}

/// A phone number as a link a phone can call, kept left to right in any language.
pub fn phone(shown: &str) -> Markup {
    html! { a class="govuk-link" href={ "tel:" (digits(shown)) } dir="ltr" { (shown) } }
}

/// The same without GOV.UK's link style (the danger banner styles its own).
pub fn bare_phone(shown: &str) -> Markup {
    html! { a href={ "tel:" (digits(shown)) } dir="ltr" { (shown) } }
}

fn digits(shown: &str) -> String {
    shown
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '+')
        .collect()
}

/// The menu of languages, each named in itself and marked with its own language and
/// direction, linking to this page in that language. Only languages with a catalogue.
pub fn language_menu(chrome: &Chrome<'_>) -> Markup {
    let languages = &chrome.site.languages;
    html! {
        @if languages.len() > 1 {
            div class="confide-languages" {
                nav class="govuk-language-navigation" aria-label=(chrome.t("language-menu")) {
                    ul class="govuk-language-navigation__list" {
                        @for lang in languages.iter().copied() {
                            li class="govuk-language-navigation__list-item" {
                                @if lang == chrome.lang() {
                                    span class="govuk-language-navigation__text" aria-current="true" lang=(lang.code()) dir=(lang.direction().as_str()) { (lang.autonym()) }
                                } @else {
                                    a class="govuk-language-navigation__link" href=(lang.path(chrome.here)) hreflang=(lang.code()) lang=(lang.code()) dir=(lang.direction().as_str()) { (lang.autonym()) }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// "This page is available in Welsh", in Welsh, when the browser asked for it.
pub fn offer(chrome: &Chrome<'_>) -> Markup {
    html! {
        @if let Some(other) = chrome.offer {
            (offer_line(&other, chrome.here))
        }
    }
}

/// The offer of `here` in `other`'s language (also put into prerendered pages).
pub fn offer_line(other: &Tr<'_>, here: &str) -> Markup {
    let lang = other.lang();
    html! {
        p class="govuk-body confide-offer" lang=(lang.code()) dir=(lang.direction().as_str()) {
            a class="govuk-link" href=(lang.path(here)) hreflang=(lang.code()) { (other.t("offer-language")) }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Catalogues;

    #[test]
    fn rich_sentences_escape_the_words_and_keep_the_links() {
        let catalogues = Catalogues::load(None).unwrap();
        let tr = catalogues.tr(Language::EnGb);
        let link = html! { a href="/followup" { "Check for a reply" } };
        let out = rich(&tr, "receipt-read-replies", &[], &[("link", link)]).into_string();
        assert!(
            out.contains("<a href=\"/followup\">Check for a reply</a>"),
            "{out}"
        );
        assert!(!out.contains('\u{e000}'));
    }
}
