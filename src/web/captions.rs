//! Captions of each topic video in each language with a translated transcript, made at
//! start-up from the English captions' timing (`content::captions`), served at
//! `/videos/{slug}.{code}.vtt`; and the list of tracks a topic page offers.

use std::collections::HashMap;
use std::sync::Arc;

use actix_web::http::header;
use actix_web::web::Bytes;
use actix_web::HttpResponse;

use crate::assets::Assets;
use crate::content::{captions, Library};
use crate::domain::language::Language;
use crate::views::pupil::Track;

/// Every translated caption file, by file name (`gangs.cy.vtt`).
#[derive(Debug, Clone, Default)]
pub struct Captions(Arc<HashMap<String, Bytes>>);

fn file_name(slug: &str, lang: Language) -> String {
    format!("{slug}.{}.vtt", lang.code())
}

impl Captions {
    /// Makes each translation's captions. A topic whose English captions do not add up to
    /// its transcript keeps English captions only, with a warning naming it.
    pub fn build(assets: &Assets, library: &Library) -> Self {
        let mut files = HashMap::new();
        for english in library.topics() {
            let Some(video) = &english.video else {
                continue;
            };
            let Some(vtt) = assets.text(&video.captions) else {
                continue;
            };
            for (lang, translated) in library.translations(&english.slug) {
                match captions::translate(vtt, &english.transcript, &translated.transcript) {
                    Ok(made) => {
                        files.insert(file_name(&english.slug, lang), Bytes::from(made));
                    }
                    Err(reason) => tracing::warn!(
                        topic = %english.slug,
                        %reason,
                        "translated captions not made: the English captions do not match the transcript"
                    ),
                }
            }
        }
        Captions(Arc::new(files))
    }

    /// The caption tracks of a topic: English, then each language with captions.
    pub fn tracks(&self, assets: &Assets, library: &Library, slug: &str) -> Vec<Track> {
        let Some(video) = library.topic(slug).and_then(|t| t.video.as_ref()) else {
            return Vec::new();
        };
        let mut tracks = vec![Track {
            lang: Language::SOURCE,
            src: assets.url(&video.captions),
        }];
        for &lang in &Language::ALL[1..] {
            let name = file_name(slug, lang);
            if self.0.contains_key(&name) {
                tracks.push(Track {
                    lang,
                    src: format!("/videos/{name}"),
                });
            }
        }
        tracks
    }

    /// The caption file of this name (`gangs.cy.vtt`), or 404.
    pub fn respond(&self, file: &str) -> HttpResponse {
        match self.0.get(file) {
            Some(vtt) => HttpResponse::Ok()
                .content_type("text/vtt; charset=utf-8")
                .insert_header((header::CACHE_CONTROL, "public, max-age=3600"))
                .body(vtt.clone()),
            None => HttpResponse::NotFound().finish(),
        }
    }
}
