//! What a move must never do: leave a report nobody can open, or let an urgent report
//! moved out of hours go without the new school's on-call chain.

use confide::app::{rota, Admin};
use confide::db::schema::{on_call_alerts, reports};
use confide::domain::choices::Role;
use diesel::prelude::*;

use crate::helpers::{spawn_app, StaffBrowser, TestApp};

async fn move_to(browser: &StaffBrowser<'_>, id: &str, school: &str) -> (u16, String) {
    let (status, body, _) = browser
        .post(&format!("/staff/reports/{id}/move"), &[("school", school)])
        .await;
    (status, body)
}

fn school_of(app: &TestApp, id: &str) -> i64 {
    app.with_conn(|c| {
        reports::table
            .find(id)
            .select(reports::school_id)
            .first(c)
            .unwrap()
    })
}

#[actix_rt::test]
async fn a_move_that_would_leave_nobody_able_to_read_the_report_is_refused() {
    let app = spawn_app().await;
    // Head at Oakfield, nominated staff at Riverside, where there is no head and no
    // officer: a report about staff would reach nobody there.
    let head = app.add_staff("head@oakfield.example", "oakfield", Role::HeadTeacher);
    app.add_staff("head@oakfield.example", "riverside", Role::NominatedStaff);
    let id = app.report_id_for(&app.send_report("oakfield", &[("about", "staff")]).await);
    let browser = app.signed_in(&head).await;
    let riverside = app.school("riverside").id;
    let (status, page) = move_to(&browser, &id, &riverside.to_string()).await;
    assert_eq!(status, 400, "{page}");
    assert!(
        page.contains("Nobody at that school can be sent this report yet"),
        "{page}"
    );
    assert_eq!(school_of(&app, &id), app.school("oakfield").id.0);
    assert_eq!(
        browser.get(&format!("/staff/reports/{id}")).await.0,
        200,
        "still readable"
    );
}

/// Moves the app's clock to next Saturday at 22:00, UK time: outside any reading hours.
fn saturday_night(app: &TestApp) {
    let london = jiff::tz::get!("Europe/London");
    let now = jiff::Timestamp::from_second(app.ctx.now().as_secs())
        .unwrap()
        .to_zoned(london.clone());
    let mut day = now.date().tomorrow().unwrap();
    while day.weekday() != jiff::civil::Weekday::Saturday {
        day = day.tomorrow().unwrap();
    }
    let target = day.at(22, 0, 0, 0).to_zoned(london).unwrap();
    app.ctx
        .clock
        .advance(target.timestamp().as_second() - app.ctx.now().as_secs());
}

#[actix_rt::test]
async fn an_urgent_report_moved_out_of_hours_starts_the_new_schools_on_call_chain() {
    let app = spawn_app().await;
    let officer = app.add_staff("officer@police.example", "oakfield", Role::SspOfficer);
    app.add_staff("officer@police.example", "riverside", Role::SspOfficer);
    app.add_staff("dsl@riverside.example", "riverside", Role::NominatedStaff);
    // Only Riverside has a chain, every hour of the week.
    app.with(|conn, ctx| {
        let admin = Admin::command_line();
        rota::add_chain(conn, ctx, &admin, "Riverside nights", "10").unwrap();
        let hours = "every day 00:00-24:00";
        rota::add_contact(
            conn,
            ctx,
            &admin,
            "Riverside nights",
            "dsl@riverside.example",
            "",
            hours,
        )
        .unwrap();
        rota::cover_school(conn, ctx, &admin, "riverside", Some("Riverside nights")).unwrap();
    });
    saturday_night(&app);
    let id = app.report_id_for(
        &app.send_report("oakfield", &[("happening_now", "yes")])
            .await,
    );
    let alerts = |app: &TestApp| -> i64 {
        app.with_conn(|c| {
            on_call_alerts::table
                .filter(on_call_alerts::report_id.eq(&id))
                .count()
                .get_result(c)
                .unwrap()
        })
    };
    assert_eq!(alerts(&app), 0, "Oakfield has no chain");
    let browser = app.signed_in(&officer).await;
    let riverside = app.school("riverside").id;
    assert_eq!(move_to(&browser, &id, &riverside.to_string()).await.0, 303);
    assert_eq!(alerts(&app), 1, "the new school's chain did not start");
    let kinds = app.event_kinds(&id);
    assert!(kinds.iter().any(|k| k.starts_with("on_call")), "{kinds:?}");
}
