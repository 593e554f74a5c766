//! Static files compiled into the binary: cache-busting URLs, gzip done once, ETags and HTTP Range.

use std::collections::HashMap;
use std::io::Write;
use std::ops::RangeInclusive;
use std::sync::Arc;

use actix_web::http::header;
use actix_web::http::StatusCode;
use actix_web::web::Bytes;
use actix_web::{HttpRequest, HttpResponse};
use rust_embed::RustEmbed;

#[derive(RustEmbed)]
#[folder = "static/"]
struct StaticFiles;

/// One file ready to serve. The bodies are shared, never copied per request.
#[derive(Debug)]
struct Asset {
    bytes: Bytes,
    gzip: Option<Bytes>,
    mime: String,
    etag: String,
    /// The compressed bytes are a different representation, so they get their own ETag.
    gzip_etag: String,
    /// First 10 hex digits of the SHA-256: changes whenever the file does.
    version: String,
}

/// Every static file, indexed by its path under `/static/`.
#[derive(Debug, Clone, Default)]
pub struct Assets {
    files: Arc<HashMap<String, Asset>>,
}

/// Types worth compressing; media and images are already compressed.
fn compressible(mime: &str) -> bool {
    mime.starts_with("text/")
        || mime == "application/javascript"
        || mime == "image/svg+xml"
        || mime == "application/json"
}

impl Assets {
    pub fn load() -> Self {
        let mut files = HashMap::new();
        for path in StaticFiles::iter() {
            let Some(file) = StaticFiles::get(&path) else {
                continue;
            };
            let hash = file.metadata.sha256_hash();
            let hex: String = hash.iter().map(|b| format!("{b:02x}")).collect();
            let mime = mime_for(&path);
            let gzip = compressible(&mime)
                .then(|| gzip(&file.data))
                .flatten()
                .filter(|z| z.len() < file.data.len())
                .map(Bytes::from);
            files.insert(
                path.to_string(),
                Asset {
                    etag: format!("\"{}\"", &hex[..32]),
                    gzip_etag: format!("\"{}-gz\"", &hex[..32]),
                    version: hex[..10].to_owned(),
                    // Embedded files (release builds) are served straight from the binary.
                    bytes: match file.data {
                        std::borrow::Cow::Borrowed(data) => Bytes::from_static(data),
                        std::borrow::Cow::Owned(data) => Bytes::from(data),
                    },
                    gzip,
                    mime,
                },
            );
        }
        Assets {
            files: Arc::new(files),
        }
    }

    /// The address of a static file with its version, so it can be cached for a year.
    pub fn url(&self, path: &str) -> String {
        match self.files.get(path) {
            Some(asset) => format!("/static/{path}?v={}", asset.version),
            None => format!("/static/{path}"),
        }
    }

    /// A text file's contents (the English captions, to time the translated ones by).
    pub fn text(&self, path: &str) -> Option<&str> {
        std::str::from_utf8(&self.files.get(path)?.bytes).ok()
    }

    pub fn exists(&self, path: &str) -> bool {
        self.files.contains_key(path)
    }

    /// Answers a GET or HEAD for `/static/{path}`.
    pub fn respond(&self, req: &HttpRequest, path: &str) -> HttpResponse {
        let Some(asset) = self.files.get(path) else {
            return HttpResponse::NotFound().finish();
        };
        let total = asset.bytes.len() as u64;
        // Only an address naming this exact version may be cached forever; others (such as
        // the library `confide.js` imports by plain name) are checked again with the ETag.
        let versioned = req
            .query_string()
            .split('&')
            .any(|pair| pair.strip_prefix("v=") == Some(asset.version.as_str()));
        let cache = if versioned {
            "public, max-age=31536000, immutable"
        } else {
            "public, no-cache"
        };
        let mut builder = HttpResponse::build(StatusCode::OK);
        builder
            .insert_header((header::CONTENT_TYPE, asset.mime.as_str()))
            .insert_header((header::ETAG, asset.etag.as_str()))
            .insert_header((header::ACCEPT_RANGES, "bytes"))
            .insert_header((header::CACHE_CONTROL, cache))
            .insert_header((header::VARY, "Accept-Encoding"));

        if header_is(req, header::IF_NONE_MATCH, &asset.etag)
            || header_is(req, header::IF_NONE_MATCH, &asset.gzip_etag)
        {
            return builder.status(StatusCode::NOT_MODIFIED).finish();
        }

        let range = req
            .headers()
            .get(header::RANGE)
            .and_then(|v| v.to_str().ok())
            .filter(|_| if_range_allows(req, &asset.etag));
        if let Some(range) = range {
            match parse_single_range(range, total) {
                RangeAnswer::Partial(range) => {
                    let (start, end) = (*range.start(), *range.end());
                    // Ranges index the identity bytes, so partial answers are never compressed.
                    let slice = asset.bytes.slice(start as usize..=end as usize);
                    return builder
                        .status(StatusCode::PARTIAL_CONTENT)
                        .insert_header((
                            header::CONTENT_RANGE,
                            format!("bytes {start}-{end}/{total}"),
                        ))
                        .body(slice);
                }
                RangeAnswer::Unsatisfiable => {
                    return builder
                        .status(StatusCode::RANGE_NOT_SATISFIABLE)
                        .insert_header((header::CONTENT_RANGE, format!("bytes */{total}")))
                        .finish();
                }
                RangeAnswer::Whole => {}
            }
        }

        if let Some(gz) = asset.gzip.as_ref().filter(|_| accepts_gzip(req)) {
            builder.insert_header((header::CONTENT_ENCODING, "gzip"));
            builder.insert_header((header::ETAG, asset.gzip_etag.as_str()));
            return builder.body(gz.clone());
        }
        builder.body(asset.bytes.clone())
    }
}

fn header_is(req: &HttpRequest, name: header::HeaderName, etag: &str) -> bool {
    req.headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == etag || t.trim() == "*"))
}

/// `If-Range` with a stale validator means "send the whole new file instead".
fn if_range_allows(req: &HttpRequest, etag: &str) -> bool {
    match req.headers().get(header::IF_RANGE) {
        None => true,
        Some(value) => value.as_bytes() == etag.as_bytes(),
    }
}

/// Whether the request's `Accept-Encoding` allows gzip (and does not refuse it with q=0).
pub fn accepts_gzip(req: &HttpRequest) -> bool {
    req.headers()
        .get_all(header::ACCEPT_ENCODING)
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|coding| {
            let mut parts = coding.split(';');
            let name = parts.next().unwrap_or_default().trim();
            let refused = parts.any(|p| {
                let p = p.trim().replace(' ', "");
                p == "q=0" || p == "q=0.0" || p == "q=0.00" || p == "q=0.000"
            });
            name.eq_ignore_ascii_case("gzip") && !refused
        })
}

/// What to do with a `Range` header.
#[derive(Debug, PartialEq, Eq)]
pub enum RangeAnswer {
    /// Send these bytes (inclusive) as 206.
    Partial(RangeInclusive<u64>),
    /// 416: no requested byte exists.
    Unsatisfiable,
    /// Ignore the header and send 200 (malformed, or several ranges: RFC 9110 lets a
    /// server answer those with the whole file, and players only ever ask for one).
    Whole,
}

/// Reads a `bytes=` range against a file of `total` bytes.
pub fn parse_single_range(value: &str, total: u64) -> RangeAnswer {
    if total == 0 {
        return RangeAnswer::Whole;
    }
    // "The last N bytes" of a shorter file means the whole file (RFC 9110 14.1.2).
    if let Some(suffix) = value.trim().strip_prefix("bytes=-") {
        if suffix.parse::<u64>().is_ok_and(|n| n >= total) {
            return RangeAnswer::Partial(0..=total - 1);
        }
    }
    let Ok(parsed) = http_range_header::parse_range_header(value) else {
        return RangeAnswer::Whole;
    };
    match parsed.validate(total) {
        Ok(ranges) if ranges.len() == 1 => RangeAnswer::Partial(ranges[0].clone()),
        Ok(_) => RangeAnswer::Whole,
        Err(_) => RangeAnswer::Unsatisfiable,
    }
}

fn mime_for(path: &str) -> String {
    // Types players and browsers are strict about are named here rather than guessed.
    let ext = path.rsplit('.').next().unwrap_or_default();
    match ext {
        "vtt" => "text/vtt; charset=utf-8".into(),
        "mp4" => "video/mp4".into(),
        "css" => "text/css; charset=utf-8".into(),
        "js" | "mjs" => "application/javascript".into(),
        "svg" => "image/svg+xml".into(),
        _ => mime_guess::from_path(path)
            .first_or_octet_stream()
            .essence_str()
            .to_owned(),
    }
}

fn gzip(data: &[u8]) -> Option<Vec<u8>> {
    let mut encoder = flate2::write::GzEncoder::new(
        Vec::with_capacity(data.len() / 3),
        flate2::Compression::best(),
    );
    encoder.write_all(data).ok()?;
    encoder.finish().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_single_range_is_partial() {
        assert_eq!(
            parse_single_range("bytes=0-9", 100),
            RangeAnswer::Partial(0..=9)
        );
        assert_eq!(
            parse_single_range("bytes=90-", 100),
            RangeAnswer::Partial(90..=99)
        );
        assert_eq!(
            parse_single_range("bytes=-10", 100),
            RangeAnswer::Partial(90..=99)
        );
        assert_eq!(
            parse_single_range("bytes=95-200", 100),
            RangeAnswer::Partial(95..=99)
        );
    }

    #[test]
    fn a_suffix_longer_than_the_file_is_the_whole_file() {
        assert_eq!(
            parse_single_range("bytes=-200", 100),
            RangeAnswer::Partial(0..=99)
        );
        assert_eq!(parse_single_range("bytes=0-", 0), RangeAnswer::Whole);
    }

    #[test]
    fn a_range_past_the_end_is_unsatisfiable() {
        assert_eq!(
            parse_single_range("bytes=100-", 100),
            RangeAnswer::Unsatisfiable
        );
        assert_eq!(
            parse_single_range("bytes=500-600", 100),
            RangeAnswer::Unsatisfiable
        );
    }

    #[test]
    fn malformed_or_multiple_ranges_get_the_whole_file() {
        assert_eq!(parse_single_range("lines=1-2", 100), RangeAnswer::Whole);
        assert_eq!(parse_single_range("bytes=0-1,5-6", 100), RangeAnswer::Whole);
    }

    #[test]
    fn media_types_are_exact() {
        assert_eq!(mime_for("videos/x.vtt"), "text/vtt; charset=utf-8");
        assert_eq!(mime_for("videos/x.mp4"), "video/mp4");
        assert_eq!(mime_for("videos/x.jpg"), "image/jpeg");
    }
}
