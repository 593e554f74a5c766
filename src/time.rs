//! Time: the one timestamp type stored everywhere (whole seconds since the Unix epoch), the
//! clock use cases read (real, or moved by tests), and dates as people in England read them.

use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;

use diesel::sql_types::BigInt;

use crate::domain::sql::newtype_column;

/// An instant, to the second.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    diesel::expression::AsExpression,
    diesel::deserialize::FromSqlRow,
)]
#[diesel(sql_type = BigInt)]
pub struct Timestamp(pub i64);

newtype_column!(Timestamp, i64, BigInt);

impl Timestamp {
    /// The start of the epoch: "never", for columns that need a value.
    pub const EPOCH: Timestamp = Timestamp(0);

    pub fn from_secs(secs: i64) -> Self {
        Timestamp(secs)
    }

    pub fn as_secs(self) -> i64 {
        self.0
    }

    /// This instant moved by `secs` (negative for earlier).
    pub fn plus(self, secs: i64) -> Self {
        Timestamp(self.0.saturating_add(secs))
    }

    /// Seconds from `earlier` to this instant (negative if `earlier` is later).
    pub fn since(self, earlier: Timestamp) -> i64 {
        self.0.saturating_sub(earlier.0)
    }
}

impl std::ops::Add<i64> for Timestamp {
    type Output = Timestamp;

    /// `secs` later.
    fn add(self, secs: i64) -> Timestamp {
        self.plus(secs)
    }
}

/// Where "now" comes from. Tests move it forward to see reminders, expiry and time-outs
/// without sleeping; every copy of one clock moves together.
#[derive(Debug, Clone, Default)]
pub struct Clock {
    offset: Arc<AtomicI64>,
}

impl Clock {
    /// The system clock.
    pub fn system() -> Self {
        Clock::default()
    }

    pub fn now(&self) -> Timestamp {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX));
        Timestamp(secs.saturating_add(self.offset.load(Ordering::Relaxed)))
    }

    /// Moves this clock (and every copy of it) forward by `secs`.
    pub fn advance(&self, secs: i64) {
        self.offset.fetch_add(secs, Ordering::Relaxed);
    }
}

/// "29 November 2026 at 5:07pm", in UK time (GMT or British Summer Time).
pub fn format_uk(at: Timestamp) -> String {
    let london = jiff::tz::get!("Europe/London");
    let Ok(instant) = jiff::Timestamp::from_second(at.0) else {
        return "an unknown time".to_owned();
    };
    let local = instant.to_zoned(london);
    let (hour12, suffix) = match local.hour() {
        0 => (12, "am"),
        h @ 1..=11 => (h, "am"),
        12 => (12, "pm"),
        h => (h - 12, "pm"),
    };
    format!(
        "{} {} {} at {hour12}:{:02}{suffix}",
        local.day(),
        local.strftime("%B"),
        local.year(),
        local.minute()
    )
}

/// "3 hours", "2 days": how long ago, for queues.
pub fn age(seconds: i64) -> String {
    let plural = |n: i64, unit: &str| format!("{n} {unit}{}", if n == 1 { "" } else { "s" });
    match seconds.max(0) {
        s if s < 3_600 => plural(s / 60, "minute"),
        s if s < 86_400 => plural(s / 3_600, "hour"),
        s => plural(s / 86_400, "day"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn uk(secs: i64) -> String {
        format_uk(Timestamp(secs))
    }

    #[test]
    fn winter_times_are_gmt() {
        // 2026-01-15 09:30:00 UTC
        assert_eq!(uk(1_768_469_400), "15 January 2026 at 9:30am");
    }

    #[test]
    fn summer_times_are_bst() {
        // 2026-07-01 12:00:00 UTC is 1pm in London.
        assert_eq!(uk(1_782_907_200), "1 July 2026 at 1:00pm");
    }

    #[test]
    fn clocks_change_on_the_last_sundays_of_march_and_october() {
        // 2026-03-29 00:59:59 UTC is still GMT; 01:00:00 UTC is 2am BST.
        assert_eq!(uk(1_774_745_999), "29 March 2026 at 12:59am");
        assert_eq!(uk(1_774_746_000), "29 March 2026 at 2:00am");
        // 2026-10-25 00:59:59 UTC is 1:59am BST; 01:00 UTC is 1am GMT.
        assert_eq!(uk(1_792_889_999), "25 October 2026 at 1:59am");
        assert_eq!(uk(1_792_890_000), "25 October 2026 at 1:00am");
    }

    #[test]
    fn ages_use_the_largest_whole_unit() {
        assert_eq!(age(59), "0 minutes");
        assert_eq!(age(61), "1 minute");
        assert_eq!(age(7_300), "2 hours");
        assert_eq!(age(86_400 * 3 + 5), "3 days");
    }

    #[test]
    fn every_copy_of_a_clock_moves_together() {
        let clock = Clock::system();
        let copy = clock.clone();
        let before = copy.now();
        clock.advance(3_600);
        assert!(copy.now().since(before) >= 3_600);
    }
}
