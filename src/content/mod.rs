//! Topic and information pages: Markdown with TOML front matter, built in or from a
//! school's own directory, in English (`content/topics`, `content/pages`) and in each
//! translation (`content/<code>/topics`, `content/<code>/pages`). A page not yet
//! translated is shown in English. Everything is parsed and rendered once at start-up.

pub mod captions;
pub mod page;

use std::collections::BTreeMap;
use std::path::Path;

use rust_embed::RustEmbed;

use crate::domain::language::Language;
pub use page::{parse_page, render_markdown, Helpline, Page, Scene, Video};

#[derive(RustEmbed)]
#[folder = "content/"]
struct BuiltInContent;

/// The pages of one language.
#[derive(Debug, Clone, Default)]
struct Shelf {
    topics: BTreeMap<String, Page>,
    pages: BTreeMap<String, Page>,
}

/// Every page in every language, rendered once.
#[derive(Debug, Clone, Default)]
pub struct Library {
    shelves: BTreeMap<Language, Shelf>,
}

/// A page and the language it is written in (English when not yet translated).
#[derive(Debug, Clone, Copy)]
pub struct InLanguage<'a> {
    pub page: &'a Page,
    pub lang: Language,
}

/// A content file that could not be used; names the file.
#[derive(Debug, thiserror::Error)]
#[error("content file {file}: {reason}")]
pub struct ContentError {
    pub file: String,
    pub reason: String,
}

/// The language and section of a content file's name (`cy/topics/gangs.md`).
fn place_of(name: &str) -> Option<(Language, &str, &str)> {
    let parts: Vec<&str> = name.split('/').collect();
    match parts.as_slice() {
        [section, file] => Some((Language::SOURCE, section, file)),
        [code, section, file] => Some((Language::from_prefix(code)?, section, file)),
        _ => None,
    }
}

impl Library {
    /// Built-in content, then the school's own directory (same file name replaces, new
    /// name adds; `<code>/topics/…` for a language).
    pub fn load(override_dir: Option<&Path>) -> Result<Self, ContentError> {
        let mut library = Library::default();
        library.shelves.insert(Language::SOURCE, Shelf::default());
        for name in BuiltInContent::iter() {
            let Some(file) = BuiltInContent::get(&name) else {
                continue;
            };
            let text = String::from_utf8(file.data.into_owned()).map_err(|_| ContentError {
                file: name.to_string(),
                reason: "is not UTF-8 text".into(),
            })?;
            library.add(&name, &text)?;
        }
        if let Some(dir) = override_dir {
            // A school's own English page replaces the built-in one, and so its built-in
            // translations, which say what the old page said, until it adds its own.
            let replaced = library.add_folder("", dir)?;
            for shelf in library
                .shelves
                .iter_mut()
                .filter(|(l, _)| **l != Language::SOURCE)
            {
                for (section, slug) in &replaced {
                    match section.as_str() {
                        "topics" => shelf.1.topics.remove(slug),
                        _ => shelf.1.pages.remove(slug),
                    };
                }
            }
            for &lang in &Language::ALL[1..] {
                library.add_folder(&format!("{}/", lang.code()), &dir.join(lang.code()))?;
            }
        }
        for dropped in library.drop_unmatched_translations() {
            tracing::warn!(file = %dropped, "translated topic not used: it must keep the English video, captions and number of scenes");
        }
        Ok(library)
    }

    /// Adds the pages under `dir`; returns the (section, slug) of each one added.
    fn add_folder(
        &mut self,
        prefix: &str,
        dir: &Path,
    ) -> Result<Vec<(String, String)>, ContentError> {
        let mut added = Vec::new();
        for section in ["topics", "pages"] {
            let Ok(entries) = std::fs::read_dir(dir.join(section)) else {
                continue;
            };
            let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
            paths.sort();
            for path in paths {
                let name = format!(
                    "{prefix}{section}/{}",
                    path.file_name().unwrap_or_default().to_string_lossy()
                );
                let text = std::fs::read_to_string(&path).map_err(|e| ContentError {
                    file: path.display().to_string(),
                    reason: e.to_string(),
                })?;
                self.add(&name, &text)?;
                if let Some(slug) = path.file_stem().and_then(|s| s.to_str()) {
                    added.push((section.to_owned(), slug.to_owned()));
                }
            }
        }
        Ok(added)
    }

    fn add(&mut self, name: &str, text: &str) -> Result<(), ContentError> {
        let Some((lang, section, file)) = place_of(name) else {
            return Ok(());
        };
        let Some(slug) = file.strip_suffix(".md") else {
            return Ok(());
        };
        let shelf = self.shelves.entry(lang).or_default();
        let target = match section {
            "topics" => &mut shelf.topics,
            "pages" => &mut shelf.pages,
            _ => return Ok(()),
        };
        let page = parse_page(slug, text).map_err(|reason| ContentError {
            file: name.to_owned(),
            reason,
        })?;
        target.insert(slug.to_owned(), page);
        Ok(())
    }

    /// A translated topic must keep the English video, captions and scenes (its captions
    /// are timed by the English scenes): one that does not is left out, and English shown.
    /// Returns the files left out.
    fn drop_unmatched_translations(&mut self) -> Vec<String> {
        let Some(english) = self.shelves.get(&Language::SOURCE).cloned() else {
            return Vec::new();
        };
        let mut dropped = Vec::new();
        for (lang, shelf) in self
            .shelves
            .iter_mut()
            .filter(|(l, _)| **l != Language::SOURCE)
        {
            shelf.topics.retain(|slug, page| {
                let matches = english.topics.get(slug).is_some_and(|en| {
                    en.video.as_ref().map(|v| (&v.src, &v.captions))
                        == page.video.as_ref().map(|v| (&v.src, &v.captions))
                        && en.transcript.len() == page.transcript.len()
                });
                if !matches {
                    dropped.push(format!("{}/topics/{slug}.md", lang.code()));
                }
                matches
            });
        }
        dropped
    }

    fn shelf(&self, lang: Language) -> Option<&Shelf> {
        self.shelves.get(&lang)
    }

    /// English topics in the order their authors gave.
    pub fn topics(&self) -> Vec<&Page> {
        let mut topics: Vec<&Page> = self
            .shelf(Language::SOURCE)
            .map(|s| s.topics.values().collect())
            .unwrap_or_default();
        topics.sort_by(|a, b| a.order.cmp(&b.order).then_with(|| a.title.cmp(&b.title)));
        topics
    }

    pub fn topic(&self, slug: &str) -> Option<&Page> {
        self.shelf(Language::SOURCE)?.topics.get(slug)
    }

    pub fn page(&self, slug: &str) -> Option<&Page> {
        self.shelf(Language::SOURCE)?.pages.get(slug)
    }

    /// Every topic, in `lang` where translated and in English where not, in English's order.
    pub fn topics_in(&self, lang: Language) -> Vec<InLanguage<'_>> {
        self.topics()
            .into_iter()
            .filter_map(|english| self.topic_in(lang, &english.slug))
            .collect()
    }

    /// A topic in `lang`, or in English when not yet translated.
    pub fn topic_in(&self, lang: Language, slug: &str) -> Option<InLanguage<'_>> {
        match self.shelf(lang).and_then(|s| s.topics.get(slug)) {
            Some(page) => Some(InLanguage { page, lang }),
            None => self.topic(slug).map(|page| InLanguage {
                page,
                lang: Language::SOURCE,
            }),
        }
    }

    /// An information page in `lang`, or in English when not yet translated.
    pub fn page_in(&self, lang: Language, slug: &str) -> Option<InLanguage<'_>> {
        match self.shelf(lang).and_then(|s| s.pages.get(slug)) {
            Some(page) => Some(InLanguage { page, lang }),
            None => self.page(slug).map(|page| InLanguage {
                page,
                lang: Language::SOURCE,
            }),
        }
    }

    /// The languages other than English a topic is translated into, with the translation.
    pub fn translations(&self, slug: &str) -> Vec<(Language, &Page)> {
        self.shelves
            .iter()
            .filter(|(lang, _)| **lang != Language::SOURCE)
            .filter_map(|(lang, shelf)| shelf.topics.get(slug).map(|p| (*lang, p)))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_content_all_parses() {
        let library = Library::load(None).unwrap();
        for topic in library.topics() {
            assert!(topic.video.is_some(), "{} has no video", topic.slug);
            assert!(
                !topic.helplines.is_empty(),
                "{} has no helplines",
                topic.slug
            );
        }
    }

    #[test]
    fn a_schools_directory_replaces_and_adds_topics() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("topics")).unwrap();
        std::fs::write(
            dir.path().join("topics/our-own.md"),
            "+++\ntitle = \"Our own topic\"\nsummary = \"Local advice\"\n+++\nHello.\n",
        )
        .unwrap();
        let library = Library::load(Some(dir.path())).unwrap();
        assert_eq!(library.topic("our-own").unwrap().title, "Our own topic");
    }

    const WELSH_GANGS: &str = "+++\ntitle = \"Gangiau\"\nsummary = \"Cyngor\"\norder = 5\nvideo = \"videos/gangs.mp4\"\ncaptions = \"videos/gangs.vtt\"\n";

    #[test]
    fn a_translated_topic_is_used_and_the_rest_stay_english() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("cy/topics")).unwrap();
        let english = Library::load(None).unwrap();
        let scenes = english.topic("gangs").unwrap().transcript.len();
        let mut text = WELSH_GANGS.to_owned();
        for i in 0..scenes {
            text.push_str(&format!(
                "\n[[transcript]]\nslide = \"S{i}\"\nsay = \"Dweud {i}.\"\n"
            ));
        }
        text.push_str("+++\nHelo.\n");
        std::fs::write(dir.path().join("cy/topics/gangs.md"), &text).unwrap();
        std::fs::create_dir_all(dir.path().join("topics")).unwrap();
        std::fs::create_dir_all(dir.path().join("pages")).unwrap();
        let own = "+++\ntitle = \"Our own\"\nsummary = \"Local\"\n+++\nHello.\n";
        std::fs::write(dir.path().join("topics/our-own.md"), own).unwrap();
        std::fs::write(dir.path().join("pages/our-page.md"), own).unwrap();
        let library = Library::load(Some(dir.path())).unwrap();
        let gangs = library.topic_in(Language::Cy, "gangs").unwrap();
        assert_eq!(
            (gangs.page.title.as_str(), gangs.lang),
            ("Gangiau", Language::Cy)
        );
        let own = library.topic_in(Language::Cy, "our-own").unwrap();
        assert_eq!(own.lang, Language::SOURCE);
        assert_eq!(
            library.topics_in(Language::Cy).len(),
            library.topics().len()
        );
        assert!(library
            .translations("gangs")
            .iter()
            .any(|(l, p)| *l == Language::Cy && p.title == "Gangiau"));
        assert_eq!(
            library.page_in(Language::Cy, "our-page").unwrap().lang,
            Language::SOURCE
        );

        // A translation that drops a scene cannot be timed by the English captions: it
        // is left out, and the English shown.
        let short = text.replacen(
            "[[transcript]]\nslide = \"S0\"\nsay = \"Dweud 0.\"\n",
            "",
            1,
        );
        std::fs::write(dir.path().join("cy/topics/gangs.md"), short).unwrap();
        let library = Library::load(Some(dir.path())).unwrap();
        assert_eq!(
            library.topic_in(Language::Cy, "gangs").unwrap().lang,
            Language::SOURCE
        );
    }

    #[test]
    fn a_schools_own_english_page_replaces_its_built_in_translations_too() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("topics")).unwrap();
        std::fs::write(
            dir.path().join("topics/bullying.md"),
            "+++\ntitle = \"Bullying at our school\"\nsummary = \"Ours\"\n+++\nHello.\n",
        )
        .unwrap();
        let library = Library::load(Some(dir.path())).unwrap();
        for &lang in Language::ALL {
            let page = library.topic_in(lang, "bullying").unwrap();
            assert_eq!(page.page.title, "Bullying at our school");
        }
    }

    #[test]
    fn every_built_in_translation_keeps_its_topics_video_and_scenes() {
        let library = Library::load(None).unwrap();
        let files = BuiltInContent::iter()
            .filter(|name| name.split('/').count() == 3 && name.contains("/topics/"))
            .count();
        let used: usize = library
            .topics()
            .iter()
            .map(|t| library.translations(&t.slug).len())
            .sum();
        assert_eq!(used, files, "a built-in translated topic was left out");
    }
}
