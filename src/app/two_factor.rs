//! The second factor: setting it up (a QR code and a confirming code), the second step of
//! signing in, confirming it again before the most sensitive actions, and the codes that
//! stand in for a lost phone. Wrong codes are limited per account here and per client at
//! the web edge.

use zeroize::Zeroizing;

use super::actors::{Admin, StepUpRequired};
use super::context::Context;
use super::sessions::{finish_sign_in, renew, SessionError, SessionState, SignedIn};
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
    /// The right code for a step already used (a second sign-in within the same step).
    Replayed,
    Wrong,
    /// Too many wrong codes lately: nothing is checked.
    Locked,
}

/// Counts an attempt before its code is checked (see [`users::claim_factor_attempt`]):
/// `false` once the person has had their wrong codes for this window.
fn claim_attempt(tx: &mut Tx<'_>, user: UserId, now: Timestamp) -> Result<bool, DbError> {
    users::claim_factor_attempt(tx, user, MAX_FAILURES, FAILURE_WINDOW_SECONDS, now)
}

/// Checks a code against the person's app (each step once) or their unused recovery
/// codes, inside the caller's transaction. The attempt is counted as a failure first, in
/// the same transaction, and cleared only by a right code. A recovery code is used up,
/// audited and the person told by mail (never what for).
fn verify(tx: &mut Tx<'_>, ctx: &Context, user: &User, typed: &str) -> Result<Verdict, DbError> {
    let now = ctx.now();
    if !claim_attempt(tx, user.id, now)? {
        return Ok(Verdict::Locked);
    }
    let secret = user
        .totp_sealed
        .as_deref()
        .and_then(|sealed| TotpSecret::open(&ctx.server_key, user.id, false, sealed).ok());
    let replayed = || {
        secret
            .as_ref()
            .and_then(|s| s.matching_step(typed, now.as_secs(), i64::MIN))
            .is_some()
    };
    let verdict = match secret
        .as_ref()
        .and_then(|s| s.matching_step(typed, now.as_secs(), user.totp_last_step))
    {
        Some(step) if users::use_totp_step(tx, user.id, step)? => Verdict::Totp,
        Some(_) => Verdict::Replayed,
        None if replayed() => Verdict::Replayed,
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
        // Already counted when it was claimed.
        Verdict::Wrong | Verdict::Replayed | Verdict::Locked => {}
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
    }
    Ok(verdict)
}

/// How the second step of signing in went.
#[derive(Debug)]
pub enum CodeStep {
    /// Signed in: the session's new cookie, and what it must do next.
    Done(SessionToken, SessionState),
    /// The right code for a step just used: the session waits for the next one. (Only a
    /// person who can make right codes learns the password was right.)
    JustUsed,
    /// Anything else, the same answer whatever was wrong; the half-made session is gone.
    Refused,
}

/// The second step of signing in. Any failure — no session for this cookie (the password
/// was wrong), a wrong code, too many codes — ends the half-made session, so the next try
/// starts again with the password. On success the session gets a new id (a new cookie):
/// one planted before the code was typed opens nothing.
pub fn complete_sign_in(
    conn: &mut Conn<'_>,
    ctx: &Context,
    token: &SessionToken,
    typed: &str,
) -> Result<CodeStep, SessionError> {
    let id = token.id_hash();
    let Some(row) = sessions::find(conn.db(), &id)? else {
        return Ok(CodeStep::Refused);
    };
    let user = users::find(conn.db(), row.user_id)?;
    if row.second_factor_at.is_some() || !user.enrolled() || user.disabled {
        return Ok(CodeStep::Refused);
    }
    let verdict = conn.write(|tx| verify(tx, ctx, &user, typed))?;
    let now = ctx.now();
    if verdict == Verdict::Replayed {
        return Ok(CodeStep::JustUsed);
    }
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
        return Ok(CodeStep::Refused);
    }
    let Ok(key) = token.open_private_key(&row.sealed_private_key) else {
        return Ok(CodeStep::Refused);
    };
    let renewed = conn.write(|tx| {
        sessions::mark_second_factor(tx, &id, now)?;
        renew(tx, token, &key)
    })?;
    let action = if verdict == Verdict::RecoveryCode {
        "Signed in with a recovery code"
    } else {
        "Signed in"
    };
    finish_sign_in(conn, ctx, &user, &key, action)?;
    Ok(CodeStep::Done(
        renewed,
        SessionState::of(&user, Some(now), now),
    ))
}

/// Confirms the second factor again before a sensitive action; the session gets a new id,
/// returned for the cookie.
pub fn step_up(
    conn: &mut Conn<'_>,
    ctx: &Context,
    session: &SignedIn,
    typed: &str,
) -> Result<SessionToken, TwoFactorError> {
    let user = users::find(conn.db(), session.staff.user.id)?;
    if !user.enrolled() {
        return Err(TwoFactorError::Refused(Msg::EnrolFirst));
    }
    let now = ctx.now();
    let (verdict, renewed) = conn.write(|tx| {
        let verdict = verify(tx, ctx, &user, typed)?;
        if !matches!(verdict, Verdict::Totp | Verdict::RecoveryCode) {
            return Ok::<_, DbError>((verdict, None));
        }
        sessions::mark_second_factor(tx, &session.token.id_hash(), now)?;
        let renewed = renew(tx, &session.token, &session.staff.private_key)?;
        audit::append(
            tx,
            &session.staff.actor(),
            None,
            "Confirmed two-step sign-in",
            "",
            now,
        )?;
        Ok((verdict, Some(renewed)))
    })?;
    match (verdict, renewed) {
        (Verdict::Locked, _) => Err(TwoFactorError::Refused(Msg::TooManyCodes)),
        (Verdict::Replayed, _) => Err(TwoFactorError::Refused(Msg::CodeJustUsed)),
        (_, Some(renewed)) => Ok(renewed),
        (_, None) => Err(TwoFactorError::Refused(Msg::CodeWrong)),
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

/// Where enrolment stands: not started (a button starts it), or a secret kept aside
/// until its first code.
pub enum EnrolmentStep {
    NotStarted { replacing: bool },
    Started(Enrolment),
}

/// The person, if they may set up (or replace) their second factor now: someone already
/// enrolled (a new phone) must have confirmed their old factor recently.
fn enrolling(
    conn: &mut Conn<'_>,
    ctx: &Context,
    session: &SignedIn,
) -> Result<User, TwoFactorError> {
    let user = users::find(conn.db(), session.staff.user.id)?;
    if user.enrolled() && !session.staff.recently_confirmed(ctx.now()) {
        return Err(StepUpRequired.into());
    }
    Ok(user)
}

fn pending_secret(ctx: &Context, user: &User) -> Option<TotpSecret> {
    user.totp_pending_sealed
        .as_deref()
        .and_then(|sealed| TotpSecret::open(&ctx.server_key, user.id, true, sealed).ok())
}

/// Shows enrolment as it stands, changing nothing (a GET).
pub fn enrolment(
    conn: &mut Conn<'_>,
    ctx: &Context,
    session: &SignedIn,
) -> Result<EnrolmentStep, TwoFactorError> {
    let user = enrolling(conn, ctx, session)?;
    Ok(match pending_secret(ctx, &user) {
        None => EnrolmentStep::NotStarted {
            replacing: user.enrolled(),
        },
        Some(secret) => EnrolmentStep::Started(Enrolment {
            replacing: user.enrolled(),
            secret_text: secret.display_text(),
            otpauth_url: secret.otpauth_url(&user.email),
            account: user.email,
        }),
    })
}

/// Starts enrolment: a new secret kept aside until its first code (one already waiting is
/// kept, so a second click shows the same QR code).
pub fn start_enrolment(
    conn: &mut Conn<'_>,
    ctx: &Context,
    session: &SignedIn,
) -> Result<(), TwoFactorError> {
    let user = enrolling(conn, ctx, session)?;
    if pending_secret(ctx, &user).is_none() {
        let sealed = TotpSecret::generate().seal(&ctx.server_key, user.id, true);
        conn.write(|tx| users::set_totp_pending(tx, user.id, &sealed))?;
    }
    Ok(())
}

/// Confirms enrolment with the first code from the app: the secret becomes the person's
/// second factor, this session counts as having passed it (under a new id, returned for
/// the cookie), and ten recovery codes are made (returned to be shown once; only their
/// hashes are kept).
pub fn confirm_enrolment(
    conn: &mut Conn<'_>,
    ctx: &Context,
    session: &SignedIn,
    typed: &str,
) -> Result<(Vec<RecoveryCode>, SessionToken), TwoFactorError> {
    let user = users::find(conn.db(), session.staff.user.id)?;
    let now = ctx.now();
    if user.enrolled() && !session.staff.recently_confirmed(now) {
        return Err(StepUpRequired.into());
    }
    // Counted before it is checked, and committed, so a burst of guesses cannot outrun it.
    if !conn.write(|tx| claim_attempt(tx, user.id, now))? {
        return Err(TwoFactorError::Refused(Msg::TooManyCodes));
    }
    let Some(secret) = pending_secret(ctx, &user) else {
        return Err(TwoFactorError::Refused(Msg::CodeWrong));
    };
    let Some(step) = secret.matching_step(typed, now.as_secs(), 0) else {
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
    let renewed = conn.write(|tx| {
        users::activate_totp(tx, user.id, &sealed, step)?;
        users::clear_factor_failures(tx, user.id)?;
        recovery_codes::replace(tx, user.id, &hashes, now)?;
        sessions::mark_second_factor(tx, &session.token.id_hash(), now)?;
        let renewed = renew(tx, &session.token, &session.staff.private_key)?;
        audit::append(
            tx,
            &session.staff.actor(),
            None,
            "Set up two-step sign-in",
            "",
            now,
        )?;
        Ok::<_, DbError>(renewed)
    })?;
    Ok((codes, renewed))
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
) -> Result<Admin, TwoFactorError> {
    if !admin.is_admin || admin.disabled || !admin.enrolled() {
        return Err(TwoFactorError::Refused(Msg::EnrolFirst));
    }
    let refused = match conn.write(|tx| verify(tx, ctx, admin, typed))? {
        Verdict::Totp | Verdict::RecoveryCode => {
            return Ok(Admin::confirmed_at_command_line(admin, ctx.now()))
        }
        Verdict::Wrong => Msg::CodeWrong,
        Verdict::Replayed => Msg::CodeJustUsed,
        Verdict::Locked => Msg::TooManyCodes,
    };
    Err(TwoFactorError::Refused(refused))
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
