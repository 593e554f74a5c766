//! Text messages to on-call staff through GOV.UK Notify's API: a POST to
//! `/v2/notifications/sms` with a JSON body, signed by a JWT (HS256, `iss` the service id,
//! `iat` now) made from the API key. The template lives in Notify; we fill in only the
//! school's name and the sign-in link, so no text ever says what was reported.

use std::sync::Arc;
use std::time::Duration;

use data_encoding::BASE64URL_NOPAD;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use zeroize::Zeroizing;

/// Where Notify's API is, unless a deployment (or a test) says otherwise.
pub const NOTIFY_URL: &str = "https://api.notifications.service.gov.uk";

/// Text message settings, validated by `Config`.
#[derive(Clone)]
pub struct TextSettings {
    pub base_url: String,
    /// "{key name}-{service id}-{secret key}", as Notify shows it once.
    pub api_key: Zeroizing<String>,
    /// The Notify text template, with placeholders ((school)) and ((link)).
    pub template_id: String,
}

impl std::fmt::Debug for TextSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Notify({}, key hidden, template {})",
            self.base_url, self.template_id
        )
    }
}

/// The two halves of a Notify API key that sign requests; `None` if it is not one.
struct ApiKey {
    service_id: String,
    secret: Zeroizing<String>,
}

fn split_key(key: &str) -> Option<ApiKey> {
    // The service id and the secret are the last two UUIDs (36 characters each); the key's
    // name before them may contain hyphens of its own.
    let key = key.trim();
    let secret = key.get(key.len().checked_sub(36)?..)?;
    let service_id = key.get(key.len().checked_sub(73)?..key.len() - 37)?;
    let looks_like_uuid =
        |s: &str| s.len() == 36 && s.bytes().all(|b| b.is_ascii_hexdigit() || b == b'-');
    (looks_like_uuid(secret)
        && looks_like_uuid(service_id)
        && key.as_bytes()[key.len() - 37] == b'-')
        .then(|| ApiKey {
            service_id: service_id.to_owned(),
            secret: Zeroizing::new(secret.to_owned()),
        })
}

/// Whether `key` has the shape of a Notify API key (checked at start-up).
pub fn is_api_key(key: &str) -> bool {
    split_key(key).is_some()
}

/// The bearer token for one request made at `now` (seconds since the epoch).
fn token(key: &ApiKey, now: i64) -> String {
    let header = BASE64URL_NOPAD.encode(br#"{"typ":"JWT","alg":"HS256"}"#);
    let claims = serde_json::json!({ "iss": key.service_id, "iat": now });
    let claims = BASE64URL_NOPAD.encode(claims.to_string().as_bytes());
    let signing_input = format!("{header}.{claims}");
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(key.secret.as_bytes()) else {
        return signing_input;
    };
    mac.update(signing_input.as_bytes());
    let signature = BASE64URL_NOPAD.encode(&mac.finalize().into_bytes());
    format!("{signing_input}.{signature}")
}

/// A ready client for Notify.
pub struct Texter {
    agent: ureq::Agent,
    settings: TextSettings,
}

impl Texter {
    pub fn new(settings: TextSettings) -> Result<Self, String> {
        let tls = native_tls::TlsConnector::new().map_err(|e| format!("TLS set-up failed: {e}"))?;
        let agent = ureq::AgentBuilder::new()
            .timeout(Duration::from_secs(20))
            .tls_connector(Arc::new(tls))
            .redirects(0)
            .build();
        Ok(Texter { agent, settings })
    }

    /// Sends one text; the error (Notify's own words, never the number) is kept for
    /// administrators and the row is retried. The token carries the real time, whatever
    /// clock the caller runs on: Notify refuses one more than 30 seconds off.
    pub fn send(&self, phone: &str, school: &str, link: &str) -> Result<(), String> {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX));
        let key = split_key(&self.settings.api_key).ok_or("the Notify API key is not valid")?;
        let body = serde_json::json!({
            "phone_number": phone,
            "template_id": self.settings.template_id,
            "personalisation": { "school": school, "link": link },
        });
        let url = format!(
            "{}/v2/notifications/sms",
            self.settings.base_url.trim_end_matches('/')
        );
        let sent = self
            .agent
            .post(&url)
            .set("Authorization", &format!("Bearer {}", token(&key, now)))
            .set("Content-Type", "application/json")
            .send_string(&body.to_string());
        match sent {
            Ok(response) if response.status() == 201 => Ok(()),
            Ok(response) => Err(format!("Notify answered {}", response.status())),
            Err(ureq::Error::Status(code, response)) => Err(format!(
                "Notify refused the text ({code}): {}",
                notify_error(response)
            )),
            Err(ureq::Error::Transport(transport)) => {
                Err(format!("Notify could not be reached: {}", transport.kind()))
            }
        }
    }
}

/// The first error message of Notify's documented error body, or nothing.
fn notify_error(response: ureq::Response) -> String {
    let text = response.into_string().unwrap_or_default();
    serde_json::from_str::<serde_json::Value>(&text)
        .ok()
        .and_then(|v| {
            v.get("errors")?.get(0).map(|e| {
                format!(
                    "{}: {}",
                    e.get("error").and_then(|x| x.as_str()).unwrap_or("?"),
                    e.get("message").and_then(|x| x.as_str()).unwrap_or("?")
                )
            })
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &str =
        "confide-on-call-26785a09-ab16-4eb0-8407-a37497a57506-3d844edf-8d35-48ac-975b-e847b4f122b0";

    #[test]
    fn the_service_id_and_secret_are_the_keys_last_two_uuids() {
        let key = split_key(KEY).unwrap();
        assert_eq!(key.service_id, "26785a09-ab16-4eb0-8407-a37497a57506");
        assert_eq!(key.secret.as_str(), "3d844edf-8d35-48ac-975b-e847b4f122b0");
        assert!(!is_api_key("not-a-key"));
        assert!(!is_api_key(&KEY.replace("-3d844edf", "_3d844edf")));
    }

    #[test]
    fn the_token_is_an_hs256_jwt_signed_with_the_secret() {
        let key = split_key(KEY).unwrap();
        let jwt = token(&key, 1_700_000_000);
        let parts: Vec<&str> = jwt.split('.').collect();
        assert_eq!(parts.len(), 3);
        let claims: serde_json::Value =
            serde_json::from_slice(&BASE64URL_NOPAD.decode(parts[1].as_bytes()).unwrap()).unwrap();
        assert_eq!(claims["iss"], "26785a09-ab16-4eb0-8407-a37497a57506");
        assert_eq!(claims["iat"], 1_700_000_000);
        let mut mac = Hmac::<Sha256>::new_from_slice(key.secret.as_bytes()).unwrap();
        mac.update(format!("{}.{}", parts[0], parts[1]).as_bytes());
        mac.verify_slice(&BASE64URL_NOPAD.decode(parts[2].as_bytes()).unwrap())
            .unwrap();
    }
}
