//! Who acts in a use case: a signed-in member of staff with their key opened, or an
//! administrator (on the web or at the server's command line), and how recently each
//! passed their second factor.

use crate::crypto::sealed_box::PrivateKey;
use crate::domain::ids::UserId;
use crate::store::audit::Actor;
use crate::store::users::User;
use crate::time::Timestamp;

/// How long the most sensitive actions (opening a closed report, exports, changing roles
/// or keys, the recovery key) trust the last second factor.
pub const STEP_UP_SECONDS: i64 = 10 * 60;

/// A signed-in member of staff whose second step (if any) is done, with their private
/// key opened for this request. Only `sessions` makes one.
#[derive(Clone)]
pub struct Staff {
    pub user: User,
    pub private_key: PrivateKey,
    /// When this session last passed the second factor.
    pub second_factor_at: Option<Timestamp>,
}

impl std::fmt::Debug for Staff {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Staff")
            .field("user", &self.user.id)
            .finish_non_exhaustive()
    }
}

impl Staff {
    pub fn id(&self) -> UserId {
        self.user.id
    }

    pub fn actor(&self) -> Actor {
        Actor::user(self.user.id, &self.user.name)
    }

    /// Whether the second factor was passed within [`STEP_UP_SECONDS`].
    pub fn recently_confirmed(&self, now: Timestamp) -> bool {
        self.user.enrolled()
            && self
                .second_factor_at
                .is_some_and(|at| now.since(at) <= STEP_UP_SECONDS)
    }
}

/// A sensitive action needs a fresh second factor first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("a fresh second factor is needed")]
pub struct StepUpRequired;

/// Someone allowed to set up schools, people and roles: an administrator signed in on
/// the web, or whoever runs the `confide` command on the server.
#[derive(Debug, Clone)]
pub struct Admin {
    actor: Actor,
    door: AdminDoor,
    enrolled: bool,
}

/// Where an administrator acts from, and so what vouches for them.
#[derive(Debug, Clone, Copy)]
enum AdminDoor {
    /// The server's command line, which only its own operator holds.
    CommandLine,
    /// A person who passed their second factor at this time, or has not yet.
    Person { second_factor_at: Option<Timestamp> },
}

impl Admin {
    /// The person at the server's command line.
    pub fn command_line() -> Self {
        Admin {
            actor: Actor::system("Administrator (command line)"),
            door: AdminDoor::CommandLine,
            enrolled: true,
        }
    }

    /// A named administrator at the command line who has just given their second factor
    /// (the recovery key needs that).
    pub fn confirmed_at_command_line(user: &User, now: Timestamp) -> Self {
        Admin {
            actor: Actor::user(user.id, &format!("{} (command line)", user.name)),
            door: AdminDoor::Person {
                second_factor_at: Some(now),
            },
            enrolled: true,
        }
    }

    /// A signed-in member of staff, if they are an administrator.
    pub fn of(staff: &Staff) -> Option<Self> {
        staff.user.is_admin.then(|| Admin {
            actor: staff.actor(),
            door: AdminDoor::Person {
                second_factor_at: staff.second_factor_at,
            },
            enrolled: staff.user.enrolled(),
        })
    }

    /// Changing roles or keys needs a second factor passed in the last ten minutes (the
    /// server's own command line is trusted as it is).
    pub fn require_fresh(&self, now: Timestamp) -> Result<(), StepUpRequired> {
        match self.door {
            AdminDoor::CommandLine => Ok(()),
            AdminDoor::Person { .. } => self.require_second_factor(now),
        }
    }

    /// The recovery key needs a named administrator who passed their second factor in the
    /// last ten minutes, wherever they are.
    pub fn require_second_factor(&self, now: Timestamp) -> Result<(), StepUpRequired> {
        match self.door {
            AdminDoor::Person {
                second_factor_at: Some(at),
            } if self.enrolled && now.since(at) <= STEP_UP_SECONDS => Ok(()),
            _ => Err(StepUpRequired),
        }
    }

    pub fn actor(&self) -> &Actor {
        &self.actor
    }

    /// The administrator's own account, if they act as a signed-in person.
    pub fn user_id(&self) -> Option<UserId> {
        self.actor.user_id
    }
}
