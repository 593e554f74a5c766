//! Running a deployment from its command line: migrations, backups and restores, a test
//! mail, the audit log's check and the retention purge.

use std::path::Path;

use clap::Subcommand;

use super::shared::open;
use crate::app::{audit_log, Admin};
use crate::config::{Config, Settings};
use crate::db::Db;
use crate::store::audit::Verification;

#[derive(Debug, Subcommand)]
pub(super) enum MailCommand {
    /// Send one test message to an address.
    Test {
        #[arg(long)]
        to: String,
    },
}

#[derive(Debug, Subcommand)]
pub(super) enum AuditCommand {
    /// Recompute every row's hash; exits non-zero naming the first broken row.
    Verify,
}

/// Brings the database schema up to date.
pub(super) fn migrate(settings: Settings) -> anyhow::Result<()> {
    let config = Config::from_settings(settings)?;
    Db::connect(&config.database, 1)?;
    println!("The database is up to date.");
    Ok(())
}

/// Copies the database and the secret key into `to`.
pub(super) fn backup(to: &Path, settings: Settings) -> anyhow::Result<()> {
    let config = Config::from_settings(settings.clone())?;
    for file in crate::backup::backup(&config, to)? {
        println!("wrote {}", file.display());
    }
    // For the metrics' "last backup" figure (and the alert when it grows old).
    let (db, ctx) = open(settings)?;
    db.run_blocking(|conn| crate::app::monitoring::backup_finished(conn, ctx.now()))?;
    println!("Keep the secret key file as safe as the database: receipt codes need it.");
    println!(
        "The retention keystore ({}) is not in the backup, on purpose: a report deleted under the retention policy must stay unreadable in every backup. Keep the keystore on replicated storage (or back it up separately, keeping those copies no longer than a week); without it no report can be opened.",
        config.keystore_dir.display()
    );
    Ok(())
}

/// Puts a backup back.
pub(super) fn restore(from: &Path, force: bool, settings: Settings) -> anyhow::Result<()> {
    let config = Config::from_settings(settings)?;
    crate::backup::restore(&config, from, force)?;
    println!("Restored from {}.", from.display());
    Ok(())
}

/// Sends one test message through the configured transport.
pub(super) fn mail(action: MailCommand, settings: Settings) -> anyhow::Result<()> {
    let MailCommand::Test { to } = action;
    let config = Config::from_settings(settings)?;
    let mailer = crate::mail::transport::Mailer::new(&config.mail).map_err(anyhow::Error::msg)?;
    let composed = crate::mail::compose::compose(
        crate::domain::choices::MailKind::Test,
        "Confide",
        &format!("{}/staff/login", config.public_url),
    );
    let message = crate::mail::transport::build_message(&config.mail_from, &to, &composed)
        .map_err(anyhow::Error::msg)?;
    mailer
        .send(&message, &to)
        .map_err(|e| anyhow::anyhow!("the test message was not sent: {e}"))?;
    println!("A test message was sent to {to} ({:?}).", config.mail);
    Ok(())
}

/// Checks the audit log's hash chain.
pub(super) fn audit(action: AuditCommand, settings: Settings) -> anyhow::Result<()> {
    let AuditCommand::Verify = action;
    let (db, _) = open(settings)?;
    match db.run_blocking(|conn| audit_log::verify(conn, &Admin::command_line()))? {
        Verification::Intact { rows } => {
            println!("The audit log is intact: {rows} rows checked.");
            Ok(())
        }
        Verification::Broken { row_id, reason } => {
            anyhow::bail!("the audit log is broken at row {row_id}: it {reason}")
        }
    }
}

/// Runs the retention purge once (or says what it would do).
pub(super) fn purge(dry_run: bool, vacuum: bool, settings: Settings) -> anyhow::Result<()> {
    let (db, ctx) = open(settings)?;
    let done = db.run_blocking(|conn| {
        let done = crate::app::retention::purge(conn, &ctx, dry_run)?;
        if vacuum && !dry_run {
            conn.vacuum()?;
        }
        Ok::<_, crate::db::DbError>(done)
    })?;
    let would = if dry_run { "would be " } else { "" };
    println!(
        "{} reports {would}deleted, {} warnings {would}sent, {} retention keys {would}destroyed.",
        done.purged, done.warned, done.keys_destroyed
    );
    Ok(())
}
