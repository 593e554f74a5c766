//! Notifications against a real SMTP server on loopback: who gets what, that mail never
//! carries report details, outages, reminders and escalation on a controlled clock, and a crash.

use std::time::Duration;

use confide::app::notify::{deliver_due, scan_digests, scan_overdue};
use confide::db::schema::{outbox, reports, users};
use confide::domain::choices::Role;
use confide::mail::transport::{MailSettings, Mailer, SmtpSecurity};
use confide::time::Timestamp;
use diesel::prelude::*;

use crate::helpers::{spawn_app_with, TestApp};
use crate::smtp_sink::SmtpSink;

fn smtp(port: u16) -> MailSettings {
    MailSettings::Smtp {
        host: "127.0.0.1".into(),
        port,
        security: SmtpSecurity::None,
        username: None,
        password: None,
    }
}

async fn app_with_mail(port: u16, worker: bool) -> TestApp {
    spawn_app_with(|c| {
        c.mail = smtp(port);
        c.mail_worker = worker;
    })
    .await
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// (kind, recipient) of every queued row, in order.
fn queued(app: &TestApp) -> Vec<(String, String)> {
    app.with_conn(|c| {
        outbox::table
            .order(outbox::id.asc())
            .select((outbox::kind, outbox::recipient_email))
            .load(c)
            .unwrap()
    })
}

fn deliver(app: &TestApp, port: u16, now: Timestamp) -> confide::app::notify::Delivery {
    let mailer = Mailer::new(&smtp(port)).unwrap();
    let from = "Confide <confide@localhost>".parse().unwrap();
    app.with(|conn, _| {
        deliver_due(
            conn,
            &mailer,
            None,
            &from,
            "http://127.0.0.1/staff/login",
            &|| now,
        )
        .unwrap()
    })
}

#[actix_rt::test]
async fn a_report_mails_exactly_its_recipients_and_none_of_its_words() {
    let sink = SmtpSink::start();
    let app = app_with_mail(sink.port, true).await;
    let officer = app.add_staff("officer@police.example", "oakfield", Role::SspOfficer);
    let deputy = app.add_staff("deputy@oakfield.example", "oakfield", Role::NominatedStaff);
    app.add_staff("head@oakfield.example", "oakfield", Role::HeadTeacher);
    let code = app
        .send_report(
            "oakfield",
            &[
                ("category", "weapons"),
                ("what", "CANARYMAIL the knife is in locker 12"),
                ("name", "CANARYNAME"),
            ],
        )
        .await;
    let id = app.report_id_for(&code);
    let got = sink.wait_for(2, Duration::from_secs(20));
    assert_eq!(got.len(), 2, "expected one message per recipient");
    let mut to: Vec<String> = got.iter().flat_map(|m| m.to.clone()).collect();
    to.sort();
    assert_eq!(to, vec![deputy.email.clone(), officer.email.clone()]);
    for message in &got {
        let readable = message.readable();
        assert!(
            readable.contains("A new report for Oakfield Academy is waiting"),
            "{readable}"
        );
        assert!(readable.contains("/staff/login"));
        for secret in [
            "CANARYMAIL",
            "locker",
            "CANARYNAME",
            "knife",
            "Knives",
            "weapons",
            id.as_str(),
            code.as_str(),
            &code.replace(' ', ""),
        ] {
            assert!(!readable.contains(secret), "{secret} is in the mail");
        }
        assert!(readable.contains("Priority: normal"));
    }
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(sink.messages().len(), 2, "a message was sent twice");
}

#[actix_rt::test]
async fn a_happening_now_report_is_mailed_at_once_marked_urgent() {
    let sink = SmtpSink::start();
    let app = app_with_mail(sink.port, true).await;
    app.add_staff("officer@police.example", "oakfield", Role::SspOfficer);
    app.send_report("oakfield", &[("happening_now", "yes")])
        .await;
    let got = sink.wait_for(1, Duration::from_secs(20));
    assert_eq!(got.len(), 1);
    let readable = got[0].readable();
    assert!(readable.contains("Priority: urgent"));
    assert!(readable.contains("URGENT"));
}

#[actix_rt::test]
async fn every_kind_of_notification_is_the_same_size() {
    let sink = SmtpSink::start();
    let app = app_with_mail(sink.port, false).await;
    let school = app.school("oakfield").id;
    let mails: Vec<_> = confide::domain::choices::MailKind::ALL
        .iter()
        .map(|kind| confide::store::outbox::NewMail {
            kind: *kind,
            email: "same@school.example".into(),
            user_id: None,
            school_id: Some(school),
        })
        .collect();
    let now = app.ctx.now();
    app.with(|conn, _| {
        conn.write(|tx| confide::store::outbox::enqueue(tx, &mails, now))
            .unwrap()
    });
    let delivered = deliver(&app, sink.port, now);
    assert_eq!(delivered.sent, mails.len());
    let got = sink.wait_for(mails.len(), Duration::from_secs(5));
    // Message-ID and boundaries are random but fixed-length; the Date is the same second.
    let sizes: Vec<usize> = got.iter().map(|m| m.data.len()).collect();

    assert!(
        sizes.windows(2).all(|w| w[0] == w[1]),
        "sizes differ: {sizes:?}"
    );
}

#[actix_rt::test]
async fn an_smtp_outage_delays_mail_but_loses_none() {
    let port = free_port();
    let app = app_with_mail(port, false).await;
    let officer = app.add_staff("officer@police.example", "oakfield", Role::SspOfficer);
    let deputy = app.add_staff("deputy@oakfield.example", "oakfield", Role::NominatedStaff);
    for i in 0..3 {
        app.send_report("oakfield", &[("what", &format!("report {i}"))])
            .await;
    }
    assert_eq!(
        app.report_count(),
        3,
        "reports were refused during the outage"
    );
    let now = app.ctx.now();
    // Each pass stops at the first failure; every message gets its own back-off.
    for _ in 0..6 {
        let pass = deliver(&app, port, now);
        assert_eq!((pass.sent, pass.failed), (0, 1));
    }
    assert_eq!(
        deliver(&app, port, now),
        Default::default(),
        "a failed message was retried at once"
    );

    // Administrators see the failures and the reason.
    app.add_admin();
    let admin = app.signed_in_admin().await;
    let (status, page, _) = admin.get("/staff/admin/outbox").await;
    assert_eq!(status, 200);
    assert!(
        page.contains("Connection refused") || page.contains("onnection"),
        "no error shown"
    );
    assert!(page.contains(&officer.email));

    // Not retried before its back-off is over…
    let sink = SmtpSink::start_on(port);
    assert_eq!(deliver(&app, port, now + 1).sent, 0);
    // …then every message arrives exactly once.
    let later = deliver(&app, port, now + 3600);
    assert_eq!((later.sent, later.failed), (6, 0));
    let got = sink.wait_for(6, Duration::from_secs(5));
    assert_eq!(got.len(), 6);
    for who in [&officer.email, &deputy.email] {
        assert_eq!(
            got.iter().filter(|m| m.to.contains(who)).count(),
            3,
            "{who}"
        );
    }
    assert_eq!(
        deliver(&app, port, now + 7200).sent,
        0,
        "something was sent twice"
    );
}

#[actix_rt::test]
async fn an_unacknowledged_report_brings_reminders_and_escalation_until_acknowledged() {
    let app = app_with_mail(free_port(), false).await;
    let officer = app.add_staff("officer@police.example", "oakfield", Role::SspOfficer);
    let deputy = app.add_staff("deputy@oakfield.example", "oakfield", Role::NominatedStaff);
    let head = app.add_staff("head@oakfield.example", "oakfield", Role::HeadTeacher);
    let chair = app.add_staff("chair@oakfield.example", "oakfield", Role::ChairOfGovernors);
    let normal = app.report_id_for(&app.send_report("oakfield", &[]).await);
    let about_staff = app.report_id_for(&app.send_report("oakfield", &[("about", "staff")]).await);
    let created: i64 = app.with_conn(|c| {
        reports::table
            .find(&normal)
            .select(reports::created_at)
            .first(c)
            .unwrap()
    });
    let before = queued(&app).len();
    let hour = 3600;
    let scan =
        |now: i64| app.with(|conn, _| scan_overdue(conn, Timestamp::from_secs(now)).unwrap());

    assert_eq!(
        scan(created + 23 * hour),
        0,
        "reminded before the agreed 24 hours"
    );
    let at_25 = scan(created + 25 * hour);
    let rows = queued(&app)[before..].to_vec();
    assert_eq!(at_25, rows.len());
    let has = |kind: &str, email: &str| rows.iter().any(|(k, e)| k == kind && e == email);
    // The normal report: reminders to its recipients, escalation to the head.
    assert!(has("reminder", &officer.email) && has("reminder", &deputy.email));
    assert!(has("escalation", &head.email));
    // The staff allegation: reminders to head and officer, escalation to the chair, never the deputy.
    assert!(has("escalation", &chair.email));
    assert_eq!(
        rows.iter().filter(|(_, e)| *e == deputy.email).count(),
        1,
        "the deputy heard about the staff allegation"
    );

    assert_eq!(scan(created + 26 * hour), 0, "reminded twice in one period");
    let after_second = scan(created + 49 * hour);
    assert_eq!(after_second, at_25, "the second period should remind again");

    // Acknowledging stops it.
    let browser = app.signed_in(&officer).await;
    for id in [&normal, &about_staff] {
        assert_eq!(
            browser
                .post(&format!("/staff/reports/{id}/acknowledge"), &[])
                .await
                .0,
            303
        );
    }
    assert_eq!(
        scan(created + 100 * hour),
        0,
        "reminded after acknowledgement"
    );
}

#[actix_rt::test]
async fn a_school_with_no_recipients_tells_administrators_at_once() {
    let app = app_with_mail(free_port(), false).await;
    app.add_admin();
    app.send_report("riverside", &[]).await;
    assert_eq!(
        queued(&app),
        vec![("unrouted".to_owned(), "admin@la.example".to_owned())]
    );
}

#[actix_rt::test]
async fn people_who_chose_a_digest_get_one_a_day_instead_but_urgent_at_once() {
    let app = app_with_mail(free_port(), false).await;
    let officer = app.add_staff("officer@police.example", "oakfield", Role::SspOfficer);
    let deputy = app.add_staff("deputy@oakfield.example", "oakfield", Role::NominatedStaff);
    app.with_conn(|c| {
        diesel::update(users::table.find(deputy.id))
            .set(users::notify_digest.eq(true))
            .execute(c)
            .unwrap()
    });
    app.send_report("oakfield", &[]).await;
    app.send_report("oakfield", &[]).await;
    let rows = queued(&app);
    assert!(rows.iter().all(|(_, e)| *e == officer.email), "{rows:?}");
    app.send_report("oakfield", &[("happening_now", "yes")])
        .await;
    assert!(queued(&app).contains(&("urgent".to_owned(), deputy.email.clone())));
    let now = app.ctx.now();
    assert_eq!(app.with(|conn, _| scan_digests(conn, now).unwrap()), 1);
    assert_eq!(
        app.with(|conn, _| scan_digests(conn, now.plus(3600)).unwrap()),
        0,
        "two digests in a day"
    );
    assert_eq!(
        app.with(|conn, _| scan_digests(conn, now.plus(86_401)).unwrap()),
        1
    );
}

#[actix_rt::test]
async fn the_mail_test_command_sends_through_the_configured_transport() {
    let sink = SmtpSink::start();
    let dir = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_confide"))
        .args(["mail", "test", "--to", "it@la.example"])
        .env("CONFIDE_DATA_DIR", dir.path())
        .env("CONFIDE_MAIL_TRANSPORT", "smtp")
        .env("CONFIDE_SMTP_HOST", "127.0.0.1")
        .env("CONFIDE_SMTP_PORT", sink.port.to_string())
        .env("CONFIDE_SMTP_SECURITY", "none")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let got = sink.wait_for(1, Duration::from_secs(5));
    assert_eq!(got[0].to, vec!["it@la.example".to_owned()]);
    assert!(got[0].readable().contains("test message from Confide"));
}

/// Runs `confide` in a data directory and returns its output.
fn confide_in(dir: &std::path::Path, args: &[&str]) -> String {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_confide"))
        .args(args)
        .env("CONFIDE_DATA_DIR", dir)
        .env_remove("CONFIDE_DATABASE_URL")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn start_server(dir: &std::path::Path, port: u16, smtp_port: u16) -> std::process::Child {
    let child = std::process::Command::new(env!("CARGO_BIN_EXE_confide"))
        .arg("serve")
        .env("CONFIDE_DATA_DIR", dir)
        .env("CONFIDE_LISTEN", format!("127.0.0.1:{port}"))
        .env("CONFIDE_MAIL_TRANSPORT", "smtp")
        .env("CONFIDE_SMTP_HOST", "127.0.0.1")
        .env("CONFIDE_SMTP_PORT", smtp_port.to_string())
        .env("CONFIDE_SMTP_SECURITY", "none")
        .env_remove("CONFIDE_DATABASE_URL")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    for _ in 0..200 {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    child
}

#[actix_rt::test]
async fn a_crash_between_smtp_acceptance_and_marking_sent_loses_nothing() {
    if crate::helpers::postgres_base_url().is_some() {
        return; // runs a real server on SQLite; once per suite is enough
    }
    let dir = tempfile::tempdir().unwrap();
    confide_in(
        dir.path(),
        &["school", "add", "--slug", "oak", "--name", "Oak School"],
    );
    for (email, role) in [
        ("officer@police.example", "ssp_officer"),
        ("deputy@oak.example", "nominated_staff"),
    ] {
        confide_in(
            dir.path(),
            &["user", "add", "--email", email, "--name", "Staff"],
        );
        confide_in(
            dir.path(),
            &[
                "role", "grant", "--school", "oak", "--user", email, "--role", role,
            ],
        );
    }
    let sink = SmtpSink::start();
    let port = free_port();
    let server = std::sync::Arc::new(std::sync::Mutex::new(Some(start_server(
        dir.path(),
        port,
        sink.port,
    ))));
    // The first time a message's data arrives, the server is killed before it hears "accepted".
    let victim = server.clone();
    let killed = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let once = killed.clone();
    sink.on_data(move || {
        if !once.swap(true, std::sync::atomic::Ordering::SeqCst) {
            if let Some(mut child) = victim.lock().unwrap().take() {
                child.kill().unwrap();
                child.wait().unwrap();
            }
        }
    });
    let client = awc::Client::default();
    let mut res = client
        .post(format!("http://127.0.0.1:{port}/s/oak/report"))
        .send_form(&[
            ("category", "bullying"),
            ("location", "online"),
            ("happening_now", "no"),
            ("about", "no"),
            ("what", "crash test"),
        ])
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 200);
    let _ = res.body().await;
    for _ in 0..400 {
        if killed.load(std::sync::atomic::Ordering::SeqCst) && server.lock().unwrap().is_none() {
            break;
        }
        std::thread::sleep(Duration::from_millis(25));
    }
    assert!(
        killed.load(std::sync::atomic::Ordering::SeqCst),
        "the server never sent"
    );

    // Restart on the same data: the unmarked message is sent again; nothing is lost.
    let restarted = start_server(dir.path(), port, sink.port);
    // The message in flight stays claimed for CLAIM_SECONDS, then is sent again.
    let limit = Duration::from_secs(confide::store::outbox::CLAIM_SECONDS as u64 + 30);
    let got = sink.wait_for(3, limit);
    let mut restarted = restarted;
    restarted.kill().unwrap();
    restarted.wait().unwrap();
    for who in ["officer@police.example", "deputy@oak.example"] {
        assert!(
            got.iter().any(|m| m.to.iter().any(|t| t == who)),
            "{who} never got mail"
        );
    }
    let duplicates = got.len() - 2;
    println!(
        "crash test: {} messages accepted for 2 notifications ({duplicates} duplicate)",
        got.len()
    );
    assert_eq!(
        duplicates, 1,
        "exactly the message in flight at the crash is sent twice"
    );
}

#[actix_rt::test]
async fn staff_hear_when_the_pupil_writes_again_but_not_what() {
    let app = app_with_mail(free_port(), false).await;
    let officer = app.add_staff("officer@police.example", "oakfield", Role::SspOfficer);
    let code = app.send_report("oakfield", &[]).await;
    let before = queued(&app).len();
    app.post_form(
        "/followup/message",
        &[("code", &code), ("message", "SECRET FOLLOW UP")],
    )
    .await;
    assert_eq!(
        queued(&app)[before..],
        [("pupil_message".to_owned(), officer.email.clone())]
    );
}
