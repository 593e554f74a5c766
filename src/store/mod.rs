//! Rows and the queries on them, one file per group of tables. Reads take
//! `&mut DbConnection`; anything that changes a row takes `&mut Tx` and never begins a
//! transaction of its own: the use case that calls it owns the transaction.

pub mod attachments;
pub mod audit;
pub mod events;
pub mod incidents;
pub mod insights;
pub mod keys;
pub mod later;
pub mod locks;
pub mod messages;
pub mod on_call;
pub mod outbox;
pub mod purged;
pub mod queue;
pub mod recovery_codes;
pub mod reply_templates;
pub mod reports;
pub mod roles;
pub mod schools;
pub mod sent_forms;
pub mod sessions;
pub mod upkeep;
pub mod users;
