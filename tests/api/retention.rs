//! Retention: an expired report is deleted from every table and shredded in every backup
//! (its retention key destroyed), a report on legal hold survives, people are warned
//! first, only safeguarding leads keep a report longer, and a dry run changes nothing.

use confide::app::retention::{self, PurgeReport};
use confide::db::schema::{
    audit_log, messages, outbox, purged_reports, report_events, report_keys, reports,
    retained_facts,
};
use confide::db::{Db, DbError};
use confide::domain::choices::Role;
use diesel::prelude::*;

use crate::helpers::{postgres_base_url, rid, spawn_app, Staff, TestApp};

const DAY: i64 = 86_400;

fn purge(app: &TestApp, dry_run: bool) -> PurgeReport {
    app.with(|conn, ctx| retention::purge(conn, ctx, dry_run).unwrap())
}

/// Sends a report and closes it as the officer; returns (receipt code, report id).
async fn closed_report(app: &TestApp, officer: &Staff, what: &str) -> (String, String) {
    let code = app.send_report("oakfield", &[("what", what)]).await;
    let id = app.report_id_for(&code);
    let browser = app.signed_in(officer).await;
    browser.reply(&id, "We have read this").await;
    browser.close_case(&id, "resolved").await;
    (code, id)
}

/// Rows that mention the report, table by table (the audit log apart).
fn rows_of(app: &TestApp, id: &str) -> Vec<(&'static str, i64)> {
    app.with_conn(|c| {
        vec![
            (
                "reports",
                reports::table
                    .filter(reports::id.eq(id))
                    .count()
                    .get_result(c)
                    .unwrap(),
            ),
            (
                "report_keys",
                report_keys::table
                    .filter(report_keys::report_id.eq(id))
                    .count()
                    .get_result(c)
                    .unwrap(),
            ),
            (
                "messages",
                messages::table
                    .filter(messages::report_id.eq(id))
                    .count()
                    .get_result(c)
                    .unwrap(),
            ),
            (
                "report_events",
                report_events::table
                    .filter(report_events::report_id.eq(id))
                    .count()
                    .get_result(c)
                    .unwrap(),
            ),
        ]
    })
}

fn period_of(app: &TestApp, id: &str) -> Option<String> {
    app.with_conn(|c| {
        reports::table
            .filter(reports::id.eq(id))
            .select(reports::retention_period)
            .first(c)
            .unwrap()
    })
}

fn key_files(app: &TestApp) -> Vec<String> {
    app.ctx
        .keystore
        .periods()
        .unwrap()
        .into_iter()
        .map(|(school, period)| format!("{school}/{}", period.as_string()))
        .collect()
}

/// Every file under `dir` that holds `needle`.
fn files_holding(dir: &std::path::Path, needle: &[u8]) -> Vec<String> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if let Ok(bytes) = std::fs::read(&path) {
                if bytes.windows(needle.len()).any(|w| w == needle) {
                    found.push(path.display().to_string());
                }
            }
        }
    }
    found
}

#[actix_rt::test]
async fn an_expired_report_leaves_no_row_and_no_backup_can_open_it_once_its_key_is_gone() {
    let app = spawn_app().await;
    let officer = app.add_staff("officer@police.example", "oakfield", Role::SspOfficer);
    let (code, id) = closed_report(&app, &officer, "CANARYRETAIN the older boys").await;
    let kept = app.send_report("oakfield", &[("what", "Still open")]).await;
    let kept = app.report_id_for(&kept);
    let period = period_of(&app, &id).expect("bound");
    assert!(
        !period.starts_with("open-"),
        "a closed report is bound to its deletion month"
    );
    let sealed = app.sealed_details(&id);
    // A backup before the purge: the database and its rows, never the keystore.
    let backup = tempfile::tempdir().unwrap();
    if postgres_base_url().is_none() {
        let (ok, out) = app.confide(
            &["backup", "--to", backup.path().join("b").to_str().unwrap()],
            None,
        );
        assert!(ok, "{out}");
        assert!(out.contains("keystore"), "{out}");
    }
    let snapshot: Vec<u8> = app.with_conn(|c| {
        reports::table
            .filter(reports::id.eq(&id))
            .select(reports::recovery_keys)
            .first(c)
            .unwrap()
    });

    // 90 days after closing, and the month after: deleted, and its key destroyed.
    app.ctx.clock.advance(90 * DAY + 32 * DAY);
    let done = purge(&app, false);
    assert_eq!(done.purged, 1);
    assert!(done.keys_destroyed >= 1, "{done:?}");
    for (table, count) in rows_of(&app, &id) {
        assert_eq!(count, 0, "{table} still holds the purged report");
    }
    assert_eq!(
        rows_of(&app, &kept)[0].1,
        1,
        "the open report was purged too"
    );
    assert!(!key_files(&app).iter().any(|k| k.ends_with(&period)));
    let (tombstones, facts): (i64, i64) = app.with_conn(|c| {
        (
            purged_reports::table
                .filter(purged_reports::report_id.eq(&id))
                .count()
                .get_result(c)
                .unwrap(),
            retained_facts::table.count().get_result(c).unwrap(),
        )
    });
    assert_eq!((tombstones, facts), (1, 1));
    // The chain still verifies; its rows for the report hold nothing the pupil wrote.
    let (ok, out) = app.confide(&["audit", "verify"], None);
    assert!(ok, "{out}");
    let details: Vec<String> = app.with_conn(|c| {
        audit_log::table
            .filter(audit_log::report_id.eq(&id))
            .select(audit_log::detail)
            .load(c)
            .unwrap()
    });
    assert!(!details.is_empty());
    assert!(details
        .iter()
        .all(|d| !d.contains("CANARYRETAIN") && !d.contains("older boys")));
    // The pupil's code finds nothing; the copy taken before cannot be opened any more.
    let (_, page) = app.post_form("/followup", &[("code", &code)]).await;
    assert!(page.contains("We could not find a report with that code"));
    let school = app.school("oakfield").id;
    assert_eq!(
        confide::app::binding::unbind(
            &app.ctx,
            school,
            Some(&period),
            &rid(&id),
            confide::crypto::retention::KeyCopy::Recovery,
            &snapshot,
        )
        .unwrap(),
        None
    );

    if postgres_base_url().is_none() {
        // Restore the backup beside the live keystore, as a deployment would, and try.
        let restored = tempfile::tempdir().unwrap();
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_confide"))
            .args([
                "restore",
                "--from",
                backup.path().join("b").to_str().unwrap(),
            ])
            .env("CONFIDE_DATA_DIR", restored.path())
            .env_remove("CONFIDE_DATABASE_URL")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let url = confide::config::DatabaseUrl::Sqlite(restored.path().join("confide.db"));
        let db = Db::connect(&url, 2).unwrap();
        let view = db
            .run_blocking(|conn| {
                let code = confide::crypto::receipt::ReceiptCode::parse(&code).unwrap();
                Ok::<_, DbError>(confide::app::pupil::view(conn, &app.ctx, &code))
            })
            .unwrap();
        assert!(
            matches!(view, Ok(None)),
            "the restored backup opened the purged report"
        );
        let staff = app.as_staff(&officer);
        let opened = db
            .run_blocking(|conn| {
                Ok::<_, DbError>(confide::app::cases::open(conn, &app.ctx, &staff, &rid(&id)))
            })
            .unwrap();
        assert!(
            opened.is_err(),
            "the officer opened the purged report from the backup"
        );
        // The report still open in the backup opens: only the destroyed period is lost.
        let still = db
            .run_blocking(|conn| {
                Ok::<_, DbError>(confide::app::cases::open(
                    conn,
                    &app.ctx,
                    &staff,
                    &rid(&kept),
                ))
            })
            .unwrap();
        assert!(still.is_ok());

        // After the purge and VACUUM, no file of the data directory holds its text or its sealed bytes.
        app.with(|conn, _| conn.vacuum().unwrap());
        for needle in [&b"CANARYRETAIN"[..], &sealed[sealed.len() - 32..]] {
            let found = files_holding(app.data_dir.path(), needle);
            assert!(found.is_empty(), "{found:?}");
        }
    }
}

#[actix_rt::test]
async fn a_report_on_legal_hold_survives_the_purge_until_the_hold_is_lifted() {
    let app = spawn_app().await;
    let officer = app.add_staff("officer@police.example", "oakfield", Role::SspOfficer);
    let (_, id) = closed_report(&app, &officer, "Kept for the police").await;
    let browser = app.signed_in(&officer).await;
    let (status, page, _) = browser
        .post(&format!("/staff/reports/{id}/hold"), &[("reason", "")])
        .await;
    assert_eq!(status, 400);
    assert!(page.contains("Choose why the report must be kept"));
    let (status, _, _) = browser
        .post(
            &format!("/staff/reports/{id}/hold"),
            &[("reason", "police_investigation")],
        )
        .await;
    assert_eq!(status, 303);
    assert_eq!(period_of(&app, &id).as_deref(), Some("hold"));

    app.ctx.clock.advance(400 * DAY);
    let done = purge(&app, false);
    assert_eq!(done.purged, 0);
    assert_eq!(rows_of(&app, &id)[0].1, 1);
    let browser = app.signed_in(&officer).await;
    let (status, case, _) = browser.get(&format!("/staff/reports/{id}")).await;
    assert_eq!(status, 200);
    assert!(case.contains("Kept for the police"));
    assert!(case.contains("Legal hold"));

    // Lifted: still at least a week (so the warning comes first), then gone.
    let (status, _, _) = browser
        .post(&format!("/staff/reports/{id}/unhold"), &[])
        .await;
    assert_eq!(status, 303);
    assert_eq!(purge(&app, false).purged, 0);
    app.ctx.clock.advance(8 * DAY);
    assert_eq!(purge(&app, false).purged, 1);
    let audited: Vec<String> = app.with_conn(|c| {
        audit_log::table
            .filter(audit_log::report_id.eq(&id))
            .select(audit_log::action)
            .load(c)
            .unwrap()
    });
    for action in [
        "Placed on legal hold",
        "Legal hold lifted",
        "Report deleted under the retention policy",
    ] {
        assert!(audited.iter().any(|a| a == action), "{action}: {audited:?}");
    }
}

#[actix_rt::test]
async fn the_people_working_a_case_are_warned_three_days_before_it_is_deleted() {
    let app = spawn_app().await;
    let officer = app.add_staff("officer@police.example", "oakfield", Role::SspOfficer);
    let deputy = app.add_staff("deputy@oakfield.example", "oakfield", Role::NominatedStaff);
    closed_report(&app, &officer, "Soon to go").await;
    let warnings = |app: &TestApp| -> Vec<String> {
        app.with_conn(|c| {
            outbox::table
                .filter(outbox::kind.eq("retention_warning"))
                .order(outbox::recipient_email.asc())
                .select(outbox::recipient_email)
                .load(c)
                .unwrap()
        })
    };
    app.ctx.clock.advance(80 * DAY);
    assert_eq!(purge(&app, false).warned, 0);
    app.ctx.clock.advance(8 * DAY);
    assert_eq!(purge(&app, false).warned, 1);
    assert_eq!(
        warnings(&app),
        vec![deputy.email.clone(), officer.email.clone()]
    );
    assert_eq!(purge(&app, false).warned, 0, "warned twice");
    assert_eq!(warnings(&app).len(), 2);
}

#[actix_rt::test]
async fn only_the_schools_safeguarding_leads_may_keep_a_report_longer() {
    let app = spawn_app().await;
    let officer = app.add_staff("officer@police.example", "oakfield", Role::SspOfficer);
    let deputy = app.add_staff("deputy@oakfield.example", "oakfield", Role::NominatedStaff);
    let (_, id) = closed_report(&app, &officer, "Keep a while").await;
    let expires = |app: &TestApp| -> Option<i64> {
        app.with_conn(|c| {
            reports::table
                .filter(reports::id.eq(&id))
                .select(reports::expires_at)
                .first(c)
                .unwrap()
        })
    };
    let before = expires(&app).unwrap();
    let as_officer = app.signed_in(&officer).await;
    let (status, page, _) = as_officer
        .post(&format!("/staff/reports/{id}/keep"), &[("days", "365")])
        .await;
    assert_eq!(status, 400);
    assert!(page.contains("Only the nominated staff member"));
    assert_eq!(expires(&app), Some(before));
    let as_deputy = app.signed_in(&deputy).await;
    let (_, case, _) = as_deputy.get(&format!("/staff/reports/{id}")).await;
    assert!(case.contains("Keep for longer"));
    let (status, _, _) = as_deputy
        .post(&format!("/staff/reports/{id}/keep"), &[("days", "365")])
        .await;
    assert_eq!(status, 303);
    assert!(expires(&app).unwrap() >= before + 365 * DAY);
    app.ctx.clock.advance(200 * DAY);
    assert_eq!(purge(&app, false).purged, 0, "purged before its new date");
    let kinds = app.event_kinds(&id);
    assert!(kinds.contains(&"retention_extended".to_owned()));
}

#[actix_rt::test]
async fn a_dry_run_counts_what_would_go_and_changes_nothing() {
    let app = spawn_app().await;
    let officer = app.add_staff("officer@police.example", "oakfield", Role::SspOfficer);
    let (_, id) = closed_report(&app, &officer, "Dry run").await;
    app.ctx.clock.advance(130 * DAY);
    let audit_rows = |app: &TestApp| -> i64 {
        app.with_conn(|c| audit_log::table.count().get_result(c).unwrap())
    };
    let (keys, audit) = (key_files(&app), audit_rows(&app));
    let done = purge(&app, true);
    assert_eq!(done.purged, 1);
    assert!(done.keys_destroyed >= 1);
    assert_eq!(rows_of(&app, &id)[0].1, 1);
    assert_eq!(key_files(&app), keys);
    assert_eq!(audit_rows(&app), audit);
    // The command line says the same, and changes nothing either.
    let (ok, out) = app.confide(&["purge", "--dry-run"], None);
    assert!(ok, "{out}");
    assert!(out.contains("would be deleted"), "{out}");
    assert_eq!(rows_of(&app, &id)[0].1, 1);
    // What it said is what the purge then does, down to the keys destroyed (the report's
    // own period key among them, which the dry run once counted as still in use).
    let real = purge(&app, false);
    assert_eq!(
        done, real,
        "the dry run said one thing and the purge did another"
    );
    assert_eq!(key_files(&app).len(), keys.len() - real.keys_destroyed);
}

#[actix_rt::test]
async fn reopening_a_closed_report_keeps_it_while_open_again() {
    let app = spawn_app().await;
    let officer = app.add_staff("officer@police.example", "oakfield", Role::SspOfficer);
    let (code, id) = closed_report(&app, &officer, "Back again").await;
    let browser = app.signed_in(&officer).await;
    let (status, _, _) = browser
        .post(
            &format!("/staff/reports/{id}/status"),
            &[("status", "open")],
        )
        .await;
    assert_eq!(status, 303);
    assert!(period_of(&app, &id).unwrap().starts_with("open-"));
    app.ctx.clock.advance(400 * DAY);
    assert_eq!(purge(&app, false).purged, 0);
    // Every copy still opens after all the moves: the pupil's, and the officer's.
    let (_, page) = app.post_form("/followup", &[("code", &code)]).await;
    assert!(page.contains("Back again"));
    let browser = app.signed_in(&officer).await;
    assert_eq!(browser.get(&format!("/staff/reports/{id}")).await.0, 200);
}
