//! Command-line interface: the commands and their settings; each command's work is in
//! the module for its kind (maintenance, schools, people).

pub mod logging;
mod maintenance;
mod on_call_commands;
mod people_commands;
mod school_commands;
mod shared;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

use self::maintenance::{AuditCommand, MailCommand};
use self::on_call_commands::OnCallCommand;
use self::people_commands::{role_command, user_command, RoleCommand, UserCommand};
use self::school_commands::{RecoveryCommand, SchoolCommand};
use crate::config::{self, Config, Settings};
use crate::startup::Application;

#[derive(Debug, Parser)]
#[command(
    name = "confide",
    version,
    about = "Confidential reporting for schools"
)]
struct Cli {
    /// How log lines are written: `text`, or `json` (one object a line) for a log stack.
    #[arg(
        long,
        global = true,
        env = "CONFIDE_LOG_FORMAT",
        value_enum,
        default_value = "text"
    )]
    log_format: logging::LogFormat,
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
    /// Set up on-call chains for urgent reports out of hours.
    OnCall {
        #[command(subcommand)]
        action: OnCallCommand,
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

/// Parses the command line, runs the command, and turns failures into a message and exit code.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    logging::init(cli.log_format);
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

pub use self::logging::DEFAULT_LOG_FILTER;

fn run(command: Command) -> anyhow::Result<()> {
    match command {
        Command::Serve { settings } => serve(Config::from_settings(settings)?),
        Command::Demo { listen } => crate::demo::run(&listen),
        Command::DemoCode { email, next } => {
            println!("{}", crate::demo::current_code(&email, next)?);
            Ok(())
        }
        Command::Migrate { settings } => maintenance::migrate(settings),
        Command::User { action, settings } => user_command(action, settings),
        Command::Backup { to, settings } => maintenance::backup(&to, settings),
        Command::Restore {
            from,
            force,
            settings,
        } => maintenance::restore(&from, force, settings),
        Command::Mail { action, settings } => maintenance::mail(action, settings),
        Command::Audit { action, settings } => maintenance::audit(action, settings),
        Command::Recovery { action, settings } => school_commands::recovery(action, settings),
        Command::Role { action, settings } => role_command(action, settings),
        Command::OnCall { action, settings } => on_call_commands::on_call(action, settings),
        Command::Purge {
            dry_run,
            vacuum,
            settings,
        } => maintenance::purge(dry_run, vacuum, settings),
        Command::School { action, settings } => school_commands::school(action, settings),
    }
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
