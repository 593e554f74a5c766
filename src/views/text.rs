//! The English words for every message key. Another language is another function like
//! [`en`]; a key without words here does not compile.

use crate::domain::msg::Msg;

/// What a person is told, in English: plain words, and for pupils what to do next.
pub fn en(msg: Msg) -> &'static str {
    match msg {
        Msg::ChooseCategory => "Choose what kind of thing is happening",
        Msg::ChooseLocation => "Choose where it happened",
        Msg::ChooseHappeningNow => "Choose yes if it is happening now or you are in danger",
        Msg::ChooseAbout => "Choose if this is about an adult who works at your school",
        Msg::WhatMissing => "Tell us what happened",
        Msg::WhatTooLong => "What happened must be 5,000 characters or fewer. Send the most important part now: you can add more later with your receipt code",
        Msg::WhenTooLong => "When it happened must be 500 characters or fewer",
        Msg::WhoTooLong => "Who was involved must be 2,000 characters or fewer",
        Msg::NameTooLong => "Your name must be 200 characters or fewer",
        Msg::ContactTooLong => "How to contact you must be 500 characters or fewer",
        Msg::ReportsBusy => "Lots of reports are being sent from your school or home right now. Wait one minute, then press Send report again. We have kept what you wrote",
        Msg::PictureHeic => "Photos from an iPhone (HEIC) cannot be sent here. Take a screenshot of the photo, then choose the screenshot instead. We kept everything you wrote",
        Msg::PictureKind => "A file you chose is not a picture we can take. Choose a PNG, JPEG or WebP picture, or a screenshot. We kept everything you wrote",
        Msg::PictureMismatch => "A file you chose is not the kind of picture its name says. Take a screenshot of it and choose that instead. We kept everything you wrote",
        Msg::PictureTooLarge => "A picture you chose is too large to open. Take a screenshot of it and choose that instead. We kept everything you wrote",
        Msg::PictureUnreadable => "A picture you chose could not be opened. Take a screenshot of it and choose that instead. We kept everything you wrote",
        Msg::PictureEmpty => "A picture you chose is empty. Choose it again. We kept everything you wrote",
        Msg::PictureTooBig => "A picture you chose is too big. Each picture must be smaller than 10 MB. Take a screenshot of it and choose that instead. We kept everything you wrote",
        Msg::PicturesTooMany => "You can send up to 5 pictures at a time. Choose 5 or fewer, and send the rest afterwards with your receipt code. We kept everything you wrote",
        Msg::PicturesTooMuch => "All your pictures together must be smaller than 25 MB. Choose fewer, and send the rest afterwards with your receipt code. We kept everything you wrote",
        Msg::PicturesBusy => "Lots of pictures are being sent from your school or home right now. Wait one minute, then choose your pictures and send again. We kept everything you wrote",
        Msg::PictureNotKept => "We did not keep your picture. We never keep pictures with this kind of report, so no one has to see it. Tell us in words instead",
        Msg::CodeMissing => "Enter your receipt code",
        Msg::CodeNotFound => "We could not find a report with that code. Check it and try again: it has 20 letters and numbers",
        Msg::FollowupEmpty => "Write your message before you send it",
        Msg::FollowupTooLong => "Your message must be 5,000 characters or fewer. Send the most important part first",
        Msg::NameLaterMissing => "Write your name or how to reach you",
        Msg::BadSignIn => "Enter a correct email address and password, then the code from your authenticator app",
        Msg::TooManySignIns => "Too many sign-in attempts. Wait a minute and try again",
        Msg::PasswordTooShort => "Use at least 12 characters",
        Msg::PasswordsDiffer => "The two new passwords are different",
        Msg::PasswordUnchanged => "Choose a password different from the current one",
        Msg::PasswordWrong => "Your current password is wrong",
        Msg::CodeWrong => "That code is not right. Enter the 6 numbers your authenticator app shows now, or a recovery code",
        Msg::CodeJustUsed => "That code was just used. Wait for the next one",
        Msg::TooManyCodes => "Too many codes were tried. Wait 15 minutes and try again",
        Msg::EnrolFirst => "Set up two-step sign-in first: this needs a code from your phone",
        Msg::WriteSomething => "Write something before you save it",
        Msg::AlreadyAcknowledged => "This report has already been acknowledged",
        Msg::CannotReopenAsNew => "A report cannot go back to new",
        Msg::ChooseOutcome => "Choose an outcome to close the case",
        Msg::ChooseStatus => "Choose a status",
        Msg::OwnerCannotSee => "That person cannot see this report, so they cannot own it",
        Msg::ChooseReportToLink => "Choose a report about the same incident",
        Msg::AlreadyLinked => "That report is already linked to an incident: unlink it first",
        Msg::NotLinked => "This report is not linked to any other",
        Msg::NoTalkAsked => "The pupil has not asked to talk, or someone has already answered",
        Msg::ChooseSchoolToMoveTo => "Choose one of the schools listed: you can move a report only to another school where you hold a role",
        Msg::UnlinkBeforeMoving => "This report is linked with other reports about the same incident at this school: unlink it before you move it",
        Msg::NobodyToReadAtNewSchool => "Nobody at that school can be sent this report yet: ask its administrator to add its safeguarding staff first",
        Msg::NoRecoveryKeyAtNewSchool => "That school has no recovery key yet, so the report could be lost: ask its administrator to set one up first",
        Msg::MovedMeanwhile => "This report changed while you were moving it. Check it, then try again",
        Msg::TemplateEmpty => "Write the reply template's words",
        Msg::TemplateTooLong => "A reply template can be up to 2,000 characters long",
        Msg::SlugLength => "A school's short name is 2 to 60 characters long",
        Msg::SlugCharacters => "A school's short name uses only lower-case letters, digits and hyphens",
        Msg::SlugHyphens => "A school's short name cannot start or end with a hyphen or have two in a row",
        Msg::SlugTaken => "A school with that short name already exists",
        Msg::SchoolNameLength => "A school name is 1 to 120 characters long",
        Msg::SchoolSettings => "Give the reading hours and an acknowledgement time between 1 and 720 hours",
        Msg::ChooseSchool => "Choose the pupil's school",
        Msg::WeeklyHours => "Give the hours as days and times, for example Mon-Fri 08:00-16:00, or Mon-Fri 16:00-08:00; Sat,Sun 00:00-24:00",
        Msg::OnCallChainName => "Give the on-call chain a name of up to 80 characters",
        Msg::OnCallChainTaken => "There is already an on-call chain with that name",
        Msg::OnCallMinutes => "Give the minutes to wait for an acknowledgement as a number from 1 to 120",
        Msg::OnCallPhone => "Give a UK mobile number, for example 07700 900123, or leave it empty for email only",
        Msg::OnCallNoSuchPerson => "There is no member of staff with that email address",
        Msg::RetentionDays => "Give each time to keep reports as a whole number of days, from 1 to 25,550",
        Msg::NotClosed => "Only a closed report has a date when it will be deleted",
        Msg::ChooseHoldReason => "Choose why the report must be kept",
        Msg::NotYourRetention => "Only the nominated staff member, the head teacher or the chair of governors can keep a report for longer",
        Msg::OnHold => "This report is on legal hold: lift the hold first",
        Msg::EmailNoAt => "An email address needs an @",
        Msg::EmailInvalid => "That does not look like an email address",
        Msg::EmailTaken => "Someone with that email address already exists",
        Msg::PersonNameLength => "A name is 1 to 120 characters long",
        Msg::NotYourOwnAccount => "You cannot change your own account here",
        Msg::RoleFormIncomplete => "Choose a school, a person and a role",
        Msg::RecoveryKeyWrongSchool => "That recovery key does not belong to this school",
        Msg::RecoveryNoRole => "That person has no role at this school",
    }
}

/// Whether the server's English ends by saying everything the pupil wrote was kept.
pub fn kept(msg: Msg) -> bool {
    en(msg).ends_with(". We kept everything you wrote")
}

/// The words for a problem found in the page, before anything was sent: the same as the
/// server's, without "We kept everything you wrote" (nothing has left the page yet).
pub fn before_sending(msg: Msg) -> &'static str {
    let words = en(msg);
    words
        .strip_suffix(". We kept everything you wrote")
        .unwrap_or(words)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_before_sending_are_the_servers_without_the_reassurance() {
        assert_eq!(
            before_sending(Msg::PicturesTooMuch),
            "All your pictures together must be smaller than 25 MB. Choose fewer, and send the rest afterwards with your receipt code"
        );
        assert_eq!(before_sending(Msg::WhatMissing), en(Msg::WhatMissing));
    }

    #[test]
    fn every_message_has_words_that_end_without_a_full_stop() {
        for msg in Msg::ALL {
            let words = en(*msg);
            assert!(!words.is_empty() && !words.ends_with('.'), "{}", msg.key());
        }
    }
}
