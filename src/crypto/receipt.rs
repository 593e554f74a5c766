//! Receipt codes: 100 random bits in Crockford base32, a keyed lookup hash, and the key that unwraps the pupil's copy.
//!
//! With 100 bits from the OS random source, guessing is hopeless even offline, so a
//! fast KDF (HKDF-SHA256) is enough; a slow one would only limit how many pupils can
//! report at once. Guessing online is also rate-limited per client.

use hkdf::Hkdf;
use rand::rngs::OsRng;
use rand::Rng;
use sha2::Sha256;
use zeroize::Zeroizing;

use super::secret::SecretKey;

/// Crockford's base32 alphabet: no I, L, O or U, so codes are easy to copy by hand.
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/// 20 characters × 5 bits = 100 bits.
pub const CODE_LEN: usize = 20;

/// A pupil's receipt code, always valid once parsed. Never printed in `Debug`.
#[derive(Clone, PartialEq, Eq)]
pub struct ReceiptCode(Zeroizing<String>);

impl std::fmt::Debug for ReceiptCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ReceiptCode(<redacted>)")
    }
}

impl ReceiptCode {
    pub fn generate() -> Self {
        let mut rng = OsRng;
        let code: String = (0..CODE_LEN)
            .map(|_| ALPHABET[rng.gen_range(0..32)] as char)
            .collect();
        ReceiptCode(Zeroizing::new(code))
    }

    /// Accepts what a pupil types: spaces, dashes, lower case, and the look-alikes
    /// O for 0 and I or L for 1.
    pub fn parse(input: &str) -> Option<Self> {
        let mut code = Zeroizing::new(String::with_capacity(CODE_LEN));
        for c in input.chars() {
            if c.is_whitespace() || c == '-' || c == '.' {
                continue;
            }
            let c = match c.to_ascii_uppercase() {
                'O' => '0',
                'I' | 'L' => '1',
                c if ALPHABET.contains(&(c as u8)) && c.is_ascii() => c,
                _ => return None,
            };
            if code.len() == CODE_LEN {
                return None;
            }
            code.push(c);
        }
        (code.len() == CODE_LEN).then_some(ReceiptCode(code))
    }

    /// Groups of four for reading and copying: `7KQ3 9XMA 2HD4 PQ8R T6WZ`.
    pub fn grouped(&self) -> Zeroizing<String> {
        let mut out = Zeroizing::new(String::with_capacity(CODE_LEN + CODE_LEN / 4));
        for (i, c) in self.0.chars().enumerate() {
            if i > 0 && i % 4 == 0 {
                out.push(' ');
            }
            out.push(c);
        }
        out
    }

    /// The groups separately, for large display.
    pub fn groups(&self) -> Vec<String> {
        self.0
            .as_bytes()
            .chunks(4)
            .map(|c| String::from_utf8_lossy(c).into_owned())
            .collect()
    }

    /// The database index for this code: HMAC-SHA256 under the server's secret, so a
    /// copied database alone cannot even confirm a guess.
    pub fn lookup_hash(&self, server_key: &SecretKey) -> Vec<u8> {
        server_key
            .keyed_hash(&[b"confide/receipt-lookup/v1/", self.0.as_bytes()])
            .to_vec()
    }

    /// The key that wraps the pupil's copy of the report key.
    pub fn wrapping_key(&self) -> SecretKey {
        let hk = Hkdf::<Sha256>::new(Some(b"confide/receipt/v1"), self.0.as_bytes());
        let mut okm = Zeroizing::new([0u8; 32]);
        // 32 bytes is always a valid HKDF-SHA256 output length.
        let _ = hk.expand(b"pupil report key wrap", okm.as_mut());
        SecretKey::from_bytes(*okm)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_twenty_crockford_characters() {
        let code = ReceiptCode::generate();
        let grouped = code.grouped();
        assert_eq!(grouped.len(), 24);
        assert!(grouped
            .chars()
            .all(|c| c == ' ' || ALPHABET.contains(&(c as u8))));
        assert_ne!(ReceiptCode::generate(), ReceiptCode::generate());
    }

    #[test]
    fn typing_variations_are_accepted() {
        let code = ReceiptCode::parse("7KQ3 9XMA 2HD4 PQ10 T6WZ").unwrap();
        for typed in [
            "7kq3 9xma 2hd4 pq10 t6wz",
            "7KQ3-9XMA-2HD4-PQ10-T6WZ",
            "7KQ39XMA2HD4PQ10T6WZ",
            " 7KQ3  9XMA 2HD4 PQlO T6WZ ",
            "7KQ3 9XMA 2HD4 PQIo T6WZ",
        ] {
            assert_eq!(ReceiptCode::parse(typed).as_ref(), Some(&code), "{typed}");
        }
    }

    #[test]
    fn wrong_lengths_and_letters_are_refused() {
        for bad in [
            "",
            "7KQ3 9XMA",
            "7KQ3 9XMA 2HD4 PQ10 T6WZ 1",
            "7KQ3 9XMA 2HD4 PQ10 T6WU",
            "7KQ3 9XMA 2HD4 PQ10 T6W!",
        ] {
            assert!(ReceiptCode::parse(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn the_lookup_hash_depends_on_the_server_key() {
        let code = ReceiptCode::generate();
        let a = SecretKey::generate();
        assert_eq!(code.lookup_hash(&a), code.lookup_hash(&a));
        assert_ne!(
            code.lookup_hash(&a),
            code.lookup_hash(&SecretKey::generate())
        );
    }

    #[test]
    fn the_wrapping_key_is_stable_per_code() {
        let code = ReceiptCode::parse("7KQ3 9XMA 2HD4 PQ10 T6WZ").unwrap();
        assert_eq!(code.wrapping_key(), code.clone().wrapping_key());
        assert_ne!(code.wrapping_key(), ReceiptCode::generate().wrapping_key());
    }

    #[test]
    fn debug_never_shows_the_code() {
        let code = ReceiptCode::parse("7KQ3 9XMA 2HD4 PQ10 T6WZ").unwrap();
        assert!(!format!("{code:?}").contains("7KQ3"));
    }
}
