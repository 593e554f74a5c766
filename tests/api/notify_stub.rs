//! A stand-in for GOV.UK Notify on loopback, for on-call text tests: it speaks Notify's
//! documented API for texts (POST /v2/notifications/sms, JSON, a bearer JWT signed HS256
//! with the API key's secret, `iss` the service id, `iat` within 30 seconds) and answers
//! as Notify does: 201 with the notification, or 400/403 with `errors`. Real Notify cannot
//! be reached from here, and would send real texts.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};

use hmac::{Hmac, Mac};
use sha2::Sha256;

pub const SERVICE_ID: &str = "26785a09-ab16-4eb0-8407-a37497a57506";
pub const SECRET: &str = "3d844edf-8d35-48ac-975b-e847b4f122b0";
pub const TEMPLATE_ID: &str = "f33517ff-2a88-4f6e-b855-c550268ce08a";

/// The API key a deployment would paste in: name, service id, secret.
pub fn api_key() -> String {
    format!("confide_on_call-{SERVICE_ID}-{SECRET}")
}

/// One text Notify accepted.
#[derive(Debug, Clone)]
pub struct Text {
    pub phone: String,
    #[allow(dead_code, reason = "kept as Notify received it")]
    pub template_id: String,
    pub personalisation: serde_json::Value,
    /// The whole request body, for checking nothing else rode along.
    pub body: String,
}

pub struct NotifyStub {
    pub port: u16,
    pub texts: Arc<Mutex<Vec<Text>>>,
    /// Requests refused, with the status given.
    pub refused: Arc<Mutex<Vec<u16>>>,
}

impl NotifyStub {
    pub fn start() -> NotifyStub {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let texts = Arc::new(Mutex::new(Vec::new()));
        let refused = Arc::new(Mutex::new(Vec::new()));
        let (t, r) = (texts.clone(), refused.clone());
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let (t, r) = (t.clone(), r.clone());
                std::thread::spawn(move || serve(stream, &t, &r));
            }
        });
        NotifyStub {
            port,
            texts,
            refused,
        }
    }

    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    pub fn texts(&self) -> Vec<Text> {
        self.texts.lock().unwrap().clone()
    }
}

fn serve(stream: TcpStream, texts: &Mutex<Vec<Text>>, refused: &Mutex<Vec<u16>>) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    let mut headers = Vec::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
            break;
        }
        if let Some((name, value)) = line.trim_end().split_once(':') {
            headers.push((name.trim().to_ascii_lowercase(), value.trim().to_owned()));
        }
    }
    let header = |name: &str| {
        headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
    };
    let length: usize = header("content-length")
        .and_then(|l| l.parse().ok())
        .unwrap_or(0);
    let mut body = vec![0; length];
    let _ = reader.read_exact(&mut body);
    let body = String::from_utf8_lossy(&body).into_owned();
    let (status, answer) = answer(
        &request_line,
        header("authorization"),
        header("content-type"),
        &body,
        texts,
    );
    if status != 201 {
        refused.lock().unwrap().push(status);
    }
    let mut stream = stream;
    let _ = write!(
        stream,
        "HTTP/1.1 {status} {}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{answer}",
        if status == 201 { "Created" } else { "Error" },
        answer.len()
    );
}

fn error(status: u16, kind: &str, message: &str) -> (u16, String) {
    let body = serde_json::json!({
        "errors": [{ "error": kind, "message": message }],
        "status_code": status,
    });
    (status, body.to_string())
}

/// Checks the request as Notify does, and records an accepted text.
fn answer(
    request_line: &str,
    authorization: Option<String>,
    content_type: Option<String>,
    body: &str,
    texts: &Mutex<Vec<Text>>,
) -> (u16, String) {
    if !request_line.starts_with("POST /v2/notifications/sms ") {
        return error(404, "NotFound", "Not found");
    }
    let Some(token) = authorization
        .as_deref()
        .and_then(|a| a.strip_prefix("Bearer "))
    else {
        return error(
            401,
            "AuthError",
            "Unauthorized: authentication token must be provided",
        );
    };
    if let Err(why) = check_token(token) {
        return error(403, "AuthError", &why);
    }
    if content_type.as_deref() != Some("application/json") {
        return error(
            400,
            "BadRequestError",
            "Content-Type must be application/json",
        );
    }
    let Ok(json) = serde_json::from_str::<serde_json::Value>(body) else {
        return error(400, "BadRequestError", "Invalid JSON supplied in POST data");
    };
    let phone = json["phone_number"].as_str().unwrap_or_default().to_owned();
    if !phone.starts_with("+447") || phone.len() != 13 {
        return error(
            400,
            "ValidationError",
            "phone_number Not a UK mobile number",
        );
    }
    let template_id = json["template_id"].as_str().unwrap_or_default().to_owned();
    if template_id != TEMPLATE_ID {
        return error(400, "BadRequestError", "Template not found");
    }
    let personalisation = json["personalisation"].clone();
    for placeholder in ["school", "link"] {
        if personalisation[placeholder].as_str().is_none() {
            return error(
                400,
                "BadRequestError",
                &format!("Missing personalisation: {placeholder}"),
            );
        }
    }
    texts.lock().unwrap().push(Text {
        phone,
        template_id: template_id.clone(),
        personalisation: personalisation.clone(),
        body: body.to_owned(),
    });
    let id = format!(
        "740e5834-3a29-46b4-9a6f-{:012}",
        texts.lock().unwrap().len()
    );
    let content = format!(
        "Confide: an urgent report for {} is waiting and you are on call. Sign in now: {}",
        personalisation["school"].as_str().unwrap_or_default(),
        personalisation["link"].as_str().unwrap_or_default()
    );
    let response = serde_json::json!({
        "id": id,
        "reference": null,
        "content": { "body": content, "from_number": "GOVUK" },
        "uri": format!("https://api.notifications.service.gov.uk/v2/notifications/{id}"),
        "template": {
            "id": template_id,
            "version": 1,
            "uri": format!("https://api.notifications.service.gov.uk/v2/template/{TEMPLATE_ID}"),
        },
    });
    (201, response.to_string())
}

fn check_token(token: &str) -> Result<(), String> {
    let parts: Vec<&str> = token.split('.').collect();
    let [header, claims, signature] = parts[..] else {
        return Err("Invalid token: not a JWT".into());
    };
    let decode = |p: &str| data_encoding::BASE64URL_NOPAD.decode(p.as_bytes()).ok();
    let header: serde_json::Value = decode(header)
        .and_then(|b| serde_json::from_slice(&b).ok())
        .ok_or("Invalid token: header")?;
    if header["alg"] != "HS256" {
        return Err("Invalid token: algorithm used is not HS256".into());
    }
    let mut mac = Hmac::<Sha256>::new_from_slice(SECRET.as_bytes()).unwrap();
    mac.update(format!("{}.{}", parts[0], parts[1]).as_bytes());
    let signature = decode(signature).ok_or("Invalid token: signature")?;
    mac.verify_slice(&signature)
        .map_err(|_| "Invalid token: API key not found".to_owned())?;
    let claims: serde_json::Value = decode(claims)
        .and_then(|b| serde_json::from_slice(&b).ok())
        .ok_or("Invalid token: claims")?;
    if claims["iss"] != SERVICE_ID {
        return Err("Invalid token: service not found".into());
    }
    let iat = claims["iat"].as_i64().ok_or("Invalid token: iat missing")?;
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    if (now - iat).abs() > 30 {
        return Err("Error: Your system clock must be accurate to within 30 seconds".into());
    }
    Ok(())
}
