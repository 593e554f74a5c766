use std::collections::{BTreeMap, BTreeSet};

use super::*;

/// A table of counts in a ledger: cells (i, j), row totals (i, cols), column totals
/// (rows, j) and the grand total (rows, cols).
fn table(values: &[Vec<u64>]) -> Ledger<(usize, usize)> {
    let rows = values.len();
    let cols = values[0].len();
    let mut ledger = Ledger::default();
    let mut column_totals = vec![0; cols];
    for (i, row) in values.iter().enumerate() {
        let cells: Vec<usize> = (0..cols)
            .map(|j| {
                column_totals[j] += row[j];
                ledger.count((i, j), row[j])
            })
            .collect();
        let total = ledger.count((i, cols), row.iter().sum());
        ledger.relate(total, cells);
    }
    let grand = ledger.count((rows, cols), column_totals.iter().sum());
    let mut totals = Vec::new();
    for (j, t) in column_totals.iter().enumerate() {
        let total = ledger.count((rows, j), *t);
        ledger.relate(
            total,
            (0..rows).map(|i| ledger.id(&(i, j)).unwrap()).collect(),
        );
        totals.push(total);
    }
    ledger.relate(grand, totals);
    let row_totals = (0..rows).map(|i| ledger.id(&(i, cols)).unwrap()).collect();
    ledger.relate(grand, row_totals);
    ledger
}

/// Every table of cells (hidden ones up to `cap`) that shows exactly as the audited one
/// does: for each count from 1 to 4, the values it takes in them. This is everything
/// someone with the page could work out, by any reasoning at all.
fn feasible_small_values(
    values: &[Vec<u64>],
    ledger: &Ledger<(usize, usize)>,
    cap: i64,
) -> Vec<((usize, usize), BTreeSet<i64>)> {
    let rows = values.len();
    let cols = values[0].len();
    let cells: Vec<(usize, usize)> = (0..rows)
        .flat_map(|i| (0..cols).map(move |j| (i, j)))
        .collect();
    let options: Vec<Vec<i64>> = cells
        .iter()
        .map(|k| {
            let (lo, hi) = range(ledger.shown(k).unwrap());
            (lo..=hi.min(cap)).collect()
        })
        .collect();
    let fits = |key: (usize, usize), n: i64| {
        let (lo, hi) = range(ledger.shown(&key).unwrap());
        lo <= n && n <= hi
    };
    let mut seen: BTreeMap<(usize, usize), BTreeSet<i64>> = BTreeMap::new();
    let mut guess = vec![0i64; cells.len()];
    fn walk(k: usize, options: &[Vec<i64>], guess: &mut Vec<i64>, done: &mut dyn FnMut(&[i64])) {
        if k == options.len() {
            done(guess);
            return;
        }
        for &v in &options[k] {
            guess[k] = v;
            walk(k + 1, options, guess, done);
        }
    }
    walk(0, &options, &mut guess, &mut |g: &[i64]| {
        let at = |i: usize, j: usize| g[i * cols + j];
        let row_ok = (0..rows).all(|i| fits((i, cols), (0..cols).map(|j| at(i, j)).sum()));
        let col_ok = (0..cols).all(|j| fits((rows, j), (0..rows).map(|i| at(i, j)).sum()));
        let grand: i64 = g.iter().sum();
        if !(row_ok && col_ok && fits((rows, cols), grand)) {
            return;
        }
        let mut note = |key: (usize, usize), n: i64| {
            seen.entry(key).or_default().insert(n);
        };
        for i in 0..rows {
            for j in 0..cols {
                note((i, j), at(i, j));
            }
            note((i, cols), (0..cols).map(|j| at(i, j)).sum());
        }
        for j in 0..cols {
            note((rows, j), (0..rows).map(|i| at(i, j)).sum());
        }
        note((rows, cols), grand);
    });
    ledger
        .entries()
        .filter(|(_, v, _, _)| (1..5).contains(v))
        .map(|(k, _, _, _)| (*k, seen.remove(k).unwrap_or_default()))
        .collect()
}

fn assert_safe(values: Vec<Vec<u64>>) {
    let mut ledger = table(&values);
    ledger.audit();
    assert!(ledger.pinned().is_empty(), "{values:?}");
    for (key, options) in feasible_small_values(&values, &ledger, 30) {
        assert!(
            options.len() >= 2,
            "{key:?} can be worked out in {values:?}: {options:?}, shown {:?}",
            ledger
                .entries()
                .map(|(k, _, s, _)| (*k, s))
                .collect::<Vec<_>>()
        );
    }
    // Every figure still shown is its count rounded.
    for (_, value, shown, _) in ledger.entries() {
        assert!(shown == Shown::Hidden || shown == round(value));
    }
}

#[test]
fn counts_are_rounded_on_their_own_to_the_nearest_5() {
    assert_eq!(round(0), Shown::Count(0));
    for n in 1..=4 {
        assert_eq!(round(n), Shown::Small);
    }
    for (n, r) in [
        (5, 5),
        (7, 5),
        (8, 10),
        (12, 10),
        (13, 15),
        (93, 95),
        (90, 90),
    ] {
        assert_eq!(round(n), Shown::Count(r), "{n}");
    }
    // Each count is inside the range its figure stands for.
    for n in 0..200u64 {
        let (lo, hi) = range(round(n));
        assert!(lo <= n as i64 && n as i64 <= hi, "{n}");
    }
}

#[test]
fn shares_come_from_rounded_figures_over_a_whole_of_20_or_more() {
    assert_eq!(share(round(6), round(7)), None);
    assert_eq!(share(round(18), round(22)), Some(100));
    assert_eq!(share(round(9), round(21)), Some(50));
    assert_eq!(share(round(3), round(40)), None);
    assert_eq!(share(round(0), round(0)), None);
}

#[test]
fn two_fours_under_a_total_shown_as_10_are_given_away_until_the_auditor_hides() {
    // 8 shows as 10, which is at least 8: two parts of at most 4 must both be 4.
    let ledger = table(&[vec![4, 4]]);
    assert!(!ledger.pinned().is_empty());
    assert_safe(vec![vec![4, 4]]);
    // 7 shows as 5, at most 7: with 5 in one part, two parts of 1 or more are both 1.
    let ledger = table(&[vec![5, 1, 1]]);
    // Both ones, and their column totals (a one-row table's columns are its cells).
    assert_eq!(ledger.pinned().len(), 4);
    assert_safe(vec![vec![5, 1, 1]]);
}

#[test]
fn crafted_tables_keep_every_small_count_open() {
    for values in [
        vec![vec![3, 10], vec![12, 8]],
        vec![vec![1, 0, 6], vec![0, 2, 9], vec![7, 8, 0]],
        vec![vec![2, 30], vec![5, 9]],
        vec![vec![4, 5], vec![5, 6]],
        vec![vec![1, 10], vec![4, 10]],
        vec![vec![1, 4, 3], vec![4, 4, 1]],
        vec![vec![0, 3, 8], vec![6, 0, 7]],
        vec![vec![5, 2], vec![1, 5]],
    ] {
        assert_safe(values);
    }
}

#[test]
fn random_small_tables_keep_every_small_count_open() {
    // A fixed sequence, so a failure can be run again.
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = |below: u64| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state % below
    };
    for _ in 0..150 {
        let rows = 1 + next(2) as usize;
        let cols = 2 + next(2) as usize;
        let values: Vec<Vec<u64>> = (0..rows)
            .map(|_| {
                (0..cols)
                    .map(|_| [0, 1, 2, 3, 4, 5, 6, 7, 8][next(9) as usize])
                    .collect()
            })
            .collect();
        assert_safe(values);
    }
}

#[test]
fn one_school_taken_from_both_is_checked_too() {
    // Oakfield: 5 reports. Riverside: 1 and 1. Both: 7, shown as 5 (at most 7), which
    // leaves Riverside at most 2, so both its ones would be given away.
    let school = |values: &[u64]| {
        let mut ledger: Ledger<(u8, usize)> = Ledger::default();
        let parts = values
            .iter()
            .enumerate()
            .map(|(j, v)| ledger.count((0, j), *v))
            .collect();
        let total = ledger.count((0, values.len()), values.iter().sum());
        ledger.relate(total, parts);
        ledger.audit();
        ledger
    };
    let oak = school(&[5, 0]);
    let river = school(&[1, 1]);
    assert!(oak.pinned().is_empty() && river.pinned().is_empty());
    let mut both: Ledger<(u8, (u8, usize))> = Ledger::default();
    both.absorb(&oak, |k| (1, *k), false);
    both.absorb(&river, |k| (2, *k), false);
    let mut parts = Vec::new();
    for j in 0..3 {
        let sum = oak.value(&(0, j)).unwrap() + river.value(&(0, j)).unwrap();
        let id = both.count((0, (0, j)), sum);
        let (a, b) = (
            both.id(&(1, (0, j))).unwrap(),
            both.id(&(2, (0, j))).unwrap(),
        );
        both.relate(id, vec![a, b]);
        parts.push(id);
    }
    let total = parts.pop().unwrap();
    both.relate(total, parts);
    assert!(!both.pinned().is_empty(), "5 of 7 and 1 + 1 give it away");
    both.audit();
    assert!(both.pinned().is_empty());
    // Only the figures of both schools together were hidden: each school's stand.
    for (key, _, shown, _) in both.entries() {
        if key.0 != 0 {
            assert_ne!(shown, Shown::Hidden, "{key:?}");
        }
    }
}
