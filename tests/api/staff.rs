//! The staff area: the whole story of a case, who may see what, sessions, and the audit chain.

use confide::db::schema::{audit_log, report_keys, reports, sessions};
use confide::domain::choices::Role;
use diesel::prelude::*;

use crate::helpers::{csrf_from, spawn_app, StaffBrowser, TestApp};

/// Report ids in the order a queue page lists them.
fn queue_ids(page: &str) -> Vec<String> {
    page.split("href=\"/staff/reports/")
        .skip(1)
        .map(|s| s.split('"').next().unwrap().to_owned())
        .collect()
}

#[actix_rt::test]
async fn a_case_goes_from_report_to_closed_with_every_step_in_the_chronology() {
    let app = spawn_app().await;
    let officer = app.add_staff("officer@police.example", "oakfield", Role::SspOfficer);
    let deputy = app.add_staff("deputy@oakfield.example", "oakfield", Role::NominatedStaff);
    let older = app
        .send_report("oakfield", &[("what", "An older, calmer report.")])
        .await;
    let code = app
        .send_report(
            "oakfield",
            &[
                ("happening_now", "yes"),
                ("what", "They are outside the gate with a knife."),
            ],
        )
        .await;
    let id = app.report_id_for(&code);

    // The officer signs in and sees the urgent report at the top.
    let officer_b = app.signed_in(&officer).await;
    let (status, queue, _) = officer_b.get("/staff").await;
    assert_eq!(status, 200);
    let ids = queue_ids(&queue);
    assert_eq!(ids.first(), Some(&id), "the urgent report is not first");
    assert!(ids.contains(&app.report_id_for(&older)));
    assert!(queue.contains("Happening now"));

    let (status, case, _) = officer_b.get(&format!("/staff/reports/{id}")).await;
    assert_eq!(status, 200);
    assert!(case.contains("They are outside the gate with a knife."));
    let path = |what: &str| format!("/staff/reports/{id}/{what}");
    assert_eq!(officer_b.post(&path("acknowledge"), &[]).await.0, 303);
    assert_eq!(
        officer_b
            .post(&path("risk"), &[("risk", "immediate")])
            .await
            .0,
        303
    );
    assert_eq!(
        officer_b
            .post(
                &path("replies"),
                &[(
                    "text",
                    "We have seen this. Go to the school office now if you can."
                )]
            )
            .await
            .0,
        303
    );

    // The pupil reads the reply with their code and answers.
    let (_, pupil) = app.post_form("/followup", &[("code", &code)]).await;
    assert!(pupil.contains("Go to the school office now if you can."));
    assert!(pupil.contains("Staff at Oakfield Academy are working on your report."));
    assert!(
        !pupil.contains("Immediate"),
        "the pupil sees the risk rating"
    );
    app.post_form(
        "/followup/message",
        &[("code", &code), ("message", "I am in the office now.")],
    )
    .await;

    // The pastoral deputy sees the answer and adds a note the pupil cannot see.
    let deputy_b = app.signed_in(&deputy).await;
    let (_, case, _) = deputy_b.get(&format!("/staff/reports/{id}")).await;
    assert!(case.contains("I am in the office now."));
    assert_eq!(
        deputy_b
            .post(
                &path("notes"),
                &[("text", "NOTE: parents called, police attending.")]
            )
            .await
            .0,
        303
    );
    assert_eq!(
        deputy_b
            .post(&path("owner"), &[("owner", &deputy.id.to_string())])
            .await
            .0,
        303
    );
    let (_, pupil) = app.post_form("/followup", &[("code", &code)]).await;
    assert!(!pupil.contains("NOTE: parents called"));

    // Closing needs an outcome; with one, the case closes.
    let (status, refused, _) = deputy_b
        .post(&path("status"), &[("status", "closed")])
        .await;
    assert_eq!(status, 400);
    assert!(refused.contains("Choose an outcome to close the case"));
    assert_eq!(
        deputy_b
            .post(
                &path("status"),
                &[("status", "closed"), ("outcome", "referred_on")]
            )
            .await
            .0,
        303
    );
    let (_, pupil) = app.post_form("/followup", &[("code", &code)]).await;
    assert!(pupil.contains("Staff at Oakfield Academy have finished working on this report."));

    let (_, case, _) = deputy_b.get(&format!("/staff/reports/{id}")).await;
    let chronology = &case[case.find("Chronology").unwrap()..];
    for step in [
        "Report received",
        "Acknowledged",
        "Risk set: Immediate",
        "Replied to the pupil",
        "Pupil added a message",
        "Added an internal note",
        "Owner changed",
        "Status changed: Closed: Handled by another agency",
        "Viewed the report",
    ] {
        assert!(chronology.contains(step), "chronology lacks {step}");
    }
    // Closed cases leave the open queue and appear under "Closed".
    let (_, open, _) = officer_b.get("/staff").await;
    assert!(!queue_ids(&open).contains(&id));
    let (_, closed, _) = officer_b.get("/staff?status=closed").await;
    assert_eq!(queue_ids(&closed), vec![id.clone()]);
}

#[actix_rt::test]
async fn people_not_routed_a_report_get_404_on_every_staff_route_for_it() {
    let app = spawn_app().await;
    app.add_staff("officer@police.example", "oakfield", Role::SspOfficer);
    let head = app.add_staff("head@oakfield.example", "oakfield", Role::HeadTeacher);
    let other = app.add_staff(
        "deputy@riverside.example",
        "riverside",
        Role::NominatedStaff,
    );
    let report = app.report_id_for(&app.send_report("oakfield", &[]).await);
    let missing = "0000000000000000000000000a".to_owned();
    for (who, person) in [
        ("another school's deputy", &other),
        ("a head not routed normal reports", &head),
    ] {
        let browser = app.signed_in(person).await;
        for id in [&report, &missing] {
            let (status, body, _) = browser.get(&format!("/staff/reports/{id}")).await;
            assert_eq!(status, 404, "{who}: GET");
            assert!(
                !body.contains("Someone keeps pushing me"),
                "{who}: leaked text"
            );
            for (change, fields) in [
                ("acknowledge", vec![]),
                ("risk", vec![("risk", "high")]),
                (
                    "status",
                    vec![("status", "closed"), ("outcome", "resolved")],
                ),
                ("owner", vec![("owner", "1")]),
                ("notes", vec![("text", "x")]),
                ("replies", vec![("text", "x")]),
            ] {
                let (status, _, _) = browser
                    .post(&format!("/staff/reports/{id}/{change}"), &fields)
                    .await;
                assert_eq!(status, 404, "{who}: {change}");
            }
        }
        let (_, queue, _) = browser.get("/staff").await;
        assert!(
            !queue_ids(&queue).contains(&report),
            "{who} sees it in the queue"
        );
    }
    let (status, acknowledged): (String, Option<i64>) = app.with_conn(|c| {
        reports::table
            .find(&report)
            .select((reports::status, reports::acknowledged_at))
            .first(c)
            .unwrap()
    });
    assert_eq!(
        (status.as_str(), acknowledged),
        ("new", None),
        "a refused change changed something"
    );
}

#[actix_rt::test]
async fn signing_out_or_being_disabled_ends_the_session_at_once() {
    let app = spawn_app().await;
    let officer = app.add_staff("officer@police.example", "oakfield", Role::SspOfficer);
    let browser = app.signed_in(&officer).await;
    assert_eq!(browser.get("/staff").await.0, 200);
    assert_eq!(browser.post("/staff/logout", &[]).await.0, 303);
    let (status, _, location) = browser.get("/staff").await;
    assert_eq!((status, location.as_deref()), (303, Some("/staff/login")));

    let browser = app.signed_in(&officer).await;
    app.with(|conn, ctx| {
        confide::app::people::set_disabled(
            conn,
            ctx,
            &confide::app::Admin::command_line(),
            officer.id,
            true,
        )
        .unwrap()
    });
    let (status, _, location) = browser.get("/staff").await;
    assert_eq!((status, location.as_deref()), (303, Some("/staff/login")));
    assert!(
        app.sign_in(&officer.email, &officer.password)
            .await
            .is_err(),
        "a disabled person signed in"
    );
}

#[actix_rt::test]
async fn idle_and_old_sessions_go_back_to_sign_in() {
    let app = spawn_app().await;
    let officer = app.add_staff("officer@police.example", "oakfield", Role::SspOfficer);
    for (idle, age) in [(31 * 60, 31 * 60), (60, 13 * 3600)] {
        let browser = app.signed_in(&officer).await;
        let now = app.ctx.now().as_secs();
        app.with_conn(|c| {
            diesel::update(sessions::table.filter(sessions::user_id.eq(officer.id)))
                .set((
                    sessions::last_seen_at.eq(now - idle),
                    sessions::created_at.eq(now - age),
                ))
                .execute(c)
                .unwrap()
        });
        let (status, _, location) = browser.get("/staff").await;
        assert_eq!(
            (status, location.as_deref()),
            (303, Some("/staff/login")),
            "idle {idle}s, age {age}s"
        );
    }
}

#[actix_rt::test]
async fn a_change_without_the_anti_forgery_token_is_refused_and_changes_nothing() {
    let app = spawn_app().await;
    let officer = app.add_staff("officer@police.example", "oakfield", Role::SspOfficer);
    let id = app.report_id_for(&app.send_report("oakfield", &[]).await);
    let browser = app.signed_in(&officer).await;
    for csrf in [None, Some("forged"), Some("")] {
        let mut fields = vec![("risk", "high")];
        if let Some(token) = csrf {
            fields.push(("csrf", token));
        }
        let (status, body, _) = browser
            .post_raw(&format!("/staff/reports/{id}/risk"), &fields)
            .await;
        assert_eq!(status, 403, "{csrf:?}");
        assert!(body.contains("This page has timed out"));
    }
    let risk: Option<String> = app.with_conn(|c| {
        reports::table
            .find(&id)
            .select(reports::risk)
            .first(c)
            .unwrap()
    });
    assert_eq!(risk, None);
    // A token from another person's session does not work either.
    let other = app.add_staff("deputy@oakfield.example", "oakfield", Role::NominatedStaff);
    let other_b = app.signed_in(&other).await;
    let (_, page, _) = other_b.get("/staff").await;
    let (status, _, _) = browser
        .post_raw(
            &format!("/staff/reports/{id}/risk"),
            &[("risk", "high"), ("csrf", &csrf_from(&page))],
        )
        .await;
    assert_eq!(status, 403);
}

#[actix_rt::test]
async fn the_session_table_holds_nothing_usable_without_the_cookie() {
    let app = spawn_app().await;
    let officer = app.add_staff("officer@police.example", "oakfield", Role::SspOfficer);
    let browser = app.signed_in(&officer).await;
    let token = browser.cookie().split_once('=').unwrap().1.to_owned();
    let (id_hash, wrapped): (Vec<u8>, Vec<u8>) = app.with_conn(|c| {
        sessions::table
            .filter(sessions::user_id.eq(officer.id))
            .select((sessions::id_hash, sessions::wrapped_private_key))
            .first(c)
            .unwrap()
    });
    let key_bytes = officer.key.to_bytes();
    assert!(
        !wrapped.windows(32).any(|w| w == key_bytes.as_ref()),
        "the private key is stored in the clear"
    );
    assert!(!id_hash
        .windows(token.len().min(16))
        .any(|w| token.as_bytes().starts_with(w)));
    // Knowing the stored row does not make a cookie: a cookie of the stored hash opens nothing.
    let forged = StaffBrowser::new(
        &app,
        &format!(
            "confide-session={}",
            data_encoding::BASE64URL_NOPAD.encode(&id_hash)
        ),
    );
    let (status, _, location) = forged.get("/staff").await;
    assert_eq!((status, location.as_deref()), (303, Some("/staff/login")));
}

#[actix_rt::test]
async fn a_temporary_password_must_be_changed_first_and_the_key_survives() {
    let app = spawn_app().await;
    let temporary =
        app.add_person_by_command("new@oakfield.example", "oakfield", "nominated_staff");
    let code = app
        .send_report(
            "oakfield",
            &[("what", "Readable after the password change")],
        )
        .await;
    let id = app.report_id_for(&code);

    let Err((status, _, _)) = app.sign_in("new@oakfield.example", "wrong").await else {
        panic!("signed in with a wrong password")
    };
    assert_eq!(status, 200);
    let browser = app
        .sign_in("new@oakfield.example", &temporary)
        .await
        .unwrap();
    let (status, _, location) = browser.get("/staff").await;
    assert_eq!(
        (status, location.as_deref()),
        (303, Some("/staff/password"))
    );
    let (status, page, _) = browser
        .post(
            "/staff/password",
            &[
                ("current", &temporary),
                ("new", "short"),
                ("confirm", "short"),
            ],
        )
        .await;
    assert_eq!(status, 400);
    assert!(page.contains("Use at least 12 characters"));
    let new = "correct horse battery staple";
    let (status, _, location) = browser
        .post(
            "/staff/password",
            &[("current", &temporary), ("new", new), ("confirm", new)],
        )
        .await;
    assert_eq!((status, location.as_deref()), (303, Some("/staff")));
    assert_eq!(browser.get("/staff").await.0, 200);
    assert!(app
        .sign_in("new@oakfield.example", &temporary)
        .await
        .is_err());
    let again = app.sign_in("new@oakfield.example", new).await.unwrap();
    let (status, case, _) = again.get(&format!("/staff/reports/{id}")).await;
    assert_eq!(status, 200);
    assert!(case.contains("Readable after the password change"));
}

#[actix_rt::test]
async fn unknown_email_and_wrong_password_get_the_same_answer() {
    let app = spawn_app().await;
    let officer = app.add_staff("officer@police.example", "oakfield", Role::SspOfficer);
    let Err(wrong) = app.sign_in(&officer.email, "not the password").await else {
        panic!()
    };
    let Err(unknown) = app
        .sign_in("nobody@police.example", "not the password")
        .await
    else {
        panic!()
    };
    assert_eq!(wrong.0, unknown.0);
    assert!(wrong
        .1
        .contains("Enter a correct email address and password"));
    assert_eq!(
        wrong.1.replace(&officer.email, "EMAIL"),
        unknown.1.replace("nobody@police.example", "EMAIL")
    );
}

#[actix_rt::test]
async fn repeated_sign_in_attempts_are_slowed_down() {
    let app = spawn_app().await;
    let limit = confide::web::ratelimit::SIGN_INS.burst;
    for _ in 0..limit {
        let _ = app.sign_in("nobody@police.example", "guess").await;
    }
    let Err((status, body, _)) = app.sign_in("nobody@police.example", "guess").await else {
        panic!()
    };
    assert_eq!(status, 429);
    assert!(body.contains("Too many sign-in attempts"));
}

#[actix_rt::test]
async fn the_audit_chain_verifies_and_names_the_row_someone_edited() {
    let app = spawn_app().await;
    let officer = app.add_staff("officer@police.example", "oakfield", Role::SspOfficer);
    let id = app.report_id_for(&app.send_report("oakfield", &[]).await);
    let browser = app.signed_in(&officer).await;
    browser.get(&format!("/staff/reports/{id}")).await;
    browser
        .post(&format!("/staff/reports/{id}/risk"), &[("risk", "low")])
        .await;
    browser
        .post(&format!("/staff/reports/{id}/acknowledge"), &[])
        .await;
    let (ok, out) = app.confide(&["audit", "verify"], None);
    assert!(ok, "{out}");
    assert!(out.contains("intact"));

    let target: i64 = app.with_conn(|c| {
        audit_log::table
            .filter(audit_log::action.eq("Risk set"))
            .select(audit_log::id)
            .first(c)
            .unwrap()
    });
    app.with_conn(|c| {
        diesel::update(audit_log::table.find(target))
            .set(audit_log::detail.eq("High"))
            .execute(c)
            .unwrap()
    });
    let (ok, out) = app.confide(&["audit", "verify"], None);
    assert!(!ok);
    assert!(out.contains(&format!("row {target}")), "{out}");
}

/// Backdates a report (and its queue copies) by `seconds`.
fn backdate(app: &TestApp, id: &str, seconds: i64) {
    app.with_conn(|c| {
        let created: i64 = reports::table
            .find(id)
            .select(reports::created_at)
            .first(c)
            .unwrap();
        diesel::update(reports::table.find(id))
            .set(reports::created_at.eq(created - seconds))
            .execute(c)
            .unwrap();
        diesel::update(report_keys::table.filter(report_keys::report_id.eq(id)))
            .set(report_keys::report_created_at.eq(created - seconds))
            .execute(c)
            .unwrap();
    });
}

#[actix_rt::test]
async fn the_queue_puts_urgent_unacknowledged_first_then_risk_then_oldest() {
    let app = spawn_app().await;
    let officer = app.add_staff("officer@police.example", "oakfield", Role::SspOfficer);
    let browser = app.signed_in(&officer).await;
    let mut make = Vec::new();
    for (name, urgent, age_hours) in [
        ("low_old", false, 50),
        ("unrated_new", false, 1),
        ("unrated_old", false, 40),
        ("urgent_acked", true, 30),
        ("urgent_new", true, 2),
        ("urgent_old", true, 20),
        ("high_new", false, 3),
        ("immediate", false, 4),
        ("medium", false, 5),
    ] {
        let happening = if urgent { "yes" } else { "no" };
        let id = app.report_id_for(
            &app.send_report("oakfield", &[("happening_now", happening)])
                .await,
        );
        backdate(&app, &id, age_hours * 3600);
        make.push((name, id));
    }
    let id = |name: &str| make.iter().find(|(n, _)| *n == name).unwrap().1.clone();
    for (name, risk) in [
        ("low_old", "low"),
        ("high_new", "high"),
        ("immediate", "immediate"),
        ("medium", "medium"),
        ("urgent_acked", "low"),
    ] {
        browser
            .post(
                &format!("/staff/reports/{}/risk", id(name)),
                &[("risk", risk)],
            )
            .await;
    }
    browser
        .post(
            &format!("/staff/reports/{}/acknowledge", id("urgent_acked")),
            &[],
        )
        .await;
    let (_, page, _) = browser.get("/staff").await;
    let expected: Vec<String> = [
        "urgent_old",
        "urgent_new",
        "immediate",
        "high_new",
        "medium",
        "low_old",
        "urgent_acked",
        "unrated_old",
        "unrated_new",
    ]
    .iter()
    .map(|n| id(n))
    .collect();
    assert_eq!(queue_ids(&page), expected);
    // Reports not acknowledged within the school's 24 hours are marked overdue.
    assert_eq!(
        page.matches("Overdue").count(),
        2,
        "low_old (50h) and unrated_old (40h)"
    );
    // Filters narrow the same order.
    let (_, high, _) = browser.get("/staff?risk=high").await;
    assert_eq!(queue_ids(&high), vec![id("high_new")]);
    let (_, unrated, _) = browser.get("/staff?risk=unrated").await;
    assert_eq!(
        queue_ids(&unrated),
        vec![
            id("urgent_old"),
            id("urgent_new"),
            id("unrated_old"),
            id("unrated_new")
        ]
    );
}

#[actix_rt::test]
async fn the_queue_pages_through_every_report_exactly_once() {
    let app = spawn_app().await;
    let officer = app.add_staff("officer@police.example", "oakfield", Role::SspOfficer);
    let school = confide::domain::school::SchoolSlug::parse("oakfield").unwrap();
    app.with(|conn, ctx| {
        for i in 0..120 {
            let mut input = confide::domain::report::ReportInput::default();
            input.category = Some("bullying".into());
            input.location = Some("online".into());
            input.happening_now = Some(if i % 7 == 0 { "yes" } else { "no" }.into());
            input.about = Some("no".into());
            input.what = Some(format!("report {i}"));
            let report = confide::domain::report::validate(&input).unwrap();
            confide::app::pupil::submit(conn, ctx, &school, &report, &[]).unwrap();
        }
    });
    let browser = app.signed_in(&officer).await;
    let mut seen = Vec::new();
    let mut next = Some("/staff".to_owned());
    let mut pages = 0;
    while let Some(path) = next {
        let (status, page, _) = browser.get(&path.replace("&amp;", "&")).await;
        assert_eq!(status, 200);
        seen.extend(queue_ids(&page));
        next = page
            .split("rel=\"next\"")
            .next()
            .and_then(|before| before.rsplit("href=\"").next())
            .filter(|_| page.contains("rel=\"next\""))
            .map(|h| h.split('"').next().unwrap().to_owned());
        pages += 1;
        assert!(pages < 10);
    }
    assert_eq!(pages, 3);
    assert_eq!(seen.len(), 120);
    let mut unique = seen.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), 120);
}

#[actix_rt::test]
async fn every_change_is_confirmed_by_a_banner_and_a_new_report_says_new() {
    let app = spawn_app().await;
    let officer = app.add_staff("officer@police.example", "oakfield", Role::SspOfficer);
    let id = app.report_id_for(&app.send_report("oakfield", &[]).await);
    let b = app.signed_in(&officer).await;
    let case = format!("/staff/reports/{id}");
    let (_, page, _) = b.get(&case).await;
    assert!(
        page.contains("<option value=\"\" selected disabled>New</option>"),
        "the status control does not say the report is new"
    );
    assert!(!page.contains("govuk-notification-banner--success"));
    for (change, fields, words) in [
        ("acknowledge", vec![], "Report acknowledged"),
        (
            "replies",
            vec![("text", "Thank you for telling us")],
            "Reply sent. The pupil sees it when they next use their receipt code",
        ),
        ("risk", vec![("risk", "high")], "Risk updated"),
    ] {
        let (status, _, location) = b.post(&format!("{case}/{change}"), &fields).await;
        assert_eq!(status, 303);
        let location = location.unwrap();
        let (_, page, _) = b.get(&location).await;
        assert!(
            page.contains("govuk-notification-banner--success"),
            "{change}"
        );
        assert!(page.contains(words), "{change}: no \"{words}\"");
    }
    // Only the known changes have words: anything else in the address shows nothing.
    let (_, page, _) = b.get(&format!("{case}?done=%3Cscript%3E")).await;
    assert!(!page.contains("govuk-notification-banner--success"));
}

#[actix_rt::test]
async fn the_chronology_records_one_view_per_sitting() {
    let app = spawn_app().await;
    let officer = app.add_staff("officer@police.example", "oakfield", Role::SspOfficer);
    let id = app.report_id_for(&app.send_report("oakfield", &[]).await);
    let b = app.signed_in(&officer).await;
    let case = format!("/staff/reports/{id}");
    let views = |app: &crate::helpers::TestApp| -> i64 {
        use confide::db::schema::report_events;
        app.with_conn(|c| {
            report_events::table
                .filter(report_events::report_id.eq(&id))
                .filter(report_events::kind.eq("viewed"))
                .count()
                .get_result(c)
                .unwrap()
        })
    };
    b.get(&case).await;
    for change in ["acknowledge", "notes"] {
        let (_, _, location) = b
            .post(&format!("{case}/{change}"), &[("text", "A note")])
            .await;
        b.get(&location.unwrap()).await;
    }
    b.get(&case).await;
    assert_eq!(views(&app), 1, "one sitting, one view");
    app.ctx.clock.advance(31 * 60);
    let b = app.signed_in(&officer).await;
    b.get(&case).await;
    assert_eq!(views(&app), 2, "a later sitting is a view of its own");
}
