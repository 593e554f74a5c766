//! Who holds which role at which school, and whether they already hold keys to every
//! report of it they should.

use diesel::prelude::*;

use crate::db::schema::{school_roles, users};
use crate::db::{insert_ignoring_duplicate, DbConnection, DbError, Tx};
use crate::domain::choices::Role;
use crate::domain::ids::{SchoolId, UserId};
use crate::domain::routing::Holding;
use crate::time::Timestamp;

/// A person holding a role at a school, with the key reports are sealed to.
#[derive(Debug, Clone, Queryable)]
pub struct RoleHolder {
    pub user_id: UserId,
    pub name: String,
    pub email: String,
    pub role: Role,
    pub public_key: Vec<u8>,
    /// Wants one daily digest instead of a mail per non-urgent report.
    pub notify_digest: bool,
    pub disabled: bool,
    /// Already holds every existing report of the school they should see.
    pub keys_complete: bool,
}

/// The routing view of a list of holders.
pub fn holdings(holders: &[RoleHolder]) -> Vec<Holding> {
    holders
        .iter()
        .map(|h| Holding {
            user: h.user_id,
            role: h.role,
        })
        .collect()
}

/// Gives a role (or leaves it if held). A new holder starts without keys to existing
/// reports until a colleague's sign-in or the recovery key shares them.
pub fn insert(
    tx: &mut Tx<'_>,
    school: SchoolId,
    user: UserId,
    role: Role,
    now: Timestamp,
) -> Result<(), DbError> {
    insert_ignoring_duplicate(tx, |db| {
        diesel::insert_into(school_roles::table)
            .values((
                school_roles::school_id.eq(school),
                school_roles::user_id.eq(user),
                school_roles::role.eq(role),
                school_roles::created_at.eq(now),
                school_roles::keys_complete.eq(false),
            ))
            .execute(db)
    })
}

/// Takes a role away; `false` if the person did not hold it.
pub fn delete(
    tx: &mut Tx<'_>,
    school: SchoolId,
    user: UserId,
    role: Role,
) -> Result<bool, DbError> {
    let removed = diesel::delete(
        school_roles::table
            .filter(school_roles::school_id.eq(school))
            .filter(school_roles::user_id.eq(user))
            .filter(school_roles::role.eq(role)),
    )
    .execute(tx.db())?;
    Ok(removed > 0)
}

/// Everyone holding a role at the school whose account is active: who new reports go to.
pub fn holders(db: &mut DbConnection, school: SchoolId) -> Result<Vec<RoleHolder>, DbError> {
    Ok(all_holders(db, school)?
        .into_iter()
        .filter(|h| !h.disabled)
        .collect())
}

/// Everyone holding a role at the school, disabled accounts included (for deciding what
/// a person may keep, and for administrators to see).
pub fn all_holders(db: &mut DbConnection, school: SchoolId) -> Result<Vec<RoleHolder>, DbError> {
    Ok(school_roles::table
        .inner_join(users::table)
        .filter(school_roles::school_id.eq(school))
        .order((school_roles::role.asc(), users::name.asc()))
        .select((
            users::id,
            users::name,
            users::email,
            school_roles::role,
            users::public_key,
            users::notify_digest,
            users::disabled,
            school_roles::keys_complete,
        ))
        .load(db)?)
}

/// Marks a person's roles (at one school, or everywhere) as holding every report they should, or not.
pub fn set_keys_complete(
    tx: &mut Tx<'_>,
    school: Option<SchoolId>,
    user: UserId,
    complete: bool,
) -> Result<(), DbError> {
    let mut query =
        diesel::update(school_roles::table.filter(school_roles::user_id.eq(user))).into_boxed();
    if let Some(school) = school {
        query = query.filter(school_roles::school_id.eq(school));
    }
    query
        .set(school_roles::keys_complete.eq(complete))
        .execute(tx.db())?;
    Ok(())
}

/// The schools a person holds any role at.
pub fn schools_of(db: &mut DbConnection, user: UserId) -> Result<Vec<SchoolId>, DbError> {
    Ok(school_roles::table
        .filter(school_roles::user_id.eq(user))
        .select(school_roles::school_id)
        .distinct()
        .load(db)?)
}

/// The schools a person holds any of `roles` at.
pub fn schools_where(
    db: &mut DbConnection,
    user: UserId,
    roles: &[Role],
) -> Result<Vec<SchoolId>, DbError> {
    Ok(school_roles::table
        .filter(school_roles::user_id.eq(user))
        .filter(school_roles::role.eq_any(roles.to_vec()))
        .select(school_roles::school_id)
        .distinct()
        .load(db)?)
}
