//! Use cases: one function per thing a person (or the system) does. Each takes the
//! acting person as a typed value, owns its transaction (so every door — web pages,
//! the command line, the demo — is equally atomic and audited) and returns its own error
//! enum, whose refusals are message keys, never English.
//!
//! Layers, each importing only those below it (checked by `tests/architecture.rs`):
//! `web`/`cli` → `app` → `store` → `db` → `domain`.

pub mod access;
pub mod actors;
pub mod audit_log;
pub mod binding;
pub mod cases;
pub mod changes;
pub mod context;
pub mod disclosures;
pub mod handoff;
pub mod incidents;
pub mod insights;
pub mod monitoring;
pub mod moving;
pub mod notify;
pub mod on_call;
pub mod people;
pub mod pictures;
pub mod pupil;
pub mod queue;
pub mod replies;
pub mod retention;
pub mod rota;
pub mod sending;
pub mod sessions;
pub mod sharing;
pub mod two_factor;

pub use self::actors::{Admin, Staff, StepUpRequired, STEP_UP_SECONDS};
pub use self::context::{Context, Policy};
