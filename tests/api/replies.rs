//! Reply templates: choosing one fills the reply box with the school's name and hours and
//! sends nothing; what is sent is what the recipient edited; administrators edit them.

use confide::db::schema::messages;
use confide::domain::choices::Role;
use diesel::prelude::*;

use crate::helpers::{spawn_app, TestApp};

fn message_count(app: &TestApp) -> i64 {
    app.with_conn(|c| messages::table.count().get_result(c).unwrap())
}

/// The reply box's words on a case page.
fn reply_box(page: &str) -> String {
    let start = page.find("id=\"reply\"").expect("a reply box");
    let open = start + page[start..].find('>').unwrap() + 1;
    let close = open + page[open..].find("</textarea>").unwrap();
    page[open..close].to_owned()
}

#[actix_rt::test]
async fn choosing_a_template_fills_the_reply_box_and_sends_nothing() {
    let app = spawn_app().await;
    let officer = app.add_staff("officer@police.example", "oakfield", Role::SspOfficer);
    let code = app.send_report("oakfield", &[]).await;
    let id = app.report_id_for(&code);
    let browser = app.signed_in(&officer).await;
    let (_, page, _) = browser.get(&format!("/staff/reports/{id}")).await;
    assert_eq!(reply_box(&page), "", "empty until a template is chosen");
    assert!(page.contains("Start from a reply template"));
    let before = message_count(&app);

    let (status, page, _) = browser
        .get(&format!("/staff/reports/{id}?template=hours"))
        .await;
    assert_eq!(status, 200);
    let draft = reply_box(&page);
    assert!(
        draft.contains("We read reports Monday to Friday, 8am to 4pm, in term time."),
        "{draft}"
    );
    let (_, page, _) = browser
        .get(&format!("/staff/reports/{id}?template=thanks"))
        .await;
    assert!(
        reply_box(&page).contains("Staff at Oakfield Academy"),
        "the school's name"
    );
    assert!(!reply_box(&page).contains('{'), "every placeholder filled");
    assert_eq!(message_count(&app), before, "choosing sends nothing");
    let (_, pupil) = app.post_form("/followup", &[("code", &code)]).await;
    assert!(!pupil.contains("We read reports"));
    assert!(!app.event_kinds(&id).contains(&"replied".to_owned()));
}

#[actix_rt::test]
async fn what_is_sent_is_the_recipients_edited_words() {
    let app = spawn_app().await;
    let officer = app.add_staff("officer@police.example", "oakfield", Role::SspOfficer);
    let code = app.send_report("oakfield", &[]).await;
    let id = app.report_id_for(&code);
    let browser = app.signed_in(&officer).await;
    let (_, page, _) = browser
        .get(&format!("/staff/reports/{id}?template=where"))
        .await;
    let edited = reply_box(&page).replace(
        "For example, which room",
        "Was it near the science block, or which room",
    );
    browser.reply(&id, &edited).await;
    let (_, pupil) = app.post_form("/followup", &[("code", &code)]).await;
    assert!(pupil.contains("Was it near the science block"), "{pupil}");
    assert!(!pupil.contains("For example, which room"));
}

#[actix_rt::test]
async fn an_administrator_edits_a_schools_template() {
    let app = spawn_app().await;
    app.add_admin();
    let officer = app.add_staff("officer@police.example", "oakfield", Role::SspOfficer);
    let id = app.report_id_for(&app.send_report("oakfield", &[]).await);
    let riverside_officer =
        app.add_staff("officer@riverside.example", "riverside", Role::SspOfficer);
    let theirs = app.report_id_for(&app.send_report("riverside", &[]).await);
    let oakfield = app.school("oakfield").id;

    let admin = app.signed_in_admin().await;
    let (status, page, _) = admin.get("/staff/admin/replies").await;
    assert_eq!(status, 200);
    assert!(page.contains("Thank you for telling us. You did the right thing."));
    let words = "Thank you for telling {school}. We read reports {hours}.";
    let (status, _, _) = admin
        .post(
            &format!("/staff/admin/replies/{}/thanks", oakfield.0),
            &[("body", words)],
        )
        .await;
    assert_eq!(status, 303);
    let (status, page, _) = admin
        .post(
            &format!("/staff/admin/replies/{}/thanks", oakfield.0),
            &[("body", "  ")],
        )
        .await;
    assert_eq!(status, 400, "an empty template is refused");
    assert!(page.contains("Write the reply template"));

    let browser = app.signed_in(&officer).await;
    let (_, page, _) = browser
        .get(&format!("/staff/reports/{id}?template=thanks"))
        .await;
    assert_eq!(
        reply_box(&page),
        "Thank you for telling Oakfield Academy. We read reports Monday to Friday, 8am to 4pm, in term time."
    );
    // Another school keeps its own (the default).
    let browser = app.signed_in(&riverside_officer).await;
    let (_, page, _) = browser
        .get(&format!("/staff/reports/{theirs}?template=thanks"))
        .await;
    assert!(reply_box(&page).starts_with("Thank you for telling us. You did the right thing."));
    // Someone who is not an administrator cannot change one.
    let (status, _, _) = browser
        .post(
            &format!("/staff/admin/replies/{}/thanks", oakfield.0),
            &[("body", "Changed by someone else")],
        )
        .await;
    assert_ne!(status, 303);
    let (_, page, _) = admin.get("/staff/admin/replies").await;
    assert!(!page.contains("Changed by someone else"));
}
