//! The one page layout: danger banner, header, "Exit this page", main content and footer.

use maud::{html, Markup, DOCTYPE};

use crate::assets::Assets;

/// What every page needs to know about the site, built once at start-up.
#[derive(Debug, Clone)]
pub struct Site {
    pub exit_url: String,
    pub css_url: String,
    pub js_url: String,
    pub favicon_url: String,
}

impl Site {
    pub fn new(exit_url: &str, assets: &Assets) -> Self {
        Site {
            exit_url: exit_url.to_owned(),
            css_url: assets.url("css/confide.css"),
            js_url: assets.url("js/confide.js"),
            favicon_url: assets.url("favicon.svg"),
        }
    }
}

/// A whole pupil-facing page. `title` is the page's own title; the site name is added.
pub fn page(site: &Site, title: &str, content: Markup) -> Markup {
    page_within(site, None, title, content)
}

/// A page a pupil reached from their school's own page (`/s/{slug}`): the menu's advice
/// and "Report something" stay with that school, so the pupil never picks it again.
pub fn school_page(site: &Site, school_slug: &str, title: &str, content: Markup) -> Markup {
    page_within(site, Some(school_slug), title, content)
}

fn page_within(site: &Site, school_slug: Option<&str>, title: &str, content: Markup) -> Markup {
    let links = Links::new(school_slug);
    html! {
        (DOCTYPE)
        html lang="en" class="govuk-template" {
            (head(site, &format!("{title} – Confide")))
            body class="govuk-template__body" {
                a href="#main-content" class="govuk-skip-link" data-module="govuk-skip-link" { "Skip to main content" }
                (danger_banner())
                (header(&links))
                div class="govuk-width-container" {
                    (exit_this_page(&site.exit_url))
                    main class="govuk-main-wrapper" id="main-content" {
                        (content)
                    }
                }
                (footer(&links))
                script type="module" src=(site.js_url) {}
            }
        }
    }
}

/// The `<head>` of every page, pupils' and staff's: never indexed, one stylesheet.
pub fn head(site: &Site, full_title: &str) -> Markup {
    html! {
        head {
            meta charset="utf-8";
            title { (full_title) }
            meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover";
            meta name="theme-color" content="#0b0c0c";
            meta name="robots" content="noindex, nofollow";
            link rel="icon" href=(site.favicon_url) type="image/svg+xml";
            link rel="stylesheet" href=(site.css_url);
        }
    }
}

/// Shown above everything on every page, so help is one tap away whatever page a pupil is on.
pub fn danger_banner() -> Markup {
    html! {
        div class="confide-danger-banner" role="region" aria-label="Emergency help" {
            div class="govuk-width-container" {
                p class="confide-danger-banner__text" {
                    "In danger now? Call " a href="tel:999" { "999" } ". "
                    "Childline " a href="tel:08001111" { "0800 1111" }
                }
            }
        }
    }
}

/// Where the menu and footer send a pupil: the whole site, or one school's part of it.
struct Links {
    home: String,
    topics: String,
    report: String,
}

impl Links {
    fn new(school_slug: Option<&str>) -> Self {
        match school_slug {
            Some(slug) => Links {
                home: format!("/s/{slug}"),
                topics: format!("/s/{slug}#topics"),
                report: format!("/s/{slug}/report"),
            },
            None => Links {
                home: "/".into(),
                topics: "/#topics".into(),
                report: "/report".into(),
            },
        }
    }

    /// The pupil site's main sections.
    fn navigation(&self) -> [(&str, &str); 4] {
        [
            (&self.topics, "Advice and videos"),
            (&self.report, "Report something"),
            ("/followup", "Check for a reply"),
            ("/safety", "Using this site safely"),
        ]
    }
}

/// GOV.UK Frontend v6's generic header (no crown, no GDS Transport) and service navigation.
fn header(links: &Links) -> Markup {
    html! {
        header class="govuk-generic-header" {
            div class="govuk-generic-header__container govuk-width-container" {
                div class="govuk-generic-header__logo" {
                    a href="/" class="govuk-generic-header__homepage-link" { "Confide" }
                }
            }
        }
        section aria-label="Service information" class="govuk-service-navigation" data-module="govuk-service-navigation" {
            div class="govuk-width-container" {
                div class="govuk-service-navigation__container" {
                    span class="govuk-service-navigation__service-name" {
                        a href=(links.home) class="govuk-service-navigation__link" { "Get help and report something" }
                    }
                    nav aria-label="Menu" class="govuk-service-navigation__wrapper" {
                        button type="button" class="govuk-service-navigation__toggle govuk-js-service-navigation-toggle" aria-controls="navigation" hidden aria-hidden="true" { "Menu" }
                        ul class="govuk-service-navigation__list" id="navigation" {
                            @for (href, label) in links.navigation() {
                                li class="govuk-service-navigation__item" {
                                    a class="govuk-service-navigation__link" href=(href) { (label) }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// GOV.UK's "Exit this page": a plain link without JavaScript; Shift three times with it.
pub fn exit_this_page(exit_url: &str) -> Markup {
    html! {
        div class="govuk-exit-this-page" data-module="govuk-exit-this-page" {
            a href=(exit_url) role="button" draggable="false"
                class="govuk-button govuk-button--warning govuk-exit-this-page__button govuk-js-exit-this-page-button"
                data-module="govuk-button" rel="nofollow noreferrer" {
                span class="govuk-visually-hidden" { "Emergency" } " Exit this page"
            }
        }
    }
}

fn footer(links: &Links) -> Markup {
    html! {
        footer class="govuk-footer" {
            div class="govuk-width-container" {
                div class="govuk-footer__meta" {
                    div class="govuk-footer__meta-item govuk-footer__meta-item--grow" {
                        h2 class="govuk-visually-hidden" { "Support links" }
                        ul class="govuk-footer__inline-list" {
                            li class="govuk-footer__inline-list-item" { a class="govuk-footer__link" href="/safety" { "Using this site safely" } }
                            li class="govuk-footer__inline-list-item" { a class="govuk-footer__link" href=(links.topics) { "Advice and videos" } }
                            li class="govuk-footer__inline-list-item" { a class="govuk-footer__link" href=(links.report) { "Report something" } }
                            li class="govuk-footer__inline-list-item" { a class="govuk-footer__link" href="/followup" { "Check for a reply" } }
                        }
                        p class="govuk-body-s" {
                            "This site does not use cookies for pupils, does not track you and does not record your internet address."
                        }
                    }
                }
            }
        }
    }
}
