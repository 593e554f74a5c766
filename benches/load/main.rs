//! Load benchmark: `cargo bench --bench load` (or `scripts/bench.sh`, which installs
//! what it needs first). Measures Confide against baselines taken in the same run:
//!
//! 1. the topic page against nginx serving the same HTML;
//! 2. report submission against a raw durable insert loop and a sealing-only loop;
//! 3. the staff triage queue with 100,000 and 1,000,000 reports;
//! 4. resident memory and the release binary's size;
//!
//! on SQLite and on PostgreSQL. Prints a table and writes Markdown to `BENCH_OUT`.
//! Settings (environment): BENCH_SECONDS (10), BENCH_WARMUP (2), BENCH_QUEUE_SIZES
//! ("100000,1000000"), BENCH_BACKENDS ("sqlite,postgres"), BENCH_OUT
//! (target/bench-results.md), BENCH_SECTIONS ("topic,submit,queue"),
//! BENCH_CLIENT_THREADS (1), BENCH_TOPIC_CLIENTS (50), BENCH_SUBMIT_CLIENTS (32),
//! BENCH_QUEUE_REQUESTS (50), BENCH_TMP (a parent for the temporary directory).

mod http;
mod procs;
mod report;
mod scenarios;
mod seed;

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::Context as _;

use report::{Report, Table};

/// Everything a run was asked to do.
pub struct Settings {
    pub bin: PathBuf,
    pub duration: Duration,
    pub warm_up: Duration,
    pub queue_sizes: Vec<u64>,
    pub backends: Vec<String>,
    pub sections: Vec<String>,
    pub client_threads: usize,
    pub topic_clients: usize,
    pub submit_clients: usize,
    pub queue_requests: usize,
    pub out: PathBuf,
}

fn env_or<T: std::str::FromStr>(name: &str, default: T) -> anyhow::Result<T> {
    match std::env::var(name) {
        Ok(v) if !v.trim().is_empty() => v
            .trim()
            .replace('_', "")
            .parse()
            .map_err(|_| anyhow::anyhow!("{name}={v:?} is not valid")),
        _ => Ok(default),
    }
}

fn env_list(name: &str, default: &str) -> Vec<String> {
    std::env::var(name)
        .ok()
        .filter(|v| !v.trim().is_empty())
        .unwrap_or_else(|| default.to_owned())
        .split(',')
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .collect()
}

impl Settings {
    fn from_env() -> anyhow::Result<Self> {
        let queue_sizes = env_list("BENCH_QUEUE_SIZES", "100000,1000000")
            .iter()
            .map(|s| {
                s.replace('_', "")
                    .parse::<u64>()
                    .map_err(|_| anyhow::anyhow!("BENCH_QUEUE_SIZES: {s:?} is not a number"))
            })
            .collect::<anyhow::Result<_>>()?;
        let backends = env_list("BENCH_BACKENDS", "sqlite,postgres");
        if let Some(b) = backends.iter().find(|b| *b != "sqlite" && *b != "postgres") {
            anyhow::bail!("BENCH_BACKENDS: unknown backend {b:?} (sqlite, postgres)");
        }
        let bin = std::env::var_os("CONFIDE_BIN")
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_confide")));
        Ok(Settings {
            bin,
            duration: Duration::from_secs_f64(env_or("BENCH_SECONDS", 10.0)?),
            warm_up: Duration::from_secs_f64(env_or("BENCH_WARMUP", 2.0)?),
            queue_sizes,
            backends,
            sections: env_list("BENCH_SECTIONS", "topic,submit,queue"),
            client_threads: env_or("BENCH_CLIENT_THREADS", 1)?,
            topic_clients: env_or("BENCH_TOPIC_CLIENTS", 50)?,
            submit_clients: env_or("BENCH_SUBMIT_CLIENTS", 32)?,
            queue_requests: env_or("BENCH_QUEUE_REQUESTS", 50)?,
            out: std::env::var_os("BENCH_OUT")
                .map(PathBuf::from)
                .unwrap_or_else(|| {
                    Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-results.md")
                }),
        })
    }

    fn wants(&self, section: &str) -> bool {
        self.sections.iter().any(|s| s == section)
    }
}

fn main() -> ExitCode {
    // `cargo test --all-targets` runs this binary without `--bench`: do nothing then.
    if !std::env::args().any(|a| a == "--bench") {
        eprintln!("load benchmark skipped: run `scripts/bench.sh` or `cargo bench --bench load`");
        return ExitCode::SUCCESS;
    }
    match run() {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("benchmark failed: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// BENCH_KEEP=1 keeps every data directory and database for a look afterwards.
fn keep() -> bool {
    std::env::var_os("BENCH_KEEP").is_some_and(|v| !v.is_empty() && v != "0")
}

fn remove(dir: &Path) {
    if !keep() {
        let _ = std::fs::remove_dir_all(dir);
    }
}

fn progress(msg: &str) {
    eprintln!("[bench] {msg}");
}

fn run() -> anyhow::Result<bool> {
    let s = Settings::from_env()?;
    if !s.bin.exists() {
        anyhow::bail!("no confide binary at {}", s.bin.display());
    }
    let parent = match std::env::var_os("BENCH_TMP") {
        Some(dir) => {
            // For scripts/bench.sh to stop this process first if it is interrupted.
            let dir = PathBuf::from(dir);
            std::fs::write(dir.join("bench.pid"), std::process::id().to_string())?;
            dir
        }
        None => std::env::temp_dir(),
    };
    std::fs::create_dir_all(&parent)?;
    let root = tempfile::Builder::new()
        .prefix("confide-bench-")
        .tempdir_in(&parent)
        .context("making the temporary directory")?;
    {
        use std::os::unix::fs::PermissionsExt;
        // nginx workers and the postgres user must reach files below it.
        std::fs::set_permissions(root.path(), std::fs::Permissions::from_mode(0o755))?;
    }
    let root = if keep() {
        let path = root.keep();
        progress(&format!("BENCH_KEEP: keeping {}", path.display()));
        Root::Kept(path)
    } else {
        Root::Temp(root)
    };
    let started = Instant::now();
    let mut report = Report::new(&s);
    let ok = run_sections(&s, root.path(), &mut report);
    report.finish(started.elapsed());
    println!("{}", report.plain_text());
    if let Some(dir) = s.out.parent() {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::write(&s.out, report.markdown())
        .with_context(|| format!("writing {}", s.out.display()))?;
    println!("Markdown written to {}", s.out.display());
    if let Some(dir) = std::env::var_os("BENCH_TMP") {
        let _ = std::fs::remove_file(PathBuf::from(dir).join("bench.pid"));
    }
    Ok(ok)
}

fn ms(v: f64) -> String {
    if v.is_nan() {
        "–".into()
    } else if v < 10.0 {
        format!("{v:.2}")
    } else {
        format!("{v:.1}")
    }
}

fn rate(v: f64) -> String {
    if v >= 100.0 {
        format!("{v:.0}")
    } else {
        format!("{v:.1}")
    }
}

fn mib(kib: u64) -> String {
    format!("{:.1} MiB", kib as f64 / 1024.0)
}

fn cpu_us(v: Option<f64>) -> String {
    v.map_or("–".into(), |us| format!("{us:.0}"))
}

fn core_share(v: Option<f64>) -> String {
    v.map_or("–".into(), |c| format!("{:.0}% of a core", c * 100.0))
}

fn verdict(ok: bool) -> &'static str {
    if ok {
        "met"
    } else {
        "NOT met"
    }
}

enum Root {
    Temp(tempfile::TempDir),
    Kept(PathBuf),
}

impl Root {
    fn path(&self) -> &Path {
        match self {
            Root::Temp(t) => t.path(),
            Root::Kept(p) => p,
        }
    }
}

/// Runs every section asked for, recording failures in the report; true if none failed.
#[expect(
    clippy::too_many_lines,
    reason = "the written result is one report, section by section"
)]
fn run_sections(s: &Settings, root: &Path, report: &mut Report) -> bool {
    let mut all_ok = true;
    let mut memory = Table::new(
        "Memory and size",
        &["what", "value"],
        "Resident set size (VmRSS from /proc/PID/status) of the `confide serve` process, sampled every 50 ms.",
    );
    memory.row(vec![
        "release binary (`confide`)".into(),
        format!(
            "{:.1} MiB",
            scenarios::binary_bytes(&s.bin) as f64 / 1048576.0
        ),
    ]);

    if s.wants("topic") {
        progress("topic page: Confide against nginx");
        let mut t = Table::new(
            &format!("Topic page: GET {} , {} clients, gzip", scenarios::TOPIC_PATH, s.topic_clients),
            &[
                "server",
                "requests/s",
                "median ms",
                "p99 ms",
                "non-200 / errors",
                "server CPU µs/request",
                "load generator CPU",
            ],
            "The same HTML and headers from each (fetched once from Confide). nginx: 2 workers, \
             access_log off; \"gzip on\" compresses every response (level 1, as actix does on the fly), \
             \"gzip_static\" serves a copy compressed once beforehand (as Confide now does for pupil pages). \
             Closed-loop clients with keep-alive; the load generator shares the same cores. \
             Target: Confide ≥ 50% of nginx (gzip on) throughput and p99 < 20 ms.",
        );
        match scenarios::topic(s, root) {
            Ok(r) => {
                for (name, l) in [
                    ("Confide", &r.confide),
                    ("nginx, gzip on", &r.nginx),
                    ("nginx, gzip_static", &r.nginx_static),
                ] {
                    t.row(vec![
                        name.into(),
                        rate(l.per_second()),
                        ms(l.percentile_ms(50.0)),
                        ms(l.percentile_ms(99.0)),
                        l.problems(),
                        cpu_us(l.server_cpu_us),
                        core_share(l.client_cpu),
                    ]);
                }
                let ratio = r.confide.per_second() / r.nginx.per_second().max(1e-9);
                let ratio_static = r.confide.per_second() / r.nginx_static.per_second().max(1e-9);
                let p99 = r.confide.percentile_ms(99.0);
                t.note(format!(
                    "Confide/nginx throughput: {:.0}% against gzip on (target ≥ 50%: {}), {:.0}% against \
                     gzip_static; Confide p99 {} ms (target < 20 ms: {}). Page {} bytes of HTML, {} gzipped \
                     by Confide, {} by nginx gzip on, {} by gzip_static (level 9).",
                    ratio * 100.0,
                    verdict(ratio >= 0.5),
                    ratio_static * 100.0,
                    ms(p99),
                    verdict(p99 < 20.0),
                    r.html_bytes,
                    r.confide_gzip_bytes,
                    r.nginx_gzip_bytes,
                    r.nginx_static_gzip_bytes
                ));
                memory.row(vec!["idle after start".into(), mib(r.idle_rss_kib)]);
                memory.row(vec![
                    "peak during topic-page load".into(),
                    mib(r.peak_rss_kib),
                ]);
            }
            Err(e) => {
                all_ok = false;
                t.note(format!("FAILED: {e:#}"));
            }
        }
        report.push(t);
    }

    let pg = if s.backends.iter().any(|b| b == "postgres")
        && (s.wants("submit") || s.wants("queue") || s.wants("insights"))
    {
        progress("starting a durable PostgreSQL cluster");
        match Postgres::start(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/postgres-cluster.sh"),
            &root.join("pg"),
        ) {
            Ok(pg) => {
                report.machine_note(format!("PostgreSQL: {}", pg.durability()));
                Some(pg)
            }
            Err(e) => {
                all_ok = false;
                report.machine_note(format!("PostgreSQL FAILED to start: {e:#}"));
                None
            }
        }
    } else {
        None
    };
    let pg_for = |backend: &str| -> anyhow::Result<Option<&Postgres>> {
        if backend == "postgres" {
            pg.as_ref().map(Some).context("PostgreSQL is not running")
        } else {
            Ok(None)
        }
    };

    let mut sizes = None;
    if s.wants("submit") {
        let mut t = Table::new(
            &format!("Report submission: POST /s/{{school}}/report, {} clients", s.submit_clients),
            &[
                "backend",
                "Confide reports/s",
                "median ms",
                "p99 ms",
                "non-200 / errors",
                "raw insert loop/s",
                "sealing only/s",
                "% of bound",
                "server CPU ms/report",
            ],
            "Raw insert loop: one connection, one durable transaction per report (report row, 2 key rows, \
             2 outbox rows, 1 audit row, real sizes) into the real schema. Sealing only: the crypto of one \
             submission on every core. Bound = min(raw, sealing). SQLite: WAL, synchronous=FULL. PostgreSQL: \
             fsync and synchronous_commit on. Target: ≥ 50% of the bound, p99 < 100 ms.",
        );
        progress("sealing-only loop");
        let seal = scenarios::sealing(s.warm_up, s.duration);
        match &seal {
            Ok(r) => {
                sizes = Some(r.sizes);
                t.note(format!(
                    "Sealing only: {} reports/s on {} threads.",
                    rate(r.per_second),
                    r.threads
                ));
            }
            Err(e) => {
                all_ok = false;
                t.note(format!("Sealing loop FAILED: {e:#}"));
            }
        }
        for backend in &s.backends {
            progress(&format!("report submission on {backend}"));
            let outcome = (|| -> anyhow::Result<()> {
                let dep =
                    scenarios::deployment(root, &format!("{backend}-submit"), pg_for(backend)?)?;
                let sub = scenarios::submit(s, &dep);
                remove(&dep.data_dir);
                let sub = sub?;
                progress(&format!("raw insert loop on {backend}"));
                let raw = scenarios::deployment(root, &format!("{backend}-raw"), pg_for(backend)?)
                    .and_then(|dep| {
                        let raw = scenarios::raw_inserts(s, &dep, &sub.sizes);
                        remove(&dep.data_dir);
                        raw
                    });
                let seal_rate = seal.as_ref().map_or(f64::NAN, |r| r.per_second);
                let raw_rate = raw.as_ref().map_or(f64::NAN, |r| r.per_second());
                let bound = raw_rate.min(seal_rate);
                let share = sub.load.per_second() / bound;
                let p99 = sub.load.percentile_ms(99.0);
                t.row(vec![
                    backend.clone(),
                    rate(sub.load.per_second()),
                    ms(sub.load.percentile_ms(50.0)),
                    ms(p99),
                    sub.load.problems(),
                    match &raw {
                        Ok(raw) => format!(
                            "{} (p99 {} ms)",
                            rate(raw.per_second()),
                            ms(raw.percentile_ms(99.0))
                        ),
                        Err(_) => "FAILED".into(),
                    },
                    rate(seal_rate),
                    if share.is_nan() {
                        "–".into()
                    } else {
                        format!("{:.0}%", share * 100.0)
                    },
                    sub.load
                        .server_cpu_us
                        .map_or("–".into(), |us| format!("{:.2}", us / 1000.0)),
                ]);
                let z = &sub.sizes;
                t.note(format!(
                    "{backend}: ≥ 50% of bound {}; p99 < 100 ms {}. Stored per report: details {} B, \
                     pupil_key {} B, recovery_keys {} B, receipt_lookup {} B, wrapped {} B × {:.2} key rows, \
                     {:.2} outbox rows, {:.2} audit rows.",
                    verdict(share >= 0.5),
                    verdict(p99 < 100.0),
                    z.details,
                    z.pupil_key,
                    z.recovery_keys,
                    z.receipt_lookup,
                    z.wrapped,
                    z.keys_per_report,
                    z.outbox_per_report,
                    z.audit_per_report
                ));
                memory.row(vec![
                    format!("idle after start ({backend}, school set up)"),
                    mib(sub.idle_rss_kib),
                ]);
                memory.row(vec![
                    format!("peak during submission load ({backend})"),
                    mib(sub.peak_rss_kib),
                ]);
                sizes = Some(sub.sizes);
                raw.map(|_| ()).context("raw insert loop")
            })();
            if let Err(e) = outcome {
                all_ok = false;
                t.note(format!("{backend} FAILED: {e:#}"));
            }
        }
        report.push(t);
    }

    if s.wants("upload") {
        let mut t = Table::new(
            &format!(
                "Reports with a phone-sized photo: POST /s/{{school}}/report, {} clients",
                s.submit_clients
            ),
            &[
                "backend",
                "reports/s",
                "median ms",
                "p99 ms",
                "non-200 / errors",
                "photo",
                "idle RSS",
                "peak RSS",
            ],
            &format!(
                "Each report carries one 4000×3000 JPEG of about 5 MB, which the server decodes at \
                 half scale (2000×1500, straight from its DCT blocks), turns the right way up, encodes \
                 again, thumbnails and seals. Pictures are read and cleaned one at a time; other \
                 uploads wait (their bytes stay in the kernel's socket buffers), so a request's time \
                 includes its wait for the clients ahead of it. Measured for {} s from the first \
                 request (no warm-up). Target: resident memory under 100 MB.",
                s.duration.as_secs().max(scenarios::UPLOAD_SECONDS)
            ),
        );
        for backend in &s.backends {
            progress(&format!("picture uploads on {backend}"));
            let outcome = (|| -> anyhow::Result<()> {
                let dep =
                    scenarios::deployment(root, &format!("{backend}-upload"), pg_for(backend)?)?;
                let up = scenarios::upload(s, &dep);
                remove(&dep.data_dir);
                let up = up?;
                t.row(vec![
                    backend.clone(),
                    rate(up.load.per_second()),
                    ms(up.load.percentile_ms(50.0)),
                    ms(up.load.percentile_ms(99.0)),
                    up.load.problems(),
                    format!("{:.1} MB", up.picture_bytes as f64 / 1e6),
                    mib(up.idle_rss_kib),
                    mib(up.peak_rss_kib),
                ]);
                t.note(format!(
                    "{backend}: peak resident memory under 100 MB {}.",
                    verdict(up.peak_rss_kib < 100 * 1024)
                ));
                if up.peak_rss_kib >= 100 * 1024 {
                    anyhow::bail!("memory target missed");
                }
                Ok(())
            })();
            if let Err(e) = outcome {
                all_ok = false;
                t.note(format!("{backend} FAILED: {e:#}"));
            }
        }
        report.push(t);
    }

    if s.wants("queue") {
        let sizes = match sizes {
            Some(z) => Ok(z),
            None => scenarios::sealing(Duration::ZERO, Duration::from_millis(100)).map(|r| r.sizes),
        };
        let mut t = Table::new(
            "Triage queue: GET /staff signed in as the SSP officer",
            &[
                "backend",
                "reports",
                "seeding s",
                "database",
                "first page median ms",
                "p99 ms",
                "max ms",
                "server-side median ms",
                "?after= median ms",
                "?after= max ms",
                "?risk=high median ms",
                "?risk=high max ms",
                "requests",
            ],
            &format!(
                "{} sequential requests for the first page (after 3 warm-up), then {} following \"Next page\" \
                 links and {} with ?risk=high; 50 rows a page, gzip. Reports bulk-inserted with valid clear \
                 columns over two years (2% happening now and still new, so urgent_rank 0; reports under 2 \
                 days old new too; the rest spread over the other statuses, one in seven closed) and random \
                 bytes in the sealed columns; the officer is the school's only role holder and holds one key \
                 row per report. PostgreSQL is VACUUM ANALYZEd after seeding; SQLite is not ANALYZEd \
                 (Confide never does). Latency is measured by the client over loopback with keep-alive; \
                 \"server-side\" is the server's own log of the same requests. \
                 Target: median < 30 ms at 1,000,000.",
                s.queue_requests,
                (s.queue_requests / 5).max(3),
                (s.queue_requests / 5).max(3)
            ),
        );
        match sizes {
            Err(e) => {
                all_ok = false;
                t.note(format!("FAILED: {e:#}"));
            }
            Ok(sizes) => {
                for backend in &s.backends {
                    for &count in &s.queue_sizes {
                        progress(&format!("triage queue on {backend} with {count} reports"));
                        let outcome = (|| -> anyhow::Result<()> {
                            let dep = scenarios::deployment(
                                root,
                                &format!("{backend}-queue-{count}"),
                                pg_for(backend)?,
                            )?;
                            let q = scenarios::queue(s, &dep, count, &sizes);
                            remove(&dep.data_dir);
                            if let (Some(pg), Some(_), false) =
                                (pg_for(backend)?, &dep.database_url, keep())
                            {
                                let _ = pg.drop_database(&format!("{backend}_queue_{count}"));
                            }
                            let q = q?;
                            t.row(vec![
                                backend.clone(),
                                q.reports.to_string(),
                                format!("{:.1}", q.seed_seconds),
                                format!("{:.0} MiB", q.db_bytes as f64 / 1048576.0),
                                ms(q.first_page.median()),
                                ms(q.first_page.p99()),
                                ms(q.first_page.max()),
                                ms(q.server_first_page.median()),
                                ms(q.next_pages.median()),
                                ms(q.next_pages.max()),
                                ms(q.filtered.median()),
                                ms(q.filtered.max()),
                                format!(
                                    "{}/{}/{}",
                                    q.first_page.latencies_us.len(),
                                    q.next_pages.latencies_us.len(),
                                    q.filtered.latencies_us.len()
                                ),
                            ]);
                            if q.reports >= 1_000_000 {
                                t.note(format!(
                                    "{backend} at {}: median < 30 ms {}.",
                                    q.reports,
                                    verdict(q.first_page.median() < 30.0)
                                ));
                            }
                            if q.rows_on_first_page == 0 {
                                t.note(format!(
                                    "{backend} at {count}: the first page showed no reports!"
                                ));
                            }
                            Ok(())
                        })();
                        if let Err(e) = outcome {
                            all_ok = false;
                            t.note(format!("{backend} with {count} FAILED: {e:#}"));
                        }
                    }
                }
            }
        }
        report.push(t);
    }
    if s.wants("insights") {
        let count: u64 = env_or("BENCH_INSIGHT_REPORTS", 1_000_000).unwrap_or(1_000_000);
        let mut t = Table::new(
            &format!("Insight page: GET /staff/insights with {count} reports"),
            &[
                "backend",
                "page",
                "counters (week rows)",
                "seeding s",
                "median ms",
                "p99 ms",
                "max ms",
                "server-side median ms",
                "requests",
            ],
            &format!(
                "{} sequential requests per page after 3 warm-up, signed in as an administrator (every school) over \
                 keep-alive, gzip. The counters are seeded as folding {count} reports would leave them: random kind, \
                 place, week over the last 156 weeks, 5% urgent, 95% acknowledged within 3 days, two in three closed, \
                 one in eight referred, across 200 schools (the benchmark school has 1 in 200). The page reads only the \
                 week rows of counters, so the report rows themselves are not seeded. Target: median < 200 ms on both backends.",
                s.queue_requests
            ),
        );
        for backend in &s.backends {
            progress(&format!("insight page on {backend} with {count} reports"));
            let outcome = (|| -> anyhow::Result<()> {
                let dep =
                    scenarios::deployment(root, &format!("{backend}-insights"), pg_for(backend)?)?;
                let r = scenarios::insights(s, &dep, count);
                remove(&dep.data_dir);
                if let (Some(pg), Some(_), false) = (pg_for(backend)?, &dep.database_url, keep()) {
                    let _ = pg.drop_database(&format!("{backend}_insights"));
                }
                let r = r?;
                let mut worst: f64 = 0.0;
                for (what, client, server) in &r.pages {
                    worst = worst.max(client.median());
                    t.row(vec![
                        backend.clone(),
                        what.clone(),
                        format!("{} ({})", r.counters.0, r.counters.1),
                        format!("{:.1}", r.seed_seconds),
                        ms(client.median()),
                        ms(client.p99()),
                        ms(client.max()),
                        ms(server.median()),
                        client.latencies_us.len().to_string(),
                    ]);
                }
                t.note(format!(
                    "{backend} at {}: every page's median < 200 ms {}.",
                    r.reports,
                    verdict(worst < 200.0)
                ));
                if worst >= 200.0 {
                    all_ok = false;
                }
                Ok(())
            })();
            if let Err(e) = outcome {
                all_ok = false;
                t.note(format!("{backend} FAILED: {e:#}"));
            }
        }
        report.push(t);
    }
    report.push(memory);
    drop(pg);
    all_ok
}

use procs::Postgres;
