//! Use cases: one function per thing a person (or the system) does. Each takes the
//! acting person as a typed value, owns its transaction (so every door — web pages,
//! the command line, the demo — is equally atomic and audited) and returns its own error
//! enum, whose refusals are message keys, never English.
//!
//! Layers, each importing only those below it (checked by `tests/architecture.rs`):
//! `web`/`cli` → `app` → `store` → `db` → `domain`.

pub mod audit_log;
pub mod cases;
pub mod handoff;
pub mod insights;
pub mod notify;
pub mod people;
pub mod pictures;
pub mod pupil;
pub mod queue;
pub mod retention;
pub mod sending;
pub mod sessions;
pub mod sharing;
pub mod two_factor;

use std::sync::Arc;

use crate::blobs::BlobStore;
use crate::crypto::sealed_box::PrivateKey;
use crate::crypto::secret::SecretKey;
use crate::domain::ids::UserId;
use crate::keystore::Keystore;
use crate::store::audit::Actor;
use crate::store::users::User;
use crate::time::{Clock, Timestamp};

/// How long the most sensitive actions (opening a closed report, exports, changing roles
/// or keys, the recovery key) trust the last second factor.
pub const STEP_UP_SECONDS: i64 = 10 * 60;

/// Rules a deployment sets.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Policy {
    /// How long a new person may work before they must set up two-step sign-in (default none).
    pub two_factor_grace_seconds: i64,
}

/// What every use case may need besides the database: the clock, the server's secret
/// and the deployment's rules.
#[derive(Clone)]
pub struct Context {
    pub clock: Clock,
    /// Keys the receipt-code lookup hash and seals second-factor secrets.
    pub server_key: Arc<SecretKey>,
    /// The retention keys, outside the database.
    pub keystore: Arc<Keystore>,
    /// Where sealed pictures are kept.
    pub blobs: BlobStore,
    pub policy: Policy,
    /// Audited figures, kept until the counters change.
    pub figures: Arc<insights::FigureCache>,
}

impl Context {
    pub fn new(clock: Clock, server_key: SecretKey, keystore: Keystore, blobs: BlobStore) -> Self {
        Context {
            clock,
            server_key: Arc::new(server_key),
            keystore: Arc::new(keystore),
            blobs,
            policy: Policy::default(),
            figures: Arc::default(),
        }
    }

    pub fn with_policy(mut self, policy: Policy) -> Self {
        self.policy = policy;
        self
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
    /// `None` at the command line, which the server's own operator holds.
    confirmed: Option<Option<Timestamp>>,
    enrolled: bool,
}

impl Admin {
    /// The person at the server's command line.
    pub fn command_line() -> Self {
        Admin {
            actor: Actor::system("Administrator (command line)"),
            confirmed: None,
            enrolled: true,
        }
    }

    /// A named administrator at the command line who has just given their second factor
    /// (the recovery key needs that).
    pub fn confirmed_at_command_line(user: &User, now: Timestamp) -> Self {
        Admin {
            actor: Actor::user(user.id, &format!("{} (command line)", user.name)),
            confirmed: Some(Some(now)),
            enrolled: true,
        }
    }

    /// A signed-in member of staff, if they are an administrator.
    pub fn of(staff: &Staff) -> Option<Self> {
        staff.user.is_admin.then(|| Admin {
            actor: staff.actor(),
            confirmed: Some(staff.second_factor_at),
            enrolled: staff.user.enrolled(),
        })
    }

    /// Changing roles or keys needs a second factor passed in the last ten minutes (the
    /// server's own command line is trusted as it is).
    pub fn require_fresh(&self, now: Timestamp) -> Result<(), StepUpRequired> {
        match self.confirmed {
            None => Ok(()),
            Some(_) => self.require_second_factor(now),
        }
    }

    /// The recovery key needs a named administrator who passed their second factor in the
    /// last ten minutes, wherever they are.
    pub fn require_second_factor(&self, now: Timestamp) -> Result<(), StepUpRequired> {
        match self.confirmed {
            Some(Some(at)) if self.enrolled && now.since(at) <= STEP_UP_SECONDS => Ok(()),
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
