//! Notifications that never leak: mail that says only "a report for <school> is waiting",
//! padded so its size tells nothing, and the transports that carry it. What to send and
//! when is decided by `app::notify`; the outbox is in `store::outbox`.

pub mod compose;
pub mod texts;
pub mod transport;
