//! A pupil adds their name later, or asks to talk to someone at school, from their report
//! page: the name is sealed like the first form's, the report becomes named (and is kept
//! as long as one), the request flags the case, and the recipients are told, never what.

use std::time::Duration;

use confide::db::schema::{outbox, reports};
use confide::domain::choices::{About, Role};
use diesel::prelude::*;

use crate::helpers::{captured_log, spawn_app, spawn_app_with, TestApp};
use crate::privacy::{assert_in_no_file, database_files};
use crate::smtp_sink::SmtpSink;

const DAY: i64 = 86_400;

async fn give_name(app: &TestApp, code: &str, name: &str, contact: &str) -> (u16, String) {
    app.post_form(
        "/followup/later",
        &[
            ("code", code),
            ("action", "name"),
            ("name", name),
            ("contact", contact),
        ],
    )
    .await
}

async fn ask_to_talk(app: &TestApp, code: &str) -> (u16, String) {
    app.post_form("/followup/later", &[("code", code), ("action", "talk")])
        .await
}

/// The report's `named` flag and deletion date, as stored.
fn named_and_expiry(app: &TestApp, id: &str) -> (bool, Option<i64>) {
    app.with_conn(|c| {
        reports::table
            .find(id)
            .select((reports::named, reports::expires_at))
            .first(c)
            .unwrap()
    })
}

/// (kind, recipient) of every queued notice, in order.
fn queued(app: &TestApp) -> Vec<(String, String)> {
    app.with_conn(|c| {
        outbox::table
            .order(outbox::id.asc())
            .select((outbox::kind, outbox::recipient_email))
            .load(c)
            .unwrap()
    })
}

#[actix_rt::test]
async fn a_name_given_later_is_sealed_and_appears_nowhere_on_disk_or_in_the_log() {
    let app = spawn_app().await;
    app.add_staff("officer@police.example", "oakfield", Role::SspOfficer);
    let code = app.send_report("oakfield", &[]).await;
    let (name, contact) = ("CANARY-LATERNAME-7c41", "CANARY-LATERCONTACT-e09d");
    // Before they send, they are told what changes.
    let (_, page) = app.post_form("/followup", &[("code", &code)]).await;
    assert!(page.contains("The staff your report went to will see your name."));
    assert!(page.contains("Reports with a name are kept for longer before they are deleted."));
    let (status, page) = give_name(&app, &code, name, contact).await;
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("Your name has been added to your report"));
    assert!(page.contains(name), "the pupil sees what they gave");

    assert_in_no_file(&database_files(&app), &[name, contact]);
    let log = captured_log();
    assert!(
        !log.contains(name) && !log.contains(contact),
        "found in the log"
    );
}

#[actix_rt::test]
async fn staff_the_report_went_to_see_the_later_name_and_it_is_kept_as_a_named_report() {
    let app = spawn_app().await;
    let officer = app.add_staff("officer@police.example", "oakfield", Role::SspOfficer);
    let code = app
        .send_report("oakfield", &[("what", "Someone took my bag.")])
        .await;
    let id = app.report_id_for(&code);
    let browser = app.signed_in(&officer).await;
    let (_, case, _) = browser.get(&format!("/staff/reports/{id}")).await;
    assert!(case.contains("The pupil did not give their name."));
    browser.close_case(&id, "resolved").await;
    let (named, anonymous_expiry) = named_and_expiry(&app, &id);
    assert!(!named);
    let anonymous_expiry = anonymous_expiry.expect("a closed report has a deletion date");

    let (status, _) = give_name(&app, &code, "Sam Jones", "Form 9B, room 12 at lunch").await;
    assert_eq!(status, 200);
    let (_, case, _) = browser.get(&format!("/staff/reports/{id}")).await;
    assert!(case.contains("Sam Jones"), "{case}");
    assert!(case.contains("Form 9B, room 12 at lunch"));
    assert!(!case.contains("The pupil did not give their name."));
    assert!(
        case.contains("Pupil gave their name or how to reach them"),
        "chronology"
    );
    assert!(app.event_kinds(&id).contains(&"pupil_named".to_owned()));
    assert!(case.contains("Closed"), "naming did not reopen it");

    // Named now, it is kept as long as a named report, counted from when it closed.
    let (named, expiry) = named_and_expiry(&app, &id);
    assert!(named);
    let closed_at: i64 = app.with_conn(|c| {
        reports::table
            .find(&id)
            .select(reports::closed_at)
            .first::<Option<i64>>(c)
            .unwrap()
            .unwrap()
    });
    let retention = app.school("oakfield").retention();
    assert_eq!(
        expiry,
        Some(retention.expiry(closed_at, About::NoStaff, true))
    );
    assert_eq!(
        anonymous_expiry,
        retention.expiry(closed_at, About::NoStaff, false)
    );
    assert!(expiry.unwrap() > anonymous_expiry);
    // Past the anonymous date (and the month after): not purged.
    app.ctx
        .clock
        .advance(anonymous_expiry - app.ctx.now().as_secs() + 32 * DAY);
    let purged = app.with(|conn, ctx| confide::app::retention::purge(conn, ctx, false).unwrap());
    assert_eq!(purged.purged, 0, "deleted under the anonymous period");
    // Its keys moved with it: the pupil and the officer still open it.
    let (_, page) = app.post_form("/followup", &[("code", &code)]).await;
    assert!(page.contains("Someone took my bag."));
    let browser = app.signed_in(&officer).await;
    assert_eq!(browser.get(&format!("/staff/reports/{id}")).await.0, 200);
}

#[actix_rt::test]
async fn asking_to_talk_flags_the_case_and_mails_its_recipients_nothing_of_the_report() {
    let sink = SmtpSink::start();
    let app = spawn_app_with(|c| {
        c.mail = confide::mail::transport::MailSettings::Smtp {
            host: "127.0.0.1".into(),
            port: sink.port,
            security: confide::mail::transport::SmtpSecurity::None,
            username: None,
            password: None,
        };
        c.mail_worker = true;
    })
    .await;
    let officer = app.add_staff("officer@police.example", "oakfield", Role::SspOfficer);
    let deputy = app.add_staff("deputy@oakfield.example", "oakfield", Role::NominatedStaff);
    let code = app
        .send_report("oakfield", &[("what", "CANARYTALK my brother hits me")])
        .await;
    let id = app.report_id_for(&code);
    assert_eq!(
        sink.wait_for(2, Duration::from_secs(20)).len(),
        2,
        "new report mail"
    );
    let browser = app.signed_in(&officer).await;
    let (_, queue, _) = browser.get("/staff").await;
    assert!(!queue.contains("Asked to talk"));

    let (_, page) = app.post_form("/followup", &[("code", &code)]).await;
    assert!(page.contains("They will not know who you are unless you give your name."));
    let (status, page) = ask_to_talk(&app, &code).await;
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("We have told the school you would like to talk to someone"));
    assert!(page.contains("You asked to talk to someone at school."));

    let got = sink.wait_for(4, Duration::from_secs(20));
    assert_eq!(got.len(), 4, "one notice to each recipient");
    let mut to: Vec<String> = got[2..].iter().flat_map(|m| m.to.clone()).collect();
    to.sort();
    assert_eq!(to, vec![deputy.email.clone(), officer.email.clone()]);
    for message in &got[2..] {
        let readable = message.readable();
        assert!(readable.contains("A pupil has added to a report for Oakfield Academy"));
        for secret in [
            "CANARYTALK",
            "brother",
            "talk",
            id.as_str(),
            code.as_str(),
            &code.replace(' ', ""),
        ] {
            assert!(!readable.contains(secret), "{secret} is in the mail");
        }
    }

    let (_, queue, _) = browser.get("/staff").await;
    assert!(queue.contains("Asked to talk"), "{queue}");
    let (_, case, _) = browser.get(&format!("/staff/reports/{id}")).await;
    assert!(case.contains("Asked to talk to someone"), "{case}");
    assert!(
        case.contains("Pupil asked to talk to someone at school"),
        "chronology"
    );

    // Asking again flags nothing new and tells nobody again.
    let before = queued(&app).len();
    let (status, _) = ask_to_talk(&app, &code).await;
    assert_eq!(status, 200);
    assert_eq!(queued(&app).len(), before, "told twice");
    let kinds = app.event_kinds(&id);
    assert_eq!(kinds.iter().filter(|k| *k == "talk_asked").count(), 1);
}

#[actix_rt::test]
async fn asking_to_talk_on_a_closed_report_opens_it_again_and_tells_its_recipients() {
    let app = spawn_app().await;
    let officer = app.add_staff("officer@police.example", "oakfield", Role::SspOfficer);
    let code = app
        .send_report("oakfield", &[("what", "Someone keeps pushing me")])
        .await;
    let id = app.report_id_for(&code);
    // Asked once while open; staff then close it; the pupil asks again.
    assert_eq!(ask_to_talk(&app, &code).await.0, 200);
    let browser = app.signed_in(&officer).await;
    browser.close_case(&id, "resolved").await;
    let before = queued(&app).len();

    let (status, page) = ask_to_talk(&app, &code).await;
    assert_eq!(status, 200, "{page}");
    let state: String = app.with_conn(|c| {
        reports::table
            .find(&id)
            .select(reports::status)
            .first(c)
            .unwrap()
    });
    assert_eq!(
        state, "open",
        "a request to talk on a closed case must reach someone"
    );
    assert!(queued(&app).len() > before, "nobody was told");
    let kinds = app.event_kinds(&id);
    assert!(kinds.iter().any(|k| k == "pupil_reopened"), "{kinds:?}");
    let (_, queue, _) = browser.get("/staff").await;
    assert!(queue.contains("Asked to talk"), "{queue}");
}

#[actix_rt::test]
async fn staff_record_that_they_talked_and_a_new_request_flags_the_case_again() {
    let app = spawn_app().await;
    let officer = app.add_staff("officer@police.example", "oakfield", Role::SspOfficer);
    let code = app.send_report("oakfield", &[]).await;
    let id = app.report_id_for(&code);
    let browser = app.signed_in(&officer).await;
    // Nothing to answer yet: a kind refusal, nothing recorded.
    let (_, case, _) = browser.get(&format!("/staff/reports/{id}")).await;
    assert!(!case.contains("We have talked with the pupil"));
    assert_eq!(browser.change_case(&id, "talked", &[]).await, 400);
    assert!(!app.event_kinds(&id).contains(&"talk_answered".to_owned()));

    assert_eq!(ask_to_talk(&app, &code).await.0, 200);
    let (_, case, _) = browser.get(&format!("/staff/reports/{id}")).await;
    assert!(
        case.contains("We have talked with the pupil, or arranged to"),
        "{case}"
    );
    assert_eq!(browser.change_case(&id, "talked", &[]).await, 303);
    let (_, queue, _) = browser.get("/staff").await;
    assert!(!queue.contains("Asked to talk"), "the flag stayed: {queue}");
    let (_, case, _) = browser.get(&format!("/staff/reports/{id}")).await;
    assert!(
        case.contains("Staff talked with the pupil, or arranged to"),
        "chronology"
    );

    // The pupil may ask again, and their readers are told again.
    let before = queued(&app).len();
    let (_, page) = ask_to_talk(&app, &code).await;
    assert!(
        page.contains("You asked to talk to someone at school."),
        "{page}"
    );
    assert!(
        queued(&app).len() > before,
        "nobody was told of the new request"
    );
    let (_, queue, _) = browser.get("/staff").await;
    assert!(queue.contains("Asked to talk"), "{queue}");
}

#[actix_rt::test]
async fn someone_the_report_was_not_routed_to_sees_neither_the_name_nor_the_request() {
    let app = spawn_app().await;
    let head = app.add_staff("head@oakfield.example", "oakfield", Role::HeadTeacher);
    let deputy = app.add_staff("deputy@oakfield.example", "oakfield", Role::NominatedStaff);
    let elsewhere = app.add_staff("dsl@riverside.example", "riverside", Role::NominatedStaff);
    // About a member of staff: routed to the head, not the nominated staff (KCSIE).
    let code = app.send_report("oakfield", &[("about", "staff")]).await;
    let id = app.report_id_for(&code);
    let before = queued(&app).len();
    give_name(&app, &code, "CANARY-UNROUTED-NAME", "").await;
    ask_to_talk(&app, &code).await;
    let told: Vec<String> = queued(&app)[before..]
        .iter()
        .map(|(_, e)| e.clone())
        .collect();
    assert!(
        !told.is_empty() && told.iter().all(|e| *e == head.email),
        "{told:?}"
    );

    let as_head = app.signed_in(&head).await;
    let (_, case, _) = as_head.get(&format!("/staff/reports/{id}")).await;
    assert!(case.contains("CANARY-UNROUTED-NAME") && case.contains("Asked to talk"));
    for person in [&deputy, &elsewhere] {
        let browser = app.signed_in(person).await;
        let (status, case, _) = browser.get(&format!("/staff/reports/{id}")).await;
        assert_eq!(status, 404, "{}", person.email);
        assert!(!case.contains("CANARY-UNROUTED-NAME"));
        let (_, queue, _) = browser.get("/staff").await;
        assert!(
            !queue.contains(&id) && !queue.contains("Asked to talk"),
            "{}",
            person.email
        );
    }
}

#[actix_rt::test]
async fn a_bad_name_or_code_gets_a_kind_page_and_changes_nothing() {
    let app = spawn_app().await;
    let code = app.send_report("oakfield", &[]).await;
    let id = app.report_id_for(&code);
    let (status, page) = give_name(&app, &code, "   ", "").await;
    assert_eq!(status, 400);
    assert!(
        page.contains("Write your name or how to reach you"),
        "{page}"
    );
    assert!(
        page.contains("href=\"#name\""),
        "the summary links to the box"
    );
    let (status, page) = give_name(&app, &code, &"x".repeat(201), "").await;
    assert_eq!(status, 400);
    assert!(page.contains("200 characters"), "{page}");
    let (status, page) = give_name(&app, &code, "", &"y".repeat(501)).await;
    assert_eq!(status, 400);
    assert!(page.contains("500 characters"), "{page}");
    assert_eq!(
        named_and_expiry(&app, &id),
        (false, None),
        "named by bad input"
    );

    let (status, page) = give_name(&app, "ZZZZ YYYY XXXX WWWW VVVV", "Sam", "").await;
    assert_eq!(status, 200);
    assert!(page.contains("We could not find a report with that code"));
    let (status, page) = give_name(&app, "", "Sam", "").await;
    assert_eq!(status, 400);
    assert!(page.contains("Enter your receipt code"));
    // Nothing posted at all is a kind page too, never a server error.
    let (status, page) = app.post_form("/followup/later", &[]).await;
    assert_eq!(status, 400);
    assert!(page.contains("Enter your receipt code"));
    assert!(app.event_kinds(&id).iter().all(|k| k != "pupil_named"));
}
