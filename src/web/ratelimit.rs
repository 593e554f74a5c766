//! Per-client limits on sending reports, trying receipt codes and signing in, held in memory only.
//!
//! A client is known only by a keyed hash of its address, with a key made fresh for
//! each process: the limiter never holds an address, and nothing about it is stored
//! or logged. Entries are pruned every minute.

use std::num::NonZeroU32;
use std::sync::Arc;
use std::time::Duration;

use actix_web::HttpRequest;
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

use super::error::AppError;
use crate::crypto::secret::SecretKey;
use crate::domain::proxies::TrustedProxies;
use crate::metrics::Metrics;

/// One kind of action and how often a client may do it.
#[derive(Debug, Clone, Copy)]
pub struct Limit {
    /// How many at once.
    pub burst: u32,
    /// How often one more is allowed after that.
    pub every: Duration,
}

/// A whole school may share one internet address, so report limits are generous;
/// receipt codes have 100 bits, so their limit is about noise, not safety.
pub const REPORTS: Limit = Limit {
    burst: 30,
    every: Duration::from_secs(20),
};
pub const RECEIPT_ATTEMPTS: Limit = Limit {
    burst: 20,
    every: Duration::from_secs(30),
};
pub const SIGN_INS: Limit = Limit {
    burst: 10,
    every: Duration::from_secs(60),
};
/// Posts carrying pictures: a school shares one address, so this is generous.
pub const UPLOADS: Limit = Limit {
    burst: 40,
    every: Duration::from_secs(15),
};
/// Second-factor codes: at sign-in, before sensitive actions and at enrolment. Each
/// account also allows only a few wrong codes (see `app::two_factor`).
pub const SECOND_FACTORS: Limit = Limit {
    burst: 10,
    every: Duration::from_secs(60),
};

/// The limiters of one process.
#[derive(Clone)]
pub struct RateLimits {
    reports: Arc<DefaultKeyedRateLimiter<u64>>,
    receipts: Arc<DefaultKeyedRateLimiter<u64>>,
    sign_ins: Arc<DefaultKeyedRateLimiter<u64>>,
    second_factors: Arc<DefaultKeyedRateLimiter<u64>>,
    uploads: Arc<DefaultKeyedRateLimiter<u64>>,
    salt: Arc<SecretKey>,
    proxies: TrustedProxies,
    metrics: Metrics,
}

fn limiter(limit: Limit) -> Arc<DefaultKeyedRateLimiter<u64>> {
    let burst = NonZeroU32::new(limit.burst).unwrap_or(NonZeroU32::MIN);
    let quota = Quota::with_period(limit.every)
        .unwrap_or_else(|| Quota::per_minute(NonZeroU32::MIN))
        .allow_burst(burst);
    Arc::new(RateLimiter::keyed(quota))
}

impl RateLimits {
    pub fn new(proxies: TrustedProxies, metrics: Metrics) -> Self {
        RateLimits {
            reports: limiter(REPORTS),
            receipts: limiter(RECEIPT_ATTEMPTS),
            sign_ins: limiter(SIGN_INS),
            second_factors: limiter(SECOND_FACTORS),
            uploads: limiter(UPLOADS),
            salt: Arc::new(SecretKey::generate()),
            proxies,
            metrics,
        }
    }

    fn client(&self, req: &HttpRequest) -> u64 {
        // The header is believed only from a trusted proxy (see `TrustedProxies::client`).
        let forwarded: Vec<&str> = req
            .headers()
            .get_all("x-forwarded-for")
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .collect();
        let address = self
            .proxies
            .client(req.peer_addr().map(|a| a.ip()), forwarded.into_iter())
            .map(|ip| ip.to_string())
            .unwrap_or_default();
        let digest = self.salt.keyed_hash(&[address.as_bytes()]);
        let mut first = [0u8; 8];
        first.copy_from_slice(&digest[..8]);
        u64::from_le_bytes(first)
    }

    /// Checks one limiter; a refusal is counted under the limiter's `name`.
    fn check(
        &self,
        limiter: &DefaultKeyedRateLimiter<u64>,
        name: &'static str,
        req: &HttpRequest,
    ) -> Result<(), AppError> {
        limiter.check_key(&self.client(req)).map_err(|_| {
            self.metrics.rate_limited(name);
            AppError::TooManyRequests
        })
    }

    pub fn check_report(&self, req: &HttpRequest) -> Result<(), AppError> {
        self.check(&self.reports, "report", req)
    }

    pub fn check_receipt(&self, req: &HttpRequest) -> Result<(), AppError> {
        self.check(&self.receipts, "receipt", req)
    }

    pub fn check_sign_in(&self, req: &HttpRequest) -> Result<(), AppError> {
        self.check(&self.sign_ins, "sign_in", req)
    }

    pub fn check_upload(&self, req: &HttpRequest) -> Result<(), AppError> {
        self.check(&self.uploads, "upload", req)
    }

    pub fn check_second_factor(&self, req: &HttpRequest) -> Result<(), AppError> {
        self.check(&self.second_factors, "second_factor", req)
    }

    /// Forgets clients whose limits have fully recovered, so memory stays small.
    pub fn prune(&self) {
        for limiter in [
            &self.reports,
            &self.receipts,
            &self.sign_ins,
            &self.second_factors,
            &self.uploads,
        ] {
            limiter.retain_recent();
            limiter.shrink_to_fit();
        }
    }

    /// Clients currently remembered, across all limiters.
    pub fn remembered(&self) -> usize {
        self.reports.len()
            + self.receipts.len()
            + self.sign_ins.len()
            + self.second_factors.len()
            + self.uploads.len()
    }
}
