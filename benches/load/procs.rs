//! Child processes the benchmark starts and always stops: the Confide server, nginx and
//! a throwaway PostgreSQL cluster; and resident-memory sampling from /proc.

use std::net::{SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{bail, Context as _};

use crate::http::{self, Conn};

/// A free loopback port (bound and released: a tiny race, fine on a quiet machine).
pub fn free_port() -> anyhow::Result<u16> {
    let l = TcpListener::bind("127.0.0.1:0")?;
    Ok(l.local_addr()?.port())
}

/// A server child process, stopped (TERM, then KILL) when dropped.
pub struct Server {
    child: Child,
    pub addr: SocketAddr,
    pub log: PathBuf,
    name: &'static str,
    pid_file: Option<PathBuf>,
}

impl Server {
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Waits until `path` answers 200, or fails with the end of the log.
    fn wait_ready(&mut self, path: &str, timeout: Duration) -> anyhow::Result<()> {
        let deadline = Instant::now() + timeout;
        let req = http::request("GET", self.addr, path, &[], None);
        loop {
            if let Some(status) = self.child.try_wait()? {
                bail!(
                    "{} exited ({status}) before it was ready:\n{}",
                    self.name,
                    tail(&self.log)
                );
            }
            let addr = self.addr;
            let ok = http::block_on(async {
                let mut c = Conn::new(addr);
                matches!(c.send(&req).await, Ok(r) if r.status == 200)
            });
            if ok {
                return Ok(());
            }
            if Instant::now() > deadline {
                bail!("{} was not ready in time:\n{}", self.name, tail(&self.log));
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    pub fn stop(&mut self) {
        if matches!(self.child.try_wait(), Ok(None)) {
            let _ = Command::new("kill")
                .args(["-TERM", &self.child.id().to_string()])
                .status();
            let deadline = Instant::now() + Duration::from_secs(15);
            while matches!(self.child.try_wait(), Ok(None)) && Instant::now() < deadline {
                std::thread::sleep(Duration::from_millis(50));
            }
            if matches!(self.child.try_wait(), Ok(None)) {
                let _ = self.child.kill();
            }
        }
        let _ = self.child.wait();
        if let Some(f) = self.pid_file.take() {
            let _ = std::fs::remove_file(f);
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop();
    }
}

/// The last lines of a log file, for error messages.
pub fn tail(path: &Path) -> String {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(20)..].join("\n")
}

/// Where the Confide data lives: a data directory and, for PostgreSQL, a database URL.
#[derive(Debug, Clone)]
pub struct Deployment {
    pub data_dir: PathBuf,
    pub database_url: Option<String>,
}

impl Deployment {
    /// The URL the library's `DatabaseUrl::parse` understands.
    pub fn url(&self) -> String {
        self.database_url.clone().unwrap_or_else(|| {
            self.data_dir
                .join("confide.db")
                .to_string_lossy()
                .into_owned()
        })
    }

    fn command(&self, bin: &Path) -> Command {
        let mut cmd = Command::new(bin);
        // Nothing from the caller's environment may change what is measured.
        for (key, _) in std::env::vars_os() {
            if key.to_string_lossy().starts_with("CONFIDE_") {
                cmd.env_remove(key);
            }
        }
        cmd.env("CONFIDE_DATA_DIR", &self.data_dir);
        // People the benchmark adds sign in with their password alone for a week, as a
        // deployment's grace period allows (two-step sign-in is not what is measured).
        cmd.env("CONFIDE_TWO_FACTOR_GRACE_DAYS", "7");
        if let Some(url) = &self.database_url {
            cmd.env("CONFIDE_DATABASE_URL", url);
        }
        cmd
    }

    /// Runs a `confide` subcommand to completion and returns what it printed.
    pub fn cli(&self, bin: &Path, args: &[&str]) -> anyhow::Result<String> {
        std::fs::create_dir_all(&self.data_dir)?;
        let out = self
            .command(bin)
            .args(args)
            .stdin(Stdio::null())
            .output()
            .with_context(|| format!("running confide {}", args.join(" ")))?;
        if !out.status.success() {
            bail!(
                "confide {} failed: {}",
                args.join(" "),
                String::from_utf8_lossy(&out.stderr)
            );
        }
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    }

    /// `confide serve` on a free loopback port, trusting X-Forwarded-For so each simulated
    /// pupil has its own rate-limit bucket. Returns once /healthz answers.
    pub fn serve(&self, bin: &Path) -> anyhow::Result<Server> {
        let port = free_port()?;
        let addr: SocketAddr = format!("127.0.0.1:{port}").parse()?;
        std::fs::create_dir_all(&self.data_dir)?;
        let log = self.data_dir.join("server.log");
        let file =
            std::fs::File::create(&log).with_context(|| format!("creating {}", log.display()))?;
        let child = self
            .command(bin)
            .arg("serve")
            .env("CONFIDE_LISTEN", addr.to_string())
            .env("CONFIDE_TRUST_PROXY", "true")
            .stdin(Stdio::null())
            .stdout(file.try_clone()?)
            .stderr(file)
            .spawn()
            .context("starting confide serve")?;
        // For scripts/bench.sh to stop it even if this process is killed.
        let pid_file = self.data_dir.join("confide.pid");
        let _ = std::fs::write(&pid_file, child.id().to_string());
        let mut server = Server {
            child,
            addr,
            log,
            name: "confide",
            pid_file: Some(pid_file),
        };
        server.wait_ready("/healthz", Duration::from_secs(120))?;
        Ok(server)
    }
}

/// A school with an SSP officer and (`with_staff`) a nominated member of staff, made with
/// the CLI as an administrator would. The officer's one-time password is returned for signing in.
pub struct SchoolSetup {
    pub slug: &'static str,
    pub officer_email: &'static str,
    pub officer_password: String,
}

pub fn set_up_school(
    bin: &Path,
    dep: &Deployment,
    with_staff: bool,
) -> anyhow::Result<SchoolSetup> {
    let slug = "bench";
    dep.cli(
        bin,
        &[
            "school",
            "add",
            "--slug",
            slug,
            "--name",
            "Benchmark Academy",
            "--hours",
            "Monday to Friday, 8am to 4pm",
        ],
    )?;
    let mut officer_password = String::new();
    let people = [
        ("officer@bench.example", "PC Bench Officer", "ssp_officer"),
        ("staff@bench.example", "Ms Bench Staff", "nominated_staff"),
    ];
    for (email, name, role) in &people[..if with_staff { 2 } else { 1 }] {
        let out = dep.cli(bin, &["user", "add", "--email", email, "--name", name])?;
        let password = out
            .lines()
            .skip_while(|l| !l.contains("One-time password"))
            .nth(1)
            .map(|l| l.trim().to_owned())
            .filter(|p| !p.is_empty())
            .context("no one-time password in `confide user add` output")?;
        if *role == "ssp_officer" {
            officer_password = password;
        }
        dep.cli(
            bin,
            &[
                "role", "grant", "--school", slug, "--user", email, "--role", role,
            ],
        )?;
    }
    Ok(SchoolSetup {
        slug,
        officer_email: "officer@bench.example",
        officer_password,
    })
}

/// nginx serving one file at one path, configured like a careful static deployment.
/// Two servers in one nginx: `addr` gzips each response as it goes (`gzip on`), and the
/// returned second address serves a copy compressed once beforehand (`gzip_static on`),
/// which is what Confide does for its pupil pages.
#[expect(
    clippy::too_many_lines,
    reason = "the nginx configuration is written out in one place, as an operator would read it"
)]
pub fn start_nginx(
    dir: &Path,
    path: &str,
    html: &str,
    headers: &[(String, String)],
) -> anyhow::Result<(Server, SocketAddr)> {
    let nginx = ["/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/bin/nginx"]
        .iter()
        .map(PathBuf::from)
        .find(|p| p.exists())
        .context("nginx is not installed (scripts/bench.sh installs Debian's nginx-light)")?;
    let www = dir.join("www");
    for sub in ["www", "tmp"] {
        std::fs::create_dir_all(dir.join(sub))?;
    }
    // Workers run as `nobody` when started by root: the page must be world-readable, and
    // every directory above it searchable (the benchmark's root is made 0755 at start).
    let file = www.join("page.html");
    std::fs::write(&file, html)?;
    let gz = www.join("page.html.gz");
    {
        use std::io::Write;
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        enc.write_all(html.as_bytes())?;
        std::fs::write(&gz, enc.finish()?)?;
    }
    {
        use std::os::unix::fs::PermissionsExt;
        for f in [&file, &gz] {
            std::fs::set_permissions(f, std::fs::Permissions::from_mode(0o644))?;
        }
        for d in [dir, www.as_path()] {
            std::fs::set_permissions(d, std::fs::Permissions::from_mode(0o755))?;
        }
    }
    let port = free_port()?;
    let addr: SocketAddr = format!("127.0.0.1:{port}").parse()?;
    let static_addr: SocketAddr = format!("127.0.0.1:{}", free_port()?).parse()?;
    let mut add_headers = String::new();
    for (name, value) in headers {
        add_headers.push_str(&format!(
            "            add_header {name} \"{}\" always;\n",
            value.replace('"', "\\\"")
        ));
    }
    let d = dir.display();
    let conf = format!(
        r#"worker_processes 2;
daemon off;
master_process on;
pid {d}/nginx.pid;
error_log {d}/nginx-error.log warn;
events {{ worker_connections 4096; }}
http {{
    access_log off;
    server_tokens off;
    sendfile on;
    tcp_nopush on;
    tcp_nodelay on;
    keepalive_timeout 65;
    keepalive_requests 1000000;
    client_body_temp_path {d}/tmp/body;
    proxy_temp_path {d}/tmp/proxy;
    fastcgi_temp_path {d}/tmp/fastcgi;
    uwsgi_temp_path {d}/tmp/uwsgi;
    scgi_temp_path {d}/tmp/scgi;
    gzip on;
    gzip_comp_level 1;
    gzip_min_length 20;
    gzip_vary on;
    gzip_types text/html;
    server {{
        listen {addr};
        location = {path} {{
            default_type text/html;
            charset utf-8;
            alias {file};
{add_headers}        }}
        location = /healthz {{ return 200 "ok\n"; }}
    }}
    server {{
        listen {static_addr};
        location = {path} {{
            gzip_static on;
            default_type text/html;
            charset utf-8;
            alias {file};
{add_headers}        }}
    }}
}}
"#,
        file = file.display()
    );
    let conf_path = dir.join("nginx.conf");
    std::fs::write(&conf_path, conf)?;
    let log = dir.join("nginx-error.log");
    let out = std::fs::File::create(dir.join("nginx-stdout.log"))?;
    let child = Command::new(nginx)
        .arg("-e")
        .arg(&log)
        .arg("-p")
        .arg(dir)
        .arg("-c")
        .arg(&conf_path)
        .stdin(Stdio::null())
        .stdout(out.try_clone()?)
        .stderr(out)
        .spawn()
        .context("starting nginx")?;
    let mut server = Server {
        child,
        addr,
        log,
        name: "nginx",
        pid_file: None,
    };
    server.wait_ready("/healthz", Duration::from_secs(20))?;
    Ok((server, static_addr))
}

/// A throwaway PostgreSQL cluster (fsync and synchronous_commit on), stopped and deleted on drop.
pub struct Postgres {
    script: PathBuf,
    dir: PathBuf,
    pub url: String,
    port: u16,
}

impl Postgres {
    pub fn start(script: &Path, dir: &Path) -> anyhow::Result<Self> {
        let port = free_port()?;
        let out = Command::new("bash")
            .arg(script)
            .arg("start")
            .arg(dir)
            .arg(port.to_string())
            .arg("--durable")
            .stdin(Stdio::null())
            .stderr(Stdio::inherit())
            .output()
            .context("running postgres-cluster.sh")?;
        let pg = Postgres {
            script: script.to_owned(),
            dir: dir.to_owned(),
            url: String::from_utf8_lossy(&out.stdout).trim().to_owned(),
            port,
        };
        if !out.status.success() || !pg.url.starts_with("postgres://") {
            bail!("postgres-cluster.sh start failed");
        }
        Ok(pg)
    }

    /// A new empty database in the cluster.
    pub fn create_database(&self, name: &str) -> anyhow::Result<String> {
        use diesel::connection::SimpleConnection;
        use diesel::Connection;
        let mut conn = diesel::PgConnection::establish(&self.url)?;
        conn.batch_execute(&format!("CREATE DATABASE {name}"))?;
        Ok(format!(
            "postgres://postgres@127.0.0.1:{}/{name}",
            self.port
        ))
    }

    pub fn drop_database(&self, name: &str) -> anyhow::Result<()> {
        use diesel::connection::SimpleConnection;
        use diesel::Connection;
        let mut conn = diesel::PgConnection::establish(&self.url)?;
        conn.batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))?;
        Ok(())
    }

    /// The server's settings that decide durability, as shown by `SHOW`.
    pub fn durability(&self) -> String {
        let show = |setting: &str| -> String {
            Command::new("psql")
                .args([&self.url, "-Atc", &format!("SHOW {setting}")])
                .output()
                .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
                .unwrap_or_default()
        };
        format!(
            "fsync={}, synchronous_commit={}, full_page_writes={}",
            show("fsync"),
            show("synchronous_commit"),
            show("full_page_writes")
        )
    }
}

impl Drop for Postgres {
    fn drop(&mut self) {
        let _ = Command::new("bash")
            .arg(&self.script)
            .arg("stop")
            .arg(&self.dir)
            .stdin(Stdio::null())
            .status();
    }
}

/// Resident set size of a process in KiB, from /proc/PID/status.
pub fn rss_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find(|l| l.starts_with("VmRSS:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

/// Samples a process's RSS every 50 ms and keeps the peak.
pub struct RssPeak {
    stop: Arc<AtomicBool>,
    peak: Arc<AtomicU64>,
    handle: Option<std::thread::JoinHandle<()>>,
}

impl RssPeak {
    pub fn start(pid: u32) -> Self {
        let stop = Arc::new(AtomicBool::new(false));
        let peak = Arc::new(AtomicU64::new(rss_kib(pid).unwrap_or(0)));
        let (s, p) = (stop.clone(), peak.clone());
        let handle = std::thread::spawn(move || {
            while !s.load(Ordering::Relaxed) {
                if let Some(kib) = rss_kib(pid) {
                    p.fetch_max(kib, Ordering::Relaxed);
                }
                std::thread::sleep(Duration::from_millis(50));
            }
        });
        RssPeak {
            stop,
            peak,
            handle: Some(handle),
        }
    }

    /// Stops sampling and returns the peak in KiB.
    pub fn finish(mut self) -> u64 {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(h) = self.handle.take() {
            let _ = h.join();
        }
        self.peak.load(Ordering::Relaxed)
    }
}

/// User + system CPU time of one process (all its threads), in clock ticks.
pub fn cpu_ticks(pid: u32) -> Option<u64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // Fields after the command name (which may hold spaces) start with the state, field 3.
    let rest = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let utime: u64 = fields.get(11)?.parse().ok()?;
    let stime: u64 = fields.get(12)?.parse().ok()?;
    Some(utime + stime)
}

/// CPU ticks of a process and its direct children (nginx's workers).
pub fn cpu_ticks_tree(pid: u32) -> Option<u64> {
    let mut total = cpu_ticks(pid)?;
    for entry in std::fs::read_dir("/proc").ok()?.flatten() {
        let Some(child) = entry
            .file_name()
            .to_str()
            .and_then(|n| n.parse::<u32>().ok())
        else {
            continue;
        };
        let Ok(stat) = std::fs::read_to_string(format!("/proc/{child}/stat")) else {
            continue;
        };
        let ppid = stat
            .rfind(')')
            .and_then(|i| stat[i + 2..].split_whitespace().nth(1))
            .and_then(|p| p.parse::<u32>().ok());
        if ppid == Some(pid) {
            total += cpu_ticks(child).unwrap_or(0);
        }
    }
    Some(total)
}

/// Clock ticks per second for /proc times (`getconf CLK_TCK`, 100 on Linux).
pub fn ticks_per_second() -> f64 {
    Command::new("getconf")
        .arg("CLK_TCK")
        .output()
        .ok()
        .and_then(|o| String::from_utf8_lossy(&o.stdout).trim().parse().ok())
        .unwrap_or(100.0)
}
