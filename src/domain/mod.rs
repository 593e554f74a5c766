//! The language of Confide, with no I/O: ids, the fixed choices, who receives what,
//! what a pupil may send, and the keys of every message a person may be shown.
//!
//! Nothing here imports another part of the crate: every other layer may use it.

pub mod choices;
pub mod hours;
pub mod ids;
pub mod insight;
pub mod language;
pub mod msg;
pub mod on_call;
pub mod person;
pub mod proxies;
pub mod readability;
pub mod replies;
pub mod report;
pub mod retention;
pub mod routing;
pub mod school;
pub(crate) mod sql;
