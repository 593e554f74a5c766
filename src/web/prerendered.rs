//! Pages that are the same for every visitor until the server restarts (home, topics,
//! "Using this site safely"), rendered and gzipped once at start-up.

use std::collections::HashMap;
use std::io::Write;
use std::sync::Arc;

use actix_web::http::header;
use actix_web::web::Bytes;
use actix_web::{HttpRequest, HttpResponse};

use crate::assets::Assets;
use crate::content::Library;
use crate::views::{self, Site};

/// One page and its gzipped copy, shared (never copied) by every response.
struct Prerendered {
    html: Bytes,
    gzip: Bytes,
}

/// Rendered pages by path.
#[derive(Clone, Default)]
pub struct Pages(Arc<HashMap<String, Prerendered>>);

impl Pages {
    pub fn render(site: &Site, assets: &Assets, library: &Library) -> Self {
        let mut pages = HashMap::new();
        let mut add = |path: String, markup: maud::Markup| {
            let html = Bytes::from(markup.into_string());
            let mut encoder =
                flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
            let gzip = encoder
                .write_all(&html)
                .and_then(|()| encoder.finish())
                .map(Bytes::from)
                .unwrap_or_default();
            pages.insert(path, Prerendered { html, gzip });
        };
        add("/".into(), views::pupil::home(site, &library.topics()));
        for topic in library.topics() {
            add(
                format!("/topics/{}", topic.slug),
                views::pupil::topic(site, assets, topic, None),
            );
        }
        if let Some(page) = library.page("safety") {
            add("/safety".into(), views::pupil::info_page(site, page));
        }
        Pages(Arc::new(pages))
    }

    /// The page for this path, gzipped when the browser takes it, or `None`.
    pub fn respond(&self, req: &HttpRequest, path: &str) -> Option<HttpResponse> {
        let page = self.0.get(path)?;
        let gzip = !page.gzip.is_empty() && crate::assets::accepts_gzip(req);
        let mut res = HttpResponse::Ok();
        res.content_type("text/html; charset=utf-8")
            .insert_header((header::VARY, "Accept-Encoding"));
        Some(if gzip {
            res.insert_header((header::CONTENT_ENCODING, "gzip"))
                .body(page.gzip.clone())
        } else {
            res.body(page.html.clone())
        })
    }
}
