//! Insight counters: changes appended beside each report write, folded into a row per
//! school (and for the whole deployment, school 0) and week, and read back for a scope.

use std::collections::BTreeMap;

use diesel::prelude::*;

use crate::db::schema::{insight_changes, insight_version, insight_weeks, reports, retained_facts};
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
            let (measure, category, location) = stored_key(c);
            (
                insight_changes::school_id.eq(c.school.0),
                insight_changes::week.eq(c.week),
                insight_changes::category.eq(category),
                insight_changes::location.eq(location),
                insight_changes::measure.eq(measure),
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

/// One school's counters for one week by their stored names (measure, category,
/// location; the last two empty where not counted), as kept in a row of `insight_weeks`.
pub type Tallies = BTreeMap<(String, String, String), i64>;

/// Weeks of counters by (school, week).
pub type Weeks = BTreeMap<(i64, i64), Tallies>;

fn stored_key(c: &Counter) -> (String, String, String) {
    (
        c.measure.key(),
        opt_str(c.category.map(Category::as_str)),
        opt_str(c.location.map(Location::as_str)),
    )
}

/// Adds a counter's move to its school's week and to the whole deployment's.
pub fn add(weeks: &mut Weeks, counter: &Counter, n: i64) {
    add_stored(
        weeks,
        counter.school.0,
        counter.week,
        stored_key(counter),
        n,
    );
}

fn add_stored(weeks: &mut Weeks, school: i64, week: i64, key: (String, String, String), n: i64) {
    for school in [school, DEPLOYMENT.0] {
        *weeks
            .entry((school, week))
            .or_default()
            .entry(key.clone())
            .or_default() += n;
    }
}

/// A week's counters as stored: a line each, `measure\tcategory\tlocation\tn`, sorted,
/// zeros left out.
pub fn encode(tallies: &Tallies) -> String {
    let mut text = String::with_capacity(tallies.len() * 24);
    for ((measure, category, location), n) in tallies {
        if *n != 0 {
            use std::fmt::Write;
            let _ = writeln!(text, "{measure}\t{category}\t{location}\t{n}");
        }
    }
    text
}

/// The counters of a stored week; a line that cannot be read is skipped.
pub fn decode(text: &str) -> impl Iterator<Item = (&str, &str, &str, i64)> {
    text.lines().filter_map(|line| {
        let mut fields = line.split('\t');
        let measure = fields.next()?;
        let category = fields.next()?;
        let location = fields.next()?;
        let n = fields.next()?.parse().ok()?;
        fields
            .next()
            .is_none()
            .then_some((measure, category, location, n))
    })
}

fn decode_owned(text: &str) -> Tallies {
    decode(text)
        .map(|(m, c, l, n)| ((m.to_owned(), c.to_owned(), l.to_owned()), n))
        .collect()
}

/// Folds waiting changes into the weeks; returns how many were folded. One folder at a
/// time (SQLite's writer turn; an advisory lock on PostgreSQL).
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
            if folded > 0 {
                bump_version(tx)?;
            }
            return Ok(folded);
        };
        folded += batch.len();
        let mut moves = Weeks::new();
        for (_, school, week, category, location, measure, n) in batch {
            add_stored(&mut moves, school, week, (measure, category, location), n);
        }
        for ((school, week), changed) in moves {
            let row = insight_weeks::table.find((school, week));
            let stored: Option<String> = row
                .select(insight_weeks::counts)
                .first(tx.db())
                .optional()?;
            let mut tallies = stored.as_deref().map(decode_owned).unwrap_or_default();
            for (key, n) in changed {
                *tallies.entry(key).or_default() += n;
            }
            tallies.retain(|_, n| *n != 0);
            match (stored.is_some(), tallies.is_empty()) {
                (true, true) => {
                    diesel::delete(row).execute(tx.db())?;
                }
                (true, false) => {
                    diesel::update(row)
                        .set(insight_weeks::counts.eq(encode(&tallies)))
                        .execute(tx.db())?;
                }
                (false, false) => {
                    diesel::insert_into(insight_weeks::table)
                        .values((
                            insight_weeks::school_id.eq(school),
                            insight_weeks::week.eq(week),
                            insight_weeks::counts.eq(encode(&tallies)),
                        ))
                        .execute(tx.db())?;
                }
                (false, true) => {}
            }
        }
        diesel::delete(insight_changes::table.filter(insight_changes::id.le(last)))
            .execute(tx.db())?;
    }
}

/// The counters changed: figures audited under the old version are stale.
fn bump_version(tx: &mut Tx<'_>) -> Result<(), DbError> {
    bump(tx.db())
}

fn bump(db: &mut DbConnection) -> Result<(), DbError> {
    diesel::update(insight_version::table)
        .set(insight_version::n.eq(insight_version::n + 1))
        .execute(db)?;
    Ok(())
}

/// The counters' version: it grows whenever they change.
pub fn version(db: &mut DbConnection) -> Result<i64, DbError> {
    Ok(insight_version::table
        .select(insight_version::n)
        .first::<i64>(db)
        .optional()?
        .unwrap_or(0))
}

/// Writes whole weeks where none are stored yet (rebuilding), in the caller's
/// transaction.
pub fn fill(db: &mut DbConnection, weeks: &Weeks) -> Result<(), DbError> {
    bump(db)?;
    for ((school, week), tallies) in weeks {
        if tallies.values().all(|n| *n == 0) {
            continue;
        }
        diesel::insert_into(insight_weeks::table)
            .values((
                insight_weeks::school_id.eq(school),
                insight_weeks::week.eq(week),
                insight_weeks::counts.eq(encode(tallies)),
            ))
            .execute(db)?;
    }
    Ok(())
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

/// The counters of a scope for weeks `from..to`, summed over its schools. A counter
/// whose names are no longer known (a retired category, say) is left out.
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
    let rows: Vec<(i64, String)> = insight_weeks::table
        .filter(insight_weeks::school_id.eq_any(schools))
        .filter(insight_weeks::week.ge(from_week))
        .filter(insight_weeks::week.lt(to_week))
        .select((insight_weeks::week, insight_weeks::counts))
        .load(db)?;
    type Read = (i64, Option<Category>, Option<Location>, Measure);
    let mut summed: BTreeMap<Read, i64> = BTreeMap::new();
    for (week, text) in &rows {
        for (measure, category, location, n) in decode(text) {
            let Some(measure) = Measure::parse(measure) else {
                continue;
            };
            let category = Category::parse(category);
            let location = Location::parse(location);
            *summed
                .entry((*week, category, location, measure))
                .or_default() += n;
        }
    }
    Ok(summed
        .into_iter()
        .filter_map(|((week, category, location, measure), n)| {
            Some(Count {
                week,
                category,
                location,
                measure,
                n: u64::try_from(n).ok()?,
            })
        })
        .collect())
}

/// Whether any week of counters is stored.
pub fn has_weeks(db: &mut DbConnection) -> Result<bool, DbError> {
    Ok(insight_weeks::table
        .select(insight_weeks::school_id)
        .first::<i64>(db)
        .optional()?
        .is_some())
}

/// Makes a rebuild the only writer of changes and weeks until it commits, so that the
/// reports it reads and the changes it drops agree: report writes wait to append their
/// change (PostgreSQL: an exclusive lock on the change table, after the folders' lock;
/// SQLite: the writer's turn already holds every other writer).
pub fn hold_for_rebuild(tx: &mut Tx<'_>) -> Result<(), DbError> {
    if tx.backend() == Backend::Postgres {
        diesel::sql_query("SELECT pg_advisory_xact_lock(7734202)").execute(tx.db())?;
        diesel::sql_query("LOCK TABLE insight_changes IN EXCLUSIVE MODE").execute(tx.db())?;
    }
    Ok(())
}

/// Drops every waiting change (a rebuild has counted what they would have moved).
pub fn clear_changes(tx: &mut Tx<'_>) -> Result<usize, DbError> {
    Ok(diesel::delete(insight_changes::table).execute(tx.db())?)
}

/// The clear facts of a stored report, for rebuilding the counters.
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
    pub out_of_hours: bool,
    /// One more report of an incident another report leads.
    pub linked_on: bool,
}

impl From<&super::reports::CaseRow> for StoredFacts {
    fn from(row: &super::reports::CaseRow) -> Self {
        StoredFacts {
            school_id: row.school_id,
            created_at: row.created_at,
            category: row.category,
            location: row.location,
            happening_now: row.happening_now,
            acknowledged_at: row.acknowledged_at,
            outcome: row.outcome,
            referral: row.referral,
            out_of_hours: row.out_of_hours,
            linked_on: row.linked_on(),
        }
    }
}

/// The clear facts of a school's stored reports.
pub fn stored_reports(
    db: &mut DbConnection,
    school: SchoolId,
) -> Result<Vec<StoredFacts>, DbError> {
    let rows: Vec<super::reports::CaseRow> = reports::table
        .filter(reports::school_id.eq(school))
        .select(super::reports::CaseRow::as_select())
        .load(db)?;
    Ok(rows.iter().map(StoredFacts::from).collect())
}

/// What is kept of purged reports: (school, day start, category, location, urgent,
/// acknowledged after, outcome, referral, out of hours, linked on).
pub type KeptFacts = (
    SchoolId,
    i64,
    Category,
    Location,
    bool,
    Option<i64>,
    Option<Outcome>,
    Option<Status>,
    bool,
    bool,
);

/// What is kept of a school's purged reports.
pub fn kept_facts(db: &mut DbConnection, school: SchoolId) -> Result<Vec<KeptFacts>, DbError> {
    Ok(retained_facts::table
        .filter(retained_facts::school_id.eq(school))
        .select((
            retained_facts::school_id,
            retained_facts::created_day,
            retained_facts::category,
            retained_facts::location,
            retained_facts::happening_now,
            retained_facts::acknowledged_after,
            retained_facts::outcome,
            retained_facts::referral,
            retained_facts::out_of_hours,
            retained_facts::linked_on,
        ))
        .load(db)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(m: &str, c: &str, l: &str) -> (String, String, String) {
        (m.to_owned(), c.to_owned(), l.to_owned())
    }

    #[test]
    fn a_week_reads_back_as_it_was_written_without_its_zeros() {
        let mut week = Tallies::new();
        week.insert(key("reports", "bullying", "corridor"), 12);
        week.insert(key("ack:3", "", ""), 4);
        week.insert(key("urgent", "", ""), 0);
        let text = encode(&week);
        assert_eq!(text, "ack:3\t\t\t4\nreports\tbullying\tcorridor\t12\n");
        week.remove(&key("urgent", "", ""));
        assert_eq!(decode_owned(&text), week);
    }

    #[test]
    fn an_unreadable_line_is_skipped_and_the_rest_kept() {
        let text = "reports\tbullying\tcorridor\t3\nbroken line\nurgent\t\t\tx\nack:1\t\t\t2\t9\nurgent\t\t\t1\n";
        let read: Vec<_> = decode(text).collect();
        assert_eq!(
            read,
            vec![
                ("reports", "bullying", "corridor", 3),
                ("urgent", "", "", 1)
            ]
        );
    }

    #[test]
    fn a_move_counts_for_its_school_and_the_whole_deployment() {
        let counter = Counter {
            school: SchoolId(7),
            week: 2_900,
            category: Some(Category::ALL[0]),
            location: Some(Location::ALL[0]),
            measure: Measure::Reports,
        };
        let mut weeks = Weeks::new();
        add(&mut weeks, &counter, 1);
        add(&mut weeks, &counter, 1);
        let stored = stored_key(&counter);
        assert_eq!(weeks[&(7, 2_900)][&stored], 2);
        assert_eq!(weeks[&(DEPLOYMENT.0, 2_900)][&stored], 2);
        assert_eq!(weeks.len(), 2);
    }
}
