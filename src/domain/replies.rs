//! Reply templates: each school's few starting replies, with `{school}` and `{hours}`
//! filled in from the school's name and reading hours. A recipient always edits the
//! filled-in words before anything is sent.

use super::choices::ReplySlot;
use super::msg::Msg;

/// The longest template an administrator may keep (a reply is read by a child).
pub const TEMPLATE_MAX: usize = 2_000;

/// The words every school starts with, until an administrator changes them.
pub fn default_body(slot: ReplySlot) -> &'static str {
    match slot {
        ReplySlot::Thanks => "Thank you for telling us. You did the right thing. Staff at {school} have read your report and will look into it.",
        ReplySlot::Hours => "We read reports {hours}. If you are in danger now, call 999. You can talk to Childline any time on 0800 1111.",
        ReplySlot::Where => "Thank you for your report. Can you tell us where it happened? For example, which room, corridor or part of the playground.",
    }
}

/// A template as an administrator may keep it: trimmed, not empty, not too long.
pub fn valid_body(raw: &str) -> Result<String, Msg> {
    let body = raw.trim();
    if body.is_empty() {
        return Err(Msg::TemplateEmpty);
    }
    if body.chars().count() > TEMPLATE_MAX {
        return Err(Msg::TemplateTooLong);
    }
    Ok(body.to_owned())
}

/// The template's words with the school's name and reading hours put in.
pub fn fill(body: &str, school: &str, hours: &str) -> String {
    body.replace("{school}", school).replace("{hours}", hours)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_filled_and_nothing_else_changes() {
        let filled = fill(
            "At {school} we read reports {hours}. {school}! {other}",
            "Oakfield Academy",
            "Monday to Friday",
        );
        assert_eq!(
            filled,
            "At Oakfield Academy we read reports Monday to Friday. Oakfield Academy! {other}"
        );
    }

    #[test]
    fn every_default_is_a_valid_template() {
        for slot in ReplySlot::ALL {
            assert_eq!(
                valid_body(default_body(*slot)).as_deref(),
                Ok(default_body(*slot))
            );
        }
    }

    #[test]
    fn an_empty_or_overlong_template_is_refused() {
        assert_eq!(valid_body("  \n "), Err(Msg::TemplateEmpty));
        assert_eq!(
            valid_body(&"a".repeat(TEMPLATE_MAX + 1)),
            Err(Msg::TemplateTooLong)
        );
        assert_eq!(
            valid_body(" Hello {school} ").as_deref(),
            Ok("Hello {school}")
        );
    }
}
