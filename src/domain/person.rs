//! A member of staff as an administrator describes them: an email address and a name.

use super::msg::Msg;

/// An email address in the one form it is stored and compared in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email(String);

impl Email {
    pub fn parse(raw: &str) -> Result<Self, Msg> {
        let email = raw.trim().to_lowercase();
        let Some((local, domain)) = email.split_once('@') else {
            return Err(Msg::EmailNoAt);
        };
        if local.is_empty()
            || domain.len() < 3
            || !domain.contains('.')
            || domain.starts_with('.')
            || domain.ends_with('.')
            || email.len() > 254
            || email.chars().any(|c| c.is_whitespace() || c.is_control())
            || domain.contains('@')
        {
            return Err(Msg::EmailInvalid);
        }
        Ok(Email(email))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A person's name as shown to colleagues: 1 to 120 characters.
pub fn person_name(raw: &str) -> Result<String, Msg> {
    let name = raw.trim();
    if name.is_empty() || name.chars().count() > 120 {
        return Err(Msg::PersonNameLength);
    }
    Ok(name.to_owned())
}

/// The shortest password accepted when someone chooses their own.
pub const MIN_PASSWORD_CHARS: usize = 12;

/// Checks a new password someone chose against the one they have now (not its hash:
/// that check needs the stored hash and happens in the use case).
pub fn new_password(current: &str, new: &str, confirm: &str) -> Result<(), (&'static str, Msg)> {
    if new.chars().count() < MIN_PASSWORD_CHARS {
        Err(("new", Msg::PasswordTooShort))
    } else if new != confirm {
        Err(("confirm", Msg::PasswordsDiffer))
    } else if new == current {
        Err(("new", Msg::PasswordUnchanged))
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_trimmed_and_lower_cased() {
        assert_eq!(
            Email::parse("  Jo.Bloggs@School.SCH.uk ").unwrap().as_str(),
            "jo.bloggs@school.sch.uk"
        );
    }

    #[test]
    fn things_that_are_not_emails_are_refused() {
        for bad in [
            "",
            "jo",
            "jo@",
            "@school.uk",
            "jo@school",
            "jo@@school.uk",
            "jo bloggs@school.uk",
            "jo@.uk",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn new_passwords_are_long_confirmed_and_new() {
        assert_eq!(
            new_password("old", "short", "short"),
            Err(("new", Msg::PasswordTooShort))
        );
        assert_eq!(
            new_password("old", "a long password", "a long passw0rd"),
            Err(("confirm", Msg::PasswordsDiffer))
        );
        assert_eq!(
            new_password("a long password", "a long password", "a long password"),
            Err(("new", Msg::PasswordUnchanged))
        );
        assert!(new_password("old", "a long password", "a long password").is_ok());
    }
}
