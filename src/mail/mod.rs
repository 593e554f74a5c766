//! Notifications that never leak and never get lost: an outbox written in the same
//! transaction as its cause, a worker that sends with back-off, and mail that says only
//! "a report for <school> is waiting", padded so its size tells nothing.

pub mod compose;
pub mod outbox;
pub mod transport;
pub mod worker;

pub use compose::Kind;
