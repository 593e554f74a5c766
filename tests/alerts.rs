//! The shipped alert rules are valid Prometheus rules and fire when they should: checked
//! with Prometheus's own `promtool` (Debian's `prometheus` package; scripts/test.sh
//! installs it), against the cases in deploy/prometheus/alerts.test.yml.
#![expect(
    clippy::unwrap_used,
    reason = "a test should stop loudly at the first surprise"
)]

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
