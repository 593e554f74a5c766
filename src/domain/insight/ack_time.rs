//! The histogram that holds acknowledgement times: each time counted in a bucket (finer for
//! short times, coarser for long ones), so medians and percentiles can be read from sums
//! of counters without keeping a single report's time.

use std::collections::BTreeMap;

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
pub fn percentile(counts: &BTreeMap<u16, u64>, p: f64) -> Option<i64> {
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
        let counts: BTreeMap<u16, u64> = [
            (ack_bucket(30), 5),
            (ack_bucket(7_200), 4),
            (ack_bucket(2 * DAY), 1),
        ]
        .into();
        assert_eq!(percentile(&counts, 0.5), Some(60));
        assert_eq!(percentile(&counts, 0.9), Some(7_800));
        assert_eq!(percentile(&Default::default(), 0.5), None);
    }
}
