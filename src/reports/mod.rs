//! The report: what a pupil may say, routing to recipients, sealing and storing it, and the pupil's follow-up.

pub mod choices;
pub mod followup;
pub mod form;
pub mod routing;
pub mod store;

use crate::crypto::receipt::crockford_encode;

/// A report id: 128 random bits, so ids reveal nothing about order or volume.
pub fn new_id() -> String {
    use rand::RngCore;
    let mut bytes = [0u8; 16];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    crockford_encode(&bytes).to_lowercase()
}
