//! Bulk seeding of the triage queue straight into the real schema: reports with valid
//! clear columns and random bytes where the sealed columns go (the queue never opens
//! them), and the officer's `report_keys` row for each, in 100,000-row transactions
//! generated inside the database (a recursive CTE on SQLite, generate_series on PostgreSQL).
//! The officer is the school's only role holder and holds every report.

use diesel::connection::SimpleConnection;

use confide::db::DbConnection;
use confide::domain::choices::{Category, Location};

use crate::scenarios::Sizes;

const CHUNK: u64 = 100_000;
const TWO_YEARS: i64 = 2 * 365 * 86_400;
/// Reports younger than this are still `new` (unacknowledged, unrated).
const NEW_FOR: i64 = 2 * 86_400;

/// Statuses of acknowledged reports, picked uniformly (one in seven is closed).
const LATER_STATUSES: &[&str] = &[
    "open",
    "waiting",
    "referred_dsl",
    "referred_police",
    "referred_social_care",
    "referred_other",
    "closed",
];

fn case(column: &str, values: &[&str]) -> String {
    let mut s = format!("CASE {column}");
    for (i, v) in values.iter().enumerate() {
        s.push_str(&format!(" WHEN {i} THEN '{v}'"));
    }
    s.push_str(" END");
    s
}

/// Fills `reports` and `report_keys` with `count` reports for `school_id`, keyed for `officer_id`.
#[expect(
    clippy::too_many_lines,
    reason = "seeding writes every table of one report in the order the app does"
)]
pub fn seed_queue(
    conn: &mut DbConnection,
    postgres: bool,
    count: u64,
    school_id: i64,
    officer_id: i64,
    sizes: &Sizes,
    now: i64,
) -> anyhow::Result<()> {
    if postgres {
        conn.batch_execute("CREATE EXTENSION IF NOT EXISTS pgcrypto")?;
    }
    let categories: Vec<&str> = Category::ALL.iter().map(|c| c.as_str()).collect();
    let locations: Vec<&str> = Location::ALL.iter().map(|l| l.as_str()).collect();
    let rand_int = |n: usize| {
        if postgres {
            format!("floor(random() * {n})::bigint")
        } else {
            format!("abs(random() % {n})")
        }
    };
    let blob = |n: usize| {
        if postgres {
            // gen_random_bytes gives at most 1024 bytes a call.
            let mut parts = Vec::new();
            let mut left = n.max(1);
            while left > 0 {
                let take = left.min(1024);
                parts.push(format!("gen_random_bytes({take})"));
                left -= take;
            }
            parts.join(" || ")
        } else {
            format!("randomblob({})", n.max(1))
        }
    };
    let id = if postgres {
        "encode(gen_random_bytes(13), 'hex')".to_owned()
    } else {
        "lower(hex(randomblob(13)))".to_owned()
    };
    let rows = |n: u64| {
        if postgres {
            format!("FROM generate_series(1, {n})")
        } else {
            format!(
                "FROM (WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < {n}) SELECT x FROM c)"
            )
        }
    };
    let begin = if postgres { "BEGIN" } else { "BEGIN IMMEDIATE" };
    // Still `new` (unacknowledged, unrated): everything under two days old, and the 2% that
    // were "happening now" (urgent_rank 0 is only for unacknowledged urgent reports).
    let fresh = format!("(ru = 0 OR age < {NEW_FOR})");
    let status = format!(
        "(CASE WHEN {fresh} THEN 'new' ELSE {} END)",
        case("rs", LATER_STATUSES)
    );
    let risk_rank = format!("(CASE WHEN {fresh} THEN 5 ELSE rr + 1 END)");
    let risk = format!(
        "(CASE {risk_rank} WHEN 1 THEN 'immediate' WHEN 2 THEN 'high' WHEN 3 THEN 'medium' WHEN 4 THEN 'low' ELSE NULL END)"
    );
    let created = format!("({now} - age)");
    // Bound to the retention period of the month it arrived in, as if it had been
    // stored by the server (the queue never opens the keys, so no key file is made).
    let month = if postgres {
        format!("to_char(to_timestamp({created}) AT TIME ZONE 'UTC', 'YYYY-MM')")
    } else {
        format!("strftime('%Y-%m', {created}, 'unixepoch')")
    };
    let mut done = 0;
    while done < count {
        let n = CHUNK.min(count - done);
        let sql = format!(
            "{begin};
CREATE TEMP TABLE seed AS SELECT {id} AS id, {age} AS age, {rc} AS rc, {rl} AS rl,
    {rs} AS rs, {rr} AS rr, {ru} AS ru, {ro} AS ro {rows};
INSERT INTO reports (id, school_id, category, location, happening_now, about, status, risk,
    owner_id, outcome, unrouted, created_at, acknowledged_at, closed_at, updated_at,
    receipt_lookup, pupil_key, recovery_keys, details, reminded_periods, retention_period)
SELECT id, {school_id}, {cat}, {loc}, ru = 0, 'no', {status}, {risk},
    CASE WHEN {status} <> 'new' AND ro = 0 THEN {officer_id} ELSE NULL END,
    CASE WHEN {status} = 'closed' THEN 'resolved' ELSE NULL END,
    false, {created},
    CASE WHEN {status} = 'new' THEN NULL ELSE {created} + 3600 END,
    CASE WHEN {status} = 'closed' THEN {created} + 86400 ELSE NULL END,
    {created},
    {lookup}, {pupil_key}, {recovery}, {details},
    CASE WHEN {status} = 'new' THEN age / 86400 ELSE 0 END,
    'open-' || {month}
FROM seed;
INSERT INTO report_keys (report_id, user_id, wrapped, created_at, is_open, urgent_rank,
    risk_rank, report_created_at)
SELECT id, {officer_id}, {wrapped}, {created}, {status} <> 'closed',
    CASE WHEN ru = 0 THEN 0 ELSE 1 END, {risk_rank}, {created}
FROM seed;
DROP TABLE seed;
COMMIT;",
            age = rand_int(TWO_YEARS as usize),
            rc = rand_int(categories.len()),
            rl = rand_int(locations.len()),
            rs = rand_int(LATER_STATUSES.len()),
            rr = rand_int(5),
            ru = rand_int(50),
            ro = rand_int(2),
            rows = rows(n),
            cat = case("rc", &categories),
            loc = case("rl", &locations),
            lookup = blob(32),
            month = month,
            pupil_key = blob(sizes.pupil_key),
            recovery = blob(sizes.recovery_keys),
            details = blob(sizes.details),
            wrapped = blob(sizes.wrapped),
        );
        if let Err(e) = conn.batch_execute(&sql) {
            let _ = conn.batch_execute("ROLLBACK");
            return Err(e.into());
        }
        done += n;
    }
    // The officer holds every report: nothing is waiting to be shared (this column exists
    // only in newer schemas, hence the error is ignored).
    let _ = conn.batch_execute(&format!(
        "UPDATE school_roles SET keys_complete = TRUE WHERE user_id = {officer_id}"
    ));
    if postgres {
        // What autovacuum would have done by the time anyone looks at a queue this old.
        // (VACUUM cannot run in the implicit transaction of a multi-statement batch.)
        conn.batch_execute("VACUUM (ANALYZE) reports")?;
        conn.batch_execute("VACUUM (ANALYZE) report_keys")?;
    } else {
        // Confide never runs ANALYZE on SQLite, so neither does the benchmark; only fold
        // the write-ahead log back as an idle server would.
        conn.batch_execute("PRAGMA wal_checkpoint(TRUNCATE);")?;
    }
    Ok(())
}
