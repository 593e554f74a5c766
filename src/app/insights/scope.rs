//! Whose figures a page shows: the schools a person may see figures for, and of those the
//! one they chose (or all of them), named in words.

use crate::app::actors::Staff;
use crate::db::{Conn, DbError};
use crate::domain::choices::Role;
use crate::domain::ids::SchoolId;
use crate::store::insights::Scope;
use crate::store::roles;
use crate::store::schools::{self, School};

/// Roles that see their schools' figures (administrators see every school).
pub const ROLES: [Role; 3] = [Role::HeadTeacher, Role::SspOfficer, Role::ChairOfGovernors];

#[derive(Debug, thiserror::Error)]
pub enum InsightError {
    /// Neither an administrator nor holding a role that sees figures.
    #[error("not allowed")]
    NotAllowed,
    #[error(transparent)]
    Db(#[from] DbError),
}

/// The schools a person may see figures for.
#[derive(Debug, Clone)]
pub struct Reach {
    pub schools: Vec<School>,
    /// An administrator: every school, and the deployment's own totals.
    pub everywhere: bool,
}

pub fn reach(conn: &mut Conn<'_>, staff: &Staff) -> Result<Reach, InsightError> {
    let mut all = schools::list(conn.db())?;
    if staff.user.is_admin {
        return Ok(Reach {
            schools: all,
            everywhere: true,
        });
    }
    let mine = roles::schools_where(conn.db(), staff.id(), &ROLES)?;
    if mine.is_empty() {
        return Err(InsightError::NotAllowed);
    }
    all.retain(|s| mine.contains(&s.id));
    Ok(Reach {
        schools: all,
        everywhere: false,
    })
}

/// The schools one page of figures covers.
#[derive(Debug, Clone)]
pub struct Chosen {
    /// The one school asked for, when it is one of the person's.
    pub school: Option<School>,
    pub schools: Vec<SchoolId>,
    /// Who the figures cover, in words.
    pub label: String,
    /// Every school of a deployment with more than one: its own totals are read.
    pub everywhere: bool,
}

impl Chosen {
    /// The school asked for if it is within reach; otherwise (none asked for, or an
    /// unknown or foreign one) every school within reach.
    pub fn of(reach: &Reach, asked: Option<SchoolId>) -> Chosen {
        let school = asked.and_then(|id| reach.schools.iter().find(|s| s.id == id).cloned());
        let every: Vec<SchoolId> = reach.schools.iter().map(|s| s.id).collect();
        let (schools, label) = match (&school, reach.everywhere) {
            (Some(one), _) => (vec![one.id], one.name.clone()),
            (None, true) => (every, "Every school".to_owned()),
            (None, false) => {
                let label = match reach.schools.as_slice() {
                    [one] => one.name.clone(),
                    many => format!("Your {} schools", many.len()),
                };
                (every, label)
            }
        };
        Chosen {
            everywhere: reach.everywhere && schools.len() > 1,
            school,
            schools,
            label,
        }
    }

    /// Where its counters are read from.
    pub fn scope(&self) -> Scope {
        match self.schools.as_slice() {
            [one] => Scope::Schools(vec![*one]),
            _ if self.everywhere => Scope::Everywhere,
            many => Scope::Schools(many.to_vec()),
        }
    }
}
