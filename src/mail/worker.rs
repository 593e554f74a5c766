//! The mail worker: finds overdue reports and due digests, sends what is queued, and
//! retries failures with exponential back-off and jitter. Every step takes `now` as an
//! argument, so tests drive time instead of sleeping.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use diesel::prelude::*;
use lettre::message::Mailbox;
use rand::Rng;

use super::compose::{compose, Kind};
use super::outbox::{self, NewMail};
use super::transport::{build_message, Mailer};
use crate::accounts::roles::{self, Role};
use crate::db::schema::{report_keys, reports, schools, users};
use crate::db::{self, DbConnection, Pool};
use crate::error::AppError;
use crate::reports::choices::About;

/// Seconds to wait before retry number `attempts` (1-based): 30 s doubling to at most an
/// hour, spread by ±25% so a recovering server is not hit by every message at once.
pub fn backoff_seconds(attempts: i32, jitter: f64) -> i64 {
    let exponent = attempts.clamp(1, 20) - 1;
    let base = (30_i64 << exponent).min(3600) as f64;
    (base * (0.75 + 0.5 * jitter.clamp(0.0, 1.0))).round() as i64
}

/// Lets request handlers wake the worker at once (a "happening now" report must not wait).
#[derive(Clone, Default)]
pub struct Waker(Arc<(Mutex<bool>, Condvar)>);

impl Waker {
    pub fn wake(&self) {
        let (flag, signal) = &*self.0;
        if let Ok(mut woken) = flag.lock() {
            *woken = true;
            signal.notify_all();
        }
    }

    fn wait(&self, timeout: Duration) {
        let (flag, signal) = &*self.0;
        if let Ok(guard) = flag.lock() {
            if let Ok((mut woken, _)) = signal.wait_timeout_while(guard, timeout, |woken| !*woken) {
                *woken = false;
            }
        }
    }
}

/// What one delivery pass did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Delivery {
    pub sent: usize,
    pub failed: usize,
}

/// Sends what is due, one message at a time, reading `clock` afresh for every claim and
/// mark (a slow pass must not let claims lapse or back-off start from a stale time).
/// A failure ends the pass: when the server is down, the next message would only wait
/// for the same time-out; each failed message keeps its own back-off.
pub fn deliver_due(
    conn: &mut DbConnection,
    mailer: &Mailer,
    from: &Mailbox,
    sign_in_url: &str,
    clock: &dyn Fn() -> i64,
) -> Result<Delivery, AppError> {
    let mut delivery = Delivery::default();
    loop {
        // One row at a time: a crash leaves only the message in flight claimed.
        if delivery.failed > 0 {
            return Ok(delivery);
        }
        let batch = outbox::claim_due(conn, clock(), 1)?;
        if batch.is_empty() {
            return Ok(delivery);
        }
        for row in batch {
            let now = clock();
            let composed = compose(row.kind, &row.school_name, sign_in_url);
            let result = build_message(from, &row.email, &composed)
                .and_then(|m| mailer.send(&m, &row.email));
            match result {
                Ok(()) => {
                    outbox::mark_sent(conn, row.id, now)?;
                    delivery.sent += 1;
                }
                Err(error) => {
                    let attempts = row.attempts + 1;
                    let retry = now + backoff_seconds(attempts, rand::thread_rng().gen());
                    tracing::warn!(target: "confide::mail", attempts, error, "a notification could not be sent; it will be retried");
                    outbox::mark_failed(conn, row.id, attempts, &error, retry)?;
                    delivery.failed += 1;
                }
            }
        }
    }
}

/// Who is told when a report's recipients have not acknowledged it in time: the head for
/// a normal report, the chair of governors for one about staff, administrators for one
/// about the head (never the subject of an allegation).
fn escalation_targets(
    conn: &mut DbConnection,
    school_id: i64,
    about: About,
) -> Result<Vec<(i64, String)>, AppError> {
    let role = match about {
        About::NoStaff => Some(Role::HeadTeacher),
        About::Staff => Some(Role::ChairOfGovernors),
        About::HeadTeacher => None,
    };
    let holders = roles::holders(conn, school_id)?;
    let heads: Vec<i64> = holders
        .iter()
        .filter(|h| h.role == Role::HeadTeacher)
        .map(|h| h.user_id)
        .collect();
    let mut targets: Vec<(i64, String)> = holders
        .into_iter()
        .filter(|h| Some(h.role) == role)
        .filter(|h| about != About::HeadTeacher || !heads.contains(&h.user_id))
        .map(|h| (h.user_id, h.email))
        .collect();
    if targets.is_empty() {
        targets = outbox::administrators(conn)?;
    }
    // Never the subject of an allegation, whichever way they were found.
    if about == About::HeadTeacher {
        targets.retain(|(id, _)| !heads.contains(id));
    }
    Ok(targets)
}

/// Queues a reminder to the recipients and an escalation for each report unacknowledged
/// past its school's agreed time, once per period, until someone acknowledges or closes it.
pub fn scan_overdue(conn: &mut DbConnection, now: i64) -> Result<usize, AppError> {
    let candidates: Vec<(String, i64, String, i64, i32, i32)> = reports::table
        .inner_join(schools::table)
        .filter(reports::acknowledged_at.is_null())
        .filter(reports::status.ne("closed"))
        .select((
            reports::id,
            reports::school_id,
            reports::about,
            reports::created_at,
            reports::reminded_periods,
            schools::ack_within_hours,
        ))
        .load(conn)?;
    let mut queued = 0;
    for (report_id, school_id, about, created_at, reminded, ack_hours) in candidates {
        let period_seconds = i64::from(ack_hours.max(1)) * 3600;
        let periods = ((now - created_at) / period_seconds).min(i64::from(i32::MAX)) as i32;
        if periods < 1 || periods <= reminded {
            continue;
        }
        let about = About::parse(&about).unwrap_or(About::NoStaff);
        queued += db::write_transaction(conn, |conn| {
            // Only the server whose update changes the row sends: with several servers
            // (or a report acknowledged meanwhile) the others change nothing and send nothing.
            let claimed = diesel::update(
                reports::table
                    .filter(reports::id.eq(&report_id))
                    .filter(reports::reminded_periods.lt(periods))
                    .filter(reports::acknowledged_at.is_null())
                    .filter(reports::status.ne("closed")),
            )
            .set(reports::reminded_periods.eq(periods))
            .execute(conn)?;
            if claimed == 0 {
                return Ok(0);
            }
            let recipients: Vec<(i64, String)> = report_keys::table
                .inner_join(users::table)
                .filter(report_keys::report_id.eq(&report_id))
                .filter(users::disabled.eq(false))
                .select((users::id, users::email))
                .load(conn)?;
            let mut mails: Vec<NewMail> = recipients
                .iter()
                .map(|(id, email)| NewMail {
                    kind: Kind::Reminder,
                    email: email.clone(),
                    user_id: Some(*id),
                    school_id: Some(school_id),
                })
                .collect();
            for (id, email) in escalation_targets(conn, school_id, about)? {
                if !recipients.iter().any(|(r, _)| *r == id) {
                    mails.push(NewMail {
                        kind: Kind::Escalation,
                        email,
                        user_id: Some(id),
                        school_id: Some(school_id),
                    });
                }
            }
            outbox::enqueue(conn, &mails, now)?;
            Ok(mails.len())
        })?;
    }
    Ok(queued)
}

/// Once a day, people who chose a digest hear about each of their schools with reports
/// waiting for acknowledgement.
pub fn scan_digests(conn: &mut DbConnection, now: i64) -> Result<usize, AppError> {
    let due: Vec<(i64, String)> = users::table
        .filter(users::notify_digest.eq(true))
        .filter(users::disabled.eq(false))
        .filter(users::last_digest_at.le(now - 86_400))
        .select((users::id, users::email))
        .load(conn)?;
    let mut queued = 0;
    for (user_id, email) in due {
        let schools: Vec<i64> = report_keys::table
            .inner_join(reports::table)
            .filter(report_keys::user_id.eq(user_id))
            .filter(report_keys::is_open.eq(true))
            .filter(reports::acknowledged_at.is_null())
            .select(reports::school_id)
            .distinct()
            .load(conn)?;
        let mails: Vec<NewMail> = schools
            .into_iter()
            .map(|school_id| NewMail {
                kind: Kind::Digest,
                email: email.clone(),
                user_id: Some(user_id),
                school_id: Some(school_id),
            })
            .collect();
        // Only the server whose update changes the row sends the digest.
        queued += db::write_transaction(conn, |conn| {
            let claimed = diesel::update(
                users::table
                    .filter(users::id.eq(user_id))
                    .filter(users::last_digest_at.le(now - 86_400)),
            )
            .set(users::last_digest_at.eq(now))
            .execute(conn)?;
            if claimed == 0 {
                return Ok(0);
            }
            outbox::enqueue(conn, &mails, now)?;
            Ok(mails.len())
        })?;
    }
    Ok(queued)
}

/// The background worker of one server.
pub struct Worker {
    pub pool: Pool,
    pub mailer: Arc<Mailer>,
    pub from: Mailbox,
    pub sign_in_url: String,
    pub waker: Waker,
    pub stop: Arc<AtomicBool>,
}

impl Worker {
    /// One pass: scan (when `scan` is true), then send.
    pub fn tick(&self, scan: bool) -> Result<Delivery, AppError> {
        let mut conn = self.pool.get().map_err(AppError::Unavailable)?;
        if scan {
            scan_overdue(&mut conn, db::now())?;
            scan_digests(&mut conn, db::now())?;
        }
        if !self.mailer.is_enabled() {
            return Ok(Delivery::default());
        }
        deliver_due(
            &mut conn,
            &self.mailer,
            &self.from,
            &self.sign_in_url,
            &db::now,
        )
    }

    /// Runs until `stop` is set, waking every few seconds or when told to.
    pub fn spawn(self) -> std::thread::JoinHandle<()> {
        std::thread::Builder::new()
            .name("confide-mail".into())
            .spawn(move || {
                // Overdue reports are found within a minute; queued mail goes at once.
                let mut last_scan = 0;
                while !self.stop.load(Ordering::Relaxed) {
                    let scan = db::now() - last_scan >= 60;
                    if scan {
                        last_scan = db::now();
                    }
                    if let Err(err) = self.tick(scan) {
                        tracing::error!(target: "confide::mail", error = %err, "mail worker pass failed");
                    }
                    self.waker.wait(Duration::from_secs(5));
                }
            })
            .unwrap_or_else(|e| {
                tracing::error!("cannot start the mail worker: {e}");
                std::thread::spawn(|| {})
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn back_off_doubles_to_an_hour_with_jitter() {
        assert_eq!(backoff_seconds(1, 0.5), 30);
        assert_eq!(backoff_seconds(2, 0.5), 60);
        assert_eq!(backoff_seconds(3, 0.5), 120);
        assert_eq!(backoff_seconds(12, 0.5), 3600);
        assert_eq!(backoff_seconds(1, 0.0), 23);
        assert_eq!(backoff_seconds(1, 1.0), 38);
    }
}
