//! The pupil's conversation never drops: a message on a closed report opens it again and
//! moves its deletion date away, and every unread message from a pupil shows in the queue
//! as "New message" until someone it is routed to opens the case.

use confide::app::retention;
use confide::db::schema::{outbox, reports};
use confide::domain::choices::Role;
use diesel::prelude::*;

use crate::helpers::{spawn_app, StaffBrowser, TestApp};

const DAY: i64 = 86_400;

fn status_and_expiry(app: &TestApp, id: &str) -> (String, Option<i64>, Option<i64>) {
    app.with_conn(|c| {
        reports::table
            .filter(reports::id.eq(id))
            .select((
                reports::status,
                reports::expires_at,
                reports::new_message_at,
            ))
            .first(c)
            .unwrap()
    })
}

/// The queue's rows, each as the text of its cells, in order.
async fn queue_rows(b: &StaffBrowser<'_>, query: &str) -> Vec<String> {
    let (status, page, _) = b.get(&format!("/staff{query}")).await;
    assert_eq!(status, 200);
    page.split("<tbody")
        .nth(1)
        .map(|body| {
            body.split("<tr")
                .skip(1)
                .map(|row| row.to_owned())
                .collect()
        })
        .unwrap_or_default()
}

#[actix_rt::test]
async fn a_message_on_a_closed_report_opens_it_again_and_it_outlives_its_old_date() {
    let app = spawn_app().await;
    let officer = app.add_staff("officer@police.example", "oakfield", Role::SspOfficer);
    let code = app.send_report("oakfield", &[]).await;
    let id = app.report_id_for(&code);
    let b = app.signed_in(&officer).await;
    b.close_case(&id, "resolved").await;
    let (_, old_expiry, _) = status_and_expiry(&app, &id);
    let old_expiry = old_expiry.expect("a closed report has a deletion date");

    // Before writing, the pupil is told what writing again does.
    let (_, page) = app.post_form("/followup", &[("code", &code)]).await;
    assert!(page.contains("Staff finished working on this report. If you write again, it opens again and they are told."));
    let (status, page) = app
        .post_form(
            "/followup/message",
            &[
                ("code", &code),
                ("message", "It started again today at lunch."),
            ],
        )
        .await;
    assert_eq!(status, 200, "{page}");
    let (status, expiry, new_message) = status_and_expiry(&app, &id);
    assert_eq!(status, "open", "the closed report stayed closed");
    assert_eq!(expiry, None, "the old deletion date stayed");
    assert!(new_message.is_some());
    let kinds = app.event_kinds(&id);
    assert!(kinds.contains(&"pupil_reopened".to_owned()), "{kinds:?}");

    // A purge long past the old date leaves it, and the pupil's words, where they are.
    app.ctx
        .clock
        .advance(old_expiry - app.ctx.now().as_secs() + 30 * DAY);
    let purged = app.with(|conn, ctx| retention::purge(conn, ctx, false).unwrap());
    assert_eq!(purged.purged, 0);
    let b = app.signed_in(&officer).await;
    let (status, case, _) = b.get(&format!("/staff/reports/{id}")).await;
    assert_eq!(status, 200);
    assert!(case.contains("It started again today at lunch."));
}

#[actix_rt::test]
async fn a_pupils_new_message_is_flagged_after_urgent_reports_until_the_case_is_opened() {
    let app = spawn_app().await;
    let officer = app.add_staff("officer@police.example", "oakfield", Role::SspOfficer);
    let older = app.report_id_for(&app.send_report("oakfield", &[]).await);
    let code = app.send_report("oakfield", &[]).await;
    let written = app.report_id_for(&code);
    let urgent = app.report_id_for(
        &app.send_report("oakfield", &[("happening_now", "yes")])
            .await,
    );
    let b = app.signed_in(&officer).await;
    // The officer has seen the report the pupil will write on.
    assert_eq!(b.get(&format!("/staff/reports/{written}")).await.0, 200);
    app.post_form(
        "/followup/message",
        &[("code", &code), ("message", "There is more I did not say.")],
    )
    .await;

    let rows = queue_rows(&b, "").await;
    let order: Vec<&str> = [&urgent, &written, &older]
        .iter()
        .map(|id| id.as_str())
        .collect();
    let position = |id: &str| rows.iter().position(|r| r.contains(id)).unwrap();
    assert!(
        position(order[0]) < position(order[1]) && position(order[1]) < position(order[2]),
        "urgent first, then the new message, then the rest"
    );
    assert!(rows[position(&written)].contains("New message"));
    assert!(!rows[position(&older)].contains("New message"));
    // The filter shows only reports with a new message.
    let only_new = queue_rows(&b, "?new=1").await;
    assert_eq!(only_new.len(), 1);
    assert!(only_new[0].contains(&written));

    // Opening the case is reading it: the flag goes, for everyone it is routed to.
    assert_eq!(b.get(&format!("/staff/reports/{written}")).await.0, 200);
    assert!(queue_rows(&b, "?new=1").await.is_empty());
    let rows = queue_rows(&b, "").await;
    assert!(!rows.iter().any(|r| r.contains("New message")));
}

#[actix_rt::test]
async fn the_notice_of_a_pupils_message_leads_to_the_new_messages_after_sign_in() {
    let app = spawn_app().await;
    let officer = app.add_staff("officer@police.example", "oakfield", Role::SspOfficer);
    let code = app.send_report("oakfield", &[]).await;
    app.post_form(
        "/followup/message",
        &[("code", &code), ("message", "Please read this.")],
    )
    .await;
    let kinds: Vec<String> = app.with_conn(|c| outbox::table.select(outbox::kind).load(c).unwrap());
    assert!(kinds.contains(&"pupil_message".to_owned()));
    let composed = confide::mail::compose::compose(
        confide::domain::choices::MailKind::PupilMessage,
        "Oakfield Academy",
        &format!("{}/staff/login", app.address),
    );
    let link = composed
        .text
        .lines()
        .find(|l| l.starts_with("http"))
        .unwrap()
        .trim()
        .to_owned();
    assert!(!composed.text.contains("Please read this."));
    // Follow the link as the officer would: sign in, code, and land on the filtered queue.
    let path = link.strip_prefix(&app.address).unwrap();
    let (status, page) = app.get_text(path).await;
    assert_eq!(status, 200);
    let then = page
        .split("name=\"then\" value=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("the sign-in form carries where to go")
        .replace("&amp;", "&");
    assert_eq!(then, "/staff?new=1");
    let (status, _, location, cookie) = app
        .post_with_cookie(
            "/staff/login",
            None,
            &[
                ("email", &officer.email),
                ("password", &officer.password),
                ("then", &then),
            ],
        )
        .await;
    assert_eq!(status, 303);
    let code_page = location.unwrap();
    assert_eq!(code_page, "/staff/login/code?then=%2Fstaff%3Fnew%3D1");
    let cookie = cookie.unwrap();
    let totp = app.next_code(&officer.email);
    let (status, _, location, _) = app
        .post_with_cookie(
            "/staff/login/code",
            Some(&cookie),
            &[("code", &totp), ("then", &then)],
        )
        .await;
    assert_eq!((status, location.as_deref()), (303, Some("/staff?new=1")));
}

#[actix_rt::test]
async fn a_message_on_a_closed_report_under_legal_hold_opens_it_and_keeps_the_hold() {
    let app = spawn_app().await;
    let officer = app.add_staff("officer@police.example", "oakfield", Role::SspOfficer);
    let code = app.send_report("oakfield", &[]).await;
    let id = app.report_id_for(&code);
    let b = app.signed_in(&officer).await;
    for (change, form) in [
        ("hold", vec![("reason", "police_investigation")]),
        (
            "status",
            vec![("status", "closed"), ("outcome", "resolved")],
        ),
    ] {
        let (status, _, _) = b
            .post(&format!("/staff/reports/{id}/{change}"), &form)
            .await;
        assert_eq!(status, 303, "{change}");
    }
    let (status, page) = app
        .post_form(
            "/followup/message",
            &[("code", &code), ("message", "There is something else.")],
        )
        .await;
    assert_eq!(status, 200, "{page}");
    let (status, expiry, new_message) = status_and_expiry(&app, &id);
    assert_eq!(status, "open");
    assert_eq!(expiry, None);
    assert!(new_message.is_some());
    let (held, period): (bool, Option<String>) = app.with_conn(|c| {
        reports::table
            .filter(reports::id.eq(&id))
            .select((reports::legal_hold, reports::retention_period))
            .first(c)
            .unwrap()
    });
    assert!(held, "reopening by the pupil lifted the legal hold");
    assert_eq!(period.as_deref(), Some("hold"), "its keys left the hold");
    // And the officer can still read every word.
    let (_, case, _) = b.get(&format!("/staff/reports/{id}")).await;
    assert!(case.contains("There is something else."));
}
