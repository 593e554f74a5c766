//! Command-line interface: serve, demo, migrate, and school administration.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::config::{self, Config, Settings};
use crate::schools::{self, NewSchool, SchoolSlug};
use crate::startup::Application;

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
    for name in config::unknown_variables() {
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
        Command::Migrate { settings } => {
            let config = Config::from_settings(settings)?;
            crate::db::connect(&config.database, 1)?;
            println!("The database is up to date.");
            Ok(())
        }
        Command::School { action, settings } => {
            let config = Config::from_settings(settings)?;
            let pool = crate::db::connect(&config.database, 1)?;
            let mut conn = pool.get()?;
            match action {
                SchoolCommand::Add { slug, name, hours } => {
                    let slug = SchoolSlug::parse(&slug).map_err(anyhow::Error::msg)?;
                    let mut school = NewSchool::new(slug, &name).map_err(anyhow::Error::msg)?;
                    if let Some(hours) = hours {
                        school.reading_hours = hours;
                    }
                    let school = schools::create(&mut conn, &school)?;
                    println!("Added {} at /s/{}", school.name, school.slug);
                }
                SchoolCommand::List => {
                    let all = schools::list(&mut conn)?;
                    if all.is_empty() {
                        println!(
                            "No schools yet. Add one with: confide school add --slug … --name …"
                        );
                    }
                    for school in all {
                        println!("{}\t{}\t{}", school.slug, school.name, school.reading_hours);
                    }
                }
            }
            Ok(())
        }
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
