//! Signing in and out, the state a session is in, and choosing a new password.

use std::sync::OnceLock;

use super::actors::Staff;
use super::context::Context;
use super::{binding, sharing};
use crate::crypto::password::{self, SealedPrivateKey};
use crate::crypto::retention::KeyCopy;
use crate::crypto::sealed_box::{PrivateKey, ReportKeys};
use crate::crypto::session::SessionToken;
use crate::db::{Conn, DbError, Tx};
use crate::domain::msg::{FieldError, Msg};
use crate::domain::person::{self, Email};
use crate::store::audit;
use crate::store::keys;
use crate::store::sessions;
use crate::store::users::{self, Credentials, User};
use crate::time::Timestamp;

/// Signed out after 30 minutes without a request.
pub const IDLE_SECONDS: i64 = 30 * 60;
/// Signed out 12 hours after signing in, however busy.
pub const ABSOLUTE_SECONDS: i64 = 12 * 60 * 60;
/// `last_seen_at` is written at most this often, to keep reads from becoming writes.
const TOUCH_EVERY_SECONDS: i64 = 60;

/// Why signing in, or a session, failed for a reason that is not the person's.
#[derive(Debug, thiserror::Error)]
pub enum SessionError {
    /// The person's own input was not accepted, with what to tell them.
    #[error("refused: {0:?}")]
    Refused(FieldError),
    #[error("a stored key would not open: {0}")]
    Broken(&'static str),
    #[error("could not protect a key: {0}")]
    Crypto(String),
    #[error(transparent)]
    Db(#[from] DbError),
}

impl From<anyhow::Error> for SessionError {
    fn from(err: anyhow::Error) -> Self {
        SessionError::Crypto(format!("{err:#}"))
    }
}

/// What a session may do yet. Every staff page needs [`SessionState::Active`]; the other
/// states reach only the one page that moves them on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionState {
    Active,
    /// The password was right (or not: the page looks the same); now the code from the app.
    NeedsSecondFactor,
    /// Signed in with a temporary password: choose a new one first.
    MustChangePassword,
    /// No second factor yet, and no grace left: set one up first.
    MustEnrol,
}

impl SessionState {
    /// The second factor comes first (so nothing is reachable without it), then a
    /// temporary password is replaced, then a missing second factor is set up.
    pub fn of(user: &User, second_factor_at: Option<Timestamp>, now: Timestamp) -> Self {
        if user.enrolled() && second_factor_at.is_none() {
            SessionState::NeedsSecondFactor
        } else if user.must_change_password {
            SessionState::MustChangePassword
        } else if !user.enrolled() && now >= user.enrol_by {
            SessionState::MustEnrol
        } else {
            SessionState::Active
        }
    }
}

/// A live session: the person, their opened key, and what they may do yet.
#[derive(Debug, Clone)]
pub struct SignedIn {
    pub staff: Staff,
    pub state: SessionState,
    pub token: SessionToken,
}

/// Work an unknown email address does too, so it takes as long as a wrong password.
fn decoy() -> &'static (String, SealedPrivateKey) {
    static DECOY: OnceLock<(String, SealedPrivateKey)> = OnceLock::new();
    DECOY.get_or_init(|| {
        let secret = password::temporary_password();
        let hash = password::hash_password(&secret).unwrap_or_default();
        let sealed =
            SealedPrivateKey::seal(&PrivateKey::generate(), &secret).unwrap_or(SealedPrivateKey {
                salt: vec![0; 16],
                sealed: vec![0; 72],
            });
        (hash, sealed)
    })
}

/// Prepares the decoy at start-up so the first unknown email is not faster than the rest.
pub fn warm_up() {
    decoy();
}

fn open_private_key(user: &User, password: &str) -> Option<PrivateKey> {
    SealedPrivateKey {
        salt: user.private_key_salt.clone(),
        sealed: user.private_key_sealed.clone(),
    }
    .open(password)
    .ok()
}

/// Checks an email and password. The same work is done, and the same `None` returned,
/// whether the address is unknown, the account disabled or the password wrong.
fn check_credentials(
    conn: &mut Conn<'_>,
    email: &str,
    password_given: &str,
) -> Result<Option<(User, PrivateKey)>, DbError> {
    let user = match Email::parse(email) {
        Ok(email) => users::find_by_email(conn.db(), &email)?,
        Err(_) => None,
    };
    let Some(user) = user else {
        let (hash, sealed) = decoy();
        let _ = password::verify_password(hash, password_given);
        let _ = sealed.open(password_given);
        return Ok(None);
    };
    let password_ok = password::verify_password(&user.password_hash, password_given);
    let key = open_private_key(&user, password_given);
    match (password_ok && !user.disabled, key) {
        (true, Some(key)) => Ok(Some((user, key))),
        _ => Ok(None),
    }
}

/// The first step of signing in: email and password. Whatever they were, the answer is a
/// token for the cookie and the step that comes next, so nobody learns whether a password
/// was right until the second factor passes. With the right password a session is stored
/// (its private key sealed under the token); otherwise the token matches nothing.
pub fn sign_in(
    conn: &mut Conn<'_>,
    ctx: &Context,
    email: &str,
    password_given: &str,
) -> Result<(SessionToken, SessionState), SessionError> {
    let token = SessionToken::generate();
    let Some((user, key)) = check_credentials(conn, email, password_given)? else {
        return Ok((token, SessionState::NeedsSecondFactor));
    };
    let sealed = token.seal_private_key(&key);
    let now = ctx.now();
    conn.write(|tx| sessions::insert(tx, &token.id_hash(), user.id, &sealed, now))?;
    let state = SessionState::of(&user, None, now);
    if state != SessionState::NeedsSecondFactor {
        finish_sign_in(conn, ctx, &user, &key, "Signed in")?;
    }
    Ok((token, state))
}

/// Once every step is passed: colleagues who joined since this person last signed in get
/// the reports they should see, while this person's key is open; and it is audited.
pub(crate) fn finish_sign_in(
    conn: &mut Conn<'_>,
    ctx: &Context,
    user: &User,
    key: &PrivateKey,
    action: &str,
) -> Result<(), SessionError> {
    let shared = sharing::share_pending(conn, ctx, user, key)?;
    if shared > 0 {
        tracing::info!(shared, "report keys shared at sign-in");
    }
    let now = ctx.now();
    conn.write(|tx| {
        audit::append(
            tx,
            &audit::Actor::user(user.id, &user.name),
            None,
            action,
            "",
            now,
        )
    })?;
    Ok(())
}

/// A new id for a session whose privilege just changed (its code accepted, confirmed again,
/// its password changed): the private key is sealed under a new token and the old
/// token's row is gone, so a cookie planted before the change, or seen before it, opens
/// nothing after it. Returns the token for the new cookie.
pub(crate) fn renew(
    tx: &mut Tx<'_>,
    old: &SessionToken,
    key: &PrivateKey,
) -> Result<SessionToken, DbError> {
    let fresh = SessionToken::generate();
    sessions::rotate(
        tx,
        &old.id_hash(),
        &fresh.id_hash(),
        &fresh.seal_private_key(key),
    )?;
    Ok(fresh)
}

/// The live session for a cookie, or `None` (and the row removed) when it has expired,
/// the person was disabled, or the cookie matches nothing.
pub fn load(
    conn: &mut Conn<'_>,
    ctx: &Context,
    token: &SessionToken,
) -> Result<Option<SignedIn>, SessionError> {
    let id = token.id_hash();
    let Some(row) = sessions::find(conn.db(), &id)? else {
        return Ok(None);
    };
    let now = ctx.now();
    let user = users::find(conn.db(), row.user_id)?;
    if now.since(row.last_seen_at) > IDLE_SECONDS
        || now.since(row.created_at) > ABSOLUTE_SECONDS
        || user.disabled
    {
        conn.write(|tx| sessions::delete(tx, &id))?;
        return Ok(None);
    }
    let Ok(private_key) = token.open_private_key(&row.sealed_private_key) else {
        return Ok(None);
    };
    if now.since(row.last_seen_at) >= TOUCH_EVERY_SECONDS {
        conn.write(|tx| sessions::touch(tx, &id, now))?;
    }
    Ok(Some(SignedIn {
        state: SessionState::of(&user, row.second_factor_at, now),
        staff: Staff {
            user,
            private_key,
            second_factor_at: row.second_factor_at,
        },
        token: token.clone(),
    }))
}

/// Ends this session at once.
pub fn sign_out(
    conn: &mut Conn<'_>,
    ctx: &Context,
    session: &SignedIn,
) -> Result<(), SessionError> {
    let now = ctx.now();
    conn.write(|tx| {
        sessions::delete(tx, &session.token.id_hash())?;
        audit::append(tx, &session.staff.actor(), None, "Signed out", "", now)
    })?;
    Ok(())
}

/// Sets a new password the person chose. Leaving a temporary password (which an
/// administrator saw) also replaces the key pair, re-sealing every report key the person
/// holds, so whoever knew the temporary password can open nothing, even from an old copy
/// of the database. This session carries the key now in force, under a new id (returned
/// for the cookie); every other session of the person ends.
pub fn change_password(
    conn: &mut Conn<'_>,
    ctx: &Context,
    session: &SignedIn,
    current: &str,
    new: &str,
    confirm: &str,
) -> Result<SessionToken, SessionError> {
    if let Err((field, msg)) = person::new_password(current, new, confirm) {
        return Err(SessionError::Refused(FieldError::new(field, msg)));
    }
    let user = &session.staff.user;
    if !password::verify_password(&user.password_hash, current) {
        return Err(SessionError::Refused(FieldError::new(
            "current",
            Msg::PasswordWrong,
        )));
    }
    let old = &session.staff.private_key;
    let hash = password::hash_password(new)?;
    let next = if user.must_change_password {
        PrivateKey::generate()
    } else {
        old.clone()
    };
    let sealed = SealedPrivateKey::seal(&next, new)?;
    let mut rewrapped = Vec::new();
    if user.must_change_password {
        let public = next.public_key();
        for (report, school, period, bound) in keys::held_by(conn.db(), user.id)? {
            let copy = KeyCopy::Recipient(user.id);
            let Some(wrapped) =
                binding::unbind(ctx, school, period.as_deref(), &report, copy, &bound)?
            else {
                continue;
            };
            if let Ok(report_keys) = ReportKeys::unwrap_with(old, &report, &wrapped) {
                let fresh = report_keys.wrap_for(&public, &report);
                let bound = match period.as_deref() {
                    Some(raw) => match crate::domain::retention::Period::parse(raw) {
                        Some(p) => {
                            binding::binding_key(ctx, school, &p)?.bind(&report, copy, &fresh)
                        }
                        None => continue,
                    },
                    None => fresh,
                };
                rewrapped.push((report, bound));
            }
        }
    }
    let now = ctx.now();
    let renewed = conn.write(|tx| {
        users::set_credentials(
            tx,
            user.id,
            &Credentials {
                password_hash: &hash,
                public_key: next.public_key().as_bytes(),
                private_key_sealed: &sealed.sealed,
                private_key_salt: &sealed.salt,
                must_change_password: false,
            },
        )?;
        for (report, wrapped) in &rewrapped {
            keys::set_wrapped(tx, report, user.id, wrapped)?;
        }
        let renewed = renew(tx, &session.token, &next)?;
        sessions::delete_others(tx, user.id, &renewed.id_hash())?;
        audit::append(
            tx,
            &session.staff.actor(),
            None,
            "Changed password",
            "",
            now,
        )?;
        Ok::<_, DbError>(renewed)
    })?;
    Ok(renewed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ids::UserId;

    fn user(enrolled: bool, temporary: bool, enrol_by: i64) -> User {
        User {
            id: UserId(1),
            email: "jo@school.example".into(),
            name: "Jo".into(),
            password_hash: String::new(),
            public_key: vec![],
            private_key_sealed: vec![],
            private_key_salt: vec![],
            must_change_password: temporary,
            is_admin: false,
            disabled: false,
            created_at: Timestamp::EPOCH,
            notify_digest: false,
            last_digest_at: Timestamp::EPOCH,
            totp_sealed: enrolled.then(Vec::new),
            totp_pending_sealed: None,
            totp_last_step: 0,
            enrol_by: Timestamp(enrol_by),
            factor_failures: 0,
            factor_failures_since: Timestamp::EPOCH,
        }
    }

    #[test]
    fn the_second_factor_comes_before_everything_else() {
        let now = Timestamp(1_000);
        let passed = Some(Timestamp(990));
        use SessionState::*;
        assert_eq!(
            SessionState::of(&user(true, true, 0), None, now),
            NeedsSecondFactor
        );
        assert_eq!(
            SessionState::of(&user(true, false, 0), None, now),
            NeedsSecondFactor
        );
        assert_eq!(
            SessionState::of(&user(true, true, 0), passed, now),
            MustChangePassword
        );
        assert_eq!(SessionState::of(&user(true, false, 0), passed, now), Active);
        assert_eq!(
            SessionState::of(&user(false, true, 0), None, now),
            MustChangePassword
        );
        assert_eq!(
            SessionState::of(&user(false, false, 0), None, now),
            MustEnrol
        );
        // Within the deployment's grace period, a person may work before enrolling.
        assert_eq!(
            SessionState::of(&user(false, false, 2_000), None, now),
            Active
        );
    }
}
