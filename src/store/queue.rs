//! The triage queue: every report routed to a person across their schools, most urgent
//! first, with filters and keyset pagination straight off one index.

use diesel::dsl::sql;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Bool, Integer, Text};

use crate::db::schema::{report_keys, reports, schools, users};
use crate::db::{DbConnection, DbError};
use crate::domain::choices::{About, Category, Location, Risk, Source, Status};
use crate::domain::ids::{ReportId, SchoolId, UserId};
use crate::time::Timestamp;

/// Which statuses to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum StatusFilter {
    /// Everything not closed (the default).
    #[default]
    Open,
    Only(Status),
    /// Any of the "referred to …" statuses.
    Referred,
}

impl StatusFilter {
    pub fn parse(raw: &str) -> Option<Self> {
        match raw {
            "" | "open_all" => Some(StatusFilter::Open),
            "referred" => Some(StatusFilter::Referred),
            other => Status::parse(other).map(StatusFilter::Only),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            StatusFilter::Open => "open_all",
            StatusFilter::Referred => "referred",
            StatusFilter::Only(status) => status.as_str(),
        }
    }

    fn shows_closed(self) -> bool {
        self == StatusFilter::Only(Status::Closed)
    }
}

/// Risk filter: a rating, or reports nobody has rated yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RiskFilter {
    Rated(Risk),
    Unrated,
}

/// What the person asked to see.
#[derive(Debug, Clone, Default)]
pub struct QueueFilter {
    pub school_id: Option<SchoolId>,
    pub status: StatusFilter,
    pub category: Option<Category>,
    pub risk: Option<RiskFilter>,
    pub mine: bool,
    /// Only reports with a pupil's message nobody has opened yet.
    pub new_messages: bool,
}

/// Where the previous page ended, in queue order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cursor {
    pub urgent_rank: i32,
    pub risk_rank: i32,
    pub created_at: Timestamp,
    pub report_id: ReportId,
}

impl Cursor {
    pub fn encode(&self) -> String {
        format!(
            "{}.{}.{}.{}",
            self.urgent_rank,
            self.risk_rank,
            self.created_at.as_secs(),
            self.report_id
        )
    }

    pub fn decode(raw: &str) -> Option<Self> {
        let mut parts = raw.splitn(4, '.');
        Some(Cursor {
            urgent_rank: parts.next()?.parse().ok()?,
            risk_rank: parts.next()?.parse().ok()?,
            created_at: Timestamp::from_secs(parts.next()?.parse().ok()?),
            report_id: ReportId::parse(parts.next()?)?,
        })
    }
}

/// One line of the queue.
#[derive(Debug, Clone)]
pub struct QueueRow {
    pub report_id: ReportId,
    pub school_name: String,
    pub category: Category,
    pub location: Location,
    pub happening_now: bool,
    pub about_staff: bool,
    pub status: Status,
    pub risk: Option<Risk>,
    pub owner_name: Option<String>,
    pub created_at: Timestamp,
    pub acknowledged: bool,
    /// Not acknowledged within the school's agreed time.
    pub overdue: bool,
    /// The pupil wrote something nobody it is routed to has opened yet.
    pub new_message: bool,
    /// Other reports of the incident this one leads that the person may read.
    pub linked: usize,
    /// The pupil's own form, or told in person to a member of staff.
    pub source: Source,
    /// The pupil asked to talk to someone at school.
    pub talk_requested: bool,
}

/// A page of the queue and the cursor for the next one.
#[derive(Debug, Clone)]
pub struct QueuePage {
    pub rows: Vec<QueueRow>,
    pub next: Option<Cursor>,
}

type Raw = (
    (ReportId, i32, i32, Timestamp),
    (
        Category,
        Location,
        bool,
        About,
        Status,
        Option<Risk>,
        Option<Timestamp>,
        Option<Timestamp>,
    ),
    (String, i32, Source, Option<Timestamp>),
    Option<String>,
);

/// The person's queue, `limit` rows after `after`.
pub fn fetch(
    db: &mut DbConnection,
    user_id: UserId,
    filter: &QueueFilter,
    after: Option<&Cursor>,
    limit: i64,
    now: Timestamp,
) -> Result<QueuePage, DbError> {
    let mut query = report_keys::table
        .inner_join(reports::table.inner_join(schools::table))
        .left_join(users::table.on(users::id.nullable().eq(reports::owner_id)))
        .filter(report_keys::user_id.eq(user_id))
        .filter(report_keys::is_open.eq(!filter.status.shows_closed()))
        .select((
            (
                report_keys::report_id,
                report_keys::urgent_rank,
                report_keys::risk_rank,
                report_keys::report_created_at,
            ),
            (
                reports::category,
                reports::location,
                reports::happening_now,
                reports::about,
                reports::status,
                reports::risk,
                reports::acknowledged_at,
                reports::new_message_at,
            ),
            (
                schools::name,
                schools::ack_within_hours,
                reports::source,
                reports::talk_requested_at,
            ),
            users::name.nullable(),
        ))
        .order((
            report_keys::urgent_rank.asc(),
            report_keys::risk_rank.asc(),
            report_keys::report_created_at.asc(),
            report_keys::report_id.asc(),
        ))
        .limit(limit + 1)
        .into_boxed();
    if let Some(school_id) = filter.school_id {
        query = query.filter(reports::school_id.eq(school_id));
    }
    match filter.status {
        StatusFilter::Open => {}
        StatusFilter::Only(status) => query = query.filter(reports::status.eq(status)),
        StatusFilter::Referred => {
            let referrals: Vec<Status> = Status::ALL
                .iter()
                .copied()
                .filter(|s| s.is_referral())
                .collect();
            query = query.filter(reports::status.eq_any(referrals));
        }
    }
    if let Some(category) = filter.category {
        query = query.filter(reports::category.eq(category));
    }
    // Risk is filtered on the queue copy, which the queue index covers.
    match filter.risk {
        Some(RiskFilter::Rated(risk)) => {
            query = query.filter(report_keys::risk_rank.eq(Risk::rank(Some(risk))))
        }
        Some(RiskFilter::Unrated) => {
            query = query.filter(report_keys::risk_rank.eq(Risk::rank(None)))
        }
        None => {}
    }
    if filter.mine {
        query = query.filter(reports::owner_id.eq(user_id));
    }
    if filter.new_messages {
        query = query.filter(reports::new_message_at.is_not_null());
    }
    if let Some(clause) = linked_rows_hidden(filter) {
        query = query.filter(sql::<Bool>(clause));
    }
    if let Some(c) = after {
        // Row-value comparison: both SQLite and PostgreSQL walk the index from here.
        query = query.filter(
            sql::<Bool>("(report_keys.urgent_rank, report_keys.risk_rank, report_keys.report_created_at, report_keys.report_id) > (")
                .bind::<Integer, _>(c.urgent_rank)
                .sql(", ")
                .bind::<Integer, _>(c.risk_rank)
                .sql(", ")
                .bind::<BigInt, _>(c.created_at)
                .sql(", ")
                .bind::<Text, _>(c.report_id.clone())
                .sql(")"),
        );
    }
    let raw: Vec<Raw> = query.load(db)?;
    let mut page = page_of(raw, limit, now);
    let ids: Vec<ReportId> = page.rows.iter().map(|r| r.report_id.clone()).collect();
    let linked = super::incidents::linked_counts(db, &ids, user_id)?;
    for row in &mut page.rows {
        row.linked = linked.get(&row.report_id).copied().unwrap_or(0);
    }
    Ok(page)
}

/// The test that hides a report linked into an incident, shown at the incident's lead
/// instead, where the person has that lead in this list (open or closed) too, ranked at
/// least as high, and the linked report has nothing of its own to show (a pupil's new
/// words, a request to talk). With any filter chosen every report that matches is shown
/// on its own (the lead may not match it): `None`. A test of the row alone keeps every
/// page's cursor exact.
fn linked_rows_hidden(filter: &QueueFilter) -> Option<&'static str> {
    let filtered = !matches!(filter.status, StatusFilter::Open)
        || filter.category.is_some()
        || filter.risk.is_some()
        || filter.mine
        || filter.new_messages;
    (!filtered).then_some(
        "(reports.incident_id IS NULL OR reports.incident_id = reports.id \
         OR reports.new_message_at IS NOT NULL OR reports.talk_requested_at IS NOT NULL \
         OR NOT EXISTS (SELECT 1 FROM report_keys lead_keys \
         WHERE lead_keys.report_id = reports.incident_id \
         AND lead_keys.user_id = report_keys.user_id \
         AND lead_keys.is_open = report_keys.is_open \
         AND (lead_keys.urgent_rank, lead_keys.risk_rank) \
         <= (report_keys.urgent_rank, report_keys.risk_rank)))",
    )
}

/// The loaded rows as a page: at most `limit` of them, and where the next page starts
/// if one more was found.
fn page_of(raw: Vec<Raw>, limit: i64, now: Timestamp) -> QueuePage {
    let has_more = raw.len() as i64 > limit;
    let mut rows = Vec::with_capacity(raw.len());
    let mut next = None;
    for (
        i,
        (
            (id, urgent_rank, risk_rank, created_at),
            (
                category,
                location,
                happening_now,
                about,
                status,
                risk,
                acknowledged_at,
                new_message_at,
            ),
            (school_name, ack_hours, source, talk_requested_at),
            owner,
        ),
    ) in raw.into_iter().enumerate()
    {
        if i as i64 == limit {
            break;
        }
        if has_more && i as i64 == limit - 1 {
            next = Some(Cursor {
                urgent_rank,
                risk_rank,
                created_at,
                report_id: id.clone(),
            });
        }
        rows.push(QueueRow {
            report_id: id,
            school_name,
            category,
            location,
            happening_now,
            about_staff: about != About::NoStaff,
            status,
            risk,
            owner_name: owner,
            created_at,
            acknowledged: acknowledged_at.is_some(),
            overdue: acknowledged_at.is_none()
                && status.is_open()
                && now.since(created_at) > i64::from(ack_hours) * 3600,
            new_message: new_message_at.is_some(),
            linked: 0,
            source,
            talk_requested: talk_requested_at.is_some(),
        });
    }
    QueuePage { rows, next }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_refuse_junk() {
        let c = Cursor {
            urgent_rank: 0,
            risk_rank: 5,
            created_at: Timestamp::from_secs(1_790_000_000),
            report_id: ReportId::generate(),
        };
        assert_eq!(Cursor::decode(&c.encode()), Some(c));
        assert_eq!(Cursor::decode("1.2.3"), None);
        assert_eq!(Cursor::decode("1.2.x.abc"), None);
        assert_eq!(Cursor::decode("1.2.3.a'b"), None);
        assert_eq!(Cursor::decode("1.2.3.abc123"), None);
    }

    #[test]
    fn status_filters_parse() {
        assert_eq!(StatusFilter::parse(""), Some(StatusFilter::Open));
        assert_eq!(
            StatusFilter::parse("closed"),
            Some(StatusFilter::Only(Status::Closed))
        );
        assert_eq!(
            StatusFilter::parse("referred"),
            Some(StatusFilter::Referred)
        );
        assert_eq!(StatusFilter::parse("bogus"), None);
    }
}
