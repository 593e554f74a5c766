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

/// Samples a process's resident memory every 5 ms until stopped, keeping the peak.
struct PeakSampler {
    peak: Arc<AtomicU64>,
    done: Arc<AtomicBool>,
    thread: std::thread::JoinHandle<()>,
}

impl PeakSampler {
    fn start(pid: u32, idle: u64) -> Self {
        let peak = Arc::new(AtomicU64::new(idle));
        let done = Arc::new(AtomicBool::new(false));
        let thread = {
            let (peak, done) = (peak.clone(), done.clone());
            std::thread::spawn(move || {
                while !done.load(Ordering::Relaxed) {
                    peak.fetch_max(rss_kib(pid), Ordering::Relaxed);
                    std::thread::sleep(Duration::from_millis(5));
                }
            })
        };
        PeakSampler { peak, done, thread }
    }

    /// Stops sampling; the peak in KiB.
    fn stop(self) -> u64 {
        self.done.store(true, Ordering::Relaxed);
        self.thread.join().unwrap();
        self.peak.load(Ordering::Relaxed)
    }
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
    let sampler = PeakSampler::start(pid, idle);
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
    let peak = sampler.stop();
    let after = rss_kib(pid);
    let alive = server.try_wait().unwrap().is_none();
    server.kill().unwrap();
    let _ = server.wait();
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

/// A 16-bit RGBA PNG of `side` × `side` pixels, all zero: a few hundred KB that would
/// decode to `side² × 8` bytes. Written row by row, so making it holds no picture.
fn png_bomb(side: u32) -> Vec<u8> {
    fn chunk(out: &mut Vec<u8>, kind: &[u8], data: &[u8]) {
        out.extend_from_slice(&u32::try_from(data.len()).unwrap().to_be_bytes());
        let mut crc = flate2::Crc::new();
        crc.update(kind);
        crc.update(data);
        out.extend_from_slice(kind);
        out.extend_from_slice(data);
        out.extend_from_slice(&crc.sum().to_be_bytes());
    }
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&side.to_be_bytes());
    ihdr.extend_from_slice(&side.to_be_bytes());
    // 16 bits, colour type 6 (RGBA), deflate, adaptive filters, no interlace.
    ihdr.extend_from_slice(&[16, 6, 0, 0, 0]);
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    let row = vec![0u8; 1 + side as usize * 8];
    for _ in 0..side {
        z.write_all(&row).unwrap();
    }
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    chunk(&mut out, b"IHDR", &ihdr);
    chunk(&mut out, b"IDAT", &z.finish().unwrap());
    chunk(&mut out, b"IEND", b"");
    out
}

/// A report with pictures, sent as the browser's form would: (status, page).
async fn send_pictures(
    client: &awc::Client,
    base: &str,
    from: &str,
    pictures: &[(&str, &str, &[u8])],
) -> (u16, String) {
    let boundary = "confide-hostile-boundary";
    let mut body = Vec::new();
    for (name, value) in [
        ("category", "online_bullying"),
        ("location", "online"),
        ("happening_now", "no"),
        ("about", "no"),
        ("what", "Someone keeps sending me these pictures."),
    ] {
        body.extend_from_slice(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n")
                .as_bytes(),
        );
    }
    for (filename, kind, bytes) in pictures {
        body.extend_from_slice(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"pictures\"; filename=\"{filename}\"\r\nContent-Type: {kind}\r\n\r\n")
                .as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    match client
        .post(format!("{base}/s/oakfield/report"))
        .insert_header(("X-Forwarded-For", from))
        .insert_header((
            "Content-Type",
            format!("multipart/form-data; boundary={boundary}"),
        ))
        .send_body(body)
        .await
    {
        Ok(mut res) => {
            let page = res.body().limit(1_000_000).await.unwrap_or_default();
            (
                res.status().as_u16(),
                String::from_utf8_lossy(&page).into_owned(),
            )
        }
        Err(_) => (0, String::new()),
    }
}

/// An ordinary phone photo: 1600 × 1200, every pixel different.
fn ordinary_photo() -> Vec<u8> {
    let photo = image::RgbImage::from_fn(1_600, 1_200, |x, y| {
        image::Rgb([(x * 7 + y * 13) as u8, (x ^ y) as u8, (x * y) as u8])
    });
    let mut out = std::io::Cursor::new(Vec::new());
    image::DynamicImage::ImageRgb8(photo)
        .write_to(&mut out, image::ImageFormat::Jpeg)
        .unwrap();
    out.into_inner()
}

#[actix_rt::test]
async fn memory_stays_under_100_mb_through_picture_bombs_and_a_photo_still_goes_through() {
    const BOMBS: usize = 30;
    let dir = tempfile::tempdir().unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let png = Arc::new(png_bomb(6_000));
    let webp: Arc<Vec<u8>> =
        Arc::new(include_bytes!("fixtures/bomb-7999x7999-lossless.webp").to_vec());
    let photo = ordinary_photo();
    let mut server = serve(dir.path(), port);
    let pid = server.id();
    actix_rt::time::sleep(Duration::from_millis(500)).await;
    let idle = rss_kib(pid);
    let sampler = PeakSampler::start(pid, idle);
    let base = format!("http://127.0.0.1:{port}");
    let client = awc::Client::builder()
        .timeout(Duration::from_secs(60))
        .finish();
    // 30 of each, four at a time, with an ordinary photo sent while they queue.
    let mut bombs = Vec::new();
    for i in 0..BOMBS * 2 {
        let (client, base) = (client.clone(), base.clone());
        let (png, webp) = (png.clone(), webp.clone());
        bombs.push(async move {
            let from = format!("10.77.{}.{}", i / 200, i % 200);
            let bomb: (&str, &str, &[u8]) = if i % 2 == 0 {
                ("screenshot.png", "image/png", &png)
            } else {
                ("chat.webp", "image/webp", &webp)
            };
            send_pictures(&client, &base, &from, &[bomb]).await.0
        });
    }
    let ordinary = async {
        actix_rt::time::sleep(Duration::from_millis(50)).await;
        let started = Instant::now();
        let sent = send_pictures(
            &client,
            &base,
            "10.78.0.1",
            &[("IMG_0001.jpg", "image/jpeg", &photo)],
        )
        .await;
        (sent, started.elapsed())
    };
    let (statuses, ((status, page), photo_took)) =
        futures_util::future::join(futures_util::future::join_all(bombs), ordinary).await;
    actix_rt::time::sleep(Duration::from_millis(200)).await;
    let peak = sampler.stop();
    let alive = server.try_wait().unwrap().is_none();
    server.kill().unwrap();
    let _ = server.wait();
    eprintln!(
        "picture bombs: PNG {} KB, WebP {} KB; idle {:.1} MiB, peak {:.1} MiB; the photo took {:?}",
        png.len() / 1024,
        webp.len() / 1024,
        idle as f64 / 1024.0,
        peak as f64 / 1024.0,
        photo_took
    );
    assert!(alive, "the server died");
    assert!(
        statuses.iter().all(|s| *s == 413),
        "every bomb refused as too large: {statuses:?}"
    );
    assert_eq!(status, 200, "the ordinary photo was not taken: {page}");
    assert!(page.contains("Receipt code"), "no receipt for the photo");
    assert!(peak < LIMIT_KIB, "peak resident memory {peak} KiB");
}
