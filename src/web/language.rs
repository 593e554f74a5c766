//! The language of a pupil request: the first part of its path (`/cy/…`), never a
//! cookie; the page's place without it, for the language menu; and the language the
//! browser asks for, offered in a line on GET pages (never a redirect).

use actix_web::guard::{Guard, GuardContext};
use actix_web::http::{header, Method};
use actix_web::{web, HttpRequest};

use super::state::AppState;
use crate::domain::language::Language;
use crate::views::chrome::Chrome;

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
pub fn path_language(state: &AppState, path: &str) -> Option<Language> {
    let first = path.trim_start_matches('/').split('/').next()?;
    Language::from_prefix(first).filter(|lang| state.catalogues.has(*lang))
}

impl Place {
    pub fn of(req: &HttpRequest, state: &AppState) -> Self {
        let path = req.path();
        let lang = path_language(state, path).unwrap_or(Language::SOURCE);
        let rest = &path[lang.prefix().len()..];
        let here = if rest.is_empty() { "/" } else { rest }.to_owned();
        let asked = (req.method() == Method::GET || req.method() == Method::HEAD)
            .then(|| req.headers().get(header::ACCEPT_LANGUAGE))
            .flatten()
            .and_then(|v| v.to_str().ok())
            .and_then(|v| Language::negotiate(v, &state.site.languages));
        Place {
            lang,
            here,
            offer: asked.filter(|asked| *asked != lang),
        }
    }

    /// What the views need to draw a page here.
    pub fn chrome<'a>(&'a self, state: &'a AppState) -> Chrome<'a> {
        Chrome {
            site: &state.site,
            tr: state.catalogues.tr(self.lang),
            here: &self.here,
            offer: self.offer.map(|lang| state.catalogues.tr(lang)),
        }
    }
}

/// Lets the `/{lang}` scope take only the codes of languages with a catalogue, so
/// `/staff/…` and unknown codes never reach the pupil handlers as a language.
pub struct HasCatalogue;

impl Guard for HasCatalogue {
    fn check(&self, ctx: &GuardContext<'_>) -> bool {
        ctx.app_data::<web::Data<AppState>>()
            .is_some_and(|state| path_language(state, ctx.head().uri.path()).is_some())
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
