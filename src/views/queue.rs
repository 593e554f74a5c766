//! The triage queue: its filters, and one row per report (one card per report on a phone).

use maud::{html, Markup};

use super::components::flags;
use super::forms::select;
use super::layout::Site;
use super::staff::{page, Viewer};
use crate::app::queue::QueueScreen;
use crate::domain::choices::{Category, Risk, Source, Status};
use crate::store::queue::{QueueFilter, QueuePage, RiskFilter};
use crate::store::schools::School;
use crate::time::{age, format_uk, Timestamp};

/// The filters above the queue, each keeping its choice.
fn filters(schools: &[School], filter: &QueueFilter) -> Markup {
    let mut school_options = vec![(String::new(), "All my schools".to_owned())];
    school_options.extend(schools.iter().map(|s| (s.id.to_string(), s.name.clone())));
    let mut status_options = vec![
        ("open_all".to_owned(), "All open".to_owned()),
        ("referred".to_owned(), "Any referral".to_owned()),
    ];
    status_options.extend(
        Status::ALL
            .iter()
            .map(|s| (s.as_str().to_owned(), s.label().to_owned())),
    );
    let mut category_options = vec![(String::new(), "Any kind".to_owned())];
    category_options.extend(
        Category::ALL
            .iter()
            .map(|c| (c.as_str().to_owned(), c.label().to_owned())),
    );
    let mut risk_options = vec![
        (String::new(), "Any risk".to_owned()),
        ("unrated".to_owned(), "Not rated".to_owned()),
    ];
    risk_options.extend(
        Risk::ALL
            .iter()
            .map(|r| (r.as_str().to_owned(), r.label().to_owned())),
    );
    let risk_selected = match filter.risk {
        Some(RiskFilter::Rated(r)) => r.as_str(),
        Some(RiskFilter::Unrated) => "unrated",
        None => "",
    };
    html! {
    form method="get" action="/staff" class="confide-filters" {
        (select("school", "School", &school_options, &filter.school_id.map(|id| id.to_string()).unwrap_or_default()))
        (select("status", "Status", &status_options, filter.status.as_str()))
        (select("category", "Kind", &category_options, filter.category.map_or("", |c| c.as_str())))
        (select("risk", "Risk", &risk_options, risk_selected))
        div class="govuk-form-group confide-filter" {
            div class="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes" {
                div class="govuk-checkboxes__item" {
                    input class="govuk-checkboxes__input" id="mine" name="mine" type="checkbox" value="1" checked[filter.mine];
                    label class="govuk-label govuk-checkboxes__label" for="mine" { "Only mine" }
                }
                div class="govuk-checkboxes__item" {
                    input class="govuk-checkboxes__input" id="new" name="new" type="checkbox" value="1" checked[filter.new_messages];
                    label class="govuk-label govuk-checkboxes__label" for="new" { "Only new messages from pupils" }
                }
            }
        }
        button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button" { "Show reports" }
    }
    }
}

/// One page of the queue (as cards on a phone: each cell carries its heading).
fn table(page_rows: &QueuePage, now: Timestamp) -> Markup {
    html! {
    table class="govuk-table confide-queue" {
        caption class="govuk-table__caption govuk-visually-hidden" { "Reports, most urgent first" }
        thead class="govuk-table__head" {
            tr class="govuk-table__row" {
                @for heading in ["Report", "Flags", "School", "Kind", "Where", "Risk", "Status", "Owner", "Age"] {
                    th scope="col" class="govuk-table__header" { (heading) }
                }
            }
        }
        tbody class="govuk-table__body" {
            @for row in &page_rows.rows {
                tr class="govuk-table__row" {
                    td class="govuk-table__cell" data-label="Report" {
                        a class="govuk-link" href={ "/staff/reports/" (row.report_id) } {
                            "Open" span class="govuk-visually-hidden" { " report from " (format_uk(row.created_at)) }
                        }
                        @if row.linked > 0 {
                            span class="govuk-body-s govuk-!-display-block confide-linked" {
                                "and " (row.linked) " linked " (if row.linked == 1 { "report" } else { "reports" })
                            }
                        }
                    }
                    td class="govuk-table__cell" data-label="Flags" { (flags(row.happening_now && !row.acknowledged, row.new_message, row.about_staff, row.overdue)) }
                    td class="govuk-table__cell" data-label="School" { (row.school_name) }
                    td class="govuk-table__cell" data-label="Kind" {
                        (row.category.label())
                        @if row.source == Source::InPerson { br; strong class="govuk-tag govuk-tag--grey" { (row.source.label()) } }
                        @if row.talk_requested { br; strong class="govuk-tag govuk-tag--orange" { "Asked to talk" } }
                    }
                    td class="govuk-table__cell" data-label="Where" { (row.location.label()) }
                    td class="govuk-table__cell confide-nowrap" data-label="Risk" { (row.risk.map_or("Not rated", Risk::label)) }
                    td class="govuk-table__cell" data-label="Status" { (row.status.label()) }
                    td class="govuk-table__cell" data-label="Owner" { (row.owner_name.as_deref().unwrap_or("–")) }
                    td class="govuk-table__cell confide-nowrap" data-label="Age" { (age(now.since(row.created_at))) }
                }
            }
        }
    }
    }
}

/// The queue with its filters and a link to the next page.
pub fn queue(
    site: &Site,
    viewer: &Viewer<'_>,
    screen: &QueueScreen,
    filter: &QueueFilter,
    next_link: Option<String>,
) -> Markup {
    let QueueScreen {
        schools,
        page: page_rows,
        awaiting,
        now,
    } = screen;
    let (awaiting, now) = (*awaiting, *now);
    page(
        site,
        "Reports",
        Some(viewer),
        html! {
            h1 class="govuk-heading-xl" { "Reports" }
            p class="govuk-body" { a class="govuk-link" href="/staff/disclosures/new" { "Record a disclosure a pupil made to you in person" } }
            (filters(schools, filter))
            @if awaiting {
                div class="govuk-inset-text" {
                    "Some older reports for your schools are not readable by you yet. They are shared with you automatically the next time a colleague who can read them signs in."
                }
            }
            @if page_rows.rows.is_empty() {
                p class="govuk-body" { "No reports match." }
            } @else {
                (table(page_rows, now))
            }
            @if let Some(next) = next_link {
                nav class="govuk-pagination" aria-label="Pages of reports" {
                    div class="govuk-pagination__next" {
                        a class="govuk-link govuk-pagination__link" href=(next) rel="next" {
                            span class="govuk-pagination__link-title" { "Next page" }
                        }
                    }
                }
            }
        },
    )
}
