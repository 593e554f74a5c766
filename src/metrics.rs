//! Content-free metrics of one deployment's server, in the Prometheus text format: counts
//! and timings only, labelled by route template or limit name, never by school or anything
//! a pupil sent. Gauges that describe the database are set from a [`Gauges`] just before
//! each scrape, so every app server of a deployment shows the same figures.

use std::sync::Arc;
use std::time::Duration;

use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::Histogram;
use prometheus_client::registry::Registry;

/// The answer's `Content-Type`: Prometheus text format 0.0.4.
pub const CONTENT_TYPE: &str = prometheus_client::encoding::prometheus_text::CONTENT_TYPE;

/// Seconds, from a fast page to a slow one (5 ms to 10 s).
const REQUEST_BUCKETS: [f64; 11] = [
    0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
];

/// Seconds, from one fsync to a writer kept waiting (0.5 ms to 5 s).
const WRITE_BUCKETS: [f64; 12] = [
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 5.0,
];

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RouteLabels {
    method: String,
    /// The route's template (`/s/{school}/report`), never the path.
    route: String,
    /// `2xx`, `3xx`, `4xx` or `5xx`.
    status: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct LimitLabels {
    limit: &'static str,
}

type RouteFamily = Family<RouteLabels, Histogram, fn() -> Histogram>;

/// What the database says at the moment of a scrape: counts and ages only.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Gauges {
    /// Mail not yet sent.
    pub outbox_depth: i64,
    /// Seconds since the oldest unsent mail was queued (0 when none).
    pub outbox_oldest_unsent_seconds: i64,
    /// Reports marked "happening now" nobody has acknowledged.
    pub urgent_unacknowledged: i64,
    /// Of those, how many are past their school's agreed time.
    pub urgent_overdue: i64,
    /// Seconds since the oldest of them arrived (0 when none).
    pub urgent_oldest_seconds: i64,
    /// When a retention purge last finished, as Unix seconds (0: never).
    pub last_purge_unix: i64,
    /// When `confide backup` last finished, as Unix seconds (0: never); `None` where the
    /// database is backed up by other tools (PostgreSQL), so no figure is shown.
    pub last_backup_unix: Option<i64>,
}

struct Inner {
    registry: Registry,
    reports_received: Counter,
    db_write_seconds: Histogram,
    mail_sent: Counter,
    mail_failures: Counter,
    purge_runs: Counter,
    sign_in_failures: Counter,
    rate_limit_refusals: Family<LimitLabels, Counter>,
    request_seconds: RouteFamily,
    outbox_depth: Gauge,
    outbox_oldest: Gauge,
    urgent_unacknowledged: Gauge,
    urgent_overdue: Gauge,
    urgent_oldest: Gauge,
    last_purge: Gauge,
    last_backup: Gauge,
}

/// One server's metrics. Cheap to clone; clones count together.
#[derive(Clone)]
pub struct Metrics(Arc<Inner>);

impl std::fmt::Debug for Metrics {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Metrics")
    }
}

impl Default for Metrics {
    fn default() -> Self {
        Self::new()
    }
}

fn request_histogram() -> Histogram {
    Histogram::new(REQUEST_BUCKETS)
}

impl Metrics {
    pub fn new() -> Self {
        let mut registry = Registry::with_prefix("confide");
        let inner = Inner {
            reports_received: Counter::default(),
            db_write_seconds: Histogram::new(WRITE_BUCKETS),
            mail_sent: Counter::default(),
            mail_failures: Counter::default(),
            purge_runs: Counter::default(),
            sign_in_failures: Counter::default(),
            rate_limit_refusals: Family::default(),
            request_seconds: Family::new_with_constructor(request_histogram),
            outbox_depth: Gauge::default(),
            outbox_oldest: Gauge::default(),
            urgent_unacknowledged: Gauge::default(),
            urgent_overdue: Gauge::default(),
            urgent_oldest: Gauge::default(),
            last_purge: Gauge::default(),
            last_backup: Gauge::default(),
            registry: Registry::default(),
        };
        let r = &mut registry;
        r.register(
            "reports_received",
            "Reports stored (each once, however often its form was sent)",
            inner.reports_received.clone(),
        );
        r.register(
            "db_write_seconds",
            "Time a write transaction took, waiting for the writer included",
            inner.db_write_seconds.clone(),
        );
        r.register(
            "mail_sent",
            "Notifications handed to the mail transport",
            inner.mail_sent.clone(),
        );
        r.register(
            "mail_failures",
            "Attempts to send a notification that failed (it is tried again)",
            inner.mail_failures.clone(),
        );
        r.register(
            "purge_runs",
            "Retention purges run to the end by this server",
            inner.purge_runs.clone(),
        );
        r.register(
            "sign_in_failures",
            "Staff sign-ins refused: a wrong password or code, or a locked account",
            inner.sign_in_failures.clone(),
        );
        r.register(
            "rate_limit_refusals",
            "Requests refused by a rate limit, by limit",
            inner.rate_limit_refusals.clone(),
        );
        r.register(
            "http_request_duration_seconds",
            "Time to answer a request, by route template",
            inner.request_seconds.clone(),
        );
        r.register(
            "outbox_depth",
            "Notifications queued and not yet sent",
            inner.outbox_depth.clone(),
        );
        r.register(
            "outbox_oldest_unsent_age_seconds",
            "Age of the oldest notification not yet sent (0 when none)",
            inner.outbox_oldest.clone(),
        );
        r.register(
            "urgent_unacknowledged",
            "Reports marked happening now that nobody has acknowledged",
            inner.urgent_unacknowledged.clone(),
        );
        r.register(
            "urgent_overdue",
            "Urgent reports unacknowledged past their school's agreed time",
            inner.urgent_overdue.clone(),
        );
        r.register(
            "urgent_unacknowledged_oldest_age_seconds",
            "Age of the oldest unacknowledged urgent report (0 when none)",
            inner.urgent_oldest.clone(),
        );
        r.register(
            "last_purge_timestamp_seconds",
            "When a retention purge last finished, in Unix seconds (0: never)",
            inner.last_purge.clone(),
        );
        Metrics(Arc::new(Inner { registry, ..inner }))
    }

    pub fn report_received(&self) {
        self.0.reports_received.inc();
    }

    pub fn db_write(&self, took: Duration) {
        self.0.db_write_seconds.observe(took.as_secs_f64());
    }

    pub fn mail_sent(&self) {
        self.0.mail_sent.inc();
    }

    pub fn mail_failed(&self) {
        self.0.mail_failures.inc();
    }

    pub fn purge_ran(&self) {
        self.0.purge_runs.inc();
    }

    pub fn sign_in_failed(&self) {
        self.0.sign_in_failures.inc();
    }

    /// A request refused by the rate limit named `limit` (a fixed name such as `report`).
    pub fn rate_limited(&self, limit: &'static str) {
        self.0
            .rate_limit_refusals
            .get_or_create(&LimitLabels { limit })
            .inc();
    }

    /// A request answered: its method, route template and status, and how long it took.
    pub fn request(&self, method: &str, route: &str, status: u16, took: Duration) {
        let status = match status {
            200..=299 => "2xx",
            300..=399 => "3xx",
            400..=499 => "4xx",
            _ => "5xx",
        };
        let labels = RouteLabels {
            method: method.to_owned(),
            route: route.to_owned(),
            status,
        };
        self.0
            .request_seconds
            .get_or_create(&labels)
            .observe(took.as_secs_f64());
    }

    /// The text a scraper reads, with the database's gauges as of now.
    pub fn render(&self, gauges: &Gauges) -> String {
        let inner = &self.0;
        inner.outbox_depth.set(gauges.outbox_depth);
        inner.outbox_oldest.set(gauges.outbox_oldest_unsent_seconds);
        inner
            .urgent_unacknowledged
            .set(gauges.urgent_unacknowledged);
        inner.urgent_overdue.set(gauges.urgent_overdue);
        inner.urgent_oldest.set(gauges.urgent_oldest_seconds);
        inner.last_purge.set(gauges.last_purge_unix);
        let mut out = String::new();
        // Writing to a String cannot fail.
        let _ = prometheus_client::encoding::prometheus_text::encode(&mut out, &inner.registry);
        if let Some(at) = gauges.last_backup_unix {
            inner.last_backup.set(at);
            let mut backup = Registry::with_prefix("confide");
            backup.register(
                "last_backup_timestamp_seconds",
                "When confide backup last finished, in Unix seconds (0: never)",
                inner.last_backup.clone(),
            );
            let _ = prometheus_client::encoding::prometheus_text::encode(&mut out, &backup);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line<'a>(text: &'a str, start: &str) -> Option<&'a str> {
        text.lines().find(|l| l.starts_with(start))
    }

    #[test]
    fn counters_and_gauges_appear_under_their_names() {
        let metrics = Metrics::new();
        metrics.report_received();
        metrics.report_received();
        metrics.rate_limited("receipt");
        metrics.request("POST", "/s/{school}/report", 200, Duration::from_millis(30));
        let text = metrics.render(&Gauges {
            outbox_depth: 3,
            last_purge_unix: 1_700_000_000,
            ..Gauges::default()
        });
        assert_eq!(
            line(&text, "confide_reports_received_total "),
            Some("confide_reports_received_total 2")
        );
        assert_eq!(
            line(&text, "confide_outbox_depth "),
            Some("confide_outbox_depth 3")
        );
        assert_eq!(
            line(&text, "confide_last_purge_timestamp_seconds "),
            Some("confide_last_purge_timestamp_seconds 1700000000")
        );
        assert!(text.contains("confide_rate_limit_refusals_total{limit=\"receipt\"} 1"));
        assert!(text.contains(
            "confide_http_request_duration_seconds_bucket{le=\"0.05\",method=\"POST\",route=\"/s/{school}/report\",status=\"2xx\"} 1"
        ) || text.contains(
            "confide_http_request_duration_seconds_bucket{method=\"POST\",route=\"/s/{school}/report\",status=\"2xx\",le=\"0.05\"} 1"
        ), "{text}");
        assert!(
            !text.contains("last_backup"),
            "no backup figure where backups are not ours"
        );
    }

    #[test]
    fn the_backup_figure_is_shown_when_confide_makes_the_backups() {
        let text = Metrics::new().render(&Gauges {
            last_backup_unix: Some(0),
            ..Gauges::default()
        });
        assert!(
            text.contains("\nconfide_last_backup_timestamp_seconds 0\n"),
            "{text}"
        );
    }
}
