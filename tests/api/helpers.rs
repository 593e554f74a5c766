//! Starts the real application for a test: its own temporary SQLite file and a free port.

use std::collections::HashMap;
use std::io::Write;
use std::sync::{Mutex, OnceLock};

use awc::Client;
use confide::app::people::{self, NewPerson};
use confide::app::{Admin, Context};
use confide::config::{Config, DatabaseUrl};
use confide::crypto::receipt::ReceiptCode;
use confide::crypto::sealed_box::PrivateKey;
use confide::crypto::secret::SecretKey;
use confide::crypto::totp::TotpSecret;
use confide::db::{Conn, Db, DbConnection, DbError};
use confide::domain::choices::Role;
use confide::domain::ids::{ReportId, UserId};
use confide::domain::person::Email;
use confide::startup::Application;
use confide::store::schools::School;
use confide::time::Clock;
use diesel::prelude::*;

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

/// Every event is written twice, as text and as JSON (`CONFIDE_LOG_FORMAT=json`), by the
/// server's own layers, so every check of what the log never holds covers both formats.
fn init_logging() {
    use confide::cli::logging::{layer, LogFormat};
    use tracing_subscriber::layer::SubscriberExt as _;
    use tracing_subscriber::util::SubscriberInitExt as _;
    static ONCE: OnceLock<()> = OnceLock::new();
    ONCE.get_or_init(|| {
        let _ = tracing_subscriber::registry()
            .with(tracing_subscriber::EnvFilter::new(
                confide::cli::DEFAULT_LOG_FILTER,
            ))
            .with(layer(LogFormat::Text, || LogWriter, false))
            .with(layer(LogFormat::Json, || LogWriter, false))
            .try_init();
    });
}

/// All log output so far, as text.
pub fn captured_log() -> String {
    String::from_utf8_lossy(&LOG.get_or_init(Default::default).lock().unwrap()).into_owned()
}

/// A member of staff made for a test, with their private key opened.
pub struct Staff {
    pub id: UserId,
    pub email: String,
    pub password: String,
    pub key: PrivateKey,
}

/// A signed-in browser: the session cookie and the page's anti-forgery token.
pub struct StaffBrowser<'a> {
    pub app: &'a TestApp,
    /// The session cookie as a browser keeps it: replaced whenever the server sends a new
    /// one (the session id changes at every change of privilege).
    cookie: std::cell::RefCell<String>,
}

impl<'a> StaffBrowser<'a> {
    pub fn new(app: &'a TestApp, cookie: &str) -> Self {
        StaffBrowser {
            app,
            cookie: std::cell::RefCell::new(cookie.to_owned()),
        }
    }

    /// The `name=value` of the session cookie this browser holds now.
    pub fn cookie(&self) -> String {
        self.cookie.borrow().clone()
    }

    /// Keeps a new session cookie the server set, as a browser would.
    fn keep_cookie(&self, headers: &actix_web::http::header::HeaderMap) {
        for value in headers.get_all("set-cookie") {
            let Ok(value) = value.to_str() else { continue };
            let pair = value.split(';').next().unwrap_or_default();
            let Some((name, token)) = pair.split_once('=') else {
                continue;
            };
            let current = self.cookie();
            if current.split('=').next() == Some(name) && !token.is_empty() {
                *self.cookie.borrow_mut() = pair.to_owned();
            }
        }
    }

    pub async fn get(&self, path: &str) -> (u16, String, Option<String>) {
        let mut res = self
            .app
            .client
            .get(self.app.url(path))
            .insert_header(("Cookie", self.cookie()))
            .send()
            .await
            .unwrap();
        self.answer(&mut res).await
    }

    /// POSTs a form, adding the anti-forgery token from `/staff` unless `csrf` is given.
    pub async fn post(&self, path: &str, fields: &[(&str, &str)]) -> (u16, String, Option<String>) {
        let (_, page, _) = self.get("/staff/password").await;
        let token = csrf_from(&page);
        let mut form: Vec<(&str, &str)> = fields.to_vec();
        if !form.iter().any(|(k, _)| *k == "csrf") {
            form.push(("csrf", &token));
        }
        self.post_raw(path, &form).await
    }

    /// Posts one change to a case through its form (`status`, `risk`, `notes`, …) and
    /// returns the answer's status.
    pub async fn change_case(&self, report_id: &str, change: &str, fields: &[(&str, &str)]) -> u16 {
        self.post(&format!("/staff/reports/{report_id}/{change}"), fields)
            .await
            .0
    }

    /// Replies to the pupil on a case; the reply must be accepted.
    pub async fn reply(&self, report_id: &str, text: &str) {
        let status = self
            .change_case(report_id, "replies", &[("text", text)])
            .await;
        assert_eq!(status, 303, "no reply on case {report_id}");
    }

    /// Closes a case with this outcome, as its status form does; it must be accepted.
    pub async fn close_case(&self, report_id: &str, outcome: &str) {
        let status = self
            .change_case(
                report_id,
                "status",
                &[("status", "closed"), ("outcome", outcome)],
            )
            .await;
        assert_eq!(status, 303, "case {report_id} not closed");
    }

    pub async fn post_raw(
        &self,
        path: &str,
        fields: &[(&str, &str)],
    ) -> (u16, String, Option<String>) {
        let mut res = self
            .app
            .client
            .post(self.app.url(path))
            .insert_header(("Cookie", self.cookie()))
            .send_form(&fields)
            .await
            .unwrap();
        self.answer(&mut res).await
    }

    /// Status, body and location of an answer, keeping any new session cookie.
    async fn answer<S>(&self, res: &mut awc::ClientResponse<S>) -> (u16, String, Option<String>)
    where
        S: futures_util::Stream<Item = Result<actix_web::web::Bytes, awc::error::PayloadError>>
            + Unpin,
    {
        self.keep_cookie(res.headers());
        let location = res
            .headers()
            .get("location")
            .map(|l| l.to_str().unwrap().to_owned());
        let body = res.body().limit(10_000_000).await.unwrap();
        (res.status().as_u16(), shown(&body), location)
    }
}

/// The anti-forgery token on a staff page.
pub fn csrf_from(page: &str) -> String {
    let marker = "name=\"csrf\" value=\"";
    let start = page.find(marker).expect("no csrf field on the page") + marker.len();
    page[start..].split('"').next().unwrap().to_owned()
}

pub struct TestApp {
    pub address: String,
    pub db: Db,
    /// The clock and server key the app's use cases run with; moving the clock moves the app's.
    pub ctx: Context,
    pub client: Client,
    pub data_dir: tempfile::TempDir,
    pub schools: HashMap<String, (School, PrivateKey)>,
    pub server_key: SecretKey,
    /// For running the `confide` command against the same database.
    pub database_url: String,
    pub config: Config,
    /// The last TOTP step each person's "app" gave, so no code is ever given twice.
    pub used_steps: Mutex<HashMap<String, i64>>,
    /// The metrics server's address, when the test set `metrics_listen`.
    pub metrics_address: Option<String>,
}

impl TestApp {
    /// The app's address and `path`; a full `http://` address (another server on the same
    /// database) is taken as it is.
    pub fn url(&self, path: &str) -> String {
        if path.starts_with("http://") {
            return path.to_owned();
        }
        format!("{}{}", self.address, path)
    }

    /// GET a page and return its status and body text.
    pub async fn get_text(&self, path: &str) -> (u16, String) {
        let mut res = self.client.get(self.url(path)).send().await.unwrap();
        let body = res.body().limit(10_000_000).await.unwrap();
        (res.status().as_u16(), shown(&body))
    }

    /// POST a form and return its status and body text.
    pub async fn post_form(&self, path: &str, fields: &[(&str, &str)]) -> (u16, String) {
        let mut res = self
            .client
            .post(self.url(path))
            .send_form(&fields)
            .await
            .unwrap();
        let body = res.body().limit(10_000_000).await.unwrap();
        (res.status().as_u16(), shown(&body))
    }

    /// Runs `f` on a connection to the app's database (for looking at rows directly).
    pub fn with_conn<T>(&self, f: impl FnOnce(&mut DbConnection) -> T) -> T {
        self.db
            .run_blocking(|conn| Ok::<_, DbError>(f(conn.db())))
            .unwrap()
    }

    /// Runs `f` as a use case would: with a connection and the app's context.
    pub fn with<T>(&self, f: impl FnOnce(&mut Conn<'_>, &Context) -> T) -> T {
        self.db
            .run_blocking(|conn| Ok::<_, DbError>(f(conn, &self.ctx)))
            .unwrap()
    }

    /// Opens the retention layer of a stored copy of a report's keys (`recipient` for a
    /// person's copy, or the recovery key's or pupil's), as the server does before the
    /// copy's own lock.
    pub fn unbound(
        &self,
        report_id: &str,
        copy: confide::crypto::retention::KeyCopy,
        bound: &[u8],
    ) -> Vec<u8> {
        use confide::db::schema::reports;
        let id = rid(report_id);
        let (school, period): (confide::domain::ids::SchoolId, Option<String>) =
            self.with_conn(|c| {
                reports::table
                    .find(&id)
                    .select((reports::school_id, reports::retention_period))
                    .first(c)
                    .unwrap()
            });
        confide::app::binding::unbind(&self.ctx, school, period.as_deref(), &id, copy, bound)
            .unwrap()
            .expect("the retention key exists")
    }

    /// The use cases' view of a member of staff made by [`TestApp::add_staff`].
    pub fn as_staff(&self, staff: &Staff) -> confide::app::Staff {
        let user = self.with_conn(|c| confide::store::users::find(c, staff.id).unwrap());
        confide::app::Staff {
            user,
            private_key: staff.key.clone(),
            second_factor_at: Some(self.ctx.now()),
        }
    }

    pub fn school(&self, slug: &str) -> &School {
        &self.schools[slug].0
    }

    pub fn recovery_key(&self, slug: &str) -> &PrivateKey {
        &self.schools[slug].1
    }

    /// Adds a person with a role at a school.
    pub fn add_staff(&self, email: &str, school: &str, role: Role) -> Staff {
        let school_id = self.school(school).id;
        let password = "a long test password";
        self.with(|conn, ctx| {
            let admin = Admin::command_line();
            let email = Email::parse(email).unwrap();
            let user = match people::find_person(conn, &email) {
                Ok(user) => user,
                Err(_) => {
                    people::add_person(
                        conn,
                        ctx,
                        &admin,
                        &NewPerson {
                            email,
                            name: "Test Person",
                            is_admin: false,
                            password: Some(password),
                        },
                    )
                    .unwrap()
                    .user
                }
            };
            people::grant_role(conn, ctx, &admin, school_id, user.id, role).unwrap();
            confide::app::two_factor::enrol_with_secret(
                conn,
                ctx,
                user.id,
                &TotpSecret::for_demo(&user.email),
            )
            .unwrap();
            let key = confide::crypto::password::SealedPrivateKey {
                salt: user.private_key_salt.clone(),
                sealed: user.private_key_sealed.clone(),
            }
            .open(password)
            .unwrap();
            Staff {
                id: user.id,
                email: user.email.clone(),
                key,
                password: password.to_owned(),
            }
        })
    }

    /// Adds an administrator (reads no reports), `admin@la.example` / `admin password 123`.
    pub fn add_admin(&self) {
        self.with(|conn, ctx| {
            let created = people::add_person(
                conn,
                ctx,
                &Admin::command_line(),
                &NewPerson {
                    email: Email::parse("admin@la.example").unwrap(),
                    name: "LA Admin",
                    is_admin: true,
                    password: Some("admin password 123"),
                },
            )
            .unwrap();
            confide::app::two_factor::enrol_with_secret(
                conn,
                ctx,
                created.user.id,
                &TotpSecret::for_demo("admin@la.example"),
            )
            .unwrap();
        });
    }

    /// The code this person's authenticator app shows now (people made by `add_staff` and
    /// `add_admin`), for a step not given before: the app's clock moves to the next step
    /// when this one is used up.
    pub fn next_code(&self, email: &str) -> String {
        let email = email.trim().to_lowercase();
        let mut used = self.used_steps.lock().unwrap();
        let last = used.get(&email).copied().unwrap_or(i64::MIN);
        let mut now = self.ctx.now().as_secs();
        if now.div_euclid(30) <= last {
            self.ctx.clock.advance((last + 1) * 30 - now);
            now = self.ctx.now().as_secs();
        }
        used.insert(email.clone(), now.div_euclid(30));
        TotpSecret::for_demo(&email).code_at(now)
    }

    /// A code for the `confide` command, which reads the real clock: the step now, or the
    /// next one (allowed for clock drift) when this one was given already.
    pub fn cli_code(&self, email: &str) -> String {
        let email = email.trim().to_lowercase();
        let mut used = self.used_steps.lock().unwrap();
        let now = Clock::system().now().as_secs().div_euclid(30);
        let step = now.max(used.get(&email).map_or(now, |last| last + 1));
        assert!(
            step <= now + 1,
            "more codes for {email} than the clock allows"
        );
        used.insert(email.clone(), step);
        TotpSecret::for_demo(&email).code_at(step * 30)
    }

    /// POSTs a form with an optional cookie: status, body, location and any new cookie.
    pub async fn post_with_cookie(
        &self,
        path: &str,
        cookie: Option<&str>,
        fields: &[(&str, &str)],
    ) -> (u16, String, Option<String>, Option<String>) {
        let mut request = self.client.post(self.url(path));
        if let Some(cookie) = cookie {
            request = request.insert_header(("Cookie", cookie));
        }
        let mut res = request.send_form(&fields).await.unwrap();
        let header = |name: &str| {
            res.headers()
                .get(name)
                .map(|v| v.to_str().unwrap().to_owned())
        };
        let location = header("location");
        let cookie = header("set-cookie").map(|c| c.split(';').next().unwrap().to_owned());
        let body = shown(&res.body().await.unwrap());
        (res.status().as_u16(), body, location, cookie)
    }

    /// The id of the report a receipt code belongs to, as the server would find it.
    pub fn report_id_for(&self, code: &str) -> String {
        use confide::db::schema::reports;
        let lookup = ReceiptCode::parse(code)
            .unwrap()
            .lookup_hash(&self.server_key);
        self.with_conn(|conn| {
            reports::table
                .filter(reports::receipt_lookup.eq(lookup))
                .select(reports::id)
                .first(conn)
                .unwrap()
        })
    }

    /// User ids holding a wrapped copy of a report's keys.
    pub fn key_holders(&self, report_id: &str) -> Vec<UserId> {
        use confide::db::schema::report_keys;
        self.with_conn(|conn| {
            report_keys::table
                .filter(report_keys::report_id.eq(report_id))
                .order(report_keys::user_id.asc())
                .select(report_keys::user_id)
                .load(conn)
                .unwrap()
        })
    }

    /// Renames the schools table away, so every page that reads it fails inside the
    /// server while the database itself still answers.
    pub fn lose_the_schools_table(&self) {
        use diesel::connection::SimpleConnection;
        self.with_conn(|c| {
            c.batch_execute("ALTER TABLE schools RENAME TO schools_gone")
                .unwrap()
        });
    }

    /// A report's sealed details as stored.
    pub fn sealed_details(&self, report_id: &str) -> Vec<u8> {
        use confide::db::schema::reports;
        self.with_conn(|conn| {
            reports::table
                .find(report_id)
                .select(reports::details)
                .first(conn)
                .unwrap()
        })
    }

    /// The kinds of a report's events, oldest first.
    pub fn event_kinds(&self, report_id: &str) -> Vec<String> {
        use confide::db::schema::report_events;
        self.with_conn(|conn| {
            report_events::table
                .filter(report_events::report_id.eq(report_id))
                .order(report_events::id.asc())
                .select(report_events::kind)
                .load(conn)
                .unwrap()
        })
    }

    /// Adds a person and a role at a school with the `confide` command, as an
    /// administrator would; returns the one-time password it printed.
    pub fn add_person_by_command(&self, email: &str, school: &str, role: &str) -> String {
        let (ok, out) = self.confide(&["user", "add", "--email", email, "--name", "New"], None);
        assert!(ok, "{out}");
        let temporary = out
            .lines()
            .skip_while(|l| !l.contains("One-time password"))
            .nth(1)
            .expect("a one-time password is printed")
            .trim()
            .to_owned();
        let (ok, out) = self.confide(
            &[
                "role", "grant", "--school", school, "--user", email, "--role", role,
            ],
            None,
        );
        assert!(ok, "{out}");
        temporary
    }

    pub fn report_count(&self) -> i64 {
        use confide::db::schema::reports;
        self.with_conn(|conn| reports::table.count().get_result(conn).unwrap())
    }

    /// Signs in through the forms (the password, then the code from the person's app) and
    /// returns the browser, or the response that stopped it.
    pub async fn sign_in(
        &self,
        email: &str,
        password: &str,
    ) -> Result<StaffBrowser<'_>, (u16, String, Option<String>)> {
        let (status, body, location, cookie) = self
            .post_with_cookie(
                "/staff/login",
                None,
                &[("email", email), ("password", password)],
            )
            .await;
        let (303, Some(cookie)) = (status, cookie) else {
            return Err((status, body, location));
        };
        if location.as_deref() != Some("/staff/login/code") {
            return Ok(StaffBrowser::new(self, &cookie));
        }
        let code = self.next_code(email);
        let (status, body, location, renewed) = self
            .post_with_cookie("/staff/login/code", Some(&cookie), &[("code", &code)])
            .await;
        if status == 303 {
            Ok(StaffBrowser::new(self, &renewed.unwrap_or(cookie)))
        } else {
            Err((status, body, location))
        }
    }

    /// Signs a person made by [`TestApp::add_staff`] in, failing the test if they cannot.
    pub async fn signed_in(&self, staff: &Staff) -> StaffBrowser<'_> {
        self.sign_in(&staff.email, &staff.password)
            .await
            .unwrap_or_else(|(status, _, to)| {
                panic!("{} not signed in: {status} {to:?}", staff.email)
            })
    }

    /// Signs in the administrator made by [`TestApp::add_admin`].
    pub async fn signed_in_admin(&self) -> StaffBrowser<'_> {
        self.sign_in("admin@la.example", "admin password 123")
            .await
            .unwrap_or_else(|(status, _, to)| {
                panic!("the administrator not signed in: {status} {to:?}")
            })
    }

    /// A second server on the same database and secret key, as behind a load balancer.
    /// Returns its address.
    pub fn spawn_twin(&self) -> String {
        let db = Db::connect(&self.config.database, self.config.db_pool_size).unwrap();
        let app = Application::build_with(self.config.clone(), db, self.ctx.clone())
            .expect("twin builds");
        let address = format!("http://127.0.0.1:{}", app.port());
        actix_rt::spawn(app.run_until_stopped());
        address
    }

    /// `confide serve` in a process of its own on this app's database, secret key and
    /// keystore, as a second machine behind a load balancer; its workers off.
    pub fn serve_in_process(&self) -> ServerProcess {
        self.serve_in_process_with(&[])
    }

    /// As [`TestApp::serve_in_process`], with settings of its own (`CONFIDE_…` pairs) over
    /// those defaults.
    pub fn serve_in_process_with(&self, settings: &[(&str, String)]) -> ServerProcess {
        use std::io::BufRead as _;
        let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_confide"));
        command
            .arg("serve")
            .env("CONFIDE_DATA_DIR", self.data_dir.path())
            .env("CONFIDE_DATABASE_URL", &self.database_url)
            .env("CONFIDE_LISTEN", "127.0.0.1:0")
            .env("CONFIDE_MAIL_WORKER", "false")
            .env("CONFIDE_PURGE_WORKER", "false")
            .env("CONFIDE_LOG", "info")
            .env("NO_COLOR", "1")
            // The test suite's own settings are not the server's.
            .env_remove("CONFIDE_TEST_POSTGRES_URL")
            .env_remove("CONFIDE_TEST_POSTGRES_DATA");
        for (name, value) in settings {
            command.env(name, value);
        }
        let mut child = command
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let log = std::sync::Arc::new(Mutex::new(String::new()));
        let stderr = child.stderr.take().unwrap();
        let kept = log.clone();
        std::thread::spawn(move || {
            for line in std::io::BufReader::new(stderr)
                .lines()
                .map_while(Result::ok)
            {
                let mut log = kept.lock().unwrap();
                log.push_str(&line);
                log.push('\n');
            }
        });
        ServerProcess { child, log }
    }

    /// Runs the `confide` command against this app's database.
    pub fn confide(&self, args: &[&str], stdin: Option<&str>) -> (bool, String) {
        use std::io::Write as _;
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_confide"))
            .args(args)
            .env("CONFIDE_DATA_DIR", self.data_dir.path())
            .env(
                "CONFIDE_TWO_FACTOR_GRACE_DAYS",
                (self.config.two_factor_grace_seconds / 86_400).to_string(),
            )
            .env("CONFIDE_DATABASE_URL", &self.database_url)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        if let Some(input) = stdin {
            child
                .stdin
                .take()
                .unwrap()
                .write_all(input.as_bytes())
                .unwrap();
        }
        let out = child.wait_with_output().unwrap();
        (
            out.status.success(),
            format!(
                "{}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            ),
        )
    }

    /// Sends a report through the form (and the danger page when urgent); returns the receipt code.
    pub async fn send_report(&self, school: &str, fields: &[(&str, &str)]) -> String {
        let mut form: Vec<(&str, &str)> = vec![
            ("category", "bullying"),
            ("location", "playground"),
            ("happening_now", "no"),
            ("about", "no"),
            ("what", "Someone keeps pushing me over at break."),
        ];
        for (key, value) in fields {
            form.retain(|(k, _)| k != key);
            form.push((key, value));
        }
        if form
            .iter()
            .any(|(k, v)| *k == "happening_now" && *v == "yes")
        {
            form.push(("urgent_seen", "yes"));
        }
        let (status, body) = self.post_form(&format!("/s/{school}/report"), &form).await;
        assert_eq!(status, 200, "report not accepted: {body}");
        receipt_from(&body)
    }
}

/// A report id as the crate's type, for calls into it.
pub fn rid(id: &str) -> ReportId {
    ReportId::parse(id).expect("a report id")
}

/// A page's text as a reader sees it: without the invisible marks Fluent puts around
/// every value inserted into a sentence (U+2068 … U+2069, so a school's name never
/// jumbles an Urdu sentence). `pupil_site::inserted_values_are_isolated` checks the marks.
pub fn shown(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).replace(['\u{2068}', '\u{2069}'], "")
}

/// Reads the receipt code off the confirmation page.
pub fn receipt_from(body: &str) -> String {
    let marker = "aria-label=\"Receipt code: ";
    let body = body.replace(['\u{2068}', '\u{2069}'], "");
    let start = body.find(marker).expect("no receipt code on the page") + marker.len();
    body[start..start + 24].to_owned()
}

/// A port free on loopback now, for a server told its address in advance.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Set by `scripts/test.sh` to run the same suite on a throwaway PostgreSQL cluster.
pub fn postgres_base_url() -> Option<String> {
    std::env::var("CONFIDE_TEST_POSTGRES_URL")
        .ok()
        .filter(|u| !u.is_empty())
}

/// A fresh database for one test: an SQLite file in its data directory, or a new
/// database on the test PostgreSQL cluster.
pub fn database_for_test(data_dir: &std::path::Path) -> DatabaseUrl {
    let Some(base) = postgres_base_url() else {
        return DatabaseUrl::Sqlite(data_dir.join("confide.db"));
    };
    use rand::Rng;
    let name = format!("t_{:016x}", rand::thread_rng().gen::<u64>());
    let mut admin = diesel::PgConnection::establish(&base).expect("test PostgreSQL is reachable");
    diesel::sql_query(format!("CREATE DATABASE {name}"))
        .execute(&mut admin)
        .unwrap();
    let (server, _) = base.rsplit_once('/').unwrap();
    DatabaseUrl::Postgres(format!("{server}/{name}"))
}

pub async fn spawn_app() -> TestApp {
    spawn_app_with(|_| {}).await
}

/// Starts the app with the demo schools, after letting the test adjust the configuration.
pub async fn spawn_app_with(adjust: impl FnOnce(&mut Config)) -> TestApp {
    init_logging();
    let data_dir = tempfile::tempdir().unwrap();
    let mut config = Config::for_data_dir(data_dir.path()).expect("the test settings are valid");
    config.database = database_for_test(data_dir.path());
    // As a deployment does: pictures in files beside SQLite, in the database with PostgreSQL.
    if !config.database.is_sqlite() {
        config.picture_dir = None;
    }
    // Most tests are not about two-step sign-in: people they add at the command line may
    // work for a week before enrolling. The two-factor tests set this back to none.
    config.two_factor_grace_seconds = 7 * 86_400;
    adjust(&mut config);
    let server_key = confide::crypto::server_key::load_or_create(&config.secret_key_file).unwrap();
    let database_url = match &config.database {
        DatabaseUrl::Postgres(url) => url.clone(),
        DatabaseUrl::Sqlite(path) => path.display().to_string(),
    };
    let kept = config.clone();
    let db = Db::connect(&config.database, config.db_pool_size).expect("database opens");
    let keystore = confide::keystore::Keystore::open(&config.keystore_dir).unwrap();
    let blobs = match &config.picture_dir {
        Some(dir) => {
            confide::blobs::BlobStore::Files(confide::blobs::FileBlobs::open(dir).unwrap())
        }
        None => confide::blobs::BlobStore::Database,
    };
    let ctx = Context::new(Clock::system(), server_key.clone(), keystore, blobs).with_policy(
        confide::app::Policy {
            two_factor_grace_seconds: config.two_factor_grace_seconds,
            texts: config.texts.is_some(),
        },
    );
    let app = Application::build_with(config, db.clone(), ctx.clone()).expect("app builds");
    let schools = db
        .run_blocking(|conn| confide::demo::seed(conn, &ctx))
        .unwrap()
        .into_iter()
        .map(|(school, key)| (school.slug.clone(), (school, key)))
        .collect();
    let address = format!("http://127.0.0.1:{}", app.port());
    let metrics_address = app
        .metrics_port()
        .map(|port| format!("http://127.0.0.1:{port}"));
    actix_rt::spawn(app.run_until_stopped());
    TestApp {
        metrics_address,
        address,
        db,
        ctx,
        client: Client::builder()
            .disable_redirects()
            .timeout(std::time::Duration::from_secs(30))
            .finish(),
        data_dir,
        schools,
        server_key,
        database_url,
        config: kept,
        used_steps: Mutex::default(),
    }
}

/// A `confide serve` process started by [`TestApp::serve_in_process`]; killed when dropped.
pub struct ServerProcess {
    child: std::process::Child,
    log: std::sync::Arc<Mutex<String>>,
}

impl ServerProcess {
    pub fn id(&self) -> u32 {
        self.child.id()
    }

    /// Ends the server at once (SIGKILL), as a machine failing would.
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// Everything the server has logged so far.
    pub fn log(&self) -> String {
        self.log.lock().unwrap().clone()
    }

    /// Waits up to a minute for `text` in the log: the log so far, or why it never came.
    pub fn wait_for(&mut self, text: &str) -> Result<String, String> {
        for _ in 0..600 {
            let log = self.log.lock().unwrap().clone();
            if log.contains(text) {
                return Ok(log);
            }
            if let Ok(Some(status)) = self.child.try_wait() {
                std::thread::sleep(std::time::Duration::from_millis(100));
                let log = self.log.lock().unwrap().clone();
                return Err(format!("the server ended ({status}):\n{log}"));
            }
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        Err(format!(
            "no {text:?} in a minute:\n{}",
            self.log.lock().unwrap()
        ))
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
