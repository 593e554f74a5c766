//! The figures as a CSV file: exactly the page's tables, each after its caption, with the
//! small-number rule on top and every field safe to open in a spreadsheet.

use super::tables::{tables, RULE};
use crate::app::insights::Insight;

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_quoted_and_formulas_defused() {
        assert_eq!(csv_field("Toilets"), "\"Toilets\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("=1+1"), "\"'=1+1\"");
        assert_eq!(csv_field("@SUM(A1)"), "\"'@SUM(A1)\"");
    }
}
