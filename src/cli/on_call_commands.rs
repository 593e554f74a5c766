//! The on-call commands: chains, their contacts and the schools they cover, as on the
//! administration page.

use clap::Subcommand;

use super::shared::{explain, open};
use crate::app::rota;
use crate::app::Admin;
use crate::config::Settings;

#[derive(Debug, Subcommand)]
pub(super) enum OnCallCommand {
    /// Add a chain: contacts told in turn when an urgent report arrives out of hours.
    AddChain {
        #[arg(long)]
        name: String,
        /// Minutes without an acknowledgement before the next contact is told.
        #[arg(long, default_value = "10")]
        minutes: String,
    },
    /// Add a contact at the end of a chain.
    AddContact {
        #[arg(long)]
        chain: String,
        /// The person's email address (they need a Confide account).
        #[arg(long)]
        user: String,
        /// Their hours on call in UK time, e.g. "Mon-Fri 16:00-08:00; Sat,Sun 00:00-24:00".
        #[arg(long)]
        hours: String,
        /// A UK mobile number for texts through GOV.UK Notify (leave out for mail only).
        #[arg(long, default_value = "")]
        phone: String,
    },
    /// Take a contact off a chain (the number `on-call list` shows in brackets).
    RemoveContact {
        #[arg(long)]
        chain: String,
        #[arg(long)]
        contact: i64,
    },
    /// Put a school under a chain, or with `--none` under no chain.
    Cover {
        #[arg(long)]
        school: String,
        #[arg(long, required_unless_present = "none")]
        chain: Option<String>,
        #[arg(long)]
        none: bool,
    },
    /// List chains, their contacts in order, their schools and anything to put right.
    List,
}

pub(super) fn on_call(action: OnCallCommand, settings: Settings) -> anyhow::Result<()> {
    let (db, ctx) = open(settings)?;
    let admin = Admin::command_line();
    db.run_blocking(|conn| {
        match action {
            OnCallCommand::AddChain { name, minutes } => {
                rota::add_chain(conn, &ctx, &admin, &name, &minutes).map_err(explain)?;
                println!("Added the on-call chain {name}.");
            }
            OnCallCommand::AddContact {
                chain,
                user,
                hours,
                phone,
            } => {
                rota::add_contact(conn, &ctx, &admin, &chain, &user, &phone, &hours)
                    .map_err(explain)?;
                println!("Added {user} to {chain}.");
            }
            OnCallCommand::RemoveContact { chain, contact } => {
                rota::remove_contact(conn, &ctx, &admin, &chain, contact).map_err(explain)?;
                println!("Took contact {contact} off {chain}.");
            }
            OnCallCommand::Cover {
                school,
                chain,
                none,
            } => {
                let chain = chain.filter(|_| !none);
                rota::cover_school(conn, &ctx, &admin, &school, chain.as_deref())
                    .map_err(explain)?;
                println!(
                    "{school} is covered by {}.",
                    chain.as_deref().unwrap_or("no chain")
                );
            }
            OnCallCommand::List => list(conn)?,
        }
        Ok(())
    })
}

fn list(conn: &mut crate::db::Conn<'_>) -> anyhow::Result<()> {
    let chains = rota::overview(conn).map_err(explain)?;
    if chains.is_empty() {
        println!("No on-call chains yet. Add one with: confide on-call add-chain --name …");
    }
    for view in chains {
        println!(
            "{} (next contact after {} minutes)",
            view.chain.name, view.chain.step_minutes
        );
        for (i, c) in view.contacts.iter().enumerate() {
            println!(
                "  {}. [{}] {} <{}>\t{}\t{}",
                i + 1,
                c.id,
                c.name,
                c.email,
                c.shift,
                c.phone.as_deref().unwrap_or("mail only")
            );
        }
        let schools: Vec<&str> = view.schools.iter().map(|(_, n)| n.as_str()).collect();
        println!("  schools: {}", schools.join(", "));
        for warning in &view.warnings {
            println!("  ! {warning}");
        }
    }
    Ok(())
}
