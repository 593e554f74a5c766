//! Command-line interface: serve, demo, migrate, and school administration.

mod people_commands;

use self::people_commands::{
    explain, find_school, find_user, refused, role_command, user_command, RoleCommand, UserCommand,
};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::app::people::{self};
use crate::app::{audit_log, Admin, Context};
use crate::config::{self, Config, Settings};
use crate::db::Db;
use crate::domain::school::{NewSchool, SchoolSlug};
use crate::startup::Application;
use crate::store::audit::Verification;

#[derive(Debug, Parser)]
#[command(
    name = "confide",
    version,
    about = "Confidential reporting for schools"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Run the web server.
    Serve {
        #[command(flatten)]
        settings: Settings,
    },
    /// Run a throwaway demo with two schools, on http://127.0.0.1:8080 by default.
    Demo {
        /// Address and port to listen on.
        #[arg(long, env = "CONFIDE_LISTEN", default_value = "127.0.0.1:8080")]
        listen: String,
    },
    /// Show the current two-step sign-in code of a demo account (the demo's codes are not secret).
    DemoCode {
        /// A demo account's email address, as `confide demo` lists them.
        email: String,
        /// The code of the next 30-second step instead (accepted early, for clock drift).
        #[arg(long)]
        next: bool,
    },
    /// Bring the database schema up to date and exit.
    Migrate {
        #[command(flatten)]
        settings: Settings,
    },
    /// Add and list schools.
    School {
        #[command(subcommand)]
        action: SchoolCommand,
        #[command(flatten)]
        settings: Settings,
    },
    /// Add staff accounts.
    User {
        #[command(subcommand)]
        action: UserCommand,
        #[command(flatten)]
        settings: Settings,
    },
    /// Decide who receives a school's reports.
    Role {
        #[command(subcommand)]
        action: RoleCommand,
        #[command(flatten)]
        settings: Settings,
    },
    /// Send a test notification now, through the configured transport.
    Mail {
        #[command(subcommand)]
        action: MailCommand,
        #[command(flatten)]
        settings: Settings,
    },
    /// Copy the SQLite database (consistent, while serving) and the secret key into a directory.
    Backup {
        /// An empty or new directory.
        #[arg(long)]
        to: std::path::PathBuf,
        #[command(flatten)]
        settings: Settings,
    },
    /// Put a backup made by `confide backup` back (stop the server first).
    Restore {
        #[arg(long)]
        from: std::path::PathBuf,
        /// Replace an existing database.
        #[arg(long)]
        force: bool,
        #[command(flatten)]
        settings: Settings,
    },
    /// Delete reports past their school's retention time (not those on legal hold), warn
    /// about those due within 72 hours, and destroy retention keys nothing kept needs.
    Purge {
        /// Say what would happen and change nothing.
        #[arg(long)]
        dry_run: bool,
        /// Then compact an SQLite database (`VACUUM`), so its file holds no free pages.
        #[arg(long)]
        vacuum: bool,
        #[command(flatten)]
        settings: Settings,
    },
    /// Check the audit log's hash chain.
    Audit {
        #[command(subcommand)]
        action: AuditCommand,
        #[command(flatten)]
        settings: Settings,
    },
    /// Use a school's recovery key (read from standard input, never from the command line).
    Recovery {
        #[command(subcommand)]
        action: RecoveryCommand,
        #[command(flatten)]
        settings: Settings,
    },
}

#[derive(Debug, Subcommand)]
enum MailCommand {
    /// Send one test message to an address.
    Test {
        #[arg(long)]
        to: String,
    },
}

#[derive(Debug, Subcommand)]
enum AuditCommand {
    /// Recompute every row's hash; exits non-zero naming the first broken row.
    Verify,
}

#[derive(Debug, Subcommand)]
enum RecoveryCommand {
    /// Make every report of the school that the rules route to this person readable to them now.
    Share {
        #[arg(long)]
        school: String,
        /// The person's email address.
        #[arg(long)]
        user: String,
        /// Your own email address as an administrator: you confirm it is you with a code
        /// from your authenticator app before the recovery key is read.
        #[arg(long = "as")]
        admin: String,
    },
}

#[derive(Debug, Subcommand)]
enum SchoolCommand {
    /// Add a school.
    Add {
        /// Short name used in the school's address, e.g. `oak-park` for /s/oak-park.
        #[arg(long)]
        slug: String,
        /// The school's full name as pupils know it.
        #[arg(long)]
        name: String,
        /// When staff read reports, shown to pupils, e.g. "Monday to Friday, 8am to 4pm".
        #[arg(long)]
        hours: Option<String>,
    },
    /// List schools.
    List,
}

/// Parses the command line, runs the command, and turns failures into a message and exit code.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    init_logging();
    for name in config::unknown_variables(&known_variables()) {
        tracing::warn!("unknown setting {name} ignored (see .env.example for the known ones)");
    }
    match run(cli.command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("confide: {err:#}");
            ExitCode::FAILURE
        }
    }
}

/// Every `CONFIDE_` variable any command reads, from the commands' own definitions, so
/// the list is never written out by hand (and never falls behind).
pub fn known_variables() -> Vec<String> {
    fn walk(command: &clap::Command, out: &mut Vec<String>) {
        for arg in command.get_arguments() {
            if let Some(name) = arg.get_env().and_then(|n| n.to_str()) {
                out.push(name.to_owned());
            }
        }
        for sub in command.get_subcommands() {
            walk(sub, out);
        }
    }
    let mut out: Vec<String> = config::VARIABLES_WITHOUT_FLAGS
        .iter()
        .map(|v| (*v).to_owned())
        .collect();
    walk(&<Cli as clap::CommandFactory>::command(), &mut out);
    out.sort();
    out.dedup();
    out
}

/// Log level unless `CONFIDE_LOG` says otherwise. actix-server's start-up line is
/// dropped because it is the only one that would print a network address.
pub const DEFAULT_LOG_FILTER: &str = "info,actix_server=warn";

fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_env("CONFIDE_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(DEFAULT_LOG_FILTER));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .try_init();
}

fn run(command: Command) -> anyhow::Result<()> {
    match command {
        Command::Serve { settings } => {
            let config = Config::from_settings(settings)?;
            serve(config)
        }
        Command::Demo { listen } => crate::demo::run(&listen),
        Command::DemoCode { email, next } => {
            println!("{}", crate::demo::current_code(&email, next)?);
            Ok(())
        }
        Command::Migrate { settings } => {
            let config = Config::from_settings(settings)?;
            Db::connect(&config.database, 1)?;
            println!("The database is up to date.");
            Ok(())
        }
        Command::User { action, settings } => user_command(action, settings),
        Command::Backup { to, settings } => {
            let config = Config::from_settings(settings)?;
            for file in crate::backup::backup(&config, &to)? {
                println!("wrote {}", file.display());
            }
            println!("Keep the secret key file as safe as the database: receipt codes need it.");
            println!(
                "The retention keystore ({}) is not in the backup, on purpose: a report deleted under the retention policy must stay unreadable in every backup. Keep the keystore on replicated storage (or back it up separately, keeping those copies no longer than a week); without it no report can be opened.",
                config.keystore_dir.display()
            );
            Ok(())
        }
        Command::Restore {
            from,
            force,
            settings,
        } => {
            let config = Config::from_settings(settings)?;
            crate::backup::restore(&config, &from, force)?;
            println!("Restored from {}.", from.display());
            Ok(())
        }
        Command::Mail {
            action: MailCommand::Test { to },
            settings,
        } => {
            let config = Config::from_settings(settings)?;
            let mailer =
                crate::mail::transport::Mailer::new(&config.mail).map_err(anyhow::Error::msg)?;
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
        Command::Audit {
            action: AuditCommand::Verify,
            settings,
        } => {
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
        Command::Recovery {
            action:
                RecoveryCommand::Share {
                    school,
                    user,
                    admin,
                },
            settings,
        } => {
            let (db, ctx) = open(settings)?;
            db.run_blocking(|conn| {
                let school = find_school(conn, &school)?;
                let user = find_user(conn, &user)?;
                let admin = find_user(conn, &admin)?;
                eprintln!(
                    "{}: type the code your authenticator app shows now, then press Enter:",
                    admin.name
                );
                let mut typed = zeroize::Zeroizing::new(String::new());
                std::io::stdin().read_line(&mut typed)?;
                let admin = crate::app::two_factor::confirm_at_command_line(
                    conn,
                    &ctx,
                    &admin,
                    typed.trim(),
                )?
                .map_err(refused)?;
                eprintln!(
                    "Type or paste the recovery key for {}, then press Enter:",
                    school.name
                );
                let mut line = zeroize::Zeroizing::new(String::new());
                std::io::stdin().read_line(&mut line)?;
                let key =
                    crate::crypto::sealed_box::recovery_key_from_text(&line).map_err(|_| {
                        anyhow::anyhow!("that is not a recovery key (it starts CONFIDE-RECOVERY-)")
                    })?;
                let shared = people::recovery_share(conn, &ctx, &admin, school.id, user.id, &key)
                    .map_err(explain)?;
                println!(
                    "{shared} reports of {} are now readable to {}.",
                    school.name, user.name
                );
                Ok(())
            })
        }
        Command::Role { action, settings } => role_command(action, settings),
        Command::Purge {
            dry_run,
            vacuum,
            settings,
        } => {
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
        Command::School { action, settings } => {
            let (db, ctx) = open(settings)?;
            let admin = Admin::command_line();
            db.run_blocking(|conn| match action {
                SchoolCommand::Add { slug, name, hours } => {
                    let slug = SchoolSlug::parse(&slug).map_err(refused)?;
                    let mut school = NewSchool::new(slug, &name).map_err(refused)?;
                    if let Some(hours) = hours {
                        school.reading_hours = hours;
                    }
                    let (school, recovery) =
                        people::add_school(conn, &ctx, &admin, &school).map_err(explain)?;
                    println!("Added {} at /s/{}", school.name, school.slug);
                    print_recovery_key(&school.name, &recovery);
                    Ok(())
                }
                SchoolCommand::List => {
                    let all = people::schools(conn, &admin).map_err(explain)?;
                    if all.is_empty() {
                        println!(
                            "No schools yet. Add one with: confide school add --slug … --name …"
                        );
                    }
                    for school in all {
                        println!("{}\t{}\t{}", school.slug, school.name, school.reading_hours);
                    }
                    Ok(())
                }
            })
        }
    }
}

/// The database and the use cases' context, as `confide serve` would have them.
pub(super) fn open(settings: Settings) -> anyhow::Result<(Db, Context)> {
    let config = Config::from_settings(settings)?;
    let db = Db::connect(&config.database, 1)?;
    Ok((db, crate::startup::context(&config)?))
}

fn print_recovery_key(school: &str, key: &crate::crypto::sealed_box::PrivateKey) {
    let text = crate::crypto::sealed_box::recovery_key_to_text(key);
    println!();
    println!("Recovery key for {school}. It is shown ONCE and is not stored anywhere:");
    println!();
    println!("    {}", text.as_str());
    println!();
    println!("It opens every report for this school, so keep it offline: print it or write it");
    println!("down, and lock it away (for example in the school safe). You need it to give a new");
    println!("member of staff access to old reports if no one else can, or to read reports sent");
    println!("while no one was set up to receive them.");
}

/// Runs the server on the current thread until interrupted.
pub fn serve(config: Config) -> anyhow::Result<()> {
    actix_web::rt::System::new().block_on(async move {
        let app = Application::build(config)?;
        tracing::info!("Confide is listening on {}", app.state().config.public_url);
        app.run_until_stopped().await?;
        Ok(())
    })
}

#[cfg(test)]
mod docs_tests;
