//! The pupil comes back with their receipt code: replies, adding more, and one answer for wrong codes.

use confide::db::schema::reports;
use diesel::prelude::*;

use crate::helpers::spawn_app;
use confide::domain::choices::Role;

#[actix_rt::test]
async fn a_pupil_can_add_more_information_with_their_code() {
    let app = spawn_app().await;
    let code = app.send_report("oakfield", &[]).await;
    let (status, page) = app
        .post_form(
            "/followup/message",
            &[
                ("code", &code),
                ("message", "It happened again today by the lockers."),
            ],
        )
        .await;
    assert_eq!(status, 200);
    assert!(page.contains("Your message has been sent"));
    assert!(page.contains("It happened again today by the lockers."));
    // And it is still there next time.
    let (_, page) = app.post_form("/followup", &[("code", &code)]).await;
    assert!(page.contains("It happened again today by the lockers."));
}

#[actix_rt::test]
async fn an_empty_message_is_refused_kindly() {
    let app = spawn_app().await;
    let code = app.send_report("oakfield", &[]).await;
    let (status, page) = app
        .post_form("/followup/message", &[("code", &code), ("message", "   ")])
        .await;
    assert_eq!(status, 400);
    assert!(page.contains("Write your message before you send it"));
}

#[actix_rt::test]
async fn a_pupil_reads_staff_replies_but_never_internal_notes() {
    let app = spawn_app().await;
    let officer = app.add_staff("officer@police.example", "oakfield", Role::SspOfficer);
    let code = app.send_report("oakfield", &[]).await;
    let id = app.report_id_for(&code);
    let staff = app.as_staff(&officer);
    app.with(|conn, ctx| {
        confide::app::cases::reply(
            conn,
            ctx,
            &staff,
            &crate::helpers::rid(&id),
            "Thank you for telling us. Can you come to room 12 at lunch?",
        )
        .unwrap();
        confide::app::cases::add_note(
            conn,
            ctx,
            &staff,
            &crate::helpers::rid(&id),
            "INTERNAL: spoke to head of year",
        )
        .unwrap();
    });
    let (_, page) = app.post_form("/followup", &[("code", &code)]).await;
    assert!(page.contains("Can you come to room 12 at lunch?"));
    assert!(page.contains("Staff at Oakfield Academy"));
    assert!(!page.contains("INTERNAL"));
}

#[actix_rt::test]
async fn a_wrong_code_gets_one_generic_answer_whatever_it_is() {
    let app = spawn_app().await;
    app.send_report("oakfield", &[]).await;
    let mut answers = Vec::new();
    for code in [
        "hello",
        "ZZZZ YYYY XXXX WWWW VVVV",
        "ZZZZ YYYY XXXX WWWW VVVV 9999",
    ] {
        let (status, page) = app.post_form("/followup", &[("code", code)]).await;
        assert_eq!(status, 200);
        assert!(page.contains("We could not find a report with that code"));
        // What was typed comes back, escaped, so it can be corrected; nothing else differs.
        assert!(page.contains(&format!("value=\"{code}\"")));
        answers.push(page.replace(&format!("value=\"{code}\""), "value=\"\""));
    }
    assert!(
        answers.windows(2).all(|w| w[0] == w[1]),
        "answers differ by input"
    );
    let (_, page) = app
        .post_form(
            "/followup/message",
            &[("code", "ZZZZ YYYY XXXX WWWW VVVV"), ("message", "hi")],
        )
        .await;
    assert!(page.contains("We could not find a report with that code"));
}

#[actix_rt::test]
async fn an_empty_receipt_code_asks_for_the_code() {
    let app = spawn_app().await;
    app.send_report("oakfield", &[]).await;
    for fields in [vec![("code", "")], vec![("code", "   ")], vec![]] {
        let (status, page) = app.post_form("/followup", &fields).await;
        assert_eq!(status, 400, "{fields:?}");
        assert!(page.contains("Enter your receipt code"), "{fields:?}");
        assert!(
            page.contains("href=\"#code\""),
            "the summary links to the box"
        );
        assert!(!page.contains("We could not find a report"), "{fields:?}");
    }
}

#[actix_rt::test]
async fn an_empty_receipt_code_is_asked_for_even_after_many_wrong_codes() {
    let app = spawn_app().await;
    for _ in 0..30 {
        app.post_form("/followup", &[("code", "ZZZZ YYYY XXXX WWWW VVVV")])
            .await;
    }
    let (status, _) = app
        .post_form("/followup", &[("code", "ZZZZ YYYY XXXX WWWW VVVV")])
        .await;
    assert_eq!(status, 429, "the wrong codes used up the allowance");
    let (status, page) = app.post_form("/followup", &[("code", "")]).await;
    assert_eq!(status, 400);
    assert!(page.contains("Enter your receipt code"));
}

#[actix_rt::test]
async fn one_pupils_receipt_opens_nothing_of_another_report() {
    let app = spawn_app().await;
    let first = app
        .send_report("oakfield", &[("what", "FIRST REPORT TEXT")])
        .await;
    let second = app
        .send_report("oakfield", &[("what", "SECOND REPORT TEXT")])
        .await;
    let (_, page) = app.post_form("/followup", &[("code", &first)]).await;
    assert!(page.contains("FIRST REPORT TEXT"));
    assert!(!page.contains("SECOND REPORT TEXT"));
    // Adding a message with the first code lands on the first report only.
    app.post_form(
        "/followup/message",
        &[("code", &first), ("message", "ADDED TO FIRST")],
    )
    .await;
    let (_, page) = app.post_form("/followup", &[("code", &second)]).await;
    assert!(page.contains("SECOND REPORT TEXT"));
    assert!(!page.contains("ADDED TO FIRST"));
    // The second report's pupil key does not open with the first code.
    let second_id = app.report_id_for(&second);
    let wrapped: Vec<u8> = app.with_conn(|conn| {
        reports::table
            .find(&second_id)
            .select(reports::pupil_key)
            .first(conn)
            .unwrap()
    });
    let wrapped = app.unbound(
        &second_id,
        confide::crypto::retention::KeyCopy::Pupil,
        &wrapped,
    );
    let first_code = confide::crypto::receipt::ReceiptCode::parse(&first).unwrap();
    assert!(first_code
        .wrapping_key()
        .open(
            &confide::crypto::context::field(&crate::helpers::rid(&second_id), "pupil-key"),
            &wrapped
        )
        .is_err());
}

#[actix_rt::test]
async fn the_follow_up_page_is_never_cached() {
    let app = spawn_app().await;
    let code = app.send_report("oakfield", &[]).await;
    let res = app
        .client
        .post(app.url("/followup"))
        .send_form(&[("code", code.as_str())])
        .await
        .unwrap();
    assert_eq!(res.headers().get("cache-control").unwrap(), "no-store");
}
