//! The partnership's picture: reports per week or term by category, hotspots, how fast
//! reports are acknowledged, and how cases end, for the schools a person may see, from
//! clear triage facts only (never sealed text), with small numbers hidden.

mod book;
pub mod cache;
mod figures;

pub use self::cache::FigureCache;

use self::book::Counted;
use self::figures::{figures, Published};
pub use self::figures::{Acknowledgement, Grid, Insight, TimeRow};
use super::actors::Staff;
use super::context::Context;
use crate::db::{Conn, DbError, Tx};
use crate::domain::choices::Role;
use crate::domain::ids::SchoolId;
use crate::domain::insight::{changes, Fact};
use crate::store::audit::{self, Actor};
use crate::store::insights::{self as counters, Scope};
use crate::store::reports::CaseRow;
use crate::store::roles;
use crate::store::schools::{self, School};
use crate::time::{self, Timestamp};

/// Roles that see their schools' figures (administrators see every school).
pub const ROLES: [Role; 3] = [Role::HeadTeacher, Role::SspOfficer, Role::ChairOfGovernors];

#[derive(Debug, thiserror::Error)]
pub enum InsightError {
    /// Neither an administrator nor holding a role that sees figures.
    #[error("not allowed")]
    NotAllowed,
    #[error(transparent)]
    Db(#[from] DbError),
}

/// The facts of a report as its school's counters see them.
pub fn fact_of(row: &CaseRow, target_hours: i32) -> Fact {
    Fact {
        school: row.school_id,
        week: time::uk_week(row.created_at),
        category: row.category,
        location: row.location,
        urgent: row.happening_now,
        acknowledged_after: row.acknowledged_at.map(|a| a.since(row.created_at)),
        target_seconds: i64::from(target_hours) * 3_600,
        outcome: row.outcome,
        referral: row.referral,
    }
}

/// Appends what a change to a report moves, in the caller's transaction.
pub fn note(tx: &mut Tx<'_>, old: Option<&Fact>, new: Option<&Fact>) -> Result<(), DbError> {
    counters::record(tx, &changes(old, new))
}

/// Fills the counters from every stored report and every purged report's kept facts
/// when no week of them is stored (the first start after an upgrade that added or
/// reshaped them). Returns how many reports were counted. Changes waiting to be folded
/// are dropped in the same transaction, as the reports already show them; another server
/// starting at the same time waits and then finds the weeks there. Schools are counted
/// one at a time, so memory holds one school's reports and the deployment's weeks.
pub fn rebuild_if_empty(conn: &mut Conn<'_>) -> Result<usize, DbError> {
    if counters::has_weeks(conn.db())? {
        return Ok(0);
    }
    let schools = schools::list(conn.db())?;
    conn.write(|tx| {
        counters::hold_for_rebuild(tx)?;
        if counters::has_weeks(tx.db())? {
            return Ok(0);
        }
        counters::clear_changes(tx)?;
        let mut counted = 0;
        // Holds the whole deployment's weeks (school 0, first in order) between schools.
        let mut weeks = counters::Weeks::new();
        for school in &schools {
            counted += for_each_fact(tx, school, |fact| {
                for (counter, n) in changes(None, Some(&fact)) {
                    counters::add(&mut weeks, &counter, n);
                }
            })?;
            let school_weeks = weeks.split_off(&(counters::DEPLOYMENT.0 + 1, i64::MIN));
            counters::fill(tx.db(), &school_weeks)?;
        }
        counters::fill(tx.db(), &weeks)?;
        Ok(counted)
    })
}

/// Hands over the facts of a school's stored reports and its purged reports' kept facts,
/// with its agreed time to acknowledge as it is now; returns how many there were.
fn for_each_fact(
    tx: &mut Tx<'_>,
    school: &School,
    mut visit: impl FnMut(Fact),
) -> Result<usize, DbError> {
    let target_seconds = i64::from(school.ack_within_hours) * 3_600;
    let stored = counters::stored_reports(tx.db(), school.id)?;
    let kept = counters::kept_facts(tx.db(), school.id)?;
    let count = stored.len() + kept.len();
    for r in stored {
        visit(Fact {
            school: r.school_id,
            week: time::uk_week(r.created_at),
            category: r.category,
            location: r.location,
            urgent: r.happening_now,
            acknowledged_after: r.acknowledged_at.map(|a| a.since(r.created_at)),
            target_seconds,
            outcome: r.outcome,
            referral: r.referral,
        });
    }
    for (school, day_start, category, location, urgent, ack, outcome, referral) in kept {
        visit(Fact {
            school,
            // Kept facts hold the UTC day; noon of it is that UK day too.
            week: time::uk_week(Timestamp(day_start + 43_200)),
            category,
            location,
            urgent,
            acknowledged_after: ack,
            target_seconds,
            outcome,
            referral,
        });
    }
    Ok(count)
}

/// Folds waiting changes into the counters (run before figures are read, and by the
/// background worker).
pub fn fold(conn: &mut Conn<'_>) -> Result<usize, DbError> {
    conn.write(counters::fold)
}

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

    pub fn as_str(self) -> &'static str {
        match self {
            PeriodChoice::ThisTerm => "this_term",
            PeriodChoice::LastTerm => "last_term",
            PeriodChoice::ThisYear => "this_year",
            PeriodChoice::LastYear => "last_year",
        }
    }

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
    pub fn as_str(self) -> &'static str {
        match self {
            By::Week => "week",
            By::Term => "term",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        match raw {
            "week" => Some(By::Week),
            "term" => Some(By::Term),
            _ => None,
        }
    }
}

/// A school term: autumn (September to December), spring (January to March) or summer
/// (April to August, holidays included), named by the school year it belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Term {
    /// The calendar year the school year starts in (2026 for 2026/27).
    pub year: i16,
    /// 0 autumn, 1 spring, 2 summer.
    pub part: u8,
}

impl Term {
    pub fn of_day(day: i64) -> Term {
        let (y, m, _) = time::date_of_day(day);
        match m {
            9..=12 => Term { year: y, part: 0 },
            1..=3 => Term {
                year: y - 1,
                part: 1,
            },
            _ => Term {
                year: y - 1,
                part: 2,
            },
        }
    }

    /// First day, and the day after the last.
    pub fn days(self) -> (i64, i64) {
        let y = self.year;
        match self.part {
            0 => (time::day_of_date(y, 9, 1), time::day_of_date(y + 1, 1, 1)),
            1 => (
                time::day_of_date(y + 1, 1, 1),
                time::day_of_date(y + 1, 4, 1),
            ),
            _ => (
                time::day_of_date(y + 1, 4, 1),
                time::day_of_date(y + 1, 9, 1),
            ),
        }
    }

    pub fn previous(self) -> Term {
        match self.part {
            0 => Term {
                year: self.year - 1,
                part: 2,
            },
            p => Term {
                year: self.year,
                part: p - 1,
            },
        }
    }

    pub fn label(self) -> String {
        let name = ["Autumn", "Spring", "Summer"][usize::from(self.part.min(2))];
        let year = if self.part == 0 {
            self.year
        } else {
            self.year + 1
        };
        format!("{name} term {year}")
    }
}

/// The weeks a period covers: those whose Monday falls in it, up to this week.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Period {
    pub choice: PeriodChoice,
    pub label: String,
    pub from_week: i64,
    /// The week after the last.
    pub to_week: i64,
}

/// The first week whose Monday is on or after `day`.
fn first_week_from(day: i64) -> i64 {
    (day + 3 + 6).div_euclid(7)
}

impl Period {
    pub fn of(choice: PeriodChoice, now: Timestamp) -> Period {
        let today = time::uk_day(now);
        let term = Term::of_day(today);
        let year = |y: i16| {
            (
                time::day_of_date(y, 9, 1),
                time::day_of_date(y + 1, 9, 1),
                format!("School year {y}/{:02}", (y + 1).rem_euclid(100)),
            )
        };
        let (from, to, label) = match choice {
            PeriodChoice::ThisTerm => {
                let (f, t) = term.days();
                (f, t, term.label())
            }
            PeriodChoice::LastTerm => {
                let last = term.previous();
                let (f, t) = last.days();
                (f, t, last.label())
            }
            PeriodChoice::ThisYear => year(term.year),
            PeriodChoice::LastYear => year(term.year - 1),
        };
        let this_week_after = time::uk_week(now) + 1;
        let from_week = first_week_from(from);
        Period {
            choice,
            label,
            from_week,
            to_week: first_week_from(to).min(this_week_after).max(from_week),
        }
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

/// The schools a person may see figures for.
#[derive(Debug, Clone)]
pub struct Reach {
    pub schools: Vec<School>,
    /// An administrator: every school, and the deployment's own totals.
    pub everywhere: bool,
}

pub fn reach(conn: &mut Conn<'_>, staff: &Staff) -> Result<Reach, InsightError> {
    let mut all = schools::list(conn.db())?;
    if staff.user.is_admin {
        return Ok(Reach {
            schools: all,
            everywhere: true,
        });
    }
    let mine = roles::schools_where(conn.db(), staff.id(), &ROLES)?;
    if mine.is_empty() {
        return Err(InsightError::NotAllowed);
    }
    all.retain(|s| mine.contains(&s.id));
    Ok(Reach {
        schools: all,
        everywhere: false,
    })
}

/// The figures a person asked for: their own schools only (an unknown or foreign school
/// falls back to all of theirs).
pub fn insight(
    conn: &mut Conn<'_>,
    ctx: &Context,
    staff: &Staff,
    mut request: Request,
) -> Result<Insight, InsightError> {
    let reach = reach(conn, staff)?;
    let now = ctx.now();
    fold(conn)?;
    let chosen = request
        .school
        .and_then(|id| reach.schools.iter().find(|s| s.id == id).cloned());
    request.school = chosen.as_ref().map(|s| s.id);
    let (schools, scope_label): (Vec<SchoolId>, String) = match (&chosen, reach.everywhere) {
        (Some(school), _) => (vec![school.id], school.name.clone()),
        (None, true) => (
            reach.schools.iter().map(|s| s.id).collect(),
            "Every school".to_owned(),
        ),
        (None, false) => (
            reach.schools.iter().map(|s| s.id).collect(),
            match reach.schools.as_slice() {
                [one] => one.name.clone(),
                many => format!("Your {} schools", many.len()),
            },
        ),
    };
    // Every period a person can choose, so that what one hides every one hides.
    let periods: Vec<Period> = PeriodChoice::ALL
        .iter()
        .map(|c| Period::of(*c, now))
        .collect();
    let from = periods.iter().map(|p| p.from_week).min().unwrap_or(0);
    let to = periods.iter().map(|p| p.to_week).max().unwrap_or(0);
    let version = counters::version(conn.db())?;
    let mut counted_of = |scope: &Scope| -> Result<Counted, DbError> {
        Ok(Counted::new(&counters::counts(conn.db(), scope, from, to)?))
    };
    let everywhere = reach.everywhere && schools.len() > 1;
    let scope = match schools.as_slice() {
        [one] => Scope::Schools(vec![*one]),
        _ if everywhere => Scope::Everywhere,
        many => Scope::Schools(many.to_vec()),
    };
    let counted = counted_of(&scope)?;
    let key = cache::Key {
        version,
        schools: schools.clone(),
        everywhere,
        periods: periods.iter().map(|p| (p.from_week, p.to_week)).collect(),
    };
    let shown = ctx.figures.audited(key, || -> Result<_, DbError> {
        if schools.len() == 1 {
            return Ok(book::alone(&mut book::book(&counted, &periods)));
        }
        // Several schools together, beside each school's own figures.
        let mut each = Vec::new();
        for id in &schools {
            let mut ledger = book::book(&counted_of(&Scope::Schools(vec![*id]))?, &periods);
            book::alone(&mut ledger);
            each.push((*id, ledger));
        }
        Ok(book::together(&each, &book::book(&counted, &periods)))
    })?;
    let period = Period::of(request.period, now);
    Ok(figures(
        reach,
        request,
        scope_label,
        period,
        chosen.map(|s| s.ack_within_hours),
        &Published {
            shown: &shown,
            counted: &counted,
        },
        now,
    ))
}

/// Records that someone took the figures away as a file.
pub fn downloaded(
    conn: &mut Conn<'_>,
    ctx: &Context,
    staff: &Staff,
    insight: &Insight,
) -> Result<(), DbError> {
    let detail = format!("{}, {}", insight.scope_label, insight.period.label);
    let now = ctx.now();
    conn.write(|tx| {
        audit::append(
            tx,
            &Actor::user(staff.id(), &staff.user.name),
            None,
            "Downloaded insight figures",
            &detail,
            now,
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_follow_the_school_year() {
        let day = time::day_of_date(2026, 12, 2);
        let term = Term::of_day(day);
        assert_eq!(
            term,
            Term {
                year: 2026,
                part: 0
            }
        );
        assert_eq!(term.label(), "Autumn term 2026");
        assert_eq!(term.previous().label(), "Summer term 2026");
        assert_eq!(
            Term::of_day(time::day_of_date(2027, 2, 1)).label(),
            "Spring term 2027"
        );
        let (from, to) = term.days();
        assert_eq!(time::date_of_day(from), (2026, 9, 1));
        assert_eq!(time::date_of_day(to), (2027, 1, 1));
    }

    #[test]
    fn a_period_stops_at_this_week() {
        let now = Timestamp(time::day_of_date(2026, 12, 2) * 86_400 + 36_000);
        let p = Period::of(PeriodChoice::ThisTerm, now);
        // Monday 7 September 2026 is the first Monday of the term.
        assert_eq!(
            time::week_start_day(p.from_week),
            time::day_of_date(2026, 9, 7)
        );
        assert_eq!(p.to_week, time::uk_week(now) + 1);
        let last = Period::of(PeriodChoice::LastYear, now);
        assert_eq!(last.label, "School year 2025/26");
        assert_eq!(last.to_week - last.from_week, 53);
    }
}
