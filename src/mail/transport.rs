//! Where mail goes: SMTP (STARTTLS, implicit TLS, or none for loopback), files (the demo),
//! or the log. Chosen from configuration once.

use std::path::PathBuf;
use std::time::Duration;

use lettre::message::header::{
    ContentTransferEncoding, ContentType, Header, HeaderName, HeaderValue,
};
use lettre::message::{Mailbox, MultiPart, SinglePart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Tls, TlsParameters};
use lettre::{FileTransport, Message, SmtpTransport, Transport};

use super::compose::Composed;

/// How the SMTP connection is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SmtpSecurity {
    StartTls,
    Tls,
    /// Only for a relay on the same machine.
    None,
}

impl SmtpSecurity {
    pub fn parse(raw: &str) -> Option<Self> {
        match raw {
            "starttls" => Some(SmtpSecurity::StartTls),
            "tls" => Some(SmtpSecurity::Tls),
            "none" => Some(SmtpSecurity::None),
            _ => None,
        }
    }
}

/// Mail settings, validated by `Config`.
#[derive(Clone)]
pub enum MailSettings {
    /// Queue only: nothing is sent until mail is configured.
    Disabled,
    /// Write the recipient and subject to the log (never any report content: there is none).
    Log,
    /// Write each message as an .eml file into a directory.
    Files(PathBuf),
    Smtp {
        host: String,
        port: u16,
        security: SmtpSecurity,
        username: Option<String>,
        password: Option<String>,
    },
}

impl std::fmt::Debug for MailSettings {
    // The SMTP password never prints.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            MailSettings::Disabled => f.write_str("Disabled"),
            MailSettings::Log => f.write_str("Log"),
            MailSettings::Files(dir) => write!(f, "Files({})", dir.display()),
            MailSettings::Smtp {
                host,
                port,
                security,
                username,
                ..
            } => write!(
                f,
                "Smtp({host}:{port}, {security:?}, user {:?}, password hidden)",
                username.as_deref().unwrap_or("-")
            ),
        }
    }
}

/// `Priority: urgent` or `Priority: normal` (RFC 2156): the same length either way.
#[derive(Debug, Clone)]
struct Priority(&'static str);

impl Header for Priority {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("Priority")
    }

    fn parse(s: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(Priority(if s == "urgent" { "urgent" } else { "normal" }))
    }

    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), self.0.to_owned())
    }
}

/// Builds the MIME message: text and HTML alternatives, both base64 so that equal
/// lengths give equal encoded sizes.
pub fn build_message(from: &Mailbox, to: &str, composed: &Composed) -> Result<Message, String> {
    let to: Mailbox = to
        .parse()
        .map_err(|e| format!("bad recipient address: {e}"))?;
    Message::builder()
        .from(from.clone())
        .to(to)
        .subject(composed.subject.clone())
        .header(Priority(if composed.urgent { "urgent" } else { "normal" }))
        .multipart(
            MultiPart::alternative()
                .singlepart(
                    SinglePart::builder()
                        .header(ContentType::TEXT_PLAIN)
                        .header(ContentTransferEncoding::Base64)
                        .body(composed.text.clone()),
                )
                .singlepart(
                    SinglePart::builder()
                        .header(ContentType::TEXT_HTML)
                        .header(ContentTransferEncoding::Base64)
                        .body(composed.html.clone()),
                ),
        )
        .map_err(|e| format!("could not build the message: {e}"))
}

/// A ready transport.
pub enum Mailer {
    Disabled,
    Log,
    Files(FileTransport),
    Smtp(Box<SmtpTransport>),
}

impl Mailer {
    pub fn new(settings: &MailSettings) -> Result<Self, String> {
        Ok(match settings {
            MailSettings::Disabled => Mailer::Disabled,
            MailSettings::Log => Mailer::Log,
            MailSettings::Files(dir) => {
                std::fs::create_dir_all(dir)
                    .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
                Mailer::Files(FileTransport::new(dir))
            }
            MailSettings::Smtp {
                host,
                port,
                security,
                username,
                password,
            } => {
                let tls = || {
                    TlsParameters::new(host.clone()).map_err(|e| format!("TLS set-up failed: {e}"))
                };
                let mut builder = SmtpTransport::builder_dangerous(host.as_str())
                    .port(*port)
                    .timeout(Some(Duration::from_secs(20)))
                    .tls(match security {
                        SmtpSecurity::StartTls => Tls::Required(tls()?),
                        SmtpSecurity::Tls => Tls::Wrapper(tls()?),
                        SmtpSecurity::None => Tls::None,
                    });
                if let (Some(user), Some(pass)) = (username, password) {
                    builder = builder.credentials(Credentials::new(user.clone(), pass.clone()));
                }
                Mailer::Smtp(Box::new(builder.build()))
            }
        })
    }

    pub fn is_enabled(&self) -> bool {
        !matches!(self, Mailer::Disabled)
    }

    /// Sends one message; the error is kept for administrators.
    pub fn send(&self, message: &Message, to: &str) -> Result<(), String> {
        match self {
            Mailer::Disabled => Err("mail is not configured (CONFIDE_MAIL_TRANSPORT)".into()),
            Mailer::Log => {
                tracing::info!(target: "confide::mail", to, "mail (log transport): a notification was written here instead of sent");
                Ok(())
            }
            Mailer::Files(files) => files.send(message).map(|_| ()).map_err(|e| e.to_string()),
            Mailer::Smtp(smtp) => smtp.send(message).map(|_| ()).map_err(|e| e.to_string()),
        }
    }
}
