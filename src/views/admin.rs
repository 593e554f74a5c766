//! Administration pages: schools, people and who receives which school's reports.

use maud::{html, Markup};

use super::forms::error_summary;
use super::layout::Site;
use super::staff::{csrf, page, Viewer};
use crate::app::people::Overview;
use crate::domain::choices::Role;
use crate::domain::msg::FieldError;
use crate::domain::routing::{self, Gap};
use crate::domain::school::DEFAULT_READING_HOURS;
use crate::store::outbox::OutboxState;
use crate::store::roles::RoleHolder;
use crate::store::schools::School;
use crate::store::users::User;

/// The roles of people who can sign in.
fn active_holdings(holders: &[RoleHolder]) -> Vec<routing::Holding> {
    let active: Vec<RoleHolder> = holders.iter().filter(|h| !h.disabled).cloned().collect();
    crate::store::roles::holdings(&active)
}

/// What a missing role means for the reports that name it, in words for administrators.
fn gap_words(gap: Gap) -> &'static str {
    match gap {
        Gap::NoHeadTeacher { officers: true } => "There is no head teacher. Reports about a member of staff go only to the Safer School Partnership officer. Give someone the head teacher role.",
        Gap::NoHeadTeacher { officers: false } => "There is no head teacher and no Safer School Partnership officer. Reports about a member of staff reach no one and are kept for the school's recovery key only.",
        Gap::NoChairOfGovernors { officers: true } => "There is no chair of governors. Reports about the head teacher go only to the Safer School Partnership officer. Give someone the chair of governors role.",
        Gap::NoChairOfGovernors { officers: false } => "There is no chair of governors and no Safer School Partnership officer. Reports about the head teacher reach no one and are kept for the school's recovery key only.",
    }
}

fn text_input(name: &str, label: &str, value: &str, hint: Option<&str>) -> Markup {
    html! {
        div class="govuk-form-group" {
            label class="govuk-label" for=(name) { (label) }
            @if let Some(hint) = hint { div class="govuk-hint" id={ (name) "-hint" } { (hint) } }
            input class="govuk-input" id=(name) name=(name) type="text" value=(value) spellcheck="false" aria-describedby=[hint.map(|_| format!("{name}-hint"))];
        }
    }
}

/// The overview: every school with its people and settings, every person, and the forms.
/// What an administrator's change did, in the words of the banner after it (fixed words:
/// nothing from the address is shown).
pub fn done_notice(done: &str) -> Option<&'static str> {
    Some(match done {
        "settings" => "School settings saved",
        "disabled" => "Account disabled. They are signed out everywhere",
        "enabled" => "Account enabled",
        "two-factor-reset" => "Two-step sign-in reset. They set it up again at their next sign-in",
        "granted" => "Role given",
        "revoked" => "Role removed, with the report keys it alone gave",
        _ => return None,
    })
}

pub fn overview(
    site: &Site,
    viewer: &Viewer<'_>,
    overview: &Overview,
    errors: &[FieldError],
    notice: Option<&str>,
) -> Markup {
    let Overview { schools, people } = overview;
    page(
        site,
        "Administration",
        Some(viewer),
        html! {
            (error_summary(errors))
            @if let Some(notice) = notice {
                (super::components::success_banner(notice))
            }
            h1 class="govuk-heading-xl" { "Administration" }
            p class="govuk-body" { "You can set up schools and people here. Being an administrator does not let you read reports: only the people a report is routed to can." }
            p class="govuk-body" { a class="govuk-link" href="/staff/admin/outbox" { "Mail: what is waiting to be sent" } }
            p class="govuk-body" { a class="govuk-link" href="/staff/admin/languages" { "Languages: which translations a fluent speaker has checked" } }
            p class="govuk-body" { a class="govuk-link" href="/staff/admin/on-call" { "On-call chains: who is told of an urgent report out of hours" } }
            p class="govuk-body" { a class="govuk-link" href="/staff/admin/replies" { "Reply templates: each school's starting replies to pupils" } }
            h2 class="govuk-heading-l" { "Schools" }
            @for (school, holders) in schools {
                (school_card(viewer, school, holders))
            }
            h2 class="govuk-heading-l" { "Give someone a role" }
            (grant_form(viewer, overview))
            h2 class="govuk-heading-l" { "Add a school" }
            (add_school_form(viewer))
            h2 class="govuk-heading-l" { "People" }
            (people_table(viewer, people))
            h2 class="govuk-heading-l" { "Add a person" }
            (add_person_form(viewer))
        },
    )
}

/// One school: who receives its reports, any gap in that, and its settings.
fn school_card(viewer: &Viewer<'_>, school: &School, holders: &[RoleHolder]) -> Markup {
    html! {
        div class="govuk-summary-card" {
            div class="govuk-summary-card__title-wrapper" {
                h3 class="govuk-summary-card__title" { (school.name) " (/s/" (school.slug) ")" }
                ul class="govuk-summary-card__actions" {
                    li class="govuk-summary-card__action" {
                        a class="govuk-link" href={ "/staff/admin/schools/" (school.id) "/poster" } { "Poster" span class="govuk-visually-hidden" { " for " (school.name) } }
                    }
                }
            }
            div class="govuk-summary-card__content" {
                @if holders.iter().all(|h| h.disabled) {
                    div class="govuk-warning-text" {
                        span class="govuk-warning-text__icon" aria-hidden="true" { "!" }
                        strong class="govuk-warning-text__text" { span class="govuk-visually-hidden" { "Warning" } "No one receives this school's reports. They are kept for the school's recovery key only." }
                    }
                }
                @for gap in routing::gaps(&active_holdings(holders)) {
                    div class="govuk-warning-text" {
                        span class="govuk-warning-text__icon" aria-hidden="true" { "!" }
                        strong class="govuk-warning-text__text" { span class="govuk-visually-hidden" { "Warning" } (gap_words(gap)) }
                    }
                }
                table class="govuk-table" {
                    caption class="govuk-table__caption govuk-table__caption--s" { "Who receives reports" }
                    tbody class="govuk-table__body" {
                        @for holder in holders {
                            tr class="govuk-table__row" {
                                td class="govuk-table__cell" {
                                    (holder.name) @if holder.disabled { " (disabled)" }
                                    br; span class="govuk-hint" { (holder.email) }
                                }
                                td class="govuk-table__cell" { (holder.role.label()) }
                                td class="govuk-table__cell" {
                                    form method="post" action="/staff/admin/roles/revoke" {
                                        (csrf(viewer))
                                        input type="hidden" name="school" value=(school.id);
                                        input type="hidden" name="user" value=(holder.user_id);
                                        input type="hidden" name="role" value=(holder.role.as_str());
                                        button type="submit" class="govuk-button govuk-button--warning govuk-!-margin-bottom-0" {
                                            "Remove" span class="govuk-visually-hidden" { " " (holder.name) " as " (holder.role.label()) }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
                form method="post" action={ "/staff/admin/schools/" (school.id) } {
                    (csrf(viewer))
                    (text_input(&format!("hours-{}", school.id), "When reports are read (shown to pupils)", &school.reading_hours, None))
                    (text_input(&format!("schedule-{}", school.id), "The same hours as days and times (UK time)", &school.reading_schedule, Some("For example Mon-Fri 08:00-16:00. Outside these hours an urgent report goes to the on-call chain, and the pupil is told when it will be read.")))
                    div class="govuk-form-group" {
                        label class="govuk-label" for={ "ack-" (school.id) } { "Acknowledge within (hours)" }
                        input class="govuk-input govuk-input--width-3" id={ "ack-" (school.id) } name={ "ack-" (school.id) } type="text" inputmode="numeric" value=(school.ack_within_hours);
                    }
                    fieldset class="govuk-fieldset" {
                        legend class="govuk-fieldset__legend govuk-fieldset__legend--s" { "Keep closed reports for (days)" }
                        @for (name, label, value) in [("keep-anonymous", "When the pupil gave no name or contact", school.retain_anonymous_days), ("keep-named", "When the pupil gave a name or contact", school.retain_named_days), ("keep-staff", "About an adult at the school", school.retain_staff_days)] {
                            div class="govuk-form-group" {
                                label class="govuk-label" for={ (name) "-" (school.id) } { (label) }
                                input class="govuk-input govuk-input--width-5" id={ (name) "-" (school.id) } name={ (name) "-" (school.id) } type="text" inputmode="numeric" value=(value);
                            }
                        }
                    }
                    button type="submit" class="govuk-button govuk-button--secondary" { "Save settings" }
                }
            }
        }
    }
}

/// Gives a person a role at a school.
fn grant_form(viewer: &Viewer<'_>, overview: &Overview) -> Markup {
    html! {
        form method="post" action="/staff/admin/roles" {
            (csrf(viewer))
            div class="govuk-form-group" {
                label class="govuk-label" for="grant-school" { "School" }
                select class="govuk-select" id="grant-school" name="school" {
                    @for (school, _) in &overview.schools { option value=(school.id) { (school.name) } }
                }
            }
            div class="govuk-form-group" {
                label class="govuk-label" for="grant-user" { "Person" }
                select class="govuk-select" id="grant-user" name="user" {
                    @for person in overview.people.iter().filter(|p| !p.disabled) { option value=(person.id) { (person.name) " (" (person.email) ")" } }
                }
            }
            div class="govuk-form-group" {
                label class="govuk-label" for="grant-role" { "Role" }
                select class="govuk-select" id="grant-role" name="role" {
                    @for role in Role::ALL { option value=(role.as_str()) { (role.label()) } }
                }
            }
            button type="submit" class="govuk-button" { "Give role" }
        }
    }
}

/// Adds a school.
fn add_school_form(viewer: &Viewer<'_>) -> Markup {
    html! {
        form method="post" action="/staff/admin/schools" {
            (csrf(viewer))
            (text_input("slug", "Short name for the address", "", Some("Lower-case letters, digits and hyphens, for example oak-park. The school's page will be /s/oak-park.")))
            (text_input("name", "School name", "", None))
            (text_input("hours", "When reports are read", DEFAULT_READING_HOURS, None))
            button type="submit" class="govuk-button" { "Add school" }
        }
    }
}

/// Everyone, with their account's state and what can be done to it.
fn people_table(viewer: &Viewer<'_>, people: &[User]) -> Markup {
    html! {
        table class="govuk-table" {
            thead class="govuk-table__head" {
                tr class="govuk-table__row" {
                    th scope="col" class="govuk-table__header" { "Name" }
                    th scope="col" class="govuk-table__header" { "Email" }
                    th scope="col" class="govuk-table__header" { "Account" }
                    th scope="col" class="govuk-table__header" { span class="govuk-visually-hidden" { "Actions" } }
                }
            }
            tbody class="govuk-table__body" {
                @for person in people {
                    tr class="govuk-table__row" {
                        td class="govuk-table__cell" { (person.name) }
                        td class="govuk-table__cell" { (person.email) }
                        td class="govuk-table__cell" {
                            @if person.disabled { "Disabled" } @else if person.must_change_password { "Temporary password" } @else { "Active" }
                            @if person.is_admin { ", administrator" }
                            @if !person.enrolled() { ", no two-step sign-in yet" }
                        }
                        td class="govuk-table__cell" {
                            div class="govuk-button-group" {
                                @if person.id != viewer.user.id {
                                    form method="post" action={ "/staff/admin/people/" (person.id) (if person.disabled { "/enable" } else { "/disable" }) } {
                                        (csrf(viewer))
                                        button type="submit" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" {
                                            (if person.disabled { "Enable" } else { "Disable" }) span class="govuk-visually-hidden" { " " (person.name) }
                                        }
                                    }
                                    form method="post" action={ "/staff/admin/people/" (person.id) "/reset" } {
                                        (csrf(viewer))
                                        button type="submit" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" {
                                            "Reset password" span class="govuk-visually-hidden" { " for " (person.name) }
                                        }
                                    }
                                    @if person.enrolled() {
                                        form method="post" action={ "/staff/admin/people/" (person.id) "/reset-2fa" } {
                                            (csrf(viewer))
                                            button type="submit" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" {
                                                "Reset two-step sign-in" span class="govuk-visually-hidden" { " for " (person.name) }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// Adds a person.
fn add_person_form(viewer: &Viewer<'_>) -> Markup {
    html! {
        form method="post" action="/staff/admin/people" {
            (csrf(viewer))
            (text_input("email", "Email address", "", None))
            (text_input("name", "Full name", "", None))
            div class="govuk-checkboxes govuk-!-margin-bottom-4" data-module="govuk-checkboxes" {
                div class="govuk-checkboxes__item" {
                    input class="govuk-checkboxes__input" id="admin" name="admin" type="checkbox" value="1";
                    label class="govuk-label govuk-checkboxes__label" for="admin" { "Administrator" }
                }
            }
            button type="submit" class="govuk-button" { "Add person" }
        }
    }
}

/// A secret shown exactly once: a school's recovery key or a temporary password.
pub fn shown_once(
    site: &Site,
    viewer: &Viewer<'_>,
    title: &str,
    secret: &str,
    advice: &[&str],
) -> Markup {
    page(
        site,
        title,
        Some(viewer),
        html! {
            h1 class="govuk-heading-xl" { (title) }
            div class="govuk-warning-text" {
                span class="govuk-warning-text__icon" aria-hidden="true" { "!" }
                strong class="govuk-warning-text__text" { span class="govuk-visually-hidden" { "Warning" } "This is shown once and is not stored. Copy it now." }
            }
            p class="confide-receipt-code" { (secret) }
            @for line in advice { p class="govuk-body" { (line) } }
            p class="govuk-body" { a class="govuk-link" href="/staff/admin" { "Back to administration" } }
        },
    )
}

/// The outbox: what is waiting to be sent and why it failed.
pub fn outbox(site: &Site, viewer: &Viewer<'_>, state: &OutboxState, transport: &str) -> Markup {
    use crate::time::format_uk;
    let failing = state
        .pending
        .iter()
        .filter(|p| p.last_error.is_some())
        .count();
    page(
        site,
        "Mail",
        Some(viewer),
        html! {
            h1 class="govuk-heading-xl" { "Mail" }
            dl class="govuk-summary-list" {
                div class="govuk-summary-list__row" {
                    dt class="govuk-summary-list__key" { "How mail is sent" }
                    dd class="govuk-summary-list__value" { (transport) }
                }
                div class="govuk-summary-list__row" {
                    dt class="govuk-summary-list__key" { "Waiting to be sent" }
                    dd class="govuk-summary-list__value" { (state.pending.len()) }
                }
                div class="govuk-summary-list__row" {
                    dt class="govuk-summary-list__key" { "Failing" }
                    dd class="govuk-summary-list__value" { (failing) }
                }
                div class="govuk-summary-list__row" {
                    dt class="govuk-summary-list__key" { "Sent in the last day" }
                    dd class="govuk-summary-list__value" { (state.sent_last_day) }
                }
            }
            @if !state.pending.is_empty() {
                table class="govuk-table" {
                    caption class="govuk-table__caption govuk-table__caption--m" { "Waiting to be sent" }
                    thead class="govuk-table__head" {
                        tr class="govuk-table__row" {
                            @for h in ["Kind", "To", "Queued", "Tries", "Next try", "Last error"] {
                                th scope="col" class="govuk-table__header" { (h) }
                            }
                        }
                    }
                    tbody class="govuk-table__body" {
                        @for p in &state.pending {
                            tr class="govuk-table__row" {
                                td class="govuk-table__cell" { (p.kind.label()) }
                                td class="govuk-table__cell" { (p.email) }
                                td class="govuk-table__cell" { (format_uk(p.created_at)) }
                                td class="govuk-table__cell" { (p.attempts) }
                                td class="govuk-table__cell" { (format_uk(p.next_attempt_at)) }
                                td class="govuk-table__cell confide-pupil-text" { (p.last_error.as_deref().unwrap_or("–")) }
                            }
                        }
                    }
                }
            }
            p class="govuk-body" { a class="govuk-link" href="/staff/admin" { "Back to administration" } }
        },
    )
}
