//! The second factor: TOTP (RFC 6238: 6 digits, 30-second steps, one step of drift
//! either side, each step usable once) and single-use recovery codes. Secrets are stored
//! sealed under a key derived from the server's secret; recovery codes only as keyed hashes.

use rand::rngs::OsRng;
use rand::RngCore;
use totp_rs::{Algorithm, TOTP};
use zeroize::{Zeroize, ZeroizeOnDrop, Zeroizing};

use super::secret::SecretKey;
use super::DecryptError;
use crate::domain::ids::{UserId, CROCKFORD};

/// Seconds in one TOTP step.
pub const STEP_SECONDS: i64 = 30;
/// What authenticator apps show as the account's issuer.
pub const ISSUER: &str = "Confide";
/// Recovery codes made at enrolment.
pub const RECOVERY_CODES: usize = 10;

/// A TOTP shared secret: 160 random bits (RFC 4226's recommendation). Never printed.
#[derive(Clone, Zeroize, ZeroizeOnDrop, PartialEq, Eq)]
pub struct TotpSecret(Vec<u8>);

impl std::fmt::Debug for TotpSecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TotpSecret(<redacted>)")
    }
}

fn sealing_key(server_key: &SecretKey) -> SecretKey {
    SecretKey::from_bytes(server_key.keyed_hash(&[b"confide/totp-seal/v1"]))
}

fn context(user: UserId, pending: bool) -> Vec<u8> {
    let kind = if pending { "pending" } else { "active" };
    format!("confide/totp/v1/{user}/{kind}").into_bytes()
}

impl TotpSecret {
    pub fn generate() -> Self {
        let mut bytes = vec![0u8; 20];
        OsRng.fill_bytes(&mut bytes);
        TotpSecret(bytes)
    }

    /// A fixed secret for a demo account, so its codes can be shown without a database.
    pub fn for_demo(email: &str) -> Self {
        use sha2::{Digest, Sha256};
        let digest = Sha256::digest(format!("confide/demo-totp/v1/{email}").as_bytes());
        TotpSecret(digest[..20].to_vec())
    }

    fn totp(&self, account: &str) -> Option<TOTP> {
        TOTP::new(
            Algorithm::SHA1,
            6,
            1,
            STEP_SECONDS as u64,
            self.0.clone(),
            Some(ISSUER.to_owned()),
            account.replace(':', " "),
        )
        .ok()
    }

    /// The six-digit code for the step holding `at` (seconds since the epoch).
    pub fn code_at(&self, at: i64) -> String {
        self.totp("")
            .map(|t| t.generate(u64::try_from(at).unwrap_or(0)))
            .unwrap_or_default()
    }

    /// The step a typed code belongs to, if it is right for the step holding `now` or the
    /// one either side, and later than `last_used` (a code is good once).
    pub fn matching_step(&self, typed: &str, now: i64, last_used: i64) -> Option<i64> {
        let typed: String = typed.chars().filter(|c| !c.is_whitespace()).collect();
        if typed.len() != 6 || !typed.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let current = now.div_euclid(STEP_SECONDS);
        (current - 1..=current + 1).find(|step| {
            *step > last_used
                && bool::from(subtle::ConstantTimeEq::ct_eq(
                    self.code_at(step * STEP_SECONDS).as_bytes(),
                    typed.as_bytes(),
                ))
        })
    }

    /// The secret as authenticator apps take it when typed in: base32, in groups of four.
    pub fn display_text(&self) -> Zeroizing<String> {
        let plain = data_encoding::BASE32_NOPAD.encode(&self.0);
        let grouped: Vec<&str> = plain
            .as_bytes()
            .chunks(4)
            .map(|c| std::str::from_utf8(c).unwrap_or_default())
            .collect();
        Zeroizing::new(grouped.join(" "))
    }

    /// Reads the secret back from [`TotpSecret::display_text`], as an app does when it is typed in.
    pub fn from_display_text(text: &str) -> Option<Self> {
        let plain: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        let bytes = data_encoding::BASE32_NOPAD.decode(plain.as_bytes()).ok()?;
        (bytes.len() >= 16).then_some(TotpSecret(bytes))
    }

    /// The `otpauth://` address an authenticator app reads from the QR code.
    pub fn otpauth_url(&self, account: &str) -> Zeroizing<String> {
        Zeroizing::new(self.totp(account).map(|t| t.get_url()).unwrap_or_default())
    }

    /// Sealed for storing in this person's row (`pending` until the first code confirms it).
    pub fn seal(&self, server_key: &SecretKey, user: UserId, pending: bool) -> Vec<u8> {
        sealing_key(server_key).seal(&context(user, pending), &self.0)
    }

    pub fn open(
        server_key: &SecretKey,
        user: UserId,
        pending: bool,
        sealed: &[u8],
    ) -> Result<Self, DecryptError> {
        let bytes = sealing_key(server_key).open(&context(user, pending), sealed)?;
        Ok(TotpSecret(bytes.to_vec()))
    }
}

/// A single-use recovery code: 50 random bits, shown as two groups of five.
#[derive(Clone, PartialEq, Eq)]
pub struct RecoveryCode(Zeroizing<String>);

impl std::fmt::Debug for RecoveryCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("RecoveryCode(<redacted>)")
    }
}

impl RecoveryCode {
    pub fn generate() -> Self {
        let mut bytes = Zeroizing::new([0u8; 7]);
        OsRng.fill_bytes(bytes.as_mut());
        let text = CROCKFORD.encode(bytes.as_ref());
        RecoveryCode(Zeroizing::new(text[..10].to_owned()))
    }

    /// What a person types: any case, spaces or a hyphen, O for 0 and I or L for 1.
    pub fn parse(typed: &str) -> Option<Self> {
        let mut out = Zeroizing::new(String::with_capacity(10));
        for c in typed.chars() {
            if c.is_whitespace() || c == '-' {
                continue;
            }
            let c = match c.to_ascii_uppercase() {
                'O' => '0',
                'I' | 'L' => '1',
                c if c.is_ascii_alphanumeric() && c != 'U' => c,
                _ => return None,
            };
            out.push(c);
        }
        (out.len() == 10).then_some(RecoveryCode(out))
    }

    /// `7KQ3M-9XMA2`.
    pub fn display(&self) -> Zeroizing<String> {
        Zeroizing::new(format!("{}-{}", &self.0[..5], &self.0[5..]))
    }

    /// What is stored: a keyed hash, so a copied database alone cannot test a guess.
    pub fn hash(&self, server_key: &SecretKey, user: UserId) -> Vec<u8> {
        server_key
            .keyed_hash(&[
                b"confide/recovery-code/v1/",
                &user.0.to_le_bytes(),
                self.0.as_bytes(),
            ])
            .to_vec()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_match_the_rfc_6238_test_vector() {
        // RFC 6238 appendix B, SHA-1, secret "12345678901234567890", T = 59 s: 94287082 (8 digits).
        let secret = TotpSecret(b"12345678901234567890".to_vec());
        assert_eq!(secret.code_at(59), "287082");
        assert_eq!(secret.code_at(1_111_111_109), "081804");
    }

    #[test]
    fn a_code_is_good_for_one_step_either_side_and_only_once() {
        let secret = TotpSecret::generate();
        let now = 1_800_000_015;
        let step = now / STEP_SECONDS;
        let previous = secret.code_at(now - STEP_SECONDS);
        assert_eq!(secret.matching_step(&previous, now, 0), Some(step - 1));
        let next = secret.code_at(now + STEP_SECONDS);
        assert_eq!(secret.matching_step(&next, now, 0), Some(step + 1));
        let old = secret.code_at(now - 2 * STEP_SECONDS);
        assert_eq!(secret.matching_step(&old, now, 0), None);
        let current = secret.code_at(now);
        assert_eq!(secret.matching_step(&current, now, step), None, "replayed");
        assert_eq!(secret.matching_step("12 34 5", now, 0), None);
    }

    #[test]
    fn secrets_open_only_for_their_person_and_state() {
        let server = SecretKey::generate();
        let secret = TotpSecret::generate();
        let sealed = secret.seal(&server, UserId(7), false);
        assert_eq!(
            TotpSecret::open(&server, UserId(7), false, &sealed).unwrap(),
            secret
        );
        assert!(TotpSecret::open(&server, UserId(8), false, &sealed).is_err());
        assert!(TotpSecret::open(&server, UserId(7), true, &sealed).is_err());
        assert!(TotpSecret::open(&SecretKey::generate(), UserId(7), false, &sealed).is_err());
        assert!(!format!("{secret:?}").contains(&secret.display_text()[..4]));
        assert_eq!(
            TotpSecret::from_display_text(&secret.display_text()),
            Some(secret)
        );
    }

    #[test]
    fn recovery_codes_survive_being_typed() {
        let code = RecoveryCode::generate();
        let shown = code.display();
        assert_eq!(shown.len(), 11);
        assert_eq!(
            RecoveryCode::parse(&shown.to_lowercase()),
            Some(code.clone())
        );
        assert_eq!(RecoveryCode::parse("abc"), None);
        let server = SecretKey::generate();
        assert_ne!(code.hash(&server, UserId(1)), code.hash(&server, UserId(2)));
    }

    #[test]
    fn the_otpauth_address_names_confide_and_the_person() {
        let url = TotpSecret::generate().otpauth_url("jo@school.example");
        assert!(
            url.starts_with("otpauth://totp/Confide:jo%40school.example?secret="),
            "{}",
            *url
        );
        assert!(url.contains("issuer=Confide"));
    }
}
