//! Settings from `CONFIDE_*` environment variables and matching flags, validated once at start.

mod mail;
mod settings;

use self::mail::mail_settings;
pub use self::settings::{ConfigError, Settings, DEFAULT_EXIT_URL, VARIABLES_WITHOUT_FLAGS};
use crate::domain::proxies::TrustedProxies;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use lettre::message::Mailbox;

use crate::mail::texts::TextSettings;
use crate::mail::transport::MailSettings;

/// Validated configuration: once built, every field is usable as it is.
#[derive(Debug, Clone)]
pub struct Config {
    pub listen: SocketAddr,
    /// Where metrics are served, if anywhere: never the public address.
    pub metrics_listen: Option<SocketAddr>,
    pub data_dir: PathBuf,
    pub database: DatabaseUrl,
    pub public_url: String,
    pub content_dir: Option<PathBuf>,
    /// `<code>/pupil.ftl` catalogues replacing or adding to the built-in ones.
    pub locales_dir: Option<PathBuf>,
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
    /// On-call texts through GOV.UK Notify, when set up.
    pub texts: Option<TextSettings>,
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

impl Config {
    /// Checks every setting once; the message names the variable to fix.
    pub fn from_settings(settings: Settings) -> Result<Self, ConfigError> {
        let mail = mail_settings(&settings)?;
        let texts = mail::text_settings(&settings)?;
        let listen: SocketAddr = settings.listen.parse().map_err(|_| {
            ConfigError(format!(
                "CONFIDE_LISTEN must be an address and port such as 127.0.0.1:8080, not {:?}",
                settings.listen
            ))
        })?;
        let metrics_listen = metrics_listen(settings.metrics_listen.as_deref(), listen)?;
        let database = match &settings.database_url {
            Some(url) => DatabaseUrl::parse(url)?,
            None => DatabaseUrl::Sqlite(settings.data_dir.join("confide.db")),
        };
        let (keystore_dir, picture_dir) = storage_dirs(&settings, &database);
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
        for (name, dir) in [
            ("CONFIDE_CONTENT_DIR", &settings.content_dir),
            ("CONFIDE_LOCALES_DIR", &settings.locales_dir),
        ] {
            if let Some(dir) = dir.as_ref().filter(|dir| !dir.is_dir()) {
                let shown = dir.display();
                return Err(ConfigError(format!("{name} {shown} is not a directory")));
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
        let session_cookie = session_cookie(settings.session_cookie, tls)?;
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
        Ok(Config {
            keystore_dir,
            picture_dir,
            purge_worker: settings.purge_worker,
            two_factor_grace_seconds: i64::from(settings.two_factor_grace_days) * 86_400,
            listen,
            metrics_listen,
            session_cookie,
            mail,
            mail_from,
            mail_worker: settings.mail_worker,
            texts,
            secret_key_file,
            trusted_proxies,
            data_dir: settings.data_dir,
            database,
            public_url,
            content_dir: settings.content_dir,
            locales_dir: settings.locales_dir,
            exit_url,
            db_pool_size: settings.db_pool_size,
            workers,
        })
    }

    /// A configuration for tests and tools, checked like any other: port 0, the given
    /// data directory with an SQLite file in it, and no workers or mail.
    pub fn for_data_dir(data_dir: &Path) -> Result<Self, ConfigError> {
        Config::from_settings(Settings {
            listen: "127.0.0.1:0".into(),
            data_dir: data_dir.to_owned(),
            public_url: Some("http://127.0.0.1".into()),
            db_pool_size: 4,
            workers: Some(2),
            purge_worker: false,
            mail_worker: false,
            ..Settings::defaults()
        })
    }

    /// Served over TLS (directly or behind a proxy), so HSTS and `Secure` cookies apply.
    pub fn uses_tls(&self) -> bool {
        self.public_url.starts_with("https://")
    }
}

/// The metrics' own address, refused where it would share the public one's port (the
/// same address, or either listening on every address); port 0 is a fresh port each.
fn metrics_listen(
    given: Option<&str>,
    public: SocketAddr,
) -> Result<Option<SocketAddr>, ConfigError> {
    let Some(given) = given.filter(|g| !g.is_empty()) else {
        return Ok(None);
    };
    let address: SocketAddr = given.parse().map_err(|_| {
        ConfigError(format!(
            "CONFIDE_METRICS_LISTEN must be an address and port such as 127.0.0.1:9464, not {given:?}"
        ))
    })?;
    let overlaps = address.ip() == public.ip()
        || address.ip().is_unspecified()
        || public.ip().is_unspecified();
    if address.port() != 0 && address.port() == public.port() && overlaps {
        return Err(ConfigError(
            "CONFIDE_METRICS_LISTEN must not be the public address (CONFIDE_LISTEN): choose a port of its own"
                .into(),
        ));
    }
    Ok(Some(address))
}

/// The staff session cookie's name: `__Host-` only over TLS, where browsers accept it.
fn session_cookie(chosen: Option<String>, tls: bool) -> Result<String, ConfigError> {
    match chosen {
        Some(name) if name.starts_with("__Host-") && !tls => Err(ConfigError(
            "CONFIDE_SESSION_COOKIE may only start __Host- when CONFIDE_PUBLIC_URL is https://"
                .into(),
        )),
        Some(name)
            if name.is_empty()
                || !name
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_') =>
        {
            Err(ConfigError(
                "CONFIDE_SESSION_COOKIE may use only letters, digits, - and _".into(),
            ))
        }
        Some(name) => Ok(name),
        None if tls => Ok("__Host-confide-session".into()),
        None => Ok("confide-session".into()),
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

/// Where the retention keys and (with SQLite, unless set) the sealed pictures are kept.
fn storage_dirs(settings: &Settings, database: &DatabaseUrl) -> (PathBuf, Option<PathBuf>) {
    let keystore_dir = settings
        .keystore_dir
        .clone()
        .unwrap_or_else(|| settings.data_dir.join("keys"));
    let picture_dir = match (&settings.picture_dir, database) {
        (Some(dir), _) => Some(dir.clone()),
        (None, DatabaseUrl::Sqlite(_)) => Some(settings.data_dir.join("pictures")),
        (None, DatabaseUrl::Postgres(_)) => None,
    };
    (keystore_dir, picture_dir)
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
    fn metrics_are_never_served_on_the_public_address() {
        let public: SocketAddr = "0.0.0.0:8080".parse().unwrap();
        for same in ["127.0.0.1:8080", "0.0.0.0:8080", "[::]:8080"] {
            let err = metrics_listen(Some(same), public).unwrap_err();
            assert!(err.to_string().contains("CONFIDE_METRICS_LISTEN"), "{same}");
        }
        assert!(metrics_listen(Some("127.0.0.1:9464"), public)
            .unwrap()
            .is_some());
        assert!(metrics_listen(None, public).unwrap().is_none());
        assert!(metrics_listen(Some("metrics"), public).is_err());
        let local: SocketAddr = "127.0.0.1:8080".parse().unwrap();
        assert!(metrics_listen(Some("10.0.0.5:8080"), local)
            .unwrap()
            .is_some());
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
