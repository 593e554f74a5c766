//! The languages of the pupil pages: their codes (the first part of a path), their names
//! in themselves for the menu, their names in English for staff, and which way they read.

/// Which way a language's script runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Ltr,
    Rtl,
}

impl Direction {
    /// The value of an HTML `dir` attribute.
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Ltr => "ltr",
            Direction::Rtl => "rtl",
        }
    }
}

macro_rules! languages {
    ($($variant:ident => $code:literal, $prefix:literal, $autonym:literal, $english:literal, $dir:ident;)+) => {
        /// A language a pupil can read Confide in. English (`en-GB`) is the source of every
        /// word and is served at `/`; the others at `/{code}/…`.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Language { $($variant,)+ }

        impl Language {
            /// Every language, English first, in the order of the menu.
            pub const ALL: &'static [Language] = &[$(Language::$variant,)+];

            /// The BCP 47 code: the `lang` attribute and the first part of the path.
            pub fn code(self) -> &'static str {
                match self { $(Language::$variant => $code,)+ }
            }

            /// The language's name in itself, as the menu shows it.
            pub fn autonym(self) -> &'static str {
                match self { $(Language::$variant => $autonym,)+ }
            }

            /// The language's name in English, as staff see it.
            pub fn english_name(self) -> &'static str {
                match self { $(Language::$variant => $english,)+ }
            }

            pub fn direction(self) -> Direction {
                match self { $(Language::$variant => Direction::$dir,)+ }
            }

            /// The start of every path in this language: `""` for English, `/cy` for Welsh.
            pub fn prefix(self) -> &'static str {
                match self { $(Language::$variant => $prefix,)+ }
            }
        }
    };
}

languages! {
    EnGb => "en-GB", "", "English", "English", Ltr;
    Cy => "cy", "/cy", "Cymraeg", "Welsh", Ltr;
    Pl => "pl", "/pl", "Polski", "Polish", Ltr;
    Ro => "ro", "/ro", "Română", "Romanian", Ltr;
    Ur => "ur", "/ur", "اردو", "Urdu", Rtl;
    Pa => "pa", "/pa", "ਪੰਜਾਬੀ", "Panjabi", Ltr;
    Bn => "bn", "/bn", "বাংলা", "Bengali", Ltr;
    Ar => "ar", "/ar", "العربية", "Arabic", Rtl;
    So => "so", "/so", "Soomaali", "Somali", Ltr;
    Pt => "pt", "/pt", "Português", "Portuguese", Ltr;
}

impl Language {
    /// The source language, served without a prefix.
    pub const SOURCE: Language = Language::EnGb;

    /// The language with this code (exactly as `code` gives it), if any.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|l| l.code() == code)
    }

    /// The language of a path's first part (`cy` of `/cy/report`); English has none.
    pub fn from_prefix(segment: &str) -> Option<Self> {
        Self::from_code(segment).filter(|l| *l != Self::SOURCE)
    }

    /// A site path (starting `/`) in this language: `/report` → `/cy/report`; `/` → `/cy/`.
    pub fn path(self, path: &str) -> String {
        format!("{}{path}", self.prefix())
    }

    /// The primary subtag, for matching an `Accept-Language` entry (`en-GB` → `en`).
    pub fn primary(self) -> &'static str {
        self.code().split('-').next().unwrap_or_default()
    }

    /// The best of `languages` for an `Accept-Language` header: the first entry (by
    /// weight, then order) whose primary subtag is one of them; `None` if none is.
    pub fn negotiate(header: &str, languages: &[Language]) -> Option<Language> {
        let mut ranges: Vec<(f32, usize, String)> = header
            .split(',')
            .enumerate()
            .filter_map(|(i, part)| {
                let mut bits = part.split(';');
                let tag = bits.next()?.trim().to_ascii_lowercase();
                let weight = bits
                    .find_map(|b| b.trim().strip_prefix("q=").map(str::to_owned))
                    .map_or(Some(1.0), |q| q.trim().parse::<f32>().ok())?;
                (!tag.is_empty() && tag != "*" && weight > 0.0).then_some((weight, i, tag))
            })
            .collect();
        ranges.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        ranges.iter().find_map(|(_, _, tag)| {
            let primary = tag.split('-').next().unwrap_or_default();
            languages.iter().copied().find(|l| l.primary() == primary)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_prefixes_and_names() {
        assert_eq!(Language::ALL.len(), 10);
        assert_eq!(Language::from_code("cy"), Some(Language::Cy));
        assert_eq!(Language::from_prefix("en-GB"), None);
        assert_eq!(
            Language::Ur.path("/s/oakfield/report"),
            "/ur/s/oakfield/report"
        );
        assert_eq!(Language::EnGb.path("/report"), "/report");
        assert_eq!(Language::Cy.path("/"), "/cy/");
        for lang in Language::ALL.iter().skip(1) {
            assert_eq!(lang.prefix(), format!("/{}", lang.code()));
        }
        assert_eq!(Language::Ar.direction(), Direction::Rtl);
        assert_eq!(Language::Pa.direction(), Direction::Ltr);
        assert_eq!(Language::Pl.english_name(), "Polish");
    }

    #[test]
    fn accept_language_picks_the_best_language_offered() {
        let all = Language::ALL;
        assert_eq!(
            Language::negotiate("cy-GB,cy;q=0.9,en;q=0.8", all),
            Some(Language::Cy)
        );
        assert_eq!(
            Language::negotiate("en-US,en;q=0.9", all),
            Some(Language::EnGb)
        );
        assert_eq!(
            Language::negotiate("de;q=0.9, ur;q=0.5", all),
            Some(Language::Ur)
        );
        assert_eq!(
            Language::negotiate("pl;q=0.2, pt;q=0.8", all),
            Some(Language::Pt)
        );
        assert_eq!(Language::negotiate("fr, *", all), None);
        assert_eq!(Language::negotiate("ar;q=0", all), None);
        assert_eq!(Language::negotiate("pl", &[Language::EnGb]), None);
        assert_eq!(Language::negotiate("", all), None);
    }
}
