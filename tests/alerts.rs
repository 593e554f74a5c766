//! The shipped alert rules are valid Prometheus rules and fire when they should: checked
//! with Prometheus's own `promtool` (Debian's `prometheus` package; scripts/test.sh
//! installs it), against the cases in deploy/prometheus/alerts.test.yml.

use std::path::Path;
use std::process::Command;

fn promtool(args: &[&str]) -> String {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("deploy/prometheus");
    let out = Command::new("promtool")
        .args(args)
        .current_dir(&dir)
        .output()
        .unwrap_or_else(|e| {
            panic!("promtool is needed (apt-get install prometheus, or run scripts/test.sh): {e}")
        });
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "promtool {args:?} failed:\n{text}");
    text
}

#[test]
fn the_alert_rules_are_valid_prometheus_rules() {
    let text = promtool(&["check", "rules", "alerts.yml"]);
    assert!(text.contains("SUCCESS"), "{text}");
}

#[test]
fn the_alerts_fire_when_mail_is_stuck_an_urgent_report_waits_or_upkeep_stops() {
    let text = promtool(&["test", "rules", "alerts.test.yml"]);
    assert!(text.contains("SUCCESS"), "{text}");
    // Every alert the brief names has a case of its own.
    let cases = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("deploy/prometheus/alerts.test.yml"),
    )
    .unwrap();
    for alert in [
        "ConfideOutboxStuck",
        "ConfideUrgentReportUnacknowledged",
        "ConfidePurgeNotRun",
        "ConfideBackupOld",
    ] {
        assert!(
            cases.contains(&format!("alertname: {alert}")),
            "{alert} untested"
        );
    }
}

/// Every `confide_…` series the alerts and the Grafana dashboard ask for is one the
/// server exports (a misspelt name would only ever show "no data").
#[test]
fn the_alerts_and_dashboard_use_only_metrics_the_server_exports() {
    use confide::metrics::{Gauges, Metrics};
    let metrics = Metrics::new();
    metrics.rate_limited("report");
    metrics.request("GET", "/", 200, std::time::Duration::from_millis(1));
    let exported = metrics.render(&Gauges {
        last_backup_unix: Some(0),
        ..Gauges::default()
    });
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("deploy");
    let mut checked = 0;
    for file in ["prometheus/alerts.yml", "grafana/confide.json"] {
        let text = std::fs::read_to_string(root.join(file)).unwrap();
        for (at, _) in text.match_indices("confide_") {
            let name: String = text[at..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            // `confide::mail` in a description is a log target, not a series.
            if name == "confide_" {
                continue;
            }
            assert!(
                exported
                    .lines()
                    .any(|l| l.starts_with(&format!("{name} "))
                        || l.starts_with(&format!("{name}{{"))),
                "{file} uses {name}, which the server does not export"
            );
            checked += 1;
        }
    }
    assert!(checked > 15, "{checked}");
}
