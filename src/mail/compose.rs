//! The words of every notification. None ever holds report text, category, pupil
//! details, receipt codes or report ids; every kind for one school comes out the same
//! size, and both parts are base64-encoded so the encoded size is the same too.

use maud::html;

use crate::domain::choices::MailKind as Kind;

fn headline(kind: Kind, school: &str) -> String {
    match kind {
            Kind::NewReport => format!("A new report for {school} is waiting for you in Confide."),
            Kind::Urgent => format!(
                "URGENT: a new report for {school} says something is happening now or someone is in danger. Please sign in now."
            ),
            Kind::OnCall => format!(
                "URGENT, ON CALL: a new report for {school} says something is happening now or someone is in danger, outside the hours staff read reports. You are on call. Please sign in now and acknowledge it; if nobody does soon, the next person on call is told."
            ),
            Kind::Reminder => format!(
                "A report for {school} has not been acknowledged within the time the school agreed. Please sign in and acknowledge it."
            ),
            Kind::Escalation => format!(
                "A report for {school} has not been acknowledged within the agreed time by the people it was sent to. You are told so that you can make sure someone acts on it."
            ),
            Kind::Unrouted => format!(
                "A report for {school} was received, but no one is set up to receive that school's reports. It is kept safe for the school's recovery key. Please give someone a role and share it with them."
            ),
            Kind::Digest => format!("Reports for {school} are waiting for you in Confide."),
            Kind::PupilMessage => format!("A pupil has added to a report for {school}. Please sign in to read it."),
            Kind::RetentionWarning => format!("A report for {school} will be deleted in 3 days under the school's retention policy. If it must be kept, sign in and keep it for longer or place it on legal hold."),
            Kind::RecoveryCodeUsed => "One of your Confide recovery codes was just used to sign in. If that was not you, tell your administrator today.".to_owned(),
            Kind::TwoFactorReset => "An administrator reset two-step sign-in for your Confide account. You will set it up again when you next sign in. If you did not ask for this, tell your administrator today.".to_owned(),
            Kind::Test => "This is a test message from Confide. If you can read it, mail is working.".to_owned(),
        }
}

/// The same subject for every kind: a lock screen shows nothing about urgency or content.
pub fn subject(school: &str) -> String {
    format!("Confide: please sign in ({school})")
}

/// A composed message, ready for a transport.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Composed {
    pub subject: String,
    pub text: String,
    pub html: String,
    pub urgent: bool,
}

const FOOTER: &str = "For the pupil's safety this email never says what was reported or by whom. Please do not forward it or reply to it.";

/// Where the mail's link goes: sign-in, then for a pupil's message the queue of reports with
/// new messages (a filter, never which report).
fn link(kind: Kind, sign_in_url: &str) -> String {
    match kind {
        Kind::PupilMessage => format!("{sign_in_url}?then=%2Fstaff%3Fnew%3D1"),
        _ => sign_in_url.to_owned(),
    }
}

fn text_body(kind: Kind, school: &str, sign_in_url: &str) -> String {
    format!(
        "{}\n\nSign in to Confide to read it:\n{}\n\n{FOOTER}\n",
        headline(kind, school),
        link(kind, sign_in_url)
    )
}

fn html_body(kind: Kind, school: &str, sign_in_url: &str) -> String {
    html! {
        p { (headline(kind, school)) }
        p { a href=(link(kind, sign_in_url)) { "Sign in to Confide" } }
        p { (FOOTER) }
    }
    .into_string()
}

/// Rounds up to a multiple of 512 bytes, so all kinds for a school share one size.
fn padded_size(lengths: impl Iterator<Item = usize>) -> usize {
    lengths.max().unwrap_or(0).div_ceil(512) * 512
}

/// The message for `kind`, padded to the size every kind has for this school.
pub fn compose(kind: Kind, school: &str, sign_in_url: &str) -> Composed {
    let text_target = padded_size(
        Kind::ALL
            .iter()
            .map(|k| text_body(*k, school, sign_in_url).len()),
    );
    let html_target = padded_size(
        Kind::ALL
            .iter()
            .map(|k| html_body(*k, school, sign_in_url).len() + 7),
    );
    let mut text = text_body(kind, school, sign_in_url);
    // Trailing blank lines, invisible in every mail program (a space first if the gap is odd).
    let gap = text_target - text.len();
    if gap % 2 == 1 {
        text.push(' ');
    }
    for _ in 0..gap / 2 {
        text.push_str("\r\n");
    }
    let mut html = html_body(kind, school, sign_in_url);
    let fill = html_target - html.len() - 7;
    html.push_str("<!--");
    html.extend(std::iter::repeat_n(' ', fill));
    html.push_str("-->");
    Composed {
        subject: subject(school),
        text,
        html,
        urgent: kind.urgent(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_the_same_size_for_a_school() {
        for school in [
            "Oak",
            "Oakfield Academy",
            &"Very Long School Name ".repeat(8),
        ] {
            let sizes: Vec<(usize, usize, usize)> = Kind::ALL
                .iter()
                .map(|k| {
                    let c = compose(*k, school, "https://confide.example.org/staff/login");
                    (c.subject.len(), c.text.len(), c.html.len())
                })
                .collect();
            assert!(
                sizes.windows(2).all(|w| w[0] == w[1]),
                "{school}: {sizes:?}"
            );
        }
    }

    #[test]
    fn html_escapes_the_school_name_and_links_to_sign_in() {
        let c = compose(
            Kind::NewReport,
            "St Mary's & <St John's>",
            "https://x.example/staff/login",
        );
        assert!(c.html.contains("St Mary's &amp; &lt;St John's&gt;"));
        assert!(c.html.contains("href=\"https://x.example/staff/login\""));
        assert!(c.text.contains("https://x.example/staff/login"));
    }

    #[test]
    fn only_urgent_mail_is_marked_urgent() {
        assert!(compose(Kind::Urgent, "Oak", "u").urgent);
        assert!(!compose(Kind::Reminder, "Oak", "u").urgent);
    }
}
