//! Use cases: one function per thing a person (or the system) does. Each takes the
//! acting person as a typed value, owns its transaction (so every door — web pages,
//! the command line, the demo — is equally atomic and audited) and returns its own error
//! enum, whose refusals are message keys, never English.
//!
//! Layers, each importing only those below it (checked by `tests/architecture.rs`):
//! `web`/`cli` → `app` → `store` → `db` → `domain`.

pub mod audit_log;
pub mod cases;
pub mod notify;
pub mod people;
pub mod pupil;
pub mod sessions;
pub mod sharing;

use std::sync::Arc;

use crate::crypto::sealed_box::PrivateKey;
use crate::crypto::secret::SecretKey;
use crate::domain::ids::UserId;
use crate::store::audit::Actor;
use crate::store::users::User;
use crate::time::{Clock, Timestamp};

/// What every use case may need besides the database: the clock and the server's secret.
#[derive(Clone)]
pub struct Context {
    pub clock: Clock,
    /// Keys the receipt-code lookup hash.
    pub server_key: Arc<SecretKey>,
}

impl Context {
    pub fn new(clock: Clock, server_key: SecretKey) -> Self {
        Context {
            clock,
            server_key: Arc::new(server_key),
        }
    }

    pub fn now(&self) -> Timestamp {
        self.clock.now()
    }
}

/// A signed-in member of staff whose second step (if any) is done, with their private
/// key opened for this request. Only `sessions` makes one.
#[derive(Clone)]
pub struct Staff {
    pub user: User,
    pub private_key: PrivateKey,
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
}

/// Someone allowed to set up schools, people and roles: an administrator signed in on
/// the web, or whoever runs the `confide` command on the server.
#[derive(Debug, Clone)]
pub struct Admin {
    actor: Actor,
}

impl Admin {
    /// The person at the server's command line.
    pub fn command_line() -> Self {
        Admin {
            actor: Actor::system("Administrator (command line)"),
        }
    }

    /// A signed-in member of staff, if they are an administrator.
    pub fn of(staff: &Staff) -> Option<Self> {
        staff.user.is_admin.then(|| Admin {
            actor: staff.actor(),
        })
    }

    pub fn actor(&self) -> &Actor {
        &self.actor
    }

    /// The administrator's own account, if they act as a signed-in person.
    pub fn user_id(&self) -> Option<UserId> {
        self.actor.user_id
    }
}
