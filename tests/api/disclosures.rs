//! A disclosure made in person: a member of staff records what a pupil told them, and it
//! is routed, sealed and followed up like the pupil's own report.

use confide::domain::choices::Role;

use crate::helpers::{captured_log, receipt_from, spawn_app, StaffBrowser};
use crate::privacy::{assert_in_no_file, database_files};

/// Records a disclosure through the staff form; returns the status and the page.
async fn record(staff: &StaffBrowser<'_>, fields: &[(&str, &str)]) -> (u16, String) {
    let mut form: Vec<(&str, &str)> = vec![
        ("school", "oakfield"),
        ("category", "bullying"),
        ("location", "corridor"),
        ("happening_now", "no"),
        ("about", "no"),
        (
            "what",
            "A pupil told me they are pushed on the stairs every day.",
        ),
        ("paper_receipt", "yes"),
    ];
    for (key, value) in fields {
        form.retain(|(k, _)| k != key);
        form.push((key, value));
    }
    let (status, page, _) = staff.post("/staff/disclosures", &form).await;
    (status, page)
}

#[actix_rt::test]
async fn a_disclosure_about_a_member_of_staff_reaches_the_head_and_the_officer_not_the_nominated_staff(
) {
    let app = spawn_app().await;
    let officer = app.add_staff("officer@police.example", "oakfield", Role::SspOfficer);
    let deputy = app.add_staff("deputy@oakfield.example", "oakfield", Role::NominatedStaff);
    let head = app.add_staff("head@oakfield.example", "oakfield", Role::HeadTeacher);
    let recorder = app.signed_in(&deputy).await;
    let (status, page) = record(&recorder, &[("about", "staff")]).await;
    assert_eq!(status, 200, "not recorded: {page}");
    assert!(page.contains("went to others and not to you"), "{page}");
    let id = app.report_id_for(&receipt_from(&page));

    let mut expected = vec![officer.id, head.id];
    expected.sort();
    assert_eq!(app.key_holders(&id), expected);
    let (status, _, _) = recorder.get(&format!("/staff/reports/{id}")).await;
    assert_eq!(status, 404, "the nominated staff member must not open it");

    let head_browser = app.signed_in(&head).await;
    let (_, queue, _) = head_browser.get("/staff").await;
    assert!(
        queue.contains("Told in person"),
        "the queue shows the source"
    );
    let (status, case, _) = head_browser.get(&format!("/staff/reports/{id}")).await;
    assert_eq!(status, 200);
    assert!(case.contains("pushed on the stairs"), "the head reads it");
    assert!(case.contains("Told in person"), "the case shows the source");
    assert!(
        case.contains("Recorded in person by Test Person"),
        "the chronology names the recorder"
    );
    let (status, _, _) = app
        .signed_in(&officer)
        .await
        .get(&format!("/staff/reports/{id}"))
        .await;
    assert_eq!(status, 200, "the officer reads it");
}

#[actix_rt::test]
async fn a_disclosures_words_and_the_pupils_name_are_in_no_file_in_the_clear() {
    let app = spawn_app().await;
    let officer = app.add_staff("officer@police.example", "oakfield", Role::SspOfficer);
    let canary = "CANARY-IN-PERSON-3b9e";
    let name_canary = "CANARY-PUPIL-NAME-77c1";
    let browser = app.signed_in(&officer).await;
    let (status, page) = record(&browser, &[("what", canary), ("name", name_canary)]).await;
    assert_eq!(status, 200, "not recorded: {page}");
    let code = receipt_from(&page);
    let id = app.report_id_for(&code);
    let (_, case, _) = browser.get(&format!("/staff/reports/{id}")).await;
    assert!(
        case.contains(canary) && case.contains(name_canary),
        "the officer reads the words and the name"
    );

    assert_in_no_file(&database_files(&app), &[canary, name_canary, code.as_str()]);
    let log = captured_log();
    for needle in [canary, name_canary, code.as_str()] {
        assert!(!log.contains(needle), "{needle} found in the log");
    }
}

#[actix_rt::test]
async fn the_paper_receipt_code_opens_the_disclosure_at_followup_and_none_is_shown_without_one() {
    let app = spawn_app().await;
    let officer = app.add_staff("officer@police.example", "oakfield", Role::SspOfficer);
    let browser = app.signed_in(&officer).await;
    let (_, page) = record(&browser, &[("what", "Told me at lunch about the bus.")]).await;
    let code = receipt_from(&page);
    let (status, followup) = app.post_form("/followup", &[("code", &code)]).await;
    assert_eq!(status, 200);
    assert!(
        followup.contains("Told me at lunch about the bus."),
        "{followup}"
    );

    let (status, page) = record(&browser, &[("paper_receipt", "no")]).await;
    assert_eq!(status, 200, "not recorded: {page}");
    assert!(
        !page.contains("Receipt code"),
        "no code is shown when none was wanted"
    );
    assert_eq!(app.report_count(), 2);
}

#[actix_rt::test]
async fn a_person_with_no_role_at_the_school_cannot_record_one() {
    let app = spawn_app().await;
    app.add_staff("officer@police.example", "oakfield", Role::SspOfficer);
    let elsewhere = app.add_staff(
        "teacher@riverside.example",
        "riverside",
        Role::NominatedStaff,
    );
    let browser = app.signed_in(&elsewhere).await;
    let (status, _) = record(&browser, &[("school", "oakfield")]).await;
    assert_eq!(
        status, 400,
        "a school where they hold no role is not theirs to choose"
    );
    assert_eq!(app.report_count(), 0);

    app.add_admin();
    let admin = app.signed_in_admin().await;
    let (status, _, _) = admin.get("/staff/disclosures/new").await;
    assert_eq!(
        status, 403,
        "someone with no role at any school has no form"
    );
    let (status, _) = record(&admin, &[]).await;
    assert_eq!(status, 403);
    assert_eq!(app.report_count(), 0);
}

/// The one-time token the form page carries.
fn submission_of(page: &str) -> String {
    let marker = "name=\"submission\" value=\"";
    let start = page.find(marker).expect("no form token on the page") + marker.len();
    let end = start + page[start..].find('"').unwrap();
    page[start..end].to_owned()
}

#[actix_rt::test]
async fn a_disclosure_sent_twice_is_recorded_once_and_its_code_shown_again() {
    let app = spawn_app().await;
    let officer = app.add_staff("officer@police.example", "oakfield", Role::SspOfficer);
    let browser = app.signed_in(&officer).await;
    let (_, form, _) = browser.get("/staff/disclosures/new").await;
    let token = submission_of(&form);
    let (status, first) = record(&browser, &[("submission", &token)]).await;
    assert_eq!(status, 200, "{first}");
    // A double click: the same form again. The first answer may never have been seen.
    let (status, second) = record(&browser, &[("submission", &token)]).await;
    assert_eq!(status, 200, "{second}");
    assert_eq!(app.report_count(), 1, "recorded twice");
    assert!(
        second.contains("This disclosure is already recorded"),
        "{second}"
    );
    assert_eq!(receipt_from(&second), receipt_from(&first));

    // Without a paper code, the code is never kept to be shown again.
    let (_, form, _) = browser.get("/staff/disclosures/new").await;
    let token = submission_of(&form);
    let fields = [("submission", token.as_str()), ("paper_receipt", "no")];
    assert_eq!(record(&browser, &fields).await.0, 200);
    let (status, again) = record(&browser, &fields).await;
    assert_eq!(status, 200);
    assert_eq!(app.report_count(), 2);
    assert!(again.contains("This disclosure is already recorded"));
    assert!(!again.contains("Receipt code"), "{again}");
}
