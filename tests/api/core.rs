//! The core every feature goes through: each database has its own writer and commits,
//! a write cannot be begun inside another, every door to a use case leaves the same rows,
//! every change to a report is an event beside its audit row, and stored choices are strict.

use std::sync::{mpsc, Arc, Barrier};
use std::time::Duration;

use confide::db::schema::{audit_log, outbox, report_events, school_roles, users};
use confide::db::{Db, DbError};
use confide::domain::choices::{MailKind, Role};
use confide::store::outbox::NewMail;
use confide::time::Timestamp;
use diesel::prelude::*;

use crate::helpers::{captured_log, database_for_test, spawn_app};

fn open_db(dir: &tempfile::TempDir) -> Db {
    Db::connect(&database_for_test(dir.path()), 8).unwrap()
}

fn mail_to(email: String) -> NewMail {
    NewMail {
        kind: MailKind::Test,
        email,
        user_id: None,
        school_id: None,
    }
}

fn recipients(db: &Db) -> Vec<String> {
    db.run_blocking(|conn| {
        outbox::table
            .select(outbox::recipient_email)
            .load::<String>(conn.db())
            .map_err(DbError::from)
    })
    .unwrap()
}

#[actix_rt::test]
async fn two_databases_in_one_process_never_take_each_others_grouped_writes() {
    let (dir_a, dir_b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (a, b) = (open_db(&dir_a), open_db(&dir_b));
    let start = Arc::new(Barrier::new(64));
    let writers: Vec<_> = (0..64)
        .map(|i| {
            let (db, label) = if i % 2 == 0 {
                (a.clone(), "a")
            } else {
                (b.clone(), "b")
            };
            let start = start.clone();
            std::thread::spawn(move || {
                start.wait();
                db.run_blocking(|conn| {
                    let mail = [mail_to(format!("{label}{i}@school.example"))];
                    conn.write_grouped(Box::new(move |tx| {
                        confide::store::outbox::enqueue(tx, &mail, Timestamp::EPOCH)
                    }))
                })
            })
        })
        .collect();
    for writer in writers {
        writer.join().unwrap().unwrap();
    }
    let (in_a, in_b) = (recipients(&a), recipients(&b));
    assert_eq!(in_a.len(), 32, "{in_a:?}");
    assert_eq!(in_b.len(), 32, "{in_b:?}");
    assert!(in_a.iter().all(|e| e.starts_with('a')), "{in_a:?}");
    assert!(in_b.iter().all(|e| e.starts_with('b')), "{in_b:?}");
}

#[actix_rt::test]
async fn a_write_begun_inside_another_is_refused_rather_than_waiting_for_itself() {
    let dir = tempfile::tempdir().unwrap();
    let db = open_db(&dir);
    let captured = db.clone();
    let check = db.clone();
    let (done, outcome) = mpsc::channel();
    std::thread::spawn(move || {
        let result = db.run_blocking(|conn| {
            conn.write(|tx| {
                confide::store::outbox::enqueue(
                    tx,
                    &[mail_to("outer@school.example".into())],
                    Timestamp::EPOCH,
                )?;
                let nested = captured.run_blocking(|inner| {
                    inner.write(|tx| {
                        confide::store::outbox::enqueue(
                            tx,
                            &[mail_to("inner@school.example".into())],
                            Timestamp::EPOCH,
                        )
                    })
                });
                Ok::<_, DbError>(nested)
            })
        });
        let _ = done.send(result.map(|nested| matches!(nested, Err(DbError::Nested))));
    });
    let refused = outcome
        .recv_timeout(Duration::from_secs(30))
        .expect("a write inside a write hung instead of being refused")
        .unwrap();
    assert!(refused, "the nested write was not refused");
    // The outer write stands alone: nothing from the refused one landed.
    assert_eq!(recipients(&check), vec!["outer@school.example"]);
}

/// The rows a role grant leaves: (school, person, role, keys complete).
fn roles_of(app: &crate::helpers::TestApp, email: &str) -> Vec<(i64, String, bool)> {
    app.with_conn(|c| {
        school_roles::table
            .inner_join(users::table)
            .filter(users::email.eq(email))
            .select((
                school_roles::school_id,
                school_roles::role,
                school_roles::keys_complete,
            ))
            .load(c)
            .unwrap()
    })
}

/// Audit rows with this action, as (action, detail).
fn audit_rows(app: &crate::helpers::TestApp, action: &str) -> Vec<(String, String)> {
    app.with_conn(|c| {
        audit_log::table
            .filter(audit_log::action.eq(action))
            .select((audit_log::action, audit_log::detail))
            .load(c)
            .unwrap()
    })
}

#[actix_rt::test]
async fn granting_a_role_leaves_the_same_rows_and_one_audit_row_from_the_command_line_and_the_web()
{
    let by_cli = spawn_app().await;
    let by_web = spawn_app().await;
    for app in [&by_cli, &by_web] {
        app.add_staff("officer@police.example", "oakfield", Role::SspOfficer);
        app.send_report("oakfield", &[("about", "head")]).await;
    }
    let newcomer = "new.head@oakfield.example";
    for app in [&by_cli, &by_web] {
        let (ok, out) = app.confide(
            &["user", "add", "--email", newcomer, "--name", "New Head"],
            None,
        );
        assert!(ok, "{out}");
    }

    let (ok, out) = by_cli.confide(
        &[
            "role",
            "grant",
            "--school",
            "oakfield",
            "--user",
            newcomer,
            "--role",
            "head_teacher",
        ],
        None,
    );
    assert!(ok, "{out}");

    by_web.add_admin();
    let admin = by_web.signed_in_admin().await;
    let user_id: i64 = by_web.with_conn(|c| {
        users::table
            .filter(users::email.eq(newcomer))
            .select(users::id)
            .first(c)
            .unwrap()
    });
    let school = by_web.school("oakfield").id.to_string();
    let (status, _, location) = admin
        .post(
            "/staff/admin/roles",
            &[
                ("school", school.as_str()),
                ("user", &user_id.to_string()),
                ("role", "head_teacher"),
            ],
        )
        .await;
    assert_eq!(
        (status, location.as_deref()),
        (303, Some("/staff/admin?done=granted"))
    );
    let (_, page, _) = admin.get("/staff/admin?done=granted").await;
    assert!(page.contains("govuk-notification-banner--success") && page.contains("Role given"));

    assert_eq!(roles_of(&by_cli, newcomer), roles_of(&by_web, newcomer));
    assert_eq!(roles_of(&by_web, newcomer).len(), 1);
    let (cli_audit, web_audit) = (
        audit_rows(&by_cli, "Role granted"),
        audit_rows(&by_web, "Role granted"),
    );
    let about_newcomer = |rows: &[(String, String)]| {
        rows.iter()
            .filter(|(_, detail)| detail.contains(newcomer))
            .cloned()
            .collect::<Vec<_>>()
    };
    assert_eq!(about_newcomer(&cli_audit).len(), 1, "{cli_audit:?}");
    assert_eq!(about_newcomer(&cli_audit), about_newcomer(&web_audit));
}

#[actix_rt::test]
async fn adding_a_person_leaves_the_same_row_and_one_audit_row_from_the_command_line_and_the_web() {
    let by_cli = spawn_app().await;
    let by_web = spawn_app().await;
    let email = "deputy@oakfield.example";
    let (ok, out) = by_cli.confide(
        &["user", "add", "--email", email, "--name", "Jo Taylor"],
        None,
    );
    assert!(ok, "{out}");
    by_web.add_admin();
    let admin = by_web.signed_in_admin().await;
    let (status, page, _) = admin
        .post(
            "/staff/admin/people",
            &[("email", email), ("name", "Jo Taylor")],
        )
        .await;
    assert_eq!(status, 200, "{page}");
    let shape = |app: &crate::helpers::TestApp| -> (String, bool, bool, bool) {
        app.with_conn(|c| {
            users::table
                .filter(users::email.eq(email))
                .select((
                    users::name,
                    users::must_change_password,
                    users::is_admin,
                    users::disabled,
                ))
                .first(c)
                .unwrap()
        })
    };
    assert_eq!(shape(&by_cli), ("Jo Taylor".into(), true, false, false));
    assert_eq!(shape(&by_cli), shape(&by_web));
    let added = |app: &crate::helpers::TestApp| {
        audit_rows(app, "Person added")
            .into_iter()
            .filter(|(_, detail)| detail == email)
            .count()
    };
    assert_eq!((added(&by_cli), added(&by_web)), (1, 1));
}

#[actix_rt::test]
async fn every_change_to_a_report_is_an_event_written_with_its_audit_row() {
    let app = spawn_app().await;
    let officer = app.add_staff("officer@police.example", "oakfield", Role::SspOfficer);
    let code = app.send_report("oakfield", &[]).await;
    let id = app.report_id_for(&code);
    let browser = app.signed_in(&officer).await;
    let case = format!("/staff/reports/{id}");
    assert_eq!(browser.get(&case).await.0, 200);
    for (change, fields) in [
        ("acknowledge", vec![]),
        ("risk", vec![("risk", "high")]),
        ("replies", vec![("text", "Thank you for telling us")]),
        ("notes", vec![("text", "Spoke to the head of year")]),
        (
            "status",
            vec![("status", "closed"), ("outcome", "resolved")],
        ),
    ] {
        let (status, _, _) = browser.post(&format!("{case}/{change}"), &fields).await;
        assert_eq!(status, 303, "{change}");
    }
    app.post_form(
        "/followup/message",
        &[("code", &code), ("message", "It happened again")],
    )
    .await;

    type Event = (String, Option<String>, Option<String>, Option<String>);
    let events: Vec<Event> = app.with_conn(|c| {
        report_events::table
            .filter(report_events::report_id.eq(&id))
            .order(report_events::id.asc())
            .select((
                report_events::kind,
                report_events::from_value,
                report_events::to_value,
                report_events::actor_role,
            ))
            .load(c)
            .unwrap()
    });
    let kinds: Vec<&str> = events.iter().map(|e| e.0.as_str()).collect();
    assert_eq!(
        kinds,
        [
            "received",
            "viewed",
            "acknowledged",
            "risk",
            "replied",
            "note",
            "status",
            // The pupil wrote on the closed report: it opened again, then the message.
            "pupil_reopened",
            "pupil_message"
        ]
    );
    let by = |kind: &str| events.iter().find(|e| e.0 == kind).unwrap().clone();
    assert_eq!(by("received").3.as_deref(), Some("pupil"));
    assert_eq!(by("acknowledged").3.as_deref(), Some("ssp_officer"));
    assert_eq!(
        (
            by("acknowledged").1.as_deref(),
            by("acknowledged").2.as_deref()
        ),
        (Some("new"), Some("open"))
    );
    assert_eq!(by("risk").2.as_deref(), Some("high"));
    assert_eq!(
        (by("status").1.as_deref(), by("status").2.as_deref()),
        (Some("open"), Some("closed:resolved"))
    );
    // One audit row beside each event, in the same order.
    let audit: Vec<String> = app.with_conn(|c| {
        audit_log::table
            .filter(audit_log::report_id.eq(&id))
            .order(audit_log::id.asc())
            .select(audit_log::action)
            .load(c)
            .unwrap()
    });
    assert_eq!(audit.len(), events.len(), "{audit:?}");
    let (ok, out) = app.confide(&["audit", "verify"], None);
    assert!(ok, "{out}");
}

#[actix_rt::test]
async fn an_unknown_stored_choice_is_a_load_error_not_a_default() {
    let app = spawn_app().await;
    let officer = app.add_staff("officer@police.example", "oakfield", Role::SspOfficer);
    let id = app.report_id_for(&app.send_report("oakfield", &[]).await);
    app.with_conn(|c| {
        use confide::db::schema::reports;
        diesel::update(reports::table.filter(reports::id.eq(&id)))
            .set(reports::category.eq("made_up_category"))
            .execute(c)
            .unwrap()
    });
    let browser = app.signed_in(&officer).await;
    let (status, page, _) = browser.get(&format!("/staff/reports/{id}")).await;
    assert_eq!(status, 500);
    assert!(page.contains("Sorry, something went wrong"));
    assert!(!page.contains("Something else"), "shown as a default");
    assert!(captured_log().contains("unknown Category value"));
}
