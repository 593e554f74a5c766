//! Passwords: Argon2id hashes to check them, and Argon2id keys that protect a person's private key.

use argon2::password_hash::rand_core::OsRng as PhOsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use rand::rngs::OsRng;
use rand::{Rng, RngCore};
use zeroize::Zeroizing;

use super::sealed_box::PrivateKey;
use super::secret::SecretKey;
use super::DecryptError;

/// OWASP's recommended Argon2id settings: 19 MiB, 2 passes, 1 lane.
fn argon2() -> Argon2<'static> {
    let params = Params::new(19 * 1024, 2, 1, Some(32)).unwrap_or_default();
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// A PHC string (`$argon2id$…`) to store and check the password against.
pub fn hash_password(password: &str) -> anyhow::Result<String> {
    let salt = SaltString::generate(&mut PhOsRng);
    Ok(argon2()
        .hash_password(password.as_bytes(), &salt)
        .map_err(|e| anyhow::anyhow!("password hashing failed: {e}"))?
        .to_string())
}

pub fn verify_password(stored: &str, password: &str) -> bool {
    PasswordHash::new(stored)
        .is_ok_and(|hash| argon2().verify_password(password.as_bytes(), &hash).is_ok())
}

/// A private key sealed under a key derived from a password, with the salt used.
#[derive(Debug, Clone)]
pub struct SealedPrivateKey {
    pub salt: Vec<u8>,
    pub sealed: Vec<u8>,
}

const PRIVATE_KEY_CONTEXT: &[u8] = b"confide/private-key/v1";

fn key_from_password(password: &str, salt: &[u8]) -> Result<SecretKey, DecryptError> {
    let mut out = Zeroizing::new([0u8; 32]);
    argon2()
        .hash_password_into(password.as_bytes(), salt, out.as_mut())
        .map_err(|_| DecryptError)?;
    Ok(SecretKey::from_bytes(*out))
}

impl SealedPrivateKey {
    pub fn seal(private: &PrivateKey, password: &str) -> anyhow::Result<Self> {
        let mut salt = vec![0u8; 16];
        OsRng.fill_bytes(&mut salt);
        let key = key_from_password(password, &salt)
            .map_err(|_| anyhow::anyhow!("key derivation failed"))?;
        Ok(SealedPrivateKey {
            sealed: key.seal(PRIVATE_KEY_CONTEXT, private.to_bytes().as_ref()),
            salt,
        })
    }

    pub fn open(&self, password: &str) -> Result<PrivateKey, DecryptError> {
        let key = key_from_password(password, &self.salt)?;
        let bytes = key.open(PRIVATE_KEY_CONTEXT, &self.sealed)?;
        PrivateKey::from_bytes(&bytes)
    }
}

/// A one-time password for a new account, easy to read out: four groups of four.
pub fn temporary_password() -> Zeroizing<String> {
    const ALPHABET: &[u8] = b"23456789abcdefghjkmnpqrstuvwxyz";
    let mut rng = OsRng;
    let mut out = Zeroizing::new(String::with_capacity(19));
    for i in 0..16 {
        if i > 0 && i % 4 == 0 {
            out.push('-');
        }
        out.push(ALPHABET[rng.gen_range(0..ALPHABET.len())] as char);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_right_password_verifies_and_a_wrong_one_does_not() {
        let hash = hash_password("correct horse").unwrap();
        assert!(hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
        assert!(verify_password(&hash, "correct horse"));
        assert!(!verify_password(&hash, "correct horse!"));
        assert!(!verify_password("not a hash", "x"));
    }

    #[test]
    fn a_private_key_opens_only_with_its_password() {
        let private = PrivateKey::generate();
        let sealed = SealedPrivateKey::seal(&private, "pass phrase").unwrap();
        assert_eq!(
            sealed.open("pass phrase").unwrap().public_key(),
            private.public_key()
        );
        assert!(sealed.open("wrong").is_err());
    }

    #[test]
    fn temporary_passwords_are_grouped_and_random() {
        let a = temporary_password();
        assert_eq!(a.len(), 19);
        assert_eq!(a.matches('-').count(), 3);
        assert_ne!(*a, *temporary_password());
    }
}
