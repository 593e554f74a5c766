//! Starts the real application for a test: its own temporary SQLite file and a free port.

use std::io::Write;
use std::sync::{Mutex, OnceLock};

use awc::Client;
use confide::config::Config;
use confide::db::{DbConnection, Pool};
use confide::startup::Application;

/// Everything the server logged during this test binary's run, to check what never appears there.
static LOG: OnceLock<Mutex<Vec<u8>>> = OnceLock::new();

struct LogWriter;

impl Write for LogWriter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        LOG.get_or_init(Default::default)
            .lock()
            .unwrap()
            .extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn init_logging() {
    static ONCE: OnceLock<()> = OnceLock::new();
    ONCE.get_or_init(|| {
        let _ = tracing_subscriber::fmt()
            .with_env_filter(confide::cli::DEFAULT_LOG_FILTER)
            .with_ansi(false)
            .with_writer(|| LogWriter)
            .try_init();
    });
}

/// All log output so far, as text.
pub fn captured_log() -> String {
    String::from_utf8_lossy(&LOG.get_or_init(Default::default).lock().unwrap()).into_owned()
}

pub struct TestApp {
    pub address: String,
    pub pool: Pool,
    pub client: Client,
    pub data_dir: tempfile::TempDir,
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.address, path)
    }

    /// GET a page and return its status and body text.
    pub async fn get_text(&self, path: &str) -> (u16, String) {
        let mut res = self.client.get(self.url(path)).send().await.unwrap();
        let body = res.body().limit(10_000_000).await.unwrap();
        (
            res.status().as_u16(),
            String::from_utf8_lossy(&body).into_owned(),
        )
    }

    pub fn conn(&self) -> diesel::r2d2::PooledConnection<confide::db::ConnectionManager> {
        self.pool.get().unwrap()
    }

    pub fn with_conn<T>(&self, f: impl FnOnce(&mut DbConnection) -> T) -> T {
        f(&mut self.conn())
    }
}

pub async fn spawn_app() -> TestApp {
    spawn_app_with(|_| {}).await
}

/// Starts the app with the demo schools, after letting the test adjust the configuration.
pub async fn spawn_app_with(adjust: impl FnOnce(&mut Config)) -> TestApp {
    init_logging();
    let data_dir = tempfile::tempdir().unwrap();
    let mut config = Config::for_data_dir(data_dir.path());
    adjust(&mut config);
    let app = Application::build(config).expect("app builds");
    let pool = app.state().pool.clone();
    confide::demo::seed(&mut pool.get().unwrap()).unwrap();
    let address = format!("http://127.0.0.1:{}", app.port());
    actix_rt::spawn(app.run_until_stopped());
    TestApp {
        address,
        pool,
        client: Client::builder()
            .disable_redirects()
            .timeout(std::time::Duration::from_secs(30))
            .finish(),
        data_dir,
    }
}
