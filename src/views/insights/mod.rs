//! The insight page: filters, the small-number rule in words, server-drawn SVG charts
//! each followed by a table of the same figures (see [`tables`]), and the same tables as
//! CSV (see [`csv`]).

use maud::{html, Markup};

mod charts;
mod csv;
mod tables;

pub use self::csv::csv;
pub use self::tables::{shown_text, tables, Table, FEWER_THAN_5, HIDDEN, RULE};

use self::charts::{across_chart, bar_chart, line_chart};
use super::forms::select;
use super::layout::Site;
use super::staff::{page, Viewer};
use crate::app::insights::{By, Insight, PeriodChoice};
use crate::domain::insight::Shown;
use crate::time::format_uk;

fn table_html(table: &Table) -> Markup {
    html! {
        div class="confide-table-scroll" tabindex="0" role="region" aria-label=(table.caption) {
            table class="govuk-table confide-figures" {
                caption class="govuk-table__caption govuk-table__caption--m" { (table.caption) }
                thead class="govuk-table__head" {
                    tr class="govuk-table__row" {
                        @for (i, h) in table.head.iter().enumerate() {
                            th scope="col" class={ "govuk-table__header" @if i > 0 { " govuk-table__header--numeric" } } { (h) }
                        }
                    }
                }
                tbody class="govuk-table__body" {
                    @for row in &table.rows {
                        tr class="govuk-table__row" {
                            @for (i, cell) in row.iter().enumerate() {
                                @if i == 0 {
                                    th scope="row" class="govuk-table__header" { (cell) }
                                } @else {
                                    td class="govuk-table__cell govuk-table__cell--numeric" { (cell) }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The query string of the page with these choices (for the CSV link).
pub fn query(insight: &Insight) -> String {
    let mut pairs = vec![
        ("period", insight.request.period.as_str().to_owned()),
        ("by", insight.request.by.as_str().to_owned()),
    ];
    if let Some(id) = insight.request.school {
        pairs.insert(0, ("school", id.to_string()));
    }
    serde_urlencoded::to_string(&pairs).unwrap_or_default()
}

/// The filters: whose figures, which period, and rows by week or term.
fn filters(insight: &Insight) -> Markup {
    let all = if insight.reach.everywhere {
        "Every school"
    } else {
        "All my schools"
    };
    let schools: Vec<(String, String)> = std::iter::once((String::new(), all.to_owned()))
        .chain(
            insight
                .reach
                .schools
                .iter()
                .map(|s| (s.id.to_string(), s.name.clone())),
        )
        .collect();
    let periods: Vec<(String, String)> = PeriodChoice::ALL
        .iter()
        .map(|p| (p.as_str().to_owned(), p.label().to_owned()))
        .collect();
    let by: Vec<(String, String)> = By::ALL
        .iter()
        .map(|b| (b.as_str().to_owned(), b.label().to_owned()))
        .collect();
    let school = insight
        .request
        .school
        .map(|id| id.to_string())
        .unwrap_or_default();
    html! {
        form method="get" action="/staff/insights" class="confide-filters" {
            (select("school", "School", &schools, &school))
            (select("period", "Period", &periods, insight.request.period.as_str()))
            (select("by", "Show by", &by, insight.request.by.as_str()))
            button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button" { "Show figures" }
        }
    }
}

/// What the figures are made from and how small numbers are kept back, and the download.
fn about(insight: &Insight) -> Markup {
    html! {
        div class="govuk-inset-text" {
            p class="govuk-body" {
                strong { "Small numbers are hidden and every count is rounded. " }
                (RULE)
            }
            p class="govuk-body govuk-!-margin-bottom-0" {
                "These figures come only from the kind of report, where it happened, and when it was received, acknowledged and closed: never from what pupils wrote. Weeks start on Monday; terms run September to December, January to March and April to August. Figures as of " (format_uk(insight.generated_at)) "."
            }
        }
        p class="govuk-body" {
            a class="govuk-link" href={ "/staff/insights.csv?" (query(insight)) } download { "Download these figures (CSV)" }
            " — exactly the tables on this page, with the same rounding and the same numbers hidden. Downloads are recorded."
        }
        @if insight.too_few {
            div class="govuk-warning-text" {
                span class="govuk-warning-text__icon" aria-hidden="true" { "!" }
                strong class="govuk-warning-text__text" { span class="govuk-visually-hidden" { "Warning" } "There were fewer than 5 reports in this period, so no breakdown is shown." }
            }
        }
    }
}

/// Counts beside their labels, as a chart draws them.
fn bars(labels: impl Iterator<Item = String>, counts: &[Shown]) -> Vec<(String, Shown)> {
    labels.zip(counts.iter().copied()).collect()
}

pub fn insight_page(site: &Site, viewer: &Viewer<'_>, insight: &Insight) -> Markup {
    let tables = tables(insight);
    let table_named = |caption_start: &str| {
        tables
            .iter()
            .find(|t| t.caption.starts_with(caption_start))
            .map(table_html)
    };
    let time_bars = bars(
        insight.time_rows.iter().map(|r| r.label.clone()),
        &insight.by_time.row_totals,
    );
    let kind_bars = bars(
        insight.columns.iter().map(|c| c.label().to_owned()),
        &insight.by_time.column_totals,
    );
    let spot_bars = bars(
        insight.locations.iter().map(|l| l.label().to_owned()),
        &insight.hotspots.row_totals,
    );
    let medians: Vec<(String, Option<i64>)> = insight
        .time_rows
        .iter()
        .map(|r| (r.label.clone(), r.median))
        .collect();
    let target = insight
        .acknowledgement
        .target_hours
        .map(|h| i64::from(h) * 3_600);
    let each = format!("Reports each {}", insight.request.by.noun());
    page(
        site,
        "Figures",
        Some(viewer),
        html! {
            span class="govuk-caption-l" { (insight.scope_label) }
            h1 class="govuk-heading-xl" { "Figures: " (insight.period.label) }
            (filters(insight))
            (about(insight))
            h2 class="govuk-heading-l" { "Reports over time" }
            @if !insight.too_few {
                (bar_chart("chart-time", &each, &time_bars))
                @if let Some(t) = table_named("Reports by") { (t) }
                (across_chart("chart-kind", "Reports by kind", &kind_bars))
            }
            h2 class="govuk-heading-l" { "Hotspots" }
            @if !insight.too_few {
                (across_chart("chart-place", "Reports by where it happened", &spot_bars))
                @if let Some(t) = table_named("Hotspots") { (t) }
            }
            h2 class="govuk-heading-l" { "Acknowledging reports" }
            @if let Some(t) = table_named("How quickly") { (t) }
            @if let Some(t) = table_named("Urgent reports in and out") { (t) }
            @if let Some(t) = table_named("Median time") {
                (line_chart("chart-ack", "Median time to first acknowledgement", &medians, target))
                (t)
            }
            h2 class="govuk-heading-l" { "Outcomes" }
            @if let Some(t) = table_named("How closed") { (t) }
            @if let Some(t) = table_named("Referrals") { (t) }
        },
    )
}

/// Someone with no role that sees figures.
pub fn not_allowed(site: &Site, viewer: &Viewer<'_>) -> Markup {
    page(
        site,
        "Figures",
        Some(viewer),
        html! {
            h1 class="govuk-heading-xl" { "Figures" }
            p class="govuk-body" { "Figures are for head teachers, Safer School Partnership officers, chairs of governors and administrators. You do not hold one of those roles at any school." }
            p class="govuk-body" { "If you should, ask your Confide administrator to give you the role." }
            p class="govuk-body" { a class="govuk-link" href="/staff" { "Back to your reports" } }
        },
    )
}
