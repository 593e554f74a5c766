//! How notifications leave: the mail transport chosen by the settings, with secrets read
//! from the environment or from a `*_FILE`.

use std::path::PathBuf;

use super::settings::{ConfigError, Settings};
use crate::mail::transport::{MailSettings, SmtpSecurity};

/// A value given directly or in a file (`*_FILE`, for secrets kept out of the environment).
fn value_or_file(
    value: Option<String>,
    file: Option<PathBuf>,
    name: &str,
) -> Result<Option<String>, ConfigError> {
    match (value, file) {
        (Some(_), Some(_)) => Err(ConfigError(format!("give {name} or {name}_FILE, not both"))),
        (Some(v), None) => Ok(Some(v)),
        (None, Some(path)) => std::fs::read_to_string(&path)
            .map(|v| Some(v.trim_end_matches(['\r', '\n']).to_owned()))
            .map_err(|e| ConfigError(format!("{name}_FILE {}: {e}", path.display()))),
        (None, None) => Ok(None),
    }
}

pub(super) fn mail_settings(settings: &Settings) -> Result<MailSettings, ConfigError> {
    Ok(match settings.mail_transport.as_str() {
        "none" => MailSettings::Disabled,
        "log" => MailSettings::Log,
        "file" => MailSettings::Files(
            settings
                .mail_dir
                .clone()
                .unwrap_or_else(|| settings.data_dir.join("mail")),
        ),
        "smtp" => {
            let host = settings
                .smtp_host
                .clone()
                .filter(|h| !h.trim().is_empty())
                .ok_or_else(|| {
                    ConfigError(
                        "CONFIDE_SMTP_HOST is needed when CONFIDE_MAIL_TRANSPORT is smtp".into(),
                    )
                })?;
            let security = SmtpSecurity::parse(&settings.smtp_security).ok_or_else(|| {
                ConfigError("CONFIDE_SMTP_SECURITY must be starttls, tls or none".into())
            })?;
            let port = settings.smtp_port.unwrap_or(match security {
                SmtpSecurity::StartTls => 587,
                SmtpSecurity::Tls => 465,
                SmtpSecurity::None => 25,
            });
            let username = value_or_file(
                settings.smtp_username.clone(),
                settings.smtp_username_file.clone(),
                "CONFIDE_SMTP_USERNAME",
            )?;
            let password = value_or_file(
                settings.smtp_password.clone(),
                settings.smtp_password_file.clone(),
                "CONFIDE_SMTP_PASSWORD",
            )?;
            if username.is_some() != password.is_some() {
                return Err(ConfigError(
                    "give both CONFIDE_SMTP_USERNAME and CONFIDE_SMTP_PASSWORD, or neither".into(),
                ));
            }
            MailSettings::Smtp {
                host,
                port,
                security,
                username,
                password,
            }
        }
        other => {
            return Err(ConfigError(format!(
                "CONFIDE_MAIL_TRANSPORT must be none, log, file or smtp, not {other:?}"
            )))
        }
    })
}
