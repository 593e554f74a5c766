//! X25519 key pairs and sealed boxes (libsodium-compatible, via `crypto_box`) that wrap report keys for one recipient.
//!
//! The boxed plaintext starts with a context string (the report id and purpose), checked
//! on opening, so a wrapped key copied onto another report's row will not open.

use rand::rngs::OsRng;
use subtle::ConstantTimeEq;
use zeroize::Zeroizing;

use super::secret::SecretKey;
use super::DecryptError;
use crate::domain::ids::{ReportId, CROCKFORD};

/// A recipient's private key. `crypto_box` already redacts `Debug` and wipes it on drop.
#[derive(Clone, Debug)]
pub struct PrivateKey(crypto_box::SecretKey);

/// A recipient's public key, safe to store and show.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PublicKey(crypto_box::PublicKey);

impl PrivateKey {
    pub fn generate() -> Self {
        PrivateKey(crypto_box::SecretKey::generate(&mut OsRng))
    }

    pub fn public_key(&self) -> PublicKey {
        PublicKey(self.0.public_key())
    }

    pub fn to_bytes(&self) -> Zeroizing<[u8; 32]> {
        Zeroizing::new(self.0.to_bytes())
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<Self, DecryptError> {
        crypto_box::SecretKey::from_slice(bytes)
            .map(PrivateKey)
            .map_err(|_| DecryptError)
    }

    /// Opens a box made by [`wrap`] for this key under the same context.
    pub fn unwrap(
        &self,
        context: &[u8],
        wrapped: &[u8],
    ) -> Result<Zeroizing<Vec<u8>>, DecryptError> {
        let opened = Zeroizing::new(self.0.unseal(wrapped).map_err(|_| DecryptError)?);
        if opened.len() < context.len() || !bool::from(opened[..context.len()].ct_eq(context)) {
            return Err(DecryptError);
        }
        Ok(Zeroizing::new(opened[context.len()..].to_vec()))
    }
}

impl PublicKey {
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, DecryptError> {
        crypto_box::PublicKey::from_slice(bytes)
            .map(PublicKey)
            .map_err(|_| DecryptError)
    }

    pub fn as_bytes(&self) -> &[u8; 32] {
        self.0.as_bytes()
    }

    /// Seals `payload` so only the holder of the matching private key can open it.
    pub fn wrap(&self, context: &[u8], payload: &[u8]) -> Vec<u8> {
        let mut plaintext = Zeroizing::new(Vec::with_capacity(context.len() + payload.len()));
        plaintext.extend_from_slice(context);
        plaintext.extend_from_slice(payload);
        // Sealing only fails for absurd lengths; the payload here is always 32 or 64 bytes.
        self.0.seal(&mut OsRng, &plaintext).unwrap_or_default()
    }
}

/// The two keys of one report: what the pupil wrote and the conversation (report key),
/// and staff-only notes (case key).
#[derive(Debug, Clone)]
pub struct ReportKeys {
    pub report: SecretKey,
    pub case: SecretKey,
}

impl ReportKeys {
    pub fn generate() -> Self {
        ReportKeys {
            report: SecretKey::generate(),
            case: SecretKey::generate(),
        }
    }

    /// Context bound into every wrapped copy of a report's keys.
    pub fn context(report_id: &ReportId) -> Vec<u8> {
        format!("confide/report-keys/v1/{report_id}/").into_bytes()
    }

    /// Both keys sealed for one recipient: one X25519 operation, not two.
    pub fn wrap_for(&self, recipient: &PublicKey, report_id: &ReportId) -> Vec<u8> {
        let mut payload = Zeroizing::new([0u8; 64]);
        payload[..32].copy_from_slice(self.report.as_bytes());
        payload[32..].copy_from_slice(self.case.as_bytes());
        recipient.wrap(&Self::context(report_id), payload.as_ref())
    }

    pub fn unwrap_with(
        private: &PrivateKey,
        report_id: &ReportId,
        wrapped: &[u8],
    ) -> Result<Self, DecryptError> {
        let payload = private.unwrap(&Self::context(report_id), wrapped)?;
        if payload.len() != 64 {
            return Err(DecryptError);
        }
        Ok(ReportKeys {
            report: SecretKey::from_slice(&payload[..32])?,
            case: SecretKey::from_slice(&payload[32..])?,
        })
    }
}

/// A school's recovery private key as text an administrator can write down or print:
/// `CONFIDE-RECOVERY-` then Crockford base32 in groups of four.
pub fn recovery_key_to_text(key: &PrivateKey) -> Zeroizing<String> {
    let encoded = Zeroizing::new(CROCKFORD.encode(key.to_bytes().as_ref()));
    let groups: Vec<&str> = encoded
        .as_bytes()
        .chunks(4)
        .map(|c| std::str::from_utf8(c).unwrap_or_default())
        .collect();
    Zeroizing::new(format!("CONFIDE-RECOVERY-{}", groups.join("-")))
}

/// Reads a recovery key written by [`recovery_key_to_text`], forgiving spacing and case.
pub fn recovery_key_from_text(text: &str) -> Result<PrivateKey, DecryptError> {
    let upper = Zeroizing::new(text.trim().to_ascii_uppercase());
    let body = upper
        .strip_prefix("CONFIDE-RECOVERY-")
        .ok_or(DecryptError)?;
    let bytes = Zeroizing::new(
        CROCKFORD
            .decode(body.as_bytes())
            .map_err(|_| DecryptError)?,
    );
    PrivateKey::from_bytes(&bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r1() -> ReportId {
        ReportId::parse("00000000000000000000000001").unwrap()
    }

    fn r2() -> ReportId {
        ReportId::parse("00000000000000000000000002").unwrap()
    }

    #[test]
    fn report_keys_round_trip_for_their_recipient() {
        let alice = PrivateKey::generate();
        let keys = ReportKeys::generate();
        let wrapped = keys.wrap_for(&alice.public_key(), &r1());
        let opened = ReportKeys::unwrap_with(&alice, &r1(), &wrapped).unwrap();
        assert_eq!(opened.report, keys.report);
        assert_eq!(opened.case, keys.case);
    }

    #[test]
    fn another_persons_key_cannot_open_it() {
        let alice = PrivateKey::generate();
        let mallory = PrivateKey::generate();
        let wrapped = ReportKeys::generate().wrap_for(&alice.public_key(), &r1());
        assert!(ReportKeys::unwrap_with(&mallory, &r1(), &wrapped).is_err());
    }

    #[test]
    fn a_wrapped_key_moved_to_another_report_will_not_open() {
        let alice = PrivateKey::generate();
        let wrapped = ReportKeys::generate().wrap_for(&alice.public_key(), &r1());
        assert!(ReportKeys::unwrap_with(&alice, &r2(), &wrapped).is_err());
    }

    #[test]
    fn flipping_any_byte_of_a_wrapped_key_fails_cleanly() {
        let alice = PrivateKey::generate();
        let wrapped = ReportKeys::generate().wrap_for(&alice.public_key(), &r1());
        for i in 0..wrapped.len() {
            let mut bad = wrapped.clone();
            bad[i] ^= 0x80;
            assert!(
                ReportKeys::unwrap_with(&alice, &r1(), &bad).is_err(),
                "byte {i}"
            );
        }
        assert!(ReportKeys::unwrap_with(&alice, &r1(), &wrapped[..31]).is_err());
    }

    #[test]
    fn recovery_keys_survive_being_written_down() {
        let key = PrivateKey::generate();
        let text = recovery_key_to_text(&key);
        assert!(text.starts_with("CONFIDE-RECOVERY-"));
        let back = recovery_key_from_text(&text.to_lowercase()).unwrap();
        assert_eq!(back.public_key(), key.public_key());
        assert!(recovery_key_from_text("CONFIDE-RECOVERY-0000").is_err());
    }

    #[test]
    fn private_keys_never_print() {
        let key = PrivateKey::generate();
        let bytes = key.to_bytes();
        let shown = format!("{key:?}");
        assert!(!shown.contains(&format!("{:?}", bytes.as_ref())));
        assert!(shown.contains(".."));
    }
}
