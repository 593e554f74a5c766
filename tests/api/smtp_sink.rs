//! A real SMTP server on loopback that keeps every message it accepts, for mail tests.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// One accepted message.
#[derive(Debug, Clone)]
pub struct Received {
    pub to: Vec<String>,
    pub data: Vec<u8>,
}

impl Received {
    /// The message with its base64 parts decoded, for reading what a person would see.
    pub fn readable(&self) -> String {
        let raw = String::from_utf8_lossy(&self.data).into_owned();
        let mut out = raw.clone();
        let mut in_b64 = false;
        let mut block = String::new();
        for line in raw.lines() {
            if line.eq_ignore_ascii_case("Content-Transfer-Encoding: base64") {
                in_b64 = true;
                block.clear();
                continue;
            }
            if in_b64 {
                if line.starts_with("--") {
                    let cleaned: String = block.chars().filter(|c| !c.is_whitespace()).collect();
                    if let Ok(bytes) = data_encoding::BASE64.decode(cleaned.as_bytes()) {
                        out.push_str(&String::from_utf8_lossy(&bytes));
                    }
                    in_b64 = false;
                } else {
                    block.push_str(line);
                }
            }
        }
        out
    }
}

type OnData = Box<dyn Fn() + Send + Sync>;

pub struct SmtpSink {
    pub port: u16,
    messages: Arc<Mutex<Vec<Received>>>,
    stop: Arc<AtomicBool>,
    on_data: Arc<Mutex<Option<OnData>>>,
}

impl SmtpSink {
    pub fn start() -> Self {
        Self::start_on(0)
    }

    pub fn start_on(port: u16) -> Self {
        let listener = TcpListener::bind(("127.0.0.1", port)).unwrap();
        listener.set_nonblocking(true).unwrap();
        let port = listener.local_addr().unwrap().port();
        let sink = SmtpSink {
            port,
            messages: Arc::default(),
            stop: Arc::default(),
            on_data: Arc::default(),
        };
        let (messages, stop, on_data) = (
            sink.messages.clone(),
            sink.stop.clone(),
            sink.on_data.clone(),
        );
        std::thread::spawn(move || {
            while !stop.load(Ordering::Relaxed) {
                match listener.accept() {
                    Ok((stream, _)) => {
                        let (messages, on_data) = (messages.clone(), on_data.clone());
                        std::thread::spawn(move || serve(stream, messages, on_data));
                    }
                    Err(_) => std::thread::sleep(Duration::from_millis(10)),
                }
            }
        });
        sink
    }

    /// Runs `hook` when a message's data has arrived, before the server says it was accepted.
    pub fn on_data(&self, hook: impl Fn() + Send + Sync + 'static) {
        *self.on_data.lock().unwrap() = Some(Box::new(hook));
    }

    pub fn messages(&self) -> Vec<Received> {
        self.messages.lock().unwrap().clone()
    }

    /// Waits (at most `limit`) until `count` messages have arrived.
    pub fn wait_for(&self, count: usize, limit: Duration) -> Vec<Received> {
        let started = Instant::now();
        loop {
            let got = self.messages();
            if got.len() >= count || started.elapsed() > limit {
                return got;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    pub fn stop(&self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        self.stop();
    }
}

fn serve(
    stream: TcpStream,
    messages: Arc<Mutex<Vec<Received>>>,
    on_data: Arc<Mutex<Option<OnData>>>,
) {
    stream.set_nonblocking(false).ok();
    stream.set_read_timeout(Some(Duration::from_secs(30))).ok();
    let mut writer = stream.try_clone().unwrap();
    let mut reader = BufReader::new(stream);
    let _ = writer.write_all(b"220 confide-test-sink ESMTP\r\n");
    let mut to = Vec::new();
    let mut line = String::new();
    loop {
        line.clear();
        if reader.read_line(&mut line).unwrap_or(0) == 0 {
            return;
        }
        let upper = line.to_ascii_uppercase();
        let reply: &[u8] = if upper.starts_with("EHLO") {
            b"250-confide-test-sink\r\n250 8BITMIME\r\n"
        } else if upper.starts_with("RCPT TO:") {
            to.push(line[8..].trim().trim_matches(['<', '>']).to_owned());
            b"250 ok\r\n"
        } else if upper.starts_with("DATA") {
            let _ = writer.write_all(b"354 end with .\r\n");
            let mut data = Vec::new();
            loop {
                let mut l = String::new();
                if reader.read_line(&mut l).unwrap_or(0) == 0 {
                    return;
                }
                if l == ".\r\n" {
                    break;
                }
                data.extend_from_slice(l.as_bytes());
            }
            messages.lock().unwrap().push(Received {
                to: std::mem::take(&mut to),
                data,
            });
            if let Some(hook) = on_data.lock().unwrap().as_ref() {
                hook();
            }
            b"250 accepted\r\n"
        } else if upper.starts_with("QUIT") {
            let _ = writer.write_all(b"221 bye\r\n");
            return;
        } else if upper.starts_with("RSET") {
            to.clear();
            b"250 ok\r\n"
        } else {
            b"250 ok\r\n"
        };
        if writer.write_all(reply).is_err() {
            return;
        }
    }
}
