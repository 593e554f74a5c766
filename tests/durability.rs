//! A report the server said it kept survives the server being killed: 32 pupils send
//! reports at once to a real `confide serve` on SQLite, the process is killed with
//! SIGKILL in the middle, and after a restart every receipt code that was given out opens
//! its report.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test should stop loudly at the first surprise"
)]

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_confide");
const PUPILS: usize = 32;

fn command(data: &Path) -> Command {
    let mut cmd = Command::new(BIN);
    for (key, _) in std::env::vars_os() {
        if key.to_string_lossy().starts_with("CONFIDE_") {
            cmd.env_remove(key);
        }
    }
    cmd.env("CONFIDE_DATA_DIR", data)
        .env("CONFIDE_MAIL_TRANSPORT", "none")
        .env("CONFIDE_TRUST_PROXY", "true")
        .stdin(Stdio::null());
    cmd
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn serve(data: &Path, port: u16) -> Child {
    let log = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(data.join("server.log"))
        .unwrap();
    let child = command(data)
        .arg("serve")
        .env("CONFIDE_LISTEN", format!("127.0.0.1:{port}"))
        .stdout(log.try_clone().unwrap())
        .stderr(log)
        .spawn()
        .expect("confide serve starts");
    let started = Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "server did not start"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    child
}

fn receipt_from(body: &str) -> Option<String> {
    // Without the marks Fluent isolates the inserted code with (U+2068 … U+2069).
    let body = body.replace(['\u{2068}', '\u{2069}'], "");
    let marker = "aria-label=\"Receipt code: ";
    let start = body.find(marker)? + marker.len();
    body.get(start..start + 24).map(str::to_owned)
}

#[actix_rt::test]
async fn every_receipt_given_out_before_a_kill_opens_its_report_after_restart() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    let out = command(data)
        .args([
            "school",
            "add",
            "--slug",
            "oakfield",
            "--name",
            "Oakfield Academy",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let port = free_port();
    let mut server = serve(data, port);
    let base = format!("http://127.0.0.1:{port}");

    let given: Arc<Mutex<Vec<(String, String)>>> = Arc::default();
    let stop = Arc::new(AtomicBool::new(false));
    let mut pupils = Vec::new();
    for pupil in 0..PUPILS {
        let (given, stop, base) = (given.clone(), stop.clone(), base.clone());
        pupils.push(actix_rt::spawn(async move {
            let client = awc::Client::builder()
                .timeout(Duration::from_secs(10))
                .finish();
            let mut n = 0;
            while !stop.load(Ordering::Relaxed) {
                n += 1;
                let what = format!("Durability report {pupil}-{n}: someone is taking my phone.");
                let form = [
                    ("category", "bullying"),
                    ("location", "corridor"),
                    ("happening_now", "no"),
                    ("about", "no"),
                    ("what", what.as_str()),
                ];
                let sent = client
                    .post(format!("{base}/s/oakfield/report"))
                    .insert_header(("X-Forwarded-For", format!("10.9.{}.{}", pupil, n % 250)))
                    .send_form(&form)
                    .await;
                let Ok(mut res) = sent else { break };
                if res.status().as_u16() != 200 {
                    continue;
                }
                let Ok(body) = res.body().limit(1_000_000).await else {
                    break;
                };
                if let Some(code) = receipt_from(&String::from_utf8_lossy(&body)) {
                    given.lock().unwrap().push((code, what));
                }
            }
        }));
    }
    // Kill the server mid-run, once a good number of reports are in.
    let started = Instant::now();
    while given.lock().unwrap().len() < 60 && started.elapsed() < Duration::from_secs(30) {
        actix_rt::time::sleep(Duration::from_millis(20)).await;
    }
    server.kill().unwrap(); // SIGKILL: no shutdown, no final checkpoint.
    server.wait().unwrap();
    stop.store(true, Ordering::Relaxed);
    for p in pupils {
        let _ = p.await;
    }
    let given = given.lock().unwrap().clone();
    assert!(
        given.len() >= 60,
        "only {} reports were acknowledged before the kill",
        given.len()
    );

    let port = free_port();
    let mut server = serve(data, port);
    let client = awc::Client::builder()
        .timeout(Duration::from_secs(30))
        .finish();
    let mut lost = Vec::new();
    for (i, (code, what)) in given.iter().enumerate() {
        let mut res = client
            .post(format!("http://127.0.0.1:{port}/followup"))
            .insert_header(("X-Forwarded-For", format!("10.200.{}.{}", i / 250, i % 250)))
            .send_form(&[("code", code.as_str())])
            .await
            .unwrap();
        let body = res.body().limit(1_000_000).await.unwrap();
        if !String::from_utf8_lossy(&body).contains(what.as_str()) {
            lost.push(what.clone());
        }
    }
    server.kill().unwrap();
    let _ = server.wait();
    assert!(
        lost.is_empty(),
        "{} of {} acknowledged reports were lost: {lost:?}",
        lost.len(),
        given.len()
    );
    eprintln!(
        "{} acknowledged reports before SIGKILL, all opened after restart",
        given.len()
    );
}
