//! What an outside test of the running server found, each kept as a test: every change to
//! a closed report waits for a fresh code, the wrong-code lock holds against a burst, the
//! session id changes at every change of privilege, and a client that reaches the app
//! directly cannot choose its rate-limit bucket.

use confide::db::schema::{messages, report_events, reports, users};
use confide::domain::choices::Role;
use confide::domain::proxies::TrustedProxies;
use diesel::prelude::*;

use crate::helpers::{spawn_app, spawn_app_with, StaffBrowser, TestApp};

/// What a closed report's row and conversation look like, to see that nothing moved.
fn snapshot(app: &TestApp, id: &str) -> String {
    app.with_conn(|c| {
        let row: (
            String,
            Option<String>,
            Option<i64>,
            bool,
            Option<i64>,
            Option<String>,
        ) = reports::table
            .filter(reports::id.eq(id))
            .select((
                reports::status,
                reports::risk,
                reports::owner_id,
                reports::legal_hold,
                reports::expires_at,
                reports::retention_period,
            ))
            .first(c)
            .unwrap();
        let messages: i64 = messages::table
            .filter(messages::report_id.eq(id))
            .count()
            .get_result(c)
            .unwrap();
        let events: i64 = report_events::table
            .filter(report_events::report_id.eq(id))
            .filter(report_events::kind.ne("viewed"))
            .count()
            .get_result(c)
            .unwrap();
        format!("{row:?} messages {messages} events {events}")
    })
}

#[actix_rt::test]
async fn every_change_to_a_closed_report_waits_for_a_fresh_code() {
    let app = spawn_app().await;
    let lead = app.add_staff("lead@oakfield.example", "oakfield", Role::NominatedStaff);
    let id = app.report_id_for(&app.send_report("oakfield", &[]).await);
    let b = app.signed_in(&lead).await;
    let case = format!("/staff/reports/{id}");
    b.close_case(&id, "resolved").await;
    app.ctx.clock.advance(11 * 60);
    let before = snapshot(&app, &id);
    let verify = format!("/staff/verify?then=%2Fstaff%2Freports%2F{id}");
    let owner = lead.id.to_string();
    let attempts: [(&str, Vec<(&str, &str)>); 10] = [
        ("status", vec![("status", "open")]),
        ("status", vec![("status", "in_progress")]),
        ("acknowledge", vec![]),
        ("risk", vec![("risk", "high")]),
        ("owner", vec![("owner", owner.as_str())]),
        ("notes", vec![("text", "A note on a closed case")]),
        ("replies", vec![("text", "A reply on a closed case")]),
        ("hold", vec![("reason", "police_investigation")]),
        ("unhold", vec![]),
        ("keep", vec![("days", "365")]),
    ];
    for (change, form) in &attempts {
        let (status, _, location) = b.post(&format!("{case}/{change}"), form).await;
        assert_eq!(
            (status, location.as_deref()),
            (303, Some(verify.as_str())),
            "{change} {form:?} went through without a fresh code"
        );
        assert_eq!(
            snapshot(&app, &id),
            before,
            "{change} {form:?} changed the report"
        );
    }
    // With the code given again, reopening works and says so.
    let code = app.next_code(&lead.email);
    b.post("/staff/verify", &[("code", &code), ("then", case.as_str())])
        .await;
    let (status, _, location) = b
        .post(&format!("{case}/status"), &[("status", "open")])
        .await;
    let done = format!("{case}?done=status");
    assert_eq!((status, location.as_deref()), (303, Some(done.as_str())));
    assert_ne!(snapshot(&app, &id), before);
}

#[actix_rt::test]
async fn disabling_or_enabling_a_person_waits_for_a_fresh_code() {
    let app = spawn_app().await;
    app.add_admin();
    let officer = app.add_staff("officer@police.example", "oakfield", Role::SspOfficer);
    let admin = app.signed_in_admin().await;
    app.ctx.clock.advance(11 * 60);
    let disabled = |app: &TestApp| -> bool {
        app.with_conn(|c| {
            users::table
                .find(officer.id)
                .select(users::disabled)
                .first(c)
                .unwrap()
        })
    };
    let path = format!("/staff/admin/people/{}/disable", officer.id);
    let (status, _, location) = admin.post(&path, &[]).await;
    assert_eq!(
        (status, location.as_deref()),
        (303, Some("/staff/verify?then=%2Fstaff%2Fadmin"))
    );
    assert!(!disabled(&app), "disabled without a fresh code");
    let code = app.next_code("admin@la.example");
    admin
        .post(
            "/staff/verify",
            &[("code", &code), ("then", "/staff/admin")],
        )
        .await;
    let (status, _, _) = admin.post(&path, &[]).await;
    assert_eq!(status, 303);
    assert!(disabled(&app));
}

/// The password step from a client address of its own (the app trusts its loopback
/// proxy), returning the cookie.
async fn password_step_from(app: &TestApp, from: &str, email: &str, password: &str) -> String {
    let res = app
        .client
        .post(app.url("/staff/login"))
        .insert_header(("X-Forwarded-For", from))
        .send_form(&[("email", email), ("password", password)])
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 303);
    let cookie = res.headers().get("set-cookie").unwrap().to_str().unwrap();
    cookie.split(';').next().unwrap().to_owned()
}

async fn code_step_from(app: &TestApp, from: &str, cookie: &str, code: &str) -> u16 {
    app.client
        .post(app.url("/staff/login/code"))
        .insert_header(("X-Forwarded-For", from))
        .insert_header(("Cookie", cookie))
        .send_form(&[("code", code)])
        .await
        .unwrap()
        .status()
        .as_u16()
}

#[actix_rt::test]
async fn thirty_two_wrong_codes_at_once_lock_the_account_and_the_right_code_is_refused() {
    // As many connections and workers as a busy server has, so the codes really are
    // checked at the same moment.
    let app = spawn_app_with(|c| {
        c.trusted_proxies = TrustedProxies::loopback();
        c.db_pool_size = 32;
        c.workers = 8;
    })
    .await;
    let officer = app.add_staff("officer@police.example", "oakfield", Role::SspOfficer);
    // Three bursts, each in a window of its own: a race shows in most bursts, not all.
    for round in 0..3 {
        // 32 password sessions, each from its own address so that no per-client limit
        // stands in for the per-account one.
        let mut cookies = Vec::new();
        for i in 0..32 {
            let from = format!("198.51.{round}.{i}");
            let cookie = password_step_from(&app, &from, &officer.email, &officer.password).await;
            cookies.push((from, cookie));
        }
        let right = app.next_code(&officer.email);
        let wrong = format!("{:06}", (right.parse::<u32>().unwrap() + 1) % 1_000_000);
        let burst = cookies.iter().map(|(from, cookie)| {
            let (app, wrong) = (&app, wrong.as_str());
            async move { code_step_from(app, from, cookie, wrong).await }
        });
        let answers = futures_util::future::join_all(burst).await;
        assert!(answers.iter().all(|s| *s == 200), "{answers:?}");
        let failures: i32 = app.with_conn(|c| {
            users::table
                .find(officer.id)
                .select(users::factor_failures)
                .first(c)
                .unwrap()
        });
        assert_eq!(
            failures,
            confide::app::two_factor::MAX_FAILURES,
            "burst {round}: every code beyond the fifth must be refused unchecked"
        );
        let from = format!("203.0.113.{round}");
        let cookie = password_step_from(&app, &from, &officer.email, &officer.password).await;
        assert_eq!(
            code_step_from(&app, &from, &cookie, &right).await,
            200,
            "burst {round}: the right code signed in after the burst"
        );
        app.ctx.clock.advance(16 * 60);
    }
}

#[actix_rt::test]
async fn the_session_id_changes_at_every_change_of_privilege() {
    let app = spawn_app().await;
    let officer = app.add_staff("officer@police.example", "oakfield", Role::SspOfficer);
    let password_only = app
        .post_with_cookie(
            "/staff/login",
            None,
            &[("email", &officer.email), ("password", &officer.password)],
        )
        .await
        .3
        .unwrap();
    let b = StaffBrowser::new(&app, &password_only);
    // The victim types their own code into a browser holding a planted cookie.
    let code = app.next_code(&officer.email);
    let (status, _, _) = b.post_raw("/staff/login/code", &[("code", &code)]).await;
    assert_eq!(status, 303);
    let signed_in = b.cookie();
    assert_ne!(
        signed_in, password_only,
        "the code step kept the session id"
    );
    assert_eq!(b.get("/staff").await.0, 200);
    let planted = StaffBrowser::new(&app, &password_only);
    assert_eq!(
        planted.get("/staff").await.2.as_deref(),
        Some("/staff/login"),
        "the planted cookie became a signed-in session"
    );
    // Confirming the code again.
    let code = app.next_code(&officer.email);
    let (status, _, _) = b
        .post("/staff/verify", &[("code", &code), ("then", "/staff")])
        .await;
    assert_eq!(status, 303);
    let stepped_up = b.cookie();
    assert_ne!(stepped_up, signed_in, "the step-up kept the session id");
    let old = StaffBrowser::new(&app, &signed_in);
    assert_eq!(old.get("/staff").await.2.as_deref(), Some("/staff/login"));
    // A new password.
    let new = "another long password 2026";
    let (status, _, _) = b
        .post(
            "/staff/password",
            &[
                ("current", officer.password.as_str()),
                ("new", new),
                ("confirm", new),
            ],
        )
        .await;
    assert_eq!(status, 303);
    assert_ne!(
        b.cookie(),
        stepped_up,
        "the password change kept the session id"
    );
    let old = StaffBrowser::new(&app, &stepped_up);
    assert_eq!(old.get("/staff").await.2.as_deref(), Some("/staff/login"));
    assert_eq!(b.get("/staff").await.0, 200, "the new cookie works");
}

/// Sign-in attempts, each claiming a new address in `X-Forwarded-For`, until one is
/// limited: how many went through.
async fn sign_ins_before_the_limit(app: &TestApp) -> usize {
    for i in 0..40 {
        let res = app
            .client
            .post(app.url("/staff/login"))
            .insert_header(("X-Forwarded-For", format!("192.0.2.{i}")))
            .send_form(&[("email", "nobody@school.example"), ("password", "guess")])
            .await
            .unwrap();
        if res.status().as_u16() == 429 {
            return i;
        }
    }
    40
}

#[actix_rt::test]
async fn a_client_that_reaches_the_app_directly_cannot_choose_its_rate_limit_bucket() {
    let limit = confide::web::ratelimit::SIGN_INS.burst as usize;
    // The proxy is elsewhere: this client's header is not believed.
    let direct = spawn_app_with(|c| {
        c.trusted_proxies = TrustedProxies::parse("10.0.0.5").unwrap();
    })
    .await;
    assert_eq!(sign_ins_before_the_limit(&direct).await, limit);
    // From the trusted proxy itself, each forwarded address is its own client.
    let proxied = spawn_app_with(|c| c.trusted_proxies = TrustedProxies::loopback()).await;
    assert_eq!(sign_ins_before_the_limit(&proxied).await, 40);
}
