//! What administrators do: add schools and people, decide who receives which school's
//! reports, disable and reset accounts, and share old reports with the recovery key.
//! Administrators read no report unless it is routed to them.

use zeroize::Zeroizing;

use super::actors::{Admin, StepUpRequired};
use super::context::Context;
use super::sharing;
use crate::crypto::password::{self, SealedPrivateKey};
use crate::crypto::sealed_box::PrivateKey;
use crate::db::{Conn, DbError};
use crate::domain::choices::{MailKind, Role};
use crate::domain::ids::{SchoolId, UserId};
use crate::domain::msg::Msg;
use crate::domain::person::{person_name, Email};
use crate::domain::school::{NewSchool, SchoolSettings, SchoolSlug};
use crate::store::audit;
use crate::store::keys;
use crate::store::outbox::{self, NewMail, OutboxState};
use crate::store::recovery_codes;
use crate::store::roles::{self, RoleHolder};
use crate::store::schools::{self, School};
use crate::store::sessions;
use crate::store::users::{self, Credentials, User};

/// Why an administrator's request was not done.
#[derive(Debug, thiserror::Error)]
pub enum AdminError {
    #[error("not found")]
    NotFound,
    #[error("refused: {0:?}")]
    Refused(Msg),
    #[error(transparent)]
    StepUp(#[from] StepUpRequired),
    #[error("could not protect a new key: {0}")]
    Crypto(String),
    #[error(transparent)]
    Db(DbError),
}

impl From<DbError> for AdminError {
    fn from(err: DbError) -> Self {
        if err.is_not_found() {
            AdminError::NotFound
        } else {
            AdminError::Db(err)
        }
    }
}

impl From<anyhow::Error> for AdminError {
    fn from(err: anyhow::Error) -> Self {
        AdminError::Crypto(format!("{err:#}"))
    }
}

/// Every school with the people holding roles there, and every person.
pub struct Overview {
    pub schools: Vec<(School, Vec<RoleHolder>)>,
    pub people: Vec<User>,
}

pub fn overview(conn: &mut Conn<'_>, _admin: &Admin) -> Result<Overview, AdminError> {
    let mut with_roles = Vec::new();
    for school in schools::list(conn.db())? {
        let holders = roles::all_holders(conn.db(), school.id)?;
        with_roles.push((school, holders));
    }
    Ok(Overview {
        schools: with_roles,
        people: users::list(conn.db())?,
    })
}

pub fn find_school(conn: &mut Conn<'_>, slug: &SchoolSlug) -> Result<School, AdminError> {
    schools::find_by_slug(conn.db(), slug)?.ok_or(AdminError::NotFound)
}

pub fn find_person(conn: &mut Conn<'_>, email: &Email) -> Result<User, AdminError> {
    users::find_by_email(conn.db(), email)?.ok_or(AdminError::NotFound)
}

pub fn schools(conn: &mut Conn<'_>, _admin: &Admin) -> Result<Vec<School>, AdminError> {
    Ok(schools::list(conn.db())?)
}

pub fn people(conn: &mut Conn<'_>, _admin: &Admin) -> Result<Vec<User>, AdminError> {
    Ok(users::list(conn.db())?)
}

/// Active holders of roles at a school.
pub fn holders(
    conn: &mut Conn<'_>,
    _admin: &Admin,
    school: SchoolId,
) -> Result<Vec<RoleHolder>, AdminError> {
    Ok(roles::holders(conn.db(), school)?)
}

/// Adds a school with a new recovery key pair. The private half is returned to be shown
/// once and is never stored.
pub fn add_school(
    conn: &mut Conn<'_>,
    ctx: &Context,
    admin: &Admin,
    school: &NewSchool,
) -> Result<(School, PrivateKey), AdminError> {
    let recovery = PrivateKey::generate();
    let now = ctx.now();
    let created = conn.write(|tx| {
        if schools::find_by_slug(tx.db(), &school.slug)?.is_some() {
            return Err(AdminError::Refused(Msg::SlugTaken));
        }
        let created = schools::insert(tx, school, recovery.public_key().as_bytes(), now)?;
        audit::append(tx, admin.actor(), None, "School added", &created.slug, now)?;
        Ok(created)
    })?;
    Ok((created, recovery))
}

pub fn change_school_settings(
    conn: &mut Conn<'_>,
    ctx: &Context,
    admin: &Admin,
    school: SchoolId,
    settings: &SchoolSettings,
) -> Result<(), AdminError> {
    let now = ctx.now();
    conn.write(|tx| {
        if !schools::update_settings(tx, school, settings)? {
            return Err(AdminError::NotFound);
        }
        audit::append(
            tx,
            admin.actor(),
            None,
            "School settings changed",
            &format!(
                "school {school}: read {} ({}); acknowledge within {} hours; keep closed reports {}/{}/{} days (anonymous/named/about staff)",
                settings.reading_hours,
                settings.reading_schedule,
                settings.ack_within_hours,
                settings.retention.anonymous_days,
                settings.retention.named_days,
                settings.retention.staff_days
            ),
            now,
        )?;
        Ok(())
    })
}

/// A new account and the password to give the person (once).
pub struct CreatedPerson {
    pub user: User,
    pub password: Zeroizing<String>,
}

/// What an administrator gives to add a person.
pub struct NewPerson<'a> {
    pub email: Email,
    pub name: &'a str,
    pub is_admin: bool,
    /// `None`: a temporary password is made, to be changed at first sign-in. Only the
    /// demo and tests choose one.
    pub password: Option<&'a str>,
}

pub fn add_person(
    conn: &mut Conn<'_>,
    ctx: &Context,
    admin: &Admin,
    person: &NewPerson<'_>,
) -> Result<CreatedPerson, AdminError> {
    let name = person_name(person.name).map_err(AdminError::Refused)?;
    let (password, temporary) = match person.password {
        Some(p) => (Zeroizing::new(p.to_owned()), false),
        None => (password::temporary_password(), true),
    };
    let private = PrivateKey::generate();
    let sealed = SealedPrivateKey::seal(&private, &password)?;
    let hash = password::hash_password(&password)?;
    let now = ctx.now();
    let user = conn.write(|tx| {
        if users::find_by_email(tx.db(), &person.email)?.is_some() {
            return Err(AdminError::Refused(Msg::EmailTaken));
        }
        let user = users::insert(
            tx,
            &person.email,
            &name,
            person.is_admin,
            &Credentials {
                password_hash: &hash,
                public_key: private.public_key().as_bytes(),
                private_key_sealed: &sealed.sealed,
                private_key_salt: &sealed.salt,
                must_change_password: temporary,
            },
            now.plus(ctx.policy.two_factor_grace_seconds),
            now,
        )?;
        audit::append(tx, admin.actor(), None, "Person added", &user.email, now)?;
        Ok(user)
    })?;
    Ok(CreatedPerson { user, password })
}

fn not_yourself(admin: &Admin, user: UserId) -> Result<(), AdminError> {
    if admin.user_id() == Some(user) {
        Err(AdminError::Refused(Msg::NotYourOwnAccount))
    } else {
        Ok(())
    }
}

/// Disables or re-enables an account (behind a fresh second factor); disabling signs them
/// out everywhere at once.
pub fn set_disabled(
    conn: &mut Conn<'_>,
    ctx: &Context,
    admin: &Admin,
    user: UserId,
    disabled: bool,
) -> Result<User, AdminError> {
    not_yourself(admin, user)?;
    let now = ctx.now();
    // Who may sign in is as sensitive as who holds which role.
    admin.require_fresh(now)?;
    conn.write(|tx| {
        let person = users::find(tx.db(), user)?;
        users::set_disabled(tx, user, disabled)?;
        if disabled {
            sessions::delete_for_user(tx, user)?;
        }
        let action = if disabled {
            "Person disabled"
        } else {
            "Person enabled"
        };
        audit::append(tx, admin.actor(), None, action, &person.email, now)?;
        Ok(person)
    })
}

/// A forgotten password: a new key pair and a temporary password. The old key is gone,
/// so their copies of report keys are deleted; colleagues (or the recovery key) share
/// them again. There is no back door.
pub fn reset_password(
    conn: &mut Conn<'_>,
    ctx: &Context,
    admin: &Admin,
    user: UserId,
) -> Result<(User, Zeroizing<String>), AdminError> {
    not_yourself(admin, user)?;
    admin.require_fresh(ctx.now())?;
    let password = password::temporary_password();
    let private = PrivateKey::generate();
    let sealed = SealedPrivateKey::seal(&private, &password)?;
    let hash = password::hash_password(&password)?;
    let now = ctx.now();
    let person = conn.write(|tx| {
        let person = users::find(tx.db(), user)?;
        users::set_credentials(
            tx,
            user,
            &Credentials {
                password_hash: &hash,
                public_key: private.public_key().as_bytes(),
                private_key_sealed: &sealed.sealed,
                private_key_salt: &sealed.salt,
                must_change_password: true,
            },
        )?;
        keys::delete_for_user(tx, user)?;
        roles::set_keys_complete(tx, None, user, false)?;
        sessions::delete_for_user(tx, user)?;
        audit::append(
            tx,
            admin.actor(),
            None,
            "Password reset",
            &person.email,
            now,
        )?;
        Ok::<_, AdminError>(person)
    })?;
    Ok((person, password))
}

/// A lost phone: the person's second factor and recovery codes are forgotten and they are
/// signed out everywhere; they must set up two-step sign-in again when they next sign in.
/// The requirement itself never goes away. The person is told by mail.
pub fn reset_two_factor(
    conn: &mut Conn<'_>,
    ctx: &Context,
    admin: &Admin,
    user: UserId,
) -> Result<User, AdminError> {
    not_yourself(admin, user)?;
    let now = ctx.now();
    admin.require_fresh(now)?;
    conn.write(|tx| {
        let person = users::find(tx.db(), user)?;
        users::clear_totp(tx, user, now)?;
        recovery_codes::delete_for_user(tx, user)?;
        sessions::delete_for_user(tx, user)?;
        outbox::enqueue(
            tx,
            &[NewMail {
                kind: MailKind::TwoFactorReset,
                email: person.email.clone(),
                user_id: Some(user),
                school_id: None,
            }],
            now,
        )?;
        audit::append(
            tx,
            admin.actor(),
            None,
            "Two-step sign-in reset",
            &person.email,
            now,
        )?;
        Ok(person)
    })
}

/// Gives a role. Holding a new role can also take reports away (a new head loses
/// reports about the head), so the person's keys are pruned in the same transaction.
pub fn grant_role(
    conn: &mut Conn<'_>,
    ctx: &Context,
    admin: &Admin,
    school: SchoolId,
    user: UserId,
    role: Role,
) -> Result<(), AdminError> {
    let now = ctx.now();
    admin.require_fresh(now)?;
    conn.write(|tx| {
        let school = schools::find(tx.db(), school)?;
        let person = users::find(tx.db(), user)?;
        roles::insert(tx, school.id, user, role, now)?;
        sharing::prune(tx, school.id, user)?;
        audit::append(
            tx,
            admin.actor(),
            None,
            "Role granted",
            &format!("{} is {} at {}", person.email, role.as_str(), school.slug),
            now,
        )?;
        Ok(())
    })
}

/// Takes a role away and deletes the keys it alone entitled the person to. Returns how
/// many report keys were deleted.
pub fn revoke_role(
    conn: &mut Conn<'_>,
    ctx: &Context,
    admin: &Admin,
    school: SchoolId,
    user: UserId,
    role: Role,
) -> Result<usize, AdminError> {
    let now = ctx.now();
    admin.require_fresh(now)?;
    conn.write(|tx| {
        let school = schools::find(tx.db(), school)?;
        let person = users::find(tx.db(), user)?;
        roles::delete(tx, school.id, user, role)?;
        let removed = sharing::prune(tx, school.id, user)?;
        audit::append(
            tx,
            admin.actor(),
            None,
            "Role revoked",
            &format!(
                "{} is no longer {} at {}; {removed} report keys deleted",
                person.email,
                role.as_str(),
                school.slug
            ),
            now,
        )?;
        Ok(removed)
    })
}

/// Makes every report of the school the rules route to `user` readable to them, with the
/// school's recovery key. Returns how many were shared.
pub fn recovery_share(
    conn: &mut Conn<'_>,
    ctx: &Context,
    admin: &Admin,
    school: SchoolId,
    user: UserId,
    recovery: &PrivateKey,
) -> Result<usize, AdminError> {
    admin.require_second_factor(ctx.now())?;
    let person = users::find(conn.db(), user)?;
    sharing::recovery_share(conn, ctx, admin.actor(), school, recovery, &person).map_err(|err| {
        match err {
            sharing::RecoveryError::WrongSchool => AdminError::Refused(Msg::RecoveryKeyWrongSchool),
            sharing::RecoveryError::NoRole => AdminError::Refused(Msg::RecoveryNoRole),
            sharing::RecoveryError::Db(err) => AdminError::from(err),
        }
    })
}

/// What is waiting to be mailed, and what failed.
pub fn outbox(
    conn: &mut Conn<'_>,
    ctx: &Context,
    _admin: &Admin,
) -> Result<OutboxState, AdminError> {
    Ok(outbox::state(conn.db(), ctx.now())?)
}
