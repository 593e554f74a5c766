//! Retention keys: every stored copy of a report's keys (each recipient's, the recovery
//! key's and the pupil's) is sealed once more under its school's key for the report's
//! retention period. The keys live in files outside the database, so destroying one makes
//! every copy of those reports unreadable, in backups too.

use super::secret::SecretKey;
use super::DecryptError;
use crate::domain::ids::{ReportId, UserId};

/// Whose copy of a report's keys is being bound.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyCopy {
    Recipient(UserId),
    Recovery,
    Pupil,
}

fn context(report: &ReportId, copy: KeyCopy) -> Vec<u8> {
    let whose = match copy {
        KeyCopy::Recipient(user) => format!("recipient/{user}"),
        KeyCopy::Recovery => "recovery".into(),
        KeyCopy::Pupil => "pupil".into(),
    };
    format!("confide/retention/v1/{report}/{whose}").into_bytes()
}

/// One school's key for one retention period. Never printed.
#[derive(Clone, PartialEq, Eq)]
pub struct RetentionKey(SecretKey);

impl std::fmt::Debug for RetentionKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("RetentionKey(<redacted>)")
    }
}

impl RetentionKey {
    pub fn generate() -> Self {
        RetentionKey(SecretKey::generate())
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<Self, DecryptError> {
        SecretKey::from_slice(bytes).map(RetentionKey)
    }

    pub fn as_bytes(&self) -> &[u8; 32] {
        self.0.as_bytes()
    }

    /// Seals one copy of a report's keys (already wrapped for whoever may open it) under
    /// this key. An empty copy (a report stored without one) stays empty.
    pub fn bind(&self, report: &ReportId, copy: KeyCopy, wrapped: &[u8]) -> Vec<u8> {
        if wrapped.is_empty() {
            return Vec::new();
        }
        self.0.seal(&context(report, copy), wrapped)
    }

    /// Opens what [`RetentionKey::bind`] sealed, giving back the wrapped copy.
    pub fn unbind(
        &self,
        report: &ReportId,
        copy: KeyCopy,
        bound: &[u8],
    ) -> Result<Vec<u8>, DecryptError> {
        if bound.is_empty() {
            return Ok(Vec::new());
        }
        self.0
            .open(&context(report, copy), bound)
            .map(|b| b.to_vec())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bound_copy_opens_only_with_its_key_report_and_owner() {
        let key = RetentionKey::generate();
        let report = ReportId::generate();
        let bound = key.bind(&report, KeyCopy::Recipient(UserId(1)), b"wrapped keys");
        assert_eq!(
            key.unbind(&report, KeyCopy::Recipient(UserId(1)), &bound)
                .unwrap(),
            b"wrapped keys"
        );
        assert!(key
            .unbind(&report, KeyCopy::Recipient(UserId(2)), &bound)
            .is_err());
        assert!(key.unbind(&report, KeyCopy::Recovery, &bound).is_err());
        assert!(key
            .unbind(&ReportId::generate(), KeyCopy::Recipient(UserId(1)), &bound)
            .is_err());
        assert!(RetentionKey::generate()
            .unbind(&report, KeyCopy::Recipient(UserId(1)), &bound)
            .is_err());
        assert!(!format!("{key:?}").contains(&format!("{:?}", key.as_bytes())));
    }
}
