//! The figures' charts, drawn as SVG on the server (no script, nothing from elsewhere) by
//! the same templates as the page, so every label is escaped like any other text; each
//! chart is followed on the page by a table of the same figures.

use std::fmt;

use maud::{html, Markup};

use super::tables::{FEWER_THAN_5, HIDDEN};
use crate::domain::insight::{Shown, PERCENTILE_FROM};
use crate::time::format_duration;

const BLUE: &str = "#1d70b8";
const INK: &str = "#0b0c0c";
const GREY: &str = "#505a5f";
const LINE: &str = "#b1b4b6";
const FONTS: &str = "system-ui, -apple-system, Segoe UI, Roboto, Helvetica, Arial, sans-serif";
const SAME_FIGURES: &str = "The same figures are in the table below the chart.";
/// Chart width in SVG units (it scales to the page).
const WIDTH: f64 = 720.0;

/// A coordinate to a tenth of a unit: finer than a screen shows, and short.
struct At(f64);

impl fmt::Display for At {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:.1}", self.0)
    }
}

/// The chart itself: its accessible name and description, and (for counts) the hatching
/// that marks a bar for a number not shown.
fn frame(id: &str, height: f64, title: &str, desc: Markup, hatched: bool, body: Markup) -> Markup {
    html! {
        figure class="confide-chart-figure" {
            svg class="confide-chart" viewBox={ "0 0 " (WIDTH) " " (height) } role="img"
                aria-labelledby={ (id) "-title " (id) "-desc" }
                xmlns="http://www.w3.org/2000/svg" font-family=(FONTS) {
                title id={ (id) "-title" } { (title) }
                desc id={ (id) "-desc" } { (desc) }
                @if hatched {
                    defs {
                        pattern id={ (id) "-hatch" } width="6" height="6"
                            patternUnits="userSpaceOnUse" patternTransform="rotate(45)" {
                            rect width="6" height="6" fill="white" {}
                            line x1="0" y1="0" x2="0" y2="6" stroke=(GREY) stroke-width="3" {}
                        }
                    }
                }
                (body)
            }
        }
    }
}

/// A gridline across the plot at `y`, labelled on the left.
fn gridline(left: f64, y: f64, label: &str) -> Markup {
    html! {
        line x1=(left) y1=(At(y)) x2=(At(WIDTH - 8.0)) y2=(At(y)) stroke=(LINE) stroke-width="1" {}
        text x=(At(left - 6.0)) y=(At(y + 4.0)) font-size="12" text-anchor="end" fill=(INK) { (label) }
    }
}

/// A label under the plot, slanted so that many fit.
fn axis_label(x: f64, y: f64, label: &str) -> Markup {
    html! {
        text x=(At(x)) y=(At(y)) font-size="11" text-anchor="end" fill=(INK)
            transform={ "rotate(-35 " (At(x)) " " (At(y)) ")" } { (label) }
    }
}

/// How a count is drawn: its bar's length in counts (a number not shown is drawn as long
/// as it could at most be: 4 for "fewer than 5", nothing for "hidden"), fill, outline and
/// words.
struct Bar {
    length: f64,
    fill: String,
    stroke: &'static str,
    words: String,
}

impl Bar {
    fn of(chart: &str, value: Shown) -> Bar {
        let hatched = |length: f64, words: &str| Bar {
            length,
            fill: format!("url(#{chart}-hatch)"),
            stroke: GREY,
            words: words.to_owned(),
        };
        match value {
            Shown::Count(n) => Bar {
                length: n as f64,
                fill: BLUE.to_owned(),
                stroke: "none",
                words: n.to_string(),
            },
            Shown::Small => hatched(4.0, FEWER_THAN_5),
            Shown::Hidden => Bar {
                fill: "none".to_owned(),
                ..hatched(0.0, HIDDEN)
            },
        }
    }
}

/// The top of a count axis: the largest bar, and at least 5.
fn most(bars: &[(String, Shown)]) -> f64 {
    let max = bars
        .iter()
        .map(|(_, s)| match s {
            Shown::Count(n) => *n,
            _ => 4,
        })
        .max()
        .unwrap_or(0)
        .max(5);
    max as f64
}

/// A vertical bar chart of counts (hidden ones drawn hatched at the height they could
/// at most be for "fewer than 5", and as a hatched stub for "hidden").
pub(super) fn bar_chart(id: &str, title: &str, bars: &[(String, Shown)]) -> Markup {
    let max = most(bars);
    let (height, left, bottom, top) = (260.0f64, 44.0f64, 64.0f64, 12.0f64);
    let plot_h = height - bottom - top;
    let step = (WIDTH - left - 8.0) / bars.len().max(1) as f64;
    let bar_w = (step * 0.7).max(2.0);
    let label_every = (bars.len() / 12).max(1);
    let body = html! {
        // Axis with four gridlines.
        @for k in 0..=4 {
            @let v = (max * f64::from(k) / 4.0).round();
            (gridline(left, top + plot_h - plot_h * v / max, &v.to_string()))
        }
        @for (i, (label, value)) in bars.iter().enumerate() {
            @let x = left + step * i as f64 + (step - bar_w) / 2.0;
            @let bar = Bar::of(id, *value);
            @let h = plot_h * bar.length / max;
            @if *value == Shown::Hidden {
                // No height to draw: say so where the bar would be.
                @let (cx, cy) = (x + bar_w / 2.0, top + plot_h - 4.0);
                text x=(At(cx)) y=(At(cy)) font-size="11" fill=(GREY)
                    transform={ "rotate(-90 " (At(cx)) " " (At(cy)) ")" } dominant-baseline="middle" {
                    (HIDDEN) title { (label) ": " (HIDDEN) }
                }
            }
            @if h > 0.0 {
                rect x=(At(x)) y=(At(top + plot_h - h)) width=(At(bar_w)) height=(At(h))
                    fill=(bar.fill) stroke=(bar.stroke) {
                    title { (label) ": " (bar.words) }
                }
            }
            @if i % label_every == 0 {
                (axis_label(x + bar_w / 2.0, height - bottom + 14.0, label))
            }
        }
    };
    frame(id, height, title, html! { (SAME_FIGURES) }, true, body)
}

/// A horizontal bar chart (long labels read better across).
pub(super) fn across_chart(id: &str, title: &str, bars: &[(String, Shown)]) -> Markup {
    let max = most(bars);
    let row_h = 26.0f64;
    let left = 300.0f64;
    let height = row_h * bars.len() as f64 + 10.0;
    let plot_w = WIDTH - left - 60.0;
    let body = html! {
        @for (i, (label, value)) in bars.iter().enumerate() {
            @let y = 5.0 + row_h * i as f64;
            @let bar = Bar::of(id, *value);
            @let w = plot_w * bar.length / max;
            text x=(At(left - 8.0)) y=(At(y + 17.0)) font-size="13" text-anchor="end" fill=(INK) {
                (truncate(label, 44))
            }
            rect x=(left) y=(At(y + 3.0)) width=(At(w)) height=(At(row_h - 8.0))
                fill=(bar.fill) stroke=(bar.stroke) {}
            text x=(At(left + w + 6.0)) y=(At(y + 17.0)) font-size="13" fill=(INK) { (bar.words) }
        }
    };
    frame(id, height, title, html! { (SAME_FIGURES) }, true, body)
}

/// A line chart of median acknowledgement times, with the agreed time dashed.
pub(super) fn line_chart(
    id: &str,
    title: &str,
    points: &[(String, Option<i64>)],
    target: Option<i64>,
) -> Markup {
    let max = points
        .iter()
        .filter_map(|(_, v)| *v)
        .chain(target)
        .max()
        .unwrap_or(3_600)
        .max(3_600) as f64;
    let (height, left, bottom, top) = (240.0f64, 70.0f64, 64.0f64, 12.0f64);
    let plot_h = height - bottom - top;
    let step = (WIDTH - left - 16.0) / points.len().saturating_sub(1).max(1) as f64;
    let y_of = |v: f64| top + plot_h - plot_h * v / max;
    let x_of = |i: usize| left + step * i as f64;
    let known: Vec<(usize, &str, i64)> = points
        .iter()
        .enumerate()
        .filter_map(|(i, (label, v))| v.map(|v| (i, label.as_str(), v)))
        .collect();
    let label_every = (points.len() / 12).max(1);
    let body = html! {
        @for k in 0..=4 {
            @let v = max * f64::from(k) / 4.0;
            (gridline(left, y_of(v), &format_duration(v as i64)))
        }
        @if let Some(t) = target {
            @let y = y_of(t as f64);
            line x1=(left) y1=(At(y)) x2=(At(WIDTH - 8.0)) y2=(At(y)) stroke=(INK) stroke-width="2"
                stroke-dasharray="6 4" {}
            text x=(At(WIDTH - 10.0)) y=(At(y - 5.0)) font-size="12" text-anchor="end" fill=(INK) {
                "agreed time"
            }
        }
        @for (i, label, v) in &known {
            circle cx=(At(x_of(*i))) cy=(At(y_of(*v as f64))) r="4" fill=(BLUE) {
                title { (label) ": " (format_duration(*v)) }
            }
        }
        @if !known.is_empty() {
            path d=(line_path(&known, x_of, y_of)) fill="none" stroke=(BLUE) stroke-width="3" {}
        }
        @for (i, (label, _)) in points.iter().enumerate().step_by(label_every) {
            (axis_label(x_of(i), height - bottom + 14.0, label))
        }
    };
    let desc = html! {
        (SAME_FIGURES) " Gaps are where fewer than " (PERCENTILE_FROM) " reports were acknowledged."
    };
    frame(id, height, title, desc, false, body)
}

/// The path through the known points: runs of neighbours joined, a gap where one is
/// unknown.
fn line_path(
    known: &[(usize, &str, i64)],
    x_of: impl Fn(usize) -> f64,
    y_of: impl Fn(f64) -> f64,
) -> String {
    let mut path = Vec::new();
    let mut last = None;
    for (i, _, v) in known {
        let pen = if last.is_some_and(|l| l + 1 == *i) {
            "L"
        } else {
            "M"
        };
        path.push(format!("{pen}{} {}", At(x_of(*i)), At(y_of(*v as f64))));
        last = Some(*i);
    }
    path.join(" ")
}

/// The label cut to `max` characters, with an ellipsis when cut.
fn truncate(label: &str, max: usize) -> String {
    if label.chars().count() <= max {
        label.to_owned()
    } else {
        let cut: String = label.chars().take(max - 1).collect();
        format!("{cut}…")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LABEL: &str = "<script>alert(1)</script> & \"quoted\"";
    const ESCAPED: &str = "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quoted&quot;";

    fn every_chart(label: &str) -> Vec<String> {
        let bars = vec![
            (label.to_owned(), Shown::Count(10)),
            (label.to_owned(), Shown::Small),
            (label.to_owned(), Shown::Hidden),
        ];
        let points = vec![(label.to_owned(), Some(600)), (label.to_owned(), None)];
        vec![
            bar_chart("c", label, &bars).into_string(),
            across_chart("c", label, &bars).into_string(),
            line_chart("c", label, &points, Some(3_600)).into_string(),
        ]
    }

    #[test]
    fn labels_and_titles_are_escaped_by_the_template() {
        for svg in every_chart(LABEL) {
            assert!(!svg.contains("<script>"), "{svg}");
            // The title, the axis labels and the tooltips each carry it.
            assert!(svg.matches(ESCAPED).count() >= 3, "{svg}");
        }
    }

    #[test]
    fn every_drawing_element_is_closed_so_html_parsers_nest_nothing_in_it() {
        for svg in every_chart("7 Sep 2026") {
            for tag in ["rect", "line", "text", "circle", "path", "title", "desc"] {
                let opened = svg.matches(&format!("<{tag} ")).count()
                    + svg.matches(&format!("<{tag}>")).count();
                assert_eq!(
                    opened,
                    svg.matches(&format!("</{tag}>")).count(),
                    "{tag}: {svg}"
                );
            }
        }
    }

    #[test]
    fn a_chart_is_an_image_named_by_its_title_and_description() {
        let svg = bar_chart("chart-time", "Reports each week", &[]).into_string();
        assert!(svg.contains(r#"role="img" aria-labelledby="chart-time-title chart-time-desc""#));
        assert!(svg.contains(r#"<title id="chart-time-title">Reports each week</title>"#));
        assert!(svg.contains(&format!(
            r#"<desc id="chart-time-desc">{SAME_FIGURES}</desc>"#
        )));
    }
}
