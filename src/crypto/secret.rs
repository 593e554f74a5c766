//! Symmetric keys and authenticated encryption (XChaCha20-Poly1305, random nonce, context as associated data).

use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use rand::rngs::OsRng;
use rand::RngCore;
use zeroize::{Zeroize, ZeroizeOnDrop, Zeroizing};

use super::DecryptError;

const NONCE_LEN: usize = 24;
const TAG_LEN: usize = 16;

/// A 256-bit secret key. Never printed, wiped from memory when dropped.
#[derive(Clone, Zeroize, ZeroizeOnDrop, PartialEq, Eq)]
pub struct SecretKey([u8; 32]);

impl std::fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SecretKey(<redacted>)")
    }
}

impl SecretKey {
    /// A fresh key from the operating system's random source.
    pub fn generate() -> Self {
        let mut bytes = [0u8; 32];
        OsRng.fill_bytes(&mut bytes);
        SecretKey(bytes)
    }

    pub fn from_bytes(bytes: [u8; 32]) -> Self {
        SecretKey(bytes)
    }

    pub fn from_slice(bytes: &[u8]) -> Result<Self, DecryptError> {
        let bytes: [u8; 32] = bytes.try_into().map_err(|_| DecryptError)?;
        Ok(SecretKey(bytes))
    }

    pub fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }

    /// Encrypts `plaintext`; `context` (the row id and field name) must match to decrypt,
    /// so a ciphertext cannot be moved to another row or field.
    pub fn seal(&self, context: &[u8], plaintext: &[u8]) -> Vec<u8> {
        let cipher = XChaCha20Poly1305::new(self.0.as_ref().into());
        let mut nonce = [0u8; NONCE_LEN];
        OsRng.fill_bytes(&mut nonce);
        let ciphertext = cipher
            .encrypt(
                XNonce::from_slice(&nonce),
                Payload {
                    msg: plaintext,
                    aad: context,
                },
            )
            // Only fails for plaintexts beyond 256 GiB, far past any form limit.
            .unwrap_or_default();
        let mut out = Vec::with_capacity(NONCE_LEN + ciphertext.len());
        out.extend_from_slice(&nonce);
        out.extend_from_slice(&ciphertext);
        out
    }

    /// Decrypts what [`SecretKey::seal`] produced under the same context.
    pub fn open(&self, context: &[u8], sealed: &[u8]) -> Result<Zeroizing<Vec<u8>>, DecryptError> {
        if sealed.len() < NONCE_LEN + TAG_LEN {
            return Err(DecryptError);
        }
        let (nonce, ciphertext) = sealed.split_at(NONCE_LEN);
        let cipher = XChaCha20Poly1305::new(self.0.as_ref().into());
        cipher
            .decrypt(
                XNonce::from_slice(nonce),
                Payload {
                    msg: ciphertext,
                    aad: context,
                },
            )
            .map(Zeroizing::new)
            .map_err(|_| DecryptError)
    }

    /// HMAC-SHA256 of the parts under this key. HMAC pads short keys with zeros to the
    /// block size, so padding here gives the standard result without a fallible constructor.
    pub fn keyed_hash(&self, parts: &[&[u8]]) -> [u8; 32] {
        use hmac::{Hmac, Mac};
        let mut block = Zeroizing::new([0u8; 64]);
        block[..32].copy_from_slice(&self.0);
        let mut mac = <Hmac<sha2::Sha256> as Mac>::new(block.as_ref().into());
        for part in parts {
            mac.update(part);
        }
        mac.finalize().into_bytes().into()
    }

    /// Opens sealed text that must be UTF-8.
    pub fn open_text(&self, context: &[u8], sealed: &[u8]) -> Result<String, DecryptError> {
        let bytes = self.open(context, sealed)?;
        String::from_utf8(bytes.to_vec()).map_err(|_| DecryptError)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sealed_text_opens_with_the_same_key_and_context() {
        let key = SecretKey::generate();
        let sealed = key.seal(b"report:1:details", b"someone took my phone");
        assert_eq!(
            key.open_text(b"report:1:details", &sealed).unwrap(),
            "someone took my phone"
        );
    }

    #[test]
    fn each_seal_uses_a_fresh_nonce() {
        let key = SecretKey::generate();
        assert_ne!(key.seal(b"c", b"same"), key.seal(b"c", b"same"));
    }

    #[test]
    fn another_context_or_key_cannot_open_it() {
        let key = SecretKey::generate();
        let sealed = key.seal(b"report:1:details", b"text");
        assert_eq!(key.open(b"report:2:details", &sealed), Err(DecryptError));
        assert_eq!(
            SecretKey::generate().open(b"report:1:details", &sealed),
            Err(DecryptError)
        );
    }

    #[test]
    fn flipping_any_byte_fails_cleanly() {
        let key = SecretKey::generate();
        let sealed = key.seal(b"ctx", b"a short secret message");
        for i in 0..sealed.len() {
            let mut bad = sealed.clone();
            bad[i] ^= 0x01;
            assert_eq!(key.open(b"ctx", &bad), Err(DecryptError), "byte {i}");
        }
        assert_eq!(key.open(b"ctx", &sealed[..10]), Err(DecryptError));
    }

    #[test]
    fn known_answer_from_a_fixed_key_and_nonce() {
        // XChaCha20-Poly1305 test vector from draft-irtf-cfrg-xchacha-03, appendix A.3.1.
        let key: [u8; 32] = (0x80u8..=0x9f).collect::<Vec<_>>().try_into().unwrap();
        let nonce: Vec<u8> = (0x40u8..=0x57).collect();
        let aad = [
            0x50, 0x51, 0x52, 0x53, 0xc0, 0xc1, 0xc2, 0xc3, 0xc4, 0xc5, 0xc6, 0xc7,
        ];
        let plaintext = b"Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the future, sunscreen would be it.";
        let cipher = XChaCha20Poly1305::new(key.as_ref().into());
        let ct = cipher
            .encrypt(
                XNonce::from_slice(&nonce),
                Payload {
                    msg: plaintext,
                    aad: &aad,
                },
            )
            .unwrap();
        let tag_hex: String = ct[ct.len() - 16..]
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(tag_hex, "c0875924c1c7987947deafd8780acf49");
        // And our framing (nonce ‖ ciphertext) opens it.
        let mut framed = nonce.clone();
        framed.extend_from_slice(&ct);
        let opened = SecretKey::from_bytes(key).open(&aad, &framed).unwrap();
        assert_eq!(opened.as_slice(), plaintext);
    }

    #[test]
    fn keyed_hash_is_standard_hmac_sha256() {
        use hmac::{Hmac, Mac};
        let key = SecretKey::from_bytes([0x0b; 32]);
        let mut mac = <Hmac<sha2::Sha256> as Mac>::new_from_slice(&[0x0b; 32]).unwrap();
        mac.update(b"Hi There");
        let expected: [u8; 32] = mac.finalize().into_bytes().into();
        assert_eq!(key.keyed_hash(&[b"Hi ", b"There"]), expected);
    }

    #[test]
    fn debug_never_shows_the_key() {
        let key = SecretKey::from_bytes([7; 32]);
        assert_eq!(format!("{key:?}"), "SecretKey(<redacted>)");
    }
}
