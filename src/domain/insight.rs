//! Insight figures: what each report adds to its school's counts, the buckets that hold
//! acknowledgement times, and the small-number rule that hides counts from 1 to 4 and
//! whatever would let one be worked out from a total.

use super::choices::{Category, Location, Outcome, Status};
use super::ids::SchoolId;

/// Counts below this (and above zero) are never shown.
pub const SMALL_BELOW: u64 = 5;

/// One thing counted per school, week, category and location.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Measure {
    Reports,
    Urgent,
    Acknowledged,
    /// Acknowledged within the school's agreed time (as it was when acknowledged).
    AckInTarget,
    UrgentAcknowledged,
    UrgentAckInHour,
    Closed(Outcome),
    /// The last referral the report went through.
    Referred(Status),
    /// Acknowledged after a time in this bucket (see [`ack_bucket`]).
    AckTime(u16),
    /// The same, for urgent reports only.
    UrgentAckTime(u16),
}

impl Measure {
    /// Its stored name.
    pub fn key(self) -> String {
        match self {
            Measure::Reports => "reports".into(),
            Measure::Urgent => "urgent".into(),
            Measure::Acknowledged => "acknowledged".into(),
            Measure::AckInTarget => "ack_in_target".into(),
            Measure::UrgentAcknowledged => "urgent_acknowledged".into(),
            Measure::UrgentAckInHour => "urgent_ack_in_hour".into(),
            Measure::Closed(o) => format!("closed:{}", o.as_str()),
            Measure::Referred(s) => format!("referred:{}", s.as_str()),
            Measure::AckTime(b) => format!("ack:{b}"),
            Measure::UrgentAckTime(b) => format!("urgent_ack:{b}"),
        }
    }

    pub fn parse(key: &str) -> Option<Self> {
        Some(match key {
            "reports" => Measure::Reports,
            "urgent" => Measure::Urgent,
            "acknowledged" => Measure::Acknowledged,
            "ack_in_target" => Measure::AckInTarget,
            "urgent_acknowledged" => Measure::UrgentAcknowledged,
            "urgent_ack_in_hour" => Measure::UrgentAckInHour,
            _ => {
                let (kind, value) = key.split_once(':')?;
                match kind {
                    "closed" => Measure::Closed(Outcome::parse(value)?),
                    "referred" => {
                        Measure::Referred(Status::parse(value).filter(|s| s.is_referral())?)
                    }
                    "ack" => Measure::AckTime(value.parse().ok().filter(|b| *b < BUCKETS)?),
                    "urgent_ack" => {
                        Measure::UrgentAckTime(value.parse().ok().filter(|b| *b < BUCKETS)?)
                    }
                    _ => return None,
                }
            }
        })
    }

    /// Only reports are counted by category and location (the hotspot table needs them);
    /// every other measure is shown as a total for the period, so it is counted per school
    /// and week alone, which keeps a week's counts a few hundred lines long.
    fn per_category(self) -> bool {
        matches!(self, Measure::Reports)
    }
}

/// The clear triage facts of one report, as they stand.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fact {
    pub school: SchoolId,
    /// Week number (see `time::uk_week`).
    pub week: i64,
    pub category: Category,
    pub location: Location,
    pub urgent: bool,
    pub acknowledged_after: Option<i64>,
    /// The school's agreed time to acknowledge, in seconds.
    pub target_seconds: i64,
    pub outcome: Option<Outcome>,
    pub referral: Option<Status>,
}

/// One counter to move.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Counter {
    pub school: SchoolId,
    pub week: i64,
    pub category: Option<Category>,
    pub location: Option<Location>,
    pub measure: Measure,
}

impl Fact {
    /// Every counter this report adds one to.
    pub fn counters(&self) -> Vec<Counter> {
        let mut measures = vec![Measure::Reports];
        if self.urgent {
            measures.push(Measure::Urgent);
        }
        if let Some(after) = self.acknowledged_after {
            let after = after.max(0);
            measures.push(Measure::Acknowledged);
            if after <= self.target_seconds {
                measures.push(Measure::AckInTarget);
            }
            measures.push(Measure::AckTime(ack_bucket(after)));
            if self.urgent {
                measures.push(Measure::UrgentAcknowledged);
                measures.push(Measure::UrgentAckTime(ack_bucket(after)));
                if after <= 3_600 {
                    measures.push(Measure::UrgentAckInHour);
                }
            }
        }
        if let Some(outcome) = self.outcome {
            measures.push(Measure::Closed(outcome));
        }
        if let Some(referral) = self.referral.filter(|s| s.is_referral()) {
            measures.push(Measure::Referred(referral));
        }
        measures
            .into_iter()
            .map(|measure| {
                let detailed = measure.per_category();
                Counter {
                    school: self.school,
                    week: self.week,
                    category: detailed.then_some(self.category),
                    location: detailed.then_some(self.location),
                    measure,
                }
            })
            .collect()
    }
}

/// What moves when a report's facts go from `old` to `new` (either may be absent): each
/// counter with a non-zero change, in a fixed order.
pub fn changes(old: Option<&Fact>, new: Option<&Fact>) -> Vec<(Counter, i64)> {
    let mut moved: std::collections::BTreeMap<Counter, i64> = Default::default();
    for c in old.map(Fact::counters).unwrap_or_default() {
        *moved.entry(c).or_default() -= 1;
    }
    for c in new.map(Fact::counters).unwrap_or_default() {
        *moved.entry(c).or_default() += 1;
    }
    moved.into_iter().filter(|(_, n)| *n != 0).collect()
}

/// How many acknowledgement-time buckets there are.
pub const BUCKETS: u16 = 1_230;

const HOUR: i64 = 3_600;
const DAY: i64 = 86_400;

/// The bucket an acknowledgement time falls in: to the minute under an hour, to ten
/// minutes under a day, to the hour under 30 days, to the day under a year.
pub fn ack_bucket(seconds: i64) -> u16 {
    let s = seconds.max(0);
    let b = if s < HOUR {
        s / 60
    } else if s < DAY {
        60 + (s - HOUR) / 600
    } else if s < 30 * DAY {
        198 + (s - DAY) / HOUR
    } else if s < 365 * DAY {
        894 + (s - 30 * DAY) / DAY
    } else {
        i64::from(BUCKETS) - 1
    };
    b as u16
}

/// The longest time in a bucket (in seconds): what a percentile in it is reported as.
pub fn bucket_upper(bucket: u16) -> i64 {
    let b = i64::from(bucket);
    if b < 60 {
        (b + 1) * 60
    } else if b < 198 {
        HOUR + (b - 59) * 600
    } else if b < 894 {
        DAY + (b - 197) * HOUR
    } else if b < i64::from(BUCKETS) - 1 {
        30 * DAY + (b - 893) * DAY
    } else {
        365 * DAY
    }
}

/// The nearest-rank percentile (`p` in 0..=1) of times counted by bucket, as the
/// longest time of its bucket; `None` with nothing counted.
pub fn percentile(counts: &std::collections::BTreeMap<u16, u64>, p: f64) -> Option<i64> {
    let total: u64 = counts.values().sum();
    if total == 0 {
        return None;
    }
    let rank = ((p * total as f64).ceil() as u64).clamp(1, total);
    let mut seen = 0;
    for (bucket, n) in counts {
        seen += n;
        if seen >= rank {
            return Some(bucket_upper(*bucket));
        }
    }
    None
}

/// A count as it may be shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shown {
    Count(u64),
    /// From 1 to 4: "fewer than 5".
    Small,
    /// 5 or more, hidden so that a small number cannot be worked out from a total.
    Hidden,
}

impl Shown {
    pub fn is_hidden(self) -> bool {
        !matches!(self, Shown::Count(_))
    }
}

/// A table of counts with its row totals, column totals and grand total, as shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grid {
    pub cells: Vec<Vec<Shown>>,
    pub row_totals: Vec<Shown>,
    pub column_totals: Vec<Shown>,
    pub total: Shown,
    /// Columns holding a small count no rectangle could cover (the caller folds them
    /// into another column, whose total then stops giving them away).
    pub exposed_columns: Vec<usize>,
    /// A small row total no rectangle could cover: the table must not be shown.
    pub exposed_rows: bool,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mark {
    Shown,
    Small,
    Hidden,
}

fn is_small(n: u64) -> bool {
    n > 0 && n < SMALL_BELOW
}

/// Hides every count from 1 to 4 in a table, then hides more until none of them can be
/// worked out: each could be another value from 1 to 4 with every shown number on the
/// page unchanged: for each, there is a rectangle of hidden counts (its own row and another,
/// its own column and another; a row total may be a corner) around which adding to two
/// corners and taking from the other two keeps each hidden count within what it is
/// shown as ("fewer than 5": 1 to 4; "hidden": 5 or more). Such a rectangle changes no
/// row total, column total or shown count, so nobody can tell the tables apart. The
/// cheapest rectangle is added each time (smallest counts, cells before totals; never a
/// zero, which would tell nothing while hidden).
///
/// Column totals and the grand total are shown as they are and never take part: the
/// caller makes them 0 or 5 and more (see [`merge_small_columns`]), so two tables that
/// share them (weeks × categories, places × categories) can be hidden independently.
pub fn suppress(values: &[Vec<u64>]) -> Grid {
    let rows = values.len();
    let cols = values.first().map_or(0, Vec::len);
    // Counts with each row's total in the last column.
    let mut v = vec![vec![0u64; cols + 1]; rows];
    let mut column_totals = vec![0u64; cols];
    for (i, row) in values.iter().enumerate() {
        for j in 0..cols {
            let x = row.get(j).copied().unwrap_or(0);
            v[i][j] = x;
            v[i][cols] += x;
            column_totals[j] += x;
        }
    }
    let mut mark: Vec<Vec<Mark>> = v
        .iter()
        .map(|row| {
            row.iter()
                .map(|&x| {
                    if is_small(x) {
                        Mark::Small
                    } else {
                        Mark::Shown
                    }
                })
                .collect()
        })
        .collect();
    let mut given_up = Vec::new();
    loop {
        let exposed = (0..rows)
            .flat_map(|i| (0..=cols).map(move |j| (i, j)))
            .find(|&(i, j)| {
                mark[i][j] == Mark::Small
                    && !given_up.contains(&(i, j))
                    && !protected(&v, &mark, (i, j))
            });
        let Some(p) = exposed else { break };
        if !hide_cheapest_rectangle(&v, &mut mark, p) {
            // No rectangle at all: hide the rest of its row and column, and try again.
            let before = mark.clone();
            let (pi, pj) = p;
            for (i, row) in mark.iter_mut().enumerate() {
                for (j, m) in row.iter_mut().enumerate() {
                    if (i == pi || j == pj || j == cols) && *m == Mark::Shown && v[i][j] > 0 {
                        *m = Mark::Hidden;
                    }
                }
            }
            if mark == before {
                given_up.push(p);
            }
        }
    }
    let shown = |i: usize, j: usize| match mark[i][j] {
        Mark::Shown => Shown::Count(v[i][j]),
        Mark::Small => Shown::Small,
        Mark::Hidden => Shown::Hidden,
    };
    let grand: u64 = column_totals.iter().sum();
    Grid {
        cells: (0..rows)
            .map(|i| (0..cols).map(|j| shown(i, j)).collect())
            .collect(),
        row_totals: (0..rows).map(|i| shown(i, cols)).collect(),
        column_totals: column_totals.into_iter().map(shown_total).collect(),
        total: shown_total(grand),
        exposed_columns: {
            let mut c: Vec<usize> = given_up.iter().map(|p| p.1).filter(|j| *j < cols).collect();
            c.sort_unstable();
            c.dedup();
            c
        },
        exposed_rows: given_up.iter().any(|p| p.1 == cols),
    }
}

fn shown_total(n: u64) -> Shown {
    if is_small(n) {
        Shown::Small
    } else {
        Shown::Count(n)
    }
}

/// Whether the rectangle with corners `a` and `d` lets `a` take another value from 1 to 4
/// with every corner still within what it is shown as.
fn rectangle_works(
    v: &[Vec<u64>],
    mark: &[Vec<Mark>],
    a: (usize, usize),
    d: (usize, usize),
) -> bool {
    let cols = v[0].len() - 1;
    // A row total moves against its row's counts.
    let sign = |j: usize| if j == cols { -1i64 } else { 1 };
    let value = v[a.0][a.1] as i64;
    let (mut lo, mut hi) = (1 - value, 4 - value);
    for ((i, j), turn) in [((a.0, d.1), -1i64), ((d.0, a.1), -1), (d, 1)] {
        // This corner moves by `k * change` of `a`.
        let k = sign(j) * turn * sign(a.1);
        let w = v[i][j] as i64;
        let (min, max) = match mark[i][j] {
            Mark::Shown => return false,
            Mark::Small => (1, 4),
            Mark::Hidden => (SMALL_BELOW as i64, i64::MAX / 4),
        };
        // min <= w + k * change <= max
        let (from, to) = if k > 0 {
            (min - w, max - w)
        } else {
            (w - max, w - min)
        };
        lo = lo.max(from);
        hi = hi.min(to);
    }
    lo <= hi && (lo != 0 || hi != 0)
}

fn protected(v: &[Vec<u64>], mark: &[Vec<Mark>], a: (usize, usize)) -> bool {
    (0..v.len()).filter(|&i| i != a.0).any(|i| {
        (0..v[0].len())
            .filter(|&j| j != a.1)
            .any(|j| rectangle_works(v, mark, a, (i, j)))
    })
}

/// Hides the cheapest set of counts that makes a rectangle for `a`; `false` if none can.
fn hide_cheapest_rectangle(v: &[Vec<u64>], mark: &mut [Vec<Mark>], a: (usize, usize)) -> bool {
    let cols = v[0].len() - 1;
    let mut best: Option<(u64, [(usize, usize); 3])> = None;
    for i in (0..v.len()).filter(|&i| i != a.0) {
        for j in (0..=cols).filter(|&j| j != a.1) {
            let corners = [(a.0, j), (i, a.1), (i, j)];
            if corners
                .iter()
                .any(|&(ci, cj)| mark[ci][cj] == Mark::Shown && v[ci][cj] == 0)
            {
                continue;
            }
            let mut trial = mark.to_vec();
            let mut cost = 0;
            for &(ci, cj) in &corners {
                if trial[ci][cj] == Mark::Shown {
                    trial[ci][cj] = Mark::Hidden;
                    cost += v[ci][cj] + if cj == cols { 50 } else { 0 };
                }
            }
            if rectangle_works(v, &trial, a, (i, j)) && best.is_none_or(|(c, _)| cost < c) {
                best = Some((cost, corners));
            }
        }
    }
    let Some((_, corners)) = best else {
        return false;
    };
    for (ci, cj) in corners {
        if mark[ci][cj] == Mark::Shown {
            mark[ci][cj] = Mark::Hidden;
        }
    }
    true
}

/// Which columns to fold into one so that no column total is from 1 to 4: the small
/// ones go into `into` (the "something else" column), and while that is still small,
/// the smallest other column with reports joins it. Returns, for each column, the column
/// it is counted in.
pub fn merge_small_columns(totals: &[u64], into: usize) -> Vec<usize> {
    let mut target: Vec<usize> = (0..totals.len()).collect();
    let mut merged = vec![false; totals.len()];
    for (j, &t) in totals.iter().enumerate() {
        if is_small(t) && j != into {
            target[j] = into;
            merged[j] = true;
        }
    }
    loop {
        let sum: u64 = (0..totals.len())
            .filter(|&j| target[j] == into)
            .map(|j| totals[j])
            .sum();
        if !is_small(sum) {
            return target;
        }
        let next = (0..totals.len())
            .filter(|&j| target[j] != into && totals[j] > 0)
            .min_by_key(|&j| totals[j]);
        match next {
            Some(j) => target[j] = into,
            // Everything is in one column and it is still small: the caller hides it all.
            None => return target,
        }
    }
}

/// A list of counts with its total. With a total from 1 to 4, everything is hidden;
/// otherwise each count from 1 to 4 has another hidden count it can trade with (adding
/// to one and taking from the other keeps both within what they are shown as), so none
/// can be worked out from the total.
pub fn suppress_list(values: &[u64]) -> (Vec<Shown>, Shown) {
    let total: u64 = values.iter().sum();
    if is_small(total) {
        return (values.iter().map(|_| Shown::Small).collect(), Shown::Small);
    }
    let mut mark: Vec<Mark> = values
        .iter()
        .map(|&n| {
            if is_small(n) {
                Mark::Small
            } else {
                Mark::Shown
            }
        })
        .collect();
    let trades = |mark: &[Mark], a: usize, b: usize| {
        let va = values[a] as i64;
        let vb = values[b] as i64;
        let (min, max) = match mark[b] {
            Mark::Shown => return false,
            Mark::Small => (1, 4),
            Mark::Hidden => (SMALL_BELOW as i64, i64::MAX / 4),
        };
        // a + change in 1..=4 and b - change in min..=max, for some change other than 0.
        let lo = (1 - va).max(vb - max);
        let hi = (4 - va).min(vb - min);
        lo <= hi && (lo != 0 || hi != 0)
    };
    loop {
        let exposed = (0..values.len()).find(|&a| {
            mark[a] == Mark::Small && !(0..values.len()).any(|b| b != a && trades(&mark, a, b))
        });
        let Some(a) = exposed else { break };
        let partner = (0..values.len())
            .filter(|&b| b != a && mark[b] == Mark::Shown && values[b] > 0)
            .filter(|&b| {
                let mut trial = mark.clone();
                trial[b] = Mark::Hidden;
                trades(&trial, a, b)
            })
            .min_by_key(|&b| values[b]);
        match partner {
            Some(b) => mark[b] = Mark::Hidden,
            None => {
                // Nothing to trade with: the whole list goes.
                return (
                    values.iter().map(|_| Shown::Hidden).collect(),
                    Shown::Count(total),
                );
            }
        }
    }
    (
        values
            .iter()
            .zip(&mark)
            .map(|(&n, m)| match m {
                Mark::Shown => Shown::Count(n),
                Mark::Small => Shown::Small,
                Mark::Hidden => Shown::Hidden,
            })
            .collect(),
        Shown::Count(total),
    )
}

/// A single count on its own.
pub fn shown(n: u64) -> Shown {
    if n > 0 && n < SMALL_BELOW {
        Shown::Small
    } else {
        Shown::Count(n)
    }
}

/// `part` out of `whole` as a whole percentage, only when neither `part` nor the rest is
/// a small number (either would be given away by the percentage and the total).
pub fn share(part: u64, whole: u64) -> Option<u64> {
    let rest = whole.checked_sub(part)?;
    let small = |n: u64| n > 0 && n < SMALL_BELOW;
    if whole < SMALL_BELOW || small(part) || small(rest) {
        return None;
    }
    Some((part * 100 + whole / 2) / whole)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every assignment of the hidden counts (small ones 1..=4, other hidden ones
    /// 5..=max) that matches every shown count, row total and column total: what someone
    /// with the page could consider. Returns, for each small count, the values it can take.
    fn feasible_small_values(values: &[Vec<u64>], grid: &Grid, max: u64) -> Vec<Vec<u64>> {
        let rows = values.len();
        let cols = values[0].len();
        // Positions (i, j), j == cols for a row total.
        let mut hidden = Vec::new();
        for i in 0..rows {
            for j in 0..=cols {
                let shown = if j == cols {
                    grid.row_totals[i]
                } else {
                    grid.cells[i][j]
                };
                if shown.is_hidden() {
                    hidden.push((i, j, shown == Shown::Small));
                }
            }
        }
        assert!(
            hidden.len() <= 12,
            "too many hidden counts to search: {}",
            hidden.len()
        );
        let actual = |i: usize, j: usize| {
            if j == cols {
                values[i].iter().sum::<u64>()
            } else {
                values[i][j]
            }
        };
        let column_totals: Vec<u64> = (0..cols)
            .map(|j| (0..rows).map(|i| values[i][j]).sum())
            .collect();
        let grand: u64 = column_totals.iter().sum();
        let mut seen = vec![Vec::new(); hidden.len()];
        let mut guess = vec![0u64; hidden.len()];
        // Hidden positions are in row order: a row is checked as soon as it is filled.
        let at = |guess: &[u64], filled: usize, i: usize, j: usize| {
            hidden[..filled]
                .iter()
                .position(|&(hi, hj, _)| hi == i && hj == j)
                .map_or(actual(i, j), |k| guess[k])
        };
        let row_ok = |guess: &[u64], filled: usize, i: usize| {
            (0..cols).map(|j| at(guess, filled, i, j)).sum::<u64>() == at(guess, filled, i, cols)
        };
        let columns_ok = |guess: &[u64]| {
            (0..cols).all(|j| {
                (0..rows)
                    .map(|i| at(guess, hidden.len(), i, j))
                    .sum::<u64>()
                    == column_totals[j]
            })
        };
        #[allow(clippy::too_many_arguments)]
        fn search(
            k: usize,
            hidden: &[(usize, usize, bool)],
            guess: &mut Vec<u64>,
            seen: &mut Vec<Vec<u64>>,
            bound: &dyn Fn(usize) -> u64,
            row_ok: &dyn Fn(&[u64], usize, usize) -> bool,
            columns_ok: &dyn Fn(&[u64]) -> bool,
        ) {
            if k > 0
                && (k == hidden.len() || hidden[k].0 != hidden[k - 1].0)
                && !row_ok(guess, k, hidden[k - 1].0)
            {
                return;
            }
            if k == hidden.len() {
                if columns_ok(guess) {
                    for (n, g) in guess.iter().enumerate() {
                        if !seen[n].contains(g) {
                            seen[n].push(*g);
                        }
                    }
                }
                return;
            }
            let range = if hidden[k].2 { 1..=4 } else { 5..=bound(k) };
            for g in range {
                guess[k] = g;
                search(k + 1, hidden, guess, seen, bound, row_ok, columns_ok);
            }
        }
        let bound = |k: usize| {
            let (_, j, _) = hidden[k];
            if j == cols {
                grand
            } else {
                column_totals[j]
            }
        };
        let _ = max;
        search(
            0,
            &hidden,
            &mut guess,
            &mut seen,
            &bound,
            &row_ok,
            &columns_ok,
        );
        hidden
            .iter()
            .zip(seen)
            .filter(|((_, _, small), _)| *small)
            .map(|(_, s)| s)
            .collect()
    }

    fn assert_protected(values: Vec<Vec<u64>>) {
        let grid = suppress(&values);
        for (i, row) in values.iter().enumerate() {
            for (j, &x) in row.iter().enumerate() {
                if (1..5).contains(&x) {
                    assert_eq!(grid.cells[i][j], Shown::Small, "cell {i},{j} of {values:?}");
                } else if let Shown::Count(shown) = grid.cells[i][j] {
                    assert_eq!(shown, x);
                }
            }
        }
        let max = values.iter().flatten().sum::<u64>() + 1;
        if !grid.exposed_columns.is_empty() || grid.exposed_rows {
            // The caller folds those columns away; nothing to check here.
            return;
        }
        for options in feasible_small_values(&values, &grid, max) {
            assert!(
                options.len() >= 2,
                "a small count can be worked out in {values:?}: {grid:?}"
            );
        }
    }

    #[test]
    fn counts_from_one_to_four_are_hidden_and_others_shown() {
        let grid = suppress(&[vec![0, 1, 4, 5, 30]]);
        assert_eq!(grid.cells[0][0], Shown::Count(0));
        assert_eq!(grid.cells[0][1], Shown::Small);
        assert_eq!(grid.cells[0][2], Shown::Small);
        assert_eq!(grid.total, Shown::Count(40));
    }

    #[test]
    fn a_lone_small_cell_cannot_be_worked_out_from_its_row_total() {
        let values = vec![vec![3, 20, 7], vec![9, 12, 30]];
        let grid = suppress(&values);
        assert_eq!(grid.cells[0][0], Shown::Small);
        assert!(grid.cells[0][1].is_hidden() || grid.cells[0][2].is_hidden());
        assert_protected(values);
    }

    #[test]
    fn a_secondary_cell_too_small_to_cover_is_not_enough() {
        // 1 + 5 = 6 with the hidden 5 known to be at least 5 would give the 1 away.
        assert_protected(vec![vec![1, 5, 9], vec![8, 7, 40]]);
        // A column of 1 and 5 alone cannot hide its 1: it is reported for folding.
        let grid = suppress(&[vec![1, 9], vec![5, 9]]);
        assert_eq!(grid.exposed_columns, vec![0]);
    }

    #[test]
    fn crafted_tables_keep_every_small_count_between_one_and_four() {
        for values in [
            vec![vec![3, 10], vec![12, 8]],
            vec![vec![1, 0, 6], vec![0, 2, 9], vec![7, 8, 0]],
            vec![vec![2, 30], vec![5, 9]],
            vec![vec![4, 5], vec![5, 6]],
            vec![vec![1, 10], vec![4, 10]],
            vec![vec![1, 10, 12], vec![10, 4, 9]],
            vec![vec![0, 3, 8], vec![6, 0, 7]],
        ] {
            assert_protected(values);
        }
    }

    #[test]
    fn small_columns_are_folded_into_something_else() {
        assert_eq!(merge_small_columns(&[3, 20, 0, 6], 3), vec![3, 1, 2, 3]);
        // Still small after folding: the smallest other column joins.
        assert_eq!(merge_small_columns(&[2, 20, 7, 0], 3), vec![3, 1, 3, 3]);
        assert_eq!(merge_small_columns(&[0, 3], 1), vec![0, 1]);
    }

    #[test]
    fn lists_hide_a_small_count_with_a_partner_it_can_trade_with() {
        let (shown, total) = suppress_list(&[2, 30, 9, 0]);
        assert_eq!(total, Shown::Count(41));
        assert_eq!(shown[0], Shown::Small);
        assert_eq!(shown[2], Shown::Hidden);
        assert_eq!(shown[1], Shown::Count(30));
        assert_eq!(shown[3], Shown::Count(0));
        // 2 + 3 = 5: the two small ones cover each other.
        let (shown, _) = suppress_list(&[2, 3, 30]);
        assert_eq!(shown, vec![Shown::Small, Shown::Small, Shown::Count(30)]);
        assert_eq!(suppress_list(&[1, 2]).1, Shown::Small);
    }

    #[test]
    fn shares_are_given_only_when_no_small_number_is_behind_them() {
        assert_eq!(share(8, 10), None);
        assert_eq!(share(10, 10), Some(100));
        assert_eq!(share(5, 10), Some(50));
        assert_eq!(share(3, 4), None);
        assert_eq!(share(0, 0), None);
    }

    #[test]
    fn buckets_cover_every_time_in_order() {
        let mut last = 0;
        for s in (0..400 * DAY).step_by(97) {
            let b = ack_bucket(s);
            assert!(b >= last && b < BUCKETS);
            assert!(bucket_upper(b) >= s.min(365 * DAY), "{s} in {b}");
            last = b;
        }
        assert_eq!(bucket_upper(ack_bucket(59)), 60);
        assert_eq!(bucket_upper(ack_bucket(3_600)), 4_200);
        assert_eq!(bucket_upper(ack_bucket(DAY)), DAY + HOUR);
    }

    #[test]
    fn percentiles_take_the_nearest_rank() {
        let counts: std::collections::BTreeMap<u16, u64> = [
            (ack_bucket(30), 5),
            (ack_bucket(7_200), 4),
            (ack_bucket(2 * DAY), 1),
        ]
        .into();
        assert_eq!(percentile(&counts, 0.5), Some(60));
        assert_eq!(percentile(&counts, 0.9), Some(7_800));
        assert_eq!(percentile(&Default::default(), 0.5), None);
    }

    #[test]
    fn a_change_moves_only_what_changed() {
        let open = Fact {
            school: SchoolId(1),
            week: 2900,
            category: Category::Bullying,
            location: Location::Toilets,
            urgent: true,
            acknowledged_after: None,
            target_seconds: 86_400,
            outcome: None,
            referral: None,
        };
        let acked = Fact {
            acknowledged_after: Some(1_800),
            ..open.clone()
        };
        let moved = changes(Some(&open), Some(&acked));
        let measures: Vec<Measure> = moved.iter().map(|(c, _)| c.measure).collect();
        assert!(moved.iter().all(|(_, n)| *n == 1));
        for m in [
            Measure::Acknowledged,
            Measure::AckInTarget,
            Measure::UrgentAcknowledged,
            Measure::UrgentAckInHour,
            Measure::AckTime(30),
            Measure::UrgentAckTime(30),
        ] {
            assert!(measures.contains(&m), "{m:?}");
        }
        assert!(!measures.contains(&Measure::Reports));
        assert_eq!(changes(Some(&acked), Some(&acked)), vec![]);
        for m in [
            Measure::Closed(Outcome::Duplicate),
            Measure::Referred(Status::ReferredPolice),
            Measure::AckTime(17),
        ] {
            assert_eq!(Measure::parse(&m.key()), Some(m));
        }
        assert_eq!(Measure::parse("referred:open"), None);
    }

    #[test]
    fn only_report_counts_keep_their_kind_and_place() {
        let fact = Fact {
            school: SchoolId(1),
            week: 2900,
            category: Category::Bullying,
            location: Location::Toilets,
            urgent: true,
            acknowledged_after: Some(600),
            target_seconds: 86_400,
            outcome: Some(Outcome::Resolved),
            referral: Some(Status::ReferredPolice),
        };
        let counters = fact.counters();
        assert_eq!(counters.len(), 10);
        for c in counters {
            let detailed = c.measure == Measure::Reports;
            assert_eq!(c.category.is_some(), detailed, "{:?}", c.measure);
            assert_eq!(c.location.is_some(), detailed, "{:?}", c.measure);
        }
    }
}
