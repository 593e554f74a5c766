//! The language of a pupil request: the first part of its path (`/cy/…`), never a
//! cookie; the page's place without it, for the language menu; and the language the
//! browser asks for, offered in a line on GET pages (never a redirect).

use actix_web::http::{header, Method};
use actix_web::HttpRequest;

use crate::domain::language::Language;
use crate::i18n::Catalogues;
use crate::views::chrome::Chrome;
use crate::views::Site;

/// Where a pupil request is, in which language.
#[derive(Debug, Clone)]
pub struct Place {
    pub lang: Language,
    /// The path without the language (`/s/oakfield/report`; `/` for a language's home).
    pub here: String,
    /// The browser's preferred language, when it is another with a catalogue.
    pub offer: Option<Language>,
}

/// The language a path starts with, if it has a catalogue here.
pub fn path_language(catalogues: &Catalogues, path: &str) -> Option<Language> {
    let first = path.trim_start_matches('/').split('/').next()?;
    Language::from_prefix(first).filter(|lang| catalogues.has(*lang))
}

/// Pages answered only to a POST, and the page a GET of the same place shows: the
/// language menu and the offer lead there.
const AFTER_POST: [(&str, &str); 1] = [("/followup/message", "/followup")];

impl Place {
    pub fn of(req: &HttpRequest, catalogues: &Catalogues) -> Self {
        let path = req.path();
        let lang = path_language(catalogues, path).unwrap_or(Language::SOURCE);
        let rest = &path[lang.prefix().len()..];
        let rest = AFTER_POST
            .iter()
            .find(|(post, _)| *post == rest)
            .map_or(rest, |(_, get)| get);
        let here = if rest.is_empty() { "/" } else { rest }.to_owned();
        let asked = (req.method() == Method::GET || req.method() == Method::HEAD)
            .then(|| req.headers().get(header::ACCEPT_LANGUAGE))
            .flatten()
            .and_then(|v| v.to_str().ok())
            .and_then(|v| Language::negotiate(v, &catalogues.languages()));
        Place {
            lang,
            here,
            offer: asked.filter(|asked| *asked != lang),
        }
    }

    /// What the views need to draw a page here.
    pub fn chrome<'a>(&'a self, site: &'a Site, catalogues: &'a Catalogues) -> Chrome<'a> {
        Chrome {
            site,
            tr: catalogues.tr(self.lang),
            here: &self.here,
            offer: self.offer.map(|lang| catalogues.tr(lang)),
        }
    }
}

/// The route pattern as it is logged: without the language part, so no log line says
/// which language a pupil reads (`/{lang}/s/{school}/report` → `/s/{school}/report`).
pub fn route_without_language(pattern: &str) -> &str {
    match pattern.strip_prefix("/{lang}") {
        Some("") => "/",
        Some(rest) => rest,
        None => pattern,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn logged_routes_never_carry_the_language() {
        assert_eq!(
            route_without_language("/{lang}/s/{school}/report"),
            "/s/{school}/report"
        );
        assert_eq!(route_without_language("/{lang}"), "/");
        assert_eq!(route_without_language("/{lang}/"), "/");
        assert_eq!(route_without_language("/s/{school}"), "/s/{school}");
    }
}
