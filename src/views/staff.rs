//! Staff pages: sign-in, password change, the triage queue and the case page.

use maud::{html, Markup, DOCTYPE};

use super::forms::error_summary;
use super::layout::{head, Site};
use super::text::en;
use crate::domain::msg::FieldError;
use crate::store::users::User;

/// Who is signed in, for the header and every form's anti-forgery token.
pub struct Viewer<'a> {
    pub user: &'a User,
    pub csrf: &'a str,
}

/// The staff layout: no pupil banner or exit button, a sign-out button instead.
pub fn page(site: &Site, title: &str, viewer: Option<&Viewer<'_>>, content: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" class="govuk-template" {
            (head(site, &format!("{title} – Confide staff")))
            body class="govuk-template__body confide-staff" {
                a href="#main-content" class="govuk-skip-link" data-module="govuk-skip-link" { "Skip to main content" }
                header class="govuk-generic-header" {
                    div class="govuk-generic-header__container govuk-width-container" {
                        div class="govuk-generic-header__logo" {
                            a href="/staff" class="govuk-generic-header__homepage-link" { "Confide staff" }
                        }
                    }
                }
                @if let Some(viewer) = viewer {
                    section aria-label="Staff menu" class="govuk-service-navigation" {
                        div class="govuk-width-container" {
                            div class="govuk-service-navigation__container" {
                                span class="govuk-service-navigation__service-name" { (viewer.user.name) }
                                nav aria-label="Staff menu" class="govuk-service-navigation__wrapper" {
                                    ul class="govuk-service-navigation__list" {
                                        li class="govuk-service-navigation__item" { a class="govuk-service-navigation__link" href="/staff" { "Queue" } }
                                        li class="govuk-service-navigation__item" { a class="govuk-service-navigation__link" href="/staff/insights" { "Figures" } }
                                        @if viewer.user.is_admin {
                                            li class="govuk-service-navigation__item" { a class="govuk-service-navigation__link" href="/staff/admin" { "Administration" } }
                                        }
                                        li class="govuk-service-navigation__item" { a class="govuk-service-navigation__link" href="/staff/password" { "Change password" } }
                                        li class="govuk-service-navigation__item" { a class="govuk-service-navigation__link" href="/staff/two-factor" { "Two-step sign-in" } }
                                        li class="govuk-service-navigation__item" {
                                            form method="post" action="/staff/logout" class="confide-inline-form" {
                                                (csrf(viewer))
                                                button type="submit" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" { "Sign out" }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
                div class="govuk-width-container" {
                    main class="govuk-main-wrapper" id="main-content" { (content) }
                }
                script type="module" src=(site.js_url) {}
            }
        }
    }
}

/// The hidden anti-forgery field every staff form carries.
pub fn csrf(viewer: &Viewer<'_>) -> Markup {
    html! { input type="hidden" name="csrf" value=(viewer.csrf); }
}

/// Where a sign-in goes once done, carried through both steps (`/staff` needs no field).
pub(crate) fn then_field(then: &str) -> Markup {
    html! {
        @if then != "/staff" { input type="hidden" name="then" value=(then); }
    }
}

pub fn login(site: &Site, errors: &[FieldError], email: &str, then: &str) -> Markup {
    page(
        site,
        "Sign in",
        None,
        html! {
            div class="govuk-grid-row" {
                div class="govuk-grid-column-one-half" {
                    (error_summary(errors))
                    h1 class="govuk-heading-xl" { "Sign in" }
                    p class="govuk-body" { "For school staff and Safer School Partnership officers who receive reports." }
                    form method="post" action="/staff/login" novalidate {
                        (then_field(then))
                        div class={ "govuk-form-group" @if !errors.is_empty() { " govuk-form-group--error" } } {
                            label class="govuk-label" for="email" { "Email address" }
                            input class="govuk-input" id="email" name="email" type="email" value=(email) autocomplete="username" spellcheck="false";
                        }
                        div class="govuk-form-group" {
                            label class="govuk-label" for="password" { "Password" }
                            input class="govuk-input" id="password" name="password" type="password" autocomplete="current-password";
                        }
                        button type="submit" class="govuk-button" data-module="govuk-button" { "Sign in" }
                    }
                }
            }
        },
    )
}

pub fn change_password(
    site: &Site,
    viewer: &Viewer<'_>,
    errors: &[FieldError],
    forced: bool,
) -> Markup {
    page(
        site,
        "Change your password",
        Some(viewer),
        html! {
            div class="govuk-grid-row" {
                div class="govuk-grid-column-one-half" {
                    (error_summary(errors))
                    h1 class="govuk-heading-xl" { "Change your password" }
                    @if forced {
                        p class="govuk-body" { "You signed in with a temporary password. Choose your own before you continue." }
                    }
                    p class="govuk-body" { "Use at least 12 characters. A few unrelated words make a strong password that is easy to remember." }
                    form method="post" action="/staff/password" novalidate {
                        (csrf(viewer))
                        @for (field, label, auto) in [("current", "Current password", "current-password"), ("new", "New password", "new-password"), ("confirm", "New password again", "new-password")] {
                            @let error = errors.iter().find(|e| e.field == field);
                            div class={ "govuk-form-group" @if error.is_some() { " govuk-form-group--error" } } {
                                label class="govuk-label" for=(field) { (label) }
                                @if let Some(error) = error {
                                    p class="govuk-error-message" id={ (field) "-error" } { span class="govuk-visually-hidden" { "Error: " } (en(error.msg)) }
                                }
                                input class="govuk-input" id=(field) name=(field) type="password" autocomplete=(auto);
                            }
                        }
                        button type="submit" class="govuk-button" data-module="govuk-button" { "Change password" }
                    }
                }
            }
        },
    )
}
