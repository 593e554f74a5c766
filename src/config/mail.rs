//! How notifications leave: the mail transport chosen by the settings, with secrets read
//! from the environment or from a `*_FILE`.

use std::path::PathBuf;

use super::settings::{ConfigError, Settings};
use crate::mail::texts::{is_api_key, TextSettings};
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

/// Text settings: `None` unless a Notify API key is given, and then a template too.
pub(super) fn text_settings(settings: &Settings) -> Result<Option<TextSettings>, ConfigError> {
    let key = value_or_file(
        settings.notify_api_key.clone(),
        settings.notify_api_key_file.clone(),
        "CONFIDE_NOTIFY_API_KEY",
    )?;
    let Some(key) = key.filter(|k| !k.trim().is_empty()) else {
        return Ok(None);
    };
    if !is_api_key(&key) {
        return Err(ConfigError(
            "CONFIDE_NOTIFY_API_KEY is not a GOV.UK Notify API key (its name, then the service id and the secret)".into(),
        ));
    }
    let template_id = settings
        .notify_sms_template_id
        .clone()
        .filter(|t| !t.trim().is_empty())
        .ok_or_else(|| {
            ConfigError("CONFIDE_NOTIFY_SMS_TEMPLATE_ID is needed with a Notify API key".into())
        })?;
    let base_url = settings.notify_url.trim().to_owned();
    if !(base_url.starts_with("https://") || base_url.starts_with("http://127.0.0.1:")) {
        return Err(ConfigError(
            "CONFIDE_NOTIFY_URL must be https (plain http only to 127.0.0.1, for tests)".into(),
        ));
    }
    Ok(Some(TextSettings {
        base_url,
        api_key: zeroize::Zeroizing::new(key.trim().to_owned()),
        template_id: template_id.trim().to_owned(),
    }))
}
