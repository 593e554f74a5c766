//! Staff work on reports: the queue, the case and its workflow.

pub mod case;
pub mod queue;
