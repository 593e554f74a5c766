//! What every use case may need besides the database and the person acting: the clock,
//! the server's secret, the retention keys, the picture store, the deployment's rules and
//! the figures' cache.

use std::sync::Arc;

use super::insights::cache::FigureCache;
use crate::blobs::BlobStore;
use crate::crypto::secret::SecretKey;
use crate::keystore::Keystore;
use crate::time::{Clock, Timestamp};

/// Rules a deployment sets.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Policy {
    /// How long a new person may work before they must set up two-step sign-in (default none).
    pub two_factor_grace_seconds: i64,
    /// On-call texts go through GOV.UK Notify (else contacts are told by mail only).
    pub texts: bool,
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
    pub figures: Arc<FigureCache>,
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
