//! Backups: a consistent online copy of an SQLite database (`VACUUM INTO`, safe while
//! serving) with the server secret beside it, and putting one back. PostgreSQL
//! deployments use pg_dump and pg_restore, which already do this well.

use std::path::{Path, PathBuf};

use diesel::RunQueryDsl;

use crate::config::{Config, DatabaseUrl};

const DB_FILE: &str = "confide.db";
const KEY_FILE: &str = "secret.key";

fn postgres_advice() -> anyhow::Error {
    anyhow::anyhow!(
        "this deployment uses PostgreSQL: back it up with `pg_dump --format=custom` and restore with \
         `pg_restore` (see the README), and keep a copy of the secret key file ({KEY_FILE}) with it"
    )
}

/// Writes `confide.db` and `secret.key` into `target` (which must be empty or new).
pub fn backup(config: &Config, target: &Path) -> anyhow::Result<Vec<PathBuf>> {
    if !config.database.is_sqlite() {
        return Err(postgres_advice());
    }
    std::fs::create_dir_all(target)?;
    // The copy holds password hashes and sealed keys: only this user may read it.
    #[cfg(unix)]
    std::fs::set_permissions(target, std::os::unix::fs::PermissionsExt::from_mode(0o700))?;
    let db = target.join(DB_FILE);
    if db.exists() {
        anyhow::bail!("{} already exists: choose an empty directory", db.display());
    }
    let database = crate::db::Db::connect(&config.database, 1)?;
    let target_path = db.to_string_lossy().into_owned();
    // One read transaction: a consistent snapshot even while reports keep arriving. The
    // path is a bound parameter, never spliced into the SQL.
    database
        .run_blocking(|conn| {
            diesel::sql_query("VACUUM INTO ?")
                .bind::<diesel::sql_types::Text, _>(&target_path)
                .execute(conn.db())
                .map_err(crate::db::DbError::from)
        })
        .map_err(|e| anyhow::anyhow!("backup failed: {e}"))?;
    let key = target.join(KEY_FILE);
    copy_private(&config.secret_key_file, &key)?;
    Ok(vec![db, key])
}

/// Puts a backup back as this configuration's database and secret key.
pub fn restore(config: &Config, source: &Path, force: bool) -> anyhow::Result<()> {
    let DatabaseUrl::Sqlite(target) = &config.database else {
        return Err(postgres_advice());
    };
    let db = source.join(DB_FILE);
    let key = source.join(KEY_FILE);
    for file in [&db, &key] {
        if !file.is_file() {
            anyhow::bail!(
                "{} is missing: is this a Confide backup directory?",
                file.display()
            );
        }
    }
    if target.exists() && !force {
        anyhow::bail!(
            "{} already exists: stop Confide and use --force to replace it",
            target.display()
        );
    }
    if let Some(dir) = target.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    for stale in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{stale}", target.display()));
    }
    std::fs::copy(&db, target)?;
    copy_private(&key, &config.secret_key_file)?;
    // Check what was restored before anyone relies on it.
    let database = crate::db::Db::connect(&config.database, 1)?;
    let verdict: Vec<IntegrityRow> = database
        .run_blocking(|conn| {
            diesel::sql_query("PRAGMA integrity_check")
                .load(conn.db())
                .map_err(crate::db::DbError::from)
        })
        .map_err(|e| anyhow::anyhow!("the restored database could not be checked: {e}"))?;
    match verdict.first().map(|r| r.integrity_check.as_str()) {
        Some("ok") => Ok(()),
        other => anyhow::bail!(
            "the restored database failed its integrity check: {}",
            other.unwrap_or("no answer")
        ),
    }
}

#[derive(diesel::QueryableByName)]
struct IntegrityRow {
    #[diesel(sql_type = diesel::sql_types::Text)]
    integrity_check: String,
}

fn copy_private(from: &Path, to: &Path) -> anyhow::Result<()> {
    let bytes =
        std::fs::read(from).map_err(|e| anyhow::anyhow!("cannot read {}: {e}", from.display()))?;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    use std::io::Write;
    let mut file = options.open(to)?;
    file.write_all(&bytes)?;
    file.sync_all()?;
    Ok(())
}
