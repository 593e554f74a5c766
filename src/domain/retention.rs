//! How long a report is kept after it closes, and the retention period its keys are bound
//! to: one retention key per school and period, kept outside the database, destroyed when
//! its period is over and nothing kept is bound to it.
//!
//! Times here are whole seconds since the Unix epoch, and periods are calendar months in UTC.

use super::choices::About;
use super::msg::Msg;

pub const DAY: i64 = 86_400;

/// A school's retention rules, in days after a report is closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetentionPolicy {
    /// Reports in which the pupil gave neither their name nor a way to reach them. The
    /// school's own safeguarding record (CPOMS, MyConcern), not Confide, holds the
    /// child-protection file, so these go soon.
    pub anonymous_days: i32,
    /// Reports in which the pupil gave their name or a way to contact them.
    pub named_days: i32,
    /// Reports about an adult who works at the school (KCSIE: until normal retirement age
    /// or 10 years, whichever is longer; the school sets it).
    pub staff_days: i32,
}

impl Default for RetentionPolicy {
    fn default() -> Self {
        RetentionPolicy {
            anonymous_days: 90,
            named_days: 365,
            staff_days: 3_650,
        }
    }
}

/// The longest any rule may be: 70 years.
pub const MAX_RETENTION_DAYS: i32 = 25_550;

impl RetentionPolicy {
    /// Reads the three figures an administrator typed.
    pub fn parse(anonymous: &str, named: &str, staff: &str) -> Result<Self, Msg> {
        let days = |raw: &str| {
            raw.trim()
                .parse::<i32>()
                .ok()
                .filter(|d| (1..=MAX_RETENTION_DAYS).contains(d))
                .ok_or(Msg::RetentionDays)
        };
        Ok(RetentionPolicy {
            anonymous_days: days(anonymous)?,
            named_days: days(named)?,
            staff_days: days(staff)?,
        })
    }

    /// When a report closed at `closed_at` is deleted.
    pub fn expiry(&self, closed_at: i64, about: About, named: bool) -> i64 {
        let days = match (about, named) {
            (About::Staff | About::HeadTeacher, _) => self.staff_days,
            (About::NoStaff, true) => self.named_days,
            (About::NoStaff, false) => self.anonymous_days,
        };
        closed_at.saturating_add(i64::from(days) * DAY)
    }
}

/// A warning goes to the people working a case this long before it is deleted.
pub const WARN_BEFORE_SECONDS: i64 = 72 * 3_600;

/// A lifted legal hold leaves at least this long before deletion, so the warning comes first.
pub const AFTER_HOLD_SECONDS: i64 = 7 * DAY;

/// A calendar month in UTC.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month {
    pub year: i16,
    pub month: i8,
}

impl Month {
    pub fn of(at: i64) -> Self {
        let date = jiff::Timestamp::from_second(at)
            .unwrap_or(jiff::Timestamp::UNIX_EPOCH)
            .to_zoned(jiff::tz::TimeZone::UTC)
            .date();
        Month {
            year: date.year(),
            month: date.month(),
        }
    }

    fn text(self) -> String {
        format!("{:04}-{:02}", self.year, self.month)
    }

    fn parse(raw: &str) -> Option<Self> {
        let (year, month) = raw.split_once('-')?;
        let month: i8 = month.parse().ok()?;
        (year.len() == 4 && (1..=12).contains(&month)).then_some(Month {
            year: year.parse().ok()?,
            month,
        })
    }
}

/// Which retention key a report's keys are bound to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Period {
    /// Not closed yet: the month it arrived in.
    Open(Month),
    /// Closed: the month it is to be deleted in.
    Expiring(Month),
    /// Under legal hold: kept until the hold is lifted.
    Hold,
}

impl Period {
    pub fn as_string(&self) -> String {
        match self {
            Period::Open(m) => format!("open-{}", m.text()),
            Period::Expiring(m) => m.text(),
            Period::Hold => "hold".into(),
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        match raw {
            "hold" => Some(Period::Hold),
            _ => match raw.strip_prefix("open-") {
                Some(month) => Month::parse(month).map(Period::Open),
                None => Month::parse(raw).map(Period::Expiring),
            },
        }
    }

    /// Whether no report can be bound to this period any more, so its key may be destroyed
    /// once nothing bound to it is kept: open months and deletion months that have ended.
    /// The hold key is never destroyed (it guards only what is held).
    pub fn is_over(&self, now: i64) -> bool {
        let current = Month::of(now);
        match self {
            Period::Open(m) | Period::Expiring(m) => *m < current,
            Period::Hold => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // 2026-12-02 12:00 UTC
    const NOW: i64 = 1_796_212_800;

    #[test]
    fn reports_about_staff_are_kept_longest_and_anonymous_ones_shortest() {
        let policy = RetentionPolicy::default();
        assert_eq!(policy.expiry(NOW, About::NoStaff, false), NOW + 90 * DAY);
        assert_eq!(policy.expiry(NOW, About::NoStaff, true), NOW + 365 * DAY);
        assert_eq!(policy.expiry(NOW, About::Staff, false), NOW + 3_650 * DAY);
        assert_eq!(
            policy.expiry(NOW, About::HeadTeacher, true),
            NOW + 3_650 * DAY
        );
    }

    #[test]
    fn policies_are_whole_days_in_range() {
        assert!(RetentionPolicy::parse("90", "365", "3650").is_ok());
        assert_eq!(
            RetentionPolicy::parse("0", "365", "3650"),
            Err(Msg::RetentionDays)
        );
        assert_eq!(
            RetentionPolicy::parse("90", "x", "3650"),
            Err(Msg::RetentionDays)
        );
        assert_eq!(
            RetentionPolicy::parse("90", "365", "99999"),
            Err(Msg::RetentionDays)
        );
    }

    #[test]
    fn periods_round_trip_through_their_names() {
        let month = Month::of(NOW);
        assert_eq!(
            month,
            Month {
                year: 2026,
                month: 12
            }
        );
        for period in [Period::Open(month), Period::Expiring(month), Period::Hold] {
            assert_eq!(Period::parse(&period.as_string()), Some(period));
        }
        assert_eq!(Period::Open(month).as_string(), "open-2026-12");
        assert_eq!(Period::parse("2026-13"), None);
        assert_eq!(Period::parse("../x"), None);
    }

    #[test]
    fn a_period_is_over_only_after_its_month_and_the_hold_never() {
        let this = Month::of(NOW);
        let last = Month::of(NOW - 31 * DAY);
        assert!(!Period::Expiring(this).is_over(NOW));
        assert!(Period::Expiring(last).is_over(NOW));
        assert!(Period::Open(last).is_over(NOW));
        assert!(!Period::Open(this).is_over(NOW));
        assert!(!Period::Hold.is_over(NOW + 100 * 365 * DAY));
    }
}
