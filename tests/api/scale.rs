//! Running at scale: two servers on one database, and backups taken under load.

use std::sync::{Arc, Mutex};

use confide::domain::choices::Role;

use crate::helpers::{postgres_base_url, receipt_from, spawn_app, spawn_app_with, TestApp};

#[actix_rt::test]
async fn a_report_sent_through_one_server_is_triaged_through_another() {
    let app = spawn_app().await;
    let officer = app.add_staff("officer@police.example", "oakfield", Role::SspOfficer);
    let code = app
        .send_report("oakfield", &[("what", "Sent through server A")])
        .await;
    let id = app.report_id_for(&code);

    // Server B: same database and secret, its own process state.
    let b = TestApp {
        address: app.spawn_twin(),
        ..clone_handles(&app)
    };
    let browser = b.signed_in(&officer).await;
    let (_, queue, _) = browser.get("/staff").await;
    assert!(queue.contains(&format!("/staff/reports/{id}")));
    let (status, case, _) = browser.get(&format!("/staff/reports/{id}")).await;
    assert_eq!(status, 200);
    assert!(case.contains("Sent through server A"));
    browser.reply(&id, "Answered through server B").await;
    // The session made on B works on A too: nothing lives in one server's memory.
    let on_a = crate::helpers::StaffBrowser::new(&app, &browser.cookie());
    assert_eq!(on_a.get(&format!("/staff/reports/{id}")).await.0, 200);
    let (_, pupil) = app.post_form("/followup", &[("code", &code)]).await;
    assert!(pupil.contains("Answered through server B"));
}

/// A TestApp sharing `app`'s database, for talking to a twin server.
fn clone_handles(app: &TestApp) -> TestApp {
    TestApp {
        metrics_address: None,
        address: app.address.clone(),
        db: app.db.clone(),
        ctx: app.ctx.clone(),
        client: awc::Client::builder().disable_redirects().finish(),
        data_dir: tempfile::tempdir().unwrap(),
        schools: app
            .schools
            .iter()
            .map(|(k, (s, key))| (k.clone(), (s.clone(), key.clone())))
            .collect(),
        server_key: app.server_key.clone(),
        database_url: app.database_url.clone(),
        config: app.config.clone(),
        used_steps: std::sync::Mutex::default(),
    }
}

#[actix_rt::test]
async fn a_backup_taken_under_load_restores_every_acknowledged_report() {
    if postgres_base_url().is_some() {
        return; // PostgreSQL is backed up with pg_dump; `confide backup` refuses it (tested below)
    }
    // Behind a trusted proxy, so each pupil below can come from an address of their own.
    let app = spawn_app_with(|config| {
        config.trusted_proxies = confide::domain::proxies::TrustedProxies::loopback()
    })
    .await;
    app.add_staff("officer@police.example", "oakfield", Role::SspOfficer);
    let acknowledged: Arc<Mutex<Vec<String>>> = Arc::default();
    let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
    // Pupils keep reporting while the backup runs (from many addresses, so the
    // per-client limit is not what stops them).
    let mut writers = Vec::new();
    for w in 0..4 {
        let (address, done, stop) = (app.address.clone(), acknowledged.clone(), stop.clone());
        writers.push(actix_rt::spawn(async move {
            let client = awc::Client::default();
            let mut i = 0;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) && i < 200 {
                i += 1;
                let what = format!("load {w}-{i}");
                let mut res = client
                    .post(format!("{address}/s/oakfield/report"))
                    .insert_header((
                        "X-Forwarded-For",
                        format!("10.{w}.{}.{}", i / 250, i % 250 + 1),
                    ))
                    .send_form(&[
                        ("category", "other"),
                        ("location", "online"),
                        ("happening_now", "no"),
                        ("about", "no"),
                        ("what", what.as_str()),
                    ])
                    .await
                    .unwrap();
                let body = String::from_utf8_lossy(&res.body().await.unwrap()).into_owned();
                if res.status().as_u16() == 200 {
                    done.lock().unwrap().push(receipt_from(&body));
                }
            }
        }));
    }
    while acknowledged.lock().unwrap().len() < 10 {
        actix_rt::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    // Every report the pupil was told is saved before the backup starts must be in it.
    let before: Vec<String> = acknowledged.lock().unwrap().clone();
    let target = tempfile::tempdir().unwrap();
    let backup_dir = target.path().join("backup");
    let (ok, out) = app.confide(&["backup", "--to", backup_dir.to_str().unwrap()], None);
    assert!(ok, "{out}");
    let during = acknowledged.lock().unwrap().len();
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    for w in writers {
        w.await.unwrap();
    }
    assert!(
        during > before.len() || acknowledged.lock().unwrap().len() > before.len(),
        "no load ran during the backup"
    );

    let restored_dir = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_confide"))
        .args(["restore", "--from", backup_dir.to_str().unwrap()])
        .env("CONFIDE_DATA_DIR", restored_dir.path())
        .env_remove("CONFIDE_DATABASE_URL")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let mut config = confide::config::Config::for_data_dir(restored_dir.path())
        .expect("the test settings are valid");
    config.database = confide::config::DatabaseUrl::Sqlite(restored_dir.path().join("confide.db"));
    // Backups never hold the retention keystore; the deployment's own is used with them.
    config.keystore_dir = app.config.keystore_dir.clone();
    // Each code is checked as if from its own pupil: there can be more of them than one
    // client may try in a row.
    config.trusted_proxies = confide::domain::proxies::TrustedProxies::loopback();
    let restored = confide::startup::Application::build(config).unwrap();
    let address = format!("http://127.0.0.1:{}", restored.port());
    actix_rt::spawn(restored.run_until_stopped());
    let client = awc::Client::default();
    for (i, code) in before.iter().enumerate() {
        let mut res = client
            .post(format!("{address}/followup"))
            .insert_header((
                "X-Forwarded-For",
                format!("10.0.{}.{}", i / 250, i % 250 + 1),
            ))
            .send_form(&[("code", code.as_str())])
            .await
            .unwrap();
        let page =
            String::from_utf8_lossy(&res.body().limit(1_000_000).await.unwrap()).into_owned();
        assert!(
            page.contains("What you told us"),
            "report {code} is missing from the restored backup"
        );
    }
    println!(
        "backup under load: {} acknowledged before, {} by the end",
        before.len(),
        acknowledged.lock().unwrap().len()
    );
}

#[actix_rt::test]
async fn backup_explains_what_to_do_on_postgres_and_restore_never_overwrites_by_accident() {
    let app = spawn_app().await;
    if postgres_base_url().is_some() {
        let (ok, out) = app.confide(&["backup", "--to", "/tmp/never"], None);
        assert!(!ok);
        assert!(out.contains("pg_dump"), "{out}");
        return;
    }
    let target = tempfile::tempdir().unwrap();
    let dir = target.path().join("b");
    assert!(
        app.confide(&["backup", "--to", dir.to_str().unwrap()], None)
            .0
    );
    let (ok, out) = app.confide(&["restore", "--from", dir.to_str().unwrap()], None);
    assert!(!ok, "restored over a live database");
    assert!(out.contains("--force"), "{out}");
}

#[actix_rt::test]
async fn many_pupils_reporting_at_once_all_get_a_durable_readable_report() {
    let app = spawn_app().await;
    app.add_staff("officer@police.example", "oakfield", Role::SspOfficer);
    let mut sends = Vec::new();
    for i in 0..24 {
        let address = app.address.clone();
        sends.push(actix_rt::spawn(async move {
            let what = format!("concurrent report {i}");
            let mut res = awc::Client::default()
                .post(format!("{address}/s/oakfield/report"))
                .insert_header(("X-Forwarded-For", format!("10.0.0.{i}")))
                .send_form(&[
                    ("category", "other"),
                    ("location", "online"),
                    ("happening_now", "no"),
                    ("about", "no"),
                    ("what", what.as_str()),
                ])
                .await
                .unwrap();
            assert_eq!(res.status().as_u16(), 200);
            (
                what,
                receipt_from(&String::from_utf8_lossy(&res.body().await.unwrap())),
            )
        }));
    }
    for (i, send) in sends.into_iter().enumerate() {
        let (what, code) = send.await.unwrap();
        app.report_id_for(&code);
        // Reading back is rate-limited per client, so read a sample in full.
        if i % 3 == 0 {
            let (_, page) = app.post_form("/followup", &[("code", &code)]).await;
            assert!(page.contains(&what), "{what} was not stored");
        }
    }
    assert_eq!(app.report_count(), 24);
    let (ok, out) = app.confide(&["audit", "verify"], None);
    assert!(ok, "{out}");
}
