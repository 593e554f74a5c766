//! Metrics for a force's monitoring: on an address of their own, never the public one,
//! counting what happens without a school's name or anything a pupil wrote.

use confide::domain::choices::Role;

use crate::helpers::{spawn_app, spawn_app_with, TestApp};

/// The metrics text, from the metrics address.
async fn scrape(app: &TestApp) -> String {
    let address = app.metrics_address.as_ref().expect("metrics are on");
    let mut res = app
        .client
        .get(format!("{address}/metrics"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 200);
    let kind = res.headers().get("content-type").unwrap().to_str().unwrap();
    assert!(kind.starts_with("text/plain; version=0.0.4"), "{kind}");
    String::from_utf8(res.body().await.unwrap().to_vec()).unwrap()
}

/// The value of the sample whose line starts `name` followed by a space or `{…} `.
fn value(text: &str, sample: &str) -> f64 {
    text.lines()
        .find_map(|line| line.strip_prefix(sample)?.strip_prefix(' '))
        .unwrap_or_else(|| panic!("no {sample} in\n{text}"))
        .parse()
        .unwrap()
}

async fn app_with_metrics() -> TestApp {
    spawn_app_with(|config| {
        config.metrics_listen = Some("127.0.0.1:0".parse().unwrap());
    })
    .await
}

/// What Prometheus's own checker says of the text (Debian's `prometheus` package).
fn promtool_check(text: &str) {
    use std::io::Write as _;
    let mut child = std::process::Command::new("promtool")
        .args(["check", "metrics"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("promtool is needed (apt-get install prometheus, or run scripts/test.sh)");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "promtool check metrics: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[actix_rt::test]
async fn metrics_are_off_unless_asked_for_and_never_on_the_public_address() {
    let app = spawn_app().await;
    assert!(app.metrics_address.is_none());
    let with = app_with_metrics().await;
    for server in [&app, &with] {
        let (status, _) = server.get_text("/metrics").await;
        assert_eq!(status, 404, "metrics on the public address");
    }
    assert_ne!(with.metrics_address.as_deref(), Some(with.address.as_str()));
    // The metrics address serves metrics only, no page.
    let mut res = with
        .client
        .get(format!("{}/", with.metrics_address.as_ref().unwrap()))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 404);
    let _ = res.body().await;
}

#[actix_rt::test]
async fn reports_mail_sign_in_failures_and_refusals_are_counted_without_content() {
    let app = app_with_metrics().await;
    app.add_staff("officer@police.example", "oakfield", Role::SspOfficer);
    let canary = "CANARY-METRICS-4471";
    let urgent = app
        .send_report("oakfield", &[("what", canary), ("happening_now", "yes")])
        .await;
    app.send_report("riverside", &[("what", canary)]).await;
    // A wrong password: refused at the code step, as every failed sign-in is.
    assert!(app
        .sign_in("officer@police.example", "not the password")
        .await
        .is_err());
    // Receipt-code guesses past the limit.
    let mut refused = 0;
    for _ in 0..30 {
        let (status, _) = app
            .post_form("/followup", &[("code", "AAAA AAAA AAAA AAAA AAAA AA")])
            .await;
        refused += usize::from(status == 429);
    }
    assert!(refused > 0, "the receipt limit never refused");

    let text = scrape(&app).await;
    assert_eq!(value(&text, "confide_reports_received_total"), 2.0);
    assert_eq!(value(&text, "confide_sign_in_failures_total"), 1.0);
    assert_eq!(
        value(
            &text,
            "confide_rate_limit_refusals_total{limit=\"receipt\"}"
        ),
        refused as f64
    );
    // The mail worker is off in tests: the urgent report's notice waits in the outbox.
    assert!(value(&text, "confide_outbox_depth") >= 1.0, "{text}");
    assert_eq!(value(&text, "confide_urgent_unacknowledged"), 1.0);
    assert_eq!(value(&text, "confide_urgent_overdue"), 0.0);
    assert!(value(&text, "confide_db_write_seconds_count") >= 2.0);
    assert!(
        text.contains("route=\"/s/{school}/report\",status=\"2xx\"")
            && text.contains("route=\"/followup\",status=\"4xx\""),
        "requests by route template: {text}"
    );
    // Nothing that names a school or holds what a pupil sent.
    for secret in [
        canary,
        urgent.as_str(),
        &urgent.replace(' ', ""),
        "oakfield",
        "riverside",
        "Oakfield",
        "police.example",
    ] {
        assert!(!text.contains(secret), "{secret} in the metrics");
    }
    promtool_check(&text);
}

#[actix_rt::test]
async fn an_urgent_report_unacknowledged_past_its_time_shows_as_overdue() {
    let app = app_with_metrics().await;
    app.add_staff("officer@police.example", "oakfield", Role::SspOfficer);
    app.send_report("oakfield", &[("happening_now", "yes")])
        .await;
    // Two days later: past any agreed time the demo schools have.
    app.ctx.clock.advance(2 * 86_400);
    let text = scrape(&app).await;
    assert_eq!(value(&text, "confide_urgent_overdue"), 1.0);
    assert!(value(&text, "confide_urgent_unacknowledged_oldest_age_seconds") >= 86_400.0);
    assert!(value(&text, "confide_outbox_oldest_unsent_age_seconds") >= 86_400.0);
}

#[actix_rt::test]
async fn the_last_purge_and_backup_are_shown_for_the_alerts() {
    let app = app_with_metrics().await;
    let before = scrape(&app).await;
    assert_eq!(value(&before, "confide_last_purge_timestamp_seconds"), 0.0);
    let (ok, out) = app.confide(&["purge"], None);
    assert!(ok, "{out}");
    let after = scrape(&app).await;
    let now = app.ctx.now().as_secs() as f64;
    assert!((now - value(&after, "confide_last_purge_timestamp_seconds")).abs() < 120.0);
    if app.config.database.is_sqlite() {
        assert_eq!(value(&after, "confide_last_backup_timestamp_seconds"), 0.0);
        let target = app.data_dir.path().join("backup");
        let (ok, out) = app.confide(&["backup", "--to", target.to_str().unwrap()], None);
        assert!(ok, "{out}");
        let backed_up = scrape(&app).await;
        assert!((now - value(&backed_up, "confide_last_backup_timestamp_seconds")).abs() < 120.0);
    } else {
        // PostgreSQL is backed up by its own tools, watched by their own figures.
        assert!(!after.contains("confide_last_backup_timestamp_seconds"));
    }
}
