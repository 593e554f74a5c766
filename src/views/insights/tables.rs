//! The figures as tables of words, the same on the page and in the CSV: each count as it
//! may be shown, with the small-number rule in words.

use crate::app::insights::{Acknowledgement, By, Grid, Insight, UrgentTimes};
use crate::domain::insight::{Shown, PERCENTILE_FROM};
use crate::time::format_duration;

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

/// The heading of the column that names each row over time.
fn time_heading(by: By) -> &'static str {
    match by {
        By::Week => "Week beginning",
        By::Term => "Term",
    }
}

/// Every table the page shows, in order.
pub fn tables(insight: &Insight) -> Vec<Table> {
    let mut out = Vec::new();
    if !insight.too_few {
        out.push(over_time(insight));
        out.push(hotspots(insight));
    }
    out.push(acknowledgement(&insight.acknowledgement));
    out.push(urgent_hours(&insight.acknowledgement));
    if insight.time_rows.iter().any(|r| r.median.is_some()) {
        out.push(medians(insight));
    }
    out.push(outcomes(insight));
    out.push(referrals(insight));
    // Each table says whose figures it holds, as the filter chose them.
    for table in &mut out {
        table.caption = format!("{}: {}", table.caption, insight.scope_label);
    }
    out
}

/// The head of a table of kinds: the first column's heading, each kind, and the total.
fn kinds_head(insight: &Insight, first: &str) -> Vec<String> {
    let mut head = vec![first.to_owned()];
    head.extend(insight.columns.iter().map(|c| c.label().to_owned()));
    head.push("Total".to_owned());
    head
}

/// A grid's rows, each after its label and before its total, then the row of totals.
fn grid_rows(labels: impl Iterator<Item = String>, grid: &Grid) -> Vec<Vec<String>> {
    let mut rows: Vec<Vec<String>> = labels
        .zip(grid.cells.iter().zip(&grid.row_totals))
        .map(|(label, (cells, total))| {
            let mut row = vec![label];
            row.extend(cells.iter().map(|s| shown_text(*s)));
            row.push(shown_text(*total));
            row
        })
        .collect();
    let mut totals = vec!["Total".to_owned()];
    totals.extend(grid.column_totals.iter().map(|s| shown_text(*s)));
    totals.push(shown_text(grid.total));
    rows.push(totals);
    rows
}

fn over_time(insight: &Insight) -> Table {
    let by = insight.request.by;
    Table {
        caption: format!("Reports by {} and kind", by.noun()),
        head: kinds_head(insight, time_heading(by)),
        rows: grid_rows(
            insight.time_rows.iter().map(|r| r.label.clone()),
            &insight.by_time,
        ),
    }
}

fn hotspots(insight: &Insight) -> Table {
    Table {
        caption: "Hotspots: where, by kind".to_owned(),
        head: kinds_head(insight, "Where"),
        rows: grid_rows(
            insight.locations.iter().map(|l| l.label().to_owned()),
            &insight.hotspots,
        ),
    }
}

fn acknowledgement(a: &Acknowledgement) -> Table {
    let agreed = match a.target_hours {
        Some(h) => format!("Acknowledged within the agreed {h} hours"),
        None => "Acknowledged within each school's agreed time".to_owned(),
    };
    let row = |measure: &str, figure: String| vec![measure.to_owned(), figure];
    Table {
        caption: "How quickly reports were acknowledged".to_owned(),
        head: vec!["Measure".to_owned(), "Figure".to_owned()],
        rows: vec![
            row("Reports", shown_text(a.reports)),
            row(
                "Incidents (linked reports about one incident count once)",
                shown_text(a.incidents),
            ),
            row("Acknowledged", shown_text(a.acknowledged)),
            row("Not yet acknowledged", shown_text(a.waiting)),
            row(
                "Median time to first acknowledgement",
                duration_text(a.median),
            ),
            row("90th percentile", duration_text(a.p90)),
            row(
                &agreed,
                share_text(a.in_target, a.acknowledged, a.in_target_share),
            ),
            row(
                "Urgent reports acknowledged within the hour",
                share_text(a.urgent_in_hour, a.urgent, a.urgent_in_hour_share),
            ),
        ],
    }
}

fn urgent_hours(a: &Acknowledgement) -> Table {
    let [inside, outside] = &a.urgent_hours;
    let row = |measure: &str, f: &dyn Fn(&UrgentTimes) -> String| {
        vec![measure.to_owned(), f(inside), f(outside)]
    };
    Table {
        caption: "Urgent reports in and out of reading hours: time to first acknowledgement"
            .to_owned(),
        head: vec![
            "Measure".to_owned(),
            "In reading hours".to_owned(),
            "Out of hours".to_owned(),
        ],
        rows: vec![
            row("Urgent reports", &|u| shown_text(u.reports)),
            row("Median time to first acknowledgement", &|u| {
                duration_text(u.median)
            }),
            row("90th percentile", &|u| duration_text(u.p90)),
        ],
    }
}

fn medians(insight: &Insight) -> Table {
    let by = insight.request.by;
    Table {
        caption: format!("Median time to first acknowledgement by {}", by.noun()),
        head: vec![time_heading(by).to_owned(), "Median".to_owned()],
        rows: insight
            .time_rows
            .iter()
            .map(|r| vec![r.label.clone(), duration_text(r.median)])
            .collect(),
    }
}

fn outcomes(insight: &Insight) -> Table {
    let mut rows: Vec<Vec<String>> = insight
        .outcomes
        .iter()
        .map(|(o, s)| vec![o.label().to_owned(), shown_text(*s)])
        .collect();
    rows.push(vec!["Closed in all".to_owned(), shown_text(insight.closed)]);
    rows.push(vec![
        "Misuse rate (closed as false, prank or unfounded)".to_owned(),
        share_text(insight.misuse, insight.closed, insight.misuse_share),
    ]);
    Table {
        caption: "How closed cases ended".to_owned(),
        head: vec!["Outcome".to_owned(), "Cases".to_owned()],
        rows,
    }
}

fn referrals(insight: &Insight) -> Table {
    let mut rows: Vec<Vec<String>> = insight
        .referrals
        .iter()
        .map(|(r, s)| vec![r.label().to_owned(), shown_text(*s)])
        .collect();
    rows.push(vec![
        "Referred in all".to_owned(),
        shown_text(insight.referred),
    ]);
    Table {
        caption: "Referrals".to_owned(),
        head: vec!["Referred to".to_owned(), "Cases".to_owned()],
        rows,
    }
}
