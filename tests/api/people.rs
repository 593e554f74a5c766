//! People change: newcomers get existing reports through a colleague or the recovery key;
//! leavers lose theirs; a password reset is never a back door. And administration.

use confide::crypto::sealed_box::recovery_key_to_text;
use confide::domain::choices::Role;

use crate::helpers::{spawn_app, TestApp};

#[actix_rt::test]
async fn a_newcomer_can_read_old_reports_once_a_colleague_signs_in() {
    let app = spawn_app().await;
    let officer = app.add_staff("officer@police.example", "oakfield", Role::SspOfficer);
    let id = app.report_id_for(
        &app.send_report("oakfield", &[("what", "Sent before the newcomer")])
            .await,
    );
    let newcomer = app.add_staff(
        "newdeputy@oakfield.example",
        "oakfield",
        Role::NominatedStaff,
    );
    let browser = app.signed_in(&newcomer).await;
    assert_eq!(browser.get(&format!("/staff/reports/{id}")).await.0, 404);
    let (_, queue, _) = browser.get("/staff").await;
    assert!(queue.contains("not readable by you yet"));

    app.signed_in(&officer).await;
    let (status, case, _) = browser.get(&format!("/staff/reports/{id}")).await;
    assert_eq!(status, 200);
    assert!(case.contains("Sent before the newcomer"));
    let (_, queue, _) = browser.get("/staff").await;
    assert!(!queue.contains("not readable by you yet"));
}

#[actix_rt::test]
async fn a_newcomer_is_told_of_unreadable_reports_only_when_there_are_some() {
    let app = spawn_app().await;
    app.add_staff("officer@police.example", "oakfield", Role::SspOfficer);
    // Riverside has reports; Oakfield, where the newcomer starts, has none.
    app.send_report("riverside", &[]).await;
    let newcomer = app.add_staff(
        "newdeputy@oakfield.example",
        "oakfield",
        Role::NominatedStaff,
    );
    let browser = app.signed_in(&newcomer).await;
    let (_, queue, _) = browser.get("/staff").await;
    assert!(
        !queue.contains("not readable by you yet"),
        "told of reports that do not exist"
    );
}

#[actix_rt::test]
async fn sharing_respects_the_routing_rules() {
    let app = spawn_app().await;
    let officer = app.add_staff("officer@police.example", "oakfield", Role::SspOfficer);
    let about_head = app.report_id_for(&app.send_report("oakfield", &[("about", "head")]).await);
    let about_staff = app.report_id_for(&app.send_report("oakfield", &[("about", "staff")]).await);
    let head = app.add_staff("head@oakfield.example", "oakfield", Role::HeadTeacher);
    let deputy = app.add_staff("deputy@oakfield.example", "oakfield", Role::NominatedStaff);
    app.signed_in(&officer).await;
    assert!(app.key_holders(&about_staff).contains(&head.id));
    assert!(!app.key_holders(&about_staff).contains(&deputy.id));
    assert!(
        !app.key_holders(&about_head).contains(&head.id),
        "the head was given a report about the head"
    );
}

/// `confide recovery share` for riverside as the administrator: their code, then the key.
fn share_recovery(app: &TestApp, email: &str, key: &str) -> (bool, String) {
    let code = app.cli_code("admin@la.example");
    app.confide(
        &[
            "recovery",
            "share",
            "--school",
            "riverside",
            "--user",
            email,
            "--as",
            "admin@la.example",
        ],
        Some(&format!("{code}\n{key}\n")),
    )
}

#[actix_rt::test]
async fn the_recovery_key_shares_reports_sent_while_no_one_was_set_up() {
    let app = spawn_app().await;
    let id = app.report_id_for(
        &app.send_report("riverside", &[("what", "Nobody was set up")])
            .await,
    );
    let deputy = app.add_staff(
        "deputy@riverside.example",
        "riverside",
        Role::NominatedStaff,
    );
    app.add_admin();
    let key = recovery_key_to_text(app.recovery_key("riverside"));
    let (ok, out) = share_recovery(&app, &deputy.email, key.as_str());
    assert!(ok, "{out}");
    assert!(out.contains("1 reports"), "{out}");
    assert!(!out.contains(key.as_str()), "the key was echoed");
    let browser = app.signed_in(&deputy).await;
    let (status, case, _) = browser.get(&format!("/staff/reports/{id}")).await;
    assert_eq!(status, 200);
    assert!(case.contains("Nobody was set up"));

    // Another school's recovery key is refused.
    let wrong = recovery_key_to_text(app.recovery_key("oakfield"));
    let (ok, out) = share_recovery(&app, &deputy.email, wrong.as_str());
    assert!(!ok);
    assert!(out.contains("does not belong"), "{out}");
}

#[actix_rt::test]
async fn revoking_a_role_deletes_that_persons_keys() {
    let app = spawn_app().await;
    app.add_staff("officer@police.example", "oakfield", Role::SspOfficer);
    let deputy = app.add_staff("deputy@oakfield.example", "oakfield", Role::NominatedStaff);
    let id = app.report_id_for(&app.send_report("oakfield", &[]).await);
    assert!(app.key_holders(&id).contains(&deputy.id));
    let (ok, out) = app.confide(
        &[
            "role",
            "revoke",
            "--school",
            "oakfield",
            "--user",
            &deputy.email,
            "--role",
            "nominated_staff",
        ],
        None,
    );
    assert!(ok, "{out}");
    assert!(!app.key_holders(&id).contains(&deputy.id));
    let browser = app.signed_in(&deputy).await;
    assert_eq!(browser.get(&format!("/staff/reports/{id}")).await.0, 404);
}

#[actix_rt::test]
async fn a_password_reset_gives_a_new_key_and_no_back_door() {
    let app = spawn_app().await;
    let officer = app.add_staff("officer@police.example", "oakfield", Role::SspOfficer);
    let deputy = app.add_staff("deputy@oakfield.example", "oakfield", Role::NominatedStaff);
    let id = app.report_id_for(&app.send_report("oakfield", &[]).await);
    let (ok, out) = app.confide(&["user", "reset-password", "--email", &deputy.email], None);
    assert!(ok, "{out}");
    let temporary = out.lines().nth(1).unwrap().trim().to_owned();
    assert!(
        !app.key_holders(&id).contains(&deputy.id),
        "old keys survived the reset"
    );
    assert!(app.sign_in(&deputy.email, &deputy.password).await.is_err());
    let browser = app.sign_in(&deputy.email, &temporary).await.unwrap();
    let new = "a brand new long password";
    browser
        .post(
            "/staff/password",
            &[("current", &temporary), ("new", new), ("confirm", new)],
        )
        .await;
    assert_eq!(browser.get(&format!("/staff/reports/{id}")).await.0, 404);
    // Shared again when a colleague signs in, under the new key.
    app.signed_in(&officer).await;
    assert_eq!(browser.get(&format!("/staff/reports/{id}")).await.0, 200);
}

#[actix_rt::test]
async fn administration_is_for_administrators_and_shows_no_report_text() {
    let app = spawn_app().await;
    let officer = app.add_staff("officer@police.example", "oakfield", Role::SspOfficer);
    let id = app.report_id_for(
        &app.send_report("oakfield", &[("what", "ADMIN MUST NOT SEE")])
            .await,
    );
    let browser = app.signed_in(&officer).await;
    assert_eq!(browser.get("/staff/admin").await.0, 404);
    assert_eq!(
        browser
            .post(
                "/staff/admin/people",
                &[("email", "x@y.example"), ("name", "X")]
            )
            .await
            .0,
        404
    );

    app.add_admin();
    let admin = app.signed_in_admin().await;
    let (status, page, _) = admin.get("/staff/admin").await;
    assert_eq!(status, 200);
    assert!(page.contains("Oakfield Academy") && page.contains("officer@police.example"));
    assert!(
        page.contains("No one receives this school"),
        "riverside's missing recipients are not flagged"
    );
    let (_, queue, _) = admin.get("/staff").await;
    assert!(!queue.contains(&id));
    assert_eq!(admin.get(&format!("/staff/reports/{id}")).await.0, 404);

    let (status, page, _) = admin
        .post(
            "/staff/admin/schools",
            &[
                ("slug", "elm-park"),
                ("name", "Elm Park School"),
                ("hours", "Weekdays 9 to 3"),
            ],
        )
        .await;
    assert_eq!(status, 200);
    assert!(page.contains("CONFIDE-RECOVERY-"));
    let (status, page, _) = admin
        .post(
            "/staff/admin/people",
            &[("email", "new@elm.example"), ("name", "Elm Deputy")],
        )
        .await;
    assert_eq!(status, 200);
    assert!(page.contains("Temporary password for Elm Deputy"));
    let (_, overview, _) = admin.get("/staff/admin").await;
    let user_id = overview
        .split("<option value=\"")
        .filter_map(|s| s.split_once("\">"))
        .find(|(_, rest)| rest.starts_with("Elm Deputy"))
        .unwrap()
        .0
        .to_owned();
    let elm_id: i64 = app.with_conn(|c| {
        use confide::db::schema::schools;
        use diesel::prelude::*;
        schools::table
            .filter(schools::slug.eq("elm-park"))
            .select(schools::id)
            .first(c)
            .unwrap()
    });
    let (status, _, _) = admin
        .post(
            "/staff/admin/roles",
            &[
                ("school", &elm_id.to_string()),
                ("user", &user_id),
                ("role", "nominated_staff"),
            ],
        )
        .await;
    assert_eq!(status, 303);
    let (ok, out) = app.confide(&["role", "list", "--school", "elm-park"], None);
    assert!(
        ok && out.contains("nominated_staff\tnew@elm.example"),
        "{out}"
    );
    let (status, _, _) = admin
        .post(
            &format!("/staff/admin/schools/{elm_id}"),
            &[
                (&format!("hours-{elm_id}"), "Mon to Fri, 8 to 5"),
                (&format!("schedule-{elm_id}"), "Mon-Fri 08:00-17:00"),
                (&format!("ack-{elm_id}"), "12"),
                (&format!("keep-anonymous-{elm_id}"), "60"),
                (&format!("keep-named-{elm_id}"), "365"),
                (&format!("keep-staff-{elm_id}"), "3650"),
            ],
        )
        .await;
    assert_eq!(status, 303);
    let (_, landing) = app.get_text("/s/elm-park").await;
    assert!(landing.contains("Mon to Fri, 8 to 5"));
    let kept: i32 = app.with_conn(|c| {
        use confide::db::schema::schools;
        use diesel::prelude::*;
        schools::table
            .filter(schools::slug.eq("elm-park"))
            .select(schools::retain_anonymous_days)
            .first(c)
            .unwrap()
    });
    assert_eq!(kept, 60);
}

#[actix_rt::test]
async fn a_new_role_can_take_reports_away() {
    let app = spawn_app().await;
    let officer = app.add_staff("officer@police.example", "oakfield", Role::SspOfficer);
    let about_head = app.report_id_for(&app.send_report("oakfield", &[("about", "head")]).await);
    assert!(app.key_holders(&about_head).contains(&officer.id));
    // The officer becomes head teacher (acting head): reports about the head leave them.
    let (ok, out) = app.confide(
        &[
            "role",
            "grant",
            "--school",
            "oakfield",
            "--user",
            &officer.email,
            "--role",
            "head_teacher",
        ],
        None,
    );
    assert!(ok, "{out}");
    assert!(!app.key_holders(&about_head).contains(&officer.id));
}

#[actix_rt::test]
async fn leaving_a_temporary_password_replaces_the_key_pair() {
    use confide::db::schema::{report_keys, users};
    use diesel::prelude::*;
    let app = spawn_app().await;
    let temporary = app.add_person_by_command("new@oakfield.example", "oakfield", "ssp_officer");
    let id = app.report_id_for(&app.send_report("oakfield", &[]).await);
    // What an administrator who saw the temporary password could open from a copy taken now.
    let old_key = app.with_conn(|c| {
        let user: confide::store::users::User = users::table
            .filter(users::email.eq("new@oakfield.example"))
            .select(confide::store::users::User::as_select())
            .first(c)
            .unwrap();
        confide::crypto::password::SealedPrivateKey {
            salt: user.private_key_salt,
            sealed: user.private_key_sealed,
        }
        .open(&temporary)
        .unwrap()
    });
    let browser = app
        .sign_in("new@oakfield.example", &temporary)
        .await
        .unwrap();
    let new = "my own long password";
    browser
        .post(
            "/staff/password",
            &[("current", &temporary), ("new", new), ("confirm", new)],
        )
        .await;
    let wrapped: Vec<u8> = app.with_conn(|c| {
        report_keys::table
            .filter(report_keys::report_id.eq(&id))
            .inner_join(users::table)
            .filter(users::email.eq("new@oakfield.example"))
            .select(report_keys::wrapped)
            .first(c)
            .unwrap()
    });
    let user_id: confide::domain::ids::UserId = app.with_conn(|c| {
        users::table
            .filter(users::email.eq("new@oakfield.example"))
            .select(users::id)
            .first(c)
            .unwrap()
    });
    let wrapped = app.unbound(
        &id,
        confide::crypto::retention::KeyCopy::Recipient(user_id),
        &wrapped,
    );
    assert!(
        confide::crypto::sealed_box::ReportKeys::unwrap_with(
            &old_key,
            &crate::helpers::rid(&id),
            &wrapped
        )
        .is_err(),
        "the temporary key still opens reports"
    );
    assert_eq!(
        browser.get(&format!("/staff/reports/{id}")).await.0,
        200,
        "the person lost their reports"
    );
}

#[actix_rt::test]
async fn a_newcomer_is_shared_reports_even_when_a_colleague_left() {
    let app = spawn_app().await;
    let first = app.add_staff("first@police.example", "oakfield", Role::SspOfficer);
    let deputy = app.add_staff("deputy@oakfield.example", "oakfield", Role::NominatedStaff);
    let id = app.report_id_for(&app.send_report("oakfield", &[]).await);
    app.with(|conn, ctx| {
        confide::app::people::set_disabled(
            conn,
            ctx,
            &confide::app::Admin::command_line(),
            first.id,
            true,
        )
        .unwrap()
    });
    let second = app.add_staff("second@police.example", "oakfield", Role::SspOfficer);
    app.signed_in(&deputy).await;
    assert!(app.key_holders(&id).contains(&second.id));
}

#[actix_rt::test]
async fn an_administrator_lands_on_administration_and_sees_which_roles_a_school_lacks() {
    let app = spawn_app().await;
    app.add_staff("officer@police.example", "oakfield", Role::SspOfficer);
    app.add_staff("head@riverside.example", "riverside", Role::HeadTeacher);
    app.add_admin();
    let admin = app.signed_in_admin().await;
    let (status, _, location) = admin.get("/staff").await;
    assert_eq!(
        (status, location.as_deref()),
        (303, Some("/staff/admin")),
        "an administrator with no reports to read lands on the queue"
    );
    let (_, page, _) = admin.get("/staff/admin").await;
    let card = |name: &str| -> String {
        page.split("govuk-summary-card__title\">")
            .find(|c| c.starts_with(name))
            .unwrap()
            .to_owned()
    };
    let oakfield = card("Oakfield Academy");
    assert!(oakfield.contains("There is no head teacher. Reports about a member of staff go only to the Safer School Partnership officer."));
    assert!(oakfield.contains("There is no chair of governors. Reports about the head teacher go only to the Safer School Partnership officer."));
    let riverside = card("Riverside");
    assert!(!riverside.contains("There is no head teacher"));
    assert!(riverside.contains("There is no chair of governors and no Safer School Partnership officer. Reports about the head teacher reach no one"));
}
