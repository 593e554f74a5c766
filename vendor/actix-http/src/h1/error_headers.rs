//! Confide's patch: headers added to the responses the HTTP/1 dispatcher makes itself
//! (400 for a request it cannot parse, 431 for oversized headers, 408 for an idle
//! connection, 500 for a broken payload), which never reach the application's middleware.

use std::sync::OnceLock;

use crate::{header::HeaderMap, Response};

static HEADERS: OnceLock<HeaderMap> = OnceLock::new();

/// Sets, once for the process, the headers every dispatcher-made response carries.
/// Returns false if they were already set (the first set stays).
pub fn set_dispatcher_error_headers(headers: HeaderMap) -> bool {
    HEADERS.set(headers).is_ok()
}

/// Adds the headers set above to a response, keeping any it already has.
pub(crate) fn apply(res: &mut Response<()>) {
    if let Some(extra) = HEADERS.get() {
        let have = res.headers_mut();
        for (name, value) in extra {
            if !have.contains_key(name) {
                have.insert(name.clone(), value.clone());
            }
        }
    }
}
