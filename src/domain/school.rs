//! A school as an administrator describes it: the short name in its address, its name,
//! and when its staff read reports.

use super::hours::WeeklyHours;
use super::msg::Msg;
use super::retention::RetentionPolicy;

/// The short name in a school's address (`/s/{slug}`): lower-case letters, digits and hyphens.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SchoolSlug(String);

impl SchoolSlug {
    pub fn parse(raw: &str) -> Result<Self, Msg> {
        let slug = raw.trim();
        if slug.len() < 2 || slug.len() > 60 {
            return Err(Msg::SlugLength);
        }
        if !slug
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        {
            return Err(Msg::SlugCharacters);
        }
        if slug.starts_with('-') || slug.ends_with('-') || slug.contains("--") {
            return Err(Msg::SlugHyphens);
        }
        Ok(SchoolSlug(slug.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for SchoolSlug {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Hours shown to pupils when no one has set them: honest and common for a school office.
pub const DEFAULT_READING_HOURS: &str = "Monday to Friday, 8am to 4pm, in term time";

/// The same hours as times, for deciding what is out of hours.
pub const DEFAULT_READING_SCHEDULE: &str = "Mon-Fri 08:00-16:00";

/// The longest agreed time to acknowledge a report: a month.
pub const MAX_ACK_HOURS: i32 = 720;

/// What an administrator gives to add a school.
#[derive(Debug, Clone)]
pub struct NewSchool {
    pub slug: SchoolSlug,
    pub name: String,
    pub reading_hours: String,
    pub reading_schedule: WeeklyHours,
    pub ack_within_hours: i32,
}

/// The default reading schedule, as hours.
pub fn default_reading_schedule() -> WeeklyHours {
    WeeklyHours::parse(DEFAULT_READING_SCHEDULE)
        .unwrap_or_else(|_| unreachable!("the default parses"))
}

impl NewSchool {
    pub fn new(slug: SchoolSlug, name: &str) -> Result<Self, Msg> {
        let name = name.trim();
        if name.is_empty() || name.chars().count() > 120 {
            return Err(Msg::SchoolNameLength);
        }
        Ok(NewSchool {
            slug,
            name: name.to_owned(),
            reading_hours: DEFAULT_READING_HOURS.to_owned(),
            reading_schedule: default_reading_schedule(),
            ack_within_hours: 24,
        })
    }
}

/// A school's settings as changed on its admin page: both present and in range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchoolSettings {
    pub reading_hours: String,
    /// The reading hours as times: outside them an urgent report starts the on-call chain.
    pub reading_schedule: WeeklyHours,
    pub ack_within_hours: i32,
    pub retention: RetentionPolicy,
}

impl SchoolSettings {
    /// Reads the settings form: hours (in words and as times), acknowledgement time, and
    /// the three retention times.
    pub fn parse(
        hours: &str,
        schedule: &str,
        ack: &str,
        retention: [&str; 3],
    ) -> Result<Self, Msg> {
        let [anonymous, named, staff] = retention;
        let retention = RetentionPolicy::parse(anonymous, named, staff)?;
        let reading_schedule = WeeklyHours::parse(schedule)?;
        let hours = hours.trim();
        let ack: Option<i32> = ack
            .trim()
            .parse()
            .ok()
            .filter(|a| (1..=MAX_ACK_HOURS).contains(a));
        match ack {
            Some(ack) if !hours.is_empty() && hours.chars().count() <= 200 => Ok(SchoolSettings {
                reading_hours: hours.to_owned(),
                reading_schedule,
                ack_within_hours: ack,
                retention,
            }),
            _ => Err(Msg::SchoolSettings),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_accept_lower_case_words_joined_by_hyphens() {
        assert_eq!(
            SchoolSlug::parse(" oak-park-2 ").unwrap().as_str(),
            "oak-park-2"
        );
    }

    #[test]
    fn slugs_reject_anything_that_would_need_escaping() {
        for bad in [
            "",
            "a",
            "Oak",
            "oak park",
            "oak/park",
            "-oak",
            "oak-",
            "oak--park",
            "ök",
        ] {
            assert!(SchoolSlug::parse(bad).is_err(), "{bad:?} was accepted");
        }
    }

    #[test]
    fn school_names_must_be_present() {
        let slug = SchoolSlug::parse("oak").unwrap();
        assert!(NewSchool::new(slug.clone(), "  ").is_err());
        assert_eq!(
            NewSchool::new(slug, " Oak Academy ").unwrap().name,
            "Oak Academy"
        );
    }

    #[test]
    fn settings_need_hours_and_a_time_in_range() {
        let keep = ["90", "365", "3650"];
        let times = "Mon-Fri 08:00-16:00";
        assert!(SchoolSettings::parse("Weekdays", times, "24", keep).is_ok());
        assert_eq!(
            SchoolSettings::parse("Weekdays", "weekdays", "24", keep),
            Err(Msg::WeeklyHours)
        );
        for (hours, ack) in [
            ("", "24"),
            ("Weekdays", "0"),
            ("Weekdays", "721"),
            ("Weekdays", "x"),
        ] {
            assert_eq!(
                SchoolSettings::parse(hours, times, ack, keep),
                Err(Msg::SchoolSettings)
            );
        }
        assert_eq!(
            SchoolSettings::parse("Weekdays", times, "24", ["0", "365", "3650"]),
            Err(Msg::RetentionDays)
        );
    }
}
