//! Who receives a school's reports: SSP officers, nominated staff, the head teacher and the chair of governors.

use diesel::prelude::*;

use crate::db::schema::{school_roles, users};
use crate::db::{self, DbConnection};
use crate::error::AppError;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    SspOfficer,
    NominatedStaff,
    HeadTeacher,
    ChairOfGovernors,
}

impl Role {
    pub const ALL: [Role; 4] = [
        Role::SspOfficer,
        Role::NominatedStaff,
        Role::HeadTeacher,
        Role::ChairOfGovernors,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::SspOfficer => "ssp_officer",
            Role::NominatedStaff => "nominated_staff",
            Role::HeadTeacher => "head_teacher",
            Role::ChairOfGovernors => "chair_of_governors",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        let raw = raw.trim().replace('-', "_").to_lowercase();
        Role::ALL.into_iter().find(|r| r.as_str() == raw)
    }

    pub fn label(self) -> &'static str {
        match self {
            Role::SspOfficer => "Safer School Partnership officer",
            Role::NominatedStaff => "Nominated staff member",
            Role::HeadTeacher => "Head teacher",
            Role::ChairOfGovernors => "Chair of governors",
        }
    }
}

/// A person holding a role at a school, with the key reports are sealed to.
#[derive(Debug, Clone)]
pub struct RoleHolder {
    pub user_id: i64,
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

/// Gives a role. A new holder starts without keys to existing reports (`keys_complete`
/// false) until a colleague's sign-in or the recovery key shares them.
pub fn grant(
    conn: &mut DbConnection,
    school_id: i64,
    user_id: i64,
    role: Role,
) -> Result<(), AppError> {
    db::insert_ignoring_duplicate(conn, |conn| {
        diesel::insert_into(school_roles::table)
            .values((
                school_roles::school_id.eq(school_id),
                school_roles::user_id.eq(user_id),
                school_roles::role.eq(role.as_str()),
                school_roles::created_at.eq(db::now()),
                school_roles::keys_complete.eq(false),
            ))
            .execute(conn)
    })?;
    // Holding a new role can also take reports away (a new head loses reports about the head).
    crate::accounts::sharing::prune_keys(conn, school_id, user_id)?;
    Ok(())
}

/// Everyone holding a role at the school whose account is active: who new reports go to.
pub fn holders(conn: &mut DbConnection, school_id: i64) -> Result<Vec<RoleHolder>, AppError> {
    Ok(all_holders(conn, school_id)?
        .into_iter()
        .filter(|h| !h.disabled)
        .collect())
}

/// id, name, email, role, public key, digest, disabled, keys complete.
type HolderRow = (i64, String, String, String, Vec<u8>, bool, bool, bool);

/// Everyone holding a role at the school, disabled accounts included (for deciding what
/// a person may keep, and for administrators to see).
pub fn all_holders(conn: &mut DbConnection, school_id: i64) -> Result<Vec<RoleHolder>, AppError> {
    let rows: Vec<HolderRow> = school_roles::table
        .inner_join(users::table)
        .filter(school_roles::school_id.eq(school_id))
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
        .load(conn)?;
    Ok(rows
        .into_iter()
        .filter_map(
            |(user_id, name, email, role, public_key, notify_digest, disabled, keys_complete)| {
                Some(RoleHolder {
                    user_id,
                    name,
                    email,
                    role: Role::parse(&role)?,
                    public_key,
                    notify_digest,
                    disabled,
                    keys_complete,
                })
            },
        )
        .collect())
}

/// Marks a person's roles at a school as holding every report they should (or not).
pub fn set_keys_complete(
    conn: &mut DbConnection,
    school_id: Option<i64>,
    user_id: i64,
    complete: bool,
) -> Result<(), AppError> {
    let mut query =
        diesel::update(school_roles::table.filter(school_roles::user_id.eq(user_id))).into_boxed();
    if let Some(school_id) = school_id {
        query = query.filter(school_roles::school_id.eq(school_id));
    }
    query
        .set(school_roles::keys_complete.eq(complete))
        .execute(conn)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_parse_from_their_names_with_either_separator() {
        assert_eq!(Role::parse("ssp-officer"), Some(Role::SspOfficer));
        assert_eq!(
            Role::parse("Chair_Of_Governors"),
            Some(Role::ChairOfGovernors)
        );
        assert_eq!(Role::parse("janitor"), None);
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Some(role));
        }
    }
}
