//! A small HTTP/1.1 client over one keep-alive TCP connection, and the closed-loop
//! load runner built on it. Deliberately minimal so the generator costs little CPU:
//! no TLS, no redirects, no cookie jar; gzip bodies are decoded only when asked.

use std::collections::BTreeMap;
use std::io::{self, Read};
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use actix_rt::net::TcpStream;
use anyhow::Context as _;

/// One response, its body already de-chunked (but still gzip-encoded if it was).
#[derive(Debug, Clone)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Response {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn headers_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.headers
            .iter()
            .filter(move |(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The body as text, gunzipped when the server compressed it.
    pub fn text(&self) -> anyhow::Result<String> {
        if self
            .header("content-encoding")
            .is_some_and(|v| v.eq_ignore_ascii_case("gzip"))
        {
            let mut out = String::new();
            flate2::read::GzDecoder::new(&self.body[..])
                .read_to_string(&mut out)
                .context("gunzip")?;
            Ok(out)
        } else {
            Ok(String::from_utf8_lossy(&self.body).into_owned())
        }
    }
}

/// A keep-alive connection that reconnects when the server closed it.
pub struct Conn {
    addr: SocketAddr,
    stream: Option<TcpStream>,
    buf: Vec<u8>,
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn invalid(msg: &str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, msg.to_owned())
}

impl Conn {
    pub fn new(addr: SocketAddr) -> Self {
        Conn {
            addr,
            stream: None,
            buf: Vec::with_capacity(64 * 1024),
        }
    }

    /// Sends one request (complete bytes) and reads the whole response.
    pub async fn send(&mut self, request: &[u8]) -> io::Result<Response> {
        let reused = self.stream.is_some();
        match self.exchange(request).await {
            Ok(r) => Ok(r),
            // A kept-alive connection the server had already closed: try once afresh.
            Err(e) if reused && e.kind() == io::ErrorKind::UnexpectedEof => {
                self.stream = None;
                self.exchange(request).await.inspect_err(|_| {
                    self.stream = None;
                })
            }
            Err(e) => {
                self.stream = None;
                Err(e)
            }
        }
    }

    #[expect(
        clippy::too_many_lines,
        reason = "one HTTP/1.1 exchange, read in order from request to body, is clearer whole"
    )]
    async fn exchange(&mut self, request: &[u8]) -> io::Result<Response> {
        if self.stream.is_none() {
            let s = TcpStream::connect(self.addr).await?;
            s.set_nodelay(true)?;
            self.stream = Some(s);
        }
        let Some(stream) = self.stream.as_ref() else {
            return Err(invalid("no stream"));
        };
        let mut off = 0;
        while off < request.len() {
            stream.writable().await?;
            match stream.try_write(&request[off..]) {
                Ok(n) => off += n,
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => {}
                Err(e) => return Err(e),
            }
        }
        self.buf.clear();
        let head_end = loop {
            if let Some(p) = find(&self.buf, b"\r\n\r\n") {
                break p;
            }
            if fill(stream, &mut self.buf).await? == 0 {
                return Err(io::ErrorKind::UnexpectedEof.into());
            }
        };
        let head = std::str::from_utf8(&self.buf[..head_end]).map_err(|_| invalid("head"))?;
        let mut lines = head.split("\r\n");
        let status: u16 = lines
            .next()
            .and_then(|l| l.split(' ').nth(1))
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| invalid("status line"))?;
        let headers: Vec<(String, String)> = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(k, v)| (k.trim().to_owned(), v.trim().to_owned()))
            .collect();
        let get = |name: &str| {
            headers
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(name))
                .map(|(_, v)| v.as_str())
        };
        let close = get("connection").is_some_and(|v| v.eq_ignore_ascii_case("close"));
        let chunked = get("transfer-encoding").is_some_and(|v| v.contains("chunked"));
        let length: Option<usize> = get("content-length").and_then(|v| v.parse().ok());
        let mut pos = head_end + 4;
        let no_body = status == 204 || status == 304 || (100..200).contains(&status);
        let mut body = Vec::new();
        if no_body {
        } else if chunked {
            loop {
                let line_end = loop {
                    if let Some(p) = find(&self.buf[pos..], b"\r\n") {
                        break pos + p;
                    }
                    if fill(stream, &mut self.buf).await? == 0 {
                        return Err(io::ErrorKind::UnexpectedEof.into());
                    }
                };
                let size_text = std::str::from_utf8(&self.buf[pos..line_end])
                    .map_err(|_| invalid("chunk size"))?;
                let size = usize::from_str_radix(
                    size_text.split(';').next().unwrap_or_default().trim(),
                    16,
                )
                .map_err(|_| invalid("chunk size"))?;
                pos = line_end + 2;
                if size == 0 {
                    // Trailers (normally none) end with an empty line.
                    loop {
                        if let Some(p) = find(&self.buf[pos..], b"\r\n") {
                            if p == 0 {
                                break;
                            }
                            pos += p + 2;
                            continue;
                        }
                        if fill(stream, &mut self.buf).await? == 0 {
                            return Err(io::ErrorKind::UnexpectedEof.into());
                        }
                    }
                    break;
                }
                while self.buf.len() < pos + size + 2 {
                    if fill(stream, &mut self.buf).await? == 0 {
                        return Err(io::ErrorKind::UnexpectedEof.into());
                    }
                }
                body.extend_from_slice(&self.buf[pos..pos + size]);
                pos += size + 2;
            }
        } else if let Some(n) = length {
            while self.buf.len() < pos + n {
                if fill(stream, &mut self.buf).await? == 0 {
                    return Err(io::ErrorKind::UnexpectedEof.into());
                }
            }
            body.extend_from_slice(&self.buf[pos..pos + n]);
        } else {
            while fill(stream, &mut self.buf).await? > 0 {}
            body.extend_from_slice(&self.buf[pos..]);
            self.stream = None;
        }
        if close {
            self.stream = None;
        }
        Ok(Response {
            status,
            headers,
            body,
        })
    }
}

async fn fill(stream: &TcpStream, buf: &mut Vec<u8>) -> io::Result<usize> {
    loop {
        buf.reserve(64 * 1024);
        stream.readable().await?;
        match stream.try_read_buf(buf) {
            Ok(n) => return Ok(n),
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => {}
            Err(e) => return Err(e),
        }
    }
}

/// Builds request bytes. Headers roughly as a browser sends them.
pub fn request(
    method: &str,
    addr: SocketAddr,
    path: &str,
    extra: &[(&str, &str)],
    body: Option<(&str, &[u8])>,
) -> Vec<u8> {
    let mut out = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\n\
         User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0 confide-bench\r\n\
         Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8\r\n\
         Accept-Language: en-GB,en;q=0.5\r\n"
    );
    for (k, v) in extra {
        out.push_str(k);
        out.push_str(": ");
        out.push_str(v);
        out.push_str("\r\n");
    }
    let mut bytes = match body {
        Some((content_type, data)) => {
            out.push_str(&format!(
                "Content-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
                data.len()
            ));
            let mut b = out.into_bytes();
            b.extend_from_slice(data);
            b
        }
        None => {
            out.push_str("\r\n");
            out.into_bytes()
        }
    };
    bytes.shrink_to_fit();
    bytes
}

/// `application/x-www-form-urlencoded`.
pub fn form_encode(fields: &[(&str, &str)]) -> String {
    fields
        .iter()
        .map(|(k, v)| format!("{}={}", url_encode(k), url_encode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

fn url_encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len() * 3);
    for b in value.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// Runs `f` on a fresh single-threaded actix (tokio) runtime.
pub fn block_on<F: std::future::Future>(f: F) -> F::Output {
    actix_rt::System::new().block_on(f)
}

/// What a closed-loop load run measured inside its window.
#[derive(Debug, Default, Clone)]
pub struct LoadResult {
    /// Responses that passed the check.
    pub ok: u64,
    /// Responses by status (all of them, good or not).
    pub statuses: BTreeMap<u16, u64>,
    /// 200 responses whose body failed the check.
    pub bad_bodies: u64,
    /// Connection or protocol errors.
    pub errors: u64,
    /// Latency of every checked-good response, microseconds, sorted.
    pub latencies_us: Vec<u64>,
    pub seconds: f64,
    /// Every response received, warm-up and stragglers included (to share out CPU time).
    pub all_responses: u64,
    /// CPU the server used per response, microseconds (whole run including warm-up).
    pub server_cpu_us: Option<f64>,
    /// CPU the load generator used, as a share of one core.
    pub client_cpu: Option<f64>,
}

impl LoadResult {
    pub fn per_second(&self) -> f64 {
        if self.seconds > 0.0 {
            self.ok as f64 / self.seconds
        } else {
            0.0
        }
    }

    pub fn percentile_ms(&self, p: f64) -> f64 {
        percentile_ms(&self.latencies_us, p)
    }

    /// Every response that was not a good 200, for the report.
    pub fn problems(&self) -> String {
        let mut parts: Vec<String> = self
            .statuses
            .iter()
            .filter(|(s, _)| **s != 200)
            .map(|(s, n)| format!("{n}×{s}"))
            .collect();
        if self.bad_bodies > 0 {
            parts.push(format!("{}×unexpected body", self.bad_bodies));
        }
        if self.errors > 0 {
            parts.push(format!("{}×connection error", self.errors));
        }
        if parts.is_empty() {
            "none".into()
        } else {
            parts.join(", ")
        }
    }
}

/// Nearest-rank percentile of sorted microsecond samples, in milliseconds.
pub fn percentile_ms(sorted_us: &[u64], p: f64) -> f64 {
    if sorted_us.is_empty() {
        return f64::NAN;
    }
    let rank = ((p / 100.0) * sorted_us.len() as f64).ceil() as usize;
    let i = rank.clamp(1, sorted_us.len()) - 1;
    sorted_us[i] as f64 / 1000.0
}

pub type MakeRequest = Arc<dyn Fn(u64) -> Vec<u8> + Send + Sync>;
pub type Check = Arc<dyn Fn(&Response) -> bool + Send + Sync>;

/// Shape of one load run.
#[derive(Clone)]
pub struct Load {
    pub addr: SocketAddr,
    pub clients: usize,
    pub threads: usize,
    pub warm_up: Duration,
    pub duration: Duration,
    pub make_request: MakeRequest,
    pub check: Check,
    /// The server process (and its children) whose CPU time to measure.
    pub server_pid: Option<u32>,
}

/// `clients` closed-loop clients (each sends its next request when the last is answered),
/// spread over `threads` single-threaded runtimes, for `warm_up + duration`; only requests
/// started after the warm-up and finished before the end are counted.
pub fn run_load(load: &Load) -> anyhow::Result<LoadResult> {
    let server_cpu0 = load.server_pid.and_then(crate::procs::cpu_ticks_tree);
    let client_cpu0 = crate::procs::cpu_ticks(std::process::id());
    let start = Instant::now();
    let measure_from = start + load.warm_up;
    let end = measure_from + load.duration;
    let counter = Arc::new(AtomicU64::new(0));
    let threads = load.threads.clamp(1, load.clients.max(1));
    let mut handles = Vec::new();
    for t in 0..threads {
        let clients_here = load.clients / threads + usize::from(t < load.clients % threads);
        let load = load.clone();
        let counter = counter.clone();
        handles.push(
            std::thread::Builder::new()
                .name(format!("bench-client-{t}"))
                .spawn(move || {
                    block_on(async move {
                        let mut tasks = Vec::new();
                        for _ in 0..clients_here {
                            let load = load.clone();
                            let counter = counter.clone();
                            tasks.push(actix_rt::spawn(async move {
                                client_loop(&load, &counter, measure_from, end).await
                            }));
                        }
                        let mut total = LoadResult::default();
                        for task in tasks {
                            if let Ok(part) = task.await {
                                merge(&mut total, part);
                            }
                        }
                        total
                    })
                })?,
        );
    }
    let mut total = LoadResult::default();
    for h in handles {
        let part = h
            .join()
            .map_err(|_| anyhow::anyhow!("a client thread panicked"))?;
        merge(&mut total, part);
    }
    total.latencies_us.sort_unstable();
    total.seconds = load.duration.as_secs_f64();
    let elapsed = start.elapsed().as_secs_f64();
    let tick = 1.0 / crate::procs::ticks_per_second();
    if let (Some(a), Some(b)) = (
        server_cpu0,
        load.server_pid.and_then(crate::procs::cpu_ticks_tree),
    ) {
        total.server_cpu_us =
            Some(b.saturating_sub(a) as f64 * tick * 1e6 / total.all_responses.max(1) as f64);
    }
    if let (Some(a), Some(b)) = (client_cpu0, crate::procs::cpu_ticks(std::process::id())) {
        total.client_cpu = Some(b.saturating_sub(a) as f64 * tick / elapsed);
    }
    Ok(total)
}

fn merge(total: &mut LoadResult, part: LoadResult) {
    total.ok += part.ok;
    total.all_responses += part.all_responses;
    total.bad_bodies += part.bad_bodies;
    total.errors += part.errors;
    for (s, n) in part.statuses {
        *total.statuses.entry(s).or_default() += n;
    }
    total.latencies_us.extend(part.latencies_us);
}

async fn client_loop(
    load: &Load,
    counter: &AtomicU64,
    measure_from: Instant,
    end: Instant,
) -> LoadResult {
    let mut conn = Conn::new(load.addr);
    let mut result = LoadResult::default();
    loop {
        let started = Instant::now();
        if started >= end {
            break;
        }
        let req = (load.make_request)(counter.fetch_add(1, Ordering::Relaxed));
        let outcome = conn.send(&req).await;
        let finished = Instant::now();
        let counted = started >= measure_from && finished <= end;
        match outcome {
            Ok(resp) => {
                result.all_responses += 1;
                if counted {
                    *result.statuses.entry(resp.status).or_default() += 1;
                    if resp.status == 200 && (load.check)(&resp) {
                        result.ok += 1;
                        result
                            .latencies_us
                            .push(finished.duration_since(started).as_micros() as u64);
                    } else if resp.status == 200 {
                        result.bad_bodies += 1;
                    }
                }
            }
            Err(_) => {
                if counted {
                    result.errors += 1;
                }
                actix_rt::time::sleep(Duration::from_millis(10)).await;
            }
        }
    }
    result
}
