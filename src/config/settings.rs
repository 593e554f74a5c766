//! The raw settings, as given by `CONFIDE_*` variables or flags, each default written
//! once in its `#[arg]`, and what is wrong with one.

use std::path::PathBuf;

use clap::Args;

/// Where the neutral "Exit this page" button sends a pupil unless configured otherwise
/// (the page GOV.UK's own services use).
pub const DEFAULT_EXIT_URL: &str = "https://www.bbc.co.uk/weather";

/// The variables Confide reads that are not a flag of any command.
pub const VARIABLES_WITHOUT_FLAGS: &[&str] = &["CONFIDE_LOG"];

/// The raw settings as given on the command line or in the environment.
#[derive(Debug, Clone, Args)]
pub struct Settings {
    /// Address and port to listen on.
    #[arg(long, env = "CONFIDE_LISTEN", default_value = "127.0.0.1:8080")]
    pub listen: String,
    /// Directory for the SQLite database and other local state.
    #[arg(long, env = "CONFIDE_DATA_DIR", default_value = "data")]
    pub data_dir: PathBuf,
    /// `postgres://…` for PostgreSQL, or a path to an SQLite file. Default: `<data dir>/confide.db`.
    #[arg(long, env = "CONFIDE_DATABASE_URL")]
    pub database_url: Option<String>,
    /// The address pupils and staff use to reach this site, for links and to decide on HSTS.
    #[arg(long, env = "CONFIDE_PUBLIC_URL")]
    pub public_url: Option<String>,
    /// A directory with `topics/*.md` and `pages/*.md` that replace or add to the built-in content.
    #[arg(long, env = "CONFIDE_CONTENT_DIR")]
    pub content_dir: Option<PathBuf>,
    /// A directory of `<code>/pupil.ftl` catalogues that replace or add to the built-in ones
    /// (a corrected or new translation without a new build).
    #[arg(long, env = "CONFIDE_LOCALES_DIR")]
    pub locales_dir: Option<PathBuf>,
    /// Where "Exit this page" goes: a neutral site that does not draw attention.
    #[arg(long, env = "CONFIDE_EXIT_URL", default_value = DEFAULT_EXIT_URL)]
    pub exit_url: String,
    /// Database connections kept open.
    #[arg(long, env = "CONFIDE_DB_POOL_SIZE", default_value_t = 8)]
    pub db_pool_size: u32,
    /// HTTP worker threads (default: one per core).
    #[arg(long, env = "CONFIDE_WORKERS")]
    pub workers: Option<usize>,
    /// The server's secret key file (made on first start). Every app server of one
    /// deployment must share it. Default: `<data dir>/secret.key`.
    #[arg(long, env = "CONFIDE_SECRET_KEY_FILE")]
    pub secret_key_file: Option<PathBuf>,
    /// The retention keystore: one key file per school and month, never copied into
    /// backups, shared by every app server. Default: `<data dir>/keys`.
    #[arg(long, env = "CONFIDE_KEYSTORE_DIR")]
    pub keystore_dir: Option<PathBuf>,
    /// Where sealed pictures are kept as files. Default: `<data dir>/pictures` with SQLite;
    /// with PostgreSQL, in the database unless this is set (then every app server must share it).
    #[arg(long, env = "CONFIDE_PICTURE_DIR")]
    pub picture_dir: Option<PathBuf>,
    /// Serve Prometheus metrics (`/metrics`) on this address and port of their own, never
    /// the public one (e.g. `127.0.0.1:9464`). Off unless set.
    #[arg(long, env = "CONFIDE_METRICS_LISTEN")]
    pub metrics_listen: Option<String>,
    /// Run the hourly retention purge in this server.
    #[arg(long, env = "CONFIDE_PURGE_WORKER", default_value_t = true, action = clap::ArgAction::Set)]
    pub purge_worker: bool,
    /// Behind a reverse proxy on this machine: the same as
    /// `CONFIDE_TRUSTED_PROXIES=127.0.0.1,::1`.
    #[arg(long, env = "CONFIDE_TRUST_PROXY", default_value_t = false)]
    pub trust_proxy: bool,
    /// Addresses or networks of the reverse proxies in front (comma-separated, e.g.
    /// `10.0.0.5,192.0.2.0/28`). Only a request that comes from one of them has its
    /// `X-Forwarded-For` believed, for rate limits (it is never stored or logged).
    #[arg(long, env = "CONFIDE_TRUSTED_PROXIES")]
    pub trusted_proxies: Option<String>,
    /// Name of the staff session cookie. Default: `__Host-confide-session` over TLS,
    /// `confide-session` on plain HTTP (a local demo), where `__Host-` cookies cannot be set.
    #[arg(long, env = "CONFIDE_SESSION_COOKIE")]
    pub session_cookie: Option<String>,
    /// How notifications leave: `none` (queued until configured), `log`, `file` or `smtp`.
    #[arg(long, env = "CONFIDE_MAIL_TRANSPORT", default_value = "none")]
    pub mail_transport: String,
    /// Where the `file` transport writes .eml files. Default: `<data dir>/mail`.
    #[arg(long, env = "CONFIDE_MAIL_DIR")]
    pub mail_dir: Option<PathBuf>,
    /// The From address of notifications.
    #[arg(
        long,
        env = "CONFIDE_MAIL_FROM",
        default_value = "Confide <confide@localhost>"
    )]
    pub mail_from: String,
    /// Run the mail worker in this server (turn off on all but some servers if you like).
    #[arg(long, env = "CONFIDE_MAIL_WORKER", default_value_t = true, action = clap::ArgAction::Set)]
    pub mail_worker: bool,
    #[arg(long, env = "CONFIDE_SMTP_HOST")]
    pub smtp_host: Option<String>,
    /// Default: 587 for starttls, 465 for tls, 25 for none.
    #[arg(long, env = "CONFIDE_SMTP_PORT")]
    pub smtp_port: Option<u16>,
    /// `starttls`, `tls` (implicit TLS) or `none` (only for a relay on loopback).
    #[arg(long, env = "CONFIDE_SMTP_SECURITY", default_value = "starttls")]
    pub smtp_security: String,
    #[arg(long, env = "CONFIDE_SMTP_USERNAME")]
    pub smtp_username: Option<String>,
    #[arg(long, env = "CONFIDE_SMTP_USERNAME_FILE")]
    pub smtp_username_file: Option<PathBuf>,
    #[arg(long, env = "CONFIDE_SMTP_PASSWORD", hide_env_values = true)]
    pub smtp_password: Option<String>,
    #[arg(long, env = "CONFIDE_SMTP_PASSWORD_FILE")]
    pub smtp_password_file: Option<PathBuf>,
    /// The GOV.UK Notify API key for on-call texts (better: the _FILE form). Unset: on-call
    /// contacts are told by mail only.
    #[arg(long, env = "CONFIDE_NOTIFY_API_KEY", hide_env_values = true)]
    pub notify_api_key: Option<String>,
    #[arg(long, env = "CONFIDE_NOTIFY_API_KEY_FILE")]
    pub notify_api_key_file: Option<PathBuf>,
    /// The Notify text template's id; its text uses ((school)) and ((link)).
    #[arg(long, env = "CONFIDE_NOTIFY_SMS_TEMPLATE_ID")]
    pub notify_sms_template_id: Option<String>,
    /// Where Notify's API is (change only to test).
    #[arg(
        long,
        env = "CONFIDE_NOTIFY_URL",
        default_value = "https://api.notifications.service.gov.uk"
    )]
    pub notify_url: String,
    /// Days a newly added (or reset) person may work before they must set up two-step
    /// sign-in. Default 0: at their first sign-in. At most 14.
    #[arg(long, env = "CONFIDE_TWO_FACTOR_GRACE_DAYS", default_value_t = 0)]
    pub two_factor_grace_days: u32,
}

impl Settings {
    /// Every setting at its default, as if none were given: read from the `#[arg]`
    /// attributes above with the environment ignored, so each default is written once.
    #[expect(
        clippy::expect_used,
        reason = "every setting has a default or is optional; a unit test parses them"
    )]
    pub fn defaults() -> Self {
        use clap::{Command, FromArgMatches};
        let command =
            Settings::augment_args(Command::new("confide")).mut_args(|arg| arg.env(None::<&str>));
        let matches = command
            .try_get_matches_from(["confide"])
            .expect("the settings parse with no arguments");
        Settings::from_arg_matches(&matches).expect("the defaults make settings")
    }
}

/// A setting that cannot be used, with a message that says which and why.
#[derive(Debug, thiserror::Error)]
#[error("configuration problem: {0}")]
pub struct ConfigError(pub String);
