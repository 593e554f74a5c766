//! Two `confide serve` processes on one PostgreSQL with a shared keystore directory and
//! secret key, as a force-wide deployment runs them behind a load balancer (here reached
//! directly): reports sent to either are readable from either, each notice is mailed once,
//! the hourly purge runs once between them, both show the same figures, and killing one
//! mid-load loses no report a pupil was given a receipt for. PostgreSQL only: SQLite is
//! one server's file.

use confide::db::schema::{audit_log, outbox, purged_reports, reports};
use confide::domain::choices::Role;
use diesel::prelude::*;

use crate::helpers::{
    free_port, postgres_base_url, receipt_from, spawn_app, ServerProcess, StaffBrowser, TestApp,
};
use crate::insights::html_tables;
use crate::smtp_sink::SmtpSink;

struct Server {
    process: ServerProcess,
    address: String,
    metrics: String,
}

/// A `confide serve` on the test's database, data directory (keystore, secret key) and
/// SMTP sink, with its mail and purge workers on, metrics on, and JSON logs.
fn start(app: &TestApp, sink: &SmtpSink) -> Server {
    let (port, metrics_port) = (free_port(), free_port());
    let address = format!("http://127.0.0.1:{port}");
    let mut process = app.serve_in_process_with(&[
        ("CONFIDE_LISTEN", format!("127.0.0.1:{port}")),
        ("CONFIDE_PUBLIC_URL", address.clone()),
        (
            "CONFIDE_METRICS_LISTEN",
            format!("127.0.0.1:{metrics_port}"),
        ),
        ("CONFIDE_MAIL_WORKER", "true".into()),
        ("CONFIDE_MAIL_TRANSPORT", "smtp".into()),
        ("CONFIDE_SMTP_HOST", "127.0.0.1".into()),
        ("CONFIDE_SMTP_PORT", sink.port.to_string()),
        ("CONFIDE_SMTP_SECURITY", "none".into()),
        ("CONFIDE_PURGE_WORKER", "true".into()),
        ("CONFIDE_LOG_FORMAT", "json".into()),
    ]);
    process
        .wait_for("Confide is listening")
        .unwrap_or_else(|e| panic!("a server did not start: {e}"));
    Server {
        process,
        address,
        metrics: format!("http://127.0.0.1:{metrics_port}/metrics"),
    }
}

/// Sends a report to one server; the receipt code, or `None` if the server did not answer.
async fn send(app: &TestApp, server: &str, what: &str) -> Option<String> {
    let form = [
        ("category", "bullying"),
        ("location", "playground"),
        ("happening_now", "no"),
        ("about", "no"),
        ("what", what),
    ];
    let mut res = app
        .client
        .post(format!("{server}/s/oakfield/report"))
        .send_form(&form)
        .await
        .ok()?;
    let body = res.body().limit(10_000_000).await.ok()?;
    (res.status().as_u16() == 200).then(|| receipt_from(&String::from_utf8_lossy(&body)))
}

/// Signs a person in on one server, through its forms.
async fn sign_in_at<'a>(
    app: &'a TestApp,
    server: &str,
    email: &str,
    password: &str,
) -> StaffBrowser<'a> {
    let (_, _, _, cookie) = app
        .post_with_cookie(
            &format!("{server}/staff/login"),
            None,
            &[("email", email), ("password", password)],
        )
        .await;
    // The servers read the real clock, not the test's.
    let code = app.cli_code(email);
    let (status, _, _, renewed) = app
        .post_with_cookie(
            &format!("{server}/staff/login/code"),
            cookie.as_deref(),
            &[("code", &code)],
        )
        .await;
    assert_eq!(status, 303, "not signed in at {server}");
    StaffBrowser::new(app, &renewed.or(cookie).unwrap())
}

async fn scrape(app: &TestApp, server: &Server) -> String {
    let mut res = app.client.get(&server.metrics).send().await.unwrap();
    String::from_utf8(res.body().await.unwrap().to_vec()).unwrap()
}

/// The samples of `text` whose names start with one of `names`.
fn samples(text: &str, names: &[&str]) -> Vec<String> {
    text.lines()
        .filter(|l| names.iter().any(|n| l.starts_with(n)))
        .map(str::to_owned)
        .collect()
}

fn purge_runs(text: &str) -> f64 {
    samples(text, &["confide_purge_runs_total "])[0]
        .split(' ')
        .nth(1)
        .unwrap()
        .parse()
        .unwrap()
}

/// Waits up to a minute for every queued notice to be sent; how many there are.
fn drained(app: &TestApp) -> i64 {
    for _ in 0..600 {
        let (unsent, sent): (i64, i64) = app.with_conn(|c| {
            (
                outbox::table
                    .filter(outbox::sent_at.is_null())
                    .count()
                    .get_result(c)
                    .unwrap(),
                outbox::table
                    .filter(outbox::sent_at.is_not_null())
                    .count()
                    .get_result(c)
                    .unwrap(),
            )
        });
        if unsent == 0 && sent > 0 {
            return sent;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    panic!("the outbox never emptied");
}

#[actix_rt::test]
async fn two_servers_on_one_postgresql_share_the_work_and_lose_nothing_when_one_dies() {
    if postgres_base_url().is_none() {
        eprintln!("skipped: two app servers need PostgreSQL (CONFIDE_TEST_POSTGRES_URL)");
        return;
    }
    let app = spawn_app().await;
    let officer = app.add_staff("officer@police.example", "oakfield", Role::SspOfficer);
    // A report already past its deletion date, for the purge the servers run as they start.
    let old = app.report_id_for(&app.send_report("oakfield", &[]).await);
    let past = app.ctx.now().as_secs() - 60;
    app.with_conn(|c| {
        diesel::update(reports::table.find(&old))
            .set(reports::expires_at.eq(Some(past)))
            .execute(c)
            .unwrap();
    });
    let sink = SmtpSink::start();
    let mut servers = [start(&app, &sink), start(&app, &sink)];

    // Reports to both servers, each read by the pupil and the officer through the other.
    let mut receipts = Vec::new();
    for i in 0..10 {
        let (to, from) = (&servers[i % 2].address, &servers[(i + 1) % 2].address);
        let text = format!("Report {i} sent to one server, read on the other");
        let code = send(&app, to, &text).await.expect("the server answered");
        let (status, page) = app
            .post_form(&format!("{from}/followup"), &[("code", &code)])
            .await;
        assert_eq!(status, 200);
        assert!(
            page.contains(&text),
            "report {i} unreadable on the other server"
        );
        receipts.push((code, text));
    }
    // One sign-in on each (each takes a code from the officer's app, one a 30-second step).
    let mut browsers = Vec::new();
    for server in &servers {
        browsers.push(sign_in_at(&app, &server.address, &officer.email, &officer.password).await);
    }
    for (server, browser) in servers.iter().zip(&browsers) {
        for (code, text) in &receipts {
            let id = app.report_id_for(code);
            let (status, page, _) = browser
                .get(&format!("{}/staff/reports/{id}", server.address))
                .await;
            assert_eq!(status, 200);
            assert!(
                page.contains(text.as_str()),
                "case {id} unreadable at {}",
                server.address
            );
        }
    }

    // Each notice mailed once between the two mail workers.
    let sent = drained(&app);
    std::thread::sleep(std::time::Duration::from_secs(1));
    let mails = sink.messages();
    assert_eq!(
        mails.len() as i64,
        sent,
        "a notice was mailed twice or not at all"
    );
    assert!(sent >= 10, "a notice for each report: {sent}");

    // The purge ran once, by whichever server claimed it: one deletion, one audit row.
    let (tombstones, deletions): (i64, i64) = app.with_conn(|c| {
        (
            purged_reports::table.count().get_result(c).unwrap(),
            audit_log::table
                .filter(audit_log::action.eq("Report deleted under the retention policy"))
                .count()
                .get_result(c)
                .unwrap(),
        )
    });
    assert_eq!((tombstones, deletions), (1, 1));
    let metrics = [
        scrape(&app, &servers[0]).await,
        scrape(&app, &servers[1]).await,
    ];
    assert_eq!(purge_runs(&metrics[0]) + purge_runs(&metrics[1]), 1.0);

    // The same figures from either: the metrics' database gauges and the insights page.
    let gauges = [
        "confide_outbox_depth ",
        "confide_urgent_",
        "confide_last_purge_timestamp_seconds ",
    ];
    assert_eq!(samples(&metrics[0], &gauges), samples(&metrics[1], &gauges));
    assert_eq!(samples(&metrics[0], &gauges).len(), 5);
    let mut pages = Vec::new();
    for (server, browser) in servers.iter().zip(&browsers) {
        let (status, page, _) = browser
            .get(&format!(
                "{}/staff/insights?school={}",
                server.address,
                app.school("oakfield").id.0
            ))
            .await;
        assert_eq!(status, 200);
        pages.push(html_tables(&page));
    }
    assert!(!pages[0].is_empty());
    assert_eq!(pages[0], pages[1], "the two servers show different figures");

    // Load on both, and one server killed in the middle of it: every report a pupil was
    // given a receipt for is stored and opens on the server left.
    let mut acknowledged = Vec::new();
    for i in 0..20 {
        if i == 9 {
            servers[1].process.kill();
        }
        let server = &servers[i % 2].address;
        let text = format!("Report {i} of the load");
        if let Some(code) = send(&app, server, &text).await {
            acknowledged.push((code, text));
        }
    }
    assert!(acknowledged.len() >= 14, "{}", acknowledged.len());
    let browser = &browsers[0];
    for (code, text) in &acknowledged {
        let id = app.report_id_for(code);
        let (status, page, _) = browser
            .get(&format!("{}/staff/reports/{id}", servers[0].address))
            .await;
        assert_eq!(status, 200);
        assert!(page.contains(text.as_str()), "{id} lost");
    }

    // The servers' JSON logs: one object a line, and no receipt code or report text.
    for server in &servers {
        let log = server.process.log();
        assert!(log.lines().count() > 5, "{log}");
        for line in log.lines() {
            assert!(
                serde_json::from_str::<serde_json::Value>(line).is_ok(),
                "not a JSON line: {line}"
            );
            for (code, text) in receipts.iter().chain(&acknowledged) {
                for needle in [code.as_str(), &code.replace(' ', ""), text.as_str()] {
                    assert!(!line.contains(needle), "{needle} in the log: {line}");
                }
            }
        }
    }
}
