//! Sealing files (pictures) with the STREAM construction over XChaCha20-Poly1305: the
//! file is sealed in 64 KiB chunks, each authenticated with its position and whether it is
//! the last, so chunks cannot be dropped, reordered or cut off without the opening failing.

use chacha20poly1305::aead::stream::{DecryptorBE32, EncryptorBE32};
use chacha20poly1305::aead::{KeyInit, Payload};
use chacha20poly1305::XChaCha20Poly1305;
use rand::rngs::OsRng;
use rand::RngCore;
use zeroize::Zeroizing;

use super::secret::SecretKey;
use super::DecryptError;

/// Plaintext bytes per chunk.
pub const CHUNK: usize = 64 * 1024;
const TAG: usize = 16;
/// XChaCha20's 24-byte nonce less STREAM's 5 bytes of counter and last-chunk flag.
const PREFIX: usize = 19;

/// Seals `plain` under `key`, with `context` (which file of which report) bound to every chunk.
pub fn seal(key: &SecretKey, context: &[u8], plain: &[u8]) -> Vec<u8> {
    let mut prefix = [0u8; PREFIX];
    OsRng.fill_bytes(&mut prefix);
    let cipher = XChaCha20Poly1305::new(key.as_bytes().into());
    let mut stream = EncryptorBE32::from_aead(cipher, prefix.as_ref().into());
    let mut out = Vec::with_capacity(PREFIX + plain.len() + (plain.len() / CHUNK + 1) * TAG);
    out.extend_from_slice(&prefix);
    let mut chunks = plain.chunks(CHUNK).peekable();
    if chunks.peek().is_none() {
        // Sealing only fails past 2^32 chunks (256 TiB), far beyond any picture.
        let last = stream
            .encrypt_last(Payload {
                msg: &[],
                aad: context,
            })
            .unwrap_or_default();
        out.extend_from_slice(&last);
        return out;
    }
    while let Some(chunk) = chunks.next() {
        let payload = Payload {
            msg: chunk,
            aad: context,
        };
        if chunks.peek().is_some() {
            out.extend_from_slice(&stream.encrypt_next(payload).unwrap_or_default());
        } else {
            out.extend_from_slice(&stream.encrypt_last(payload).unwrap_or_default());
            break;
        }
    }
    out
}

/// Opens what [`seal`] made, chunk by chunk.
pub fn open(
    key: &SecretKey,
    context: &[u8],
    sealed: &[u8],
) -> Result<Zeroizing<Vec<u8>>, DecryptError> {
    if sealed.len() < PREFIX + TAG {
        return Err(DecryptError);
    }
    let (prefix, body) = sealed.split_at(PREFIX);
    let cipher = XChaCha20Poly1305::new(key.as_bytes().into());
    let mut stream = DecryptorBE32::from_aead(cipher, prefix.into());
    let mut out = Zeroizing::new(Vec::with_capacity(body.len()));
    let mut chunks = body.chunks(CHUNK + TAG).peekable();
    while let Some(chunk) = chunks.next() {
        let payload = Payload {
            msg: chunk,
            aad: context,
        };
        if chunks.peek().is_some() {
            out.extend_from_slice(&stream.decrypt_next(payload).map_err(|_| DecryptError)?);
        } else {
            out.extend_from_slice(&stream.decrypt_last(payload).map_err(|_| DecryptError)?);
            return Ok(out);
        }
    }
    Err(DecryptError)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_of_every_length_round_trip() {
        let key = SecretKey::generate();
        for len in [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK + 7] {
            let plain: Vec<u8> = (0..len).map(|i| (i % 251) as u8).collect();
            let sealed = seal(&key, b"ctx", &plain);
            assert_eq!(
                open(&key, b"ctx", &sealed).unwrap().as_slice(),
                plain,
                "{len}"
            );
        }
    }

    #[test]
    fn cut_reordered_or_moved_files_do_not_open() {
        let key = SecretKey::generate();
        let plain = vec![7u8; 3 * CHUNK];
        let sealed = seal(&key, b"ctx", &plain);
        assert!(open(&key, b"other", &sealed).is_err());
        assert!(open(&SecretKey::generate(), b"ctx", &sealed).is_err());
        // The last chunk cut off: the one before is not marked last.
        assert!(open(&key, b"ctx", &sealed[..PREFIX + 2 * (CHUNK + TAG)]).is_err());
        let mut swapped = sealed.clone();
        let (a, b) = (PREFIX, PREFIX + CHUNK + TAG);
        let first = swapped[a..b].to_vec();
        swapped.copy_within(b..b + CHUNK + TAG, a);
        swapped[b..b + CHUNK + TAG].copy_from_slice(&first);
        assert!(open(&key, b"ctx", &swapped).is_err());
    }
}
