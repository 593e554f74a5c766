//! What the system does by itself: reminds and escalates when reports wait too long,
//! queues daily digests, and sends what is queued, retrying failures with exponential
//! back-off and jitter. Every step takes the time as an argument, so tests drive time
//! instead of sleeping.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use lettre::message::Mailbox;
use rand::Rng;

use super::context::Context;
use crate::db::{Conn, Db, DbError};
use crate::domain::choices::MailKind;
use crate::domain::routing;
use crate::mail::compose::compose;
use crate::mail::texts::Texter;
use crate::mail::transport::{build_message, Mailer};
use crate::store::keys;
use crate::store::outbox::{self, NewMail};
use crate::store::reports::{self, Unacknowledged};
use crate::store::roles;
use crate::store::users;
use crate::time::Timestamp;

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
    conn: &mut Conn<'_>,
    mailer: &Mailer,
    texter: Option<&Texter>,
    from: &Mailbox,
    sign_in_url: &str,
    clock: &dyn Fn() -> Timestamp,
) -> Result<Delivery, DbError> {
    let mut delivery = Delivery::default();
    loop {
        if delivery.failed > 0 {
            return Ok(delivery);
        }
        // One row at a time: a crash leaves only the message in flight claimed.
        let batch = conn.write(|tx| outbox::claim_due(tx, clock(), 1))?;
        if batch.is_empty() {
            return Ok(delivery);
        }
        for row in batch {
            let result = match (&row.phone, texter) {
                (Some(phone), Some(texter)) => texter.send(phone, &row.school_name, sign_in_url),
                (Some(_), None) => {
                    Err("text messages are not set up (CONFIDE_NOTIFY_API_KEY_FILE)".to_owned())
                }
                (None, _) => {
                    let composed = compose(row.kind, &row.school_name, sign_in_url);
                    build_message(from, &row.email, &composed)
                        .and_then(|m| mailer.send(&m, &row.email))
                }
            };
            let now = clock();
            match result {
                Ok(()) => {
                    conn.write(|tx| outbox::mark_sent(tx, row.id, now))?;
                    delivery.sent += 1;
                    conn.metrics().mail_sent();
                }
                Err(error) => {
                    let attempts = row.attempts + 1;
                    let retry = now.plus(backoff_seconds(attempts, rand::thread_rng().gen()));
                    tracing::warn!(target: "confide::mail", attempts, error, "a notification could not be sent; it will be retried");
                    conn.write(|tx| outbox::mark_failed(tx, row.id, attempts, &error, retry))?;
                    delivery.failed += 1;
                    conn.metrics().mail_failed();
                }
            }
        }
    }
}

/// Who is told when a report's recipients have not acknowledged it in time: the head for
/// a normal report, the chair of governors for one about staff, administrators for one
/// about the head (never the subject of an allegation).
fn escalation_targets(
    conn: &mut Conn<'_>,
    report: &Unacknowledged,
) -> Result<Vec<(crate::domain::ids::UserId, String)>, DbError> {
    let holders = roles::holders(conn.db(), report.school)?;
    let holdings = roles::holdings(&holders);
    let role = routing::escalation_role(report.about);
    let mut targets: Vec<_> = holders
        .iter()
        .filter(|h| Some(h.role) == role)
        .map(|h| (h.user_id, h.email.clone()))
        .collect();
    if targets.is_empty() {
        targets = users::administrators(conn.db())?;
    }
    targets.retain(|(id, _)| routing::may_be_told(*id, report.about, &holdings));
    targets.sort();
    targets.dedup();
    Ok(targets)
}

/// Queues a reminder to the recipients and an escalation for each report unacknowledged
/// past its school's agreed time, once per period, until someone acknowledges or closes it.
pub fn scan_overdue(conn: &mut Conn<'_>, now: Timestamp) -> Result<usize, DbError> {
    let mut queued = 0;
    for report in reports::unacknowledged(conn.db())? {
        let period_seconds = i64::from(report.ack_within_hours.max(1)) * 3600;
        let periods =
            (now.since(report.created_at) / period_seconds).min(i64::from(i32::MAX)) as i32;
        if periods < 1 || periods <= report.reminded_periods {
            continue;
        }
        let escalate_to = escalation_targets(conn, &report)?;
        queued += conn.write(|tx| {
            if !reports::claim_reminder(tx, &report.id, periods)? {
                return Ok::<_, DbError>(0);
            }
            let recipients = keys::readers_to_mail(tx.db(), &report.id, true)?;
            let mut mails: Vec<NewMail> = recipients
                .iter()
                .map(|(id, email)| NewMail {
                    kind: MailKind::Reminder,
                    email: email.clone(),
                    user_id: Some(*id),
                    school_id: Some(report.school),
                })
                .collect();
            for (id, email) in &escalate_to {
                if !recipients.iter().any(|(r, _)| r == id) {
                    mails.push(NewMail {
                        kind: MailKind::Escalation,
                        email: email.clone(),
                        user_id: Some(*id),
                        school_id: Some(report.school),
                    });
                }
            }
            outbox::enqueue(tx, &mails, now)?;
            Ok(mails.len())
        })?;
    }
    Ok(queued)
}

/// Once a day, people who chose a digest hear about each of their schools with reports
/// waiting for acknowledgement.
pub fn scan_digests(conn: &mut Conn<'_>, now: Timestamp) -> Result<usize, DbError> {
    let mut queued = 0;
    for (user, email) in users::digest_due(conn.db(), now)? {
        let mails: Vec<NewMail> = keys::schools_awaiting_acknowledgement(conn.db(), user)?
            .into_iter()
            .map(|school| NewMail {
                kind: MailKind::Digest,
                email: email.clone(),
                user_id: Some(user),
                school_id: Some(school),
            })
            .collect();
        // Only the server whose update changes the row sends the digest.
        queued += conn.write(|tx| {
            if !users::claim_digest(tx, user, now)? {
                return Ok::<_, DbError>(0);
            }
            outbox::enqueue(tx, &mails, now)?;
            Ok(mails.len())
        })?;
    }
    Ok(queued)
}

/// The background worker of one server.
pub struct Worker {
    pub db: Db,
    pub ctx: Context,
    pub mailer: Arc<Mailer>,
    /// Set when on-call texts go through GOV.UK Notify.
    pub texter: Option<Arc<Texter>>,
    pub from: Mailbox,
    pub sign_in_url: String,
    pub waker: Waker,
    pub stop: Arc<AtomicBool>,
}

impl Worker {
    /// One pass: scan (when `scan` is true), then send.
    pub fn tick(&self, scan: bool) -> Result<Delivery, DbError> {
        self.db.run_blocking(|conn| {
            if scan {
                super::on_call::scan(conn, &self.ctx, self.ctx.now())?;
                scan_overdue(conn, self.ctx.now())?;
                scan_digests(conn, self.ctx.now())?;
            }
            if !self.mailer.is_enabled() {
                return Ok(Delivery::default());
            }
            deliver_due(
                conn,
                &self.mailer,
                self.texter.as_deref(),
                &self.from,
                &self.sign_in_url,
                &|| self.ctx.now(),
            )
        })
    }

    /// Runs on its own thread until `stop` is set, waking every few seconds or when told to.
    pub fn spawn(self) -> std::io::Result<std::thread::JoinHandle<()>> {
        std::thread::Builder::new()
            .name("confide-mail".into())
            .spawn(move || {
                // Overdue reports are found within a minute; queued mail goes at once.
                let mut last_scan = Timestamp::EPOCH;
                while !self.stop.load(Ordering::Relaxed) {
                    let scan = self.ctx.now().since(last_scan) >= 60;
                    if scan {
                        last_scan = self.ctx.now();
                    }
                    if let Err(err) = self.tick(scan) {
                        tracing::error!(target: "confide::mail", error = %err, "mail worker pass failed");
                    }
                    self.waker.wait(Duration::from_secs(5));
                }
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
