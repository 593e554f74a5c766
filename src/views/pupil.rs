//! Pupil pages: home, a school's own landing page, topics, information pages and the school finder.

use maud::{html, Markup};

use super::chrome::{phone, Chrome};
use super::components::{
    emergency_inset, helplines, listen_button, other_language, prose, start_button, topic_list,
    typed,
};
use super::forms::plural_json;
use super::layout::{page, school_page};
use crate::assets::Assets;
use crate::content::InLanguage;
use crate::domain::choices::Category;
use crate::domain::language::Language;
use crate::store::schools::School;

pub fn home(chrome: &Chrome<'_>, topics: &[InLanguage<'_>]) -> Markup {
    page(
        chrome,
        &chrome.t("service-name"),
        html! {
            div class="govuk-grid-row" {
                div class="govuk-grid-column-two-thirds" {
                    h1 class="govuk-heading-xl" { (chrome.t("home-heading")) }
                    // Short, so "Report something" is on a phone's first screen even when
                    // the menu is open (without JavaScript).
                    p class="govuk-body" { (chrome.t("no-name-needed")) }
                    (start_button(&chrome.href("/report"), &chrome.t("nav-report")))
                    (picture_entry(chrome, &chrome.href(&format!("/report?kind={NUDE_IMAGE}"))))
                    (school_search(chrome, SchoolSearch::Visit, "", None, false))
                    p class="govuk-body" { (chrome.t("home-what")) }
                    (emergency_inset(chrome))
                }
            }
            h2 class="govuk-heading-l" id="topics" { (chrome.t("nav-advice")) }
            (topic_list(topics, chrome.lang().prefix(), chrome.lang()))
        },
    )
}

pub fn school_home(chrome: &Chrome<'_>, school: &School, topics: &[InLanguage<'_>]) -> Markup {
    let base = chrome.href(&format!("/s/{}", school.slug));
    let name = [("school", school.name.as_str().into())];
    school_page(
        chrome,
        &school.slug,
        &school.name,
        html! {
            div class="govuk-grid-row" {
                div class="govuk-grid-column-two-thirds" {
                    span class="govuk-caption-l" { (school.name) }
                    h1 class="govuk-heading-xl" { (chrome.t("home-heading")) }
                    p class="govuk-body" { (chrome.t("no-name-needed")) }
                    (start_button(&format!("{base}/report"), &chrome.t("nav-report")))
                    (picture_entry(chrome, &format!("{base}/report?kind={NUDE_IMAGE}")))
                    p class="govuk-body" {
                        (chrome.with("school-tell", &name)) " "
                        (chrome.rich("school-hours", &[], &[("hours", html! { strong { (school.reading_hours) } })])) " "
                        (chrome.t("school-outside-hours"))
                    }
                    (emergency_inset(chrome))
                }
            }
            h2 class="govuk-heading-l" id="topics" { (chrome.t("nav-advice")) }
            (topic_list(topics, &base, chrome.lang()))
        },
    )
}

/// The kind a "nude picture of me" link chooses on the form (it takes no pictures).
const NUDE_IMAGE: &str = "nude_image";

/// "Is someone sharing a nude picture of you, or threatening to?", straight to the form
/// with that kind chosen and no file input in it.
fn picture_entry(chrome: &Chrome<'_>, href: &str) -> Markup {
    html! {
        p class="govuk-body" { a class="govuk-link" href=(href) { (chrome.t("nude-entry")) } }
    }
}

/// What to do now when a nude picture of you is shared or someone threatens to share one
/// (Report Remove, the National Crime Agency's steps, not your fault), and a way to tell
/// the school with that kind chosen.
pub fn picture_help(chrome: &Chrome<'_>, content: InLanguage<'_>) -> Markup {
    let InLanguage {
        page: content,
        lang,
    } = content;
    page(
        chrome,
        &content.title,
        html! {
            div class="govuk-grid-row" {
                div class="govuk-grid-column-two-thirds" {
                    (not_translated(chrome, lang))
                    div data-confide-read lang=[other_language(lang, chrome.lang())] {
                        h1 class="govuk-heading-xl" { (content.title) }
                        p class="govuk-body-l" { (content.summary) }
                        (listen_button(chrome, lang))
                        (prose(&content.body_html))
                    }
                    h2 class="govuk-heading-m" { (chrome.t("tell-someone")) }
                    p class="govuk-body" { (chrome.t("nude-tell")) }
                    (start_button(&chrome.href(&format!("/report?kind={NUDE_IMAGE}")), &chrome.t("nav-report")))
                    (emergency_inset(chrome))
                }
            }
        },
    )
}

/// A caption track of a topic video: its language and address.
#[derive(Debug, Clone)]
pub struct Track {
    pub lang: Language,
    pub src: String,
}

/// When a long page is not yet in the page's language: says so, in that language.
fn not_translated(chrome: &Chrome<'_>, content: Language) -> Markup {
    html! {
        @if content != chrome.lang() {
            div class="govuk-inset-text confide-not-translated" { (chrome.t("not-translated")) }
        }
    }
}

/// The video with a caption track per language (the page's language the default), and
/// its transcript.
fn video(
    chrome: &Chrome<'_>,
    assets: &Assets,
    topic: &crate::content::Page,
    tracks: &[Track],
) -> Markup {
    let default = tracks
        .iter()
        .position(|t| t.lang == chrome.lang())
        .unwrap_or(0);
    html! {
        @if let Some(video) = &topic.video {
            figure class="confide-video-figure" {
                video class="confide-video" controls preload="none" playsinline
                    poster=[video.poster.as_deref().map(|p| assets.url(p))]
                    aria-describedby="transcript" {
                    source src=(assets.url(&video.src)) type="video/mp4";
                    @for (i, track) in tracks.iter().enumerate() {
                        track kind="captions" src=(track.src) srclang=(track.lang.code()) label=(track.lang.autonym()) default[i == default];
                    }
                    p class="govuk-body" {
                        (chrome.rich("video-cannot-play", &[], &[("link", html! {
                            a class="govuk-link" href=(assets.url(&video.src)) { (chrome.t("video-download")) }
                        })]))
                    }
                }
            }
            details class="govuk-details confide-transcript" id="transcript" open {
                summary class="govuk-details__summary" {
                    span class="govuk-details__summary-text" { (chrome.t("transcript-heading")) }
                }
                div class="govuk-details__text" {
                    @for scene in &topic.transcript {
                        p class="govuk-body" { (scene.say) }
                    }
                }
            }
        }
    }
}

/// A topic page: for the whole site (prerendered), or within one school's pages, where
/// "Report something" goes straight to that school's form.
pub fn topic(
    chrome: &Chrome<'_>,
    assets: &Assets,
    topic: InLanguage<'_>,
    tracks: &[Track],
    school: Option<&School>,
) -> Markup {
    let InLanguage { page: topic, lang } = topic;
    let content = html! {
        div class="govuk-grid-row" {
            div class="govuk-grid-column-two-thirds" {
                (not_translated(chrome, lang))
                div data-confide-read lang=[other_language(lang, chrome.lang())] {
                    @if let Some(school) = school {
                        span class="govuk-caption-l" { (school.name) }
                    }
                    h1 class="govuk-heading-xl" { (topic.title) }
                    p class="govuk-body-l" { (topic.summary) }
                    (listen_button(chrome, lang))
                    (video(chrome, assets, topic, tracks))
                    (prose(&topic.body_html))
                }
                h2 class="govuk-heading-m" { (chrome.t("tell-someone")) }
                @if let Some(school) = school {
                    p class="govuk-body" {
                        (chrome.with("topic-tell-school", &[("school", school.name.as_str().into())]))
                    }
                    (start_button(&chrome.href(&format!("/s/{}/report", school.slug)), &chrome.t("nav-report")))
                } @else {
                    p class="govuk-body" { (chrome.t("topic-tell")) }
                    (start_button(&chrome.href("/report"), &chrome.t("nav-report")))
                }
                (helplines(chrome, &topic.helplines, other_language(lang, chrome.lang())))
                (emergency_inset(chrome))
            }
        }
    };
    match school {
        Some(school) => school_page(chrome, &school.slug, &topic.title, content),
        None => page(chrome, &topic.title, content),
    }
}

/// A plain information page such as "Using this site safely".
pub fn info_page(chrome: &Chrome<'_>, content: InLanguage<'_>) -> Markup {
    let InLanguage {
        page: content,
        lang,
    } = content;
    page(
        chrome,
        &content.title,
        html! {
            div class="govuk-grid-row" {
                div class="govuk-grid-column-two-thirds" {
                    (not_translated(chrome, lang))
                    div data-confide-read lang=[other_language(lang, chrome.lang())] {
                        h1 class="govuk-heading-xl" { (content.title) }
                        p class="govuk-body-l" { (content.summary) }
                        (listen_button(chrome, lang))
                        (prose(&content.body_html))
                    }
                }
            }
        },
    )
}

/// What a pupil is finding their school for: to report (`/report`, each school links to
/// its form) or to visit its pages (`/schools`, each school links to `/s/{slug}`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SchoolSearch {
    Report,
    Visit,
}

impl SchoolSearch {
    fn action(self) -> &'static str {
        match self {
            SchoolSearch::Report => "/report",
            SchoolSearch::Visit => "/schools",
        }
    }

    fn title_key(self) -> &'static str {
        match self {
            SchoolSearch::Report => "find-school-report",
            SchoolSearch::Visit => "find-school",
        }
    }

    fn href(self, school: &School, kind: Option<Category>) -> String {
        match (self, kind) {
            (SchoolSearch::Report, Some(kind)) => {
                format!("/s/{}/report?kind={}", school.slug, kind.as_str())
            }
            (SchoolSearch::Report, None) => format!("/s/{}/report", school.slug),
            (SchoolSearch::Visit, _) => format!("/s/{}", school.slug),
        }
    }
}

/// The search box: a plain GET form, so it works without JavaScript. On the home page
/// its label is a heading of its own; on the finder page the page's h1 names it.
fn school_search(
    chrome: &Chrome<'_>,
    purpose: SchoolSearch,
    query: &str,
    kind: Option<Category>,
    on_own_page: bool,
) -> Markup {
    let label = html! {
        label class={ "govuk-label " @if on_own_page { "govuk-label--s" } @else { "govuk-label--m" } } for="q" {
            @if on_own_page { (chrome.t("search-school")) } @else { (chrome.t("find-school")) }
        }
    };
    html! {
        form method="get" action=(chrome.href(purpose.action())) class="govuk-!-margin-bottom-6" role="search" aria-label=(chrome.t("find-school")) {
            @if let Some(kind) = kind {
                input type="hidden" name="kind" value=(kind.as_str());
            }
            div class="govuk-form-group" {
                @if on_own_page { (label) } @else { h2 class="govuk-label-wrapper" { (label) } }
                div class="govuk-hint" id="q-hint" { (chrome.t("search-hint")) }
                input class="govuk-input govuk-!-width-two-thirds" id="q" name="q" type="search" value=(query)
                    aria-describedby="q-hint" autocomplete="off" spellcheck="false" dir="auto"
                    data-confide-filter="confide-school-list";
            }
            button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button" { (chrome.t("search-button")) }
        }
    }
}

/// Reports go to one school's staff, so the pupil finds theirs first: the schools whose
/// names have the letters typed (all of them before anything is typed). A `kind` chosen
/// on the way (`/report?kind=nude_image`) goes on to the school's form.
pub fn choose_school(
    chrome: &Chrome<'_>,
    purpose: SchoolSearch,
    schools: &[School],
    query: &str,
    kind: Option<Category>,
) -> Markup {
    let title = chrome.t(purpose.title_key());
    page(
        chrome,
        &title,
        html! {
            div class="govuk-grid-row" {
                div class="govuk-grid-column-two-thirds" {
                    h1 class="govuk-heading-xl" { (title) }
                    @if purpose == SchoolSearch::Report {
                        p class="govuk-body" { (chrome.t("find-school-report-intro")) }
                    } @else {
                        p class="govuk-body" { (chrome.t("find-school-intro")) }
                    }
                    (school_search(chrome, purpose, query, kind, true))
                    @if schools.is_empty() && !query.is_empty() {
                        p class="govuk-body" { (chrome.rich("no-school-matches", &[], &[("typed", typed(query))])) }
                    } @else if schools.is_empty() {
                        p class="govuk-body" { (chrome.t("no-schools-yet")) }
                    } @else {
                        p class="govuk-body" id="confide-school-count" aria-live="polite"
                            data-msg-none=(chrome.t("schools-match-none"))
                            data-msg-count=(plural_json(&chrome.tr, "schools-match")) {}
                        ul class="govuk-list govuk-list--spaced confide-school-list" id="confide-school-list" {
                            @for school in schools {
                                li { a class="govuk-link govuk-!-font-size-24" href=(chrome.href(&purpose.href(school, kind))) { (school.name) } }
                            }
                        }
                    }
                    p class="govuk-body" {
                        (chrome.rich("school-not-here", &[], &[
                            ("fearless", html! { a class="govuk-link" href="https://www.fearless.org" rel="noreferrer noopener" { "Fearless" } }),
                            ("childline", phone("0800 1111")),
                        ]))
                    }
                    (emergency_inset(chrome))
                }
            }
        },
    )
}
