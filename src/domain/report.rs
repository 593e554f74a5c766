//! What a pupil sends: the report form as the browser posts it, checked once into a valid
//! report or a message per field, and follow-up messages.

use serde::{Deserialize, Serialize};
use zeroize::{Zeroize, ZeroizeOnDrop};

use super::choices::{About, Category, Location};
use super::msg::{FieldError, Msg};

pub const WHAT_MAX: usize = 5000;
pub const WHEN_MAX: usize = 500;
pub const WHO_MAX: usize = 2000;
pub const NAME_MAX: usize = 200;
pub const CONTACT_MAX: usize = 500;
/// The largest picture taken (pupils are told "10 MB": every file a phone, counting in
/// millions of bytes, or Windows, counting in MiB, shows as smaller than that is taken).
pub const FILE_MAX: usize = 10 * 1024 * 1024;
/// The most picture bytes one form may carry ("25 MB" to pupils).
pub const REQUEST_MAX: usize = 25 * 1024 * 1024;

/// Exactly what the form sent, every field optional so a missing one is a message, not a crash.
#[derive(Clone, Default, Deserialize)]
pub struct ReportInput {
    pub category: Option<String>,
    pub location: Option<String>,
    pub happening_now: Option<String>,
    pub about: Option<String>,
    pub what: Option<String>,
    pub when: Option<String>,
    pub who: Option<String>,
    pub name: Option<String>,
    pub contact: Option<String>,
    /// Set by the "in danger now" page: the pupil has seen the emergency numbers.
    pub urgent_seen: Option<String>,
    /// The form's one-time token, so the same form never stores two reports.
    pub submission: Option<String>,
    /// How many pictures the server holds for this form from an earlier page.
    pub held_pictures: Option<String>,
    /// "yes" once a picture sent with a kind that takes none was dropped, so every later
    /// page (the danger step, the receipt) can say it was not kept.
    pub pictures_refused: Option<String>,
}

impl std::fmt::Debug for ReportInput {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ReportInput(<redacted>)")
    }
}

impl Drop for ReportInput {
    fn drop(&mut self) {
        for field in [
            &mut self.what,
            &mut self.when,
            &mut self.who,
            &mut self.name,
            &mut self.contact,
            &mut self.submission,
        ] {
            field.zeroize();
        }
    }
}

impl ReportInput {
    pub fn value(field: &Option<String>) -> &str {
        field.as_deref().unwrap_or_default()
    }

    /// Whether the kind chosen takes no pictures (see [`Category::forbids_pictures`]).
    pub fn takes_no_pictures(&self) -> bool {
        Category::parse(Self::value(&self.category)).is_some_and(Category::forbids_pictures)
    }

    /// Whether a picture sent with this form was dropped, on this page or an earlier one.
    pub fn pictures_were_refused(&self) -> bool {
        Self::value(&self.pictures_refused) == "yes"
    }

    /// How many pictures the form says are held for it (at most `max`).
    pub fn held(&self, max: usize) -> usize {
        Self::value(&self.held_pictures)
            .parse::<usize>()
            .map_or(0, |n| n.min(max))
    }
}

/// Everything sealed: what the pupil wrote in their own words.
#[derive(Clone, Default, Serialize, Deserialize, Zeroize, ZeroizeOnDrop)]
pub struct Details {
    pub what: String,
    #[serde(default)]
    pub when: String,
    #[serde(default)]
    pub who: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub contact: String,
    /// The code of the language of the form the pupil used (`pl`); `None` for reports
    /// sent before Confide had languages. Sealed with the rest: in a small school the
    /// language can say who wrote it.
    #[serde(default)]
    pub language: Option<String>,
}

impl Details {
    /// A name or a way to reach the pupil given later, from their report page: only what
    /// was given replaces what was there (a way to reach them alone keeps the name).
    pub fn give_name_later(&mut self, name: &str, contact: &str) {
        if !name.is_empty() {
            name.clone_into(&mut self.name);
        }
        if !contact.is_empty() {
            contact.clone_into(&mut self.contact);
        }
    }
}

impl std::fmt::Debug for Details {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Details(<redacted>)")
    }
}

/// A report that passed every check.
#[derive(Debug, Clone)]
pub struct ValidReport {
    pub category: Category,
    pub location: Location,
    pub happening_now: bool,
    pub about: About,
    pub details: Details,
}

/// Shown when too many reports came from one address: the form is kept as it was.
pub const BUSY: FieldError = FieldError::new("what", Msg::ReportsBusy);

/// Trims and turns Windows line endings into plain ones.
fn clean(raw: &Option<String>) -> String {
    raw.as_deref()
        .unwrap_or_default()
        .replace("\r\n", "\n")
        .trim()
        .to_owned()
}

/// Checks every field at once, so the pupil sees all problems together.
pub fn validate(input: &ReportInput) -> Result<ValidReport, Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut error = |field, msg| errors.push(FieldError::new(field, msg));

    let category = Category::parse(ReportInput::value(&input.category));
    if category.is_none() {
        error("category", Msg::ChooseCategory);
    }
    let location = Location::parse(ReportInput::value(&input.location));
    if location.is_none() {
        error("location", Msg::ChooseLocation);
    }
    let happening_now = match ReportInput::value(&input.happening_now) {
        "yes" => Some(true),
        "no" => Some(false),
        _ => {
            error("happening_now", Msg::ChooseHappeningNow);
            None
        }
    };
    let about = About::parse(ReportInput::value(&input.about));
    if about.is_none() {
        error("about", Msg::ChooseAbout);
    }
    let details = Details {
        what: clean(&input.what),
        when: clean(&input.when),
        who: clean(&input.who),
        name: clean(&input.name),
        contact: clean(&input.contact),
        language: None,
    };
    if details.what.is_empty() {
        error("what", Msg::WhatMissing);
    } else if details.what.chars().count() > WHAT_MAX {
        error("what", Msg::WhatTooLong);
    }
    for (field, value, max, message) in [
        ("when", &details.when, WHEN_MAX, Msg::WhenTooLong),
        ("who", &details.who, WHO_MAX, Msg::WhoTooLong),
        ("name", &details.name, NAME_MAX, Msg::NameTooLong),
        (
            "contact",
            &details.contact,
            CONTACT_MAX,
            Msg::ContactTooLong,
        ),
    ] {
        if value.chars().count() > max {
            error(field, message);
        }
    }
    match (category, location, happening_now, about) {
        (Some(category), Some(location), Some(happening_now), Some(about)) if errors.is_empty() => {
            Ok(ValidReport {
                category,
                location,
                happening_now,
                about,
                details,
            })
        }
        _ => Err(errors),
    }
}

/// Where a pupil is in the "in danger now" step, from the button that sent the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DangerStep {
    /// Sent from the form: the danger page has not been shown.
    NotShown,
    /// "Send my report now" on the danger page.
    SendNow,
    /// "Go back and change it" on the danger page.
    GoBack,
}

impl DangerStep {
    /// The button's value as the danger page posts it.
    pub fn of(input: &ReportInput) -> Self {
        match ReportInput::value(&input.urgent_seen) {
            "yes" => DangerStep::SendNow,
            "edit" => DangerStep::GoBack,
            _ => DangerStep::NotShown,
        }
    }

    /// The value the danger page's button posts for this step.
    pub fn as_str(self) -> &'static str {
        match self {
            DangerStep::NotShown => "",
            DangerStep::SendNow => "yes",
            DangerStep::GoBack => "edit",
        }
    }
}

/// What a posted form leads to, before any picture is looked at.
#[derive(Debug)]
pub enum NextPage {
    /// Store it: valid, and past the danger page if it is happening now.
    Send(ValidReport),
    /// It is happening now: show the emergency numbers before sending.
    Danger,
    /// The form again, with these problems (none when the pupil went back to change it).
    Form(Vec<FieldError>),
}

/// The page a posted form leads to.
pub fn next_page(input: &ReportInput) -> NextPage {
    let step = DangerStep::of(input);
    match validate(input) {
        Err(errors) => NextPage::Form(errors),
        Ok(_) if step == DangerStep::GoBack => NextPage::Form(Vec::new()),
        Ok(report) if report.happening_now && step != DangerStep::SendNow => NextPage::Danger,
        Ok(report) => NextPage::Send(report),
    }
}

/// The longest follow-up message a pupil can send at once.
pub const MESSAGE_MAX: usize = 5000;

/// A pupil's follow-up message, tidied, or why it cannot be sent.
pub fn followup_message(raw: &str) -> Result<String, Msg> {
    let text = raw.replace("\r\n", "\n").trim().to_owned();
    if text.is_empty() {
        Err(Msg::FollowupEmpty)
    } else if text.chars().count() > MESSAGE_MAX {
        Err(Msg::FollowupTooLong)
    } else {
        Ok(text)
    }
}

/// A name or a way to reach the pupil, given later from their report page: at least one,
/// each within the first form's limits. Returns the field and message of a problem.
pub fn name_later(name: &str, contact: &str) -> Result<(String, String), FieldError> {
    let (name, contact) = (
        clean(&Some(name.to_owned())),
        clean(&Some(contact.to_owned())),
    );
    if name.is_empty() && contact.is_empty() {
        Err(FieldError::new("name", Msg::NameLaterMissing))
    } else if name.chars().count() > NAME_MAX {
        Err(FieldError::new("name", Msg::NameTooLong))
    } else if contact.chars().count() > CONTACT_MAX {
        Err(FieldError::new("contact", Msg::ContactTooLong))
    } else {
        Ok((name, contact))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_given_later_needs_a_name_or_a_way_to_reach_the_pupil() {
        assert!(name_later("  ", "").is_err());
        assert_eq!(
            name_later(" Sam ", "").unwrap(),
            ("Sam".into(), String::new())
        );
        assert!(name_later(&"x".repeat(NAME_MAX + 1), "").is_err());
        assert!(name_later("", "form 9B").is_ok());
    }

    #[test]
    fn a_later_name_replaces_only_what_was_given() {
        let mut details = Details::default();
        details.give_name_later("Sam", "Form 9B");
        details.give_name_later("", "Room 12 at lunch");
        assert_eq!(
            (details.name.as_str(), details.contact.as_str()),
            ("Sam", "Room 12 at lunch")
        );
        details.give_name_later("Sam Jones", "");
        assert_eq!(details.name, "Sam Jones");
        assert_eq!(details.contact, "Room 12 at lunch");
    }

    fn posted(happening_now: &str, step: DangerStep) -> ReportInput {
        let mut input = ReportInput::default();
        input.category = Some("bullying".into());
        input.location = Some("classroom".into());
        input.happening_now = Some(happening_now.into());
        input.about = Some("no".into());
        input.what = Some("Someone keeps taking my bag.".into());
        input.urgent_seen = Some(step.as_str().into());
        input
    }

    #[test]
    fn a_report_happening_now_shows_the_danger_page_before_it_is_sent() {
        assert!(matches!(
            next_page(&posted("yes", DangerStep::NotShown)),
            NextPage::Danger
        ));
        assert!(matches!(
            next_page(&posted("yes", DangerStep::SendNow)),
            NextPage::Send(_)
        ));
        assert!(matches!(
            next_page(&posted("no", DangerStep::NotShown)),
            NextPage::Send(_)
        ));
    }

    #[test]
    fn going_back_from_the_danger_page_shows_the_form_without_problems() {
        match next_page(&posted("yes", DangerStep::GoBack)) {
            NextPage::Form(errors) => assert!(errors.is_empty()),
            other => panic!("expected the form, got {other:?}"),
        }
    }

    #[test]
    fn a_form_with_a_mistake_comes_back_even_from_the_danger_page() {
        let mut input = posted("yes", DangerStep::SendNow);
        input.what = None;
        match next_page(&input) {
            NextPage::Form(errors) => assert_eq!(errors.len(), 1),
            other => panic!("expected the form, got {other:?}"),
        }
    }

    fn complete() -> ReportInput {
        let mut input = ReportInput::default();
        input.category = Some("bullying".into());
        input.location = Some("toilets".into());
        input.happening_now = Some("no".into());
        input.about = Some("no".into());
        input.what = Some("  They take my lunch money.\r\nEvery day. ".into());
        input
    }

    #[test]
    fn only_a_form_of_a_nude_picture_kind_takes_no_pictures() {
        let mut input = complete();
        assert!(!input.takes_no_pictures());
        for kind in ["nude_image", "sextortion"] {
            input.category = Some(kind.into());
            assert!(input.takes_no_pictures(), "{kind}");
        }
        input.category = Some("online_bullying".into());
        assert!(!input.takes_no_pictures());
    }

    #[test]
    fn a_complete_report_is_valid_and_tidied() {
        let report = validate(&complete()).unwrap();
        assert_eq!(report.category, Category::Bullying);
        assert_eq!(report.details.what, "They take my lunch money.\nEvery day.");
        assert!(!report.happening_now);
    }

    #[test]
    fn an_empty_form_names_every_required_field() {
        let errors = validate(&ReportInput::default()).unwrap_err();
        let fields: Vec<_> = errors.iter().map(|e| e.field).collect();
        assert_eq!(
            fields,
            ["category", "location", "happening_now", "about", "what"]
        );
    }

    #[test]
    fn made_up_choices_are_refused() {
        let mut input = complete();
        input.category = Some("<script>".into());
        assert_eq!(validate(&input).unwrap_err()[0].field, "category");
    }

    #[test]
    fn limits_count_characters_not_bytes() {
        let mut input = complete();
        input.what = Some("é".repeat(WHAT_MAX));
        assert!(validate(&input).is_ok());
        input.what = Some("a".repeat(WHAT_MAX + 1));
        assert_eq!(validate(&input).unwrap_err()[0].field, "what");
    }

    #[test]
    fn follow_up_messages_must_say_something_and_not_too_much() {
        assert_eq!(followup_message(" hi\r\nthere "), Ok("hi\nthere".into()));
        assert_eq!(followup_message("  \r\n "), Err(Msg::FollowupEmpty));
        assert_eq!(
            followup_message(&"a".repeat(MESSAGE_MAX + 1)),
            Err(Msg::FollowupTooLong)
        );
    }

    #[test]
    fn debug_output_hides_what_the_pupil_wrote() {
        let input = complete();
        assert!(!format!("{input:?}").contains("lunch"));
        assert!(!format!("{:?}", validate(&input).unwrap()).contains("lunch"));
    }
}
