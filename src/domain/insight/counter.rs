//! What each report adds to its school's counts: the measures counted per school and week
//! (reports also by category and location), and what moves when a report's facts change.

use std::collections::BTreeMap;

use super::ack_time::{ack_bucket, BUCKETS};
use crate::domain::choices::{Category, Location, Outcome, Status};
use crate::domain::ids::SchoolId;

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
    /// Urgent reports that arrived outside the school's reading hours.
    UrgentOutOfHours,
    /// Their acknowledgement times (those in hours are the urgent ones less these).
    UrgentOutOfHoursAckTime(u16),
    /// Reports linked into an incident another report leads (incidents are the reports
    /// less these).
    LinkedOn,
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
            Measure::UrgentOutOfHours => "urgent_out_of_hours".into(),
            Measure::UrgentOutOfHoursAckTime(b) => format!("urgent_ooh_ack:{b}"),
            Measure::LinkedOn => "linked_on".into(),
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
            "urgent_out_of_hours" => Measure::UrgentOutOfHours,
            "linked_on" => Measure::LinkedOn,
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
                    "urgent_ooh_ack" => Measure::UrgentOutOfHoursAckTime(
                        value.parse().ok().filter(|b| *b < BUCKETS)?,
                    ),
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
    /// It arrived outside the school's reading hours.
    pub out_of_hours: bool,
    /// Linked into an incident another report leads.
    pub linked_on: bool,
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
            if self.out_of_hours {
                measures.push(Measure::UrgentOutOfHours);
            }
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
                if self.out_of_hours {
                    measures.push(Measure::UrgentOutOfHoursAckTime(ack_bucket(after)));
                }
            }
        }
        if self.linked_on {
            measures.push(Measure::LinkedOn);
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
    let mut moved: BTreeMap<Counter, i64> = Default::default();
    for c in old.map(Fact::counters).unwrap_or_default() {
        *moved.entry(c).or_default() -= 1;
    }
    for c in new.map(Fact::counters).unwrap_or_default() {
        *moved.entry(c).or_default() += 1;
    }
    moved.into_iter().filter(|(_, n)| *n != 0).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

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
            out_of_hours: true,
            linked_on: false,
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
            Measure::UrgentOutOfHoursAckTime(30),
        ] {
            assert!(measures.contains(&m), "{m:?}");
        }
        assert!(!measures.contains(&Measure::Reports));
        assert_eq!(changes(Some(&acked), Some(&acked)), vec![]);
        for m in [
            Measure::Closed(Outcome::Duplicate),
            Measure::Referred(Status::ReferredPolice),
            Measure::AckTime(17),
            Measure::UrgentOutOfHours,
            Measure::UrgentOutOfHoursAckTime(9),
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
            out_of_hours: false,
            linked_on: false,
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
