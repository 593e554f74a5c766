//! Who receives a report: the routing rules, schools with nobody set up, and keys that open only for recipients.

use confide::crypto::context::field as field_context;
use confide::crypto::sealed_box::ReportKeys;
use confide::db::schema::{report_keys, reports};
use confide::domain::choices::Role;
use diesel::prelude::*;

use crate::helpers::{captured_log, spawn_app, TestApp};

fn wrapped_for(app: &TestApp, report_id: &str, user_id: confide::domain::ids::UserId) -> Vec<u8> {
    let bound: Vec<u8> = app.with_conn(|conn| {
        report_keys::table
            .filter(report_keys::report_id.eq(report_id))
            .filter(report_keys::user_id.eq(user_id))
            .select(report_keys::wrapped)
            .first(conn)
            .unwrap()
    });
    app.unbound(
        report_id,
        confide::crypto::retention::KeyCopy::Recipient(user_id),
        &bound,
    )
}

#[actix_rt::test]
async fn reports_are_sealed_for_exactly_the_people_the_rules_name() {
    let app = spawn_app().await;
    let officer = app.add_staff("officer@police.example", "oakfield", Role::SspOfficer);
    let deputy = app.add_staff("deputy@oakfield.example", "oakfield", Role::NominatedStaff);
    let head = app.add_staff("head@oakfield.example", "oakfield", Role::HeadTeacher);
    let chair = app.add_staff("chair@oakfield.example", "oakfield", Role::ChairOfGovernors);

    let cases = [
        ("no", vec![officer.id, deputy.id]),
        ("staff", vec![officer.id, head.id]),
        ("head", vec![officer.id, chair.id]),
    ];
    for (about, expected) in cases {
        let code = app.send_report("oakfield", &[("about", about)]).await;
        let id = app.report_id_for(&code);
        let mut expected = expected.clone();
        expected.sort();
        assert_eq!(app.key_holders(&id), expected, "about = {about}");
        // Each holder's copy really opens with their key, and reads the report.
        for (user_id, key) in [
            (officer.id, &officer.key),
            (deputy.id, &deputy.key),
            (head.id, &head.key),
            (chair.id, &chair.key),
        ] {
            if expected.contains(&user_id) {
                let keys = ReportKeys::unwrap_with(
                    key,
                    &crate::helpers::rid(&id),
                    &wrapped_for(&app, &id, user_id),
                )
                .unwrap();
                let details = app.sealed_details(&id);
                let text = keys
                    .report
                    .open_text(
                        &field_context(&crate::helpers::rid(&id), "details"),
                        &details,
                    )
                    .unwrap();
                assert!(text.contains("Someone keeps pushing me over"));
            }
        }
    }
}

#[actix_rt::test]
async fn a_school_with_nobody_to_receive_still_accepts_the_report_and_says_so_loudly() {
    let app = spawn_app().await;
    let code = app
        .send_report("riverside", &[("what", "Nobody set up here yet")])
        .await;
    let id = app.report_id_for(&code);
    assert!(app.key_holders(&id).is_empty());
    let (unrouted, recovery): (bool, Vec<u8>) = app.with_conn(|conn| {
        reports::table
            .find(&id)
            .select((reports::unrouted, reports::recovery_keys))
            .first(conn)
            .unwrap()
    });
    assert!(unrouted);
    let recovery = app.unbound(
        &id,
        confide::crypto::retention::KeyCopy::Recovery,
        &recovery,
    );
    // The school's recovery key opens it, so nothing is lost.
    let keys = ReportKeys::unwrap_with(
        app.recovery_key("riverside"),
        &crate::helpers::rid(&id),
        &recovery,
    )
    .unwrap();
    let details = app.sealed_details(&id);
    assert!(keys
        .report
        .open_text(
            &field_context(&crate::helpers::rid(&id), "details"),
            &details
        )
        .unwrap()
        .contains("Nobody set up here yet"));
    let log = captured_log();
    assert!(log.contains("ERROR") && log.contains("NO RECIPIENT") && log.contains("riverside"));
    // The pupil was not told anything different.
    let (_, page) = app.post_form("/followup", &[("code", &code)]).await;
    assert!(page.contains("Nobody set up here yet"));
}

#[actix_rt::test]
async fn staff_of_another_school_cannot_unwrap_a_report_even_given_the_row() {
    let app = spawn_app().await;
    let oak_officer = app.add_staff("oak@police.example", "oakfield", Role::SspOfficer);
    let river_deputy = app.add_staff(
        "deputy@riverside.example",
        "riverside",
        Role::NominatedStaff,
    );
    let code = app.send_report("oakfield", &[]).await;
    let id = app.report_id_for(&code);
    assert!(!app.key_holders(&id).contains(&river_deputy.id));
    let wrapped = wrapped_for(&app, &id, oak_officer.id);
    assert!(
        ReportKeys::unwrap_with(&river_deputy.key, &crate::helpers::rid(&id), &wrapped).is_err()
    );
    let recovery: Vec<u8> = app.with_conn(|conn| {
        reports::table
            .find(&id)
            .select(reports::recovery_keys)
            .first(conn)
            .unwrap()
    });
    let recovery = app.unbound(
        &id,
        confide::crypto::retention::KeyCopy::Recovery,
        &recovery,
    );
    assert!(
        ReportKeys::unwrap_with(&river_deputy.key, &crate::helpers::rid(&id), &recovery).is_err()
    );
    assert!(ReportKeys::unwrap_with(
        app.recovery_key("riverside"),
        &crate::helpers::rid(&id),
        &recovery
    )
    .is_err());
}

#[actix_rt::test]
async fn a_disabled_account_is_not_sent_new_reports() {
    let app = spawn_app().await;
    let officer = app.add_staff("officer@police.example", "oakfield", Role::SspOfficer);
    let deputy = app.add_staff("deputy@oakfield.example", "oakfield", Role::NominatedStaff);
    app.with_conn(|conn| {
        use confide::db::schema::users;
        diesel::update(users::table.find(deputy.id))
            .set(users::disabled.eq(true))
            .execute(conn)
            .unwrap();
    });
    let code = app.send_report("oakfield", &[]).await;
    assert_eq!(app.key_holders(&app.report_id_for(&code)), vec![officer.id]);
}
