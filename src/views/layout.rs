//! The one page layout: danger banner, header, language menu, "Exit this page", main
//! content and footer, in the page's language and direction.

use maud::{html, Markup, DOCTYPE};

use super::chrome::{bare_phone, language_menu, offer, Chrome};
pub use super::site::Site;

/// Where the offer of another language goes in a page (just inside `<main>`), so a page
/// rendered once can have it put in per request.
pub const MAIN_OPEN: &str = r#"<main class="govuk-main-wrapper" id="main-content">"#;

/// A whole pupil-facing page. `title` is the page's own title; the site name is added.
pub fn page(chrome: &Chrome<'_>, title: &str, content: Markup) -> Markup {
    page_within(chrome, None, title, content)
}

/// A page a pupil reached from their school's own page (`/s/{slug}`): the menu's advice
/// and "Report something" stay with that school, so the pupil never picks it again.
pub fn school_page(chrome: &Chrome<'_>, school_slug: &str, title: &str, content: Markup) -> Markup {
    page_within(chrome, Some(school_slug), title, content)
}

fn page_within(
    chrome: &Chrome<'_>,
    school_slug: Option<&str>,
    title: &str,
    content: Markup,
) -> Markup {
    let links = Links::new(chrome, school_slug);
    let site = chrome.site;
    let lang = chrome.lang();
    html! {
        (DOCTYPE)
        html lang=(lang.code()) dir=(lang.direction().as_str()) class="govuk-template" {
            (head(site, &chrome.with("page-title", &[("title", title.into())])))
            body class="govuk-template__body" {
                a href="#main-content" class="govuk-skip-link" data-module="govuk-skip-link" { (chrome.t("skip-link")) }
                (danger_banner(chrome))
                (header(chrome, &links))
                div class="govuk-width-container" {
                    // The way out first and the page's own words next; the languages
                    // after them, so their list never pushes "Exit this page" or
                    // "Report something" below a phone's first screen.
                    (exit_this_page(chrome))
                    main class="govuk-main-wrapper" id="main-content" {
                        (offer(chrome))
                        (content)
                    }
                    (language_menu(chrome))
                }
                (footer(chrome, &links))
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
pub fn danger_banner(chrome: &Chrome<'_>) -> Markup {
    html! {
        div class="confide-danger-banner" role="region" aria-label=(chrome.t("banner-label")) {
            div class="govuk-width-container" {
                p class="confide-danger-banner__text" {
                    (chrome.rich("banner-text", &[], &[("emergency", bare_phone("999")), ("childline", bare_phone("0800 1111"))]))
                }
            }
        }
    }
}

/// Where the menu and footer send a pupil: the whole site, or one school's part of it,
/// in the page's language.
struct Links {
    home: String,
    topics: String,
    report: String,
    followup: String,
    safety: String,
}

impl Links {
    fn new(chrome: &Chrome<'_>, school_slug: Option<&str>) -> Self {
        let (home, topics, report) = match school_slug {
            Some(slug) => (
                format!("/s/{slug}"),
                format!("/s/{slug}#topics"),
                format!("/s/{slug}/report"),
            ),
            None => ("/".into(), "/#topics".into(), "/report".into()),
        };
        Links {
            home: chrome.href(&home),
            topics: chrome.href(&topics),
            report: chrome.href(&report),
            followup: chrome.href("/followup"),
            safety: chrome.href("/safety"),
        }
    }

    /// The pupil site's main sections.
    fn navigation(&self) -> [(&str, &str); 4] {
        [
            (&self.topics, "nav-advice"),
            (&self.report, "nav-report"),
            (&self.followup, "nav-followup"),
            (&self.safety, "nav-safety"),
        ]
    }
}

/// GOV.UK Frontend v6's generic header (no crown, no GDS Transport) and service navigation.
fn header(chrome: &Chrome<'_>, links: &Links) -> Markup {
    html! {
        header class="govuk-generic-header" {
            div class="govuk-generic-header__container govuk-width-container" {
                div class="govuk-generic-header__logo" {
                    a href=(chrome.href("/")) class="govuk-generic-header__homepage-link" { "Confide" }
                }
            }
        }
        section aria-label=(chrome.t("service-label")) class="govuk-service-navigation" data-module="govuk-service-navigation" {
            div class="govuk-width-container" {
                div class="govuk-service-navigation__container" {
                    span class="govuk-service-navigation__service-name" {
                        a href=(links.home) class="govuk-service-navigation__link" { (chrome.t("service-name")) }
                    }
                    nav aria-label=(chrome.t("menu")) class="govuk-service-navigation__wrapper" {
                        button type="button" class="govuk-service-navigation__toggle govuk-js-service-navigation-toggle" aria-controls="navigation" hidden aria-hidden="true" { (chrome.t("menu")) }
                        ul class="govuk-service-navigation__list" id="navigation" {
                            @for (href, key) in links.navigation() {
                                li class="govuk-service-navigation__item" {
                                    a class="govuk-service-navigation__link" href=(href) { (chrome.t(key)) }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// GOV.UK's "Exit this page": a plain link without JavaScript; Shift three times with it
/// (its script's messages in the page's language).
pub fn exit_this_page(chrome: &Chrome<'_>) -> Markup {
    html! {
        div class="govuk-exit-this-page" data-module="govuk-exit-this-page"
            "data-i18n.activated"=(chrome.t("exit-activated"))
            "data-i18n.timed-out"=(chrome.t("exit-timed-out"))
            "data-i18n.press-two-more-times"=(chrome.t("exit-press-two"))
            "data-i18n.press-one-more-time"=(chrome.t("exit-press-one")) {
            a href=(chrome.site.exit_url) role="button" draggable="false"
                class="govuk-button govuk-button--warning govuk-exit-this-page__button govuk-js-exit-this-page-button"
                data-module="govuk-button" rel="nofollow noreferrer" {
                span class="govuk-visually-hidden" { (chrome.t("exit-hidden")) } " " (chrome.t("exit-button"))
            }
        }
    }
}

fn footer(chrome: &Chrome<'_>, links: &Links) -> Markup {
    html! {
        footer class="govuk-footer" {
            div class="govuk-width-container" {
                div class="govuk-footer__meta" {
                    div class="govuk-footer__meta-item govuk-footer__meta-item--grow" {
                        h2 class="govuk-visually-hidden" { (chrome.t("footer-heading")) }
                        ul class="govuk-footer__inline-list" {
                            li class="govuk-footer__inline-list-item" { a class="govuk-footer__link" href=(links.safety) { (chrome.t("nav-safety")) } }
                            li class="govuk-footer__inline-list-item" { a class="govuk-footer__link" href=(links.topics) { (chrome.t("nav-advice")) } }
                            li class="govuk-footer__inline-list-item" { a class="govuk-footer__link" href=(links.report) { (chrome.t("nav-report")) } }
                            li class="govuk-footer__inline-list-item" { a class="govuk-footer__link" href=(links.followup) { (chrome.t("nav-followup")) } }
                        }
                        p class="govuk-body-s" { (chrome.t("footer-privacy")) }
                    }
                }
            }
        }
    }
}
