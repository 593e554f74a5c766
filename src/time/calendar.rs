//! The school calendar in England as the figures count it: a school year from 1 September
//! in three terms (autumn, spring and summer, holidays included), each named by its
//! season, and the weeks whose Monday falls in a stretch of days.

use super::{date_of_day, day_of_date};

/// The season a term is named for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Season {
    /// September to December.
    Autumn,
    /// January to March.
    Spring,
    /// April to August.
    Summer,
}

impl Season {
    /// In the order of the school year.
    pub const ALL: [Season; 3] = [Season::Autumn, Season::Spring, Season::Summer];

    /// "Autumn", as a term's name starts.
    pub fn name(self) -> &'static str {
        match self {
            Season::Autumn => "Autumn",
            Season::Spring => "Spring",
            Season::Summer => "Summer",
        }
    }

    /// Its place in the school year, from 0.
    fn index(self) -> i64 {
        match self {
            Season::Autumn => 0,
            Season::Spring => 1,
            Season::Summer => 2,
        }
    }

    /// The month it starts in, and whether that month falls in the calendar year after
    /// the one its school year starts in.
    fn start(self) -> (i8, bool) {
        match self {
            Season::Autumn => (9, false),
            Season::Spring => (1, true),
            Season::Summer => (4, true),
        }
    }
}

/// A school year, by the calendar year it starts in (2026 for 2026/27).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SchoolYear(pub i16);

impl SchoolYear {
    /// First day (1 September), and the day after the last.
    pub fn days(self) -> (i64, i64) {
        (day_of_date(self.0, 9, 1), day_of_date(self.0 + 1, 9, 1))
    }

    /// "School year 2026/27".
    pub fn label(self) -> String {
        format!("School year {}/{:02}", self.0, (self.0 + 1).rem_euclid(100))
    }

    pub fn previous(self) -> SchoolYear {
        SchoolYear(self.0 - 1)
    }
}

/// A school term: autumn (September to December), spring (January to March) or summer
/// (April to August, holidays included) of a school year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Term {
    pub year: SchoolYear,
    pub season: Season,
}

impl Term {
    /// The term a day (days since 1 January 1970) falls in.
    pub fn of_day(day: i64) -> Term {
        let (y, m, _) = date_of_day(day);
        let (year, season) = match m {
            9..=12 => (y, Season::Autumn),
            1..=3 => (y - 1, Season::Spring),
            _ => (y - 1, Season::Summer),
        };
        Term {
            year: SchoolYear(year),
            season,
        }
    }

    /// First day, and the day after the last.
    pub fn days(self) -> (i64, i64) {
        let start = |season: Season| {
            let (month, next_year) = season.start();
            day_of_date(self.year.0 + i16::from(next_year), month, 1)
        };
        let end = match self.season {
            Season::Autumn => start(Season::Spring),
            Season::Spring => start(Season::Summer),
            Season::Summer => self.year.days().1,
        };
        (start(self.season), end)
    }

    pub fn previous(self) -> Term {
        let (year, season) = match self.season {
            Season::Autumn => (self.year.previous(), Season::Summer),
            Season::Spring => (self.year, Season::Autumn),
            Season::Summer => (self.year, Season::Spring),
        };
        Term { year, season }
    }

    /// The calendar year the term falls in.
    pub fn calendar_year(self) -> i16 {
        self.year.0 + i16::from(self.season.start().1)
    }

    /// "Autumn term 2026", "Spring term 2027".
    pub fn label(self) -> String {
        format!("{} term {}", self.season.name(), self.calendar_year())
    }

    /// Terms numbered in order, three to a school year (a key for rows of figures).
    pub fn number(self) -> i64 {
        i64::from(self.year.0) * 3 + self.season.index()
    }

    /// The term numbered `n` (see [`Term::number`]).
    pub fn from_number(n: i64) -> Term {
        let season = match n.rem_euclid(3) {
            0 => Season::Autumn,
            1 => Season::Spring,
            _ => Season::Summer,
        };
        Term {
            year: SchoolYear(n.div_euclid(3) as i16),
            season,
        }
    }
}

/// The first week (see [`super::uk_week`]) whose Monday is on or after `day`.
pub fn first_week_from(day: i64) -> i64 {
    (day + 3 + 6).div_euclid(7)
}

#[cfg(test)]
mod tests {
    use super::super::week_start_day;
    use super::*;

    #[test]
    fn terms_follow_the_school_year() {
        let term = Term::of_day(day_of_date(2026, 12, 2));
        assert_eq!(
            term,
            Term {
                year: SchoolYear(2026),
                season: Season::Autumn
            }
        );
        assert_eq!(term.label(), "Autumn term 2026");
        assert_eq!(term.previous().label(), "Summer term 2026");
        assert_eq!(
            Term::of_day(day_of_date(2027, 2, 1)).label(),
            "Spring term 2027"
        );
        let (from, to) = term.days();
        assert_eq!(date_of_day(from), (2026, 9, 1));
        assert_eq!(date_of_day(to), (2027, 1, 1));
    }

    #[test]
    fn the_terms_of_a_year_cover_it_day_after_day() {
        let year = SchoolYear(2026);
        let (first, after) = year.days();
        let mut day = first;
        for season in Season::ALL {
            let term = Term { year, season };
            let (from, to) = term.days();
            assert_eq!(from, day, "{term:?} starts where the last one ended");
            assert_eq!(Term::of_day(from), term);
            assert_eq!(Term::of_day(to - 1), term);
            day = to;
        }
        assert_eq!(day, after);
        assert_eq!(
            Term {
                year,
                season: Season::Summer
            }
            .days(),
            (day_of_date(2027, 4, 1), day_of_date(2027, 9, 1))
        );
        assert_eq!(year.label(), "School year 2026/27");
        assert_eq!(SchoolYear(1999).label(), "School year 1999/00");
    }

    #[test]
    fn term_numbers_keep_their_order_and_come_back() {
        let mut term = Term::of_day(day_of_date(2027, 5, 1));
        for _ in 0..7 {
            let earlier = term.previous();
            assert_eq!(earlier.number() + 1, term.number());
            assert_eq!(Term::from_number(term.number()), term);
            assert!(earlier < term);
            term = earlier;
        }
    }

    #[test]
    fn a_stretch_starts_with_the_first_monday_in_it() {
        // Tuesday 1 September 2026: the first Monday on or after it is the 7th.
        let week = first_week_from(day_of_date(2026, 9, 1));
        assert_eq!(week_start_day(week), day_of_date(2026, 9, 7));
        // A Monday starts its own week.
        let monday = day_of_date(2026, 9, 7);
        assert_eq!(week_start_day(first_week_from(monday)), monday);
    }
}
