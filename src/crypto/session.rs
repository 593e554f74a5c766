//! The session cookie's token: the key that seals a person's private key for their
//! session, the hash the database finds the session by, and the anti-forgery token.
//!
//! At sign-in the private key is opened with the password and sealed again under a key
//! derived from a random token that lives only in the person's cookie. The database
//! keeps the token's hash and that sealed copy, so a copied database (or a bug that shows
//! another row) opens nothing.

use data_encoding::BASE64URL_NOPAD;
use hkdf::Hkdf;
use rand::rngs::OsRng;
use rand::RngCore;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;
use zeroize::Zeroizing;

use super::sealed_box::PrivateKey;
use super::secret::SecretKey;
use super::DecryptError;

const SESSION_KEY_CONTEXT: &[u8] = b"confide/session-private-key/v1";

/// The secret in the session cookie. Never printed.
#[derive(Clone)]
pub struct SessionToken(Zeroizing<String>);

impl std::fmt::Debug for SessionToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SessionToken(<redacted>)")
    }
}

impl SessionToken {
    pub fn generate() -> Self {
        let mut bytes = Zeroizing::new([0u8; 32]);
        OsRng.fill_bytes(bytes.as_mut());
        SessionToken(Zeroizing::new(BASE64URL_NOPAD.encode(bytes.as_ref())))
    }

    /// A cookie value of the right shape, or nothing.
    pub fn parse(value: &str) -> Option<Self> {
        let decoded = Zeroizing::new(BASE64URL_NOPAD.decode(value.as_bytes()).ok()?);
        (decoded.len() == 32).then(|| SessionToken(Zeroizing::new(value.to_owned())))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// What the database stores to find the session.
    pub fn id_hash(&self) -> Vec<u8> {
        Sha256::digest(self.0.as_bytes()).to_vec()
    }

    fn derive(&self, label: &[u8]) -> SecretKey {
        let hk = Hkdf::<Sha256>::new(Some(b"confide/session/v1"), self.0.as_bytes());
        let mut out = Zeroizing::new([0u8; 32]);
        let _ = hk.expand(label, out.as_mut());
        SecretKey::from_bytes(*out)
    }

    /// The key the private key is sealed under for this session.
    fn sealing_key(&self) -> SecretKey {
        self.derive(b"private key")
    }

    /// The anti-forgery token for this session's forms: derived, so nothing to store.
    pub fn csrf_token(&self) -> String {
        let key = self.derive(b"csrf");
        data_encoding::HEXLOWER.encode(&key.keyed_hash(&[b"confide/csrf/v1"]))
    }

    /// Whether a posted form's token belongs to this session (constant time).
    pub fn csrf_matches(&self, posted: &str) -> bool {
        bool::from(self.csrf_token().as_bytes().ct_eq(posted.as_bytes()))
    }
    /// Seals a private key so only this session's cookie can open it.
    pub fn seal_private_key(&self, key: &PrivateKey) -> Vec<u8> {
        self.sealing_key()
            .seal(SESSION_KEY_CONTEXT, key.to_bytes().as_ref())
    }

    /// Opens what [`SessionToken::seal_private_key`] sealed.
    pub fn open_private_key(&self, sealed: &[u8]) -> Result<PrivateKey, DecryptError> {
        let bytes = self.sealing_key().open(SESSION_KEY_CONTEXT, sealed)?;
        PrivateKey::from_bytes(&bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_parse_only_in_their_own_shape() {
        let token = SessionToken::generate();
        assert!(SessionToken::parse(token.as_str()).is_some());
        assert!(SessionToken::parse("short").is_none());
        assert!(SessionToken::parse(&format!("{}A", token.as_str())).is_none());
        assert!(!format!("{token:?}").contains(token.as_str()));
    }

    #[test]
    fn csrf_tokens_belong_to_one_session() {
        let a = SessionToken::generate();
        let b = SessionToken::generate();
        assert!(a.csrf_matches(&a.csrf_token()));
        assert!(!a.csrf_matches(&b.csrf_token()));
        assert!(!a.csrf_matches(""));
    }

    #[test]
    fn the_sealed_private_key_opens_only_with_the_cookie() {
        let a = SessionToken::generate();
        let sealed = a
            .sealing_key()
            .seal(SESSION_KEY_CONTEXT, b"0123456789abcdef0123456789abcdef");
        assert!(a.sealing_key().open(SESSION_KEY_CONTEXT, &sealed).is_ok());
        assert!(SessionToken::generate()
            .sealing_key()
            .open(SESSION_KEY_CONTEXT, &sealed)
            .is_err());
    }
}
