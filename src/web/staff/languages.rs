//! `/staff/admin/languages`: each language's review state and completeness, for administrators.

use actix_web::http::StatusCode;
use actix_web::web::{self, ServiceConfig};
use actix_web::HttpResponse;

use crate::domain::language::Language;
use crate::i18n::check;
use crate::views;
use crate::views::languages::LanguageState;
use crate::web::error::AppError;
use crate::web::extract::{with_viewer, AdminSession};
use crate::web::respond::html_response;
use crate::web::state::AppState;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.route("/staff/admin/languages", web::get().to(languages));
}

/// Every language with a catalogue, read from the catalogues and content loaded at start.
fn states(state: &AppState) -> Vec<LanguageState> {
    let english = state
        .catalogues
        .catalogue(Language::SOURCE)
        .map(|c| c.source().to_owned())
        .unwrap_or_default();
    let topics = state.library.topics();
    state
        .catalogues
        .languages()
        .into_iter()
        .filter_map(|lang| {
            let catalogue = state.catalogues.catalogue(lang)?;
            let translated = |slug: &str| {
                lang == Language::SOURCE
                    || state
                        .library
                        .topic_in(lang, slug)
                        .is_some_and(|t| t.lang == lang)
            };
            Some(LanguageState {
                lang,
                review: catalogue.review().clone(),
                problems: if lang == Language::SOURCE {
                    Vec::new()
                } else {
                    check::problems(lang, &english, catalogue.source())
                },
                topics_translated: topics.iter().filter(|t| translated(&t.slug)).count(),
                topics: topics.len(),
                safety_translated: state
                    .library
                    .page_in(lang, "safety")
                    .is_some_and(|p| p.lang == lang),
            })
        })
        .collect()
}

async fn languages(
    state: web::Data<AppState>,
    session: AdminSession,
) -> Result<HttpResponse, AppError> {
    let states = states(&state);
    Ok(html_response(
        StatusCode::OK,
        with_viewer(&session.signed_in, |v| {
            views::languages::languages(&state.site, v, &states)
        }),
    ))
}
