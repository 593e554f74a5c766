//! GOV.UK form components: error summary, radios, text inputs and textareas with a character count.

use maud::{html, Markup};

use super::text::{en, kept};
use crate::app::pictures::MAX_PICTURES;
use crate::domain::msg::{FieldError, Msg};
use crate::domain::report::{FILE_MAX, REQUEST_MAX};
use crate::i18n::{check::plural_examples, Arg, Tr};

/// Whose words a form speaks: staff pages stay English; a pupil's come from their
/// language's catalogue.
#[derive(Clone, Copy)]
pub enum Words<'a> {
    Staff,
    Pupil(Tr<'a>),
}

/// The catalogue key of a message a pupil may be shown (`report.what.missing` →
/// `msg-report-what-missing`).
pub fn msg_key(msg: Msg) -> String {
    format!("msg-{}", msg.key().replace(['.', '_'], "-"))
}

/// The messages a pupil may see: the report form's, pictures' and follow-up's.
pub fn pupil_facing(msg: Msg) -> bool {
    ["report.", "picture.", "followup."]
        .iter()
        .any(|p| msg.key().starts_with(p))
}

impl Words<'_> {
    /// The message as the server says it: for a pupil, with "We kept everything you
    /// wrote" where the English has it.
    pub fn msg(self, msg: Msg) -> String {
        match self {
            Words::Staff => en(msg).to_owned(),
            Words::Pupil(tr) if kept(msg) => {
                tr.with("msg-and-kept", &[("problem", tr.t(&msg_key(msg)).into())])
            }
            Words::Pupil(tr) => tr.t(&msg_key(msg)),
        }
    }

    /// The message as the page's script says it before anything is sent.
    pub fn before_sending(self, msg: Msg) -> String {
        match self {
            Words::Staff => super::text::before_sending(msg).to_owned(),
            Words::Pupil(tr) => tr.t(&msg_key(msg)),
        }
    }

    fn t(self, key: &str, english: &str) -> String {
        match self {
            Words::Staff => english.to_owned(),
            Words::Pupil(tr) => tr.t(key),
        }
    }

    fn with(self, key: &str, args: &[(&str, Arg<'_>)], english: String) -> String {
        match self {
            Words::Staff => english,
            Words::Pupil(tr) => tr.with(key, args),
        }
    }
}

/// A plural message as a script template per CLDR category of the page's language
/// (`one` → "You have %{count} character remaining"), for GOV.UK Frontend's `data-i18n`
/// attributes and our own script, which pick the form with the browser's `Intl.PluralRules`.
pub fn plural_templates(tr: &Tr<'_>, key: &str, arg: &str) -> Vec<(&'static str, String)> {
    let mut templates: Vec<(&'static str, String)> = plural_examples(tr.lang())
        .into_iter()
        .map(|(category, n)| {
            let words = tr.with(key, &[(arg, Arg::Num(n))]);
            let number = format!("\u{2068}{n}\u{2069}");
            (category, words.replace(&number, "%{count}"))
        })
        .collect();
    // Polish keeps "other" for fractions only; a script falling back to it still has words.
    if !templates.iter().any(|(c, _)| *c == "other") {
        if let Some((_, last)) = templates.last().cloned() {
            templates.push(("other", last));
        }
    }
    templates
}

/// The box at the top listing every problem, each linking to its field.
pub fn error_summary(errors: &[FieldError]) -> Markup {
    error_summary_in(Words::Staff, errors)
}

/// The error summary in a page's own words.
pub fn error_summary_in(words: Words<'_>, errors: &[FieldError]) -> Markup {
    html! {
        @if !errors.is_empty() {
            div class="govuk-error-summary" data-module="govuk-error-summary" {
                div role="alert" {
                    h2 class="govuk-error-summary__title" { (words.t("error-summary-title", "There is a problem")) }
                    div class="govuk-error-summary__body" {
                        ul class="govuk-list govuk-error-summary__list" {
                            @for error in errors {
                                li { a href={ "#" (error.field) } { (words.msg(error.msg)) } }
                            }
                        }
                    }
                }
            }
        }
    }
}

pub(crate) fn error_for<'a>(errors: &'a [FieldError], field: &str) -> Option<&'a FieldError> {
    errors.iter().find(|e| e.field == field)
}

pub(crate) fn error_message(field: &str, error: Option<&FieldError>) -> Markup {
    error_message_in(Words::Staff, field, error)
}

fn error_message_in(words: Words<'_>, field: &str, error: Option<&FieldError>) -> Markup {
    html! {
        @if let Some(error) = error {
            p id={ (field) "-error" } class="govuk-error-message" {
                span class="govuk-visually-hidden" { (words.t("error-prefix", "Error:")) " " } (words.msg(error.msg))
            }
        }
    }
}

fn described_by(field: &str, hint: bool, error: bool, extra: Option<&str>) -> Option<String> {
    let mut ids = Vec::new();
    if hint {
        ids.push(format!("{field}-hint"));
    }
    if error {
        ids.push(format!("{field}-error"));
    }
    if let Some(extra) = extra {
        ids.push(extra.to_owned());
    }
    (!ids.is_empty()).then(|| ids.join(" "))
}

/// A question with one answer from a list. The first radio carries the field's id, so
/// the error summary's link lands on it.
pub struct Radios<'a> {
    pub words: Words<'a>,
    pub field: &'a str,
    pub legend: &'a str,
    pub hint: Option<&'a str>,
    pub options: Vec<(&'a str, String)>,
    pub selected: &'a str,
    pub inline: bool,
}

impl Radios<'_> {
    pub fn render(&self, errors: &[FieldError]) -> Markup {
        let error = error_for(errors, self.field);
        html! {
            div class={ "govuk-form-group" @if error.is_some() { " govuk-form-group--error" } } {
                fieldset class="govuk-fieldset" aria-describedby=[described_by(self.field, self.hint.is_some(), error.is_some(), None)] {
                    legend class="govuk-fieldset__legend govuk-fieldset__legend--m" {
                        h2 class="govuk-fieldset__heading" { (self.legend) }
                    }
                    @if let Some(hint) = self.hint {
                        div id={ (self.field) "-hint" } class="govuk-hint" { (hint) }
                    }
                    (error_message_in(self.words, self.field, error))
                    div class={ "govuk-radios" @if self.inline { " govuk-radios--inline" } } data-module="govuk-radios" {
                        @for (i, (value, label)) in self.options.iter().enumerate() {
                            @let id = if i == 0 { self.field.to_owned() } else { format!("{}-{}", self.field, i + 1) };
                            div class="govuk-radios__item" {
                                input class="govuk-radios__input" id=(id) name=(self.field) type="radio" value=(value) checked[*value == self.selected];
                                label class="govuk-label govuk-radios__label" for=(id) { (label) }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// A free-text answer. With `max_chars`, a textarea with GOV.UK's character count
/// (the limit is also stated in words for browsers without JavaScript). What is typed
/// takes its own direction (`dir="auto"`), so Arabic or Urdu is written right to left.
pub struct TextField<'a> {
    pub words: Words<'a>,
    pub field: &'a str,
    pub label: &'a str,
    pub hint: Option<&'a str>,
    pub value: &'a str,
    pub rows: Option<u32>,
    pub max_chars: Option<usize>,
    /// Extra input attributes: `autocapitalize="characters"` and a wider box for codes.
    pub code: bool,
}

impl TextField<'_> {
    pub fn render(&self, errors: &[FieldError]) -> Markup {
        let error = error_for(errors, self.field);
        let counted = self.rows.is_some() && self.max_chars.is_some();
        let info_id = format!("{}-info", self.field);
        let group_class = format!(
            "govuk-form-group{}{}",
            if counted {
                " govuk-character-count"
            } else {
                ""
            },
            if error.is_some() {
                " govuk-form-group--error"
            } else {
                ""
            }
        );
        let described = described_by(
            self.field,
            self.hint.is_some(),
            error.is_some(),
            counted.then_some(info_id.as_str()),
        );
        let count = match (counted, self.words) {
            (true, Words::Pupil(tr)) => CountWords::new(&tr),
            _ => CountWords::default(),
        };
        html! {
            div class=(group_class) data-module=[counted.then_some("govuk-character-count")] data-maxlength=[self.max_chars.filter(|_| counted)]
                "data-i18n.characters-under-limit.zero"=[count.under("zero")]
                "data-i18n.characters-under-limit.one"=[count.under("one")]
                "data-i18n.characters-under-limit.two"=[count.under("two")]
                "data-i18n.characters-under-limit.few"=[count.under("few")]
                "data-i18n.characters-under-limit.many"=[count.under("many")]
                "data-i18n.characters-under-limit.other"=[count.under("other")]
                "data-i18n.characters-at-limit"=[count.at_limit.as_deref()]
                "data-i18n.characters-over-limit.zero"=[count.over("zero")]
                "data-i18n.characters-over-limit.one"=[count.over("one")]
                "data-i18n.characters-over-limit.two"=[count.over("two")]
                "data-i18n.characters-over-limit.few"=[count.over("few")]
                "data-i18n.characters-over-limit.many"=[count.over("many")]
                "data-i18n.characters-over-limit.other"=[count.over("other")] {
                h2 class="govuk-label-wrapper" {
                    label class="govuk-label govuk-label--m" for=(self.field) { (self.label) }
                }
                @if let Some(hint) = self.hint {
                    div id={ (self.field) "-hint" } class="govuk-hint" { (hint) }
                }
                (error_message_in(self.words, self.field, error))
                @if let Some(rows) = self.rows {
                    textarea class={ "govuk-textarea" @if counted { " govuk-js-character-count" } @if error.is_some() { " govuk-textarea--error" } }
                        id=(self.field) name=(self.field) rows=(rows) autocomplete="off" spellcheck="true"
                        dir="auto" aria-describedby=[described] { (self.value) }
                    @if let Some(max) = self.max_chars {
                        div id=(info_id) class="govuk-hint govuk-character-count__message" {
                            (self.words.with("count-up-to", &[("max", max.into())], format!("You can enter up to {} characters", thousands(max))))
                        }
                    }
                } @else {
                    input class={ "govuk-input" @if self.code { " govuk-input--width-30 confide-code-input" } @if error.is_some() { " govuk-input--error" } }
                        id=(self.field) name=(self.field) type="text" value=(self.value)
                        autocomplete="off" spellcheck="false"
                        autocapitalize=[self.code.then_some("characters")]
                        dir=[(!self.code).then_some("auto")]
                        aria-describedby=[described];
                }
            }
        }
    }
}

/// GOV.UK's character count script's words, in the page's language, one per plural
/// category the language has (none for staff pages, which keep the script's English).
#[derive(Default)]
struct CountWords {
    under: Vec<(&'static str, String)>,
    over: Vec<(&'static str, String)>,
    at_limit: Option<String>,
}

impl CountWords {
    fn new(tr: &Tr<'_>) -> Self {
        CountWords {
            under: plural_templates(tr, "count-under", "count"),
            over: plural_templates(tr, "count-over", "count"),
            at_limit: Some(tr.t("count-at-limit")),
        }
    }

    fn under(&self, category: &str) -> Option<&str> {
        self.under
            .iter()
            .find(|(c, _)| *c == category)
            .map(|(_, w)| w.as_str())
    }

    fn over(&self, category: &str) -> Option<&str> {
        self.over
            .iter()
            .find(|(c, _)| *c == category)
            .map(|(_, w)| w.as_str())
    }
}

/// Choosing pictures: up to five, and what is removed from them, in words a pupil reads
/// before sending. With JavaScript, previews appear below and each file is checked when
/// chosen, with the server's own words (`confide.js` reads them from the `data-` attributes).
/// `held` pictures chosen on an earlier page are kept on the server for this form.
pub fn pictures_field(tr: &Tr<'_>, errors: &[FieldError], held: usize) -> Markup {
    let words = Words::Pupil(*tr);
    let error = error_for(errors, "pictures");
    let mut described = String::from("pictures-hint pictures-privacy");
    if held > 0 {
        described.push_str(" pictures-held");
    }
    if error.is_some() {
        described.push_str(" pictures-error");
    }
    let count = [("count", Arg::from(held))];
    html! {
        div class={ "govuk-form-group" @if error.is_some() { " govuk-form-group--error" } } {
            h2 class="govuk-label-wrapper" {
                label class="govuk-label govuk-label--m" for="pictures" { (tr.t("pictures-label")) }
            }
            div id="pictures-hint" class="govuk-hint" { (tr.t("pictures-hint")) }
            div id="pictures-privacy" class="govuk-inset-text" { (tr.t("pictures-privacy")) }
            @if held > 0 {
                div id="pictures-held" class="govuk-inset-text" {
                    strong { (tr.with("pictures-held", &count)) }
                    " " (tr.with("pictures-held-more", &count))
                }
            }
            (error_message_in(words, "pictures", error))
            input class={ "govuk-file-upload" @if error.is_some() { " govuk-file-upload--error" } }
                id="pictures" name="pictures" type="file" multiple
                accept="image/png,image/jpeg,image/webp" aria-describedby=(described)
                data-confide-preview
                data-max-count=(MAX_PICTURES) data-max-file=(FILE_MAX) data-max-total=(REQUEST_MAX)
                data-msg-too-big=(words.before_sending(Msg::PictureTooBig))
                data-msg-too-much=(words.before_sending(Msg::PicturesTooMuch))
                data-msg-too-many=(words.before_sending(Msg::PicturesTooMany))
                data-msg-kind=(words.before_sending(Msg::PictureKind))
                data-msg-heic=(words.before_sending(Msg::PictureHeic))
                data-msg-empty=(words.before_sending(Msg::PictureEmpty))
                data-msg-error=(tr.t("error-prefix"))
                data-msg-chose=(plural_json(tr, "pictures-chosen"))
                data-msg-preview=(plural_json(tr, "picture-preview"));
            div class="confide-previews" data-confide-previews {}
        }
    }
}

/// A plural message's templates as a JSON object by category, for `confide.js`.
pub fn plural_json(tr: &Tr<'_>, key: &str) -> String {
    let pairs: Vec<String> = plural_templates(tr, key, "count")
        .into_iter()
        .map(|(category, words)| format!("{}:{}", json_string(category), json_string(&words)))
        .collect();
    format!("{{{}}}", pairs.join(","))
}

fn json_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// 5000 → "5,000".
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A filter as a labelled select (the queue's and the figures').
pub(crate) fn select(
    name: &str,
    label: &str,
    options: &[(String, String)],
    selected: &str,
) -> Markup {
    html! {
        div class="govuk-form-group confide-filter" {
            label class="govuk-label" for=(name) { (label) }
            select class="govuk-select" id=(name) name=(name) {
                @for (value, text) in options {
                    option value=(value) selected[value == selected] { (text) }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_has_an_other_template_for_scripts() {
        use crate::domain::language::Language;
        let fixtures =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/locales");
        let catalogues = crate::i18n::Catalogues::load(Some(&fixtures)).unwrap();
        let english = plural_templates(&catalogues.tr(Language::EnGb), "count-under", "count");
        assert_eq!(
            english,
            [
                ("other", "You have %{count} characters left".to_owned()),
                ("one", "You have %{count} character left".to_owned())
            ]
        );
        // Polish numbers are one, few or many; "other" is for fractions, yet scripts
        // fall back to it.
        let polish = plural_templates(&catalogues.tr(Language::Pl), "count-under", "count");
        let categories: Vec<&str> = polish.iter().map(|(c, _)| *c).collect();
        assert_eq!(categories, ["many", "one", "few", "other"]);
        assert!(polish.iter().all(|(_, words)| words.contains("%{count}")));
    }

    #[test]
    fn thousands_are_grouped() {
        assert_eq!(thousands(5), "5");
        assert_eq!(thousands(5000), "5,000");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }

    #[test]
    fn a_field_with_an_error_says_so_and_is_described_by_it() {
        let errors = [FieldError::new(
            "what",
            crate::domain::msg::Msg::WhatMissing,
        )];
        let html = TextField {
            words: Words::Staff,
            field: "what",
            label: "What happened?",
            hint: None,
            value: "",
            rows: Some(5),
            max_chars: Some(5000),
            code: false,
        }
        .render(&errors)
        .into_string();
        assert!(html.contains("govuk-form-group--error"));
        assert!(html.contains("aria-describedby=\"what-error what-info\""));
        assert!(html.contains("Error: </span>Tell us what happened"));
    }
}
