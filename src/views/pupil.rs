//! Pupil pages: home, a school's own landing page, topics, information pages and the school picker.

use maud::{html, Markup};

use super::components::{emergency_inset, helplines, prose, start_button, topic_list};
use super::layout::{page, Site};
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
                    p class="govuk-body-l" {
                        "Read advice, watch short videos, and tell your school about anything that is worrying you. "
                        "You do not have to give your name."
                    }
                    p class="govuk-body" {
                        "You can tell us about bullying, someone hurting or scaring you, weapons, gangs, drugs, "
                        "something happening at home or online, or anything else. It can be about you or about someone else."
                    }
                    (start_button("/report", "Report something"))
                    (emergency_inset())
                }
            }
            h2 class="govuk-heading-l" id="topics" { "Advice and videos" }
            (topic_list(topics))
        },
    )
}

pub fn school_home(site: &Site, school: &School, topics: &[&Page]) -> Markup {
    page(
        site,
        &school.name,
        html! {
            div class="govuk-grid-row" {
                div class="govuk-grid-column-two-thirds" {
                    span class="govuk-caption-l" { (school.name) }
                    h1 class="govuk-heading-xl" { "Worried about something? You can tell us." }
                    p class="govuk-body-l" {
                        "Tell " (school.name) " about anything that is worrying you. You do not have to give your name."
                    }
                    p class="govuk-body" {
                        "Reports are read by staff " strong { (school.reading_hours) } ". "
                        "Outside those times, no one may see your report straight away, so if you need help now, use the numbers below."
                    }
                    (start_button(&format!("/s/{}/report", school.slug), "Report something"))
                    (emergency_inset())
                }
            }
            h2 class="govuk-heading-l" id="topics" { "Advice and videos" }
            (topic_list(topics))
        },
    )
}

pub fn topic(site: &Site, assets: &Assets, topic: &Page) -> Markup {
    page(
        site,
        &topic.title,
        html! {
            div class="govuk-grid-row" {
                div class="govuk-grid-column-two-thirds" {
                    h1 class="govuk-heading-xl" { (topic.title) }
                    p class="govuk-body-l" { (topic.summary) }
                    @if let Some(video) = &topic.video {
                        figure class="confide-video-figure" {
                            video class="confide-video" controls preload="none"
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
                    p class="govuk-body" {
                        "If this is happening to you or someone you know, you can tell your school here. You do not have to give your name."
                    }
                    (start_button("/report", "Report something"))
                    (helplines(&topic.helplines))
                    (emergency_inset())
                }
            }
        },
    )
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

/// Reports go to one school's staff, so the pupil picks theirs first.
pub fn choose_school(site: &Site, schools: &[School], query: &str) -> Markup {
    page(
        site,
        "Which school do you go to?",
        html! {
            div class="govuk-grid-row" {
                div class="govuk-grid-column-two-thirds" {
                    h1 class="govuk-heading-xl" { "Which school do you go to?" }
                    p class="govuk-body" { "Your report goes to the staff who keep pupils safe at your school." }
                    form method="get" action="/report" class="govuk-!-margin-bottom-6" {
                        div class="govuk-form-group" {
                            label class="govuk-label govuk-label--s" for="q" { "Search for your school" }
                            div class="govuk-hint" id="q-hint" { "Type part of its name." }
                            input class="govuk-input govuk-!-width-two-thirds" id="q" name="q" type="search" value=(query) aria-describedby="q-hint" autocomplete="off" spellcheck="false";
                        }
                        button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button" { "Search" }
                    }
                    @if schools.is_empty() && !query.is_empty() {
                        p class="govuk-body" { "No school matches \u{201c}" (query) "\u{201d}. Check the spelling, or try fewer letters." }
                    } @else if schools.is_empty() {
                        p class="govuk-body" { "No schools are using this site yet." }
                    } @else {
                        ul class="govuk-list govuk-list--spaced confide-school-list" {
                            @for school in schools {
                                li { a class="govuk-link govuk-!-font-size-24" href={ "/s/" (school.slug) "/report" } { (school.name) } }
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
