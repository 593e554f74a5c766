//! The pupil's sending journey (issue 22, items 2 to 4): one form stores one report however
//! often it is sent, the receipt code is shown again and never kept in the clear, a picture
//! too big is named as that, and pictures chosen before the "in danger now" step (or on a
//! form with a mistake) are sent with the report or their loss is said plainly.

use confide::db::schema::{attachments, outbox, sent_forms};
use diesel::prelude::*;
use image::ImageFormat;

use crate::helpers::{receipt_from, spawn_app, TestApp};
use crate::pictures::{encode, noisy, post_multipart};

const WHAT: &str = "SENDINGCANARY they wait for me after school";

/// The one-time token on a page's form.
pub fn token_from(page: &str) -> String {
    let marker = "name=\"submission\" value=\"";
    let start = page.find(marker).expect("no form token on the page") + marker.len();
    page[start..].split('"').next().unwrap().to_owned()
}

/// Every hidden field of the danger page's form, as the browser sends them back.
fn hidden_fields(page: &str) -> Vec<(String, String)> {
    page.split("<input type=\"hidden\" ")
        .skip(1)
        .map(|rest| {
            let attr = |name: &str| {
                let marker = format!("{name}=\"");
                let start = rest.find(&marker).unwrap() + marker.len();
                rest[start..]
                    .split('"')
                    .next()
                    .unwrap()
                    .replace("&amp;", "&")
            };
            (attr("name"), attr("value"))
        })
        .collect()
}

fn as_pairs(fields: &[(String, String)]) -> Vec<(&str, &str)> {
    fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect()
}

/// A fresh form's token, as the browser gets it.
async fn fresh_token(app: &TestApp) -> String {
    let (status, form) = app.get_text("/s/oakfield/report").await;
    assert_eq!(status, 200);
    token_from(&form)
}

fn report_with<'a>(token: &'a str, happening_now: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("submission", token),
        ("category", "bullying"),
        ("location", "journey"),
        ("happening_now", happening_now),
        ("about", "no"),
        ("what", WHAT),
    ]
}

/// Whether the page's error message (beside the field, not the page's script words) says this.
fn said(page: &str, words: &str) -> bool {
    page.contains(&format!("Error: </span>{words}"))
}

fn notices(app: &TestApp) -> i64 {
    app.with_conn(|c| outbox::table.count().get_result(c).unwrap())
}

fn picture_rows(app: &TestApp) -> i64 {
    app.with_conn(|c| attachments::table.count().get_result(c).unwrap())
}

#[actix_rt::test]
async fn the_same_form_sent_five_times_stores_one_report_and_shows_the_same_code() {
    let app = spawn_app().await;
    app.add_staff(
        "officer@police.example",
        "oakfield",
        confide::domain::choices::Role::SspOfficer,
    );
    let token = fresh_token(&app).await;
    let form = report_with(&token, "no");
    let mut codes = Vec::new();
    for _ in 0..5 {
        let (status, page) = app.post_form("/s/oakfield/report", &form).await;
        assert_eq!(status, 200, "{page}");
        codes.push(receipt_from(&page));
    }
    assert_eq!(
        app.report_count(),
        1,
        "a reload must not store a second report"
    );
    assert!(codes.iter().all(|c| *c == codes[0]), "{codes:?}");
    assert_eq!(notices(&app), 1, "one report, one notice");
    // And the code shown again is the report's own.
    let (_, page) = app.post_form("/followup", &[("code", &codes[0])]).await;
    assert!(page.contains(WHAT));
}

#[actix_rt::test]
async fn the_same_form_sent_five_times_at_once_stores_one_report() {
    let app = spawn_app().await;
    let token = fresh_token(&app).await;
    let form = report_with(&token, "no");
    let sends = (0..5).map(|_| app.post_form("/s/oakfield/report", &form));
    let answers = futures_util::future::join_all(sends).await;
    let codes: Vec<String> = answers
        .iter()
        .map(|(status, page)| {
            assert_eq!(*status, 200, "{page}");
            receipt_from(page)
        })
        .collect();
    assert_eq!(app.report_count(), 1);
    assert!(codes.iter().all(|c| *c == codes[0]), "{codes:?}");
}

#[actix_rt::test]
async fn sending_again_from_the_danger_page_shows_the_same_receipt() {
    let app = spawn_app().await;
    let token = fresh_token(&app).await;
    let (status, danger) = app
        .post_form("/s/oakfield/report", &report_with(&token, "yes"))
        .await;
    assert_eq!(status, 200);
    assert!(danger.contains("If you are in danger now, call 999"));
    assert_eq!(
        token_from(&danger),
        token,
        "the danger page carries the token"
    );
    let mut fields = hidden_fields(&danger);
    fields.push(("urgent_seen".into(), "yes".into()));
    let (_, first) = app
        .post_form("/s/oakfield/report", &as_pairs(&fields))
        .await;
    let (_, again) = app
        .post_form("/s/oakfield/report", &as_pairs(&fields))
        .await;
    assert_eq!(receipt_from(&first), receipt_from(&again));
    assert!(again.contains("id=\"urgent-cover\""));
    assert_eq!(app.report_count(), 1);
}

#[actix_rt::test]
async fn the_receipt_code_is_kept_sealed_and_only_for_a_few_minutes() {
    let app = spawn_app().await;
    let token = fresh_token(&app).await;
    let form = report_with(&token, "no");
    let (_, page) = app.post_form("/s/oakfield/report", &form).await;
    let code = receipt_from(&page);
    let rows: Vec<(Vec<u8>, Option<Vec<u8>>)> = app.with_conn(|c| {
        sent_forms::table
            .select((sent_forms::token_hash, sent_forms::receipt_sealed))
            .load(c)
            .unwrap()
    });
    assert_eq!(rows.len(), 1);
    let (hash, sealed) = &rows[0];
    let sealed = sealed.as_ref().expect("the code is kept for a reload");
    for secret in [
        code.as_bytes(),
        code.replace(' ', "").as_bytes(),
        token.as_bytes(),
    ] {
        for stored in [hash, sealed] {
            assert!(!stored.windows(secret.len()).any(|w| w == secret));
        }
    }
    assert!(!crate::helpers::captured_log().contains(&code));
    assert!(!crate::helpers::captured_log().contains(&token));

    // Eleven minutes later the code is gone, and the same form still stores nothing.
    app.ctx.clock.advance(11 * 60);
    let (status, page) = app.post_form("/s/oakfield/report", &form).await;
    assert_eq!(status, 200);
    assert!(page.contains("Your report was already sent"), "{page}");
    assert!(!page.contains(&code));
    assert_eq!(app.report_count(), 1);
    // The next report sent from a form wipes the old code from the database.
    let next = fresh_token(&app).await;
    app.post_form("/s/oakfield/report", &report_with(&next, "no"))
        .await;
    let kept: Option<Vec<u8>> = app.with_conn(|c| {
        sent_forms::table
            .find(hash)
            .select(sent_forms::receipt_sealed)
            .first(c)
            .unwrap()
    });
    assert!(kept.is_none(), "the sealed code is wiped after its minutes");
}

#[actix_rt::test]
async fn one_30_mb_picture_gets_the_one_picture_message() {
    let app = spawn_app().await;
    let token = fresh_token(&app).await;
    let mut fields = report_with(&token, "no");
    let huge = vec![0x42u8; 30 * 1000 * 1000];
    // The name comes after the pictures on the form: it must be kept too.
    let (status, page) = post_multipart(
        &app,
        "/s/oakfield/report",
        &fields,
        &[("IMG_0001.JPG", "image/jpeg", &huge)],
    )
    .await;
    assert_eq!(status, 413);
    assert!(said(&page, "A picture you chose is too big"), "{page}");
    assert!(page.contains("Each picture must be smaller than 10 MB"));
    assert!(!said(&page, "All your pictures together"));
    assert!(page.contains(WHAT));
    assert_eq!(app.report_count(), 0);

    // The fields after the pictures are still read.
    fields.retain(|(k, _)| *k != "what");
    let (kind, mut body) =
        crate::pictures::multipart(&fields, &[("IMG_0001.JPG", "image/jpeg", &huge)]);
    let end = "--confide-test-boundary-7Kq3--\r\n";
    body.truncate(body.len() - end.len());
    body.extend_from_slice(
        b"--confide-test-boundary-7Kq3\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nNAMEAFTERPICTURES\r\n",
    );
    body.extend_from_slice(end.as_bytes());
    let mut res = app
        .client
        .post(app.url("/s/oakfield/report"))
        .insert_header(("Content-Type", kind))
        .send_body(body)
        .await
        .unwrap();
    let page = crate::helpers::shown(&res.body().limit(10_000_000).await.unwrap());
    assert!(page.contains("A picture you chose is too big"), "{page}");
    assert!(
        page.contains("NAMEAFTERPICTURES"),
        "the name after the picture was lost"
    );
}

#[actix_rt::test]
async fn pictures_over_25_mb_together_get_the_all_together_message() {
    let app = spawn_app().await;
    let token = fresh_token(&app).await;
    let nine = vec![0x42u8; 9 * 1024 * 1024];
    let files = [
        ("a.jpg", "image/jpeg", nine.as_slice()),
        ("b.jpg", "image/jpeg", nine.as_slice()),
        ("c.jpg", "image/jpeg", nine.as_slice()),
    ];
    let (status, page) = post_multipart(
        &app,
        "/s/oakfield/report",
        &report_with(&token, "no"),
        &files,
    )
    .await;
    assert_eq!(status, 413);
    assert!(said(
        &page,
        "All your pictures together must be smaller than 25 MB"
    ));
    assert!(!said(&page, "A picture you chose is too big"));
}

#[actix_rt::test]
async fn a_picture_too_big_is_named_even_after_the_pictures_together_were_too_big() {
    let app = spawn_app().await;
    let token = fresh_token(&app).await;
    let nine = vec![0x42u8; 9 * 1024 * 1024];
    let twelve = vec![0x42u8; 12 * 1024 * 1024];
    let files = [
        ("a.jpg", "image/jpeg", nine.as_slice()),
        ("b.jpg", "image/jpeg", nine.as_slice()),
        ("c.jpg", "image/jpeg", twelve.as_slice()),
    ];
    let (status, page) = post_multipart(
        &app,
        "/s/oakfield/report",
        &report_with(&token, "no"),
        &files,
    )
    .await;
    assert_eq!(status, 413);
    assert!(said(&page, "A picture you chose is too big"), "{page}");
    assert!(!said(&page, "All your pictures together"));
}

#[actix_rt::test]
async fn the_picture_field_gives_the_page_the_servers_limits_and_words() {
    let app = spawn_app().await;
    let (_, form) = app.get_text("/s/oakfield/report").await;
    for attribute in [
        "data-max-file=\"10485760\"",
        "data-max-total=\"26214400\"",
        "data-max-count=\"5\"",
        "data-msg-too-big=\"A picture you chose is too big. Each picture must be smaller than 10 MB. Take a screenshot of it and choose that instead\"",
        "data-msg-too-much=\"All your pictures together must be smaller than 25 MB.",
        "data-msg-kind=\"A file you chose is not a picture we can take.",
        "data-msg-heic=\"Photos from an iPhone (HEIC) cannot be sent here.",
    ] {
        assert!(form.contains(attribute), "{attribute}");
    }
}

#[actix_rt::test]
async fn pictures_chosen_before_the_danger_step_are_sent_with_the_report() {
    let app = spawn_app().await;
    let token = fresh_token(&app).await;
    let png = encode(&noisy(40, 30), ImageFormat::Png);
    let (status, danger) = post_multipart(
        &app,
        "/s/oakfield/report",
        &report_with(&token, "yes"),
        &[("screenshot.png", "image/png", &png)],
    )
    .await;
    assert_eq!(status, 200, "{danger}");
    assert!(danger.contains("The 1 picture you chose will be sent with your report"));
    let mut fields = hidden_fields(&danger);
    fields.push(("urgent_seen".into(), "yes".into()));
    let (status, receipt) = app
        .post_form("/s/oakfield/report", &as_pairs(&fields))
        .await;
    assert_eq!(status, 200, "{receipt}");
    assert!(receipt.contains("We kept 1 picture with your report"));
    assert_eq!(picture_rows(&app), 1);
    let held: i64 = app.with_conn(|c| {
        confide::db::schema::held_pictures::table
            .count()
            .get_result(c)
            .unwrap()
    });
    assert_eq!(held, 0, "held pictures go once the report is sent");
}

#[actix_rt::test]
async fn going_back_from_the_danger_step_keeps_the_pictures_and_says_so() {
    let app = spawn_app().await;
    let token = fresh_token(&app).await;
    let png = encode(&noisy(40, 30), ImageFormat::Png);
    let (_, danger) = post_multipart(
        &app,
        "/s/oakfield/report",
        &report_with(&token, "yes"),
        &[("a.png", "image/png", &png), ("b.png", "image/png", &png)],
    )
    .await;
    let mut fields = hidden_fields(&danger);
    fields.push(("urgent_seen".into(), "edit".into()));
    let (status, form) = app
        .post_form("/s/oakfield/report", &as_pairs(&fields))
        .await;
    assert_eq!(status, 200);
    assert!(form.contains("We are keeping the 2 pictures you chose before"));
    assert!(form.contains("You do not need to choose them again"));
    // The pupil changes their answer and sends from the form, choosing nothing new.
    let mut fields: Vec<(String, String)> = hidden_fields(&form);
    fields.extend(
        report_with(&token, "no")
            .into_iter()
            .filter(|(k, _)| *k != "submission")
            .map(|(k, v)| (k.to_owned(), v.to_owned())),
    );
    let (status, receipt) = app
        .post_form("/s/oakfield/report", &as_pairs(&fields))
        .await;
    assert_eq!(status, 200, "{receipt}");
    assert!(receipt.contains("We kept 2 pictures with your report"));
    assert_eq!(picture_rows(&app), 2);
}

#[actix_rt::test]
async fn pictures_held_too_long_are_named_on_the_receipt() {
    let app = spawn_app().await;
    let token = fresh_token(&app).await;
    let png = encode(&noisy(40, 30), ImageFormat::Png);
    let (_, danger) = post_multipart(
        &app,
        "/s/oakfield/report",
        &report_with(&token, "yes"),
        &[("a.png", "image/png", &png)],
    )
    .await;
    app.ctx.clock.advance(31 * 60);
    let mut fields = hidden_fields(&danger);
    fields.push(("urgent_seen".into(), "yes".into()));
    let (status, receipt) = app
        .post_form("/s/oakfield/report", &as_pairs(&fields))
        .await;
    assert_eq!(status, 200);
    assert!(
        receipt.contains("The 1 picture you chose before was not sent"),
        "{receipt}"
    );
    assert!(receipt.contains("we keep pictures for 30 minutes only"));
    assert_eq!(app.report_count(), 1);
    assert_eq!(picture_rows(&app), 0);
}

#[actix_rt::test]
async fn pictures_chosen_on_a_form_with_a_mistake_are_kept_for_the_next_send() {
    let app = spawn_app().await;
    let token = fresh_token(&app).await;
    let png = encode(&noisy(40, 30), ImageFormat::Png);
    let mut fields = report_with(&token, "no");
    fields.retain(|(k, _)| *k != "category");
    let (status, form) = post_multipart(
        &app,
        "/s/oakfield/report",
        &fields,
        &[("a.png", "image/png", &png)],
    )
    .await;
    assert_eq!(status, 400);
    assert!(form.contains("Choose what kind of thing is happening"));
    assert!(form.contains("We are keeping the 1 picture you chose before"));
    let mut again = hidden_fields(&form);
    again.extend(
        report_with(&token, "no")
            .into_iter()
            .filter(|(k, _)| *k != "submission")
            .map(|(k, v)| (k.to_owned(), v.to_owned())),
    );
    let (status, receipt) = app.post_form("/s/oakfield/report", &as_pairs(&again)).await;
    assert_eq!(status, 200, "{receipt}");
    assert!(receipt.contains("We kept 1 picture with your report"));
    assert_eq!(picture_rows(&app), 1);
}
