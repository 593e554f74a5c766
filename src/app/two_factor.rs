//! The second factor: setting it up (a QR code and a confirming code), the second step of
//! signing in, confirming it again before the most sensitive actions, and the codes that
//! stand in for a lost phone. Wrong codes are limited per account here and per client at
//! the web edge.

use zeroize::Zeroizing;

use super::sessions::{finish_sign_in, SessionError, SessionState, SignedIn};
use super::{Admin, Context, StepUpRequired};
use crate::crypto::session::SessionToken;
use crate::crypto::totp::{RecoveryCode, TotpSecret, RECOVERY_CODES};
use crate::db::{Conn, DbError, Tx};
use crate::domain::choices::MailKind;
use crate::domain::ids::UserId;
use crate::domain::msg::Msg;
use crate::store::audit::{self, Actor};
use crate::store::outbox::{self, NewMail};
use crate::store::recovery_codes;
use crate::store::sessions;
use crate::store::users::{self, User};
use crate::time::Timestamp;

/// Wrong codes allowed per account in one window, before every code (even a right one)
/// is refused until the window is over.
pub const MAX_FAILURES: i32 = 5;
pub const FAILURE_WINDOW_SECONDS: i64 = 15 * 60;

/// Why a second-factor step was not done.
#[derive(Debug, thiserror::Error)]
pub enum TwoFactorError {
    #[error("refused: {0:?}")]
    Refused(Msg),
    #[error(transparent)]
    StepUp(#[from] StepUpRequired),
    #[error(transparent)]
    Session(#[from] SessionError),
}

impl From<DbError> for TwoFactorError {
    fn from(err: DbError) -> Self {
        TwoFactorError::Session(SessionError::Db(err))
    }
}

/// What a typed code turned out to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Verdict {
    Totp,
    RecoveryCode,
    Wrong,
    /// Too many wrong codes lately: nothing is checked.
    Locked,
}

fn is_locked(user: &User, now: Timestamp) -> bool {
    user.factor_failures >= MAX_FAILURES
        && now.since(user.factor_failures_since) <= FAILURE_WINDOW_SECONDS
}

/// Checks a code against the person's app (each step once) or their unused recovery
/// codes, inside the caller's transaction, counting failures. A recovery code is used up,
/// audited and the person told by mail (never what for).
fn verify(tx: &mut Tx<'_>, ctx: &Context, user: &User, typed: &str) -> Result<Verdict, DbError> {
    let now = ctx.now();
    if is_locked(user, now) {
        return Ok(Verdict::Locked);
    }
    let secret = user
        .totp_sealed
        .as_deref()
        .and_then(|sealed| TotpSecret::open(&ctx.server_key, user.id, false, sealed).ok());
    let verdict = match secret
        .as_ref()
        .and_then(|s| s.matching_step(typed, now.as_secs(), user.totp_last_step))
    {
        Some(step) if users::use_totp_step(tx, user.id, step)? => Verdict::Totp,
        Some(_) => Verdict::Wrong,
        None => match RecoveryCode::parse(typed) {
            Some(code)
                if recovery_codes::use_code(
                    tx,
                    user.id,
                    &code.hash(&ctx.server_key, user.id),
                    now,
                )? =>
            {
                Verdict::RecoveryCode
            }
            _ => Verdict::Wrong,
        },
    };
    match verdict {
        Verdict::Wrong => users::record_factor_failure(tx, user, FAILURE_WINDOW_SECONDS, now)?,
        Verdict::RecoveryCode => {
            users::clear_factor_failures(tx, user.id)?;
            audit::append(
                tx,
                &Actor::user(user.id, &user.name),
                None,
                "Used a recovery code",
                "",
                now,
            )?;
            outbox::enqueue(
                tx,
                &[NewMail {
                    kind: MailKind::RecoveryCodeUsed,
                    email: user.email.clone(),
                    user_id: Some(user.id),
                    school_id: None,
                }],
                now,
            )?;
        }
        Verdict::Totp => users::clear_factor_failures(tx, user.id)?,
        Verdict::Locked => {}
    }
    Ok(verdict)
}

/// The second step of signing in. `None` for any failure — no session for this cookie
/// (the password was wrong), a wrong code, too many codes — and the half-made session is
/// ended, so the next try starts again with the password.
pub fn complete_sign_in(
    conn: &mut Conn<'_>,
    ctx: &Context,
    token: &SessionToken,
    typed: &str,
) -> Result<Option<SessionState>, SessionError> {
    let id = token.id_hash();
    let Some(row) = sessions::find(conn.db(), &id)? else {
        return Ok(None);
    };
    let user = users::find(conn.db(), row.user_id)?;
    if row.second_factor_at.is_some() || !user.enrolled() || user.disabled {
        return Ok(None);
    }
    let verdict = conn.write(|tx| verify(tx, ctx, &user, typed))?;
    let now = ctx.now();
    if matches!(verdict, Verdict::Wrong | Verdict::Locked) {
        conn.write(|tx| {
            sessions::delete(tx, &id)?;
            audit::append(
                tx,
                &Actor::user(user.id, &user.name),
                None,
                "Sign-in code refused",
                "",
                now,
            )
        })?;
        return Ok(None);
    }
    let Ok(key) = token.open_private_key(&row.sealed_private_key) else {
        return Ok(None);
    };
    conn.write(|tx| sessions::mark_second_factor(tx, &id, now))?;
    let action = if verdict == Verdict::RecoveryCode {
        "Signed in with a recovery code"
    } else {
        "Signed in"
    };
    finish_sign_in(conn, ctx, &user, &key, action)?;
    Ok(Some(SessionState::of(&user, Some(now), now)))
}

/// Confirms the second factor again before a sensitive action.
pub fn step_up(
    conn: &mut Conn<'_>,
    ctx: &Context,
    session: &SignedIn,
    typed: &str,
) -> Result<(), TwoFactorError> {
    let user = users::find(conn.db(), session.staff.user.id)?;
    if !user.enrolled() {
        return Err(TwoFactorError::Refused(Msg::EnrolFirst));
    }
    let now = ctx.now();
    let verdict = conn.write(|tx| {
        let verdict = verify(tx, ctx, &user, typed)?;
        if matches!(verdict, Verdict::Totp | Verdict::RecoveryCode) {
            sessions::mark_second_factor(tx, &session.token.id_hash(), now)?;
            audit::append(
                tx,
                &session.staff.actor(),
                None,
                "Confirmed two-step sign-in",
                "",
                now,
            )?;
        }
        Ok::<_, DbError>(verdict)
    })?;
    match verdict {
        Verdict::Totp | Verdict::RecoveryCode => Ok(()),
        Verdict::Wrong => Err(TwoFactorError::Refused(Msg::CodeWrong)),
        Verdict::Locked => Err(TwoFactorError::Refused(Msg::TooManyCodes)),
    }
}

/// What the enrolment page shows: the secret as a QR code and as text.
pub struct Enrolment {
    /// Already enrolled: this replaces the app they use now (a new phone).
    pub replacing: bool,
    pub account: String,
    pub secret_text: Zeroizing<String>,
    pub otpauth_url: Zeroizing<String>,
}

/// Starts (or shows again) enrolment: a new secret kept aside until its first code.
/// Someone already enrolled (a new phone) must have confirmed their old factor recently.
pub fn begin_enrolment(
    conn: &mut Conn<'_>,
    ctx: &Context,
    session: &SignedIn,
) -> Result<Enrolment, TwoFactorError> {
    let user = users::find(conn.db(), session.staff.user.id)?;
    if user.enrolled() && !session.staff.recently_confirmed(ctx.now()) {
        return Err(StepUpRequired.into());
    }
    let pending = user
        .totp_pending_sealed
        .as_deref()
        .and_then(|sealed| TotpSecret::open(&ctx.server_key, user.id, true, sealed).ok());
    let secret = match pending {
        Some(secret) => secret,
        None => {
            let secret = TotpSecret::generate();
            let sealed = secret.seal(&ctx.server_key, user.id, true);
            conn.write(|tx| users::set_totp_pending(tx, user.id, &sealed))?;
            secret
        }
    };
    Ok(Enrolment {
        replacing: user.enrolled(),
        secret_text: secret.display_text(),
        otpauth_url: secret.otpauth_url(&user.email),
        account: user.email,
    })
}

/// Confirms enrolment with the first code from the app: the secret becomes the person's
/// second factor, this session counts as having passed it, and ten recovery codes are made
/// (returned to be shown once; only their hashes are kept).
pub fn confirm_enrolment(
    conn: &mut Conn<'_>,
    ctx: &Context,
    session: &SignedIn,
    typed: &str,
) -> Result<Vec<RecoveryCode>, TwoFactorError> {
    let user = users::find(conn.db(), session.staff.user.id)?;
    let now = ctx.now();
    if user.enrolled() && !session.staff.recently_confirmed(now) {
        return Err(StepUpRequired.into());
    }
    if is_locked(&user, now) {
        return Err(TwoFactorError::Refused(Msg::TooManyCodes));
    }
    let pending = user
        .totp_pending_sealed
        .as_deref()
        .and_then(|sealed| TotpSecret::open(&ctx.server_key, user.id, true, sealed).ok());
    let Some(secret) = pending else {
        return Err(TwoFactorError::Refused(Msg::CodeWrong));
    };
    let Some(step) = secret.matching_step(typed, now.as_secs(), 0) else {
        conn.write(|tx| users::record_factor_failure(tx, &user, FAILURE_WINDOW_SECONDS, now))?;
        return Err(TwoFactorError::Refused(Msg::CodeWrong));
    };
    let codes: Vec<RecoveryCode> = (0..RECOVERY_CODES)
        .map(|_| RecoveryCode::generate())
        .collect();
    let hashes: Vec<Vec<u8>> = codes
        .iter()
        .map(|c| c.hash(&ctx.server_key, user.id))
        .collect();
    let sealed = secret.seal(&ctx.server_key, user.id, false);
    conn.write(|tx| {
        users::activate_totp(tx, user.id, &sealed, step)?;
        users::clear_factor_failures(tx, user.id)?;
        recovery_codes::replace(tx, user.id, &hashes, now)?;
        sessions::mark_second_factor(tx, &session.token.id_hash(), now)?;
        audit::append(
            tx,
            &session.staff.actor(),
            None,
            "Set up two-step sign-in",
            "",
            now,
        )
    })?;
    Ok(codes)
}

/// Recovery codes the person has left.
pub fn recovery_codes_left(conn: &mut Conn<'_>, user: UserId) -> Result<i64, DbError> {
    recovery_codes::unused(conn.db(), user)
}

/// An administrator at the command line proves who they are with their own second
/// factor before using a school's recovery key.
pub fn confirm_at_command_line(
    conn: &mut Conn<'_>,
    ctx: &Context,
    admin: &User,
    typed: &str,
) -> Result<Result<Admin, Msg>, DbError> {
    if !admin.is_admin || admin.disabled || !admin.enrolled() {
        return Ok(Err(Msg::EnrolFirst));
    }
    match conn.write(|tx| verify(tx, ctx, admin, typed))? {
        Verdict::Totp | Verdict::RecoveryCode => {
            Ok(Ok(Admin::confirmed_at_command_line(admin, ctx.now())))
        }
        Verdict::Wrong => Ok(Err(Msg::CodeWrong)),
        Verdict::Locked => Ok(Err(Msg::TooManyCodes)),
    }
}

/// Enrols a person with a known secret, as if they had scanned it: for the demo's
/// accounts, whose codes anyone may see, and for tests.
pub fn enrol_with_secret(
    conn: &mut Conn<'_>,
    ctx: &Context,
    user: UserId,
    secret: &TotpSecret,
) -> Result<(), DbError> {
    let sealed = secret.seal(&ctx.server_key, user, false);
    conn.write(|tx| users::activate_totp(tx, user, &sealed, 0))
}
