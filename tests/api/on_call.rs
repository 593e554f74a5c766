//! Out of hours: an urgent report starts the school's on-call chain, which tells its
//! contacts one by one (mail, and texts through the Notify stand-in) until someone
//! acknowledges; the pupil is told what really happens at that hour.

use confide::app::notify::deliver_due;
use confide::app::on_call;
use confide::app::rota;
use confide::app::Admin;
use confide::db::schema::{on_call_alerts, outbox, report_events};
use confide::domain::choices::Role;
use confide::mail::texts::{TextSettings, Texter};
use confide::mail::transport::Mailer;
use confide::time::Timestamp;
use diesel::prelude::*;

use crate::helpers::{spawn_app_with, Staff, TestApp};
use crate::notify_stub::{api_key, NotifyStub, TEMPLATE_ID};

const CANARY: &str = "Kestrel-canary-8841 is outside the chip shop with a knife";

/// Moves the app's clock to the next `weekday` (0 Monday) at `hour`:00, UK time.
fn set_uk_time(app: &TestApp, weekday: i8, hour: i8) {
    let london = jiff::tz::get!("Europe/London");
    let now = jiff::Timestamp::from_second(app.ctx.now().as_secs())
        .unwrap()
        .to_zoned(london.clone());
    let mut day = now.date().tomorrow().unwrap();
    while day.weekday().to_monday_zero_offset() != weekday {
        day = day.tomorrow().unwrap();
    }
    let target = day.at(hour, 0, 0, 0).to_zoned(london).unwrap();
    app.ctx
        .clock
        .advance(target.timestamp().as_second() - app.ctx.now().as_secs());
}

fn admin() -> Admin {
    Admin::command_line()
}

/// A chain of three at Oakfield (officer, DSL, deputy), every hour of the week, telling
/// the next after 10 minutes.
async fn app_with_chain(notify: &NotifyStub) -> (TestApp, [Staff; 3]) {
    let url = notify.url();
    let app = spawn_app_with(move |c| {
        c.mail_worker = false;
        c.texts = Some(TextSettings {
            base_url: url,
            api_key: zeroize::Zeroizing::new(api_key()),
            template_id: TEMPLATE_ID.to_owned(),
        });
    })
    .await;
    let staff = [
        app.add_staff("officer@police.example", "oakfield", Role::SspOfficer),
        app.add_staff("dsl@oakfield.example", "oakfield", Role::NominatedStaff),
        app.add_staff("deputy@oakfield.example", "oakfield", Role::NominatedStaff),
    ];
    app.with(|conn, ctx| {
        rota::add_chain(conn, ctx, &admin(), "Oakfield nights", "10").unwrap();
        for (email, phone) in [
            ("officer@police.example", "07700 900001"),
            ("dsl@oakfield.example", "07700 900002"),
            ("deputy@oakfield.example", ""),
        ] {
            let hours = "every day 00:00-24:00";
            rota::add_contact(conn, ctx, &admin(), "Oakfield nights", email, phone, hours).unwrap();
        }
        rota::cover_school(conn, ctx, &admin(), "oakfield", Some("Oakfield nights")).unwrap();
    });
    (app, staff)
}

/// (kind, email, phone) of every queued row, in order.
fn queued(app: &TestApp) -> Vec<(String, String, Option<String>)> {
    app.with_conn(|c| {
        outbox::table
            .order(outbox::id.asc())
            .select((
                outbox::kind,
                outbox::recipient_email,
                outbox::recipient_phone,
            ))
            .load(c)
            .unwrap()
    })
}

fn on_call_rows(app: &TestApp) -> Vec<(String, Option<String>)> {
    queued(app)
        .into_iter()
        .filter(|(kind, _, _)| kind == "on_call")
        .map(|(_, email, phone)| (email, phone))
        .collect()
}

fn scan_at(app: &TestApp, at: Timestamp) -> usize {
    app.with(|conn, ctx| on_call::scan(conn, ctx, at).unwrap())
}

fn told_events(app: &TestApp, report: &str) -> Vec<(String, Option<String>)> {
    app.with_conn(|c| {
        report_events::table
            .filter(report_events::report_id.eq(report))
            .filter(report_events::kind.like("on_call%"))
            .order(report_events::id.asc())
            .select((report_events::kind, report_events::to_value))
            .load(c)
            .unwrap()
    })
}

async fn urgent_report(app: &TestApp) -> (String, String) {
    let form = [
        ("category", "weapons"),
        ("location", "near_school"),
        ("happening_now", "yes"),
        ("about", "no"),
        ("what", CANARY),
        ("urgent_seen", "yes"),
    ];
    let (status, body) = app.post_form("/s/oakfield/report", &form).await;
    assert_eq!(status, 200, "{body}");
    let code = crate::helpers::receipt_from(&body);
    (app.report_id_for(&code), body)
}

#[actix_rt::test]
async fn an_urgent_report_at_night_tells_the_chain_in_turn_until_someone_acknowledges() {
    let notify = NotifyStub::start();
    let (app, staff) = app_with_chain(&notify).await;
    set_uk_time(&app, 1, 22);
    let start = app.ctx.now();
    let (report, receipt) = urgent_report(&app).await;
    assert!(
        receipt.contains("is on call now and has been told"),
        "the receipt should say someone on call was told: {receipt}"
    );
    // The first contact at once, by mail and text; nobody else yet.
    let first = vec![
        ("officer@police.example".to_owned(), None),
        (
            "officer@police.example".to_owned(),
            Some("+447700900001".to_owned()),
        ),
    ];
    assert_eq!(on_call_rows(&app), first);
    assert_eq!(scan_at(&app, start.plus(9 * 60)), 0);
    assert_eq!(on_call_rows(&app).len(), 2);
    // Ten minutes without an acknowledgement: the second contact.
    assert_eq!(scan_at(&app, start.plus(10 * 60)), 1);
    let rows = on_call_rows(&app);
    assert_eq!(rows.len(), 4);
    assert_eq!(rows[2], ("dsl@oakfield.example".to_owned(), None));
    assert_eq!(rows[3].1.as_deref(), Some("+447700900002"));
    // The same step taken again (another server, a second pass) tells nobody twice.
    assert_eq!(scan_at(&app, start.plus(10 * 60)), 0);
    assert_eq!(on_call_rows(&app).len(), 4);
    // The DSL acknowledges: the third contact is never told.
    let browser = app.signed_in(&staff[1]).await;
    assert_eq!(browser.change_case(&report, "acknowledge", &[]).await, 303);
    assert_eq!(scan_at(&app, start.plus(25 * 60)), 0);
    assert_eq!(on_call_rows(&app).len(), 4);
    let ended: Option<i64> = app.with_conn(|c| {
        on_call_alerts::table
            .find(&report)
            .select(on_call_alerts::ended_at)
            .first(c)
            .unwrap()
    });
    assert!(ended.is_some(), "the chain stops once acknowledged");
    // Each step is in the chronology, by name.
    let events = told_events(&app, &report);
    assert_eq!(events.len(), 2, "{events:?}");
    assert!(events.iter().all(|(k, _)| k == "on_call_told"));
    let (_, page, _) = browser.get(&format!("/staff/reports/{report}")).await;
    assert!(
        page.contains("On call: told"),
        "the chronology shows the steps"
    );
}

#[actix_rt::test]
async fn on_call_texts_reach_notify_with_no_report_content() {
    let notify = NotifyStub::start();
    let (app, _) = app_with_chain(&notify).await;
    set_uk_time(&app, 3, 23);
    let (report, _) = urgent_report(&app).await;
    let mailer = Mailer::new(&confide::mail::transport::MailSettings::Log).unwrap();
    let texter = Texter::new(app.config.texts.clone().unwrap()).unwrap();
    let from = "Confide <confide@localhost>".parse().unwrap();
    let now = app.ctx.now();
    let delivery = app.with(|conn, _| {
        deliver_due(
            conn,
            &mailer,
            Some(&texter),
            &from,
            "https://confide.example/staff/login",
            &|| now,
        )
        .unwrap()
    });
    assert_eq!(notify.refused.lock().unwrap().clone(), Vec::<u16>::new());
    let texts = notify.texts();
    assert_eq!(texts.len(), 1, "one text, to the first contact");
    assert!(
        delivery.sent >= 2,
        "the mail and the text went: {delivery:?}"
    );
    let text = &texts[0];
    assert_eq!(text.phone, "+447700900001");
    assert_eq!(text.personalisation["school"], "Oakfield Academy");
    assert_eq!(
        text.personalisation["link"],
        "https://confide.example/staff/login"
    );
    for secret in [
        "Kestrel",
        "knife",
        "weapons",
        report.as_str(),
        "near_school",
    ] {
        assert!(
            !text.body.contains(secret),
            "{secret:?} went to Notify: {}",
            text.body
        );
    }
    // Nothing of the text's row is left unsent.
    let unsent: i64 = app.with_conn(|c| {
        outbox::table
            .filter(outbox::sent_at.is_null())
            .count()
            .get_result(c)
            .unwrap()
    });
    assert_eq!(unsent, 0);
}

#[actix_rt::test]
async fn in_reading_hours_no_chain_runs() {
    let notify = NotifyStub::start();
    let (app, _) = app_with_chain(&notify).await;
    set_uk_time(&app, 1, 10);
    let start = app.ctx.now();
    let (report, receipt) = urgent_report(&app).await;
    assert!(receipt.contains("marked as urgent"), "{receipt}");
    assert!(!receipt.contains("on call"), "{receipt}");
    assert_eq!(on_call_rows(&app), vec![]);
    assert_eq!(scan_at(&app, start.plus(30 * 60)), 0);
    assert_eq!(told_events(&app, &report), vec![]);
}

#[actix_rt::test]
async fn with_nobody_on_call_the_pupil_is_told_when_it_will_be_read_and_to_call_999() {
    let notify = NotifyStub::start();
    let (app, _) = app_with_chain(&notify).await;
    // The chain covers weekends only; this is a Tuesday night.
    app.with(|conn, ctx| {
        rota::add_chain(conn, ctx, &admin(), "Weekends", "10").unwrap();
        let hours = "Sat,Sun 00:00-24:00";
        rota::add_contact(
            conn,
            ctx,
            &admin(),
            "Weekends",
            "officer@police.example",
            "",
            hours,
        )
        .unwrap();
        rota::cover_school(conn, ctx, &admin(), "oakfield", Some("Weekends")).unwrap();
    });
    set_uk_time(&app, 1, 22);
    let (report, receipt) = urgent_report(&app).await;
    assert!(
        receipt.contains("Nobody will read this until Wednesday at") && receipt.contains("08:00"),
        "{receipt}"
    );
    assert!(receipt.contains("tel:999"), "the 999 link is with it");
    assert_eq!(on_call_rows(&app), vec![]);
    assert_eq!(told_events(&app, &report), vec![]);
}

#[actix_rt::test]
async fn a_report_about_staff_skips_a_contact_who_may_not_read_it() {
    let notify = NotifyStub::start();
    let (app, _) = app_with_chain(&notify).await;
    app.add_staff("head@oakfield.example", "oakfield", Role::HeadTeacher);
    // The DSL goes first now: they are not sent reports about staff.
    app.with(|conn, ctx| {
        rota::add_chain(conn, ctx, &admin(), "DSL first", "10").unwrap();
        for email in ["dsl@oakfield.example", "officer@police.example"] {
            rota::add_contact(
                conn,
                ctx,
                &admin(),
                "DSL first",
                email,
                "",
                "every day 00:00-24:00",
            )
            .unwrap();
        }
        rota::cover_school(conn, ctx, &admin(), "oakfield", Some("DSL first")).unwrap();
    });
    set_uk_time(&app, 5, 21);
    let form = [
        ("category", "hurt_threatened"),
        ("location", "classroom"),
        ("happening_now", "yes"),
        ("about", "staff"),
        ("what", CANARY),
        ("urgent_seen", "yes"),
    ];
    let (status, body) = app.post_form("/s/oakfield/report", &form).await;
    assert_eq!(status, 200, "{body}");
    let told: Vec<String> = on_call_rows(&app).into_iter().map(|(e, _)| e).collect();
    assert_eq!(told, vec!["officer@police.example".to_owned()]);
}

#[actix_rt::test]
async fn the_pupil_sees_when_someone_saw_their_report() {
    let notify = NotifyStub::start();
    let (app, staff) = app_with_chain(&notify).await;
    set_uk_time(&app, 2, 22);
    let (report, receipt) = urgent_report(&app).await;
    let code = crate::helpers::receipt_from(&receipt);
    let (_, before) = app.post_form("/followup", &[("code", &code)]).await;
    assert!(!before.contains("saw your report"), "{before}");
    let browser = app.signed_in(&staff[0]).await;
    assert_eq!(browser.change_case(&report, "acknowledge", &[]).await, 303);
    let (_, after) = app.post_form("/followup", &[("code", &code)]).await;
    assert!(after.contains("saw your report on"), "{after}");
}

#[actix_rt::test]
async fn administrators_set_up_a_chain_on_its_page_and_are_told_what_is_missing() {
    let notify = NotifyStub::start();
    let (app, _) = app_with_chain(&notify).await;
    app.add_admin();
    let browser = app.signed_in_admin().await;
    let (status, _, _) = browser
        .post(
            "/staff/admin/on-call/chains",
            &[("name", "Riverside evenings"), ("minutes", "15")],
        )
        .await;
    assert_eq!(status, 303);
    let (status, page, _) = browser
        .post(
            "/staff/admin/on-call/contacts",
            &[
                ("chain", "Riverside evenings"),
                ("email", "officer@police.example"),
                ("hours", "Mon-Fri 16:00-08:00"),
                ("phone", "not a number"),
            ],
        )
        .await;
    assert_eq!(status, 400, "a bad number is refused with the reason");
    assert!(page.contains("UK mobile number"), "{page}");
    let (status, _, _) = browser
        .post(
            "/staff/admin/on-call/contacts",
            &[
                ("chain", "Riverside evenings"),
                ("email", "officer@police.example"),
                ("hours", "Mon-Fri 16:00-08:00"),
                ("phone", "07700 900123"),
            ],
        )
        .await;
    assert_eq!(status, 303);
    let (status, _, _) = browser
        .post(
            "/staff/admin/on-call/schools",
            &[
                ("chain", "Riverside evenings"),
                ("school", "riverside"),
                ("cover", "on"),
            ],
        )
        .await;
    assert_eq!(status, 303);
    let (_, page, _) = browser.get("/staff/admin/on-call").await;
    assert!(page.contains("+447700900123"), "the number as texts use it");
    assert!(page.contains("Mon-Fri 16:00-08:00"));
    assert!(
        page.contains("does not receive Riverside")
            && page.contains("nobody reads reports or is on call from"),
        "the page warns of a contact without a role and of uncovered hours: {page}"
    );
}

#[actix_rt::test]
async fn the_figures_show_urgent_reports_in_and_out_of_hours_apart() {
    let notify = NotifyStub::start();
    let (app, staff) = app_with_chain(&notify).await;
    let head = app.add_staff("head@oakfield.example", "oakfield", Role::HeadTeacher);
    // Six urgent reports on a Tuesday night, two the next morning; all acknowledged.
    set_uk_time(&app, 1, 21);
    let officer = app.signed_in(&staff[0]).await;
    for _ in 0..6 {
        let (report, _) = urgent_report(&app).await;
        assert_eq!(officer.change_case(&report, "acknowledge", &[]).await, 303);
    }
    set_uk_time(&app, 2, 10);
    let officer = app.signed_in(&staff[0]).await;
    for _ in 0..2 {
        let (report, _) = urgent_report(&app).await;
        assert_eq!(officer.change_case(&report, "acknowledge", &[]).await, 303);
    }
    let browser = app.sign_in(&head.email, &head.password).await.unwrap();
    let (status, page, _) = browser.get("/staff/insights").await;
    assert_eq!(status, 200, "{page}");
    let tables = crate::insights::html_tables(&page);
    let urgent = crate::insights::table(&tables, "Urgent reports in and out of reading hours");
    assert_eq!(urgent[0][1..], ["In reading hours", "Out of hours"]);
    assert_eq!(urgent[1], ["Urgent reports", "fewer than 5", "5"]);
    // Medians only over 20 or more.
    assert!(urgent[2][2].starts_with("not shown"), "{:?}", urgent[2]);
}
