//! The figures' charts, drawn as SVG on the server (no script, nothing from elsewhere),
//! each followed on the page by a table of the same figures.

use maud::{html, Markup, PreEscaped};

use super::{FEWER_THAN_5, HIDDEN};
use crate::domain::insight::Shown;
use crate::time::format_duration;

const BLUE: &str = "#1d70b8";
const INK: &str = "#0b0c0c";
const GREY: &str = "#505a5f";
const LINE: &str = "#b1b4b6";

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A vertical bar chart of counts (hidden ones drawn hatched at the height they could
/// at most be for "fewer than 5", and as a hatched stub for "hidden").
pub(super) fn bar_chart(id: &str, title: &str, bars: &[(String, Shown)]) -> Markup {
    let max = bars
        .iter()
        .map(|(_, s)| match s {
            Shown::Count(n) => *n,
            _ => 4,
        })
        .max()
        .unwrap_or(0)
        .max(5);
    let (width, height, left, bottom, top) = (720.0f64, 260.0f64, 44.0f64, 64.0f64, 12.0f64);
    let plot_h = height - bottom - top;
    let step = (width - left - 8.0) / bars.len().max(1) as f64;
    let bar_w = (step * 0.7).max(2.0);
    let mut svg = format!(
        r#"<svg class="confide-chart" viewBox="0 0 {width} {height}" role="img" aria-labelledby="{id}-title {id}-desc" xmlns="http://www.w3.org/2000/svg" font-family="system-ui, -apple-system, Segoe UI, Roboto, Helvetica, Arial, sans-serif"><title id="{id}-title">{}</title><desc id="{id}-desc">The same figures are in the table below the chart.</desc><defs><pattern id="{id}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="white"/><line x1="0" y1="0" x2="0" y2="6" stroke="{GREY}" stroke-width="3"/></pattern></defs>"#,
        escape(title)
    );
    // Axis with four gridlines.
    for k in 0..=4 {
        let v = (max as f64 * k as f64 / 4.0).round();
        let y = top + plot_h - plot_h * v / max as f64;
        svg.push_str(&format!(
            r#"<line x1="{left}" y1="{y:.1}" x2="{:.1}" y2="{y:.1}" stroke="{LINE}" stroke-width="1"/><text x="{:.1}" y="{:.1}" font-size="12" text-anchor="end" fill="{INK}">{v}</text>"#,
            width - 8.0,
            left - 6.0,
            y + 4.0
        ));
    }
    let label_every = (bars.len() / 12).max(1);
    for (i, (label, value)) in bars.iter().enumerate() {
        let x = left + step * i as f64 + (step - bar_w) / 2.0;
        let (h, fill, words) = match value {
            Shown::Count(n) => (
                plot_h * *n as f64 / max as f64,
                BLUE.to_owned(),
                n.to_string(),
            ),
            Shown::Small => (
                plot_h * 4.0 / max as f64,
                format!("url(#{id}-hatch)"),
                FEWER_THAN_5.to_owned(),
            ),
            Shown::Hidden => {
                // No height to draw: say so where the bar would be.
                let (cx, cy) = (x + bar_w / 2.0, top + plot_h - 4.0);
                svg.push_str(&format!(
                    r#"<text x="{cx:.1}" y="{cy:.1}" font-size="11" fill="{GREY}" transform="rotate(-90 {cx:.1} {cy:.1})" dominant-baseline="middle">{HIDDEN}<title>{}: {HIDDEN}</title></text>"#,
                    escape(label)
                ));
                (0.0, String::new(), HIDDEN.to_owned())
            }
        };
        if h > 0.0 {
            svg.push_str(&format!(
            r#"<rect x="{x:.1}" y="{:.1}" width="{bar_w:.1}" height="{h:.1}" fill="{fill}" stroke="{}"><title>{}: {}</title></rect>"#,
            top + plot_h - h,
            if matches!(value, Shown::Count(_)) { "none" } else { GREY },
            escape(label),
            words
        ));
        }
        if i % label_every == 0 {
            let lx = x + bar_w / 2.0;
            let ly = height - bottom + 14.0;
            svg.push_str(&format!(
                r#"<text x="{lx:.1}" y="{ly:.1}" font-size="11" text-anchor="end" fill="{INK}" transform="rotate(-35 {lx:.1} {ly:.1})">{}</text>"#,
                escape(&short_label(label))
            ));
        }
    }
    svg.push_str("</svg>");
    html! { figure class="confide-chart-figure" { (PreEscaped(svg)) } }
}

/// A horizontal bar chart (long labels read better across).
pub(super) fn across_chart(id: &str, title: &str, bars: &[(String, Shown)]) -> Markup {
    let max = bars
        .iter()
        .map(|(_, s)| match s {
            Shown::Count(n) => *n,
            _ => 4,
        })
        .max()
        .unwrap_or(0)
        .max(5);
    let row_h = 26.0f64;
    let (width, left) = (720.0f64, 300.0f64);
    let height = row_h * bars.len() as f64 + 10.0;
    let plot_w = width - left - 60.0;
    let mut svg = format!(
        r#"<svg class="confide-chart" viewBox="0 0 {width} {height}" role="img" aria-labelledby="{id}-title {id}-desc" xmlns="http://www.w3.org/2000/svg" font-family="system-ui, -apple-system, Segoe UI, Roboto, Helvetica, Arial, sans-serif"><title id="{id}-title">{}</title><desc id="{id}-desc">The same figures are in the table below the chart.</desc><defs><pattern id="{id}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="white"/><line x1="0" y1="0" x2="0" y2="6" stroke="{GREY}" stroke-width="3"/></pattern></defs>"#,
        escape(title)
    );
    for (i, (label, value)) in bars.iter().enumerate() {
        let y = 5.0 + row_h * i as f64;
        let (w, fill, words) = match value {
            Shown::Count(n) => (
                plot_w * *n as f64 / max as f64,
                BLUE.to_owned(),
                n.to_string(),
            ),
            Shown::Small => (
                plot_w * 4.0 / max as f64,
                format!("url(#{id}-hatch)"),
                FEWER_THAN_5.to_owned(),
            ),
            Shown::Hidden => (0.0, "none".to_owned(), HIDDEN.to_owned()),
        };
        svg.push_str(&format!(
            r#"<text x="{:.1}" y="{:.1}" font-size="13" text-anchor="end" fill="{INK}">{}</text><rect x="{left}" y="{:.1}" width="{w:.1}" height="{:.1}" fill="{fill}" stroke="{}"/><text x="{:.1}" y="{:.1}" font-size="13" fill="{INK}">{words}</text>"#,
            left - 8.0,
            y + 17.0,
            escape(&truncate(label, 44)),
            y + 3.0,
            row_h - 8.0,
            if matches!(value, Shown::Count(_)) { "none" } else { GREY },
            left + w + 6.0,
            y + 17.0,
        ));
    }
    svg.push_str("</svg>");
    html! { figure class="confide-chart-figure" { (PreEscaped(svg)) } }
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
    let (width, height, left, bottom, top) = (720.0f64, 240.0f64, 70.0f64, 64.0f64, 12.0f64);
    let plot_h = height - bottom - top;
    let step = (width - left - 16.0) / points.len().saturating_sub(1).max(1) as f64;
    let y_of = |v: f64| top + plot_h - plot_h * v / max;
    let mut svg = format!(
        r#"<svg class="confide-chart" viewBox="0 0 {width} {height}" role="img" aria-labelledby="{id}-title {id}-desc" xmlns="http://www.w3.org/2000/svg" font-family="system-ui, -apple-system, Segoe UI, Roboto, Helvetica, Arial, sans-serif"><title id="{id}-title">{}</title><desc id="{id}-desc">The same figures are in the table below the chart. Gaps are where fewer than 20 reports were acknowledged.</desc>"#,
        escape(title)
    );
    for k in 0..=4 {
        let v = max * k as f64 / 4.0;
        let y = y_of(v);
        svg.push_str(&format!(
            r#"<line x1="{left}" y1="{y:.1}" x2="{:.1}" y2="{y:.1}" stroke="{LINE}" stroke-width="1"/><text x="{:.1}" y="{:.1}" font-size="12" text-anchor="end" fill="{INK}">{}</text>"#,
            width - 8.0,
            left - 6.0,
            y + 4.0,
            escape(&format_duration(v as i64))
        ));
    }
    if let Some(t) = target {
        let y = y_of(t as f64);
        svg.push_str(&format!(
            r#"<line x1="{left}" y1="{y:.1}" x2="{:.1}" y2="{y:.1}" stroke="{INK}" stroke-width="2" stroke-dasharray="6 4"/><text x="{:.1}" y="{:.1}" font-size="12" text-anchor="end" fill="{INK}">agreed time</text>"#,
            width - 8.0,
            width - 10.0,
            y - 5.0
        ));
    }
    // Runs of known points joined; unknown ones leave a gap.
    let mut path = String::new();
    let mut pen_down = false;
    for (i, (label, v)) in points.iter().enumerate() {
        let x = left + step * i as f64;
        match v {
            Some(v) => {
                let y = y_of(*v as f64);
                path.push_str(&format!(
                    "{}{x:.1} {y:.1} ",
                    if pen_down { "L" } else { "M" }
                ));
                pen_down = true;
                svg.push_str(&format!(
                    r#"<circle cx="{x:.1}" cy="{y:.1}" r="4" fill="{BLUE}"><title>{}: {}</title></circle>"#,
                    escape(label),
                    escape(&format_duration(*v))
                ));
            }
            None => pen_down = false,
        }
    }
    if !path.is_empty() {
        svg.push_str(&format!(
            r#"<path d="{}" fill="none" stroke="{BLUE}" stroke-width="3"/>"#,
            path.trim_end()
        ));
    }
    let label_every = (points.len() / 12).max(1);
    for (i, (label, _)) in points.iter().enumerate() {
        if i % label_every != 0 {
            continue;
        }
        let lx = left + step * i as f64;
        let ly = height - bottom + 14.0;
        svg.push_str(&format!(
            r#"<text x="{lx:.1}" y="{ly:.1}" font-size="11" text-anchor="end" fill="{INK}" transform="rotate(-35 {lx:.1} {ly:.1})">{}</text>"#,
            escape(&short_label(label))
        ));
    }
    svg.push_str("</svg>");
    html! { figure class="confide-chart-figure" { (PreEscaped(svg)) } }
}

fn short_label(label: &str) -> String {
    label.to_owned()
}

fn truncate(label: &str, max: usize) -> String {
    if label.chars().count() <= max {
        label.to_owned()
    } else {
        let cut: String = label.chars().take(max - 1).collect();
        format!("{cut}…")
    }
}
