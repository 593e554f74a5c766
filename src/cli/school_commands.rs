//! The school commands: adding and listing schools, and using a school's recovery key.

use clap::Subcommand;

use super::shared::{explain, find_school, find_user, open, refused};
use crate::app::people;
use crate::app::two_factor::{self, TwoFactorError};
use crate::app::Admin;
use crate::config::Settings;
use crate::domain::hours::WeeklyHours;
use crate::domain::school::{NewSchool, SchoolSlug};

#[derive(Debug, Subcommand)]
pub(super) enum RecoveryCommand {
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
pub(super) enum SchoolCommand {
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
        /// The same hours as days and times (UK time), e.g. "Mon-Fri 08:00-16:00": outside
        /// them an urgent report goes to the school's on-call chain.
        #[arg(long)]
        schedule: Option<String>,
    },
    /// List schools.
    List,
}

/// Adds or lists schools.
pub(super) fn school(action: SchoolCommand, settings: Settings) -> anyhow::Result<()> {
    let (db, ctx) = open(settings)?;
    let admin = Admin::command_line();
    db.run_blocking(|conn| match action {
        SchoolCommand::Add {
            slug,
            name,
            hours,
            schedule,
        } => {
            let slug = SchoolSlug::parse(&slug).map_err(refused)?;
            let mut school = NewSchool::new(slug, &name).map_err(refused)?;
            if let Some(hours) = hours {
                school.reading_hours = hours;
            }
            if let Some(schedule) = schedule {
                school.reading_schedule = WeeklyHours::parse(&schedule).map_err(refused)?;
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
                println!("No schools yet. Add one with: confide school add --slug … --name …");
            }
            for school in all {
                println!("{}\t{}\t{}", school.slug, school.name, school.reading_hours);
            }
            Ok(())
        }
    })
}

/// Shares a school's reports with a person using its recovery key, read from standard
/// input after the administrator's own second factor.
pub(super) fn recovery(action: RecoveryCommand, settings: Settings) -> anyhow::Result<()> {
    let RecoveryCommand::Share {
        school,
        user,
        admin,
    } = action;
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
        let admin = two_factor::confirm_at_command_line(conn, &ctx, &admin, typed.trim()).map_err(
            |err| match err {
                TwoFactorError::Refused(msg) => refused(msg),
                other => other.into(),
            },
        )?;
        eprintln!(
            "Type or paste the recovery key for {}, then press Enter:",
            school.name
        );
        let mut line = zeroize::Zeroizing::new(String::new());
        std::io::stdin().read_line(&mut line)?;
        let key = crate::crypto::sealed_box::recovery_key_from_text(&line).map_err(|_| {
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
