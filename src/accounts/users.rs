//! Staff users: email, name, password hash, and an X25519 key pair whose private half is sealed under their password.

use diesel::prelude::*;
use zeroize::Zeroizing;

use crate::crypto::password::{self, SealedPrivateKey};
use crate::crypto::sealed_box::{PrivateKey, PublicKey};
use crate::db::schema::users;
use crate::db::{self, DbConnection};
use crate::error::AppError;

/// An email address in the one form it is stored and compared in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email(String);

impl Email {
    pub fn parse(raw: &str) -> Result<Self, &'static str> {
        let email = raw.trim().to_lowercase();
        let Some((local, domain)) = email.split_once('@') else {
            return Err("an email address needs an @");
        };
        if local.is_empty()
            || domain.len() < 3
            || !domain.contains('.')
            || domain.starts_with('.')
            || domain.ends_with('.')
            || email.len() > 254
            || email.chars().any(|c| c.is_whitespace() || c.is_control())
            || domain.contains('@')
        {
            return Err("that does not look like an email address");
        }
        Ok(Email(email))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[derive(Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = users)]
pub struct User {
    pub id: i64,
    pub email: String,
    pub name: String,
    pub password_hash: String,
    pub public_key: Vec<u8>,
    pub private_key_sealed: Vec<u8>,
    pub private_key_salt: Vec<u8>,
    pub must_change_password: bool,
    pub is_admin: bool,
    pub disabled: bool,
    pub created_at: i64,
    /// One daily digest instead of a mail per non-urgent report.
    pub notify_digest: bool,
    pub last_digest_at: i64,
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

impl User {
    pub fn public_key(&self) -> Result<PublicKey, AppError> {
        PublicKey::from_bytes(&self.public_key).map_err(|_| {
            AppError::Internal(anyhow::anyhow!("user {} has a bad public key", self.id))
        })
    }

    /// Opens this person's private key with their password.
    pub fn open_private_key(&self, password: &str) -> Option<PrivateKey> {
        SealedPrivateKey {
            salt: self.private_key_salt.clone(),
            sealed: self.private_key_sealed.clone(),
        }
        .open(password)
        .ok()
    }
}

#[derive(Insertable)]
#[diesel(table_name = users)]
struct NewUserRow<'a> {
    email: &'a str,
    name: &'a str,
    password_hash: &'a str,
    public_key: &'a [u8],
    private_key_sealed: &'a [u8],
    private_key_salt: &'a [u8],
    must_change_password: bool,
    is_admin: bool,
    disabled: bool,
    created_at: i64,
}

/// A new account and the password to give the person (once).
pub struct CreatedUser {
    pub user: User,
    pub password: Zeroizing<String>,
}

/// Adds a person. With `password` `None`, a temporary one is made and must be changed at first sign-in.
pub fn create(
    conn: &mut DbConnection,
    email: &Email,
    name: &str,
    password: Option<&str>,
    is_admin: bool,
) -> Result<CreatedUser, AppError> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 120 {
        return Err(AppError::BadRequest("a name is 1 to 120 characters long"));
    }
    if find_by_email(conn, email)?.is_some() {
        return Err(AppError::BadRequest(
            "someone with that email address already exists",
        ));
    }
    let (password, temporary) = match password {
        Some(p) => (Zeroizing::new(p.to_owned()), false),
        None => (password::temporary_password(), true),
    };
    let private = PrivateKey::generate();
    let sealed = SealedPrivateKey::seal(&private, &password)?;
    let hash = password::hash_password(&password)?;
    diesel::insert_into(users::table)
        .values(NewUserRow {
            email: email.as_str(),
            name,
            password_hash: &hash,
            public_key: private.public_key().as_bytes(),
            private_key_sealed: &sealed.sealed,
            private_key_salt: &sealed.salt,
            must_change_password: temporary,
            is_admin,
            disabled: false,
            created_at: db::now(),
        })
        .execute(conn)?;
    let user = find_by_email(conn, email)?.ok_or(AppError::NotFound)?;
    Ok(CreatedUser { user, password })
}

pub fn find_by_email(conn: &mut DbConnection, email: &Email) -> Result<Option<User>, AppError> {
    Ok(users::table
        .filter(users::email.eq(email.as_str()))
        .select(User::as_select())
        .first(conn)
        .optional()?)
}

pub fn find(conn: &mut DbConnection, id: i64) -> Result<User, AppError> {
    Ok(users::table
        .find(id)
        .select(User::as_select())
        .first(conn)?)
}

pub fn list(conn: &mut DbConnection) -> Result<Vec<User>, AppError> {
    Ok(users::table
        .order(users::name.asc())
        .select(User::as_select())
        .load(conn)?)
}

/// The shortest password accepted when someone chooses their own.
pub const MIN_PASSWORD_CHARS: usize = 12;

/// Sets a new password the person chose. Leaving a temporary password (which an
/// administrator saw) also replaces the key pair, re-sealing every report key the person
/// holds, so whoever knew the temporary password can open nothing, even from an old copy
/// of the database. Returns the private key now in force.
pub fn change_password(
    conn: &mut DbConnection,
    user: &User,
    private: &PrivateKey,
    new_password: &str,
) -> Result<PrivateKey, AppError> {
    use crate::crypto::sealed_box::ReportKeys;
    use crate::db::schema::report_keys;
    let hash = password::hash_password(new_password)?;
    let next = if user.must_change_password {
        PrivateKey::generate()
    } else {
        private.clone()
    };
    let sealed = SealedPrivateKey::seal(&next, new_password)?;
    let mut rewrapped = Vec::new();
    if user.must_change_password {
        let held: Vec<(String, Vec<u8>)> = report_keys::table
            .filter(report_keys::user_id.eq(user.id))
            .select((report_keys::report_id, report_keys::wrapped))
            .load(conn)?;
        let public = next.public_key();
        for (report_id, wrapped) in held {
            if let Ok(keys) = ReportKeys::unwrap_with(private, &report_id, &wrapped) {
                rewrapped.push((report_id.clone(), keys.wrap_for(&public, &report_id)));
            }
        }
    }
    crate::db::write_transaction(conn, |conn| {
        diesel::update(users::table.find(user.id))
            .set((
                users::password_hash.eq(&hash),
                users::public_key.eq(next.public_key().as_bytes().to_vec()),
                users::private_key_sealed.eq(&sealed.sealed),
                users::private_key_salt.eq(&sealed.salt),
                users::must_change_password.eq(false),
            ))
            .execute(conn)?;
        for (report_id, wrapped) in &rewrapped {
            diesel::update(
                report_keys::table
                    .filter(report_keys::user_id.eq(user.id))
                    .filter(report_keys::report_id.eq(report_id)),
            )
            .set(report_keys::wrapped.eq(wrapped))
            .execute(conn)?;
        }
        Ok(())
    })?;
    Ok(next)
}

/// Disables or re-enables an account; disabling signs them out everywhere at once.
pub fn set_disabled(conn: &mut DbConnection, user_id: i64, disabled: bool) -> Result<(), AppError> {
    crate::db::write_transaction(conn, |conn| {
        diesel::update(users::table.find(user_id))
            .set(users::disabled.eq(disabled))
            .execute(conn)?;
        if disabled {
            super::sessions::delete_for_user(conn, user_id)?;
        }
        Ok(())
    })
}

/// A forgotten password: a new key pair and a temporary password. The old key is gone,
/// so their copies of report keys are deleted; colleagues (or the recovery key) share
/// them again. There is no back door.
pub fn reset_password(
    conn: &mut DbConnection,
    user_id: i64,
) -> Result<Zeroizing<String>, AppError> {
    use crate::db::schema::report_keys;
    let password = password::temporary_password();
    let private = PrivateKey::generate();
    let sealed = SealedPrivateKey::seal(&private, &password)?;
    let hash = password::hash_password(&password)?;
    crate::db::write_transaction(conn, |conn| {
        diesel::update(users::table.find(user_id))
            .set((
                users::password_hash.eq(hash),
                users::public_key.eq(private.public_key().as_bytes().to_vec()),
                users::private_key_sealed.eq(sealed.sealed),
                users::private_key_salt.eq(sealed.salt),
                users::must_change_password.eq(true),
            ))
            .execute(conn)?;
        diesel::delete(report_keys::table.filter(report_keys::user_id.eq(user_id)))
            .execute(conn)?;
        super::sessions::delete_for_user(conn, user_id)?;
        Ok(())
    })?;
    Ok(password)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_trimmed_and_lower_cased() {
        assert_eq!(
            Email::parse("  Jo.Bloggs@School.SCH.uk ").unwrap().as_str(),
            "jo.bloggs@school.sch.uk"
        );
    }

    #[test]
    fn things_that_are_not_emails_are_refused() {
        for bad in [
            "",
            "jo",
            "jo@",
            "@school.uk",
            "jo@school",
            "jo@@school.uk",
            "jo bloggs@school.uk",
            "jo@.uk",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad}");
        }
    }
}
