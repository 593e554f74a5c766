//! The append-only audit log: every view of sealed text, every change and every export,
//! each row hash-chained to the one before so the chronology cannot be quietly edited.

use diesel::prelude::*;
use sha2::{Digest, Sha256};

use crate::db::schema::audit_log;
use crate::db::{Backend, DbConnection, DbError, Tx};
use crate::domain::ids::{ReportId, UserId};
use crate::time::Timestamp;

/// Who did something: a signed-in person, the pupil, or the system.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub user_id: Option<UserId>,
    pub label: String,
}

impl Actor {
    pub fn pupil() -> Self {
        Actor {
            user_id: None,
            label: "Pupil".into(),
        }
    }

    pub fn system(label: &str) -> Self {
        Actor {
            user_id: None,
            label: label.into(),
        }
    }

    pub fn user(id: UserId, name: &str) -> Self {
        Actor {
            user_id: Some(id),
            label: name.into(),
        }
    }
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = audit_log)]
pub struct AuditEntry {
    pub id: i64,
    pub at: Timestamp,
    pub actor_user_id: Option<UserId>,
    pub actor: String,
    pub report_id: Option<ReportId>,
    pub action: String,
    pub detail: String,
    pub prev_hash: Vec<u8>,
    pub hash: Vec<u8>,
}

/// The fields of one row that its hash covers.
struct Fields<'a> {
    id: i64,
    at: i64,
    actor_user_id: Option<i64>,
    actor: &'a str,
    report_id: Option<&'a str>,
    action: &'a str,
    detail: &'a str,
}

/// The hash of one row: every field, length-prefixed, after the previous row's hash.
fn row_hash(prev: &[u8], f: &Fields<'_>) -> Vec<u8> {
    let Fields {
        id,
        at,
        actor_user_id,
        actor,
        report_id,
        action,
        detail,
    } = *f;
    let mut h = Sha256::new();
    let mut field = |bytes: &[u8]| {
        h.update((bytes.len() as u64).to_le_bytes());
        h.update(bytes);
    };
    field(prev);
    field(&id.to_le_bytes());
    field(&at.to_le_bytes());
    field(&actor_user_id.map_or([0xff; 8], i64::to_le_bytes));
    field(actor.as_bytes());
    field(report_id.unwrap_or("\u{0}").as_bytes());
    field(action.as_bytes());
    field(detail.as_bytes());
    h.finalize().to_vec()
}

/// Appends one row inside the caller's write transaction. On SQLite that transaction
/// already holds the write lock; on PostgreSQL an advisory lock makes appends take turns,
/// so the chain never forks.
pub fn append(
    tx: &mut Tx<'_>,
    actor: &Actor,
    report_id: Option<&ReportId>,
    action: &str,
    detail: &str,
    at: Timestamp,
) -> Result<(), DbError> {
    if tx.backend() == Backend::Postgres {
        diesel::sql_query("SELECT pg_advisory_xact_lock(7734201)").execute(tx.db())?;
    }
    let last: Option<(i64, Vec<u8>)> = audit_log::table
        .order(audit_log::id.desc())
        .select((audit_log::id, audit_log::hash))
        .first(tx.db())
        .optional()?;
    let (id, prev) = last.map_or((1, vec![0u8; 32]), |(id, hash)| (id + 1, hash));
    let hash = row_hash(
        &prev,
        &Fields {
            id,
            at: at.as_secs(),
            actor_user_id: actor.user_id.map(|u| u.0),
            actor: &actor.label,
            report_id: report_id.map(ReportId::as_str),
            action,
            detail,
        },
    );
    diesel::insert_into(audit_log::table)
        .values((
            audit_log::id.eq(id),
            audit_log::at.eq(at),
            audit_log::actor_user_id.eq(actor.user_id),
            audit_log::actor.eq(&actor.label),
            audit_log::report_id.eq(report_id),
            audit_log::action.eq(action),
            audit_log::detail.eq(detail),
            audit_log::prev_hash.eq(&prev),
            audit_log::hash.eq(&hash),
        ))
        .execute(tx.db())?;
    Ok(())
}

/// Everything that happened to one report, oldest first.
/// When this person last did `action` on this report, if ever.
pub fn last_by(
    db: &mut DbConnection,
    report: &ReportId,
    user: UserId,
    action: &str,
) -> Result<Option<Timestamp>, DbError> {
    use diesel::prelude::*;
    Ok(audit_log::table
        .filter(audit_log::report_id.eq(report))
        .filter(audit_log::actor_user_id.eq(user))
        .filter(audit_log::action.eq(action))
        .select(diesel::dsl::max(audit_log::at))
        .first::<Option<Timestamp>>(db)?)
}

pub fn for_report(db: &mut DbConnection, report: &ReportId) -> Result<Vec<AuditEntry>, DbError> {
    Ok(audit_log::table
        .filter(audit_log::report_id.eq(report))
        .order(audit_log::id.asc())
        .select(AuditEntry::as_select())
        .load(db)?)
}

/// The result of checking the whole chain.
#[derive(Debug, PartialEq, Eq)]
pub enum Verification {
    Intact { rows: u64 },
    Broken { row_id: i64, reason: &'static str },
}

/// Recomputes every row's hash in order, in pages so memory stays flat.
pub fn verify(db: &mut DbConnection) -> Result<Verification, DbError> {
    let mut prev = vec![0u8; 32];
    let mut expected_id = 1;
    let mut rows = 0u64;
    loop {
        let page: Vec<AuditEntry> = audit_log::table
            .filter(audit_log::id.ge(expected_id))
            .order(audit_log::id.asc())
            .limit(1000)
            .select(AuditEntry::as_select())
            .load(db)?;
        if page.is_empty() {
            return Ok(Verification::Intact { rows });
        }
        for row in page {
            if row.id != expected_id {
                return Ok(Verification::Broken {
                    row_id: expected_id,
                    reason: "row is missing",
                });
            }
            if row.prev_hash != prev {
                return Ok(Verification::Broken {
                    row_id: row.id,
                    reason: "does not follow the row before it",
                });
            }
            let hash = row_hash(
                &prev,
                &Fields {
                    id: row.id,
                    at: row.at.as_secs(),
                    actor_user_id: row.actor_user_id.map(|u| u.0),
                    actor: &row.actor,
                    report_id: row.report_id.as_ref().map(ReportId::as_str),
                    action: &row.action,
                    detail: &row.detail,
                },
            );
            if hash != row.hash {
                return Ok(Verification::Broken {
                    row_id: row.id,
                    reason: "was changed after it was written",
                });
            }
            prev = row.hash;
            expected_id += 1;
            rows += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: Fields<'static> = Fields {
        id: 1,
        at: 100,
        actor_user_id: Some(7),
        actor: "PC Khan",
        report_id: Some("r1"),
        action: "viewed",
        detail: "",
    };

    #[test]
    fn every_field_changes_the_hash() {
        let base = row_hash(&[0; 32], &BASE);
        let variants = [
            Fields { id: 2, ..BASE },
            Fields { at: 101, ..BASE },
            Fields {
                actor_user_id: None,
                ..BASE
            },
            Fields {
                actor: "PC Kahn",
                ..BASE
            },
            Fields {
                report_id: None,
                ..BASE
            },
            Fields {
                action: "closed",
                ..BASE
            },
            Fields {
                detail: "x",
                ..BASE
            },
        ];
        for variant in &variants {
            assert_ne!(base, row_hash(&[0; 32], variant));
        }
        assert_ne!(base, row_hash(&[1; 32], &BASE));
    }

    #[test]
    fn fields_cannot_be_shifted_into_each_other() {
        let a = Fields {
            actor: "ab",
            report_id: Some("c"),
            ..BASE
        };
        let b = Fields {
            actor: "a",
            report_id: Some("bc"),
            ..BASE
        };
        assert_ne!(row_hash(&[0; 32], &a), row_hash(&[0; 32], &b));
    }
}
