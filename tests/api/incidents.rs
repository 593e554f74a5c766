//! Reports about one incident: a recipient links reports they can read at one school; the
//! queue shows the incident once with a count, each pupil still gets their own replies,
//! the figures count incidents and reports apart, and unlinking gives both rows back.

use confide::db::schema::{insight_changes, insight_weeks, reports};
use confide::domain::choices::Role;
use confide::store::queue::{self, QueueFilter};
use confide::time::Timestamp;
use diesel::prelude::*;

use crate::helpers::{spawn_app, StaffBrowser, TestApp};
use crate::insights::{html_tables, table};

/// How many times the queue links to a report.
fn queue_rows(queue: &str, id: &str) -> usize {
    queue
        .matches(&format!("href=\"/staff/reports/{id}\""))
        .count()
}

/// Every report's incident, as stored.
fn incidents(app: &TestApp) -> Vec<(String, Option<String>)> {
    app.with_conn(|c| {
        reports::table
            .order(reports::id)
            .select((reports::id, reports::incident_id))
            .load(c)
            .unwrap()
    })
}

async fn link(browser: &StaffBrowser<'_>, id: &str, other: &str) -> (u16, String) {
    let (status, body, _) = browser
        .post(&format!("/staff/reports/{id}/link"), &[("other", other)])
        .await;
    (status, body)
}

#[actix_rt::test]
async fn a_linked_incident_appears_once_and_each_pupil_gets_their_own_replies() {
    let app = spawn_app().await;
    let officer = app.add_staff("officer@police.example", "oakfield", Role::SspOfficer);
    let first = app
        .send_report("oakfield", &[("what", "A fight by the bike sheds.")])
        .await;
    let second = app
        .send_report("oakfield", &[("what", "Two boys fighting at the sheds.")])
        .await;
    let (one, two) = (app.report_id_for(&first), app.report_id_for(&second));
    let browser = app.signed_in(&officer).await;
    let (_, queue, _) = browser.get("/staff").await;
    assert_eq!((queue_rows(&queue, &one), queue_rows(&queue, &two)), (1, 1));

    let (status, _) = link(&browser, &one, &two).await;
    assert_eq!(status, 303);
    let (_, queue, _) = browser.get("/staff").await;
    assert_eq!(queue_rows(&queue, &one), 1, "{queue}");
    assert_eq!(queue_rows(&queue, &two), 0, "shown once, at its lead");
    assert!(queue.contains("and 1 linked report"), "{queue}");
    // Paged one row at a time, the incident is still one row and nothing is lost.
    let (_, case, _) = browser.get(&format!("/staff/reports/{one}")).await;
    assert!(
        case.contains(&format!("href=\"/staff/reports/{two}\"")),
        "{case}"
    );

    // Replies stay on each report: each pupil reads only their own.
    browser.reply(&one, "Thank you, first pupil.").await;
    browser.reply(&two, "Thank you, second pupil.").await;
    let (_, page) = app.post_form("/followup", &[("code", &first)]).await;
    assert!(page.contains("Thank you, first pupil."));
    assert!(!page.contains("second pupil"), "{page}");
    let (_, page) = app.post_form("/followup", &[("code", &second)]).await;
    assert!(page.contains("Thank you, second pupil."));
    assert!(!page.contains("first pupil"), "{page}");
    // Linking is in each report's chronology.
    for id in [&one, &two] {
        assert!(app.event_kinds(id).contains(&"linked".to_owned()), "{id}");
    }
}

#[actix_rt::test]
async fn the_queue_pages_through_an_incident_without_losing_or_repeating_a_report() {
    let app = spawn_app().await;
    let officer = app.add_staff("officer@police.example", "oakfield", Role::SspOfficer);
    let mut ids = Vec::new();
    for i in 0..5 {
        let code = app
            .send_report("oakfield", &[("what", &format!("Report number {i}"))])
            .await;
        ids.push(app.report_id_for(&code));
    }
    let browser = app.signed_in(&officer).await;
    link(&browser, &ids[1], &ids[3]).await;
    link(&browser, &ids[1], &ids[4]).await;
    // Walk the queue one row a page (the app's pages are longer), cursor to cursor.
    let mut seen = Vec::new();
    let mut after = None;
    loop {
        let page = app.with_conn(|c| {
            queue::fetch(
                c,
                officer.id,
                &QueueFilter::default(),
                after.as_ref(),
                1,
                Timestamp::from_secs(i64::MAX / 4),
            )
            .unwrap()
        });
        seen.extend(
            page.rows
                .iter()
                .map(|r| (r.report_id.to_string(), r.linked)),
        );
        match page.next {
            Some(next) => after = Some(next),
            None => break,
        }
    }
    seen.sort();
    let mut expected = vec![
        (ids[0].clone(), 0),
        (ids[1].clone(), 2),
        (ids[2].clone(), 0),
    ];
    expected.sort();
    assert_eq!(seen, expected);
    assert!(
        browser
            .get("/staff")
            .await
            .1
            .contains("and 2 linked reports"),
        "the count"
    );
}

#[actix_rt::test]
async fn someone_a_report_is_not_routed_to_can_link_nothing() {
    let app = spawn_app().await;
    let nominated = app.add_staff("dsl@oakfield.example", "oakfield", Role::NominatedStaff);
    let _head = app.add_staff("head@oakfield.example", "oakfield", Role::HeadTeacher);
    let other_school = app.add_staff("dsl@riverside.example", "riverside", Role::NominatedStaff);
    let pupils = app.send_report("oakfield", &[]).await;
    // About a member of staff: routed to the head, not the nominated staff member.
    let about_staff = app.send_report("oakfield", &[("about", "staff")]).await;
    let riverside = app.send_report("riverside", &[]).await;
    let (mine, not_mine, elsewhere) = (
        app.report_id_for(&pupils),
        app.report_id_for(&about_staff),
        app.report_id_for(&riverside),
    );
    let before = incidents(&app);
    let browser = app.signed_in(&nominated).await;
    assert_eq!(link(&browser, &mine, &not_mine).await.0, 404);
    assert_eq!(link(&browser, &not_mine, &mine).await.0, 404);
    assert_eq!(link(&browser, &mine, &elsewhere).await.0, 404);
    let theirs = app.signed_in(&other_school).await;
    assert_eq!(link(&theirs, &elsewhere, &mine).await.0, 404);
    assert_eq!(link(&theirs, &mine, &elsewhere).await.0, 404);
    assert_eq!(incidents(&app), before, "nothing changed");
    for id in [&mine, &not_mine, &elsewhere] {
        assert!(!app.event_kinds(id).contains(&"linked".to_owned()));
    }
    // The case page never offers a report its reader cannot open.
    let (_, case, _) = browser.get(&format!("/staff/reports/{mine}")).await;
    assert!(!case.contains(&not_mine) && !case.contains(&elsewhere));
}

#[actix_rt::test]
async fn unlinking_gives_both_reports_their_own_rows_again_and_is_recorded() {
    let app = spawn_app().await;
    let officer = app.add_staff("officer@police.example", "oakfield", Role::SspOfficer);
    let one = app.report_id_for(&app.send_report("oakfield", &[]).await);
    let two = app.report_id_for(&app.send_report("oakfield", &[]).await);
    let browser = app.signed_in(&officer).await;
    assert_eq!(link(&browser, &one, &two).await.0, 303);
    let status = browser.change_case(&two, "unlink", &[]).await;
    assert_eq!(status, 303);
    let (_, queue, _) = browser.get("/staff").await;
    assert_eq!((queue_rows(&queue, &one), queue_rows(&queue, &two)), (1, 1));
    assert!(!queue.contains("linked report"));
    assert!(incidents(&app)
        .iter()
        .all(|(_, incident)| incident.is_none()));
    for id in [&one, &two] {
        assert!(app.event_kinds(id).contains(&"unlinked".to_owned()), "{id}");
    }
    let (_, case, _) = browser.get(&format!("/staff/reports/{one}")).await;
    assert!(
        case.contains("Unlinked from an incident"),
        "in the chronology"
    );
}

#[actix_rt::test]
async fn the_figures_count_incidents_and_reports_apart() {
    let app = spawn_app().await;
    let officer = app.add_staff("officer@police.example", "oakfield", Role::SspOfficer);
    let mut ids = Vec::new();
    for _ in 0..8 {
        ids.push(app.report_id_for(&app.send_report("oakfield", &[]).await));
    }
    let browser = app.signed_in(&officer).await;
    // Four reports of one fight: 8 reports, 5 incidents.
    for other in &ids[1..4] {
        assert_eq!(link(&browser, &ids[0], other).await.0, 303);
    }
    let figure = |page: &str, line: &str| {
        let tables = html_tables(page);
        table(&tables, "How quickly")
            .iter()
            .find(|r| r[0].starts_with(line))
            .unwrap_or_else(|| panic!("no {line}"))[1]
            .clone()
    };
    let (_, page, _) = browser.get("/staff/insights").await;
    assert_eq!(figure(&page, "Reports"), "10");
    assert_eq!(figure(&page, "Incidents"), "5");
    // Counted afresh from the stored reports, the figures are the same.
    let (_, folded, _) = browser.get("/staff/insights.csv").await;
    app.with_conn(|c| {
        diesel::delete(insight_weeks::table).execute(c).unwrap();
        diesel::delete(insight_changes::table).execute(c).unwrap();
    });
    app.with(|conn, _| confide::app::insights::rebuild_if_empty(conn))
        .unwrap();
    let (_, afresh, _) = browser.get("/staff/insights.csv").await;
    assert_eq!(folded, afresh);
}

#[actix_rt::test]
async fn a_linked_report_with_something_of_its_own_keeps_its_own_row() {
    let app = spawn_app().await;
    let officer = app.add_staff("officer@police.example", "oakfield", Role::SspOfficer);
    let first = app.send_report("oakfield", &[]).await;
    let second = app.send_report("oakfield", &[]).await;
    let urgent = app
        .send_report("oakfield", &[("happening_now", "yes")])
        .await;
    let (one, two, three) = (
        app.report_id_for(&first),
        app.report_id_for(&second),
        app.report_id_for(&urgent),
    );
    let browser = app.signed_in(&officer).await;
    assert_eq!(link(&browser, &one, &two).await.0, 303);
    assert_eq!(link(&browser, &one, &three).await.0, 303);
    // The happening-now report ranks above its lead: hidden at the lead, it would sink.
    let (_, queue, _) = browser.get("/staff").await;
    assert_eq!(
        queue_rows(&queue, &three),
        1,
        "an urgent linked report hidden: {queue}"
    );
    assert_eq!(queue_rows(&queue, &two), 0, "shown at its lead");

    // The pupil of the second writes again: their new words show on its own row.
    app.post_form(
        "/followup/message",
        &[("code", &second), ("message", "It happened again today.")],
    )
    .await;
    let (_, queue, _) = browser.get("/staff").await;
    assert_eq!(
        queue_rows(&queue, &two),
        1,
        "new words hidden at the lead: {queue}"
    );
    // Filtered to new messages, it is there though its lead has none.
    let (_, queue, _) = browser.get("/staff?status=open_all&new=1").await;
    assert_eq!(queue_rows(&queue, &two), 1, "{queue}");
    assert_eq!(queue_rows(&queue, &one), 0, "{queue}");
}
