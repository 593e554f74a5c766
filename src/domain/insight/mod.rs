//! Insight figures: what each report adds to its school's counts, the buckets that hold
//! acknowledgement times, and (in [`disclosure`]) the small-number rule: counts rounded on
//! their own to base 5, and the auditor that hides more where a count from 1 to 4 could
//! still be worked out.

use super::choices::{Category, Location, Outcome, Status};
use super::ids::SchoolId;

mod disclosure;

pub use disclosure::{
    range, round, share, Ledger, Shown, BASE, PERCENTILE_FROM, SHARE_FROM, SMALL_BELOW,
};

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

#[cfg(test)]
mod tests {
    use super::*;

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
