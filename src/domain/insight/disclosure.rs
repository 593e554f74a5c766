//! The small-number rule: every published count is rounded on its own (0 stays 0, 1 to 4
//! is "fewer than 5", 5 and more goes to the nearest multiple of 5), and an auditor that
//! reads the published figures as someone trying to work out a small count would.
//!
//! The auditor holds every count a person can be shown (across pages, periods and
//! scopes, each under one key), the counts that are not shown but must not be worked out
//! either (late acknowledgements, say), and the sums that tie them together. It narrows
//! what each count could be through every sum until nothing moves; while a count from 1
//! to 4 is left with a single possible value, it hides one more figure (the one that
//! frees most, the smallest first) and looks again.

use std::collections::BTreeMap;

/// Counts below this (and above zero) are never shown.
pub const SMALL_BELOW: u64 = 5;
/// Shown counts are rounded to a multiple of this.
pub const BASE: u64 = 5;
/// A percentage is shown only when the rounded whole is at least this.
pub const SHARE_FROM: u64 = 20;
/// A median or percentile is shown only when at least this many reports go into it.
pub const PERCENTILE_FROM: u64 = 20;

/// A count as it may be shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shown {
    /// 0, or a count of 5 or more rounded to the nearest multiple of 5.
    Count(u64),
    /// From 1 to 4: "fewer than 5".
    Small,
    /// Not shown, so that a small number cannot be worked out from the others.
    Hidden,
}

impl Shown {
    pub fn is_hidden(self) -> bool {
        !matches!(self, Shown::Count(_))
    }
}

/// A count rounded on its own: 0 shows 0, 1 to 4 "fewer than 5", 5 to 7 shows 5, 8 to 12
/// shows 10, and so on.
pub fn round(n: u64) -> Shown {
    match n {
        0 => Shown::Count(0),
        n if n < SMALL_BELOW => Shown::Small,
        n => Shown::Count((n + BASE / 2) / BASE * BASE),
    }
}

/// Larger than any count: "could be anything".
const UNBOUNDED: i64 = 1 << 40;

/// What someone reading a figure knows of the count behind it. A hidden figure is never a
/// zero (zeros have nothing to hide), so it is at least 1.
pub fn range(shown: Shown) -> (i64, i64) {
    match shown {
        Shown::Count(0) => (0, 0),
        Shown::Count(r) => {
            let r = r as i64;
            ((r - 2).max(SMALL_BELOW as i64), r + 2)
        }
        Shown::Small => (1, SMALL_BELOW as i64 - 1),
        Shown::Hidden => (1, UNBOUNDED),
    }
}

/// `part` out of `whole` as a whole percentage, worked out from the rounded figures (so
/// it tells nothing they do not), and only when the rounded whole is at least 20.
pub fn share(part: Shown, whole: Shown) -> Option<u64> {
    match (part, whole) {
        (Shown::Count(p), Shown::Count(w)) if w >= SHARE_FROM && p <= w => {
            Some((p * 100 + w / 2) / w)
        }
        _ => None,
    }
}

/// Counts as published, and the sums that tie them together.
#[derive(Debug, Clone)]
pub struct Ledger<K: Ord + Clone> {
    index: BTreeMap<K, usize>,
    keys: Vec<K>,
    values: Vec<u64>,
    shown: Vec<Shown>,
    /// Shown on some page (otherwise it can only be worked out).
    published: Vec<bool>,
    /// Shown here first (otherwise fixed by another ledger, which this one may not change).
    own: Vec<bool>,
    /// (total, parts)
    relations: Vec<(usize, Vec<usize>)>,
}

impl<K: Ord + Clone> Default for Ledger<K> {
    fn default() -> Self {
        Ledger {
            index: BTreeMap::new(),
            keys: Vec::new(),
            values: Vec::new(),
            shown: Vec::new(),
            published: Vec::new(),
            own: Vec::new(),
            relations: Vec::new(),
        }
    }
}

impl<K: Ord + Clone> Ledger<K> {
    fn insert(&mut self, key: K, value: u64, shown: Shown, published: bool, own: bool) -> usize {
        if let Some(&i) = self.index.get(&key) {
            debug_assert_eq!(self.values[i], value, "one key, two counts");
            return i;
        }
        self.index.insert(key.clone(), self.keys.len());
        self.keys.push(key);
        self.values.push(value);
        self.shown.push(shown);
        self.published.push(published);
        self.own.push(own);
        self.keys.len() - 1
    }

    /// A published count, rounded by the rule (the same key twice is the same count).
    pub fn count(&mut self, key: K, value: u64) -> usize {
        self.insert(key, value, round(value), true, true)
    }

    /// A count shown nowhere, which must not be worked out either.
    pub fn unpublished(&mut self, key: K, value: u64) -> usize {
        self.insert(key, value, Shown::Hidden, false, true)
    }

    /// A count published elsewhere as `shown`, which this ledger may not change.
    pub fn fixed(&mut self, key: K, value: u64, shown: Shown, published: bool) -> usize {
        self.insert(key, value, shown, published, false)
    }

    /// `total` is the sum of `parts` (kept only when it truly is: someone working figures
    /// out would use it).
    pub fn relate(&mut self, total: usize, mut parts: Vec<usize>) {
        parts.sort_unstable();
        parts.dedup();
        let sum: u64 = parts.iter().map(|p| self.values[*p]).sum();
        if parts != [total] && !parts.contains(&total) && sum == self.values[total] {
            self.relations.push((total, parts));
        }
    }

    pub fn id(&self, key: &K) -> Option<usize> {
        self.index.get(key).copied()
    }

    /// How a count is shown (`None` for a key never counted).
    pub fn shown(&self, key: &K) -> Option<Shown> {
        self.id(key).map(|i| self.shown[i])
    }

    pub fn value(&self, key: &K) -> Option<u64> {
        self.id(key).map(|i| self.values[i])
    }

    /// Every count with its key, true value, how it is shown and whether it is published.
    pub fn entries(&self) -> impl Iterator<Item = (&K, u64, Shown, bool)> + '_ {
        (0..self.keys.len()).map(|i| {
            (
                &self.keys[i],
                self.values[i],
                self.shown[i],
                self.published[i],
            )
        })
    }

    /// Copies another ledger in, its keys renamed by `rename`, with its sums: its counts
    /// as this ledger's own (`own`, shown by the rule), or as fixed as they are shown there.
    pub fn absorb<J: Ord + Clone>(
        &mut self,
        other: &Ledger<J>,
        rename: impl Fn(&J) -> K,
        own: bool,
    ) {
        let ids: Vec<usize> = (0..other.keys.len())
            .map(|i| {
                let (key, value) = (rename(&other.keys[i]), other.values[i]);
                match (own, other.published[i]) {
                    (true, true) => self.count(key, value),
                    (true, false) => self.unpublished(key, value),
                    (false, published) => self.fixed(key, value, other.shown[i], published),
                }
            })
            .collect();
        for (total, parts) in &other.relations {
            self.relate(ids[*total], parts.iter().map(|p| ids[*p]).collect());
        }
    }

    /// What each count could be, given what is shown: its range, narrowed through every
    /// sum until nothing moves.
    fn bounds(&self, shown: &[Shown]) -> Vec<(i64, i64)> {
        let mut b: Vec<(i64, i64)> = (0..self.keys.len())
            .map(|i| {
                if self.published[i] {
                    range(shown[i])
                } else {
                    (0, UNBOUNDED)
                }
            })
            .collect();
        for _ in 0..1_000 {
            let mut changed = false;
            for (total, parts) in &self.relations {
                changed |= narrow(&mut b, *total, parts);
            }
            if !changed {
                break;
            }
        }
        b
    }

    fn pinned_in(&self, b: &[(i64, i64)]) -> Vec<usize> {
        (0..self.keys.len())
            .filter(|&i| is_small(self.values[i]) && b[i].0 == b[i].1)
            .collect()
    }

    /// The counts from 1 to 4 someone can work out exactly from what is shown.
    pub fn pinned(&self) -> Vec<&K> {
        self.pinned_in(&self.bounds(&self.shown))
            .into_iter()
            .map(|i| &self.keys[i])
            .collect()
    }

    /// Figures this ledger may hide: its own, shown, and not zero.
    fn hideable(&self, i: usize) -> bool {
        self.own[i] && self.published[i] && self.shown[i] != Shown::Hidden && self.values[i] > 0
    }

    /// Hides figures until no count from 1 to 4 can be worked out; returns how many.
    pub fn audit(&mut self) -> usize {
        let mut hidden = 0;
        loop {
            let pinned = self.pinned_in(&self.bounds(&self.shown));
            let Some(&first) = pinned.first() else {
                return hidden;
            };
            // The figures in a sum with it, or failing those any figure at all.
            let mut near: Vec<usize> = self
                .relations
                .iter()
                .filter(|(t, parts)| *t == first || parts.contains(&first))
                .flat_map(|(t, parts)| std::iter::once(*t).chain(parts.iter().copied()))
                .chain([first])
                .filter(|&i| self.hideable(i))
                .collect();
            if near.is_empty() {
                near = (0..self.keys.len()).filter(|&i| self.hideable(i)).collect();
            }
            near.sort_unstable();
            near.dedup();
            let best = near.into_iter().min_by_key(|&c| {
                let mut trial = self.shown.clone();
                trial[c] = Shown::Hidden;
                let left = self.pinned_in(&self.bounds(&trial)).len();
                (left, self.values[c])
            });
            let Some(best) = best else {
                // Nothing left this ledger may hide.
                return hidden;
            };
            self.shown[best] = Shown::Hidden;
            hidden += 1;
        }
    }
}

fn is_small(n: u64) -> bool {
    n > 0 && n < SMALL_BELOW
}

/// Narrows `total` and each of `parts` by `total = sum of parts`; whether anything moved.
fn narrow(b: &mut [(i64, i64)], total: usize, parts: &[usize]) -> bool {
    let (mut lo_sum, mut hi_sum, mut open) = (0i64, 0i64, 0usize);
    for p in parts {
        lo_sum += b[*p].0;
        if b[*p].1 >= UNBOUNDED {
            open += 1;
        } else {
            hi_sum += b[*p].1;
        }
    }
    let mut changed = false;
    let t = (
        b[total].0.max(lo_sum),
        if open == 0 {
            b[total].1.min(hi_sum)
        } else {
            b[total].1
        },
    );
    if t != b[total] {
        b[total] = t;
        changed = true;
    }
    for p in parts {
        let (lo, hi) = b[*p];
        let p_open = hi >= UNBOUNDED;
        let mut new = (lo, hi);
        if open == usize::from(p_open) {
            let others_hi = hi_sum - if p_open { 0 } else { hi };
            new.0 = new.0.max(t.0 - others_hi);
        }
        if t.1 < UNBOUNDED {
            new.1 = new.1.min(t.1 - (lo_sum - lo));
        }
        if new != (lo, hi) {
            debug_assert!(new.0 <= new.1, "the true count is always in its range");
            b[*p] = new;
            changed = true;
        }
    }
    changed
}

#[cfg(test)]
#[path = "disclosure_tests.rs"]
mod tests;
