//! Weekly hours against the clock: where an instant falls in the UK week, and when a
//! rota next covers it (in local time, so a clock change weekend moves nothing).

use super::Timestamp;
use crate::domain::hours::{WeekMinute, WeeklyHours};

fn london(at: Timestamp) -> Option<jiff::Zoned> {
    let instant = jiff::Timestamp::from_second(at.0).ok()?;
    Some(instant.to_zoned(jiff::tz::get!("Europe/London")))
}

/// Where `at` falls in the UK week (Monday 00:00 is 0).
pub fn week_minute(at: Timestamp) -> WeekMinute {
    london(at).map_or(WeekMinute(0), |local| {
        let weekday = u32::try_from(local.weekday().to_monday_zero_offset()).unwrap_or(0);
        let minute = u32::try_from(local.hour()).unwrap_or(0) * 60
            + u32::try_from(local.minute()).unwrap_or(0);
        WeekMinute::new(weekday, minute)
    })
}

/// The first moment from `at` that `hours` cover (`at` itself when they cover it), found
/// by local wall-clock time.
pub fn next_covered(hours: &WeeklyHours, at: Timestamp) -> Timestamp {
    let wait = hours.minutes_until_covered(week_minute(at));
    let Some(local) = london(at) else {
        return at.plus(i64::from(wait) * 60);
    };
    let wall = local
        .datetime()
        .with()
        .second(0)
        .build()
        .unwrap_or(local.datetime());
    let later = wall
        .checked_add(jiff::Span::new().minutes(i64::from(wait)))
        .ok()
        .and_then(|dt| dt.to_zoned(jiff::tz::get!("Europe/London")).ok());
    later.map_or(at.plus(i64::from(wait) * 60), |z| {
        Timestamp(z.timestamp().as_second())
    })
}

/// The weekday (0 for Monday) and "08:00" of an instant in UK time.
pub fn weekday_and_clock(at: Timestamp) -> (u32, String) {
    let minute = week_minute(at);
    let m = minute.minute_of_day();
    (minute.weekday(), format!("{:02}:{:02}", m / 60, m % 60))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn uk(y: i16, mo: i8, d: i8, h: i8, mi: i8) -> Timestamp {
        let z = jiff::civil::date(y, mo, d)
            .at(h, mi, 0, 0)
            .to_zoned(jiff::tz::get!("Europe/London"))
            .unwrap();
        Timestamp(z.timestamp().as_second())
    }

    #[test]
    fn friday_night_waits_for_monday_morning_in_local_time() {
        let hours = WeeklyHours::parse("Mon-Fri 08:00-16:00").unwrap();
        // Friday 23 October 2026, 22:00 BST; the clocks go back on Sunday 25 October.
        let friday = uk(2026, 10, 23, 22, 0);
        assert_eq!(week_minute(friday), WeekMinute::new(4, 22 * 60));
        assert_eq!(next_covered(&hours, friday), uk(2026, 10, 26, 8, 0));
        assert_eq!(
            weekday_and_clock(uk(2026, 10, 26, 8, 0)),
            (0, "08:00".to_owned())
        );
        let tuesday = uk(2026, 12, 8, 9, 30);
        assert_eq!(next_covered(&hours, tuesday), tuesday);
    }
}
