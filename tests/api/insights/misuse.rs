//! Misuse, named honestly: the figures show the share of closed cases that were false or
//! unfounded by the same small-number rules as every other figure, and a pupil whose
//! report was closed as false sees only that it is closed.

use confide::app::cases;
use confide::db::schema::reports;
use confide::domain::choices::{Outcome, Role, Status};
use confide::domain::ids::ReportId;
use diesel::prelude::*;

use super::{html_tables, seeded_app, table};
use crate::helpers::spawn_app;

/// The misuse rate line of the outcomes table on a figures page.
fn misuse_line(page: &str) -> String {
    let tables = html_tables(page);
    let rows = table(&tables, "How closed");
    rows.iter()
        .find(|r| r[0].starts_with("Misuse rate"))
        .unwrap_or_else(|| panic!("no misuse line: {rows:?}"))[1]
        .clone()
}

#[actix_rt::test]
async fn the_misuse_rate_is_shown_by_the_small_number_rules() {
    let (app, officer) = seeded_app().await;
    let browser = app.signed_in(&officer).await;
    let oakfield = app.school("oakfield").id;
    let ids: Vec<ReportId> = app.with_conn(|c| {
        reports::table
            .filter(reports::school_id.eq(oakfield))
            .order(reports::id)
            .select(reports::id)
            .load::<String>(c)
            .unwrap()
            .into_iter()
            .map(|id| ReportId::parse(&id).unwrap())
            .collect()
    });
    let staff = app.as_staff(&officer);
    let close = |from: usize, outcomes: &[(Outcome, usize)]| {
        let mut i = from;
        app.with(|conn, ctx| {
            for (outcome, n) in outcomes {
                for _ in 0..*n {
                    cases::set_status(conn, ctx, &staff, &ids[i], Status::Closed, Some(*outcome))
                        .unwrap();
                    i += 1;
                }
            }
        });
        i
    };
    let page = format!("/staff/insights?school={}", oakfield.0);

    // 12 closed, 2 of them false: a small count, and too few closed for a percentage
    // (the true share, 17%, is nowhere).
    let next = close(0, &[(Outcome::FalseReport, 2), (Outcome::Resolved, 10)]);
    let (status, body, _) = browser.get(&page).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(misuse_line(&body), "fewer than 5 of 10");
    assert!(!body.contains("17%"));

    // 22 closed: 3 false, 2 unfounded, 3 duplicates. Misuse is the 5 false or unfounded
    // (duplicates are not misuse), shown as 5 of the rounded 20: 25%, not the true 23%.
    close(
        next,
        &[
            (Outcome::FalseReport, 1),
            (Outcome::Unfounded, 2),
            (Outcome::Duplicate, 3),
            (Outcome::Resolved, 4),
        ],
    );
    let (_, body, _) = browser.get(&page).await;
    assert_eq!(misuse_line(&body), "25% (5 of 20)");
    let (_, csv, _) = browser.get("/staff/insights.csv").await;
    assert!(csv.contains("\"25% (5 of 20)\""), "{csv}");
}

#[actix_rt::test]
async fn a_pupil_whose_report_was_closed_as_false_sees_only_closed() {
    let app = spawn_app().await;
    let officer = app.add_staff("officer@police.example", "oakfield", Role::SspOfficer);
    let code = app.send_report("oakfield", &[]).await;
    let id = app.report_id_for(&code);
    let browser = app.signed_in(&officer).await;
    browser.close_case(&id, "false_report").await;
    let (_, case, _) = browser.get(&format!("/staff/reports/{id}")).await;
    assert!(
        case.contains("False or prank report"),
        "staff see the outcome"
    );

    let (status, page) = app.post_form("/followup", &[("code", &code)]).await;
    assert_eq!(status, 200);
    let page = crate::helpers::shown(page.as_bytes());
    assert!(
        page.contains("Staff at Oakfield Academy have finished working on this report."),
        "{page}"
    );
    // The words a reader sees (markup aside: `aria-hidden="false"` is no outcome).
    let lower = visible_text(&page).to_lowercase();
    for word in ["false", "prank", "unfounded", "misuse", "outcome"] {
        assert!(
            !lower.contains(word),
            "the pupil's page says {word:?}: {page}"
        );
    }
}

/// A page's text without its tags, scripts and styles.
fn visible_text(page: &str) -> String {
    let mut out = String::new();
    let mut rest = page;
    while let Some(start) = rest.find('<') {
        out.push_str(&rest[..start]);
        rest = &rest[start..];
        let skip_to = ["<script", "<style"]
            .iter()
            .find(|t| rest.starts_with(**t))
            .map(|t| format!("</{}>", &t[1..]));
        let end = match skip_to {
            Some(close) => rest.find(&close).map_or(rest.len(), |i| i + close.len()),
            None => rest.find('>').map_or(rest.len(), |i| i + 1),
        };
        rest = &rest[end..];
        out.push(' ');
    }
    out.push_str(rest);
    out
}
