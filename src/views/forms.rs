//! GOV.UK form components: error summary, radios, text inputs and textareas with a character count.

use maud::{html, Markup};

use super::text::{before_sending, en};
use crate::app::pictures::MAX_PICTURES;
use crate::domain::msg::{FieldError, Msg};
use crate::domain::report::{FILE_MAX, REQUEST_MAX};

/// The box at the top listing every problem, each linking to its field.
pub fn error_summary(errors: &[FieldError]) -> Markup {
    html! {
        @if !errors.is_empty() {
            div class="govuk-error-summary" data-module="govuk-error-summary" {
                div role="alert" {
                    h2 class="govuk-error-summary__title" { "There is a problem" }
                    div class="govuk-error-summary__body" {
                        ul class="govuk-list govuk-error-summary__list" {
                            @for error in errors {
                                li { a href={ "#" (error.field) } { (en(error.msg)) } }
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
    html! {
        @if let Some(error) = error {
            p id={ (field) "-error" } class="govuk-error-message" {
                span class="govuk-visually-hidden" { "Error: " } (en(error.msg))
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
    pub field: &'a str,
    pub legend: &'a str,
    pub hint: Option<&'a str>,
    pub options: Vec<(&'a str, &'a str)>,
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
                    (error_message(self.field, error))
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
        html! {
            div class=(group_class) data-module=[counted.then_some("govuk-character-count")] data-maxlength=[self.max_chars.filter(|_| counted)] {
                h2 class="govuk-label-wrapper" {
                    label class="govuk-label govuk-label--m" for=(self.field) { (self.label) }
                }
                @if let Some(hint) = self.hint {
                    div id={ (self.field) "-hint" } class="govuk-hint" { (hint) }
                }
                (error_message(self.field, error))
                @if let Some(rows) = self.rows {
                    textarea class={ "govuk-textarea" @if counted { " govuk-js-character-count" } @if error.is_some() { " govuk-textarea--error" } }
                        id=(self.field) name=(self.field) rows=(rows) autocomplete="off" spellcheck="true"
                        dir="auto" aria-describedby=[described] { (self.value) }
                    @if let Some(max) = self.max_chars {
                        div id=(info_id) class="govuk-hint govuk-character-count__message" {
                            "You can enter up to " (thousands(max)) " characters"
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

/// Choosing pictures: up to five, and what is removed from them, in words a pupil reads
/// before sending. With JavaScript, previews appear below and each file is checked when
/// chosen, with the server's own words (`confide.js` reads them from the `data-` attributes).
/// `held` pictures chosen on an earlier page are kept on the server for this form.
pub fn pictures_field(errors: &[FieldError], held: usize) -> Markup {
    let error = error_for(errors, "pictures");
    let mut described = String::from("pictures-hint pictures-privacy");
    if held > 0 {
        described.push_str(" pictures-held");
    }
    if error.is_some() {
        described.push_str(" pictures-error");
    }
    html! {
        div class={ "govuk-form-group" @if error.is_some() { " govuk-form-group--error" } } {
            h2 class="govuk-label-wrapper" {
                label class="govuk-label govuk-label--m" for="pictures" { "Screenshots or photos (optional)" }
            }
            div id="pictures-hint" class="govuk-hint" {
                "Up to 5 pictures: PNG, JPEG or WebP, each smaller than 10 MB. A screenshot of a message or a post is often the most useful."
            }
            div id="pictures-privacy" class="govuk-inset-text" {
                "Before we keep your pictures, we remove where a photo was taken and what phone or camera took it, and make each picture again from only what it shows."
            }
            @if held > 0 {
                div id="pictures-held" class="govuk-inset-text" {
                    strong { "We are keeping the " (pictures(held)) " you chose before" }
                    ", and will send " @if held == 1 { "it" } @else { "them" } " with your report. "
                    "You do not need to choose " @if held == 1 { "it" } @else { "them" } " again. "
                    "If you choose pictures here, we send the new ones instead."
                }
            }
            (error_message("pictures", error))
            input class={ "govuk-file-upload" @if error.is_some() { " govuk-file-upload--error" } }
                id="pictures" name="pictures" type="file" multiple
                accept="image/png,image/jpeg,image/webp" aria-describedby=(described)
                data-confide-preview
                data-max-count=(MAX_PICTURES) data-max-file=(FILE_MAX) data-max-total=(REQUEST_MAX)
                data-msg-too-big=(before_sending(Msg::PictureTooBig))
                data-msg-too-much=(before_sending(Msg::PicturesTooMuch))
                data-msg-too-many=(before_sending(Msg::PicturesTooMany))
                data-msg-kind=(before_sending(Msg::PictureKind))
                data-msg-heic=(before_sending(Msg::PictureHeic))
                data-msg-empty=(before_sending(Msg::PictureEmpty));
            div class="confide-previews" data-confide-previews {}
        }
    }
}

/// "1 picture", "3 pictures".
pub fn pictures(n: usize) -> String {
    if n == 1 {
        "1 picture".to_owned()
    } else {
        format!("{n} pictures")
    }
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
