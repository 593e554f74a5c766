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
}

pub fn grant(
    conn: &mut DbConnection,
    school_id: i64,
    user_id: i64,
    role: Role,
) -> Result<(), AppError> {
    let exists = school_roles::table
        .filter(school_roles::school_id.eq(school_id))
        .filter(school_roles::user_id.eq(user_id))
        .filter(school_roles::role.eq(role.as_str()))
        .count()
        .get_result::<i64>(conn)?;
    if exists == 0 {
        diesel::insert_into(school_roles::table)
            .values((
                school_roles::school_id.eq(school_id),
                school_roles::user_id.eq(user_id),
                school_roles::role.eq(role.as_str()),
                school_roles::created_at.eq(db::now()),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// Everyone holding a role at the school whose account is active.
pub fn holders(conn: &mut DbConnection, school_id: i64) -> Result<Vec<RoleHolder>, AppError> {
    let rows: Vec<(i64, String, String, String, Vec<u8>, bool)> = school_roles::table
        .inner_join(users::table)
        .filter(school_roles::school_id.eq(school_id))
        .filter(users::disabled.eq(false))
        .order((school_roles::role.asc(), users::name.asc()))
        .select((
            users::id,
            users::name,
            users::email,
            school_roles::role,
            users::public_key,
            users::notify_digest,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .filter_map(|(user_id, name, email, role, public_key, notify_digest)| {
            Some(RoleHolder {
                user_id,
                name,
                email,
                role: Role::parse(&role)?,
                public_key,
                notify_digest,
            })
        })
        .collect())
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
