//! Pages that are the same for every visitor until the server restarts (home, topics,
//! "Using this site safely"), rendered and gzipped once at start-up in every language.
//! A browser asking for another language gets the same page with the offer of that
//! language put in just inside `<main>`, compressed for that answer.

use std::collections::HashMap;
use std::io::Write;
use std::sync::Arc;

use actix_web::http::header;
use actix_web::web::Bytes;
use actix_web::{HttpRequest, HttpResponse};

use super::captions::Captions;
use super::language::Place;
use crate::assets::Assets;
use crate::content::Library;
use crate::i18n::Catalogues;
use crate::views::chrome::{offer_line, Chrome};
use crate::views::layout::MAIN_OPEN;
use crate::views::{self, Site};

/// One page and its gzipped copy, shared (never copied) by every response.
struct Prerendered {
    html: Bytes,
    gzip: Bytes,
}

/// Rendered pages by path, the language's prefix included (`/cy/topics/gangs`).
#[derive(Clone, Default)]
pub struct Pages(Arc<HashMap<String, Prerendered>>);

fn gzip(html: &[u8], level: flate2::Compression) -> Bytes {
    let mut encoder = flate2::write::GzEncoder::new(Vec::with_capacity(html.len() / 3), level);
    encoder
        .write_all(html)
        .and_then(|()| encoder.finish())
        .map(Bytes::from)
        .unwrap_or_default()
}

impl Pages {
    pub fn render(
        site: &Site,
        assets: &Assets,
        library: &Library,
        catalogues: &Catalogues,
        captions: &Captions,
    ) -> Self {
        let mut pages = HashMap::new();
        for lang in catalogues.languages() {
            let mut add = |here: &str, render: &dyn Fn(&Chrome<'_>) -> maud::Markup| {
                let chrome = Chrome {
                    site,
                    tr: catalogues.tr(lang),
                    here,
                    offer: None,
                };
                let html = Bytes::from(render(&chrome).into_string());
                let gzip = gzip(&html, flate2::Compression::best());
                pages.insert(lang.path(here), Prerendered { html, gzip });
            };
            add("/", &|c| views::pupil::home(c, &library.topics_in(lang)));
            for topic in library.topics_in(lang) {
                let here = format!("/topics/{}", topic.page.slug);
                let tracks = captions.tracks(assets, library, &topic.page.slug);
                add(&here, &|c| {
                    views::pupil::topic(c, assets, topic, &tracks, None)
                });
            }
            if let Some(page) = library.page_in(lang, "safety") {
                add("/safety", &|c| views::pupil::info_page(c, page));
            }
            if let Some(page) = library.page_in(lang, "picture-help") {
                add("/picture-help", &|c| views::pupil::picture_help(c, page));
            }
        }
        Pages(Arc::new(pages))
    }

    /// The page for this place, gzipped when the browser takes it, or `None`.
    pub fn respond(
        &self,
        req: &HttpRequest,
        place: &Place,
        catalogues: &Catalogues,
    ) -> Option<HttpResponse> {
        let page = self.0.get(&place.lang.path(&place.here))?;
        let gzip_ok = crate::assets::accepts_gzip(req);
        let mut res = HttpResponse::Ok();
        res.content_type("text/html; charset=utf-8")
            .insert_header((header::VARY, "Accept-Encoding"));
        if let Some(offer) = place.offer {
            let html = with_offer(
                &page.html,
                &offer_line(&catalogues.tr(offer), &place.here).0,
            );
            return Some(if gzip_ok {
                res.insert_header((header::CONTENT_ENCODING, "gzip"))
                    .body(gzip(&html, flate2::Compression::fast()))
            } else {
                res.body(html)
            });
        }
        Some(if gzip_ok && !page.gzip.is_empty() {
            res.insert_header((header::CONTENT_ENCODING, "gzip"))
                .body(page.gzip.clone())
        } else {
            res.body(page.html.clone())
        })
    }
}

/// The page with `offer` put in just inside `<main>`.
fn with_offer(html: &[u8], offer: &str) -> Vec<u8> {
    let main = MAIN_OPEN.as_bytes();
    let at = html
        .windows(main.len())
        .position(|w| w == main)
        .map_or(html.len(), |i| i + main.len());
    let mut out = Vec::with_capacity(html.len() + offer.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(offer.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}
