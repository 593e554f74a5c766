//! Insight figures: what each report adds to its school's counts ([`counter`]), the
//! buckets that hold acknowledgement times ([`ack_time`]), and the small-number rule
//! ([`disclosure`]): counts rounded on their own to base 5, and the auditor that hides more
//! where a count from 1 to 4 could still be worked out.

mod ack_time;
mod counter;
mod disclosure;

pub use ack_time::{ack_bucket, bucket_upper, percentile, BUCKETS};
pub use counter::{changes, Counter, Fact, Measure};
pub use disclosure::{
    range, round, share, Ledger, Shown, BASE, PERCENTILE_FROM, SHARE_FROM, SMALL_BELOW,
};
