//! Time: the one timestamp type stored everywhere (whole seconds since the Unix epoch), the
//! clock use cases read (real, or moved by tests), and dates as people in England read them;
//! the school calendar is in [`calendar`].

use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;

use diesel::sql_types::BigInt;

use crate::domain::sql::newtype_column;

pub mod calendar;
pub mod rota;

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

/// "2026-11-29 17:07", in UK time: a date with no words in it, for pupil pages in a
/// language other than English (read left to right in every language).
pub fn format_numeric(at: Timestamp) -> String {
    let london = jiff::tz::get!("Europe/London");
    let Ok(instant) = jiff::Timestamp::from_second(at.0) else {
        return "?".to_owned();
    };
    instant
        .to_zoned(london)
        .strftime("%Y-%m-%d %H:%M")
        .to_string()
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

/// Days since 1 January 1970 of the UK date an instant falls on.
pub fn uk_day(at: Timestamp) -> i64 {
    let london = jiff::tz::get!("Europe/London");
    let Ok(instant) = jiff::Timestamp::from_second(at.0) else {
        return at.0.div_euclid(86_400);
    };
    let offset = instant.to_zoned(london).offset().seconds();
    (at.0 + i64::from(offset)).div_euclid(86_400)
}

/// The week an instant falls in, in UK time: weeks start on Monday, and week 0 began on
/// Monday 29 December 1969.
pub fn uk_week(at: Timestamp) -> i64 {
    (uk_day(at) + 3).div_euclid(7)
}

/// The civil date of a day number (days since 1 January 1970).
pub fn date_of_day(day: i64) -> (i16, i8, i8) {
    let date = jiff::Timestamp::from_second(day.saturating_mul(86_400))
        .unwrap_or(jiff::Timestamp::UNIX_EPOCH)
        .to_zoned(jiff::tz::TimeZone::UTC)
        .date();
    (date.year(), date.month(), date.day())
}

/// The day number of a civil date (the first of the month if the day does not exist).
pub fn day_of_date(year: i16, month: i8, day: i8) -> i64 {
    let date = jiff::civil::Date::new(year, month, day)
        .or_else(|_| jiff::civil::Date::new(year, month, 1))
        .unwrap_or_default();
    date.to_zoned(jiff::tz::TimeZone::UTC)
        .map(|z| z.timestamp().as_second().div_euclid(86_400))
        .unwrap_or(0)
}

/// The Monday a week starts on, as a day number.
pub fn week_start_day(week: i64) -> i64 {
    week * 7 - 3
}

/// "7 Sep 2026": a short date for chart labels and tables.
pub fn format_day(day: i64) -> String {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let (y, m, d) = date_of_day(day);
    format!("{d} {} {y}", MONTHS[(m.clamp(1, 12) - 1) as usize])
}

/// "2 h 10 min", "45 min", "3 days": a duration for insight figures.
pub fn format_duration(seconds: i64) -> String {
    let s = seconds.max(0);
    if s < 3_600 {
        format!("{} min", (s + 59) / 60)
    } else if s < 86_400 {
        let minutes = (s + 59) / 60;
        match minutes % 60 {
            0 => format!("{} h", minutes / 60),
            m => format!("{} h {m} min", minutes / 60),
        }
    } else {
        let hours = (s + 3_599) / 3_600;
        match (hours / 24, hours % 24) {
            (1, 0) => "1 day".to_owned(),
            (d, 0) => format!("{d} days"),
            (d, h) => format!("{d} d {h} h"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn uk(secs: i64) -> String {
        format_uk(Timestamp(secs))
    }

    #[test]
    fn numeric_dates_are_in_uk_time_without_words() {
        // 29 November 2026 17:07 GMT, and 1 July 2026 09:05 BST (08:05 UTC).
        assert_eq!(format_numeric(Timestamp(1_795_972_020)), "2026-11-29 17:07");
        assert_eq!(format_numeric(Timestamp(1_782_893_100)), "2026-07-01 09:05");
    }

    #[test]
    fn weeks_start_on_monday_in_uk_time() {
        // Monday 7 September 2026 00:30 BST is Sunday 23:30 UTC.
        let monday = day_of_date(2026, 9, 7);
        assert_eq!(uk_day(Timestamp(monday * 86_400 - 1_800)), monday);
        assert_eq!(
            week_start_day(uk_week(Timestamp(monday * 86_400 - 1_800))),
            monday
        );
        assert_eq!(
            week_start_day(uk_week(Timestamp(monday * 86_400 - 3_700))),
            monday - 7
        );
        assert_eq!(date_of_day(monday), (2026, 9, 7));
        assert_eq!(format_day(monday), "7 Sep 2026");
        assert_eq!(format_duration(600), "10 min");
        assert_eq!(format_duration(7_800), "2 h 10 min");
        assert_eq!(format_duration(2 * 86_400), "2 days");
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
