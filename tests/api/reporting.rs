//! A pupil reports: the form, validation that keeps their words, the urgent path, and the receipt.

use crate::helpers::{receipt_from, spawn_app};

#[actix_rt::test]
async fn a_pupil_can_send_a_report_and_read_it_back_with_the_receipt_code() {
    let app = spawn_app().await;
    let (status, form) = app.get_text("/s/oakfield/report").await;
    assert_eq!(status, 200);
    assert!(form.contains("You do not have to tell us who you are"));

    let code = app
        .send_report(
            "oakfield",
            &[
                ("what", "Two Year 9s take my dinner money every Friday."),
                ("when", "Every Friday since half term"),
                ("name", "Sam"),
            ],
        )
        .await;
    assert_eq!(code.len(), 24, "code should be five groups of four: {code}");

    let (status, page) = app
        .post_form("/followup", &[("code", &code.to_lowercase())])
        .await;
    assert_eq!(status, 200);
    assert!(page.contains("Two Year 9s take my dinner money every Friday."));
    assert!(page.contains("Every Friday since half term"));
    assert!(page.contains("Oakfield Academy"));
    assert!(page.contains("Staff at Oakfield Academy have your report."));
}

#[actix_rt::test]
async fn the_receipt_page_shows_the_code_large_with_what_happens_next() {
    let app = spawn_app().await;
    let (status, page) = app
        .post_form(
            "/s/oakfield/report",
            &[
                ("category", "weapons"),
                ("location", "journey"),
                ("happening_now", "no"),
                ("about", "no"),
                ("what", "A boy showed a knife at the bus stop."),
            ],
        )
        .await;
    assert_eq!(status, 200);
    let code = receipt_from(&page);
    assert!(page.contains("class=\"confide-receipt-code\""));
    for group in code.split(' ') {
        assert!(page.contains(&format!("<span>{group}</span>")));
    }
    assert!(page.contains("Monday to Friday, 8am to 4pm, in term time"));
    assert!(page.contains("Write this code down"));
    assert!(page.contains("href=\"/followup\""));
    assert!(page.contains("tel:999"));
}

#[actix_rt::test]
async fn every_validation_error_keeps_what_the_pupil_typed() {
    let app = spawn_app().await;
    let typed = "He said he'd <hurt> me & my friend";
    let (status, page) = app
        .post_form(
            "/s/oakfield/report",
            &[
                ("location", "toilets"),
                ("what", typed),
                ("who", "A Year 10"),
                ("name", "Alex"),
                ("contact", "Tutor group 8R"),
            ],
        )
        .await;
    assert_eq!(status, 400);
    assert!(page.contains("There is a problem"));
    assert!(page.contains("href=\"#category\""));
    assert!(page.contains("Choose what kind of thing is happening"));
    assert!(page.contains("Choose yes if it is happening now or you are in danger"));
    assert!(
        !page.contains("Tell us what happened"),
        "what was filled in"
    );
    // Everything typed or chosen is still there, safely escaped.
    assert!(page.contains("He said he'd &lt;hurt&gt; me &amp; my friend</textarea>"));
    assert!(page.contains("value=\"A Year 10\"") || page.contains("A Year 10</textarea>"));
    assert!(page.contains("value=\"Alex\""));
    assert!(page.contains("value=\"Tutor group 8R\""));
    assert!(page.contains("value=\"toilets\" checked"));
    assert_eq!(app.report_count(), 0);
}

#[actix_rt::test]
async fn a_too_long_account_is_refused_kindly_and_kept() {
    let app = spawn_app().await;
    let long = "a".repeat(5001);
    let (status, page) = app
        .post_form(
            "/s/oakfield/report",
            &[
                ("category", "other"),
                ("location", "online"),
                ("happening_now", "no"),
                ("about", "no"),
                ("what", &long),
            ],
        )
        .await;
    assert_eq!(status, 400);
    assert!(page.contains("5,000 characters or fewer"));
    assert!(page.contains(&long));
}

#[actix_rt::test]
async fn an_urgent_report_shows_the_danger_page_first_then_sends_flagged() {
    let app = spawn_app().await;
    let fields = [
        ("category", "hurt_threatened"),
        ("location", "near_school"),
        ("happening_now", "yes"),
        ("about", "no"),
        ("what", "They are waiting for me outside the gate."),
    ];
    let (status, page) = app.post_form("/s/oakfield/report", &fields).await;
    assert_eq!(status, 200);
    assert!(page.contains("If you are in danger now, call 999"));
    assert!(page.contains("Childline"));
    assert!(page.contains("Your report has not been sent yet"));
    assert!(page.contains("value=\"They are waiting for me outside the gate.\""));
    assert_eq!(
        app.report_count(),
        0,
        "nothing is sent before the pupil chooses to"
    );

    // Exactly what the danger page's form sends when "Send my report now" is pressed.
    let mut confirmed = fields.to_vec();
    confirmed.push(("urgent_seen", "yes"));
    assert!(page.contains("name=\"urgent_seen\" value=\"yes\""));
    assert_eq!(
        page.matches("name=\"urgent_seen\"").count(),
        2,
        "one button each, no hidden copy"
    );
    let (status, page) = app.post_form("/s/oakfield/report", &confirmed).await;
    assert_eq!(status, 200);
    // What happens now depends on the hour (see on_call.rs); it is always said.
    assert!(page.contains("id=\"urgent-cover\""), "{page}");
    let id = app.report_id_for(&receipt_from(&page));
    let urgent: bool = app.with_conn(|conn| {
        use confide::db::schema::reports;
        use diesel::prelude::*;
        reports::table
            .find(&id)
            .select(reports::happening_now)
            .first(conn)
            .unwrap()
    });
    assert!(urgent);
}

#[actix_rt::test]
async fn going_back_from_the_danger_page_keeps_the_answers() {
    let app = spawn_app().await;
    let (status, page) = app
        .post_form(
            "/s/oakfield/report",
            &[
                ("category", "gangs"),
                ("location", "online"),
                ("happening_now", "yes"),
                ("about", "no"),
                ("what", "Older boys want me to carry a bag."),
                ("urgent_seen", "edit"),
            ],
        )
        .await;
    assert_eq!(status, 200);
    assert!(page.contains("Tell us what is happening"));
    assert!(page.contains("Older boys want me to carry a bag.</textarea>"));
    assert!(page.contains("value=\"gangs\" checked"));
    assert_eq!(app.report_count(), 0);
}

#[actix_rt::test]
async fn an_unknown_school_has_no_report_form() {
    let app = spawn_app().await;
    let (status, page) = app.get_text("/s/nowhere/report").await;
    assert_eq!(status, 404);
    assert!(page.contains("Page not found"));
    let (status, _) = app.post_form("/s/nowhere/report", &[("what", "x")]).await;
    assert_eq!(status, 404);
}

#[actix_rt::test]
async fn a_garbled_form_gets_a_kind_error_not_a_crash() {
    let app = spawn_app().await;
    let mut res = app
        .client
        .post(app.url("/s/oakfield/report"))
        .insert_header(("Content-Type", "application/json"))
        .send_body("{\"what\": 1}")
        .await
        .unwrap();
    let status = res.status().as_u16();
    let body = String::from_utf8_lossy(&res.body().await.unwrap()).into_owned();
    assert!(status == 400 || status == 415, "{status}");
    assert!(body.contains("Go back and try again"));
    assert!(body.contains("tel:999"));
}
