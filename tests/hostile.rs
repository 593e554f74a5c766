//! Resident memory of a real `confide serve` stays under 100 MB through 1,000 hostile
//! requests from 32 clients at once: gzip bombs, 1 MiB forms, huge headers and a new
//! client address for every request (each one a rate-limit entry). The figure is printed.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test should stop loudly at the first surprise"
)]

use std::io::Write;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_confide");
const REQUESTS: usize = 1_000;
const CLIENTS: usize = 32;
const LIMIT_KIB: u64 = 100 * 1024;

fn serve(data: &Path, port: u16) -> Child {
    let mut cmd = Command::new(BIN);
    for (key, _) in std::env::vars_os() {
        if key.to_string_lossy().starts_with("CONFIDE_") {
            cmd.env_remove(key);
        }
    }
    let setup = Command::new(BIN)
        .env("CONFIDE_DATA_DIR", data)
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
    assert!(setup.status.success());
    let child = cmd
        .env("CONFIDE_DATA_DIR", data)
        .env("CONFIDE_MAIL_TRANSPORT", "none")
        .env("CONFIDE_TRUST_PROXY", "true")
        .env("CONFIDE_LISTEN", format!("127.0.0.1:{port}"))
        .arg("serve")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
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

fn rss_kib(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

/// 10 MB of zeros, gzipped (about 10 KB on the wire).
fn gzip_bomb() -> Vec<u8> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(&vec![0u8; 10 * 1024 * 1024]).unwrap();
    gz.finish().unwrap()
}

#[actix_rt::test]
async fn memory_stays_under_100_mb_through_1000_hostile_requests() {
    let dir = tempfile::tempdir().unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut server = serve(dir.path(), port);
    let pid = server.id();
    // Settle, then sample every 10 ms until the run ends.
    actix_rt::time::sleep(Duration::from_millis(500)).await;
    let idle = rss_kib(pid);
    let peak = Arc::new(AtomicU64::new(idle));
    let done = Arc::new(AtomicBool::new(false));
    let sampler = {
        let (peak, done) = (peak.clone(), done.clone());
        std::thread::spawn(move || {
            while !done.load(Ordering::Relaxed) {
                peak.fetch_max(rss_kib(pid), Ordering::Relaxed);
                std::thread::sleep(Duration::from_millis(10));
            }
        })
    };
    let bomb = Arc::new(gzip_bomb());
    let big_form = Arc::new(format!(
        "category=bullying&location=toilets&happening_now=no&about=no&what={}",
        "a".repeat(1024 * 1024)
    ));
    let next = Arc::new(AtomicU64::new(0));
    let statuses = Arc::new(std::sync::Mutex::new(std::collections::BTreeMap::<
        u16,
        usize,
    >::new()));
    let mut clients = Vec::new();
    for _ in 0..CLIENTS {
        let (bomb, big_form, next, statuses) = (
            bomb.clone(),
            big_form.clone(),
            next.clone(),
            statuses.clone(),
        );
        clients.push(actix_rt::spawn(async move {
            let client = awc::Client::builder()
                .timeout(Duration::from_secs(30))
                .finish();
            let base = format!("http://127.0.0.1:{port}");
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= REQUESTS as u64 {
                    break;
                }
                // A new client address every time.
                let from = format!("10.{}.{}.{}", i / 65536, (i / 256) % 256, i % 256);
                let sent = match i % 4 {
                    0 => {
                        client
                            .post(format!("{base}/s/oakfield/report"))
                            .insert_header(("X-Forwarded-For", from))
                            .insert_header(("Content-Type", "application/x-www-form-urlencoded"))
                            .insert_header(("Content-Encoding", "gzip"))
                            .send_body(bomb.as_ref().clone())
                            .await
                    }
                    1 => {
                        client
                            .post(format!("{base}/s/oakfield/report"))
                            .insert_header(("X-Forwarded-For", from))
                            .insert_header(("Content-Type", "application/x-www-form-urlencoded"))
                            .send_body(big_form.as_bytes().to_vec())
                            .await
                    }
                    2 => {
                        client
                            .get(format!("{base}/s/oakfield"))
                            .insert_header(("X-Forwarded-For", from))
                            .insert_header(("X-Padding", "p".repeat(30 * 1024)))
                            .send()
                            .await
                    }
                    _ => {
                        client
                            .post(format!("{base}/followup"))
                            .insert_header(("X-Forwarded-For", from))
                            .send_form(&[("code", "AAAA BBBB CCCC DDDD EEEE FFFF")])
                            .await
                    }
                };
                let status = match sent {
                    Ok(mut res) => {
                        let _ = res.body().limit(1_000_000).await;
                        res.status().as_u16()
                    }
                    // A connection the server closed (as it does after a refused body).
                    Err(_) => 0,
                };
                *statuses.lock().unwrap().entry(status).or_default() += 1;
            }
        }));
    }
    for c in clients {
        c.await.unwrap();
    }
    actix_rt::time::sleep(Duration::from_millis(200)).await;
    done.store(true, Ordering::Relaxed);
    sampler.join().unwrap();
    let after = rss_kib(pid);
    let alive = server.try_wait().unwrap().is_none();
    server.kill().unwrap();
    let _ = server.wait();
    let peak = peak.load(Ordering::Relaxed);
    let statuses = statuses.lock().unwrap().clone();
    eprintln!(
        "hostile requests: idle {:.1} MiB, peak {:.1} MiB, after {:.1} MiB; answers {statuses:?}",
        idle as f64 / 1024.0,
        peak as f64 / 1024.0,
        after as f64 / 1024.0
    );
    assert!(alive, "the server died");
    assert!(!statuses.contains_key(&500), "a 500: {statuses:?}");
    assert!(peak < LIMIT_KIB, "peak resident memory {} KiB", peak);
    assert_eq!(
        statuses.get(&415).copied().unwrap_or(0),
        REQUESTS / 4,
        "every gzip body refused: {statuses:?}"
    );
}
