//! What a person asks the figures for: a school (or all of theirs), a stretch of time from
//! the school calendar, and whether rows over time are weeks or terms.

use crate::domain::ids::SchoolId;
use crate::time::calendar::{first_week_from, Term};
use crate::time::{self, Timestamp};

/// Which stretch of time the figures cover.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PeriodChoice {
    #[default]
    ThisTerm,
    LastTerm,
    ThisYear,
    LastYear,
}

impl PeriodChoice {
    pub const ALL: [PeriodChoice; 4] = [
        PeriodChoice::ThisTerm,
        PeriodChoice::LastTerm,
        PeriodChoice::ThisYear,
        PeriodChoice::LastYear,
    ];

    /// The value in links and forms.
    pub fn as_str(self) -> &'static str {
        match self {
            PeriodChoice::ThisTerm => "this_term",
            PeriodChoice::LastTerm => "last_term",
            PeriodChoice::ThisYear => "this_year",
            PeriodChoice::LastYear => "last_year",
        }
    }

    /// The words in the filter.
    pub fn label(self) -> &'static str {
        match self {
            PeriodChoice::ThisTerm => "This term",
            PeriodChoice::LastTerm => "Last term",
            PeriodChoice::ThisYear => "This school year",
            PeriodChoice::LastYear => "Last school year",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.as_str() == raw)
    }
}

/// Rows of the figures over time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum By {
    #[default]
    Week,
    Term,
}

impl By {
    pub const ALL: [By; 2] = [By::Week, By::Term];

    /// The value in links and forms.
    pub fn as_str(self) -> &'static str {
        match self {
            By::Week => "week",
            By::Term => "term",
        }
    }

    /// The words in the filter: "Week".
    pub fn label(self) -> &'static str {
        match self {
            By::Week => "Week",
            By::Term => "Term",
        }
    }

    /// The word in a sentence: "Reports each week".
    pub fn noun(self) -> &'static str {
        match self {
            By::Week => "week",
            By::Term => "term",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|b| b.as_str() == raw)
    }

    /// The rows a period reads best in when none was asked for: terms for a school year.
    pub fn usual_for(period: PeriodChoice) -> By {
        match period {
            PeriodChoice::ThisYear | PeriodChoice::LastYear => By::Term,
            PeriodChoice::ThisTerm | PeriodChoice::LastTerm => By::Week,
        }
    }
}

/// The weeks a period covers: those whose Monday falls in it, up to this week.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WeekRange {
    pub choice: PeriodChoice,
    pub label: String,
    pub from_week: i64,
    /// The week after the last.
    pub to_week: i64,
}

impl WeekRange {
    pub fn of(choice: PeriodChoice, now: Timestamp) -> WeekRange {
        let term = Term::of_day(time::uk_day(now));
        let ((from, to), label) = match choice {
            PeriodChoice::ThisTerm => (term.days(), term.label()),
            PeriodChoice::LastTerm => (term.previous().days(), term.previous().label()),
            PeriodChoice::ThisYear => (term.year.days(), term.year.label()),
            PeriodChoice::LastYear => {
                let last = term.year.previous();
                (last.days(), last.label())
            }
        };
        let this_week_after = time::uk_week(now) + 1;
        let from_week = first_week_from(from);
        WeekRange {
            choice,
            label,
            from_week,
            to_week: first_week_from(to).min(this_week_after).max(from_week),
        }
    }

    /// Every period a person can choose now, in the order of [`PeriodChoice::ALL`].
    pub fn every(now: Timestamp) -> Vec<WeekRange> {
        PeriodChoice::ALL
            .iter()
            .map(|c| WeekRange::of(*c, now))
            .collect()
    }

    /// Its weeks, from the first to the one after the last.
    pub fn weeks(&self) -> (i64, i64) {
        (self.from_week, self.to_week)
    }
}

/// What the person asked to see.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Request {
    /// One of their schools, or all of them.
    pub school: Option<SchoolId>,
    pub period: PeriodChoice,
    pub by: By,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_period_stops_at_this_week() {
        let now = Timestamp(time::day_of_date(2026, 12, 2) * 86_400 + 36_000);
        let p = WeekRange::of(PeriodChoice::ThisTerm, now);
        // Monday 7 September 2026 is the first Monday of the term.
        assert_eq!(
            time::week_start_day(p.from_week),
            time::day_of_date(2026, 9, 7)
        );
        assert_eq!(p.to_week, time::uk_week(now) + 1);
        assert_eq!(p.label, "Autumn term 2026");
        let last = WeekRange::of(PeriodChoice::LastYear, now);
        assert_eq!(last.label, "School year 2025/26");
        assert_eq!(last.to_week - last.from_week, 53);
        let last_term = WeekRange::of(PeriodChoice::LastTerm, now);
        assert_eq!(last_term.label, "Summer term 2026");
        assert_eq!(last_term.to_week, p.from_week);
    }

    #[test]
    fn choices_read_back_from_their_values() {
        for by in By::ALL {
            assert_eq!(By::parse(by.as_str()), Some(by));
        }
        for period in PeriodChoice::ALL {
            assert_eq!(PeriodChoice::parse(period.as_str()), Some(period));
        }
        assert_eq!(By::parse("month"), None);
        assert_eq!(By::usual_for(PeriodChoice::LastYear), By::Term);
        assert_eq!(By::usual_for(PeriodChoice::ThisTerm), By::Week);
    }
}
