//! How hard a piece of English is to read, as a Flesch–Kincaid grade, so the pupil pages
//! can be held to the reading of a nine-year-old (grade 4 or below).
//!
//! grade = 0.39 × (words ÷ sentences) + 11.8 × (syllables ÷ words) − 15.59
//!
//! The text is measured a line at a time: each line (a heading, a list item, a
//! paragraph, a field such as a title) is at least one sentence, and a `.`, `!` or `?`
//! at the end of a word ends one inside it (but not after e.g., i.e., Mr and the like).
//! A word is anything with a letter in it. Left out before counting: the names given
//! (services, organisations, products: a pupil must meet them as they are written, and
//! translators keep them), web and mail addresses, and numbers, phone numbers among
//! them. A hyphenated word is one word whose syllables are its parts' added up.
//! Syllables are counted by spelling rules, in `syllables`.

mod syllables;
mod text;

pub use syllables::syllables;
pub use text::{fluent_text, html_text};

/// Names of services, organisations and products that pupil pages mention. They are
/// left out of the measure: they are not words a pupil has to decode, and shortening
/// them is not possible. A page's helpline names are added to these by the caller.
pub const NAMES: &[&str] = &[
    "Childline",
    "Kidscape",
    "CEOP Safety Centre",
    "CEOP",
    "Crimestoppers",
    "Fearless",
    "Internet Watch Foundation",
    "IWF",
    "Report Remove",
    "NSPCC Helpline",
    "NSPCC",
    "FRANK",
    "The Mix",
    "ACT Early",
    "Prevent",
    "True Vision",
    "Stop Hate UK",
    "Action Fraud",
    "British Transport Police",
    "BBC Weather",
    "Samsung Internet",
    "Chrome",
    "Safari",
    "Edge",
    "Firefox",
    "iPhone",
    "iPad",
    "Mac",
    "Incognito",
    "InPrivate",
];

/// What the grade is computed from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub sentences: usize,
    pub words: usize,
    pub syllables: usize,
}

impl Counts {
    /// The Flesch–Kincaid grade; 0 for a text with no words.
    pub fn grade(&self) -> f64 {
        if self.words == 0 || self.sentences == 0 {
            return 0.0;
        }
        let words = self.words as f64;
        0.39 * (words / self.sentences as f64) + 11.8 * (self.syllables as f64 / words) - 15.59
    }
}

impl std::ops::Add for Counts {
    type Output = Counts;

    fn add(self, other: Counts) -> Counts {
        Counts {
            sentences: self.sentences + other.sentences,
            words: self.words + other.words,
            syllables: self.syllables + other.syllables,
        }
    }
}

/// Counts of plain text in which every line is its own block, with `names` left out.
pub fn measure(text: &str, names: &[&str]) -> Counts {
    let mut names = names.to_vec();
    // "CEOP Safety Centre" goes before "CEOP" can leave "Safety Centre" behind
    names.sort_by_key(|name| std::cmp::Reverse(name.len()));
    let mut counts = Counts::default();
    for line in text.lines() {
        let line = without_names(line, &names);
        let mut open = 0;
        for token in line.split_whitespace() {
            if let Some(n) = word_syllables(token) {
                counts.words += 1;
                counts.syllables += n;
                open += 1;
            }
            if open > 0 && ends_sentence(token) {
                counts.sentences += 1;
                open = 0;
            }
        }
        if open > 0 {
            counts.sentences += 1;
        }
    }
    counts
}

/// The line with each whole-word, same-case match of a name (and its `'s`) blanked.
fn without_names(line: &str, names: &[&str]) -> String {
    let mut line = line.to_owned();
    for name in names.iter().filter(|n| !n.is_empty()) {
        let mut from = 0;
        while let Some(at) = line[from..].find(name).map(|i| i + from) {
            let end = at + name.len();
            let before = line[..at].chars().next_back();
            let after = line[end..].chars().next();
            if before.is_some_and(char::is_alphanumeric) || after.is_some_and(char::is_alphanumeric)
            {
                from = end;
                continue;
            }
            let end = ["'s", "\u{2019}s"]
                .iter()
                .find(|s| line[end..].starts_with(*s))
                .map_or(end, |s| end + s.len());
            line.replace_range(at..end, " ");
            from = at + 1;
        }
    }
    line
}

/// Syllables of a token that is a word; `None` for addresses, numbers and symbols.
fn word_syllables(token: &str) -> Option<usize> {
    let lower = token.to_ascii_lowercase();
    if lower.contains("://")
        || lower.contains('@')
        || ["www.", "tel:", "mailto:", "(www.", "(http"]
            .iter()
            .any(|p| lower.starts_with(p))
    {
        return None;
    }
    let n: usize = token
        .split(['-', '/', '\u{2013}'])
        .filter(|part| !part.chars().any(|c| c.is_ascii_digit()))
        .map(syllables)
        .sum();
    (n > 0).then_some(n)
}

/// Whether a token closes a sentence: it ends in `.`, `!` or `?` (before any closing
/// quotes or brackets) and is not a common abbreviation.
fn ends_sentence(token: &str) -> bool {
    let core = token.trim_end_matches(['"', '\'', ')', ']', '*', '_', '\u{201d}', '\u{2019}']);
    if !core.ends_with(['.', '!', '?', '\u{2026}']) {
        return false;
    }
    let lower = core.to_ascii_lowercase();
    let word = lower.trim_start_matches(['(', '"', '\'', '\u{201c}', '\u{2018}']);
    ![
        "e.g.", "i.e.", "etc.", "mr.", "mrs.", "ms.", "dr.", "st.", "vs.",
    ]
    .contains(&word)
}

#[cfg(test)]
mod tests {
    use super::{measure, Counts, NAMES};

    #[test]
    fn the_grade_is_the_flesch_kincaid_formula() {
        let counts = Counts {
            sentences: 2,
            words: 20,
            syllables: 30,
        };
        let want = 0.39 * 10.0 + 11.8 * 1.5 - 15.59;
        assert!((counts.grade() - want).abs() < 1e-9);
        assert_eq!(Counts::default().grade(), 0.0, "no words, no grade");
    }

    #[test]
    fn sentences_end_at_stops_and_at_every_line() {
        let counts = measure(
            "The cat sat on the mat. It was happy!\nWhat it is\n- a list item\nDid you see (e.g. a dog)? Say no. Then go.",
            &[],
        );
        assert_eq!(counts.sentences, 7);
        assert_eq!(counts.words, 25);
    }

    #[test]
    fn a_known_sentence_has_its_known_grade() {
        // 1 sentence, 6 words, 6 syllables: 0.39 × 6 + 11.8 × 1 − 15.59
        let counts = measure("The cat sat on the mat.", &[]);
        assert_eq!(
            counts,
            Counts {
                sentences: 1,
                words: 6,
                syllables: 6
            }
        );
        assert!((counts.grade() - -1.45).abs() < 1e-9);
        // Long sentences of long words read as a high grade.
        let hard = measure(
            "Radicalisation is the gradual psychological process through which individuals adopt increasingly extreme ideological positions.",
            &[],
        );
        assert!(hard.grade() > 12.0, "{}", hard.grade());
    }

    #[test]
    fn names_addresses_and_numbers_are_left_out() {
        let counts = measure(
            "Call Childline on 0800 1111 or visit https://www.childline.org.uk today.\nThe CEOP Safety Centre's form.\nChildline",
            NAMES,
        );
        // "Call on or visit today." and "The form."; the lone name is no sentence.
        assert_eq!(counts.words, 7);
        assert_eq!(counts.sentences, 2);
        let kept = measure("Childlines and Fearlessly", NAMES);
        assert_eq!(kept.words, 3, "only whole names are left out");
    }

    #[test]
    fn hyphenated_words_are_one_word() {
        let counts = measure("A back-up plan for under-18s.", &[]);
        assert_eq!(counts.words, 5);
        assert_eq!(counts.syllables, 1 + 2 + 1 + 1 + 2);
    }
}
