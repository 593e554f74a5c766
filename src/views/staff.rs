//! Staff pages: sign-in, password change, the triage queue and the case page.

use maud::{html, Markup, DOCTYPE};

use super::components::paragraphs;
use super::forms::error_summary;
use super::layout::Site;
use super::text::en;
use crate::app::cases::Case;
use crate::domain::choices::{About, HoldReason, Outcome, Risk, Status};
use crate::domain::ids::UserId;
use crate::domain::msg::FieldError;
use crate::store::users::User;
use crate::time::format_uk;

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
            head {
                meta charset="utf-8";
                title { (title) " – Confide staff" }
                meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover";
                meta name="robots" content="noindex, nofollow";
                link rel="icon" href=(site.favicon_url) type="image/svg+xml";
                link rel="stylesheet" href=(site.css_url);
            }
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

fn flag_tags(happening_now: bool, about_staff: bool, overdue: bool) -> Markup {
    super::queue::flags(happening_now, false, about_staff, overdue)
}

fn summary_row(key: &str, value: Markup) -> Markup {
    html! {
        div class="govuk-summary-list__row" {
            dt class="govuk-summary-list__key" { (key) }
            dd class="govuk-summary-list__value" { (value) }
        }
    }
}

/// The case page: what the pupil said, the conversation, notes, actions and chronology.
/// What a change on the case page did, in the words of the banner after it (the change's
/// own name comes back in the address; anything else shows nothing).
pub fn done_notice(change: &str) -> Option<&'static str> {
    Some(match change {
        "acknowledge" => "Report acknowledged",
        "risk" => "Risk updated",
        "status" => "Status updated",
        "owner" => "Owner updated",
        "notes" => "Internal note saved. The pupil never sees it",
        "replies" => "Reply sent. The pupil sees it when they next use their receipt code",
        "hold" => "Report placed on legal hold",
        "unhold" => "Legal hold lifted",
        "keep" => "The report will be kept for longer",
        _ => return None,
    })
}

pub fn case(
    site: &Site,
    viewer: &Viewer<'_>,
    case: &Case,
    errors: &[FieldError],
    me: UserId,
    notice: Option<&str>,
) -> Markup {
    let row = &case.row;
    let action = |what: &str| format!("/staff/reports/{}/{what}", row.id);
    let details = &case.details;
    page(
        site,
        "Report",
        Some(viewer),
        html! {
            (error_summary(errors))
            @if let Some(notice) = notice {
                (super::components::success_banner(notice))
            }
            span class="govuk-caption-l" { (case.school.name) }
            h1 class="govuk-heading-xl" { (row.category.label()) }
            p class="govuk-body" { (flag_tags(row.happening_now && row.acknowledged_at.is_none(), row.about != About::NoStaff, false)) }
            div class="govuk-grid-row" {
                div class="govuk-grid-column-two-thirds" {
                    dl class="govuk-summary-list" {
                        (summary_row("Received", html! { (format_uk(row.created_at)) }))
                        (summary_row("Where", html! { (row.location.label()) }))
                        (summary_row("Happening now", html! { @if row.happening_now { "Yes" } @else { "No" } }))
                        (summary_row("About staff", html! { (row.about.label()) }))
                        (summary_row("Status", html! { (row.status.label()) @if let Some(o) = row.outcome { " (" (o.label()) ")" } }))
                        (summary_row("Risk", html! { (row.risk.map_or("Not rated", Risk::label)) }))
                        (summary_row("Acknowledged", html! { (row.acknowledged_at.map_or("Not yet".to_owned(), format_uk)) }))
                        (summary_row("Owner", html! { (case.recipients.iter().find(|(id, _)| Some(*id) == row.owner_id).map_or("No owner", |(_, n)| n.as_str())) }))
                    }
                    h2 class="govuk-heading-l" { "What the pupil told us" }
                    (paragraphs(&details.what))
                    @for (label, value) in [("When", &details.when), ("Who was involved", &details.who), ("Name given", &details.name), ("How to contact them", &details.contact)] {
                        @if !value.is_empty() {
                            h3 class="govuk-heading-s govuk-!-margin-bottom-1" { (label) }
                            (paragraphs(value))
                        }
                    }
                    @if details.name.is_empty() {
                        p class="govuk-body govuk-hint" { "The pupil did not give their name." }
                    }
                    @if !case.pictures.is_empty() {
                        h2 class="govuk-heading-l" { "Pictures the pupil sent" }
                        p class="govuk-body" { "Where a photo was taken and what took it were removed when it arrived. Opening a picture full size is recorded in the chronology." }
                        ul class="govuk-list confide-pictures" {
                            @for (i, picture) in case.pictures.iter().enumerate() {
                                @let full = format!("/staff/reports/{}/pictures/{}", row.id, picture.id);
                                li {
                                    a class="govuk-link" href=(full) {
                                        img src={ (full) "/thumbnail" } alt={ "Picture " (i + 1) ", sent " (format_uk(picture.created_at)) } loading="lazy";
                                        span class="govuk-body-s" { "Open picture " (i + 1) " full size" }
                                    }
                                }
                            }
                        }
                    }
                    h2 class="govuk-heading-l" { "Conversation with the pupil" }
                    @let conversation: Vec<_> = case.messages.iter().filter(|m| m.visible_to_pupil).collect();
                    @if conversation.is_empty() { p class="govuk-body" { "No messages yet." } }
                    ul class="govuk-list confide-messages" {
                        @for m in conversation {
                            li class={ "confide-message" @if m.from_pupil { " confide-message--pupil" } @else { " confide-message--staff" } } {
                                h3 class="govuk-heading-s govuk-!-margin-bottom-1" {
                                    @if m.from_pupil { "Pupil" } @else { (m.author_name.as_deref().unwrap_or("Staff")) " (reply)" }
                                    span class="govuk-body-s govuk-!-margin-left-2" { (format_uk(m.created_at)) }
                                }
                                (paragraphs(&m.text))
                            }
                        }
                    }
                    form method="post" action=(action("replies")) novalidate {
                        (csrf(viewer))
                        div class="govuk-form-group" {
                            label class="govuk-label govuk-label--m" for="reply" { "Reply to the pupil" }
                            div class="govuk-hint" id="reply-hint" { "The pupil sees this on their follow-up page, signed \"Staff at " (case.school.name) "\". Write for a child." }
                            textarea class="govuk-textarea" id="reply" name="text" rows="4" aria-describedby="reply-hint" {}
                        }
                        button type="submit" class="govuk-button" data-module="govuk-button" { "Send reply" }
                    }
                    h2 class="govuk-heading-l" { "Internal notes" }
                    div class="govuk-warning-text" {
                        span class="govuk-warning-text__icon" aria-hidden="true" { "!" }
                        strong class="govuk-warning-text__text" { span class="govuk-visually-hidden" { "Warning" } "Notes are never shown to the pupil." }
                    }
                    ul class="govuk-list confide-messages" {
                        @for m in case.messages.iter().filter(|m| !m.visible_to_pupil) {
                            li class="confide-message" {
                                h3 class="govuk-heading-s govuk-!-margin-bottom-1" {
                                    (m.author_name.as_deref().unwrap_or("Staff"))
                                    span class="govuk-body-s govuk-!-margin-left-2" { (format_uk(m.created_at)) }
                                }
                                (paragraphs(&m.text))
                            }
                        }
                    }
                    form method="post" action=(action("notes")) novalidate {
                        (csrf(viewer))
                        div class="govuk-form-group" {
                            label class="govuk-label govuk-label--s" for="note" { "Add a note" }
                            textarea class="govuk-textarea" id="note" name="text" rows="3" {}
                        }
                        button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button" { "Save note" }
                    }
                }
                div class="govuk-grid-column-one-third" {
                    h2 class="govuk-heading-m" { "Actions" }
                    p class="govuk-body" {
                        a class="govuk-link" href=(action("handoff")) { "Hand-off summary for CPOMS or MyConcern" }
                        span class="govuk-hint govuk-!-display-block" { "A printable Concern, Action and Outcome summary. You will be asked for your code first." }
                    }
                    @if row.acknowledged_at.is_none() {
                        form method="post" action=(action("acknowledge")) {
                            (csrf(viewer))
                            button type="submit" class="govuk-button" data-module="govuk-button" { "Acknowledge" }
                        }
                    }
                    form method="post" action=(action("risk")) {
                        (csrf(viewer))
                        div class="govuk-form-group" {
                            label class="govuk-label govuk-label--s" for="risk" { "Risk" }
                            select class="govuk-select" id="risk" name="risk" {
                                option value="" selected[row.risk.is_none()] { "Not rated" }
                                @for r in Risk::ALL { option value=(r.as_str()) selected[row.risk == Some(*r)] { (r.label()) } }
                            }
                        }
                        button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button" { "Set risk" }
                    }
                    form method="post" action=(action("status")) {
                        (csrf(viewer))
                        div class="govuk-form-group" {
                            label class="govuk-label govuk-label--s" for="status" { "Status" }
                            select class="govuk-select" id="status" name="status" {
                                // A new report says so; it cannot be made new again.
                                @if row.status == Status::New {
                                    option value="" selected disabled { (Status::New.label()) }
                                }
                                @for s in Status::ALL.iter().filter(|s| **s != Status::New) {
                                    option value=(s.as_str()) selected[row.status == *s] { (s.label()) }
                                }
                            }
                        }
                        div class="govuk-form-group" {
                            label class="govuk-label govuk-label--s" for="outcome" { "Outcome (when closing)" }
                            select class="govuk-select" id="outcome" name="outcome" {
                                option value="" { "Choose an outcome" }
                                @for o in Outcome::ALL { option value=(o.as_str()) selected[row.outcome == Some(*o)] { (o.label()) } }
                            }
                        }
                        button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button" { "Change status" }
                    }
                    form method="post" action=(action("owner")) {
                        (csrf(viewer))
                        div class="govuk-form-group" {
                            label class="govuk-label govuk-label--s" for="owner" { "Owner" }
                            select class="govuk-select" id="owner" name="owner" {
                                option value="" selected[row.owner_id.is_none()] { "No owner" }
                                @for (id, name) in &case.recipients {
                                    option value=(id) selected[row.owner_id == Some(*id)] { (name) @if *id == me { " (you)" } }
                                }
                            }
                        }
                        button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button" { "Assign" }
                    }
                    h2 class="govuk-heading-m" id="retention" { "Keeping this report" }
                    @if row.legal_hold {
                        p class="govuk-body" { strong class="govuk-tag govuk-tag--yellow" { "Legal hold" } " It will not be deleted until the hold is lifted." }
                        form method="post" action=(action("unhold")) {
                            (csrf(viewer))
                            button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button" { "Lift the legal hold" }
                        }
                    } @else {
                        @if let Some(expires) = row.expires_at {
                            p class="govuk-body" { "It will be deleted on " (format_uk(expires)) ", under the school's retention policy. Everyone working on it is emailed 3 days before." }
                            @if case.may_keep_longer {
                                form method="post" action=(action("keep")) {
                                    (csrf(viewer))
                                    div class="govuk-form-group" {
                                        label class="govuk-label govuk-label--s" for="days" { "Keep it for longer" }
                                        select class="govuk-select" id="days" name="days" {
                                            option value="90" { "Another 90 days" }
                                            option value="365" { "Another year" }
                                            option value="730" { "Another 2 years" }
                                        }
                                    }
                                    button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button" { "Keep for longer" }
                                }
                            }
                        } @else {
                            p class="govuk-body" { "It is kept while it is open. Once closed, it is deleted after the time the school has set." }
                        }
                        form method="post" action=(action("hold")) {
                            (csrf(viewer))
                            div class="govuk-form-group" {
                                label class="govuk-label govuk-label--s" for="reason" { "Place on legal hold" }
                                div class="govuk-hint" id="reason-hint" { "A report on hold is never deleted, whatever its date." }
                                select class="govuk-select" id="reason" name="reason" aria-describedby="reason-hint" {
                                    option value="" { "Choose a reason" }
                                    @for reason in HoldReason::ALL { option value=(reason.as_str()) { (reason.label()) } }
                                }
                            }
                            button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button" { "Place on hold" }
                        }
                    }
                }
            }
            h2 class="govuk-heading-l" { "Chronology" }
            table class="govuk-table confide-chronology" {
                caption class="govuk-table__caption govuk-visually-hidden" { "Everything that has happened to this report" }
                thead class="govuk-table__head" {
                    tr class="govuk-table__row" {
                        th scope="col" class="govuk-table__header" { "When" }
                        th scope="col" class="govuk-table__header" { "Who" }
                        th scope="col" class="govuk-table__header" { "What" }
                    }
                }
                tbody class="govuk-table__body" {
                    @for entry in &case.chronology {
                        tr class="govuk-table__row" {
                            td class="govuk-table__cell" { (format_uk(entry.at)) }
                            td class="govuk-table__cell" { (entry.actor) }
                            td class="govuk-table__cell" { (entry.action) @if !entry.detail.is_empty() { ": " (entry.detail) } }
                        }
                    }
                }
            }
        },
    )
}
