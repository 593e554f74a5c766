//! Staff sessions that carry the unlocked private key without the server keeping it.
//!
//! At sign-in the private key is opened with the password and sealed again under a
//! key derived from a random token that lives only in the person's cookie. The
//! database keeps the token's hash and that sealed copy, so a copied database (or a
//! bug that shows another row) opens nothing.

use std::sync::OnceLock;

use data_encoding::BASE64URL_NOPAD;
use diesel::prelude::*;
use hkdf::Hkdf;
use rand::rngs::OsRng;
use rand::RngCore;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;
use zeroize::Zeroizing;

use super::users::{self, Email, User};
use crate::crypto::password::{self, SealedPrivateKey};
use crate::crypto::sealed_box::PrivateKey;
use crate::crypto::secret::SecretKey;
use crate::db::schema::sessions;
use crate::db::{self, DbConnection};
use crate::error::AppError;

/// Signed out after 30 minutes without a request.
pub const IDLE_SECONDS: i64 = 30 * 60;
/// Signed out 12 hours after signing in, however busy.
pub const ABSOLUTE_SECONDS: i64 = 12 * 60 * 60;
/// `last_seen_at` is written at most this often, to keep reads from becoming writes.
const TOUCH_EVERY_SECONDS: i64 = 60;

/// The secret in the session cookie. Never printed.
#[derive(Clone)]
pub struct SessionToken(Zeroizing<String>);

impl std::fmt::Debug for SessionToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SessionToken(<redacted>)")
    }
}

impl SessionToken {
    fn generate() -> Self {
        let mut bytes = Zeroizing::new([0u8; 32]);
        OsRng.fill_bytes(bytes.as_mut());
        SessionToken(Zeroizing::new(BASE64URL_NOPAD.encode(bytes.as_ref())))
    }

    /// A cookie value of the right shape, or nothing.
    pub fn parse(value: &str) -> Option<Self> {
        let decoded = Zeroizing::new(BASE64URL_NOPAD.decode(value.as_bytes()).ok()?);
        (decoded.len() == 32).then(|| SessionToken(Zeroizing::new(value.to_owned())))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// What the database stores to find the session.
    fn id_hash(&self) -> Vec<u8> {
        Sha256::digest(self.0.as_bytes()).to_vec()
    }

    fn derive(&self, label: &[u8]) -> SecretKey {
        let hk = Hkdf::<Sha256>::new(Some(b"confide/session/v1"), self.0.as_bytes());
        let mut out = Zeroizing::new([0u8; 32]);
        let _ = hk.expand(label, out.as_mut());
        SecretKey::from_bytes(*out)
    }

    /// The key the private key is sealed under for this session.
    fn sealing_key(&self) -> SecretKey {
        self.derive(b"private key")
    }

    /// The anti-forgery token for this session's forms: derived, so nothing to store.
    pub fn csrf_token(&self) -> String {
        let key = self.derive(b"csrf");
        data_encoding::HEXLOWER.encode(&key.keyed_hash(&[b"confide/csrf/v1"]))
    }

    /// Whether a posted form's token belongs to this session (constant time).
    pub fn csrf_matches(&self, posted: &str) -> bool {
        bool::from(self.csrf_token().as_bytes().ct_eq(posted.as_bytes()))
    }
}

/// A signed-in person with their private key opened for this request.
pub struct Session {
    pub user: User,
    pub private_key: PrivateKey,
    pub token: SessionToken,
}

impl std::fmt::Debug for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Session")
            .field("user", &self.user.id)
            .finish_non_exhaustive()
    }
}

const SESSION_KEY_CONTEXT: &[u8] = b"confide/session-private-key/v1";

/// Starts a session for someone whose password just opened their key.
pub fn create(
    conn: &mut DbConnection,
    user: &User,
    private_key: &PrivateKey,
) -> Result<SessionToken, AppError> {
    let token = SessionToken::generate();
    let sealed = token
        .sealing_key()
        .seal(SESSION_KEY_CONTEXT, private_key.to_bytes().as_ref());
    let now = db::now();
    diesel::insert_into(sessions::table)
        .values((
            sessions::id_hash.eq(token.id_hash()),
            sessions::user_id.eq(user.id),
            sessions::wrapped_private_key.eq(sealed),
            sessions::created_at.eq(now),
            sessions::last_seen_at.eq(now),
        ))
        .execute(conn)?;
    Ok(token)
}

/// The live session for a cookie, or `None` (and the row removed) when it has expired,
/// the person was disabled, or the cookie matches nothing.
pub fn load(conn: &mut DbConnection, token: &SessionToken) -> Result<Option<Session>, AppError> {
    let id = token.id_hash();
    let row: Option<(i64, Vec<u8>, i64, i64)> = sessions::table
        .filter(sessions::id_hash.eq(&id))
        .select((
            sessions::user_id,
            sessions::wrapped_private_key,
            sessions::created_at,
            sessions::last_seen_at,
        ))
        .first(conn)
        .optional()?;
    let Some((user_id, sealed, created_at, last_seen_at)) = row else {
        return Ok(None);
    };
    let now = db::now();
    let user = users::find(conn, user_id)?;
    if now - last_seen_at > IDLE_SECONDS || now - created_at > ABSOLUTE_SECONDS || user.disabled {
        diesel::delete(sessions::table.filter(sessions::id_hash.eq(&id))).execute(conn)?;
        return Ok(None);
    }
    let Ok(bytes) = token.sealing_key().open(SESSION_KEY_CONTEXT, &sealed) else {
        return Ok(None);
    };
    let private_key = PrivateKey::from_bytes(&bytes)
        .map_err(|_| AppError::Internal(anyhow::anyhow!("a session key had the wrong length")))?;
    if now - last_seen_at >= TOUCH_EVERY_SECONDS {
        diesel::update(sessions::table.filter(sessions::id_hash.eq(&id)))
            .set(sessions::last_seen_at.eq(now))
            .execute(conn)?;
    }
    Ok(Some(Session {
        user,
        private_key,
        token: token.clone(),
    }))
}

/// After a password change: this session carries the (possibly new) private key, and
/// every other session of the person ends.
pub fn after_password_change(
    conn: &mut DbConnection,
    token: &SessionToken,
    user_id: i64,
    private_key: &PrivateKey,
) -> Result<(), AppError> {
    let sealed = token
        .sealing_key()
        .seal(SESSION_KEY_CONTEXT, private_key.to_bytes().as_ref());
    let mine = token.id_hash();
    diesel::update(sessions::table.filter(sessions::id_hash.eq(&mine)))
        .set(sessions::wrapped_private_key.eq(sealed))
        .execute(conn)?;
    diesel::delete(
        sessions::table
            .filter(sessions::user_id.eq(user_id))
            .filter(sessions::id_hash.ne(&mine)),
    )
    .execute(conn)?;
    Ok(())
}

/// Signs out this session at once.
pub fn delete(conn: &mut DbConnection, token: &SessionToken) -> Result<(), AppError> {
    diesel::delete(sessions::table.filter(sessions::id_hash.eq(token.id_hash()))).execute(conn)?;
    Ok(())
}

/// Signs a person out everywhere (disabled, password reset).
pub fn delete_for_user(conn: &mut DbConnection, user_id: i64) -> Result<usize, AppError> {
    Ok(diesel::delete(sessions::table.filter(sessions::user_id.eq(user_id))).execute(conn)?)
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

/// Checks an email and password. The same work is done, and the same `None` returned,
/// whether the address is unknown, the account disabled or the password wrong.
pub fn check_credentials(
    conn: &mut DbConnection,
    email: &str,
    password_given: &str,
) -> Result<Option<(User, PrivateKey)>, AppError> {
    let user = match Email::parse(email) {
        Ok(email) => users::find_by_email(conn, &email)?,
        Err(_) => None,
    };
    let Some(user) = user else {
        let (hash, sealed) = decoy();
        let _ = password::verify_password(hash, password_given);
        let _ = sealed.open(password_given);
        return Ok(None);
    };
    let password_ok = password::verify_password(&user.password_hash, password_given);
    let key = user.open_private_key(password_given);
    match (password_ok && !user.disabled, key) {
        (true, Some(key)) => Ok(Some((user, key))),
        _ => Ok(None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_parse_only_in_their_own_shape() {
        let token = SessionToken::generate();
        assert!(SessionToken::parse(token.as_str()).is_some());
        assert!(SessionToken::parse("short").is_none());
        assert!(SessionToken::parse(&format!("{}A", token.as_str())).is_none());
        assert!(!format!("{token:?}").contains(token.as_str()));
    }

    #[test]
    fn csrf_tokens_belong_to_one_session() {
        let a = SessionToken::generate();
        let b = SessionToken::generate();
        assert!(a.csrf_matches(&a.csrf_token()));
        assert!(!a.csrf_matches(&b.csrf_token()));
        assert!(!a.csrf_matches(""));
    }

    #[test]
    fn the_sealed_private_key_opens_only_with_the_cookie() {
        let a = SessionToken::generate();
        let sealed = a
            .sealing_key()
            .seal(SESSION_KEY_CONTEXT, b"0123456789abcdef0123456789abcdef");
        assert!(a.sealing_key().open(SESSION_KEY_CONTEXT, &sealed).is_ok());
        assert!(SessionToken::generate()
            .sealing_key()
            .open(SESSION_KEY_CONTEXT, &sealed)
            .is_err());
    }
}
