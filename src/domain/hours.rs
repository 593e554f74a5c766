//! Weekly hours: when a school's staff read reports, or when an on-call contact covers.
//! Written as people write a rota: "Mon-Fri 08:00-16:00", several spans joined by ";",
//! and overnight spans such as "Mon-Fri 16:00-08:00" (from the evening of each day named
//! to the next morning). Times are UK local time; the clock conversion is in `time`.

use std::fmt;

use super::msg::Msg;

pub const MINUTES_PER_DAY: u32 = 1_440;
pub const MINUTES_PER_WEEK: u32 = 7 * MINUTES_PER_DAY;

const DAY_NAMES: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const FULL_DAY_NAMES: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// A moment of the week in UK local time: Monday 00:00 is 0, Sunday 23:59 is 10079.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct WeekMinute(pub u32);

impl WeekMinute {
    pub fn new(weekday_from_monday: u32, minute_of_day: u32) -> Self {
        WeekMinute((weekday_from_monday % 7) * MINUTES_PER_DAY + minute_of_day % MINUTES_PER_DAY)
    }

    /// 0 for Monday to 6 for Sunday.
    pub fn weekday(self) -> u32 {
        self.0 / MINUTES_PER_DAY
    }

    pub fn minute_of_day(self) -> u32 {
        self.0 % MINUTES_PER_DAY
    }
}

/// One span of a rota: the days it starts on (bit 0 is Monday) and its times.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Span {
    days: u8,
    from: u32,
    /// Up to 1440 ("24:00"); at or before `from` means the span ends the next day.
    until: u32,
}

impl Span {
    fn length(self) -> u32 {
        if self.until > self.from {
            self.until - self.from
        } else {
            MINUTES_PER_DAY - self.from + self.until
        }
    }

    fn starts(self) -> impl Iterator<Item = u32> {
        (0..7)
            .filter(move |d| self.days & (1 << d) != 0)
            .map(move |d| d * MINUTES_PER_DAY + self.from)
    }

    fn covers(self, at: WeekMinute) -> bool {
        let length = self.length();
        self.starts()
            .any(|start| (at.0 + MINUTES_PER_WEEK - start) % MINUTES_PER_WEEK < length)
    }
}

/// A weekly rota of one or more spans; never empty.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WeeklyHours {
    spans: Vec<Span>,
}

impl WeeklyHours {
    /// Reads "Mon-Fri 08:00-16:00", "Sat,Sun 00:00-24:00", "every day 18:00-08:00", or
    /// several of them joined by ";".
    pub fn parse(raw: &str) -> Result<Self, Msg> {
        let spans = raw
            .split(';')
            .map(str::trim)
            .filter(|part| !part.is_empty())
            .map(parse_span)
            .collect::<Option<Vec<_>>>()
            .filter(|spans| !spans.is_empty() && spans.len() <= 14)
            .ok_or(Msg::WeeklyHours)?;
        Ok(WeeklyHours { spans })
    }

    pub fn covers(&self, at: WeekMinute) -> bool {
        self.spans.iter().any(|span| span.covers(at))
    }

    /// Minutes from `at` to the next moment these hours cover: 0 when they cover `at`.
    pub fn minutes_until_covered(&self, at: WeekMinute) -> u32 {
        if self.covers(at) {
            return 0;
        }
        self.spans
            .iter()
            .flat_map(|span| span.starts())
            .map(|start| (start + MINUTES_PER_WEEK - at.0) % MINUTES_PER_WEEK)
            .min()
            .unwrap_or(0)
    }
}

impl fmt::Display for WeeklyHours {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, span) in self.spans.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            write!(
                f,
                "{} {}-{}",
                days_text(span.days),
                clock_text(span.from),
                clock_text(span.until)
            )?;
        }
        Ok(())
    }
}

fn clock_text(minutes: u32) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

/// The days as runs: "Mon-Fri", "Sat,Sun", "Mon,Wed-Fri".
fn days_text(days: u8) -> String {
    if days == 0x7f {
        return "every day".to_owned();
    }
    let mut parts = Vec::new();
    let mut d = 0;
    while d < 7 {
        if days & (1 << d) == 0 {
            d += 1;
            continue;
        }
        let start = d;
        while d + 1 < 7 && days & (1 << (d + 1)) != 0 {
            d += 1;
        }
        parts.push(if d - start >= 2 {
            format!("{}-{}", DAY_NAMES[start], DAY_NAMES[d])
        } else if d > start {
            format!("{},{}", DAY_NAMES[start], DAY_NAMES[d])
        } else {
            DAY_NAMES[start].to_owned()
        });
        d += 1;
    }
    parts.join(",")
}

fn parse_span(part: &str) -> Option<Span> {
    let (days, times) = part.rsplit_once(char::is_whitespace)?;
    let (from, until) = times.split_once('-')?;
    let from = parse_clock(from)?;
    let until = parse_clock(until)?;
    if from >= MINUTES_PER_DAY || from == until || until == 0 && from == 0 {
        return None;
    }
    Some(Span {
        days: parse_days(days.trim())?,
        from,
        until: if until == MINUTES_PER_DAY && from == 0 {
            MINUTES_PER_DAY
        } else {
            until % MINUTES_PER_DAY
        },
    })
}

/// "08:00" or "8:00"; "24:00" for the end of the day.
fn parse_clock(raw: &str) -> Option<u32> {
    let (hours, minutes) = raw.trim().split_once(':')?;
    if minutes.len() != 2 || hours.is_empty() || hours.len() > 2 {
        return None;
    }
    let hours: u32 = hours.parse().ok()?;
    let minutes: u32 = minutes.parse().ok()?;
    let total = hours * 60 + minutes;
    (minutes < 60 && total <= MINUTES_PER_DAY).then_some(total)
}

fn parse_day(raw: &str) -> Option<u32> {
    let lower = raw.trim().to_ascii_lowercase();
    if lower.len() < 3 {
        return None;
    }
    FULL_DAY_NAMES
        .iter()
        .position(|full| full.starts_with(&lower))
        .map(|d| d as u32)
}

fn parse_days(raw: &str) -> Option<u8> {
    let lower = raw.to_ascii_lowercase();
    if matches!(lower.as_str(), "every day" | "daily" | "all week") {
        return Some(0x7f);
    }
    let mut days = 0u8;
    for item in raw.split(',') {
        match item.split_once('-') {
            Some((first, last)) => {
                let (first, last) = (parse_day(first)?, parse_day(last)?);
                let mut d = first;
                loop {
                    days |= 1 << d;
                    if d == last {
                        break;
                    }
                    d = (d + 1) % 7;
                }
            }
            None => days |= 1 << parse_day(item)?,
        }
    }
    (days != 0).then_some(days)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(day: u32, hour: u32, minute: u32) -> WeekMinute {
        WeekMinute::new(day, hour * 60 + minute)
    }

    #[test]
    fn school_hours_cover_weekdays_between_the_times() {
        let hours = WeeklyHours::parse("Mon-Fri 08:00-16:00").unwrap();
        assert!(hours.covers(at(0, 8, 0)));
        assert!(hours.covers(at(4, 15, 59)));
        assert!(!hours.covers(at(4, 16, 0)));
        assert!(!hours.covers(at(5, 10, 0)));
        assert!(!hours.covers(at(0, 7, 59)));
    }

    #[test]
    fn an_overnight_span_runs_into_the_next_morning_and_past_sunday() {
        let hours = WeeklyHours::parse("Mon-Fri 16:00-08:00; Sat,Sun 00:00-24:00").unwrap();
        assert!(hours.covers(at(0, 22, 0)));
        assert!(hours.covers(at(1, 7, 59)));
        assert!(!hours.covers(at(1, 8, 0)));
        // Friday night into Saturday, and Sunday into Monday morning.
        assert!(hours.covers(at(5, 3, 0)));
        assert!(hours.covers(at(6, 23, 59)));
        assert!(!hours.covers(at(0, 3, 0)));
        let sunday_night = WeeklyHours::parse("Sun 20:00-08:00").unwrap();
        assert!(sunday_night.covers(at(0, 7, 0)));
    }

    #[test]
    fn the_next_reading_time_after_friday_evening_is_monday_morning() {
        let hours = WeeklyHours::parse("Mon-Fri 08:00-16:00").unwrap();
        let friday_ten_pm = at(4, 22, 0);
        let wait = hours.minutes_until_covered(friday_ten_pm);
        assert_eq!(
            WeekMinute((friday_ten_pm.0 + wait) % MINUTES_PER_WEEK),
            at(0, 8, 0)
        );
        assert_eq!(hours.minutes_until_covered(at(2, 9, 0)), 0);
        assert_eq!(hours.minutes_until_covered(at(2, 6, 30)), 90);
    }

    #[test]
    fn hours_are_written_back_in_one_form() {
        for (raw, shown) in [
            ("mon-fri 8:00-16:00", "Mon-Fri 08:00-16:00"),
            ("Saturday,Sunday 00:00-24:00", "Sat,Sun 00:00-24:00"),
            ("daily 18:00-08:00", "every day 18:00-08:00"),
            ("Fri-Mon 17:00-09:00", "Mon,Fri-Sun 17:00-09:00"),
            (
                "Mon-Thu 08:00-16:00; Fri 08:00-13:00",
                "Mon-Thu 08:00-16:00; Fri 08:00-13:00",
            ),
        ] {
            let hours = WeeklyHours::parse(raw).unwrap();
            assert_eq!(hours.to_string(), shown);
            assert_eq!(WeeklyHours::parse(shown).unwrap(), hours);
        }
    }

    #[test]
    fn nonsense_hours_are_refused() {
        for bad in [
            "",
            "Mon-Fri",
            "08:00-16:00",
            "Mon-Fri 08:00-08:00",
            "Mon-Fri 8-16",
            "Mon-Fri 25:00-26:00",
            "Funday 08:00-16:00",
            "Mo 08:00-16:00",
            "Mon-Fri 08:60-16:00",
            "Mon-Fri 24:00-08:00",
        ] {
            assert!(WeeklyHours::parse(bad).is_err(), "{bad:?} was accepted");
        }
    }
}
