//! Message keys: what a person is told when something they asked for cannot be done.
//! The domain says which message; the words (in English today, other languages later)
//! are chosen at the edge, in `views::text`.

/// Declares the message keys with their stable names.
macro_rules! messages {
    ($($variant:ident => $key:literal,)+) => {
        /// One thing a person may be told.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Msg { $($variant,)+ }

        impl Msg {
            pub const ALL: &'static [Msg] = &[$(Msg::$variant,)+];

            /// The stable name a translation file refers to.
            pub fn key(self) -> &'static str {
                match self { $(Msg::$variant => $key,)+ }
            }
        }
    };
}

messages! {
    // The report form.
    ChooseCategory => "report.category.missing",
    ChooseLocation => "report.location.missing",
    ChooseHappeningNow => "report.happening_now.missing",
    ChooseAbout => "report.about.missing",
    WhatMissing => "report.what.missing",
    WhatTooLong => "report.what.too_long",
    WhenTooLong => "report.when.too_long",
    WhoTooLong => "report.who.too_long",
    NameTooLong => "report.name.too_long",
    ContactTooLong => "report.contact.too_long",
    ReportsBusy => "report.busy",
    // Pictures.
    PictureHeic => "picture.heic",
    PictureKind => "picture.kind",
    PictureMismatch => "picture.mismatch",
    PictureTooLarge => "picture.too_large",
    PictureUnreadable => "picture.unreadable",
    PictureEmpty => "picture.empty",
    PictureTooBig => "picture.too_big",
    PicturesTooMany => "picture.too_many",
    PicturesTooMuch => "picture.too_much",
    PicturesBusy => "picture.busy",
    PictureNotKept => "picture.not_kept",
    // Coming back with a receipt code.
    CodeMissing => "followup.code.missing",
    CodeNotFound => "followup.code.not_found",
    FollowupEmpty => "followup.message.missing",
    FollowupTooLong => "followup.message.too_long",
    NameLaterMissing => "followup.name.missing",
    // Signing in and passwords.
    BadSignIn => "sign_in.failed",
    TooManySignIns => "sign_in.too_many",
    PasswordTooShort => "password.too_short",
    PasswordsDiffer => "password.differ",
    PasswordUnchanged => "password.unchanged",
    PasswordWrong => "password.current_wrong",
    // The second factor.
    CodeWrong => "two_factor.code.wrong",
    CodeJustUsed => "two_factor.code.just_used",
    TooManyCodes => "two_factor.code.too_many",
    EnrolFirst => "two_factor.enrol_first",
    // Working a case.
    WriteSomething => "case.text.missing",
    AlreadyAcknowledged => "case.acknowledge.already",
    CannotReopenAsNew => "case.status.new",
    ChooseOutcome => "case.status.outcome_missing",
    ChooseStatus => "case.status.missing",
    OwnerCannotSee => "case.owner.cannot_see",
    ChooseReportToLink => "case.link.missing",
    AlreadyLinked => "case.link.already",
    NotLinked => "case.link.none",
    NoTalkAsked => "case.talk.none",
    ChooseSchoolToMoveTo => "case.move.school",
    UnlinkBeforeMoving => "case.move.linked",
    MovedMeanwhile => "case.move.changed",
    NobodyToReadAtNewSchool => "case.move.nobody",
    NoRecoveryKeyAtNewSchool => "case.move.no_recovery",
    TemplateEmpty => "reply_template.missing",
    TemplateTooLong => "reply_template.too_long",
    // Administration.
    SlugLength => "school.slug.length",
    SlugCharacters => "school.slug.characters",
    SlugHyphens => "school.slug.hyphens",
    SlugTaken => "school.slug.taken",
    SchoolNameLength => "school.name.length",
    SchoolSettings => "school.settings.invalid",
    ChooseSchool => "disclosure.school.missing",
    WeeklyHours => "school.hours.invalid",
    OnCallChainName => "on_call.chain.name",
    OnCallChainTaken => "on_call.chain.taken",
    OnCallMinutes => "on_call.minutes",
    OnCallPhone => "on_call.phone",
    OnCallNoSuchPerson => "on_call.person.unknown",
    RetentionDays => "school.retention.invalid",
    // Retention on a case.
    NotClosed => "case.retention.not_closed",
    ChooseHoldReason => "case.hold.reason_missing",
    NotYourRetention => "case.retention.not_permitted",
    OnHold => "case.retention.on_hold",
    EmailNoAt => "person.email.no_at",
    EmailInvalid => "person.email.invalid",
    EmailTaken => "person.email.taken",
    PersonNameLength => "person.name.length",
    NotYourOwnAccount => "person.own_account",
    RoleFormIncomplete => "role.form.incomplete",
    RecoveryKeyWrongSchool => "recovery.key.wrong_school",
    RecoveryNoRole => "recovery.person.no_role",
}

/// A problem with one field of a form, named by the field's id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldError {
    pub field: &'static str,
    pub msg: Msg,
}

impl FieldError {
    pub const fn new(field: &'static str, msg: Msg) -> Self {
        FieldError { field, msg }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_is_unique_and_dotted() {
        let keys: std::collections::BTreeSet<_> = Msg::ALL.iter().map(|m| m.key()).collect();
        assert_eq!(keys.len(), Msg::ALL.len());
        assert!(keys.iter().all(|k| k.contains('.') && !k.contains(' ')));
    }
}
