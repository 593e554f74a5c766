//! What every page needs to know about the site, pupils' and staff's alike.

use crate::assets::Assets;
use crate::domain::language::Language;

/// What every page needs to know about the site, built once at start-up.
#[derive(Debug, Clone)]
pub struct Site {
    pub exit_url: String,
    pub css_url: String,
    pub js_url: String,
    pub favicon_url: String,
    /// The languages with a catalogue, English first: the language menu.
    pub languages: Vec<Language>,
}

impl Site {
    pub fn new(exit_url: &str, assets: &Assets, languages: Vec<Language>) -> Self {
        Site {
            exit_url: exit_url.to_owned(),
            css_url: assets.url("css/confide.css"),
            js_url: assets.url("js/confide.js"),
            favicon_url: assets.url("favicon.svg"),
            languages,
        }
    }
}
