//! The case hand-off (a printable Concern / Action / Outcome summary for CPOMS or
//! MyConcern) and each school's poster.

use confide::db::schema::{audit_log, report_events};
use confide::domain::choices::Role;
use diesel::prelude::*;

use crate::helpers::spawn_app;

const PUPIL_TEXT: &str = "Jamie in Year 8 takes my bus pass every morning at the gate.";

#[actix_rt::test]
async fn a_hand_off_holds_the_whole_case_and_is_recorded_with_its_fingerprint() {
    let app = spawn_app().await;
    let officer = app.add_staff("officer@police.example", "oakfield", Role::SspOfficer);
    let code = app
        .send_report("oakfield", &[("what", PUPIL_TEXT), ("location", "journey")])
        .await;
    let id = app.report_id_for(&code);
    let b = app.signed_in(&officer).await;
    for (path, text) in [
        (
            "replies",
            "Thank you for telling us. We will talk to the bus company.",
        ),
        ("notes", "Spoke to the head of year; CCTV requested."),
    ] {
        let (status, _, _) = b
            .post(&format!("/staff/reports/{id}/{path}"), &[("text", text)])
            .await;
        assert_eq!(status, 303);
    }
    let (status, page, _) = b.get(&format!("/staff/reports/{id}")).await;
    assert_eq!(status, 200);
    assert!(
        page.contains(&format!("/staff/reports/{id}/handoff")),
        "linked from the case"
    );

    // Showing the page makes and records nothing: a GET changes no state.
    let handoff = format!("/staff/reports/{id}/handoff");
    let (status, page, _) = b.get(&handoff).await;
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("Make the hand-off summary"));
    assert!(!page.contains(PUPIL_TEXT), "the summary was made by a GET");
    let exported = |app: &crate::helpers::TestApp| -> i64 {
        app.with_conn(|c| {
            report_events::table
                .filter(report_events::report_id.eq(&id))
                .filter(report_events::kind.eq("handed_off"))
                .count()
                .get_result(c)
                .unwrap()
        })
    };
    assert_eq!(exported(&app), 0, "a GET recorded a hand-off");
    let (status, page, _) = b.post(&handoff, &[]).await;
    assert_eq!(status, 200, "{page}");
    for part in [
        "Concern",
        "Action",
        "Outcome",
        PUPIL_TEXT,
        "Thank you for telling us.",
        "CCTV requested",
        "On the way to or from school",
        "Chronology",
        &id,
    ] {
        assert!(page.contains(part), "missing {part}");
    }
    let fingerprint = page
        .split("confide-handoff-hash\">")
        .nth(1)
        .and_then(|rest| rest.split('<').next())
        .expect("a fingerprint")
        .to_owned();
    assert_eq!(fingerprint.len(), 64);
    assert!(fingerprint.chars().all(|c| c.is_ascii_hexdigit()));
    let audited: Vec<String> = app.with_conn(|c| {
        audit_log::table
            .filter(audit_log::report_id.eq(&id))
            .filter(audit_log::action.eq("Exported for hand-off"))
            .select(audit_log::detail)
            .load(c)
            .unwrap()
    });
    assert_eq!(exported(&app), 1);
    assert_eq!(audited, vec![format!("SHA-256 {fingerprint}")]);
    // Nothing of the report in the audit detail beyond the fingerprint.
    assert!(!audited[0].contains("Jamie"));
}

#[actix_rt::test]
async fn only_someone_the_report_is_routed_to_can_hand_it_off() {
    let app = spawn_app().await;
    app.add_staff("officer@police.example", "oakfield", Role::SspOfficer);
    let other = app.add_staff(
        "deputy@riverside.example",
        "riverside",
        Role::NominatedStaff,
    );
    app.add_admin();
    let code = app.send_report("oakfield", &[("what", PUPIL_TEXT)]).await;
    let id = app.report_id_for(&code);
    for (email, password) in [
        (other.email.as_str(), other.password.as_str()),
        ("admin@la.example", "admin password 123"),
    ] {
        let b = app.sign_in(email, password).await.unwrap();
        let (status, page, _) = b.get(&format!("/staff/reports/{id}/handoff")).await;
        assert_eq!(status, 404, "{email}");
        assert!(!page.contains("Jamie"));
        let (status, page, _) = b.post(&format!("/staff/reports/{id}/handoff"), &[]).await;
        assert_eq!(status, 404, "{email}");
        assert!(!page.contains("Jamie"));
    }
}

#[actix_rt::test]
async fn a_hand_off_asks_for_the_code_again_after_ten_minutes() {
    let app = spawn_app().await;
    let officer = app.add_staff("officer@police.example", "oakfield", Role::SspOfficer);
    let code = app.send_report("oakfield", &[("what", PUPIL_TEXT)]).await;
    let id = app.report_id_for(&code);
    let b = app.signed_in(&officer).await;
    app.ctx.clock.advance(11 * 60);
    let (status, page, location) = b.get(&format!("/staff/reports/{id}/handoff")).await;
    assert_eq!(status, 303);
    assert_eq!(
        location.as_deref(),
        Some(format!("/staff/verify?then=%2Fstaff%2Freports%2F{id}%2Fhandoff").as_str())
    );
    assert!(!page.contains("Jamie"));
    let (status, page, _) = b.post(&format!("/staff/reports/{id}/handoff"), &[]).await;
    assert_eq!(status, 303);
    assert!(!page.contains("Jamie"));
    let exported: i64 = app.with_conn(|c| {
        report_events::table
            .filter(report_events::kind.eq("handed_off"))
            .count()
            .get_result(c)
            .unwrap()
    });
    assert_eq!(exported, 0);
}

#[actix_rt::test]
async fn each_school_has_a_printable_poster_with_its_address_as_a_qr_code() {
    let app = spawn_app().await;
    app.add_admin();
    let head = app.add_staff("head@oakfield.example", "oakfield", Role::HeadTeacher);
    let school = app.school("oakfield").clone();
    let b = app.signed_in_admin().await;
    let (_, admin_page, _) = b.get("/staff/admin").await;
    let poster = format!("/staff/admin/schools/{}/poster", school.id);
    assert!(
        admin_page.contains(&poster),
        "linked from the school's admin card"
    );
    let (status, page, _) = b.get(&poster).await;
    assert_eq!(status, 200);
    let address = format!("{}/s/oakfield", app.config.public_url);
    for part in [
        address.as_str(),
        "999",
        "0800 1111",
        &school.reading_hours,
        "<svg",
        "<path",
    ] {
        assert!(page.contains(part), "poster lacks {part}");
    }
    let (status, svg, _) = b.get(&format!("{poster}.svg")).await;
    assert_eq!(status, 200);
    assert!(svg.starts_with("<?xml") && svg.contains("210mm") && svg.contains(&address));
    assert!(svg.contains("<path"), "the QR code is drawn in the file");
    // Not for people who are not administrators.
    let b = app.signed_in(&head).await;
    let (status, _, _) = b.get(&poster).await;
    assert_ne!(status, 200);
}
