//! Insight counters: changes appended beside each report write, folded into counters per
//! school (and for the whole deployment, school 0) and week, and read back for a scope.

use std::collections::BTreeMap;

use diesel::prelude::*;

use crate::db::schema::{insight_changes, insight_counts, reports, retained_facts};
use crate::db::{Backend, DbConnection, DbError, Tx};
use crate::domain::choices::{Category, Location, Outcome, Status};
use crate::domain::ids::SchoolId;
use crate::domain::insight::{Counter, Measure};

/// The school id the whole deployment's counters are kept under.
pub const DEPLOYMENT: SchoolId = SchoolId(0);

/// Changes folded in one transaction at most.
const FOLD_BATCH: i64 = 20_000;

fn opt_str<T: AsRef<str>>(v: Option<T>) -> String {
    v.map(|v| v.as_ref().to_owned()).unwrap_or_default()
}

/// Appends counter changes (never updates a shared row, so writers do not wait on each
/// other here).
pub fn record(tx: &mut Tx<'_>, moves: &[(Counter, i64)]) -> Result<(), DbError> {
    if moves.is_empty() {
        return Ok(());
    }
    let rows: Vec<_> = moves
        .iter()
        .map(|(c, n)| {
            (
                insight_changes::school_id.eq(c.school.0),
                insight_changes::week.eq(c.week),
                insight_changes::category.eq(opt_str(c.category.map(Category::as_str))),
                insight_changes::location.eq(opt_str(c.location.map(Location::as_str))),
                insight_changes::measure.eq(c.measure.key()),
                insight_changes::n.eq(*n),
            )
        })
        .collect();
    for row in rows {
        diesel::insert_into(insight_changes::table)
            .values(row)
            .execute(tx.db())?;
    }
    Ok(())
}

type Key = (i64, i64, String, String, String);

/// Folds waiting changes into the counters; returns how many were folded. One folder at
/// a time (SQLite's writer turn; an advisory lock on PostgreSQL).
pub fn fold(tx: &mut Tx<'_>) -> Result<usize, DbError> {
    if tx.backend() == Backend::Postgres {
        diesel::sql_query("SELECT pg_advisory_xact_lock(7734202)").execute(tx.db())?;
    }
    let mut folded = 0;
    loop {
        let batch: Vec<(i64, i64, i64, String, String, String, i64)> = insight_changes::table
            .order(insight_changes::id)
            .limit(FOLD_BATCH)
            .select((
                insight_changes::id,
                insight_changes::school_id,
                insight_changes::week,
                insight_changes::category,
                insight_changes::location,
                insight_changes::measure,
                insight_changes::n,
            ))
            .load(tx.db())?;
        let Some(last) = batch.last().map(|r| r.0) else {
            return Ok(folded);
        };
        folded += batch.len();
        let mut sums: BTreeMap<Key, i64> = BTreeMap::new();
        for (_, school, week, category, location, measure, n) in batch {
            *sums
                .entry((
                    DEPLOYMENT.0,
                    week,
                    category.clone(),
                    location.clone(),
                    measure.clone(),
                ))
                .or_default() += n;
            *sums
                .entry((school, week, category, location, measure))
                .or_default() += n;
        }
        for ((school, week, category, location, measure), n) in sums {
            if n == 0 {
                continue;
            }
            let key = insight_counts::table
                .filter(insight_counts::school_id.eq(school))
                .filter(insight_counts::week.eq(week))
                .filter(insight_counts::category.eq(&category))
                .filter(insight_counts::location.eq(&location))
                .filter(insight_counts::measure.eq(&measure));
            let updated = diesel::update(key)
                .set(insight_counts::n.eq(insight_counts::n + n))
                .execute(tx.db())?;
            if updated == 0 {
                diesel::insert_into(insight_counts::table)
                    .values((
                        insight_counts::school_id.eq(school),
                        insight_counts::week.eq(week),
                        insight_counts::category.eq(&category),
                        insight_counts::location.eq(&location),
                        insight_counts::measure.eq(&measure),
                        insight_counts::n.eq(n),
                    ))
                    .execute(tx.db())?;
            }
        }
        diesel::delete(insight_changes::table.filter(insight_changes::id.le(last)))
            .execute(tx.db())?;
    }
}

/// Whose counters to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    /// The whole deployment.
    Everywhere,
    Schools(Vec<SchoolId>),
}

/// One counter as read back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Count {
    pub week: i64,
    pub category: Option<Category>,
    pub location: Option<Location>,
    pub measure: Measure,
    pub n: u64,
}

/// The counters of a scope for weeks `from..to`, summed over its schools.
pub fn counts(
    db: &mut DbConnection,
    scope: &Scope,
    from_week: i64,
    to_week: i64,
) -> Result<Vec<Count>, DbError> {
    let schools: Vec<i64> = match scope {
        Scope::Everywhere => vec![DEPLOYMENT.0],
        Scope::Schools(ids) => ids.iter().map(|s| s.0).collect(),
    };
    let rows: Vec<(i64, String, String, String, i64)> = insight_counts::table
        .filter(insight_counts::school_id.eq_any(schools))
        .filter(insight_counts::week.ge(from_week))
        .filter(insight_counts::week.lt(to_week))
        .select((
            insight_counts::week,
            insight_counts::category,
            insight_counts::location,
            insight_counts::measure,
            insight_counts::n,
        ))
        .load(db)?;
    let mut summed: BTreeMap<(i64, String, String, String), i64> = BTreeMap::new();
    for (week, category, location, measure, n) in rows {
        *summed
            .entry((week, category, location, measure))
            .or_default() += n;
    }
    Ok(summed
        .into_iter()
        .filter_map(|((week, category, location, measure), n)| {
            Some(Count {
                week,
                category: Category::parse(&category),
                location: Location::parse(&location),
                measure: Measure::parse(&measure)?,
                n: u64::try_from(n).ok()?,
            })
        })
        .collect())
}

/// Whether no counter and no change is stored at all.
pub fn is_empty(db: &mut DbConnection) -> Result<bool, DbError> {
    let counters: i64 = insight_counts::table.count().get_result(db)?;
    let changes: i64 = insight_changes::table.count().get_result(db)?;
    Ok(counters == 0 && changes == 0)
}

/// The clear facts of every stored report, for rebuilding the counters.
#[derive(Debug, Clone, Queryable)]
pub struct StoredFacts {
    pub school_id: SchoolId,
    pub created_at: crate::time::Timestamp,
    pub category: Category,
    pub location: Location,
    pub happening_now: bool,
    pub acknowledged_at: Option<crate::time::Timestamp>,
    pub outcome: Option<Outcome>,
    pub referral: Option<Status>,
}

pub fn stored_reports(db: &mut DbConnection) -> Result<Vec<StoredFacts>, DbError> {
    Ok(reports::table
        .select((
            reports::school_id,
            reports::created_at,
            reports::category,
            reports::location,
            reports::happening_now,
            reports::acknowledged_at,
            reports::outcome,
            reports::referral,
        ))
        .load(db)?)
}

/// What is kept of purged reports: (school, day start, category, location, urgent,
/// acknowledged after, outcome, referral).
pub type KeptFacts = (
    SchoolId,
    i64,
    Category,
    Location,
    bool,
    Option<i64>,
    Option<Outcome>,
    Option<Status>,
);

pub fn kept_facts(db: &mut DbConnection) -> Result<Vec<KeptFacts>, DbError> {
    Ok(retained_facts::table
        .select((
            retained_facts::school_id,
            retained_facts::created_day,
            retained_facts::category,
            retained_facts::location,
            retained_facts::happening_now,
            retained_facts::acknowledged_after,
            retained_facts::outcome,
            retained_facts::referral,
        ))
        .load(db)?)
}
