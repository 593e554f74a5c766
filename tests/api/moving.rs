//! A report sent to the wrong school of a cluster, moved to the right one: readable by the
//! new school's recipients (its routing rules choosing them) and by none of the old, still
//! the pupil's through their receipt code, refused to anyone without a role at the target
//! school and behind a fresh second factor, and counted at the new school.

use confide::app::{people, sharing};
use confide::db::schema::{insight_changes, insight_weeks, report_keys, reports};
use confide::domain::choices::Role;
use confide::domain::person::Email;
use confide::store::audit::Actor;
use diesel::prelude::*;
use image::ImageFormat;

use crate::helpers::{spawn_app, Staff, StaffBrowser, TestApp};
use crate::insights::{html_tables, table};
use crate::pictures::{encode, noisy, post_multipart};

const WHAT: &str = "MOVECANARY a boy at the bus stop keeps taking my phone";

/// The officer of both schools, who moves reports, and each school's nominated staff
/// member and head teacher.
struct Cluster {
    officer: Staff,
    oak_dsl: Staff,
    oak_head: Staff,
    river_dsl: Staff,
    river_head: Staff,
}

fn cluster(app: &TestApp) -> Cluster {
    let officer = app.add_staff("officer@police.example", "oakfield", Role::SspOfficer);
    app.add_staff("officer@police.example", "riverside", Role::SspOfficer);
    Cluster {
        officer,
        oak_dsl: app.add_staff("dsl@oakfield.example", "oakfield", Role::NominatedStaff),
        oak_head: app.add_staff("head@oakfield.example", "oakfield", Role::HeadTeacher),
        river_dsl: app.add_staff("dsl@riverside.example", "riverside", Role::NominatedStaff),
        river_head: app.add_staff("head@riverside.example", "riverside", Role::HeadTeacher),
    }
}

/// Posts the case page's move form.
async fn move_to(
    browser: &StaffBrowser<'_>,
    id: &str,
    school: &str,
) -> (u16, String, Option<String>) {
    browser
        .post(&format!("/staff/reports/{id}/move"), &[("school", school)])
        .await
}

/// The school a report is stored under, and who holds a copy of its keys, as stored.
fn stored(app: &TestApp, id: &str) -> (i64, Vec<i64>) {
    app.with_conn(|c| {
        let school: i64 = reports::table
            .find(id)
            .select(reports::school_id)
            .first(c)
            .unwrap();
        let holders: Vec<i64> = report_keys::table
            .filter(report_keys::report_id.eq(id))
            .order(report_keys::user_id.asc())
            .select(report_keys::user_id)
            .load(c)
            .unwrap();
        (school, holders)
    })
}

fn ids(people: &[&Staff]) -> Vec<i64> {
    let mut ids: Vec<i64> = people.iter().map(|p| p.id.0).collect();
    ids.sort_unstable();
    ids.dedup();
    ids
}

#[actix_rt::test]
async fn a_moved_report_is_readable_by_the_new_schools_recipients_and_by_none_of_the_old() {
    let app = spawn_app().await;
    let people = cluster(&app);
    let riverside = app.school("riverside").id.to_string();
    let png = encode(&noisy(20, 20), ImageFormat::Png);
    let form = [
        ("category", "online_bullying"),
        ("location", "online"),
        ("happening_now", "no"),
        ("about", "no"),
        ("what", WHAT),
    ];
    let (_, page) = post_multipart(
        &app,
        "/s/oakfield/report",
        &form,
        &[("a.png", "image/png", &png)],
    )
    .await;
    let code = crate::helpers::receipt_from(&page);
    let id = app.report_id_for(&code);
    let case = format!("/staff/reports/{id}");
    let officer = app.signed_in(&people.officer).await;
    officer.reply(&id, "Thank you for telling us.").await;
    assert_eq!(
        officer
            .change_case(&id, "notes", &[("text", "NOTECANARY wrong school")])
            .await,
        303
    );
    let (_, page, _) = officer.get(&case).await;
    assert!(page.contains("Sent to the wrong school?"), "no move form");
    assert!(
        page.contains(&format!("<option value=\"{riverside}\">")),
        "{page}"
    );

    let (status, _, location) = move_to(&officer, &id, &riverside).await;
    assert_eq!(status, 303);
    assert_eq!(location, Some(format!("{case}?done=move")));
    let (school, holders) = stored(&app, &id);
    assert_eq!(school.to_string(), riverside);
    assert_eq!(holders, ids(&[&people.officer, &people.river_dsl]));

    // None of the old school's people can open it, nor find it in their queue.
    for old in [&people.oak_dsl, &people.oak_head] {
        let browser = app.signed_in(old).await;
        assert_eq!(browser.get(&case).await.0, 404, "{}", old.email);
        assert!(!browser.get("/staff").await.1.contains(&id));
    }
    // The new school's nominated staff member reads everything: the words, the
    // conversation, the note, the picture, and the chronology says who moved it.
    let river = app.signed_in(&people.river_dsl).await;
    let (status, page, _) = river.get(&case).await;
    assert_eq!(status, 200);
    for shown in [WHAT, "Thank you for telling us.", "NOTECANARY wrong school"] {
        assert!(page.contains(shown), "{shown} is missing");
    }
    assert!(
        page.contains("Moved from Oakfield") && page.contains("by Test Person"),
        "the chronology: {page}"
    );
    let picture = page
        .split("href=\"")
        .find(|p| p.starts_with(&format!("{case}/pictures/")))
        .and_then(|p| p.split('"').next())
        .expect("the picture is listed");
    let (status, bytes, _) = river.get(picture).await;
    assert_eq!(status, 200, "the picture opens");
    assert!(!bytes.is_empty());
    assert!(app.event_kinds(&id).contains(&"moved".to_owned()));

    // The pupil's code still opens it, and a reply from the new school reaches them.
    river
        .reply(&id, "RIVERSIDE here: we will talk to you tomorrow.")
        .await;
    let (status, page) = app.post_form("/followup", &[("code", &code)]).await;
    assert_eq!(status, 200);
    assert!(page.contains(WHAT), "{page}");
    assert!(page.contains("RIVERSIDE here: we will talk to you tomorrow."));
    let (status, _) = app
        .post_form(
            "/followup/message",
            &[("code", &code), ("message", "Thank you, Riverside.")],
        )
        .await;
    assert_eq!(status, 200);
    assert!(river.get(&case).await.1.contains("Thank you, Riverside."));
}

#[actix_rt::test]
async fn a_report_about_staff_goes_to_the_new_schools_head_and_not_its_nominated_staff() {
    let app = spawn_app().await;
    let people = cluster(&app);
    let code = app.send_report("oakfield", &[("about", "staff")]).await;
    let id = app.report_id_for(&code);
    assert_eq!(
        stored(&app, &id).1,
        ids(&[&people.officer, &people.oak_head])
    );
    let officer = app.signed_in(&people.officer).await;
    let riverside = app.school("riverside").id.to_string();
    assert_eq!(move_to(&officer, &id, &riverside).await.0, 303);
    assert_eq!(
        stored(&app, &id).1,
        ids(&[&people.officer, &people.river_head])
    );
    let dsl = app.signed_in(&people.river_dsl).await;
    assert_eq!(dsl.get(&format!("/staff/reports/{id}")).await.0, 404);
}

#[actix_rt::test]
async fn a_person_without_a_role_at_the_target_school_cannot_move_it_there() {
    let app = spawn_app().await;
    let people = cluster(&app);
    let id = app.report_id_for(&app.send_report("oakfield", &[]).await);
    let before = stored(&app, &id);
    let riverside = app.school("riverside").id.to_string();
    // Oakfield's nominated staff member reads it but holds no role at Riverside: no form,
    // and a forged one is refused kindly.
    let dsl = app.signed_in(&people.oak_dsl).await;
    let (_, page, _) = dsl.get(&format!("/staff/reports/{id}")).await;
    assert!(!page.contains("Sent to the wrong school?"));
    let (status, page, _) = move_to(&dsl, &id, &riverside).await;
    assert_eq!(status, 400);
    assert!(page.contains("Choose one of the schools listed"), "{page}");
    // Nor to a school that does not exist, nor to one given as nonsense.
    let officer = app.signed_in(&people.officer).await;
    for forged in ["987654", "riverside", ""] {
        let (status, page, _) = move_to(&officer, &id, forged).await;
        assert_eq!(status, 400, "{forged}");
        assert!(page.contains("Choose one of the schools listed"));
    }
    // Someone it is not routed to is told it does not exist.
    let outsider = app.signed_in(&people.river_dsl).await;
    assert_eq!(move_to(&outsider, &id, &riverside).await.0, 404);
    assert_eq!(stored(&app, &id), before, "nothing moved");
    assert!(!app.event_kinds(&id).contains(&"moved".to_owned()));
}

#[actix_rt::test]
async fn a_linked_report_must_be_unlinked_before_it_moves() {
    let app = spawn_app().await;
    let people = cluster(&app);
    let one = app.report_id_for(&app.send_report("oakfield", &[]).await);
    let two = app.report_id_for(&app.send_report("oakfield", &[]).await);
    let officer = app.signed_in(&people.officer).await;
    let (status, _, _) = officer
        .post(&format!("/staff/reports/{one}/link"), &[("other", &two)])
        .await;
    assert_eq!(status, 303);
    let riverside = app.school("riverside").id.to_string();
    let before = stored(&app, &two);
    let (status, page, _) = move_to(&officer, &two, &riverside).await;
    assert_eq!(status, 400);
    assert!(page.contains("unlink it before you move it"), "{page}");
    assert_eq!(stored(&app, &two), before);
    assert_eq!(officer.change_case(&two, "unlink", &[]).await, 303);
    assert_eq!(move_to(&officer, &two, &riverside).await.0, 303);
    assert_eq!(stored(&app, &two).0.to_string(), riverside);
}

#[actix_rt::test]
async fn a_stale_second_factor_is_asked_for_again_before_a_move() {
    let app = spawn_app().await;
    let people = cluster(&app);
    let id = app.report_id_for(&app.send_report("oakfield", &[]).await);
    let before = stored(&app, &id);
    let officer = app.signed_in(&people.officer).await;
    app.ctx.clock.advance(11 * 60);
    let riverside = app.school("riverside").id.to_string();
    let (status, _, location) = move_to(&officer, &id, &riverside).await;
    assert_eq!(status, 303);
    let then = format!("/staff/verify?then=%2Fstaff%2Freports%2F{id}");
    assert_eq!(location.as_deref(), Some(then.as_str()));
    assert_eq!(stored(&app, &id), before, "moved without the second factor");
    let code = app.next_code(&people.officer.email);
    officer
        .post("/staff/verify", &[("code", &code), ("then", "/staff")])
        .await;
    assert_eq!(move_to(&officer, &id, &riverside).await.0, 303);
    assert_eq!(stored(&app, &id).0.to_string(), riverside);
}

/// The officer's count of reports at one school, as the figures page shows it.
async fn reports_at(browser: &StaffBrowser<'_>, school: &str) -> i64 {
    let (_, page, _) = browser
        .get(&format!("/staff/insights?school={school}"))
        .await;
    let tables = html_tables(&page);
    let shown = table(&tables, "How quickly")
        .iter()
        .find(|r| r[0].starts_with("Reports"))
        .expect("a Reports row")[1]
        .clone();
    shown
        .parse()
        .unwrap_or_else(|_| panic!("not a number: {shown}"))
}

#[actix_rt::test]
async fn the_figures_count_a_moved_report_at_its_new_school() {
    let app = spawn_app().await;
    let people = cluster(&app);
    // Figures are rounded to the nearest 5: eight reports show as 10 and seven as 5, so
    // one report moving from eight at Oakfield to seven at Riverside shows at both.
    let mut sent = Vec::new();
    for school in ["oakfield"; 8].into_iter().chain(["riverside"; 7]) {
        sent.push(app.report_id_for(&app.send_report(school, &[]).await));
    }
    let officer = app.signed_in(&people.officer).await;
    let (oakfield, riverside) = (
        app.school("oakfield").id.to_string(),
        app.school("riverside").id.to_string(),
    );
    assert_eq!(reports_at(&officer, &oakfield).await, 10);
    assert_eq!(reports_at(&officer, &riverside).await, 5);
    assert_eq!(move_to(&officer, &sent[0], &riverside).await.0, 303);
    assert_eq!(reports_at(&officer, &oakfield).await, 5, "7 at Oakfield");
    assert_eq!(reports_at(&officer, &riverside).await, 10, "8 at Riverside");
    // Counted afresh from the stored reports, the figures are the same.
    let (_, folded, _) = officer.get("/staff/insights.csv").await;
    app.with_conn(|c| {
        diesel::delete(insight_weeks::table).execute(c).unwrap();
        diesel::delete(insight_changes::table).execute(c).unwrap();
    });
    app.with(|conn, _| confide::app::insights::rebuild_if_empty(conn))
        .unwrap();
    let (_, afresh, _) = officer.get("/staff/insights.csv").await;
    assert_eq!(folded, afresh);
}

#[actix_rt::test]
async fn the_new_schools_recovery_key_opens_a_moved_report() {
    let app = spawn_app().await;
    let people = cluster(&app);
    let id = app.report_id_for(&app.send_report("oakfield", &[("what", WHAT)]).await);
    let officer = app.signed_in(&people.officer).await;
    let riverside = app.school("riverside").id;
    assert_eq!(move_to(&officer, &id, &riverside.to_string()).await.0, 303);
    // A newcomer at Riverside, given the school's reports with its recovery key.
    let deputy = app.add_staff(
        "deputy@riverside.example",
        "riverside",
        Role::NominatedStaff,
    );
    let shared = app.with(|conn, ctx| {
        let user = people::find_person(conn, &Email::parse(&deputy.email).unwrap()).unwrap();
        sharing::recovery_share(
            conn,
            ctx,
            &Actor::system("test"),
            riverside,
            app.recovery_key("riverside"),
            &user,
        )
        .unwrap()
    });
    assert_eq!(shared, 1);
    let browser = app.signed_in(&deputy).await;
    let (status, page, _) = browser.get(&format!("/staff/reports/{id}")).await;
    assert_eq!(status, 200);
    assert!(page.contains(WHAT));
}
