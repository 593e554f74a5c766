//! Loading the catalogues and looking words up. A key a language lacks falls back to
//! English (the completeness test fails on it; a pupil never sees an error); a key
//! English lacks shows as the key itself. Fluent isolates every inserted value with
//! Unicode's first-strong isolate marks, so a school's name in Latin letters never
//! jumbles an Urdu sentence around it.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use rust_embed::RustEmbed;

use super::review::{self, Review};
use crate::domain::language::{Direction, Language};

#[derive(RustEmbed)]
#[folder = "locales/"]
struct BuiltIn;

/// The file of a language's pupil strings, under a locales directory.
pub fn file_name(lang: Language) -> String {
    format!("{}/pupil.ftl", lang.code())
}

/// One language's words.
pub struct Catalogue {
    lang: Language,
    bundle: FluentBundle<FluentResource>,
    review: Review,
    /// The Fluent source, for the completeness check.
    source: String,
}

impl std::fmt::Debug for Catalogue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Catalogue({})", self.lang.code())
    }
}

/// A catalogue that could not be used; names the file.
#[derive(Debug, thiserror::Error)]
#[error("catalogue {file}: {reason}")]
pub struct CatalogueError {
    pub file: String,
    pub reason: String,
}

impl Catalogue {
    /// Parses one language's catalogue; any syntax error is refused, naming its line.
    pub fn parse(lang: Language, file: &str, text: String) -> Result<Self, CatalogueError> {
        let error = |reason: String| CatalogueError {
            file: file.to_owned(),
            reason,
        };
        let resource = FluentResource::try_new(text.clone()).map_err(|(_, errors)| {
            let first = errors.first().map(|e| {
                let line = text[..e.pos.start.min(text.len())].lines().count().max(1);
                format!("line {line}: {:?}", e.kind)
            });
            error(first.unwrap_or_default())
        })?;
        let id = lang
            .code()
            .parse()
            .map_err(|_| error("not a language code".into()))?;
        let mut bundle = FluentBundle::new_concurrent(vec![id]);
        // Inserted values are isolated (FSI … PDI): Fluent's default, kept on purpose.
        bundle.set_use_isolating(true);
        bundle
            .add_resource(resource)
            .map_err(|errors| error(format!("{errors:?}")))?;
        Ok(Catalogue {
            lang,
            review: review::read(&text),
            bundle,
            source: text,
        })
    }

    pub fn language(&self) -> Language {
        self.lang
    }

    pub fn review(&self) -> &Review {
        &self.review
    }

    /// The catalogue's Fluent source.
    pub fn source(&self) -> &str {
        &self.source
    }

    pub fn has(&self, key: &str) -> bool {
        self.bundle.has_message(key)
    }

    fn format(&self, key: &str, args: Option<&FluentArgs<'_>>) -> Option<String> {
        let message = self.bundle.get_message(key)?;
        let pattern = message.value()?;
        let mut errors = Vec::new();
        let words = self.bundle.format_pattern(pattern, args, &mut errors);
        Some(words.into_owned())
    }
}

/// Every language with a catalogue. English always has one.
#[derive(Debug, Clone)]
pub struct Catalogues {
    by_lang: BTreeMap<Language, Arc<Catalogue>>,
}

impl Catalogues {
    /// The built-in catalogues, each replaced by the same file under `dir` when there is
    /// one (a deployment correcting or adding a translation without a new build).
    pub fn load(dir: Option<&Path>) -> Result<Self, CatalogueError> {
        let mut by_lang = BTreeMap::new();
        for &lang in Language::ALL {
            let name = file_name(lang);
            let own = dir.map(|d| d.join(&name)).filter(|p| p.is_file());
            let (file, text) = match own {
                Some(path) => {
                    let text = std::fs::read_to_string(&path).map_err(|e| CatalogueError {
                        file: path.display().to_string(),
                        reason: e.to_string(),
                    })?;
                    (path.display().to_string(), text)
                }
                None => match BuiltIn::get(&name) {
                    Some(file) => (
                        format!("locales/{name}"),
                        String::from_utf8(file.data.into_owned()).map_err(|_| CatalogueError {
                            file: name.clone(),
                            reason: "is not UTF-8 text".into(),
                        })?,
                    ),
                    None => continue,
                },
            };
            let catalogue = Catalogue::parse(lang, &file, text)?;
            by_lang.insert(lang, Arc::new(catalogue));
        }
        if !by_lang.contains_key(&Language::SOURCE) {
            return Err(CatalogueError {
                file: file_name(Language::SOURCE),
                reason: "English, the source of every key, is missing".into(),
            });
        }
        Ok(Catalogues { by_lang })
    }

    /// The languages a pupil can choose: those with a catalogue, English first.
    pub fn languages(&self) -> Vec<Language> {
        self.by_lang.keys().copied().collect()
    }

    pub fn catalogue(&self, lang: Language) -> Option<&Catalogue> {
        self.by_lang.get(&lang).map(AsRef::as_ref)
    }

    pub fn has(&self, lang: Language) -> bool {
        self.by_lang.contains_key(&lang)
    }

    /// The words of `lang` (English where it has none).
    pub fn tr(&self, lang: Language) -> Tr<'_> {
        let source = self.source();
        Tr {
            lang: if self.has(lang) {
                lang
            } else {
                Language::SOURCE
            },
            words: self.catalogue(lang).unwrap_or(source),
            source,
        }
    }

    fn source(&self) -> &Catalogue {
        match self.by_lang.get(&Language::SOURCE) {
            Some(source) => source,
            // `load` refuses to make a `Catalogues` without English.
            None => unreachable!("English is always loaded"),
        }
    }
}

/// A value put into a message: a number (which also chooses a plural form) or text.
#[derive(Debug, Clone)]
pub enum Arg<'a> {
    Num(i64),
    Text(Cow<'a, str>),
}

impl<'a> From<&'a str> for Arg<'a> {
    fn from(s: &'a str) -> Self {
        Arg::Text(Cow::Borrowed(s))
    }
}

impl From<String> for Arg<'_> {
    fn from(s: String) -> Self {
        Arg::Text(Cow::Owned(s))
    }
}

impl From<usize> for Arg<'_> {
    fn from(n: usize) -> Self {
        Arg::Num(i64::try_from(n).unwrap_or(i64::MAX))
    }
}

/// The words of one language for one page, English where a word is missing.
#[derive(Debug, Clone, Copy)]
pub struct Tr<'a> {
    lang: Language,
    words: &'a Catalogue,
    source: &'a Catalogue,
}

impl<'a> Tr<'a> {
    pub fn lang(&self) -> Language {
        self.lang
    }

    pub fn dir(&self) -> Direction {
        self.lang.direction()
    }

    /// A message with no values in it.
    pub fn t(&self, key: &str) -> String {
        self.with(key, &[])
    }

    /// A message with values (`$name` → value).
    pub fn with(&self, key: &str, args: &[(&str, Arg<'_>)]) -> String {
        let mut fluent = FluentArgs::with_capacity(args.len());
        for (name, value) in args {
            let value = match value {
                Arg::Num(n) => FluentValue::from(*n),
                Arg::Text(text) => FluentValue::from(text.as_ref()),
            };
            fluent.set(*name, value);
        }
        let fluent = (!args.is_empty()).then_some(&fluent);
        self.words
            .format(key, fluent)
            .or_else(|| self.source.format(key, fluent))
            .unwrap_or_else(|| key.to_owned())
    }

    /// A path (starting `/`) in this page's language: `/report` → `/cy/report`.
    pub fn href(&self, path: &str) -> String {
        self.lang.path(path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn catalogues(welsh: &str) -> Catalogues {
        let en = "## review: source\nhello = Hello, { $name }.\nonly-english = Only English\npictures = { $count ->\n    [one] 1 picture\n   *[other] { $count } pictures\n}\n";
        let mut by_lang = BTreeMap::new();
        for (lang, text) in [(Language::EnGb, en), (Language::Cy, welsh)] {
            let catalogue = Catalogue::parse(lang, "test", text.to_owned()).unwrap();
            by_lang.insert(lang, Arc::new(catalogue));
        }
        Catalogues { by_lang }
    }

    #[test]
    fn words_come_from_the_language_then_english_never_a_panic() {
        let all = catalogues("hello = Helo, { $name }.\npictures = { $count ->\n    [zero] dim lluniau\n    [one] 1 llun\n    [two] 2 lun\n    [few] { $count } llun\n    [many] { $count } llun\n   *[other] { $count } llun\n}\n");
        let cy = all.tr(Language::Cy);
        assert_eq!(
            cy.with("hello", &[("name", "Sam".into())]),
            "Helo, \u{2068}Sam\u{2069}."
        );
        assert_eq!(cy.t("only-english"), "Only English");
        assert_eq!(cy.t("no-such-key"), "no-such-key");
        assert_eq!(cy.with("pictures", &[("count", 2usize.into())]), "2 lun");
        assert_eq!(
            cy.with("pictures", &[("count", 0usize.into())]),
            "dim lluniau"
        );
        assert_eq!(cy.href("/report"), "/cy/report");
        let en = all.tr(Language::EnGb);
        assert_eq!(
            en.with("pictures", &[("count", 1usize.into())]),
            "1 picture"
        );
        assert_eq!(en.href("/report"), "/report");
        // A language with no catalogue is English.
        assert_eq!(all.tr(Language::Ar).lang(), Language::EnGb);
    }

    #[test]
    fn a_broken_catalogue_is_refused_with_its_line() {
        let err = Catalogue::parse(
            Language::Cy,
            "cy/pupil.ftl",
            "ok = Fine\nbroken = {\n".into(),
        )
        .unwrap_err();
        assert!(err.to_string().contains("cy/pupil.ftl"), "{err}");
        assert!(err.reason.contains("line 2"), "{err}");
    }
}
