//! Holding a report's row for the rest of a write, so changes that read it and write it
//! back never interleave.

use diesel::prelude::*;
use diesel::sql_types::Text;

use crate::db::{DbConnection, DbError, Tx};
use crate::domain::ids::ReportId;

/// Locks the report's row until the transaction ends. PostgreSQL runs writes at READ
/// COMMITTED, where two that read the same row before either writes would both act on
/// the old one (a name lost, a report linked and moved at once); `FOR UPDATE` makes the
/// second wait and read what the first wrote. SQLite's `BEGIN IMMEDIATE` already lets
/// one writer in at a time, so there is nothing to do.
pub fn report(tx: &mut Tx<'_>, id: &ReportId) -> Result<(), DbError> {
    if let DbConnection::Postgresql(pg) = tx.db() {
        diesel::sql_query("SELECT id FROM reports WHERE id = $1 FOR UPDATE")
            .bind::<Text, _>(id.as_str())
            .execute(pg)?;
    }
    Ok(())
}
