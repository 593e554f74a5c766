//! The four measurements: topic page against nginx, report submission against the
//! machine's bounds, the triage queue at scale, and memory.

use std::hint::black_box;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{bail, Context as _};
use diesel::prelude::*;
use rand::RngCore;

use confide::config::DatabaseUrl;
use confide::crypto::context::field as field_context;
use confide::crypto::receipt::ReceiptCode;
use confide::crypto::sealed_box::{PrivateKey, ReportKeys};
use confide::crypto::secret::SecretKey;
use confide::db::schema::{audit_log, outbox, report_events, report_keys, reports, schools, users};
use confide::db::{Db, DbConnection, DbError};
use confide::domain::ids::ReportId;
use confide::domain::report::Details;

use crate::http::{self, Conn, Load, LoadResult, Response};
use crate::procs::{self, Deployment, Postgres, RssPeak};
use crate::Settings;

/// About 400 characters, as a pupil might write.
pub const WHAT: &str = "Every lunchtime a group of older pupils from Year 10 wait for me by the \
back doors of the canteen. They take my food and my money and say that if I tell anyone they \
will post the video they made of me crying on the group chat. Yesterday one of them pushed me \
into the wall and my arm still hurts. It has been going on since October and I am scared to \
come in on Mondays. My friend saw it too but she is scared as well.";

pub const TOPIC_PATH: &str = "/topics/bullying";
pub const SENT: &str = "Your report has been sent";

/// Byte sizes of one report's sealed columns, as stored.
#[derive(Debug, Clone, Copy)]
pub struct Sizes {
    pub details: usize,
    pub pupil_key: usize,
    pub recovery_keys: usize,
    pub receipt_lookup: usize,
    pub wrapped: usize,
    /// Rows per report in report_keys, outbox and audit_log.
    pub keys_per_report: f64,
    pub outbox_per_report: f64,
    pub audit_per_report: f64,
}

fn open(url: &str) -> anyhow::Result<Db> {
    let url = DatabaseUrl::parse(url).map_err(|e| anyhow::anyhow!("{e}"))?;
    Db::connect(&url, 1)
}

fn unix_now() -> i64 {
    confide::time::Clock::system().now().as_secs()
}

fn ids(conn: &mut DbConnection, slug: &str) -> anyhow::Result<(i64, Vec<i64>)> {
    let school: i64 = schools::table
        .filter(schools::slug.eq(slug))
        .select(schools::id)
        .first(conn)?;
    let people: Vec<i64> = users::table
        .order(users::id.asc())
        .select(users::id)
        .load(conn)?;
    Ok((school, people))
}

// ---------------------------------------------------------------- topic page

pub struct TopicResult {
    pub confide: LoadResult,
    pub nginx: LoadResult,
    pub nginx_static: LoadResult,
    pub confide_gzip_bytes: usize,
    pub nginx_gzip_bytes: usize,
    pub nginx_static_gzip_bytes: usize,
    pub html_bytes: usize,
    pub idle_rss_kib: u64,
    pub peak_rss_kib: u64,
}

fn get_gzip(addr: SocketAddr, path: &str) -> Vec<u8> {
    http::request(
        "GET",
        addr,
        path,
        &[("Accept-Encoding", "gzip, deflate")],
        None,
    )
}

fn fetch(addr: SocketAddr, req: &[u8]) -> anyhow::Result<Response> {
    http::block_on(async {
        let mut c = Conn::new(addr);
        c.send(req).await
    })
    .context("request failed")
}

pub fn topic(s: &Settings, root: &Path) -> anyhow::Result<TopicResult> {
    let dep = Deployment {
        data_dir: root.join("topic-confide"),
        database_url: None,
    };
    let server = dep.serve(&s.bin)?;
    std::thread::sleep(Duration::from_secs(1));
    let idle_rss_kib = procs::rss_kib(server.pid()).unwrap_or(0);
    // The page once, uncompressed, to serve the very same bytes from nginx.
    let plain = fetch(
        server.addr,
        &http::request("GET", server.addr, TOPIC_PATH, &[], None),
    )?;
    if plain.status != 200 {
        bail!("{TOPIC_PATH} answered {}", plain.status);
    }
    let html = plain.text()?;
    let skip = [
        "date",
        "content-length",
        "content-type",
        "content-encoding",
        "transfer-encoding",
        "vary",
        "connection",
        "keep-alive",
    ];
    let headers: Vec<(String, String)> = plain
        .headers
        .iter()
        .filter(|(k, _)| !skip.iter().any(|s| k.eq_ignore_ascii_case(s)))
        .cloned()
        .collect();
    let (nginx, static_addr) =
        procs::start_nginx(&root.join("nginx"), TOPIC_PATH, &html, &headers)?;

    let check_gzip = |r: &Response| r.header("content-encoding") == Some("gzip");
    let confide_gz = fetch(server.addr, &get_gzip(server.addr, TOPIC_PATH))?;
    let nginx_gz = fetch(nginx.addr, &get_gzip(nginx.addr, TOPIC_PATH))?;
    let static_gz = fetch(static_addr, &get_gzip(static_addr, TOPIC_PATH))?;
    for (name, r) in [
        ("Confide", &confide_gz),
        ("nginx", &nginx_gz),
        ("nginx gzip_static", &static_gz),
    ] {
        if r.status != 200 || !check_gzip(r) {
            bail!(
                "{name} must gzip the page for a browser (status {})",
                r.status
            );
        }
        if r.text()? != html {
            bail!("{name} must serve the same HTML as Confide");
        }
    }

    let load_for = |addr: SocketAddr, pid: u32| Load {
        server_pid: Some(pid),
        addr,
        clients: s.topic_clients,
        threads: s.client_threads,
        warm_up: s.warm_up,
        duration: s.duration,
        make_request: {
            let req = get_gzip(addr, TOPIC_PATH);
            Arc::new(move |_| req.clone())
        },
        check: Arc::new(move |r: &Response| {
            r.header("content-encoding") == Some("gzip") && !r.body.is_empty()
        }),
    };
    let peak = RssPeak::start(server.pid());
    let confide = http::run_load(&load_for(server.addr, server.pid()))?;
    let peak_rss_kib = peak.finish();
    let nginx_result = http::run_load(&load_for(nginx.addr, nginx.pid()))?;
    let nginx_static = http::run_load(&load_for(static_addr, nginx.pid()))?;
    Ok(TopicResult {
        confide,
        nginx: nginx_result,
        nginx_static,
        confide_gzip_bytes: confide_gz.body.len(),
        nginx_gzip_bytes: nginx_gz.body.len(),
        nginx_static_gzip_bytes: static_gz.body.len(),
        html_bytes: html.len(),
        idle_rss_kib,
        peak_rss_kib,
    })
}

// ---------------------------------------------------------------- submission

pub struct SubmitResult {
    pub load: LoadResult,
    pub sizes: Sizes,
    pub idle_rss_kib: u64,
    pub peak_rss_kib: u64,
}

pub fn deployment(root: &Path, name: &str, pg: Option<&Postgres>) -> anyhow::Result<Deployment> {
    let data_dir = root.join(name);
    std::fs::create_dir_all(&data_dir)?;
    let database_url = match pg {
        Some(pg) => Some(pg.create_database(&name.replace('-', "_"))?),
        None => None,
    };
    Ok(Deployment {
        data_dir,
        database_url,
    })
}

pub fn submit(s: &Settings, dep: &Deployment) -> anyhow::Result<SubmitResult> {
    let school = procs::set_up_school(&s.bin, dep, true)?;
    let server = dep.serve(&s.bin)?;
    std::thread::sleep(Duration::from_millis(500));
    let idle_rss_kib = procs::rss_kib(server.pid()).unwrap_or(0);
    let addr = server.addr;
    let path = format!("/s/{}/report", school.slug);
    let body = http::form_encode(&[
        ("category", "bullying"),
        ("location", "canteen"),
        ("happening_now", "no"),
        ("about", "no"),
        ("what", WHAT),
    ]);
    let load = Load {
        server_pid: Some(server.pid()),
        addr,
        clients: s.submit_clients,
        threads: s.client_threads,
        warm_up: s.warm_up,
        duration: s.duration,
        make_request: Arc::new(move |n| {
            // A different (made-up, never contacted) client address per report, so the
            // per-address limit on reports is not what is measured.
            let forwarded = format!("10.{}.{}.{}", (n >> 16) & 255, (n >> 8) & 255, n & 255);
            http::request(
                "POST",
                addr,
                &path,
                &[
                    ("Accept-Encoding", "gzip, deflate"),
                    ("Origin", &format!("http://{addr}")),
                    ("Sec-Fetch-Site", "same-origin"),
                    ("X-Forwarded-For", &forwarded),
                ],
                Some(("application/x-www-form-urlencoded", body.as_bytes())),
            )
        }),
        check: Arc::new(|r: &Response| r.text().is_ok_and(|t| t.contains(SENT))),
    };
    let peak = RssPeak::start(server.pid());
    let result = http::run_load(&load)?;
    let peak_rss_kib = peak.finish();
    drop(server);
    let sizes = measure_sizes(&dep.url())?;
    Ok(SubmitResult {
        load: result,
        sizes,
        idle_rss_kib,
        peak_rss_kib,
    })
}

/// What the picture upload load measured.
pub struct UploadResult {
    pub load: LoadResult,
    pub picture_bytes: usize,
    pub idle_rss_kib: u64,
    pub peak_rss_kib: u64,
}

/// A photo as a phone takes it: 12 megapixels of detail, about 5 MB as a JPEG (the
/// noise is lowered until it fits).
pub fn phone_sized_photo() -> anyhow::Result<Vec<u8>> {
    use image::{DynamicImage, RgbImage};
    let mut last = Vec::new();
    for mask in [63u64, 47, 31, 23, 15, 11, 7] {
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let photo = RgbImage::from_fn(4_000, 3_000, |x, y| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let noise = (seed & mask) as u8;
            image::Rgb([
                ((x / 16) as u8).wrapping_add(noise),
                ((y / 12) as u8).wrapping_add(noise / 2),
                noise.wrapping_mul(3),
            ])
        });
        let mut out = Vec::new();
        DynamicImage::ImageRgb8(photo).write_with_encoder(
            image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90),
        )?;
        if out.len() <= 5_500_000 {
            return Ok(out);
        }
        last = out;
    }
    Ok(last)
}

/// The least time the upload load runs (its requests queue for seconds).
pub const UPLOAD_SECONDS: u64 = 30;

/// Reports each carrying one phone-sized photo, from many clients at once: the server's
/// memory while it cleans them.
pub fn upload(s: &Settings, dep: &Deployment) -> anyhow::Result<UploadResult> {
    let school = procs::set_up_school(&s.bin, dep, true)?;
    let server = dep.serve(&s.bin)?;
    std::thread::sleep(Duration::from_millis(500));
    let idle_rss_kib = procs::rss_kib(server.pid()).unwrap_or(0);
    let addr = server.addr;
    let path = format!("/s/{}/report", school.slug);
    let photo = phone_sized_photo()?;
    let boundary = "confide-bench-boundary";
    let mut body = Vec::new();
    for (name, value) in [
        ("category", "online_bullying"),
        ("location", "online"),
        ("happening_now", "no"),
        ("about", "no"),
        ("what", WHAT),
    ] {
        body.extend_from_slice(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n")
                .as_bytes(),
        );
    }
    body.extend_from_slice(
        format!("--{boundary}\r\nContent-Disposition: form-data; name=\"pictures\"; filename=\"IMG_0001.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n").as_bytes(),
    );
    body.extend_from_slice(&photo);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    let body = Arc::new(body);
    let content_type = format!("multipart/form-data; boundary={boundary}");
    let load = Load {
        server_pid: Some(server.pid()),
        addr,
        clients: s.submit_clients,
        threads: s.client_threads,
        // Pictures are cleaned one at a time, so with 32 clients a request waits its turn
        // for several seconds: every request is counted from the start, over a window long
        // enough for each client to finish some.
        warm_up: Duration::ZERO,
        duration: s.duration.max(Duration::from_secs(UPLOAD_SECONDS)),
        make_request: Arc::new(move |n| {
            let forwarded = format!("10.{}.{}.{}", (n >> 16) & 255, (n >> 8) & 255, n & 255);
            http::request(
                "POST",
                addr,
                &path,
                &[
                    ("Origin", &format!("http://{addr}")),
                    ("Sec-Fetch-Site", "same-origin"),
                    ("X-Forwarded-For", &forwarded),
                ],
                Some((&content_type, body.as_slice())),
            )
        }),
        check: Arc::new(|r: &Response| r.text().is_ok_and(|t| t.contains(SENT))),
    };
    let peak = RssPeak::start(server.pid());
    let result = http::run_load(&load)?;
    let peak_rss_kib = peak.finish();
    drop(server);
    Ok(UploadResult {
        load: result,
        picture_bytes: photo.len(),
        idle_rss_kib,
        peak_rss_kib,
    })
}

/// Sizes of what one real submission stored.
fn measure_sizes(url: &str) -> anyhow::Result<Sizes> {
    open(url)?.run_blocking(|conn| stored_sizes(conn.db()))
}

fn stored_sizes(conn: &mut DbConnection) -> anyhow::Result<Sizes> {
    let (id, details, pupil_key, recovery, lookup): (String, Vec<u8>, Vec<u8>, Vec<u8>, Vec<u8>) =
        reports::table
            .select((
                reports::id,
                reports::details,
                reports::pupil_key,
                reports::recovery_keys,
                reports::receipt_lookup,
            ))
            .first(conn)
            .context("no report was stored")?;
    let wrapped: Vec<Vec<u8>> = report_keys::table
        .filter(report_keys::report_id.eq(&id))
        .select(report_keys::wrapped)
        .load(conn)?;
    let n_reports: i64 = reports::table.count().get_result(conn)?;
    let n_keys: i64 = report_keys::table.count().get_result(conn)?;
    let n_outbox: i64 = outbox::table.count().get_result(conn)?;
    let n_audit: i64 = audit_log::table
        .filter(audit_log::report_id.is_not_null())
        .count()
        .get_result(conn)?;
    let per = |n: i64| n as f64 / n_reports.max(1) as f64;
    Ok(Sizes {
        details: details.len(),
        pupil_key: pupil_key.len(),
        recovery_keys: recovery.len(),
        receipt_lookup: lookup.len(),
        wrapped: wrapped.first().map_or(0, Vec::len),
        keys_per_report: per(n_keys),
        outbox_per_report: per(n_outbox),
        audit_per_report: per(n_audit),
    })
}

// ---------------------------------------------------------------- raw insert loop

/// One connection, one durable transaction per report: the report row, two key rows,
/// two outbox rows, one audit row and one report event, of the sizes a real submission
/// stores.
pub fn raw_inserts(s: &Settings, dep: &Deployment, sizes: &Sizes) -> anyhow::Result<LoadResult> {
    let school = procs::set_up_school(&s.bin, dep, true)?;
    // The library's own database: WAL, synchronous=FULL and foreign keys on SQLite, exactly as served.
    let db = open(&dep.url())?;
    db.run_blocking(|conn| raw_loop(s, conn, school.slug, sizes))
}

#[expect(
    clippy::too_many_lines,
    reason = "a benchmark scenario reads best as one script from set-up to measurement"
)]
fn raw_loop(
    s: &Settings,
    db: &mut confide::db::Conn<'_>,
    slug: &str,
    sizes: &Sizes,
) -> anyhow::Result<LoadResult> {
    let conn = db.db();
    let (school_id, people) = ids(conn, slug)?;
    // Audit rows carry explicit ids (the hash chain covers them), as Confide writes them.
    let mut audit_id: i64 = audit_log::table
        .select(diesel::dsl::max(audit_log::id))
        .first::<Option<i64>>(conn)?
        .unwrap_or(0);
    let start = Instant::now();
    let measure_from = start + s.warm_up;
    let end = measure_from + s.duration;
    let mut rng = rand::thread_rng();
    let mut bytes = |n: usize| {
        let mut v = vec![0u8; n];
        rng.fill_bytes(&mut v);
        v
    };
    let mut result = LoadResult::default();
    loop {
        let started = Instant::now();
        if started >= end {
            break;
        }
        let id = ReportId::generate().to_string();
        let now = unix_now();
        let (lookup, pupil_key, recovery, details) = (
            bytes(sizes.receipt_lookup),
            bytes(sizes.pupil_key),
            bytes(sizes.recovery_keys),
            bytes(sizes.details),
        );
        let wrapped: Vec<Vec<u8>> = people.iter().map(|_| bytes(sizes.wrapped)).collect();
        let (prev, hash) = (bytes(32), bytes(32));
        audit_id += 1;
        db.write(|tx| {
            let conn = tx.db();
            diesel::insert_into(reports::table)
                .values((
                    reports::id.eq(&id),
                    reports::school_id.eq(school_id),
                    reports::category.eq("bullying"),
                    reports::location.eq("canteen"),
                    reports::happening_now.eq(false),
                    reports::about.eq("no"),
                    reports::status.eq("new"),
                    reports::unrouted.eq(false),
                    reports::created_at.eq(now),
                    reports::updated_at.eq(now),
                    reports::receipt_lookup.eq(&lookup),
                    reports::pupil_key.eq(&pupil_key),
                    reports::recovery_keys.eq(&recovery),
                    reports::details.eq(&details),
                ))
                .execute(conn)?;
            for (user, w) in people.iter().zip(&wrapped) {
                diesel::insert_into(report_keys::table)
                    .values((
                        report_keys::report_id.eq(&id),
                        report_keys::user_id.eq(user),
                        report_keys::wrapped.eq(w),
                        report_keys::created_at.eq(now),
                        report_keys::is_open.eq(true),
                        report_keys::urgent_rank.eq(1),
                        report_keys::risk_rank.eq(5),
                        report_keys::report_created_at.eq(now),
                    ))
                    .execute(conn)?;
                diesel::insert_into(outbox::table)
                    .values((
                        outbox::kind.eq("new_report"),
                        outbox::recipient_email.eq("someone@bench.example"),
                        outbox::recipient_user_id.eq(Some(*user)),
                        outbox::school_id.eq(Some(school_id)),
                        outbox::urgent.eq(false),
                        outbox::created_at.eq(now),
                        outbox::next_attempt_at.eq(now),
                    ))
                    .execute(conn)?;
            }
            diesel::insert_into(audit_log::table)
                .values((
                    audit_log::id.eq(audit_id),
                    audit_log::at.eq(now),
                    audit_log::actor.eq("Pupil"),
                    audit_log::report_id.eq(Some(id.as_str())),
                    audit_log::action.eq("Report received"),
                    audit_log::detail.eq(""),
                    audit_log::prev_hash.eq(&prev),
                    audit_log::hash.eq(&hash),
                ))
                .execute(conn)?;
            diesel::insert_into(report_events::table)
                .values((
                    report_events::report_id.eq(&id),
                    report_events::kind.eq("received"),
                    report_events::to_value.eq(Some("new")),
                    report_events::at.eq(now),
                    report_events::actor_role.eq(Some("pupil")),
                ))
                .execute(conn)?;
            Ok::<_, DbError>(())
        })
        .map_err(|e| anyhow::anyhow!("raw insert failed: {e}"))?;
        let finished = Instant::now();
        if started >= measure_from && finished <= end {
            result.ok += 1;
            *result.statuses.entry(200).or_default() += 1;
            result
                .latencies_us
                .push(finished.duration_since(started).as_micros() as u64);
        }
    }
    result.latencies_us.sort_unstable();
    result.seconds = s.duration.as_secs_f64();
    Ok(result)
}

// ---------------------------------------------------------------- sealing only

pub struct SealResult {
    pub per_second: f64,
    pub threads: usize,
    pub sizes: Sizes,
}

/// Everything one submission does with keys, on every core, with no I/O at all.
pub fn sealing(warm_up: Duration, duration: Duration) -> anyhow::Result<SealResult> {
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    let count = Arc::new(AtomicU64::new(0));
    let counting = Arc::new(AtomicBool::new(false));
    let stop = Arc::new(AtomicBool::new(false));
    let mut handles = Vec::new();
    for _ in 0..threads {
        let (count, counting, stop) = (count.clone(), counting.clone(), stop.clone());
        handles.push(std::thread::spawn(move || -> anyhow::Result<Sizes> {
            let server_key = SecretKey::generate();
            let recipients: Vec<_> = (0..2)
                .map(|_| PrivateKey::generate().public_key())
                .collect();
            let recovery = PrivateKey::generate().public_key();
            let mut details = Details::default();
            details.what = WHAT.to_owned();
            let mut sizes = None;
            while !stop.load(Ordering::Relaxed) {
                let report_id = ReportId::generate();
                let keys = ReportKeys::generate();
                let receipt = ReceiptCode::generate();
                let json = serde_json::to_vec(&details)?;
                let sealed = keys
                    .report
                    .seal(&field_context(&report_id, "details"), &json);
                let pupil_key = receipt.wrapping_key().seal(
                    &field_context(&report_id, "pupil-key"),
                    keys.report.as_bytes(),
                );
                let recovery_keys = keys.wrap_for(&recovery, &report_id);
                let wrapped: Vec<Vec<u8>> = recipients
                    .iter()
                    .map(|p| keys.wrap_for(p, &report_id))
                    .collect();
                let lookup = receipt.lookup_hash(&server_key);
                if sizes.is_none() {
                    sizes = Some(Sizes {
                        details: sealed.len(),
                        pupil_key: pupil_key.len(),
                        recovery_keys: recovery_keys.len(),
                        receipt_lookup: lookup.len(),
                        wrapped: wrapped.first().map_or(0, Vec::len),
                        keys_per_report: 2.0,
                        outbox_per_report: 2.0,
                        audit_per_report: 1.0,
                    });
                }
                black_box((sealed, pupil_key, recovery_keys, wrapped, lookup));
                if counting.load(Ordering::Relaxed) {
                    count.fetch_add(1, Ordering::Relaxed);
                }
            }
            sizes.context("no iteration ran")
        }));
    }
    std::thread::sleep(warm_up.min(Duration::from_secs(1)));
    counting.store(true, Ordering::Relaxed);
    let started = Instant::now();
    std::thread::sleep(duration);
    counting.store(false, Ordering::Relaxed);
    let seconds = started.elapsed().as_secs_f64();
    stop.store(true, Ordering::Relaxed);
    let mut sizes = None;
    for h in handles {
        let got = h
            .join()
            .map_err(|_| anyhow::anyhow!("a sealing thread panicked"))??;
        sizes = Some(got);
    }
    Ok(SealResult {
        per_second: count.load(Ordering::Relaxed) as f64 / seconds,
        threads,
        sizes: sizes.context("no sealing thread")?,
    })
}

// ---------------------------------------------------------------- triage queue

#[derive(Debug, Clone)]
pub struct Sample {
    pub latencies_us: Vec<u64>,
}

impl Sample {
    pub fn median(&self) -> f64 {
        http::percentile_ms(&self.latencies_us, 50.0)
    }
    pub fn p99(&self) -> f64 {
        http::percentile_ms(&self.latencies_us, 99.0)
    }
    pub fn max(&self) -> f64 {
        self.latencies_us
            .last()
            .map_or(f64::NAN, |v| *v as f64 / 1000.0)
    }
}

pub struct QueueResult {
    pub reports: u64,
    pub seed_seconds: f64,
    pub db_bytes: u64,
    pub first_page: Sample,
    pub next_pages: Sample,
    pub filtered: Sample,
    pub rows_on_first_page: usize,
    /// The same first-page requests as timed by the server itself (from its log).
    pub server_first_page: Sample,
}

#[expect(
    clippy::too_many_lines,
    reason = "a benchmark scenario reads best as one script from set-up to measurement"
)]
pub fn queue(
    s: &Settings,
    dep: &Deployment,
    count: u64,
    sizes: &Sizes,
) -> anyhow::Result<QueueResult> {
    let school = procs::set_up_school(&s.bin, dep, false)?;
    let postgres = dep.database_url.is_some();
    let seed_started = Instant::now();
    let db_bytes = {
        let db = open(&dep.url())?;
        db.run_blocking(|conn| -> anyhow::Result<u64> {
            let conn = conn.db();
            let (school_id, people) = ids(conn, school.slug)?;
            let officer = *people.first().context("no officer")?;
            crate::seed::seed_queue(conn, postgres, count, school_id, officer, sizes, unix_now())?;
            Ok(database_bytes(conn, &dep.data_dir, postgres))
        })?
    };
    let seed_seconds = seed_started.elapsed().as_secs_f64();
    let server = dep.serve(&s.bin)?;
    let addr = server.addr;
    let pages = s.queue_requests;
    let result = http::block_on(async move {
        let mut conn = Conn::new(addr);
        let cookie = sign_in(
            &mut conn,
            addr,
            school.officer_email,
            &school.officer_password,
        )
        .await?;
        let get = |path: &str| {
            http::request(
                "GET",
                addr,
                path,
                &[("Accept-Encoding", "gzip, deflate"), ("Cookie", &cookie)],
                None,
            )
        };
        let mut timed = async |path: &str| -> anyhow::Result<(u64, String)> {
            let req = get(path);
            let t = Instant::now();
            let r = conn.send(&req).await?;
            let us = t.elapsed().as_micros() as u64;
            if r.status != 200 {
                bail!("GET {path} answered {}", r.status);
            }
            Ok((us, r.text()?))
        };
        for _ in 0..3 {
            timed("/staff").await?;
        }
        let mut first = Vec::new();
        let mut page = String::new();
        for _ in 0..pages {
            let (us, text) = timed("/staff").await?;
            first.push(us);
            page = text;
        }
        let rows = page.matches("/staff/reports/").count();
        let mut next = Vec::new();
        let mut link = next_link(&page);
        for _ in 0..(pages / 5).max(3) {
            let Some(path) = link.take() else { break };
            let (us, text) = timed(&path).await?;
            next.push(us);
            link = next_link(&text);
        }
        let mut filtered = Vec::new();
        for _ in 0..(pages / 5).max(3) {
            let (us, _) = timed("/staff?risk=high").await?;
            filtered.push(us);
        }
        for v in [&mut first, &mut next, &mut filtered] {
            v.sort_unstable();
        }
        anyhow::Ok((first, next, filtered, rows))
    });
    let log = server.log.clone();
    drop(server);
    let (first, next, filtered, rows) = result?;
    // The server's own timing of the same first-page requests, from its log line per request
    // (the 3 warm-up requests come first): what the page costs without the network.
    let mut server_first: Vec<u64> = server_times(&log, "GET", "/staff")
        .into_iter()
        .skip(3)
        .take(first.len())
        .collect();
    server_first.sort_unstable();
    if count > 60 && next.is_empty() {
        bail!("the queue page had no \"Next page\" link");
    }
    Ok(QueueResult {
        reports: count,
        seed_seconds,
        db_bytes,
        first_page: Sample {
            latencies_us: first,
        },
        next_pages: Sample { latencies_us: next },
        filtered: Sample {
            latencies_us: filtered,
        },
        rows_on_first_page: rows,
        server_first_page: Sample {
            latencies_us: server_first,
        },
    })
}

/// Microseconds the server logged for each request to `route`, in order.
fn server_times(log: &Path, method: &str, route: &str) -> Vec<u64> {
    let raw = std::fs::read_to_string(log).unwrap_or_default();
    // Drop terminal colour codes (ESC [ … letter) the log may carry.
    let mut text = String::with_capacity(raw.len());
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            for d in chars.by_ref() {
                if d.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            text.push(c);
        }
    }
    let method = format!("method={method}");
    let route = format!("route=\"{route}\"");
    text.lines()
        .filter(|l| l.contains(&method) && l.contains(&route) && l.contains("status=200"))
        .filter_map(|l| {
            // Whole microseconds (`us=`), as the request log writes them.
            let at = l.find(" us=")? + 4;
            let num: String = l[at..].chars().take_while(char::is_ascii_digit).collect();
            num.parse::<u64>().ok()
        })
        .collect()
}

fn database_bytes(conn: &mut DbConnection, data_dir: &Path, postgres: bool) -> u64 {
    if postgres {
        #[derive(QueryableByName)]
        struct Size {
            #[diesel(sql_type = diesel::sql_types::BigInt)]
            size: i64,
        }
        diesel::sql_query("SELECT pg_database_size(current_database()) AS size")
            .get_result::<Size>(conn)
            .map_or(0, |s| s.size as u64)
    } else {
        ["confide.db", "confide.db-wal"]
            .iter()
            .filter_map(|f| std::fs::metadata(data_dir.join(f)).ok())
            .map(|m| m.len())
            .sum()
    }
}

/// The queue's "Next page" link, unescaped.
fn next_link(page: &str) -> Option<String> {
    let at = page.find("govuk-pagination__next")?;
    let rest = &page[at..];
    let start = rest.find("href=\"")? + 6;
    let end = rest[start..].find('"')?;
    Some(rest[start..start + end].replace("&amp;", "&"))
}

fn csrf(page: &str) -> Option<String> {
    let marker = "name=\"csrf\" value=\"";
    let start = page.find(marker)? + marker.len();
    Some(page[start..].split('"').next()?.to_owned())
}

fn session_cookie(r: &Response) -> Option<String> {
    r.headers_named("set-cookie")
        .find(|c| c.starts_with("confide-session=") || c.starts_with("__Host-confide-session="))
        .and_then(|c| c.split(';').next())
        .map(str::to_owned)
}

/// Signs in as the officer with their one-time password and sets a new one, as a
/// person does the first time. Returns the `Cookie` header value.
async fn sign_in(
    conn: &mut Conn,
    addr: SocketAddr,
    email: &str,
    password: &str,
) -> anyhow::Result<String> {
    let form = http::form_encode(&[("email", email), ("password", password)]);
    let r = conn
        .send(&http::request(
            "POST",
            addr,
            "/staff/login",
            &[],
            Some(("application/x-www-form-urlencoded", form.as_bytes())),
        ))
        .await?;
    let mut cookie =
        session_cookie(&r).with_context(|| format!("sign-in failed ({})", r.status))?;
    if r.header("location") == Some("/staff/password") {
        let page = conn
            .send(&http::request(
                "GET",
                addr,
                "/staff/password",
                &[("Cookie", &cookie)],
                None,
            ))
            .await?;
        let token = csrf(&page.text()?).context("no csrf token on the password page")?;
        let new = "a new benchmark passphrase 2026";
        let form = http::form_encode(&[
            ("csrf", &token),
            ("current", password),
            ("new", new),
            ("confirm", new),
        ]);
        let r = conn
            .send(&http::request(
                "POST",
                addr,
                "/staff/password",
                &[("Cookie", &cookie)],
                Some(("application/x-www-form-urlencoded", form.as_bytes())),
            ))
            .await?;
        if r.status != 303 {
            bail!("changing the one-time password answered {}", r.status);
        }
        // A new password is a change of privilege: the session has a new id.
        cookie = session_cookie(&r).context("no new session cookie after the password")?;
    }
    Ok(cookie)
}

/// The release binary's size in bytes.
pub fn binary_bytes(bin: &PathBuf) -> u64 {
    std::fs::metadata(bin).map_or(0, |m| m.len())
}

// ---------------------------------------------------------------- insight page

pub struct InsightResult {
    pub reports: u64,
    /// Counters, and the week rows (one per school and week) holding them.
    pub counters: (u64, u64),
    pub seed_seconds: f64,
    /// (what, client-timed sample, server-timed sample)
    pub pages: Vec<(String, Sample, Sample)>,
}

/// Counters as folding `reports` facts would leave them: 1/200 of the reports at the
/// benchmark school, the rest spread over 199 other schools, over the last 156 weeks.
fn seed_insight_counters(
    conn: &mut DbConnection,
    postgres: bool,
    reports: u64,
    school_id: i64,
) -> anyhow::Result<(u64, u64)> {
    use confide::domain::choices::{Category, Location, Outcome, Status};
    use confide::domain::ids::SchoolId;
    use confide::domain::insight::{changes, Fact};
    use confide::store::insights;
    use diesel::connection::SimpleConnection;
    let this_week = confide::time::uk_week(confide::time::Clock::system().now());
    let mut rng = rand::thread_rng();
    let mut pick = |n: u64| rng.next_u64() % n;
    let mut weeks = insights::Weeks::new();
    for _ in 0..reports {
        let school = if pick(200) == 0 {
            school_id
        } else {
            10_000 + pick(199) as i64
        };
        let acknowledged_after = (pick(20) != 0).then(|| 60 + pick(3 * 86_400) as i64);
        let outcome =
            (pick(3) != 0).then(|| Outcome::ALL[pick(Outcome::ALL.len() as u64) as usize]);
        let referrals: Vec<Status> = Status::ALL
            .iter()
            .copied()
            .filter(|s| s.is_referral())
            .collect();
        let fact = Fact {
            school: SchoolId(school),
            week: this_week - pick(156) as i64,
            category: Category::ALL[pick(Category::ALL.len() as u64) as usize],
            location: Location::ALL[pick(Location::ALL.len() as u64) as usize],
            urgent: pick(20) == 0,
            acknowledged_after,
            target_seconds: 86_400,
            outcome,
            referral: (pick(8) == 0).then(|| referrals[pick(referrals.len() as u64) as usize]),
            out_of_hours: pick(3) == 0,
            linked_on: pick(10) == 0,
        };
        for (c, n) in changes(None, Some(&fact)) {
            insights::add(&mut weeks, &c, n);
        }
    }
    let rows: u64 = weeks.values().map(|t| t.len() as u64).sum();
    let begin = if postgres { "BEGIN" } else { "BEGIN IMMEDIATE" };
    conn.batch_execute(begin)?;
    // The other 199 schools exist, as in a real deployment: an administrator's "every
    // school" page covers all 200, and the small-number audit looks at each of them.
    {
        use confide::db::schema::schools;
        // One row at a time: the multi-backend connection has no batch insert.
        for i in 0..199_i64 {
            diesel::insert_into(schools::table)
                .values((
                    schools::id.eq(10_000 + i),
                    schools::slug.eq(format!("bench-school-{i}")),
                    schools::name.eq(format!("Benchmark school {i}")),
                    schools::reading_hours.eq("Monday to Friday, 8am to 4pm"),
                    schools::ack_within_hours.eq(24),
                    schools::created_at.eq(0_i64),
                ))
                .execute(conn)?;
        }
    }
    insights::fill(conn, &weeks)?;
    conn.batch_execute("COMMIT")?;
    if postgres {
        conn.batch_execute("VACUUM (ANALYZE) insight_weeks")?;
    } else {
        conn.batch_execute("PRAGMA wal_checkpoint(TRUNCATE);")?;
    }
    Ok((rows, weeks.len() as u64))
}

#[expect(
    clippy::too_many_lines,
    reason = "a benchmark scenario reads best as one script from set-up to measurement"
)]
pub fn insights(s: &Settings, dep: &Deployment, count: u64) -> anyhow::Result<InsightResult> {
    let school = procs::set_up_school(&s.bin, dep, false)?;
    let postgres = dep.database_url.is_some();
    let seed_started = Instant::now();
    let (school_id, counters) = {
        let db = open(&dep.url())?;
        db.run_blocking(|conn| -> anyhow::Result<(i64, (u64, u64))> {
            let conn = conn.db();
            let (school_id, people) = ids(conn, school.slug)?;
            let officer = *people.first().context("no officer")?;
            // The officer is also an administrator, so one person sees every school.
            diesel::update(users::table.find(officer))
                .set(users::is_admin.eq(true))
                .execute(conn)?;
            Ok((
                school_id,
                seed_insight_counters(conn, postgres, count, school_id)?,
            ))
        })?
    };
    let seed_seconds = seed_started.elapsed().as_secs_f64();
    let server = dep.serve(&s.bin)?;
    let addr = server.addr;
    let requests = s.queue_requests;
    let paths = vec![
        (
            "every school, this term by week".to_owned(),
            "/staff/insights".to_owned(),
        ),
        (
            "every school, last school year by week".to_owned(),
            "/staff/insights?period=last_year&by=week".to_owned(),
        ),
        (
            "every school, this school year by term".to_owned(),
            "/staff/insights?period=this_year&by=term".to_owned(),
        ),
        (
            "one school, last school year by week".to_owned(),
            format!("/staff/insights?school={school_id}&period=last_year&by=week"),
        ),
    ];
    let timed_paths = paths.clone();
    let result = http::block_on(async move {
        let mut conn = Conn::new(addr);
        let cookie = sign_in(
            &mut conn,
            addr,
            school.officer_email,
            &school.officer_password,
        )
        .await?;
        let mut samples = Vec::new();
        for (_, path) in &timed_paths {
            let req = http::request(
                "GET",
                addr,
                path,
                &[("Accept-Encoding", "gzip, deflate"), ("Cookie", &cookie)],
                None,
            );
            let mut times = Vec::new();
            for i in 0..requests + 3 {
                let t = Instant::now();
                let r = conn.send(&req).await?;
                let us = t.elapsed().as_micros() as u64;
                if r.status != 200 {
                    bail!(
                        "GET {path} answered {} (to {:?})",
                        r.status,
                        r.header("location")
                    );
                }
                if i == 0 && !r.text()?.contains("Reports over time") {
                    bail!("GET {path} showed no figures");
                }
                if i >= 3 {
                    times.push(us);
                }
            }
            times.sort_unstable();
            samples.push(times);
        }
        anyhow::Ok(samples)
    });
    let log = server.log.clone();
    drop(server);
    let samples = result?;
    let mut server_all: Vec<u64> = server_times(&log, "GET", "/staff/insights");
    let mut pages = Vec::new();
    for ((what, _), times) in paths.into_iter().zip(samples) {
        let n = times.len();
        let mut server: Vec<u64> = server_all
            .drain(..(n + 3).min(server_all.len()))
            .skip(3)
            .collect();
        server.sort_unstable();
        pages.push((
            what,
            Sample {
                latencies_us: times,
            },
            Sample {
                latencies_us: server,
            },
        ));
    }
    Ok(InsightResult {
        reports: count,
        counters,
        seed_seconds,
        pages,
    })
}
