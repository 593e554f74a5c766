//! Whether a fluent speaker has checked a translation: the `## review:` line at the top
//! of each catalogue, shown to administrators.

/// What a catalogue's header says about its review.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Review {
    /// English, the source of every key.
    Source,
    /// Checked by someone fluent: who (a name or a role) and when, as written.
    Checked(String),
    /// Made with a machine's help and not yet checked (or the line says something else,
    /// which is shown as it is).
    NotChecked(String),
}

/// The review state of a catalogue's text, from its first `## review:` line.
pub fn read(text: &str) -> Review {
    let line = text
        .lines()
        .take_while(|l| l.trim().is_empty() || l.trim_start().starts_with('#'))
        .find_map(|l| l.trim().strip_prefix("## review:"))
        .map(str::trim);
    match line {
        Some("source") => Review::Source,
        Some(rest) if rest.starts_with("checked by ") => Review::Checked(rest.to_owned()),
        Some(rest) if !rest.is_empty() => Review::NotChecked(rest.to_owned()),
        _ => Review::NotChecked("no review line".to_owned()),
    }
}

impl Review {
    /// The state in words for an administrator.
    pub fn describe(&self) -> &str {
        match self {
            Review::Source => "the source: written in English by the Confide team",
            Review::Checked(words) | Review::NotChecked(words) => words,
        }
    }

    pub fn is_checked(&self) -> bool {
        !matches!(self, Review::NotChecked(_))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_review_line_is_read_from_the_header() {
        assert_eq!(
            read("### Confide\n## review: source\n\nhello = Hi\n"),
            Review::Source
        );
        assert_eq!(
            read("### Confide — Welsh\n## review: checked by a Welsh teacher, 2027-01-10\n"),
            Review::Checked("checked by a Welsh teacher, 2027-01-10".into())
        );
        let machine = read(
            "### Confide — Polish\n## review: machine-assisted, not yet checked by a fluent speaker\n",
        );
        assert!(!machine.is_checked());
        assert_eq!(
            machine.describe(),
            "machine-assisted, not yet checked by a fluent speaker"
        );
        // A review line further down, after the messages start, is not the header's.
        assert!(!read("hello = Hi\n## review: checked by me, 2027-01-01\n").is_checked());
    }
}
