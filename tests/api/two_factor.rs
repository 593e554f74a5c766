//! Two-step sign-in: enrolment that counts only once confirmed, sessions that reach nothing
//! before the second factor, codes good once, recovery codes, step-up before the most
//! sensitive actions, resets, and limits on guessing.

use confide::crypto::totp::TotpSecret;
use confide::db::schema::{audit_log, outbox, report_keys, reports, users};
use confide::domain::choices::Role;
use diesel::prelude::*;

use crate::helpers::{csrf_from, spawn_app_with, StaffBrowser, TestApp};

/// An app where nobody may work without a second factor (the deployment default).
async fn strict_app() -> TestApp {
    spawn_app_with(|c| c.two_factor_grace_seconds = 0).await
}

/// The first step only: email and password. Returns the cookie and where it leads.
async fn password_step(app: &TestApp, email: &str, password: &str) -> (String, String) {
    let res = app
        .client
        .post(app.url("/staff/login"))
        .send_form(&[("email", email), ("password", password)])
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 303);
    let cookie = res.headers().get("set-cookie").unwrap().to_str().unwrap();
    let location = res.headers().get("location").unwrap().to_str().unwrap();
    (
        cookie.split(';').next().unwrap().to_owned(),
        location.to_owned(),
    )
}

/// The second step: (status, body, location).
async fn code_step(app: &TestApp, cookie: &str, code: &str) -> (u16, String, Option<String>) {
    let mut res = app
        .client
        .post(app.url("/staff/login/code"))
        .insert_header(("Cookie", cookie))
        .send_form(&[("code", code)])
        .await
        .unwrap();
    let location = res
        .headers()
        .get("location")
        .map(|l| l.to_str().unwrap().to_owned());
    let body = String::from_utf8_lossy(&res.body().await.unwrap()).into_owned();
    (res.status().as_u16(), body, location)
}

/// The second step, for the new cookie it sets: (status, location, cookie).
async fn code_step_renewing(
    app: &TestApp,
    cookie: &str,
    code: &str,
) -> (u16, Option<String>, Option<String>) {
    let res = app
        .client
        .post(app.url("/staff/login/code"))
        .insert_header(("Cookie", cookie))
        .send_form(&[("code", code)])
        .await
        .unwrap();
    let header = |name: &str| {
        res.headers()
            .get(name)
            .map(|v| v.to_str().unwrap().to_owned())
    };
    let renewed = header("set-cookie")
        .map(|c| c.split(';').next().unwrap().to_owned())
        .filter(|c| !c.ends_with('='));
    (res.status().as_u16(), header("location"), renewed)
}

fn browser<'a>(app: &'a TestApp, cookie: &str) -> StaffBrowser<'a> {
    StaffBrowser::new(app, cookie)
}

/// A person added at the command line, with their temporary password.
fn add_person(app: &TestApp, email: &str, role: &str) -> String {
    let (ok, out) = app.confide(
        &["user", "add", "--email", email, "--name", "New Person"],
        None,
    );
    assert!(ok, "{out}");
    let (ok, grant) = app.confide(
        &[
            "role", "grant", "--school", "oakfield", "--user", email, "--role", role,
        ],
        None,
    );
    assert!(ok, "{grant}");
    out.lines().nth(2).unwrap().trim().to_owned()
}

/// The secret the enrolment page shows as text.
fn secret_on(page: &str) -> TotpSecret {
    let marker = "class=\"confide-secret\">";
    let start = page.find(marker).expect("no secret on the page") + marker.len();
    let text = page[start..].split('<').next().unwrap();
    TotpSecret::from_display_text(text).expect("a readable secret")
}

fn recovery_codes_on(page: &str) -> Vec<String> {
    page.split("<li><code>")
        .skip(1)
        .map(|rest| rest.split('<').next().unwrap().to_owned())
        .collect()
}

/// The enrolment page, its QR code made by the button (a GET alone stores no secret).
async fn show_qr_code(b: &StaffBrowser<'_>) -> String {
    let (status, page, _) = b.get("/staff/two-factor").await;
    assert_eq!(status, 200);
    assert!(!page.contains("<svg"), "a GET made a secret");
    let (status, _, location) = b.post("/staff/two-factor/start", &[]).await;
    assert_eq!(
        (status, location.as_deref()),
        (303, Some("/staff/two-factor"))
    );
    let (status, page, _) = b.get("/staff/two-factor").await;
    assert_eq!(status, 200);
    assert!(page.contains("<svg"), "no QR code");
    // Showing it again shows the same secret, and stores nothing new.
    let (_, again, _) = b.get("/staff/two-factor").await;
    assert_eq!(
        secret_on(&page).display_text().as_str(),
        secret_on(&again).display_text().as_str()
    );
    page
}

/// Signs in a newly added person, chooses a password and enrols through the pages.
/// Returns the browser, the secret their app holds, and their recovery codes.
async fn enrol_new_person<'a>(
    app: &'a TestApp,
    email: &str,
) -> (StaffBrowser<'a>, TotpSecret, Vec<String>) {
    let temporary = add_person(app, email, "nominated_staff");
    let (cookie, next) = password_step(app, email, &temporary).await;
    assert_eq!(next, "/staff/password");
    let b = browser(app, &cookie);
    let new = "a long new password 2026";
    let (status, _, location) = b
        .post(
            "/staff/password",
            &[("current", &temporary), ("new", new), ("confirm", new)],
        )
        .await;
    assert_eq!(status, 303);
    assert_eq!(location.as_deref(), Some("/staff"));
    let (_, _, location) = b.get("/staff").await;
    assert_eq!(location.as_deref(), Some("/staff/two-factor"));
    let page = show_qr_code(&b).await;
    let secret = secret_on(&page);
    let code = secret.code_at(app.ctx.now().as_secs());
    let (status, page, _) = b.post("/staff/two-factor", &[("code", &code)]).await;
    assert_eq!(status, 200, "{page}");
    let codes = recovery_codes_on(&page);
    (b, secret, codes)
}

#[actix_rt::test]
async fn enrolment_counts_only_once_a_code_from_the_app_confirms_it() {
    let app = strict_app().await;
    let email = "new@oakfield.example";
    let temporary = add_person(&app, email, "nominated_staff");
    let (cookie, _) = password_step(&app, email, &temporary).await;
    let b = browser(&app, &cookie);
    let new = "a long new password 2026";
    b.post(
        "/staff/password",
        &[("current", &temporary), ("new", new), ("confirm", new)],
    )
    .await;
    b.get("/staff/two-factor").await;
    let pending: Option<Vec<u8>> = app.with_conn(|c| {
        users::table
            .filter(users::email.eq(email))
            .select(users::totp_pending_sealed)
            .first(c)
            .unwrap()
    });
    assert!(pending.is_none(), "showing the page stored a secret");
    let page = show_qr_code(&b).await;
    let secret = secret_on(&page);
    // The secret is kept sealed, never as the text the page shows.
    let stored: (Option<Vec<u8>>, Option<Vec<u8>>) = app.with_conn(|c| {
        users::table
            .filter(users::email.eq(email))
            .select((users::totp_sealed, users::totp_pending_sealed))
            .first(c)
            .unwrap()
    });
    assert!(stored.0.is_none(), "enrolled before any code");
    let pending = stored.1.expect("a pending secret");
    let text: String = page
        .split("class=\"confide-secret\">")
        .nth(1)
        .unwrap()
        .split('<')
        .next()
        .unwrap()
        .replace(' ', "");
    assert!(!String::from_utf8_lossy(&pending).contains(&text));

    // A wrong code changes nothing: the session still reaches nothing but enrolment.
    let now = app.ctx.now().as_secs();
    let wrong = format!(
        "{:06}",
        (secret.code_at(now).parse::<u32>().unwrap() + 1) % 1_000_000
    );
    let (status, page, _) = b.post("/staff/two-factor", &[("code", &wrong)]).await;
    assert_eq!(status, 400);
    assert!(page.contains("That code is not right"));
    assert_eq!(
        b.get("/staff").await.2.as_deref(),
        Some("/staff/two-factor")
    );

    let (status, page, _) = b
        .post("/staff/two-factor", &[("code", &secret.code_at(now))])
        .await;
    assert_eq!(status, 200);
    assert_eq!(recovery_codes_on(&page).len(), 10);
    assert_eq!(b.get("/staff").await.0, 200);
    let audited: i64 = app.with_conn(|c| {
        audit_log::table
            .filter(audit_log::action.eq("Set up two-step sign-in"))
            .count()
            .get_result(c)
            .unwrap()
    });
    assert_eq!(audited, 1);
}

#[actix_rt::test]
async fn a_session_without_the_second_factor_reaches_no_staff_page() {
    let app = strict_app().await;
    let officer = app.add_staff("officer@police.example", "oakfield", Role::SspOfficer);
    app.add_admin();
    let id = app.report_id_for(&app.send_report("oakfield", &[]).await);
    for (email, password) in [
        (officer.email.as_str(), officer.password.as_str()),
        ("admin@la.example", "admin password 123"),
    ] {
        // The right password, and no code yet.
        let (cookie, next) = password_step(&app, email, password).await;
        assert_eq!(next, "/staff/login/code");
        let b = browser(&app, &cookie);
        for path in [
            "/staff".to_owned(),
            format!("/staff/reports/{id}"),
            "/staff/admin".into(),
            "/staff/admin/outbox".into(),
            "/staff/password".into(),
            "/staff/two-factor".into(),
            "/staff/verify".into(),
            "/staff?status=closed".into(),
        ] {
            let (status, page, location) = b.get(&path).await;
            assert_eq!(
                (status, location.as_deref()),
                (303, Some("/staff/login/code")),
                "{email} reached {path}"
            );
            assert!(
                !page.contains("Someone keeps pushing"),
                "{path} leaked the report"
            );
        }
        for path in [
            format!("/staff/reports/{id}/acknowledge"),
            format!("/staff/reports/{id}/replies"),
            "/staff/admin/people".into(),
            "/staff/admin/roles".into(),
            "/staff/two-factor".into(),
            "/staff/password".into(),
            "/staff/verify".into(),
        ] {
            let (status, _, location) = b
                .post_raw(&path, &[("csrf", "x"), ("text", "x"), ("code", "000000")])
                .await;
            assert!(
                status == 403
                    || (status == 303 && location.as_deref() == Some("/staff/login/code")),
                "{email} POST {path}: {status} {location:?}"
            );
        }
    }
    let acknowledged: Option<i64> = app.with_conn(|c| {
        reports::table
            .filter(reports::id.eq(&id))
            .select(reports::acknowledged_at)
            .first(c)
            .unwrap()
    });
    assert!(acknowledged.is_none());
}

#[actix_rt::test]
async fn the_first_step_says_nothing_about_whether_the_password_was_right() {
    let app = strict_app().await;
    let officer = app.add_staff("officer@police.example", "oakfield", Role::SspOfficer);
    let (right, right_next) = password_step(&app, &officer.email, &officer.password).await;
    let (wrong, wrong_next) = password_step(&app, &officer.email, "not the password").await;
    let (unknown, unknown_next) = password_step(&app, "nobody@police.example", "guess").await;
    assert_eq!(right_next, "/staff/login/code");
    assert_eq!(wrong_next, right_next);
    assert_eq!(unknown_next, right_next);
    assert_eq!(right.len(), wrong.len());
    let code = app.next_code(&officer.email);
    let (wrong_status, wrong_page, _) = code_step(&app, &wrong, &code).await;
    let (unknown_status, unknown_page, _) = code_step(&app, &unknown, &code).await;
    assert_eq!((wrong_status, unknown_status), (200, 200));
    assert_eq!(wrong_page, unknown_page);
    assert!(wrong_page.contains("Enter a correct email address and password"));
    // The right password with its code signs in.
    assert_eq!(code_step(&app, &right, &code).await.0, 303);
}

#[actix_rt::test]
async fn a_code_is_refused_the_second_time_with_words_that_say_why() {
    let app = strict_app().await;
    let officer = app.add_staff("officer@police.example", "oakfield", Role::SspOfficer);
    let code = app.next_code(&officer.email);
    let (first, _) = password_step(&app, &officer.email, &officer.password).await;
    assert_eq!(code_step(&app, &first, &code).await.0, 303);
    let (second, _) = password_step(&app, &officer.email, &officer.password).await;
    let (status, page, _) = code_step(&app, &second, &code).await;
    assert_eq!(status, 200);
    assert!(
        page.contains("That code was just used. Wait for the next one"),
        "{page}"
    );
    assert!(!page.contains("Enter a correct email address and password"));
    // The session waits for the next code, which signs in.
    let next = app.next_code(&officer.email);
    assert_eq!(code_step(&app, &second, &next).await.0, 303);
    // A wrong code still ends the half-made session with the one answer for everything.
    let (third, _) = password_step(&app, &officer.email, &officer.password).await;
    let (status, page, _) = code_step(&app, &third, "000000").await;
    assert_eq!(status, 200);
    assert!(page.contains("Enter a correct email address and password"));
    assert_eq!(
        browser(&app, &third).get("/staff").await.2.as_deref(),
        Some("/staff/login"),
        "a refused code must end the half-made session"
    );
}

#[actix_rt::test]
async fn the_code_field_brings_up_a_number_pad_and_a_recovery_code_has_its_own() {
    let app = strict_app().await;
    let officer = app.add_staff("officer@police.example", "oakfield", Role::SspOfficer);
    let (cookie, next) = password_step(&app, &officer.email, &officer.password).await;
    let b = browser(&app, &cookie);
    let (_, page, _) = b.get(&next).await;
    assert!(page.contains("autocomplete=\"one-time-code\""));
    assert!(page.contains("inputmode=\"numeric\""));
    let link = page
        .split("href=\"")
        .map(|rest| rest.split('"').next().unwrap())
        .find(|href| href.contains("recovery=1"))
        .expect("a link to enter a recovery code")
        .replace("&amp;", "&");
    let (status, page, _) = b.get(&link).await;
    assert_eq!(status, 200);
    assert!(
        !page.contains("inputmode=\"numeric\""),
        "recovery codes have letters"
    );
    assert!(page.contains("Use the code from your authenticator app instead"));
}

#[actix_rt::test]
async fn a_recovery_code_signs_in_once_and_tells_the_person() {
    let app = strict_app().await;
    let email = "new@oakfield.example";
    let (_, _, codes) = enrol_new_person(&app, email).await;
    assert_eq!(codes.len(), 10);
    let password = "a long new password 2026";
    let (cookie, _) = password_step(&app, email, password).await;
    let (status, location, renewed) =
        code_step_renewing(&app, &cookie, &codes[3].to_lowercase()).await;
    assert_eq!((status, location.as_deref()), (303, Some("/staff")));
    assert_eq!(browser(&app, &renewed.unwrap()).get("/staff").await.0, 200);
    let told: Vec<String> = app.with_conn(|c| {
        outbox::table
            .filter(outbox::kind.eq("recovery_code_used"))
            .select(outbox::recipient_email)
            .load(c)
            .unwrap()
    });
    assert_eq!(told, vec![email.to_owned()]);
    let audited: i64 = app.with_conn(|c| {
        audit_log::table
            .filter(audit_log::action.eq("Signed in with a recovery code"))
            .count()
            .get_result(c)
            .unwrap()
    });
    assert_eq!(audited, 1);
    // Never again.
    let (again, _) = password_step(&app, email, password).await;
    assert_eq!(code_step(&app, &again, &codes[3]).await.0, 200);
    // The stored codes are keyed hashes, not the codes.
    let hashes: Vec<Vec<u8>> = app.with_conn(|c| {
        confide::db::schema::recovery_codes::table
            .select(confide::db::schema::recovery_codes::code_hash)
            .load(c)
            .unwrap()
    });
    assert_eq!(hashes.len(), 10);
    for hash in hashes {
        assert!(!String::from_utf8_lossy(&hash).contains(&codes[0][..5]));
    }
}

#[actix_rt::test]
async fn a_closed_report_needs_the_second_factor_again_after_ten_minutes() {
    let app = strict_app().await;
    let officer = app.add_staff("officer@police.example", "oakfield", Role::SspOfficer);
    let closed = app.report_id_for(&app.send_report("oakfield", &[]).await);
    let open = app.report_id_for(&app.send_report("oakfield", &[]).await);
    let b = app.signed_in(&officer).await;
    b.close_case(&closed, "resolved").await;
    assert_eq!(b.get(&format!("/staff/reports/{closed}")).await.0, 200);

    app.ctx.clock.advance(11 * 60);
    let (status, page, location) = b.get(&format!("/staff/reports/{closed}")).await;
    let expected = format!("/staff/verify?then=%2Fstaff%2Freports%2F{closed}");
    assert_eq!(
        (status, location.as_deref()),
        (303, Some(expected.as_str()))
    );
    assert!(!page.contains("Someone keeps pushing"));
    // An open report still opens.
    assert_eq!(b.get(&format!("/staff/reports/{open}")).await.0, 200);

    let (status, page, _) = b.get(&expected).await;
    assert_eq!(status, 200);
    assert!(page.contains("Confirm it is you"));
    let then = format!("/staff/reports/{closed}");
    let (status, _, location) = b
        .post(
            "/staff/verify",
            &[("code", "123 456"), ("then", then.as_str())],
        )
        .await;
    assert_eq!((status, location), (400, None), "a wrong code was taken");
    let code = app.next_code(&officer.email);
    let (status, _, location) = b
        .post("/staff/verify", &[("code", &code), ("then", then.as_str())])
        .await;
    assert_eq!((status, location.as_deref()), (303, Some(then.as_str())));
    let (status, case, _) = b.get(&then).await;
    assert_eq!(status, 200);
    assert!(case.contains("Someone keeps pushing"));
    // Only to pages of this site.
    let code = app.next_code(&officer.email);
    let (_, _, location) = b
        .post(
            "/staff/verify",
            &[("code", &code), ("then", "https://evil.example/staff")],
        )
        .await;
    assert_eq!(location.as_deref(), Some("/staff"));
}

#[actix_rt::test]
async fn changing_roles_needs_a_fresh_second_factor() {
    let app = strict_app().await;
    app.add_admin();
    let officer = app.add_staff("officer@police.example", "oakfield", Role::SspOfficer);
    let admin = app.signed_in_admin().await;
    app.ctx.clock.advance(11 * 60);
    let school = app.school("riverside").id.to_string();
    let form = [
        ("school", school.as_str()),
        ("user", &officer.id.to_string()),
        ("role", "ssp_officer"),
    ];
    let (status, _, location) = admin.post("/staff/admin/roles", &form).await;
    assert_eq!(status, 303);
    assert_eq!(
        location.as_deref(),
        Some("/staff/verify?then=%2Fstaff%2Fadmin")
    );
    let holds = |app: &TestApp| -> i64 {
        use confide::db::schema::school_roles;
        app.with_conn(|c| {
            school_roles::table
                .filter(school_roles::user_id.eq(officer.id))
                .count()
                .get_result(c)
                .unwrap()
        })
    };
    assert_eq!(
        holds(&app),
        1,
        "the role was granted without the second factor"
    );
    let code = app.next_code("admin@la.example");
    admin
        .post(
            "/staff/verify",
            &[("code", &code), ("then", "/staff/admin")],
        )
        .await;
    let (status, _, location) = admin.post("/staff/admin/roles", &form).await;
    assert_eq!(
        (status, location.as_deref()),
        (303, Some("/staff/admin?done=granted"))
    );
    assert_eq!(holds(&app), 2);
}

#[actix_rt::test]
async fn a_reset_forces_enrolment_at_the_next_sign_in_and_never_removes_the_requirement() {
    let app = strict_app().await;
    let officer = app.add_staff("officer@police.example", "oakfield", Role::SspOfficer);
    app.send_report("oakfield", &[]).await;
    let before = app.signed_in(&officer).await;
    let (ok, out) = app.confide(&["user", "reset-2fa", "--email", &officer.email], None);
    assert!(ok, "{out}");
    assert_eq!(
        before.get("/staff").await.2.as_deref(),
        Some("/staff/login"),
        "the reset left a session signed in"
    );
    let (cookie, next) = password_step(&app, &officer.email, &officer.password).await;
    assert_eq!(next, "/staff/two-factor");
    let b = browser(&app, &cookie);
    for path in ["/staff".to_owned(), "/staff/admin".into()] {
        assert_eq!(b.get(&path).await.2.as_deref(), Some("/staff/two-factor"));
    }
    let (status, page, _) = b.get("/staff/two-factor").await;
    assert_eq!(status, 200);
    assert!(page.contains("You need to set it up before you continue"));
    let (kind, audited): (Vec<String>, i64) = app.with_conn(|c| {
        (
            outbox::table
                .filter(outbox::recipient_email.eq(&officer.email))
                .select(outbox::kind)
                .load(c)
                .unwrap(),
            audit_log::table
                .filter(audit_log::action.eq("Two-step sign-in reset"))
                .count()
                .get_result(c)
                .unwrap(),
        )
    });
    assert!(kind.contains(&"two_factor_reset".to_owned()), "{kind:?}");
    assert_eq!(audited, 1);
    // The officer keeps their keys to reports: only the second factor was reset.
    let keys: i64 = app.with_conn(|c| {
        report_keys::table
            .filter(report_keys::user_id.eq(officer.id))
            .count()
            .get_result(c)
            .unwrap()
    });
    assert_eq!(keys, 1);
}

#[actix_rt::test]
async fn wrong_codes_are_limited_per_account_even_from_new_addresses() {
    let app = strict_app().await;
    let officer = app.add_staff("officer@police.example", "oakfield", Role::SspOfficer);
    for _ in 0..confide::app::two_factor::MAX_FAILURES {
        let (cookie, _) = password_step(&app, &officer.email, &officer.password).await;
        assert_eq!(code_step(&app, &cookie, "000000").await.0, 200);
    }
    // Locked: even the right code is refused.
    let (cookie, _) = password_step(&app, &officer.email, &officer.password).await;
    let code = app.next_code(&officer.email);
    assert_eq!(code_step(&app, &cookie, &code).await.0, 200);
    app.ctx.clock.advance(16 * 60);
    let (cookie, _) = password_step(&app, &officer.email, &officer.password).await;
    let code = app.next_code(&officer.email);
    assert_eq!(code_step(&app, &cookie, &code).await.0, 303);
}

#[actix_rt::test]
async fn codes_from_one_client_are_slowed_down() {
    let app = strict_app().await;
    let limit = confide::web::ratelimit::SECOND_FACTORS.burst;
    for _ in 0..limit {
        code_step(&app, "confide-session=x", "000000").await;
    }
    let (status, page, _) = code_step(&app, "confide-session=x", "000000").await;
    assert_eq!(status, 429);
    assert!(page.contains("Too many codes were tried"));
}

#[actix_rt::test]
async fn the_pages_for_two_step_sign_in_carry_their_forms_anti_forgery_token() {
    let app = strict_app().await;
    let (b, _, _) = enrol_new_person(&app, "new@oakfield.example").await;
    let (_, page, _) = b.get("/staff/verify").await;
    assert!(!csrf_from(&page).is_empty());
    let (status, _, _) = b
        .post_raw("/staff/verify", &[("csrf", "forged"), ("code", "123456")])
        .await;
    assert_eq!(status, 403);
}
