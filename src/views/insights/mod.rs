//! The insight page: filters, the small-number rule in words, server-drawn SVG charts
//! each followed by a table of the same figures, and the same tables as CSV.

use maud::{html, Markup};

mod charts;

use self::charts::{across_chart, bar_chart, line_chart};
use super::forms::select;
use super::layout::Site;
use super::staff::{page, Viewer};
use crate::app::insights::{By, Insight, PeriodChoice};
use crate::domain::insight::{Shown, PERCENTILE_FROM};
use crate::time::{format_duration, format_uk};

/// A table as shown, and as written to the CSV.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub caption: String,
    pub head: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

pub const FEWER_THAN_5: &str = "fewer than 5";

/// The small-number rule in words, on the page and in the CSV.
pub const RULE: &str = "Every count is rounded to the nearest 5 on its own: 0 shows as 0, 1 to 4 as \u{201c}fewer than 5\u{201d}, 5 to 7 as 5, 8 to 12 as 10, and so on. Totals are rounded from the true totals, so rows may not add up to their total. Where a small number could still be worked out by comparing figures (on this page, or for another period or school), one or more figures show as \u{201c}hidden\u{201d}. Percentages are worked out from the rounded figures and shown only when the rounded whole is 20 or more; median and 90th percentile times only when 20 or more reports were acknowledged.";
pub const HIDDEN: &str = "hidden";

pub fn shown_text(s: Shown) -> String {
    match s {
        Shown::Count(n) => n.to_string(),
        Shown::Small => FEWER_THAN_5.to_owned(),
        Shown::Hidden => HIDDEN.to_owned(),
    }
}

fn share_text(part: Shown, whole: Shown, share: Option<u64>) -> String {
    match share {
        Some(p) => format!("{p}% ({} of {})", shown_text(part), shown_text(whole)),
        None => format!("{} of {}", shown_text(part), shown_text(whole)),
    }
}

fn duration_text(d: Option<i64>) -> String {
    d.map_or_else(
        || format!("not shown (fewer than {PERCENTILE_FROM} reports acknowledged)"),
        format_duration,
    )
}

/// Every table the page shows, in order.
#[expect(
    clippy::too_many_lines,
    reason = "the figures views are being split by idea (issue 23, part 2)"
)]
pub fn tables(insight: &Insight) -> Vec<Table> {
    let mut out = Vec::new();
    let column_heads = |first: &str| {
        let mut head = vec![first.to_owned()];
        head.extend(insight.columns.iter().map(|c| c.label().to_owned()));
        head.push("Total".to_owned());
        head
    };
    let time_head = match insight.request.by {
        By::Week => "Week beginning",
        By::Term => "Term",
    };
    if !insight.too_few {
        let mut rows: Vec<Vec<String>> = insight
            .time_rows
            .iter()
            .enumerate()
            .map(|(i, row)| {
                let mut cells = vec![row.label.clone()];
                cells.extend(insight.by_time.cells[i].iter().map(|s| shown_text(*s)));
                cells.push(shown_text(insight.by_time.row_totals[i]));
                cells
            })
            .collect();
        let mut totals = vec!["Total".to_owned()];
        totals.extend(insight.by_time.column_totals.iter().map(|s| shown_text(*s)));
        totals.push(shown_text(insight.by_time.total));
        rows.push(totals);
        out.push(Table {
            caption: format!("Reports by {} and kind", by_word(insight.request.by)),
            head: column_heads(time_head),
            rows,
        });
    }
    if !insight.too_few {
        let mut rows: Vec<Vec<String>> = insight
            .locations
            .iter()
            .enumerate()
            .map(|(i, place)| {
                let mut cells = vec![place.label().to_owned()];
                cells.extend(insight.hotspots.cells[i].iter().map(|s| shown_text(*s)));
                cells.push(shown_text(insight.hotspots.row_totals[i]));
                cells
            })
            .collect();
        let mut totals = vec!["Total".to_owned()];
        totals.extend(
            insight
                .hotspots
                .column_totals
                .iter()
                .map(|s| shown_text(*s)),
        );
        totals.push(shown_text(insight.hotspots.total));
        rows.push(totals);
        out.push(Table {
            caption: "Hotspots: where, by kind".to_owned(),
            head: column_heads("Where"),
            rows,
        });
    }
    let a = &insight.acknowledgement;
    let agreed = match a.target_hours {
        Some(h) => format!("Acknowledged within the agreed {h} hours"),
        None => "Acknowledged within each school's agreed time".to_owned(),
    };
    out.push(Table {
        caption: "How quickly reports were acknowledged".to_owned(),
        head: vec!["Measure".to_owned(), "Figure".to_owned()],
        rows: vec![
            vec!["Reports".to_owned(), shown_text(a.reports)],
            vec!["Acknowledged".to_owned(), shown_text(a.acknowledged)],
            vec!["Not yet acknowledged".to_owned(), shown_text(a.waiting)],
            vec![
                "Median time to first acknowledgement".to_owned(),
                duration_text(a.median),
            ],
            vec!["90th percentile".to_owned(), duration_text(a.p90)],
            vec![
                agreed,
                share_text(a.in_target, a.acknowledged, a.in_target_share),
            ],
            vec![
                "Urgent reports acknowledged within the hour".to_owned(),
                share_text(a.urgent_in_hour, a.urgent, a.urgent_in_hour_share),
            ],
        ],
    });
    if insight.time_rows.iter().any(|r| r.median.is_some()) {
        out.push(Table {
            caption: format!(
                "Median time to first acknowledgement by {}",
                by_word(insight.request.by)
            ),
            head: vec![time_head.to_owned(), "Median".to_owned()],
            rows: insight
                .time_rows
                .iter()
                .map(|r| vec![r.label.clone(), duration_text(r.median)])
                .collect(),
        });
    }
    let mut outcome_rows: Vec<Vec<String>> = insight
        .outcomes
        .iter()
        .map(|(o, s)| vec![o.label().to_owned(), shown_text(*s)])
        .collect();
    outcome_rows.push(vec!["Closed in all".to_owned(), shown_text(insight.closed)]);
    out.push(Table {
        caption: "How closed cases ended".to_owned(),
        head: vec!["Outcome".to_owned(), "Cases".to_owned()],
        rows: outcome_rows,
    });
    let mut referral_rows: Vec<Vec<String>> = insight
        .referrals
        .iter()
        .map(|(r, s)| vec![r.label().to_owned(), shown_text(*s)])
        .collect();
    referral_rows.push(vec![
        "Referred in all".to_owned(),
        shown_text(insight.referred),
    ]);
    out.push(Table {
        caption: "Referrals".to_owned(),
        head: vec!["Referred to".to_owned(), "Cases".to_owned()],
        rows: referral_rows,
    });
    // Each table says whose figures it holds, as the filter chose them.
    for table in &mut out {
        table.caption = format!("{}: {}", table.caption, insight.scope_label);
    }
    out
}

fn by_word(by: By) -> &'static str {
    match by {
        By::Week => "week",
        By::Term => "term",
    }
}

fn csv_field(value: &str) -> String {
    // Every field is quoted; a leading formula character is defused for spreadsheets.
    let safe = if value.starts_with(['=', '+', '-', '@']) {
        format!("'{value}")
    } else {
        value.to_owned()
    };
    format!("\"{}\"", safe.replace('"', "\"\""))
}

/// The page's tables as CSV: for each, its caption on a line, its header, its rows, and a
/// blank line.
pub fn csv(insight: &Insight) -> String {
    let mut out = String::new();
    out.push_str(&csv_field(&format!(
        "{}, {}",
        insight.scope_label, insight.period.label
    )));
    out.push_str("\r\n");
    out.push_str(&csv_field(RULE));
    out.push_str("\r\n\r\n");
    for table in tables(insight) {
        out.push_str(&csv_field(&table.caption));
        out.push_str("\r\n");
        for row in std::iter::once(&table.head).chain(&table.rows) {
            let line: Vec<String> = row.iter().map(|v| csv_field(v)).collect();
            out.push_str(&line.join(","));
            out.push_str("\r\n");
        }
        out.push_str("\r\n");
    }
    out
}

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

#[expect(
    clippy::too_many_lines,
    reason = "the figures views are being split by idea (issue 23, part 2)"
)]
pub fn insight_page(site: &Site, viewer: &Viewer<'_>, insight: &Insight) -> Markup {
    let mut school_options = vec![(
        String::new(),
        if insight.reach.everywhere {
            "Every school".to_owned()
        } else {
            "All my schools".to_owned()
        },
    )];
    school_options.extend(
        insight
            .reach
            .schools
            .iter()
            .map(|s| (s.id.to_string(), s.name.clone())),
    );
    let period_options: Vec<(String, String)> = PeriodChoice::ALL
        .iter()
        .map(|p| (p.as_str().to_owned(), p.label().to_owned()))
        .collect();
    let by_options = vec![
        ("week".to_owned(), "Week".to_owned()),
        ("term".to_owned(), "Term".to_owned()),
    ];
    let tables = tables(insight);
    let table_named =
        |caption_start: &str| tables.iter().find(|t| t.caption.starts_with(caption_start));
    let time_bars: Vec<(String, Shown)> = insight
        .time_rows
        .iter()
        .zip(&insight.by_time.row_totals)
        .map(|(r, s)| (r.label.clone(), *s))
        .collect();
    let kind_bars: Vec<(String, Shown)> = insight
        .columns
        .iter()
        .zip(&insight.by_time.column_totals)
        .map(|(c, s)| (c.label().to_owned(), *s))
        .collect();
    let spot_bars: Vec<(String, Shown)> = insight
        .locations
        .iter()
        .zip(&insight.hotspots.row_totals)
        .map(|(l, s)| (l.label().to_owned(), *s))
        .collect();
    let medians: Vec<(String, Option<i64>)> = insight
        .time_rows
        .iter()
        .map(|r| (r.label.clone(), r.median))
        .collect();
    let target = insight
        .acknowledgement
        .target_hours
        .map(|h| i64::from(h) * 3_600);
    page(
        site,
        "Figures",
        Some(viewer),
        html! {
            span class="govuk-caption-l" { (insight.scope_label) }
            h1 class="govuk-heading-xl" { "Figures: " (insight.period.label) }
            form method="get" action="/staff/insights" class="confide-filters" {
                (select("school", "School", &school_options, &insight.request.school.map(|id| id.to_string()).unwrap_or_default()))
                (select("period", "Period", &period_options, insight.request.period.as_str()))
                (select("by", "Show by", &by_options, insight.request.by.as_str()))
                button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button" { "Show figures" }
            }
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
            h2 class="govuk-heading-l" { "Reports over time" }
            @if !insight.too_few {
                (bar_chart("chart-time", &format!("Reports each {}", match insight.request.by { By::Week => "week", By::Term => "term" }), &time_bars))
                @if let Some(t) = table_named("Reports by") { (table_html(t)) }
                (across_chart("chart-kind", "Reports by kind", &kind_bars))
            }
            h2 class="govuk-heading-l" { "Hotspots" }
            @if !insight.too_few {
                (across_chart("chart-place", "Reports by where it happened", &spot_bars))
                @if let Some(t) = table_named("Hotspots") { (table_html(t)) }
            }
            h2 class="govuk-heading-l" { "Acknowledging reports" }
            @if let Some(t) = table_named("How quickly") { (table_html(t)) }
            @if let Some(t) = table_named("Median time") {
                (line_chart("chart-ack", "Median time to first acknowledgement", &medians, target))
                (table_html(t))
            }
            h2 class="govuk-heading-l" { "Outcomes" }
            @if let Some(t) = table_named("How closed") { (table_html(t)) }
            @if let Some(t) = table_named("Referrals") { (table_html(t)) }
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
