//! Staff accounts: email, name, password hash, and an X25519 key pair whose private half
//! is sealed under their password.

use diesel::prelude::*;

use crate::db::schema::users;
use crate::db::{DbConnection, DbError, Tx};
use crate::domain::ids::UserId;
use crate::domain::person::Email;
use crate::time::Timestamp;

#[derive(Clone, Queryable, Selectable)]
#[diesel(table_name = users)]
pub struct User {
    pub id: UserId,
    pub email: String,
    pub name: String,
    pub password_hash: String,
    pub public_key: Vec<u8>,
    pub private_key_sealed: Vec<u8>,
    pub private_key_salt: Vec<u8>,
    pub must_change_password: bool,
    pub is_admin: bool,
    pub disabled: bool,
    pub created_at: Timestamp,
    /// One daily digest instead of a mail per non-urgent report.
    pub notify_digest: bool,
    pub last_digest_at: Timestamp,
    /// The TOTP secret, sealed; `None` until the person enrols.
    pub totp_sealed: Option<Vec<u8>>,
    /// A secret shown for enrolment, waiting for its first code.
    pub totp_pending_sealed: Option<Vec<u8>>,
    /// The last TOTP step used: a code is good once.
    pub totp_last_step: i64,
    /// Until when the person may work without a second factor.
    pub enrol_by: Timestamp,
    pub factor_failures: i32,
    pub factor_failures_since: Timestamp,
}

impl User {
    /// Whether the person has a second factor set up.
    pub fn enrolled(&self) -> bool {
        self.totp_sealed.is_some()
    }
}

impl std::fmt::Debug for User {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("User")
            .field("id", &self.id)
            .field("email", &self.email)
            .field("is_admin", &self.is_admin)
            .field("disabled", &self.disabled)
            .finish_non_exhaustive()
    }
}

/// A person's credentials and key pair, as written when they are added or their
/// password changes.
pub struct Credentials<'a> {
    pub password_hash: &'a str,
    pub public_key: &'a [u8],
    pub private_key_sealed: &'a [u8],
    pub private_key_salt: &'a [u8],
    pub must_change_password: bool,
}

pub fn insert(
    tx: &mut Tx<'_>,
    email: &Email,
    name: &str,
    is_admin: bool,
    credentials: &Credentials<'_>,
    enrol_by: Timestamp,
    now: Timestamp,
) -> Result<User, DbError> {
    diesel::insert_into(users::table)
        .values((
            users::email.eq(email.as_str()),
            users::name.eq(name),
            users::password_hash.eq(credentials.password_hash),
            users::public_key.eq(credentials.public_key),
            users::private_key_sealed.eq(credentials.private_key_sealed),
            users::private_key_salt.eq(credentials.private_key_salt),
            users::must_change_password.eq(credentials.must_change_password),
            users::is_admin.eq(is_admin),
            users::disabled.eq(false),
            users::created_at.eq(now),
            users::enrol_by.eq(enrol_by),
        ))
        .execute(tx.db())?;
    find_by_email(tx.db(), email)?.ok_or(DbError::Query(diesel::result::Error::NotFound))
}

/// Keeps a secret shown for enrolment until its first code confirms it.
pub fn set_totp_pending(tx: &mut Tx<'_>, id: UserId, sealed: &[u8]) -> Result<(), DbError> {
    diesel::update(users::table.find(id))
        .set(users::totp_pending_sealed.eq(Some(sealed)))
        .execute(tx.db())?;
    Ok(())
}

/// The confirmed secret becomes the person's second factor; `step` was just used.
pub fn activate_totp(tx: &mut Tx<'_>, id: UserId, sealed: &[u8], step: i64) -> Result<(), DbError> {
    diesel::update(users::table.find(id))
        .set((
            users::totp_sealed.eq(Some(sealed)),
            users::totp_pending_sealed.eq(None::<Vec<u8>>),
            users::totp_last_step.eq(step),
        ))
        .execute(tx.db())?;
    Ok(())
}

/// Records a used TOTP step, only if it is later than the last one: of two sign-ins racing
/// with the same code, one wins.
pub fn use_totp_step(tx: &mut Tx<'_>, id: UserId, step: i64) -> Result<bool, DbError> {
    let used = diesel::update(
        users::table
            .filter(users::id.eq(id))
            .filter(users::totp_last_step.lt(step)),
    )
    .set(users::totp_last_step.eq(step))
    .execute(tx.db())?;
    Ok(used > 0)
}

/// Forgets the person's second factor; they must enrol again by `enrol_by`.
pub fn clear_totp(tx: &mut Tx<'_>, id: UserId, enrol_by: Timestamp) -> Result<(), DbError> {
    diesel::update(users::table.find(id))
        .set((
            users::totp_sealed.eq(None::<Vec<u8>>),
            users::totp_pending_sealed.eq(None::<Vec<u8>>),
            users::enrol_by.eq(enrol_by),
            users::factor_failures.eq(0),
        ))
        .execute(tx.db())?;
    Ok(())
}

/// Counts a wrong second-factor code in the window that started at
/// `factor_failures_since`, or starts a new window at `now` if that one is over.
pub fn record_factor_failure(
    tx: &mut Tx<'_>,
    user: &User,
    window_seconds: i64,
    now: Timestamp,
) -> Result<(), DbError> {
    let (failures, since) = if now.since(user.factor_failures_since) > window_seconds {
        (1, now)
    } else {
        (
            user.factor_failures.saturating_add(1),
            user.factor_failures_since,
        )
    };
    diesel::update(users::table.find(user.id))
        .set((
            users::factor_failures.eq(failures),
            users::factor_failures_since.eq(since),
        ))
        .execute(tx.db())?;
    Ok(())
}

/// Claims one second-factor attempt before the code is checked: the claim is counted as a
/// failure (a right code clears it afterwards), and refused once `max` are counted in the
/// window. Each step is one conditional `UPDATE` on the person's row, so concurrent
/// attempts queue on the row (its lock on PostgreSQL, the writer's turn on SQLite) and
/// each sees the count the one before it left: no more than `max` codes are ever checked
/// in a window, however many arrive at once. Returns whether the code may be checked.
pub fn claim_factor_attempt(
    tx: &mut Tx<'_>,
    id: UserId,
    max: i32,
    window_seconds: i64,
    now: Timestamp,
) -> Result<bool, DbError> {
    // A window that is over (or never had a failure) starts again now.
    diesel::update(
        users::table.filter(users::id.eq(id)).filter(
            users::factor_failures
                .eq(0)
                .or(users::factor_failures_since.lt(now.plus(-window_seconds))),
        ),
    )
    .set((
        users::factor_failures.eq(0),
        users::factor_failures_since.eq(now),
    ))
    .execute(tx.db())?;
    let claimed = diesel::update(
        users::table
            .filter(users::id.eq(id))
            .filter(users::factor_failures.lt(max)),
    )
    .set(users::factor_failures.eq(users::factor_failures + 1))
    .execute(tx.db())?;
    Ok(claimed > 0)
}

pub fn clear_factor_failures(tx: &mut Tx<'_>, id: UserId) -> Result<(), DbError> {
    diesel::update(users::table.find(id))
        .set(users::factor_failures.eq(0))
        .execute(tx.db())?;
    Ok(())
}

/// Replaces a person's password and key pair.
pub fn set_credentials(
    tx: &mut Tx<'_>,
    id: UserId,
    credentials: &Credentials<'_>,
) -> Result<(), DbError> {
    diesel::update(users::table.find(id))
        .set((
            users::password_hash.eq(credentials.password_hash),
            users::public_key.eq(credentials.public_key),
            users::private_key_sealed.eq(credentials.private_key_sealed),
            users::private_key_salt.eq(credentials.private_key_salt),
            users::must_change_password.eq(credentials.must_change_password),
        ))
        .execute(tx.db())?;
    Ok(())
}

pub fn set_disabled(tx: &mut Tx<'_>, id: UserId, disabled: bool) -> Result<(), DbError> {
    diesel::update(users::table.find(id))
        .set(users::disabled.eq(disabled))
        .execute(tx.db())?;
    Ok(())
}

/// Claims today's digest for a person: `false` if another server (or an earlier pass)
/// already sent it within the last day.
pub fn claim_digest(tx: &mut Tx<'_>, id: UserId, now: Timestamp) -> Result<bool, DbError> {
    let claimed = diesel::update(
        users::table
            .filter(users::id.eq(id))
            .filter(users::last_digest_at.le(now.plus(-86_400))),
    )
    .set(users::last_digest_at.eq(now))
    .execute(tx.db())?;
    Ok(claimed > 0)
}

pub fn find(db: &mut DbConnection, id: UserId) -> Result<User, DbError> {
    Ok(users::table.find(id).select(User::as_select()).first(db)?)
}

pub fn find_by_email(db: &mut DbConnection, email: &Email) -> Result<Option<User>, DbError> {
    Ok(users::table
        .filter(users::email.eq(email.as_str()))
        .select(User::as_select())
        .first(db)
        .optional()?)
}

/// Everyone, by name.
pub fn list(db: &mut DbConnection) -> Result<Vec<User>, DbError> {
    Ok(users::table
        .order(users::name.asc())
        .select(User::as_select())
        .load(db)?)
}

/// Every active administrator, to be told about a misconfigured school.
pub fn administrators(db: &mut DbConnection) -> Result<Vec<(UserId, String)>, DbError> {
    Ok(users::table
        .filter(users::is_admin.eq(true))
        .filter(users::disabled.eq(false))
        .select((users::id, users::email))
        .load(db)?)
}

/// Active people who asked for a daily digest and have had none for a day.
pub fn digest_due(db: &mut DbConnection, now: Timestamp) -> Result<Vec<(UserId, String)>, DbError> {
    Ok(users::table
        .filter(users::notify_digest.eq(true))
        .filter(users::disabled.eq(false))
        .filter(users::last_digest_at.le(now.plus(-86_400)))
        .select((users::id, users::email))
        .load(db)?)
}
