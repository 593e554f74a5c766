//! The report form's one-time token: made when the form is shown, sent back with it, and
//! the key to everything the server keeps for that one sending.
//!
//! The database finds a sent form by an HMAC of the token under the server's secret, and
//! what it keeps for the pupil (the receipt code for a few minutes, pictures chosen before
//! the "in danger now" step) is sealed under a key derived from the token with HKDF. Only
//! the page in the pupil's browser has the token, so a copied database opens nothing.

use data_encoding::BASE64URL_NOPAD;
use hkdf::Hkdf;
use rand::rngs::OsRng;
use rand::RngCore;
use sha2::Sha256;
use zeroize::Zeroizing;

use super::secret::SecretKey;

const TOKEN_BYTES: usize = 32;

/// A form's token. Never printed, never logged, never in an address.
#[derive(Clone, PartialEq, Eq)]
pub struct FormToken(Zeroizing<String>);

impl std::fmt::Debug for FormToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("FormToken(<redacted>)")
    }
}

impl FormToken {
    pub fn generate() -> Self {
        let mut bytes = Zeroizing::new([0u8; TOKEN_BYTES]);
        OsRng.fill_bytes(bytes.as_mut());
        FormToken(Zeroizing::new(BASE64URL_NOPAD.encode(bytes.as_ref())))
    }

    /// A posted token of the right shape, or nothing.
    pub fn parse(value: &str) -> Option<Self> {
        let decoded = Zeroizing::new(BASE64URL_NOPAD.decode(value.as_bytes()).ok()?);
        (decoded.len() == TOKEN_BYTES).then(|| FormToken(Zeroizing::new(value.to_owned())))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// What the database finds this form's rows by.
    pub fn lookup_hash(&self, server_key: &SecretKey) -> Vec<u8> {
        server_key
            .keyed_hash(&[b"confide/form-token-lookup/v1/", self.0.as_bytes()])
            .to_vec()
    }

    /// The key what is kept for this form is sealed under.
    pub fn sealing_key(&self) -> SecretKey {
        let hk = Hkdf::<Sha256>::new(Some(b"confide/form-token/v1"), self.0.as_bytes());
        let mut okm = Zeroizing::new([0u8; 32]);
        // 32 bytes is always a valid HKDF-SHA256 output length.
        let _ = hk.expand(b"kept for one sending", okm.as_mut());
        SecretKey::from_bytes(*okm)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_random_and_parse_back() {
        let token = FormToken::generate();
        assert_ne!(token, FormToken::generate());
        assert_eq!(FormToken::parse(token.as_str()), Some(token));
    }

    #[test]
    fn the_wrong_shape_is_refused() {
        for bad in ["", "abc", "!!!!", &"A".repeat(44)] {
            assert!(FormToken::parse(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn the_hash_needs_the_server_key_and_the_key_is_stable() {
        let token = FormToken::generate();
        let server = SecretKey::generate();
        assert_eq!(token.lookup_hash(&server), token.lookup_hash(&server));
        assert_ne!(
            token.lookup_hash(&server),
            token.lookup_hash(&SecretKey::generate())
        );
        assert_eq!(token.sealing_key(), token.clone().sealing_key());
        assert_ne!(token.sealing_key(), FormToken::generate().sealing_key());
    }

    #[test]
    fn debug_never_shows_the_token() {
        let token = FormToken::generate();
        assert!(!format!("{token:?}").contains(token.as_str()));
    }
}
