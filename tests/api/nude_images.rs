//! A pupil whose own nude picture is shared, or who is threatened with it: the form for
//! that kind offers no picture and says never to send it; a picture sent anyway, at any
//! step and in any order, is never held or stored, while the report is; it arrives rated
//! high risk, routed as usual, with guidance for staff; and the advice page names Report
//! Remove and the National Crime Agency's steps in every language.

use confide::db::schema::{attachments, held_pictures, messages, reports};
use confide::domain::choices::{Category, Risk, Role};
use confide::domain::language::Language;
use diesel::prelude::*;
use image::ImageFormat;

use crate::helpers::{postgres_base_url, receipt_from, shown, spawn_app, TestApp};
use crate::pictures::{encode, multipart, noisy, post_multipart};

const REPORT_REMOVE: &str = "https://www.childline.org.uk/info-advice/bullying-abuse-safety/online-mobile-safety/remove-nude-image-shared-online/";
const NOT_KEPT: &str = "You chose a picture, but we did not keep it.";

/// Every stored trace of a picture: attachment rows, sealed blobs (files on SQLite, rows
/// on PostgreSQL) and pictures held for a form.
fn pictures_stored(app: &TestApp) -> (i64, usize, i64) {
    let rows: i64 = app.with_conn(|c| attachments::table.count().get_result(c).unwrap());
    let held: i64 = app.with_conn(|c| held_pictures::table.count().get_result(c).unwrap());
    let blobs = if postgres_base_url().is_none() {
        let dir = app.data_dir.path().join("pictures");
        std::fs::read_dir(&dir).map_or(0, |shards| {
            shards
                .flatten()
                .map(|s| std::fs::read_dir(s.path()).map_or(0, |f| f.count()))
                .sum()
        })
    } else {
        let n: i64 = app.with_conn(|c| {
            confide::db::schema::attachment_blobs::table
                .count()
                .get_result(c)
                .unwrap()
        });
        n as usize
    };
    (rows, blobs, held)
}

/// A multipart body with the picture first and the fields after it, as a forger might
/// send it: the kind is not known until the picture has been read.
fn picture_first(fields: &[(&str, &str)], png: &[u8]) -> (String, Vec<u8>) {
    let (kind, files_only) = multipart(&[], &[("me.png", "image/png", png)]);
    let (_, fields_only) = multipart(fields, &[]);
    let closing = b"--confide-test-boundary-7Kq3--\r\n";
    let mut body = files_only[..files_only.len() - closing.len()].to_vec();
    body.extend_from_slice(&fields_only);
    (kind, body)
}

async fn get(app: &TestApp, path: &str) -> (u16, String) {
    let mut res = app.client.get(app.url(path)).send().await.unwrap();
    let body = res.body().limit(2_000_000).await.unwrap();
    (res.status().as_u16(), shown(&body))
}

fn risk_of(app: &TestApp, report_id: &str) -> Option<Risk> {
    let id = crate::helpers::rid(report_id);
    app.with_conn(|c| {
        reports::table
            .filter(reports::id.eq(&id))
            .select(reports::risk)
            .first::<Option<Risk>>(c)
            .unwrap()
    })
}

#[actix_rt::test]
async fn the_form_for_a_nude_picture_of_me_has_no_file_input_and_says_never_send_it() {
    let app = spawn_app().await;
    for (lang, kind) in [
        ("", "nude_image"),
        ("/cy", "sextortion"),
        ("/ar", "nude_image"),
    ] {
        let (status, page) = get(&app, &format!("{lang}/s/oakfield/report?kind={kind}")).await;
        assert_eq!(status, 200);
        assert!(
            !page.contains("type=\"file\""),
            "{lang} {kind}: a file input"
        );
        assert!(
            page.contains(&format!("value=\"{kind}\" checked")),
            "{kind} not chosen"
        );
        assert!(page.contains("confide-no-pictures--chosen"));
        assert!(page.contains(&format!("href=\"{lang}/picture-help\"")));
    }
    let (_, page) = get(&app, "/s/oakfield/report?kind=nude_image").await;
    assert!(page.contains("Never send the picture or video to anyone, not even to us."));
    // The plain form keeps its file input, and says which kinds empty it (for the script).
    let (_, page) = get(&app, "/s/oakfield/report").await;
    assert!(page.contains("type=\"file\""));
    assert!(page.contains("data-confide-no-pictures=\"nude_image sextortion\""));
    // Without a script, the style sheet hides the input while such a kind is chosen.
    let (_, css) = get(&app, "/static/css/confide.css").await;
    for kind in Category::ALL.iter().filter(|c| c.forbids_pictures()) {
        let chosen = format!("input[name=category][value={}]:checked", kind.as_str());
        assert!(
            css.contains(&chosen),
            "no :has() rule for {}",
            kind.as_str()
        );
    }
    assert!(css.contains(".confide-pictures{display:none}"));
    // Straight there from the home page, a school's page and the school finder.
    let (_, home) = get(&app, "/").await;
    assert!(home.contains("href=\"/report?kind=nude_image\""));
    assert!(home.contains("Is someone sharing a nude picture of you, or threatening to?"));
    let (_, school) = get(&app, "/pl/s/oakfield").await;
    assert!(school.contains("href=\"/pl/s/oakfield/report?kind=nude_image\""));
    let (_, finder) = get(&app, "/report?kind=nude_image&q=oak").await;
    assert!(finder.contains("href=\"/s/oakfield/report?kind=nude_image\""));
    assert!(finder.contains("name=\"kind\" value=\"nude_image\""));
}

#[actix_rt::test]
async fn a_forged_picture_with_such_a_report_is_dropped_and_the_report_arrives_high_risk() {
    let app = spawn_app().await;
    let officer = app.add_staff("officer@police.example", "oakfield", Role::SspOfficer);
    let dsl = app.add_staff("dsl@oakfield.example", "oakfield", Role::NominatedStaff);
    let png = encode(&noisy(40, 40), ImageFormat::Png);
    let fields = [
        ("category", "nude_image"),
        ("location", "online"),
        ("happening_now", "no"),
        ("about", "no"),
        (
            "what",
            "Someone in year 9 is sending round a picture of me.",
        ),
    ];
    let (kind, body) = picture_first(&fields, &png);
    let mut res = app
        .client
        .post(app.url("/s/oakfield/report"))
        .insert_header(("Content-Type", kind))
        .send_body(body)
        .await
        .unwrap();
    let page = shown(&res.body().limit(2_000_000).await.unwrap());
    assert_eq!(res.status().as_u16(), 200, "{page}");
    assert!(
        page.contains(NOT_KEPT),
        "the receipt does not say so: {page}"
    );
    assert!(page.contains("href=\"/picture-help\""));
    assert_eq!(pictures_stored(&app), (0, 0, 0));

    // Stored all the same, rated high from the start, routed as any report.
    let id = app.report_id_for(&receipt_from(&page));
    assert_eq!(risk_of(&app, &id), Some(Risk::High));
    let holders = app.key_holders(&id);
    assert!(holders.contains(&officer.id) && holders.contains(&dsl.id));
    assert!(app.event_kinds(&id).contains(&"risk".to_owned()));
    let b = app.signed_in(&dsl).await;
    let (status, case, _) = b.get(&format!("/staff/reports/{id}")).await;
    assert_eq!(status, 200);
    assert!(case.contains("Do not view, copy, print, share, store or save the image"));
    assert!(case.contains("school's child protection and safeguarding policy"));
    let (_, queue, _) = b.get("/staff").await;
    assert!(queue.contains("High"), "{queue}");

    // Another kind keeps its picture, and has no such panel.
    let (_, page) = post_multipart(
        &app,
        "/s/oakfield/report",
        &[
            ("category", "online_bullying"),
            ("location", "online"),
            ("happening_now", "no"),
            ("about", "no"),
            ("what", "They post about me."),
        ],
        &[("me.png", "image/png", &png)],
    )
    .await;
    assert!(!page.contains(NOT_KEPT));
    assert_eq!(pictures_stored(&app).0, 1);
    let other = app.report_id_for(&receipt_from(&page));
    assert_eq!(risk_of(&app, &other), None);
    let (_, case, _) = b.get(&format!("/staff/reports/{other}")).await;
    assert!(!case.contains("picture-guidance"));
}

#[actix_rt::test]
async fn a_picture_held_from_an_earlier_page_is_let_go_when_the_kind_is_changed_to_one() {
    let app = spawn_app().await;
    app.add_staff("officer@police.example", "oakfield", Role::SspOfficer);
    let png = encode(&noisy(40, 40), ImageFormat::Png);
    let (_, form) = get(&app, "/s/oakfield/report").await;
    let token = crate::sending::token_from(&form);
    // A form with a mistake: its picture is held for it.
    let (status, page) = post_multipart(
        &app,
        "/s/oakfield/report",
        &[
            ("submission", &token),
            ("category", "bullying"),
            ("location", "online"),
            ("happening_now", "no"),
            ("about", "no"),
            ("what", ""),
        ],
        &[("me.png", "image/png", &png)],
    )
    .await;
    assert_eq!(status, 400, "{page}");
    assert_eq!(pictures_stored(&app).2, 1, "the picture was not held");
    // The pupil changes the kind: the held picture goes, and the danger step holds none.
    let (status, page) = post_multipart(
        &app,
        "/s/oakfield/report",
        &[
            ("submission", &token),
            ("held_pictures", "1"),
            ("category", "sextortion"),
            ("location", "online"),
            ("happening_now", "yes"),
            ("about", "no"),
            ("what", "He says he will post it unless I pay."),
        ],
        &[("again.png", "image/png", &png)],
    )
    .await;
    assert_eq!(status, 200);
    assert!(
        page.contains("If you are in danger now, call 999"),
        "{page}"
    );
    assert!(page.contains(NOT_KEPT));
    assert!(!page.contains("name=\"held_pictures\""));
    assert_eq!(pictures_stored(&app), (0, 0, 0));
    let (status, page) = app
        .post_form(
            "/s/oakfield/report",
            &[
                ("submission", &token),
                ("pictures_refused", "yes"),
                ("category", "sextortion"),
                ("location", "online"),
                ("happening_now", "yes"),
                ("about", "no"),
                ("what", "He says he will post it unless I pay."),
                ("urgent_seen", "yes"),
            ],
        )
        .await;
    assert_eq!(status, 200);
    assert!(page.contains(NOT_KEPT), "{page}");
    let id = app.report_id_for(&receipt_from(&page));
    assert_eq!(risk_of(&app, &id), Some(Risk::High));
    assert_eq!(pictures_stored(&app), (0, 0, 0));
}

#[actix_rt::test]
async fn a_follow_up_picture_on_such_a_report_is_refused_and_its_words_kept() {
    let app = spawn_app().await;
    app.add_staff("officer@police.example", "oakfield", Role::SspOfficer);
    let code = app
        .send_report("oakfield", &[("category", "nude_image")])
        .await;
    let (_, page) = app.post_form("/followup", &[("code", &code)]).await;
    assert!(page.contains("Your report"));
    assert!(
        !page.contains("type=\"file\""),
        "the follow-up offers a picture"
    );
    let png = encode(&noisy(30, 30), ImageFormat::Png);
    let count = |app: &TestApp| -> i64 {
        app.with_conn(|c| messages::table.count().get_result(c).unwrap())
    };
    let (status, page) = post_multipart(
        &app,
        "/followup/message",
        &[("code", &code), ("message", "")],
        &[("me.png", "image/png", &png)],
    )
    .await;
    assert_eq!(status, 200);
    assert!(page.contains("We did not keep your picture."), "{page}");
    assert_eq!((count(&app), pictures_stored(&app)), (0, (0, 0, 0)));
    let (_, page) = post_multipart(
        &app,
        "/followup/message",
        &[("code", &code), ("message", "It is on three accounts now.")],
        &[("me.png", "image/png", &png)],
    )
    .await;
    assert!(page.contains("Your message has been sent"));
    assert!(page.contains("We did not keep your picture."));
    assert_eq!((count(&app), pictures_stored(&app)), (1, (0, 0, 0)));
    // A file that is no picture at all is not named as a picture problem on a page that
    // offers none: it was not kept, and the words stay in the box.
    let (_, page) = post_multipart(
        &app,
        "/followup/message",
        &[("code", &code), ("message", "WORDS KEPT IN THE BOX")],
        &[("x.png", "image/png", b"GIF89a not really")],
    )
    .await;
    assert!(page.contains("We did not keep your picture."), "{page}");
    assert!(!page.contains("href=\"#pictures\""));
    assert!(page.contains("WORDS KEPT IN THE BOX"));
    assert_eq!(count(&app), 1);
}

#[actix_rt::test]
async fn the_advice_page_names_report_remove_and_the_nca_steps_in_every_language() {
    let app = spawn_app().await;
    for lang in Language::ALL {
        let (status, page) = get(&app, &lang.path("/picture-help")).await;
        assert_eq!(status, 200, "{}", lang.code());
        assert!(page.contains(">Report Remove</a>"), "{}", lang.code());
        assert!(
            page.contains(&format!("href=\"{REPORT_REMOVE}\"")),
            "{}",
            lang.code()
        );
        assert!(page.contains("National Crime Agency"), "{}", lang.code());
        // The four steps, each a bold start to an item of one list.
        assert_eq!(page.matches("<li><strong>").count(), 4, "{}", lang.code());
        assert!(page.contains("0800 1111") && page.contains("999"));
        assert!(
            !page.contains("not-translated"),
            "{} is in English",
            lang.code()
        );
        // A signpost only: nothing on the page is fetched from another site.
        assert!(!page.contains("src=\"http"), "{}", lang.code());
        assert!(page.contains(&format!(
            "href=\"{}\"",
            lang.path("/report?kind=nude_image")
        )));
    }
    let (_, page) = get(&app, "/picture-help").await;
    for step in [
        "Do not pay.",
        "Stop contact.",
        "Block them",
        "Do not delete anything.",
    ] {
        assert!(page.contains(step), "{step}");
    }
    assert!(page.contains("It is not your fault"));
}
