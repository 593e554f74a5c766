//! Settings from `CONFIDE_*` environment variables and matching flags, validated once at start.

mod mail;

use self::mail::mail_settings;
use crate::domain::proxies::TrustedProxies;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use clap::Args;
use lettre::message::Mailbox;

use crate::mail::transport::MailSettings;

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
    /// Days a newly added (or reset) person may work before they must set up two-step
    /// sign-in. Default 0: at their first sign-in. At most 14.
    #[arg(long, env = "CONFIDE_TWO_FACTOR_GRACE_DAYS", default_value_t = 0)]
    pub two_factor_grace_days: u32,
}

impl Settings {
    /// Every setting at its default, as if none were given.
    pub fn defaults() -> Self {
        Settings {
            listen: "127.0.0.1:8080".into(),
            data_dir: PathBuf::from("data"),
            database_url: None,
            public_url: None,
            content_dir: None,
            exit_url: DEFAULT_EXIT_URL.into(),
            db_pool_size: 8,
            workers: None,
            secret_key_file: None,
            keystore_dir: None,
            picture_dir: None,
            purge_worker: true,
            trust_proxy: false,
            trusted_proxies: None,
            session_cookie: None,
            mail_transport: "none".into(),
            mail_dir: None,
            mail_from: "Confide <confide@localhost>".into(),
            mail_worker: true,
            smtp_host: None,
            smtp_port: None,
            smtp_security: "starttls".into(),
            smtp_username: None,
            smtp_username_file: None,
            smtp_password: None,
            smtp_password_file: None,
            two_factor_grace_days: 0,
        }
    }
}

/// Validated configuration: once built, every field is usable as it is.
#[derive(Debug, Clone)]
pub struct Config {
    pub listen: SocketAddr,
    pub data_dir: PathBuf,
    pub database: DatabaseUrl,
    pub public_url: String,
    pub content_dir: Option<PathBuf>,
    pub exit_url: String,
    pub db_pool_size: u32,
    pub workers: usize,
    pub secret_key_file: PathBuf,
    pub keystore_dir: PathBuf,
    /// `None`: pictures are kept in the database (PostgreSQL only).
    pub picture_dir: Option<PathBuf>,
    pub purge_worker: bool,
    /// Peers whose `X-Forwarded-For` is believed.
    pub trusted_proxies: TrustedProxies,
    pub session_cookie: String,
    pub mail: MailSettings,
    pub mail_from: Mailbox,
    pub mail_worker: bool,
    /// Seconds a new person may work before setting up two-step sign-in.
    pub two_factor_grace_seconds: i64,
}

/// Which database to use, decided from the URL's shape.
#[derive(Clone, PartialEq, Eq)]
pub enum DatabaseUrl {
    Postgres(String),
    Sqlite(PathBuf),
}

impl std::fmt::Debug for DatabaseUrl {
    // A PostgreSQL URL may carry a password: never print it.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DatabaseUrl::Postgres(_) => f.write_str("Postgres(<url hidden>)"),
            DatabaseUrl::Sqlite(path) => write!(f, "Sqlite({})", path.display()),
        }
    }
}

impl DatabaseUrl {
    pub fn parse(raw: &str) -> Result<Self, ConfigError> {
        let raw = raw.trim();
        if raw.is_empty() {
            return Err(ConfigError("the database URL is empty".into()));
        }
        if raw.starts_with("postgres://") || raw.starts_with("postgresql://") {
            return Ok(DatabaseUrl::Postgres(raw.to_owned()));
        }
        if raw.contains("://") && !raw.starts_with("sqlite://") {
            return Err(ConfigError(format!(
                "the database URL must start with postgres:// or be a path to an SQLite file, not {}",
                raw.split("://").next().unwrap_or_default()
            )));
        }
        let path = raw.strip_prefix("sqlite://").unwrap_or(raw);
        Ok(DatabaseUrl::Sqlite(PathBuf::from(path)))
    }

    pub fn is_sqlite(&self) -> bool {
        matches!(self, DatabaseUrl::Sqlite(_))
    }
}

/// A setting that cannot be used, with a message that says which and why.
#[derive(Debug, thiserror::Error)]
#[error("configuration problem: {0}")]
pub struct ConfigError(pub String);

impl Config {
    /// Checks every setting once; the message names the variable to fix.
    pub fn from_settings(settings: Settings) -> Result<Self, ConfigError> {
        let mail = mail_settings(&settings)?;
        let listen: SocketAddr = settings.listen.parse().map_err(|_| {
            ConfigError(format!(
                "CONFIDE_LISTEN must be an address and port such as 127.0.0.1:8080, not {:?}",
                settings.listen
            ))
        })?;
        let database = match &settings.database_url {
            Some(url) => DatabaseUrl::parse(url)?,
            None => DatabaseUrl::Sqlite(settings.data_dir.join("confide.db")),
        };
        let public_url = match settings.public_url {
            Some(url) => normalise_public_url(&url)?,
            None => format!("http://{listen}"),
        };
        let exit_url = settings.exit_url.trim().to_owned();
        if !(exit_url.starts_with("https://") || exit_url.starts_with("http://")) {
            return Err(ConfigError(
                "CONFIDE_EXIT_URL must be a full http(s):// address of a neutral site".into(),
            ));
        }
        if let Some(dir) = &settings.content_dir {
            if !dir.is_dir() {
                return Err(ConfigError(format!(
                    "CONFIDE_CONTENT_DIR {} is not a directory",
                    dir.display()
                )));
            }
        }
        if settings.db_pool_size == 0 || settings.db_pool_size > 256 {
            return Err(ConfigError(
                "CONFIDE_DB_POOL_SIZE must be between 1 and 256".into(),
            ));
        }
        let trusted_proxies = match settings.trusted_proxies.as_deref() {
            Some(list) => TrustedProxies::parse(list)
                .map_err(|e| ConfigError(format!("CONFIDE_TRUSTED_PROXIES: {e}")))?,
            None if settings.trust_proxy => TrustedProxies::loopback(),
            None => TrustedProxies::none(),
        };
        let workers = match settings.workers {
            Some(0) => return Err(ConfigError("CONFIDE_WORKERS must be at least 1".into())),
            Some(n) => n,
            None => std::thread::available_parallelism().map_or(2, usize::from),
        };
        let secret_key_file = settings
            .secret_key_file
            .clone()
            .unwrap_or_else(|| settings.data_dir.join("secret.key"));
        let tls = public_url.starts_with("https://");
        let session_cookie = match settings.session_cookie {
            Some(name) if name.starts_with("__Host-") && !tls => return Err(ConfigError(
                "CONFIDE_SESSION_COOKIE may only start __Host- when CONFIDE_PUBLIC_URL is https://"
                    .into(),
            )),
            Some(name)
                if name.is_empty()
                    || !name
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_') =>
            {
                return Err(ConfigError(
                    "CONFIDE_SESSION_COOKIE may use only letters, digits, - and _".into(),
                ))
            }
            Some(name) => name,
            None if tls => "__Host-confide-session".into(),
            None => "confide-session".into(),
        };
        let mail_from: Mailbox = settings.mail_from.parse().map_err(|_| {
            ConfigError(format!(
                "CONFIDE_MAIL_FROM {:?} is not an email address",
                settings.mail_from
            ))
        })?;
        if settings.two_factor_grace_days > 14 {
            return Err(ConfigError(
                "CONFIDE_TWO_FACTOR_GRACE_DAYS must be between 0 and 14".into(),
            ));
        }
        let keystore_dir = settings
            .keystore_dir
            .clone()
            .unwrap_or_else(|| settings.data_dir.join("keys"));
        let picture_dir = match (&settings.picture_dir, &database) {
            (Some(dir), _) => Some(dir.clone()),
            (None, DatabaseUrl::Sqlite(_)) => Some(settings.data_dir.join("pictures")),
            (None, DatabaseUrl::Postgres(_)) => None,
        };
        Ok(Config {
            keystore_dir,
            picture_dir,
            purge_worker: settings.purge_worker,
            two_factor_grace_seconds: i64::from(settings.two_factor_grace_days) * 86_400,
            listen,
            session_cookie,
            mail,
            mail_from,
            mail_worker: settings.mail_worker,
            secret_key_file,
            trusted_proxies,
            data_dir: settings.data_dir,
            database,
            public_url,
            content_dir: settings.content_dir,
            exit_url,
            db_pool_size: settings.db_pool_size,
            workers,
        })
    }

    /// A configuration for tests and tools: port 0, the given data directory, an SQLite file in it.
    pub fn for_data_dir(data_dir: &Path) -> Self {
        Config {
            listen: SocketAddr::from(([127, 0, 0, 1], 0)),
            data_dir: data_dir.to_owned(),
            database: DatabaseUrl::Sqlite(data_dir.join("confide.db")),
            public_url: "http://127.0.0.1".into(),
            content_dir: None,
            exit_url: DEFAULT_EXIT_URL.into(),
            db_pool_size: 4,
            workers: 2,
            secret_key_file: data_dir.join("secret.key"),
            keystore_dir: data_dir.join("keys"),
            picture_dir: Some(data_dir.join("pictures")),
            purge_worker: false,
            trusted_proxies: TrustedProxies::none(),
            session_cookie: "confide-session".into(),
            mail: MailSettings::Disabled,
            // A fixed, known-valid address: no parsing to fail.
            mail_from: Mailbox::new(
                Some("Confide".into()),
                lettre::Address::new_dangerous("confide", "localhost"),
            ),
            mail_worker: false,
            two_factor_grace_seconds: 0,
        }
    }

    /// Served over TLS (directly or behind a proxy), so HSTS and `Secure` cookies apply.
    pub fn uses_tls(&self) -> bool {
        self.public_url.starts_with("https://")
    }
}

fn normalise_public_url(raw: &str) -> Result<String, ConfigError> {
    let url = raw.trim().trim_end_matches('/');
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .ok_or_else(|| {
            ConfigError(format!(
                "CONFIDE_PUBLIC_URL must start with https:// or http://, not {raw:?}"
            ))
        })?;
    if rest.is_empty() || rest.contains(char::is_whitespace) {
        return Err(ConfigError(format!(
            "CONFIDE_PUBLIC_URL {raw:?} has no host name"
        )));
    }
    Ok(url.to_owned())
}

/// Names of `CONFIDE_` variables in the environment that are not in `known`.
pub fn unknown_variables(known: &[String]) -> Vec<String> {
    std::env::vars_os()
        .filter_map(|(key, _)| key.into_string().ok())
        .filter(|key| key.starts_with("CONFIDE_") && !known.iter().any(|k| k == key))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings() -> Settings {
        Settings::defaults()
    }

    #[test]
    fn defaults_give_an_sqlite_file_in_the_data_directory() {
        let config = Config::from_settings(settings()).unwrap();
        assert_eq!(
            config.database,
            DatabaseUrl::Sqlite(PathBuf::from("data/confide.db"))
        );
        assert_eq!(config.public_url, "http://127.0.0.1:8080");
        assert!(!config.uses_tls());
    }

    #[test]
    fn a_bad_listen_address_names_the_variable() {
        let err = Config::from_settings(Settings {
            listen: "localhost".into(),
            ..settings()
        })
        .unwrap_err();
        assert!(err.to_string().contains("CONFIDE_LISTEN"));
    }

    #[test]
    fn postgres_urls_are_recognised_and_never_printed() {
        let url = DatabaseUrl::parse("postgres://confide:secret@db/confide").unwrap();
        assert!(!url.is_sqlite());
        assert!(!format!("{url:?}").contains("secret"));
        assert!(DatabaseUrl::parse("mysql://x").is_err());
        assert_eq!(
            DatabaseUrl::parse("sqlite:///tmp/x.db").unwrap(),
            DatabaseUrl::Sqlite(PathBuf::from("/tmp/x.db"))
        );
    }

    #[test]
    fn public_url_must_be_http_and_loses_its_trailing_slash() {
        let config = Config::from_settings(Settings {
            public_url: Some("https://confide.example.org/".into()),
            ..settings()
        })
        .unwrap();
        assert_eq!(config.public_url, "https://confide.example.org");
        assert!(config.uses_tls());
        assert!(Config::from_settings(Settings {
            public_url: Some("confide.example.org".into()),
            ..settings()
        })
        .is_err());
    }

    #[test]
    fn exit_url_must_be_absolute() {
        assert!(Config::from_settings(Settings {
            exit_url: "/elsewhere".into(),
            ..settings()
        })
        .is_err());
    }
}
