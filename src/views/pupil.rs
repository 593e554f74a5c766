//! Pupil pages: home, a school's own landing page, topics, information pages and the school finder.

use maud::{html, Markup};

use super::components::{emergency_inset, helplines, prose, start_button, topic_list, typed};
use super::layout::{page, school_page, Site};
use crate::assets::Assets;
use crate::content::Page;
use crate::store::schools::School;

pub fn home(site: &Site, topics: &[&Page]) -> Markup {
    page(
        site,
        "Get help and report something",
        html! {
            div class="govuk-grid-row" {
                div class="govuk-grid-column-two-thirds" {
                    h1 class="govuk-heading-xl" { "Worried about something? You can tell us." }
                    // Short, so "Report something" is on a phone's first screen even when
                    // the menu is open (without JavaScript).
                    p class="govuk-body" { "You do not have to give your name." }
                    (start_button("/report", "Report something"))
                    (school_search(SchoolSearch::Visit, "", false))
                    p class="govuk-body" {
                        "Tell your school about anything that is worrying you. "
                        "You can tell us about bullying, someone hurting or scaring you, weapons, gangs, drugs, "
                        "something happening at home or online, or anything else. It can be about you or about someone else."
                    }
                    (emergency_inset())
                }
            }
            h2 class="govuk-heading-l" id="topics" { "Advice and videos" }
            (topic_list(topics, ""))
        },
    )
}

pub fn school_home(site: &Site, school: &School, topics: &[&Page]) -> Markup {
    let base = format!("/s/{}", school.slug);
    school_page(
        site,
        &school.slug,
        &school.name,
        html! {
            div class="govuk-grid-row" {
                div class="govuk-grid-column-two-thirds" {
                    span class="govuk-caption-l" { (school.name) }
                    h1 class="govuk-heading-xl" { "Worried about something? You can tell us." }
                    p class="govuk-body" { "You do not have to give your name." }
                    (start_button(&format!("{base}/report"), "Report something"))
                    p class="govuk-body" {
                        "Tell " (school.name) " about anything that is worrying you. "
                        "Reports are read by staff " strong { (school.reading_hours) } ". "
                        "Outside those times, no one may see your report straight away, so if you need help now, use the numbers below."
                    }
                    (emergency_inset())
                }
            }
            h2 class="govuk-heading-l" id="topics" { "Advice and videos" }
            (topic_list(topics, &base))
        },
    )
}

/// A topic page: for the whole site (prerendered), or within one school's pages, where
/// "Report something" goes straight to that school's form.
pub fn topic(site: &Site, assets: &Assets, topic: &Page, school: Option<&School>) -> Markup {
    let content = html! {
        div class="govuk-grid-row" {
            div class="govuk-grid-column-two-thirds" {
                @if let Some(school) = school {
                    span class="govuk-caption-l" { (school.name) }
                }
                h1 class="govuk-heading-xl" { (topic.title) }
                p class="govuk-body-l" { (topic.summary) }
                @if let Some(video) = &topic.video {
                    figure class="confide-video-figure" {
                        video class="confide-video" controls preload="none" playsinline
                            poster=[video.poster.as_deref().map(|p| assets.url(p))]
                            aria-describedby="transcript" {
                            source src=(assets.url(&video.src)) type="video/mp4";
                            track kind="captions" src=(assets.url(&video.captions)) srclang="en" label="English" default;
                            p class="govuk-body" {
                                "Your browser cannot play this video. You can read what it says below, or "
                                a class="govuk-link" href=(assets.url(&video.src)) { "download the video" } "."
                            }
                        }
                    }
                    details class="govuk-details confide-transcript" id="transcript" open {
                        summary class="govuk-details__summary" {
                            span class="govuk-details__summary-text" { "What the video says (transcript)" }
                        }
                        div class="govuk-details__text" {
                            @for scene in &topic.transcript {
                                p class="govuk-body" { (scene.say) }
                            }
                        }
                    }
                }
                (prose(&topic.body_html))
                h2 class="govuk-heading-m" { "Tell someone" }
                @if let Some(school) = school {
                    p class="govuk-body" {
                        "If this is happening to you or someone you know, you can tell " (school.name) " here. You do not have to give your name."
                    }
                    (start_button(&format!("/s/{}/report", school.slug), "Report something"))
                } @else {
                    p class="govuk-body" {
                        "If this is happening to you or someone you know, you can tell your school here. You do not have to give your name."
                    }
                    (start_button("/report", "Report something"))
                }
                (helplines(&topic.helplines))
                (emergency_inset())
            }
        }
    };
    match school {
        Some(school) => school_page(site, &school.slug, &topic.title, content),
        None => page(site, &topic.title, content),
    }
}

/// A plain information page such as "Using this site safely".
pub fn info_page(site: &Site, content: &Page) -> Markup {
    page(
        site,
        &content.title,
        html! {
            div class="govuk-grid-row" {
                div class="govuk-grid-column-two-thirds" {
                    h1 class="govuk-heading-xl" { (content.title) }
                    p class="govuk-body-l" { (content.summary) }
                    (prose(&content.body_html))
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

    fn title(self) -> &'static str {
        match self {
            SchoolSearch::Report => "Which school do you go to?",
            SchoolSearch::Visit => "Find your school",
        }
    }

    fn href(self, school: &School) -> String {
        match self {
            SchoolSearch::Report => format!("/s/{}/report", school.slug),
            SchoolSearch::Visit => format!("/s/{}", school.slug),
        }
    }
}

/// The search box: a plain GET form, so it works without JavaScript. On the home page
/// its label is a heading of its own; on the finder page the page's h1 names it.
fn school_search(purpose: SchoolSearch, query: &str, on_own_page: bool) -> Markup {
    let label = html! {
        label class={ "govuk-label " @if on_own_page { "govuk-label--s" } @else { "govuk-label--m" } } for="q" {
            @if on_own_page { "Search for your school" } @else { "Find your school" }
        }
    };
    html! {
        form method="get" action=(purpose.action()) class="govuk-!-margin-bottom-6" role="search" aria-label="Find your school" {
            div class="govuk-form-group" {
                @if on_own_page { (label) } @else { h2 class="govuk-label-wrapper" { (label) } }
                div class="govuk-hint" id="q-hint" { "Type a few letters of its name." }
                input class="govuk-input govuk-!-width-two-thirds" id="q" name="q" type="search" value=(query)
                    aria-describedby="q-hint" autocomplete="off" spellcheck="false" dir="auto"
                    data-confide-filter="confide-school-list";
            }
            button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button" { "Search" }
        }
    }
}

/// Reports go to one school's staff, so the pupil finds theirs first: the schools whose
/// names have the letters typed (all of them before anything is typed).
pub fn choose_school(
    site: &Site,
    purpose: SchoolSearch,
    schools: &[School],
    query: &str,
) -> Markup {
    page(
        site,
        purpose.title(),
        html! {
            div class="govuk-grid-row" {
                div class="govuk-grid-column-two-thirds" {
                    h1 class="govuk-heading-xl" { (purpose.title()) }
                    @if purpose == SchoolSearch::Report {
                        p class="govuk-body" { "Your report goes to the staff who keep pupils safe at your school." }
                    } @else {
                        p class="govuk-body" { "Your school's page has advice, videos and a way to report something to the staff who keep pupils safe there." }
                    }
                    (school_search(purpose, query, true))
                    @if schools.is_empty() && !query.is_empty() {
                        p class="govuk-body" { "No school matches \u{201c}" (typed(query)) "\u{201d}. Check the spelling, or try fewer letters." }
                    } @else if schools.is_empty() {
                        p class="govuk-body" { "No schools are using this site yet." }
                    } @else {
                        p class="govuk-body" id="confide-school-count" aria-live="polite" {}
                        ul class="govuk-list govuk-list--spaced confide-school-list" id="confide-school-list" {
                            @for school in schools {
                                li { a class="govuk-link govuk-!-font-size-24" href=(purpose.href(school)) { (school.name) } }
                            }
                        }
                    }
                    p class="govuk-body" {
                        "If your school is not here, you can tell "
                        a class="govuk-link" href="https://www.fearless.org" rel="noreferrer noopener" { "Fearless" }
                        " about a crime without giving your name, or call Childline on "
                        a class="govuk-link" href="tel:08001111" { "0800 1111" } "."
                    }
                    (emergency_inset())
                }
            }
        },
    )
}
