//! Every figure the pages of one scope can show, over every period a person can choose and
//! by week and by term, in one ledger: what one page hides, every page hides, so no other
//! page or period gives it back. The scope's figures are audited together (see
//! [`Ledger::audit`]); figures for several schools together are audited with each school's
//! own figures beside them, as both can be asked for by the same person.

use std::collections::BTreeMap;

use super::request::{By, WeekRange};
use crate::domain::choices::{Category, Location, Outcome, Status};
use crate::domain::ids::SchoolId;
use crate::domain::insight::{Ledger, Measure, Shown};
use crate::store::insights::Count;
use crate::time::{self, calendar::Term};

/// Weeks from the first to the one before the second.
pub type Weeks = (i64, i64);

/// One figure, by what it counts.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Figure {
    /// Reports in the weeks, at a place (`None`: anywhere), of a kind (`None`: any).
    Reports(Weeks, Option<Location>, Option<Category>),
    /// Reports with those linked into one incident counted once.
    Incidents(Weeks),
    /// Reports linked into an incident another report leads (not shown).
    LinkedOn(Weeks),
    Acknowledged(Weeks),
    Waiting(Weeks),
    InTarget(Weeks),
    /// Acknowledged late (not shown, and not to be worked out either).
    Late(Weeks),
    Urgent(Weeks),
    UrgentInHour(Weeks),
    /// Urgent, not acknowledged within the hour (not shown).
    UrgentOther(Weeks),
    /// Urgent reports that arrived in the school's reading hours, and outside them.
    UrgentInHours(Weeks),
    UrgentOutOfHours(Weeks),
    Closed(Weeks, Option<Outcome>),
    /// Closed as false or unfounded (see [`Outcome::is_misuse`]).
    Misuse(Weeks),
    Referred(Weeks, Option<Status>),
}

/// The rows of a period's table over time: the key of each (the week, or the term's
/// [`Term::number`]) and its weeks.
pub fn rows(period: &WeekRange, by: By) -> Vec<(i64, Weeks)> {
    let key = |week: i64| match by {
        By::Week => week,
        By::Term => Term::of_day(time::week_start_day(week)).number(),
    };
    let mut out: Vec<(i64, Weeks)> = Vec::new();
    for week in period.from_week..period.to_week {
        match out.last_mut() {
            Some((k, weeks)) if *k == key(week) => weeks.1 = week + 1,
            _ => out.push((key(week), (week, week + 1))),
        }
    }
    out
}

/// The counters of a scope, summed over any weeks.
pub struct Counted {
    /// Reports by week, place and kind.
    reports: BTreeMap<i64, BTreeMap<(Location, Category), u64>>,
    /// Every other measure by week.
    other: BTreeMap<i64, BTreeMap<Measure, u64>>,
}

impl Counted {
    pub fn new(counts: &[Count]) -> Counted {
        let mut reports: BTreeMap<i64, BTreeMap<(Location, Category), u64>> = BTreeMap::new();
        let mut other: BTreeMap<i64, BTreeMap<Measure, u64>> = BTreeMap::new();
        for c in counts {
            match (c.measure, c.category, c.location) {
                (Measure::Reports, Some(cat), Some(loc)) => {
                    *reports
                        .entry(c.week)
                        .or_default()
                        .entry((loc, cat))
                        .or_default() += c.n;
                }
                (Measure::Reports, _, _) => {}
                (m, _, _) => *other.entry(c.week).or_default().entry(m).or_default() += c.n,
            }
        }
        Counted { reports, other }
    }

    /// Reports in the weeks by (place, kind).
    pub fn reports(&self, weeks: Weeks) -> BTreeMap<(Location, Category), u64> {
        let mut out = BTreeMap::new();
        for by in self
            .reports
            .range(weeks.0..weeks.1.max(weeks.0))
            .map(|(_, b)| b)
        {
            for (k, n) in by {
                *out.entry(*k).or_default() += n;
            }
        }
        out
    }

    pub fn measure(&self, weeks: Weeks, measure: Measure) -> u64 {
        self.other
            .range(weeks.0..weeks.1.max(weeks.0))
            .filter_map(|(_, by)| by.get(&measure))
            .sum()
    }

    /// Acknowledgement times by bucket in the weeks.
    pub fn ack_times(&self, weeks: Weeks) -> BTreeMap<u16, u64> {
        self.buckets(weeks, |m| match m {
            Measure::AckTime(b) => Some(b),
            _ => None,
        })
    }

    /// Urgent reports' acknowledgement times by bucket, of those that arrived out of the
    /// school's reading hours (`true`) or in them (the urgent ones less those).
    pub fn urgent_ack_times(&self, weeks: Weeks, out_of_hours: bool) -> BTreeMap<u16, u64> {
        let out = self.buckets(weeks, |m| match m {
            Measure::UrgentOutOfHoursAckTime(b) => Some(b),
            _ => None,
        });
        if out_of_hours {
            return out;
        }
        let mut all = self.buckets(weeks, |m| match m {
            Measure::UrgentAckTime(b) => Some(b),
            _ => None,
        });
        for (b, n) in out {
            if let Some(count) = all.get_mut(&b) {
                *count = count.saturating_sub(n);
            }
        }
        all.retain(|_, n| *n > 0);
        all
    }

    fn buckets(&self, weeks: Weeks, bucket: impl Fn(Measure) -> Option<u16>) -> BTreeMap<u16, u64> {
        let mut out = BTreeMap::new();
        for (_, by) in self.other.range(weeks.0..weeks.1.max(weeks.0)) {
            for (m, n) in by {
                if let Some(b) = bucket(*m) {
                    *out.entry(b).or_default() += n;
                }
            }
        }
        out
    }
}

/// The figures counted once per period (not per week or place).
fn per_period(weeks: Weeks) -> Vec<Figure> {
    let mut out = vec![
        Figure::Incidents(weeks),
        Figure::LinkedOn(weeks),
        Figure::Acknowledged(weeks),
        Figure::Waiting(weeks),
        Figure::InTarget(weeks),
        Figure::Late(weeks),
        Figure::Urgent(weeks),
        Figure::UrgentInHour(weeks),
        Figure::UrgentOther(weeks),
        Figure::UrgentInHours(weeks),
        Figure::UrgentOutOfHours(weeks),
        Figure::Closed(weeks, None),
        Figure::Misuse(weeks),
        Figure::Referred(weeks, None),
    ];
    out.extend(Outcome::ALL.iter().map(|o| Figure::Closed(weeks, Some(*o))));
    out.extend(referral_statuses().map(|s| Figure::Referred(weeks, Some(s))));
    out
}

pub fn referral_statuses() -> impl Iterator<Item = Status> {
    Status::ALL.iter().copied().filter(|s| s.is_referral())
}

/// Adds reports in `weeks` by kind (and place, with `places`), with their totals and sums.
fn add_reports(ledger: &mut Ledger<Figure>, counted: &Counted, weeks: Weeks, places: bool) {
    let by = counted.reports(weeks);
    let mut by_kind: BTreeMap<Category, u64> = BTreeMap::new();
    let mut by_place: BTreeMap<Location, u64> = BTreeMap::new();
    for ((loc, cat), n) in &by {
        *by_kind.entry(*cat).or_default() += n;
        *by_place.entry(*loc).or_default() += n;
    }
    let reports = |f| Figure::Reports(weeks, None, f);
    let total = ledger.count(reports(None), by.values().sum());
    let kinds: Vec<usize> = Category::ALL
        .iter()
        .map(|c| ledger.count(reports(Some(*c)), by_kind.get(c).copied().unwrap_or(0)))
        .collect();
    ledger.relate(total, kinds.clone());
    if !places {
        return;
    }
    let mut place_totals = Vec::new();
    let mut grid = Vec::new();
    for loc in Location::ALL {
        let cells: Vec<usize> = Category::ALL
            .iter()
            .map(|c| {
                let n = by.get(&(*loc, *c)).copied().unwrap_or(0);
                ledger.count(Figure::Reports(weeks, Some(*loc), Some(*c)), n)
            })
            .collect();
        let n = by_place.get(loc).copied().unwrap_or(0);
        let place = ledger.count(Figure::Reports(weeks, Some(*loc), None), n);
        ledger.relate(place, cells.clone());
        place_totals.push(place);
        grid.push(cells);
    }
    ledger.relate(total, place_totals);
    for (j, kind) in kinds.iter().enumerate() {
        ledger.relate(*kind, grid.iter().map(|row| row[j]).collect());
    }
}

/// Adds the acknowledgement, outcome and referral figures of `weeks`, with their sums.
fn add_per_period(ledger: &mut Ledger<Figure>, counted: &Counted, weeks: Weeks) {
    let m = |measure| counted.measure(weeks, measure);
    let reports: u64 = counted.reports(weeks).values().sum();
    let (acknowledged, in_target) = (m(Measure::Acknowledged), m(Measure::AckInTarget));
    let (urgent, in_hour) = (m(Measure::Urgent), m(Measure::UrgentAckInHour));
    let total = ledger.count(Figure::Reports(weeks, None, None), reports);
    let linked = m(Measure::LinkedOn);
    let incidents = ledger.count(Figure::Incidents(weeks), reports.saturating_sub(linked));
    let linked = ledger.unpublished(Figure::LinkedOn(weeks), linked);
    ledger.relate(total, vec![incidents, linked]);
    let ack = ledger.count(Figure::Acknowledged(weeks), acknowledged);
    let waiting = ledger.count(Figure::Waiting(weeks), reports.saturating_sub(acknowledged));
    ledger.relate(total, vec![ack, waiting]);
    let on_time = ledger.count(Figure::InTarget(weeks), in_target);
    let late = ledger.unpublished(Figure::Late(weeks), acknowledged.saturating_sub(in_target));
    ledger.relate(ack, vec![on_time, late]);
    let urgent_id = ledger.count(Figure::Urgent(weeks), urgent);
    let hour = ledger.count(Figure::UrgentInHour(weeks), in_hour);
    let rest = ledger.unpublished(Figure::UrgentOther(weeks), urgent.saturating_sub(in_hour));
    ledger.relate(urgent_id, vec![hour, rest]);
    let out_of_hours = m(Measure::UrgentOutOfHours);
    let in_hours = ledger.count(
        Figure::UrgentInHours(weeks),
        urgent.saturating_sub(out_of_hours),
    );
    let out_of_hours = ledger.count(Figure::UrgentOutOfHours(weeks), out_of_hours);
    ledger.relate(urgent_id, vec![in_hours, out_of_hours]);
    let outcomes: Vec<usize> = Outcome::ALL
        .iter()
        .map(|o| ledger.count(Figure::Closed(weeks, Some(*o)), m(Measure::Closed(*o))))
        .collect();
    let closed = Outcome::ALL.iter().map(|o| m(Measure::Closed(*o))).sum();
    let closed = ledger.count(Figure::Closed(weeks, None), closed);
    ledger.relate(closed, outcomes.clone());
    add_misuse(ledger, counted, weeks, &outcomes);
    let referrals: Vec<usize> = referral_statuses()
        .map(|s| ledger.count(Figure::Referred(weeks, Some(s)), m(Measure::Referred(s))))
        .collect();
    let referred = referral_statuses().map(|s| m(Measure::Referred(s))).sum();
    let referred = ledger.count(Figure::Referred(weeks, None), referred);
    ledger.relate(referred, referrals);
}

/// Adds the misuse figure of `weeks`: the sum of the misuse outcomes (`outcomes` are the
/// ids of every outcome's figure, in [`Outcome::ALL`] order).
fn add_misuse(ledger: &mut Ledger<Figure>, counted: &Counted, weeks: Weeks, outcomes: &[usize]) {
    let misuse: Vec<(Outcome, usize)> = Outcome::ALL
        .iter()
        .zip(outcomes)
        .filter(|(o, _)| o.is_misuse())
        .map(|(o, id)| (*o, *id))
        .collect();
    let n = misuse
        .iter()
        .map(|(o, _)| counted.measure(weeks, Measure::Closed(*o)))
        .sum();
    let total = ledger.count(Figure::Misuse(weeks), n);
    ledger.relate(total, misuse.into_iter().map(|(_, id)| id).collect());
}

/// Every figure of one scope over `periods`, by week and by term, with every sum that
/// ties them: not yet audited.
pub fn book(counted: &Counted, periods: &[WeekRange]) -> Ledger<Figure> {
    let mut ledger = Ledger::default();
    for period in periods {
        let whole = (period.from_week, period.to_week);
        add_reports(&mut ledger, counted, whole, true);
        add_per_period(&mut ledger, counted, whole);
        for by in By::ALL {
            let rows = rows(period, by);
            for (_, weeks) in &rows {
                add_reports(&mut ledger, counted, *weeks, false);
            }
            for cat in Category::ALL.iter().copied().map(Some).chain([None]) {
                let Some(total) = ledger.id(&Figure::Reports(whole, None, cat)) else {
                    continue;
                };
                let parts = rows
                    .iter()
                    .filter_map(|(_, w)| ledger.id(&Figure::Reports(*w, None, cat)))
                    .collect();
                ledger.relate(total, parts);
            }
        }
    }
    // A period made of two others (this year, when it is last term and this one): its
    // acknowledgement, outcome and referral figures are their sums.
    let spans: Vec<Weeks> = periods.iter().map(|p| (p.from_week, p.to_week)).collect();
    for whole in &spans {
        for a in &spans {
            for b in &spans {
                if a.0 == whole.0 && a.1 == b.0 && b.1 == whole.1 && a.0 < a.1 && b.0 < b.1 {
                    for ((w, x), y) in per_period(*whole)
                        .into_iter()
                        .zip(per_period(*a))
                        .zip(per_period(*b))
                    {
                        if let (Some(w), Some(x), Some(y)) =
                            (ledger.id(&w), ledger.id(&x), ledger.id(&y))
                        {
                            ledger.relate(w, vec![x, y]);
                        }
                    }
                }
            }
        }
    }
    ledger
}

/// The figures of several schools together, audited beside each school's own (already
/// audited, and left as they are): only figures of the schools together are hidden.
pub fn together(
    schools: &[(SchoolId, Ledger<Figure>)],
    all: &Ledger<Figure>,
) -> BTreeMap<Figure, Shown> {
    let mut both: Ledger<(Option<SchoolId>, Figure)> = Ledger::default();
    for (id, ledger) in schools {
        both.absorb(ledger, |f| (Some(*id), f.clone()), false);
    }
    both.absorb(all, |f| (None, f.clone()), true);
    let figures: Vec<Figure> = all.entries().map(|(f, _, _, _)| f.clone()).collect();
    for f in figures {
        let Some(total) = both.id(&(None, f.clone())) else {
            continue;
        };
        let parts: Option<Vec<usize>> = schools
            .iter()
            .map(|(id, _)| both.id(&(Some(*id), f.clone())))
            .collect();
        if let Some(parts) = parts {
            both.relate(total, parts);
        }
    }
    both.audit();
    both.entries()
        .filter(|((school, _), _, _, _)| school.is_none())
        .map(|((_, f), _, shown, _)| (f.clone(), shown))
        .collect()
}

/// A scope's own figures, audited.
pub fn alone(ledger: &mut Ledger<Figure>) -> BTreeMap<Figure, Shown> {
    ledger.audit();
    ledger
        .entries()
        .map(|(f, _, shown, _)| (f.clone(), shown))
        .collect()
}
