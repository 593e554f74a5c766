//! Envelope encryption: report and case keys, sealed boxes for recipients, receipt codes, and password-protected private keys.

pub mod context;
pub mod form_token;
pub mod password;
pub mod receipt;
pub mod retention;
pub mod sealed_box;
pub mod secret;
pub mod server_key;
pub mod session;
pub mod stream;
pub mod totp;

/// Decryption failed: wrong key, or the stored bytes were changed. Deliberately says no more.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the data could not be decrypted")]
pub struct DecryptError;
