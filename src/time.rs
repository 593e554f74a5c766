//! Dates and times as people in England read them (UK clock, with British Summer Time).

/// Days since 1970-01-01 to (year, month, day), Howard Hinnant's civil-from-days.
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The last Sunday of a month, at 01:00 UTC: when UK clocks change.
fn last_sunday_1am_utc(year: i64, month: u32) -> i64 {
    let last_day = if month == 3 || month == 10 { 31 } else { 30 };
    let days = days_from_civil(year, month, last_day);
    let weekday = (days + 4).rem_euclid(7); // 0 = Sunday; 1970-01-01 was a Thursday
    (days - weekday) * 86_400 + 3_600
}

/// Seconds to add to UTC for UK local time at this instant.
fn uk_offset(timestamp: i64) -> i64 {
    let (year, _, _) = civil_from_days(timestamp.div_euclid(86_400));
    let starts = last_sunday_1am_utc(year, 3);
    let ends = last_sunday_1am_utc(year, 10);
    if (starts..ends).contains(&timestamp) {
        3_600
    } else {
        0
    }
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// "29 November 2026 at 5:07pm", in UK time.
pub fn format_uk(timestamp: i64) -> String {
    let local = timestamp + uk_offset(timestamp);
    let (year, month, day) = civil_from_days(local.div_euclid(86_400));
    let seconds = local.rem_euclid(86_400);
    let (hour, minute) = (seconds / 3600, (seconds % 3600) / 60);
    let (hour12, suffix) = match hour {
        0 => (12, "am"),
        1..=11 => (hour, "am"),
        12 => (12, "pm"),
        _ => (hour - 12, "pm"),
    };
    let month = MONTHS[(month as usize).saturating_sub(1).min(11)];
    format!("{day} {month} {year} at {hour12}:{minute:02}{suffix}")
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

    #[test]
    fn winter_times_are_gmt() {
        // 2026-01-15 09:30:00 UTC
        assert_eq!(format_uk(1_768_469_400), "15 January 2026 at 9:30am");
    }

    #[test]
    fn summer_times_are_bst() {
        // 2026-07-01 12:00:00 UTC is 1pm in London.
        assert_eq!(format_uk(1_782_907_200), "1 July 2026 at 1:00pm");
    }

    #[test]
    fn clocks_change_on_the_last_sundays_of_march_and_october() {
        // 2026-03-29 00:59:59 UTC is still GMT; 01:00:00 UTC is 2am BST.
        assert_eq!(format_uk(1_774_745_999), "29 March 2026 at 12:59am");
        assert_eq!(format_uk(1_774_746_000), "29 March 2026 at 2:00am");
        // 2026-10-25 00:59:59 UTC is 1:59am BST; 01:00 UTC is 1am GMT.
        assert_eq!(format_uk(1_792_889_999), "25 October 2026 at 1:59am");
        assert_eq!(format_uk(1_792_890_000), "25 October 2026 at 1:00am");
    }

    #[test]
    fn ages_use_the_largest_whole_unit() {
        assert_eq!(age(59), "0 minutes");
        assert_eq!(age(61), "1 minute");
        assert_eq!(age(7_300), "2 hours");
        assert_eq!(age(86_400 * 3 + 5), "3 days");
    }
}
