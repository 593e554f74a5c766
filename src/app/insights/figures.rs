//! One page of figures: the requested period's tables, read from the scope's audited
//! figures (see [`super::book`]), with medians and percentiles only over enough reports.

use std::collections::BTreeMap;

use super::book::{referral_statuses, rows, Counted, Figure, Weeks};
use super::request::{By, Request, WeekRange};
use super::scope::Reach;
use crate::domain::choices::{Category, Location, Outcome, Status};
use crate::domain::insight::{percentile, share, Shown, PERCENTILE_FROM, SMALL_BELOW};
use crate::time::{self, calendar::Term, Timestamp};

/// A table of counts with its row totals, column totals and grand total, as shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grid {
    pub cells: Vec<Vec<Shown>>,
    pub row_totals: Vec<Shown>,
    pub column_totals: Vec<Shown>,
    pub total: Shown,
}

/// Acknowledgement figures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Acknowledgement {
    pub reports: Shown,
    /// Reports with those about one incident counted once.
    pub incidents: Shown,
    pub acknowledged: Shown,
    pub waiting: Shown,
    /// Median and 90th percentile in seconds, over 20 or more acknowledged reports.
    pub median: Option<i64>,
    pub p90: Option<i64>,
    pub in_target: Shown,
    pub in_target_share: Option<u64>,
    /// The agreed time in hours when the figures are for one school.
    pub target_hours: Option<i32>,
    pub urgent: Shown,
    pub urgent_in_hour: Shown,
    pub urgent_in_hour_share: Option<u64>,
    /// Urgent reports in the school's reading hours, and out of them.
    pub urgent_hours: [UrgentTimes; 2],
}

/// Urgent reports that arrived in (or out of) reading hours, and how soon they were
/// first acknowledged (median and 90th percentile, over 20 or more).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UrgentTimes {
    pub reports: Shown,
    pub median: Option<i64>,
    pub p90: Option<i64>,
}

/// One row of the figures over time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeRow {
    pub label: String,
    /// Median acknowledgement time of the row's reports (20 or more acknowledged).
    pub median: Option<i64>,
}

/// Everything the insight page shows.
#[derive(Debug, Clone)]
pub struct Insight {
    pub reach: Reach,
    pub request: Request,
    /// Who the figures cover, in words.
    pub scope_label: String,
    pub period: WeekRange,
    /// Kinds of report with reports in the period: the columns of both tables.
    pub columns: Vec<Category>,
    /// Fewer than 5 reports in all: no table is shown.
    pub too_few: bool,
    pub locations: Vec<Location>,
    pub time_rows: Vec<TimeRow>,
    /// Rows `time_rows`, columns `columns`.
    pub by_time: Grid,
    /// Rows `locations`, columns `columns`.
    pub hotspots: Grid,
    pub acknowledgement: Acknowledgement,
    pub outcomes: Vec<(Outcome, Shown)>,
    pub closed: Shown,
    /// Closed as false or unfounded, and that as a share of the closed (20 or more).
    pub misuse: Shown,
    pub misuse_share: Option<u64>,
    pub referrals: Vec<(Status, Shown)>,
    pub referred: Shown,
    pub generated_at: Timestamp,
}

/// The scope's figures as shown, and its counters.
pub struct Published<'a> {
    pub shown: &'a BTreeMap<Figure, Shown>,
    pub counted: &'a Counted,
}

impl Published<'_> {
    /// A figure as shown; one the ledger never held is hidden (never the case for the
    /// figures a page asks for, which the book holds for every period).
    fn get(&self, figure: Figure) -> Shown {
        self.shown.get(&figure).copied().unwrap_or(Shown::Hidden)
    }

    fn reports(&self, weeks: Weeks, place: Option<Location>, kind: Option<Category>) -> Shown {
        self.get(Figure::Reports(weeks, place, kind))
    }

    /// A median or percentile of the acknowledgement times in `weeks`, with enough of them.
    fn percentile(&self, weeks: Weeks, p: f64) -> Option<i64> {
        enough_for(&self.counted.ack_times(weeks), p)
    }

    fn urgent_times(&self, weeks: Weeks, out_of_hours: bool) -> UrgentTimes {
        let times = self.counted.urgent_ack_times(weeks, out_of_hours);
        let figure = if out_of_hours {
            Figure::UrgentOutOfHours(weeks)
        } else {
            Figure::UrgentInHours(weeks)
        };
        UrgentTimes {
            reports: self.get(figure),
            median: enough_for(&times, 0.5),
            p90: enough_for(&times, 0.9),
        }
    }
}

/// A percentile of times counted by bucket, only over enough of them.
fn enough_for(times: &BTreeMap<u16, u64>, p: f64) -> Option<i64> {
    let enough = times.values().sum::<u64>() >= PERCENTILE_FROM;
    enough.then(|| percentile(times, p)).flatten()
}

impl Published<'_> {}

/// The words for a row over time, from its key (see [`super::book::rows`]).
fn row_label(by: By, key: i64) -> String {
    match by {
        By::Week => time::format_day(time::week_start_day(key)),
        By::Term => Term::from_number(key).label(),
    }
}

/// A table of reports: `rows` of weeks at places, by `columns`.
fn grid(
    published: &Published<'_>,
    whole: Weeks,
    rows: &[(Weeks, Option<Location>)],
    columns: &[Category],
) -> Grid {
    Grid {
        cells: rows
            .iter()
            .map(|(w, place)| {
                columns
                    .iter()
                    .map(|c| published.reports(*w, *place, Some(*c)))
                    .collect()
            })
            .collect(),
        row_totals: rows
            .iter()
            .map(|(w, place)| published.reports(*w, *place, None))
            .collect(),
        column_totals: columns
            .iter()
            .map(|c| published.reports(whole, None, Some(*c)))
            .collect(),
        total: published.reports(whole, None, None),
    }
}

fn acknowledgement(
    published: &Published<'_>,
    whole: Weeks,
    target_hours: Option<i32>,
) -> Acknowledgement {
    let get = |f: Figure| published.get(f);
    let acknowledged = get(Figure::Acknowledged(whole));
    let in_target = get(Figure::InTarget(whole));
    let urgent = get(Figure::Urgent(whole));
    let urgent_in_hour = get(Figure::UrgentInHour(whole));
    Acknowledgement {
        reports: published.reports(whole, None, None),
        incidents: get(Figure::Incidents(whole)),
        acknowledged,
        waiting: get(Figure::Waiting(whole)),
        median: published.percentile(whole, 0.5),
        p90: published.percentile(whole, 0.9),
        in_target,
        in_target_share: share(in_target, acknowledged),
        target_hours,
        urgent,
        urgent_in_hour,
        urgent_in_hour_share: share(urgent_in_hour, urgent),
        urgent_hours: [
            published.urgent_times(whole, false),
            published.urgent_times(whole, true),
        ],
    }
}

/// The page for `request`, from the scope's published figures.
pub fn figures(
    reach: Reach,
    request: Request,
    scope_label: String,
    period: WeekRange,
    target_hours: Option<i32>,
    published: &Published<'_>,
    now: Timestamp,
) -> Insight {
    let whole = (period.from_week, period.to_week);
    let by_place = published.counted.reports(whole);
    let reports_total: u64 = by_place.values().sum();
    let columns: Vec<Category> = Category::ALL
        .iter()
        .copied()
        .filter(|c| by_place.iter().any(|((_, k), n)| k == c && *n > 0))
        .collect();
    let locations: Vec<Location> = Location::ALL
        .iter()
        .copied()
        .filter(|l| by_place.iter().any(|((p, _), n)| p == l && *n > 0))
        .collect();
    let time_rows = rows(&period, request.by);
    let time_weeks: Vec<(Weeks, Option<Location>)> =
        time_rows.iter().map(|(_, w)| (*w, None)).collect();
    let place_rows: Vec<(Weeks, Option<Location>)> =
        locations.iter().map(|l| (whole, Some(*l))).collect();
    let by_time = grid(published, whole, &time_weeks, &columns);
    let hotspots = grid(published, whole, &place_rows, &columns);
    let time_rows = time_rows
        .iter()
        .map(|(key, weeks)| TimeRow {
            label: row_label(request.by, *key),
            median: published.percentile(*weeks, 0.5),
        })
        .collect();
    let outcomes = Outcome::ALL
        .iter()
        .map(|o| (*o, published.get(Figure::Closed(whole, Some(*o)))))
        .collect();
    let referrals = referral_statuses()
        .map(|s| (s, published.get(Figure::Referred(whole, Some(s)))))
        .collect();
    let closed = published.get(Figure::Closed(whole, None));
    let misuse = published.get(Figure::Misuse(whole));
    Insight {
        reach,
        request,
        scope_label,
        period,
        columns,
        too_few: reports_total > 0 && reports_total < SMALL_BELOW,
        locations,
        time_rows,
        by_time,
        hotspots,
        acknowledgement: acknowledgement(published, whole, target_hours),
        outcomes,
        closed,
        misuse,
        misuse_share: share(misuse, closed),
        referrals,
        referred: published.get(Figure::Referred(whole, None)),
        generated_at: now,
    }
}
