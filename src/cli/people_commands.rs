//! The people commands: adding, disabling and resetting people, and giving and taking roles.

use super::shared::{explain, find_school, find_user, open, refused};
use crate::app::people::{self, NewPerson};
use crate::app::Admin;
use crate::config::Settings;
use crate::domain::choices::Role;
use crate::domain::person::Email;
use clap::Subcommand;

#[derive(Debug, Subcommand)]
pub(super) enum UserCommand {
    /// Add a person; prints a one-time temporary password they must change at first sign-in.
    Add {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        /// Let this person manage schools, people and roles (not read reports).
        #[arg(long)]
        admin: bool,
    },
    /// List people.
    List,
    /// Sign a person out everywhere and stop them signing in.
    Disable {
        #[arg(long)]
        email: String,
    },
    /// Let a disabled person sign in again.
    Enable {
        #[arg(long)]
        email: String,
    },
    /// A forgotten password: new key pair and temporary password (old report keys are deleted
    /// and shared again by colleagues or the recovery key; there is no back door).
    ResetPassword {
        #[arg(long)]
        email: String,
    },
    /// A lost phone: forget the person's two-step sign-in, sign them out everywhere, and
    /// have them set it up again when they next sign in.
    #[command(name = "reset-2fa")]
    ResetTwoFactor {
        #[arg(long)]
        email: String,
    },
}

#[derive(Debug, Subcommand)]
pub(super) enum RoleCommand {
    /// Give a person a role at a school: ssp_officer, nominated_staff, head_teacher or chair_of_governors.
    Grant {
        #[arg(long)]
        school: String,
        /// The person's email address.
        #[arg(long)]
        user: String,
        #[arg(long)]
        role: String,
    },
    /// Take a role away; the person's keys to that school's reports are deleted.
    Revoke {
        #[arg(long)]
        school: String,
        #[arg(long)]
        user: String,
        #[arg(long)]
        role: String,
    },
    /// List who holds which role at a school.
    List {
        #[arg(long)]
        school: String,
    },
}

pub(super) fn user_command(action: UserCommand, settings: Settings) -> anyhow::Result<()> {
    let (db, ctx) = open(settings)?;
    let admin = Admin::command_line();
    db.run_blocking(|conn| {
        match action {
            UserCommand::Add { email, name, admin: is_admin } => {
                let email = Email::parse(&email).map_err(refused)?;
                let created = people::add_person(
                    conn,
                    &ctx,
                    &admin,
                    &NewPerson {
                        email,
                        name: &name,
                        is_admin,
                        password: None,
                    },
                )
                .map_err(explain)?;
                println!("Added {} <{}>.", created.user.name, created.user.email);
                println!("One-time password (they must change it when they first sign in):");
                println!("    {}", created.password.as_str());
                println!("Give it to them in person or by phone, never by email.");
            }
            UserCommand::Disable { email } => {
                let user = find_user(conn, &email)?;
                people::set_disabled(conn, &ctx, &admin, user.id, true).map_err(explain)?;
                println!("{} is disabled and signed out everywhere.", user.name);
            }
            UserCommand::Enable { email } => {
                let user = find_user(conn, &email)?;
                people::set_disabled(conn, &ctx, &admin, user.id, false).map_err(explain)?;
                println!("{} can sign in again.", user.name);
            }
            UserCommand::ResetTwoFactor { email } => {
                let user = find_user(conn, &email)?;
                people::reset_two_factor(conn, &ctx, &admin, user.id).map_err(explain)?;
                println!(
                    "{} is signed out everywhere and will set up two-step sign-in again at their next sign-in.",
                    user.name
                );
            }
            UserCommand::ResetPassword { email } => {
                let user = find_user(conn, &email)?;
                let (_, password) =
                    people::reset_password(conn, &ctx, &admin, user.id).map_err(explain)?;
                println!(
                    "New one-time password for {} (they must change it when they sign in):",
                    user.name
                );
                println!("    {}", password.as_str());
                println!("Their old report keys are gone: a colleague's next sign-in, or `confide recovery share`, gives them back.");
            }
            UserCommand::List => {
                for user in people::people(conn, &admin).map_err(explain)? {
                    let flags = [(user.is_admin, "admin"), (user.disabled, "disabled")]
                        .iter()
                        .filter(|(on, _)| *on)
                        .map(|(_, name)| *name)
                        .collect::<Vec<_>>()
                        .join(",");
                    println!("{}\t{}\t{}", user.email, user.name, flags);
                }
            }
        }
        Ok(())
    })
}

pub(super) fn role_command(action: RoleCommand, settings: Settings) -> anyhow::Result<()> {
    let (db, ctx) = open(settings)?;
    let admin = Admin::command_line();
    let parse_role = |role: &str| {
        Role::parse_loose(role).ok_or_else(|| {
            anyhow::anyhow!("role must be one of ssp_officer, nominated_staff, head_teacher, chair_of_governors")
        })
    };
    db.run_blocking(|conn| {
        match action {
            RoleCommand::Grant { school, user, role } => {
                let role = parse_role(&role)?;
                let school = find_school(conn, &school)?;
                let user = find_user(conn, &user)?;
                people::grant_role(conn, &ctx, &admin, school.id, user.id, role).map_err(explain)?;
                println!(
                    "{} is now {} at {}.",
                    user.name,
                    role.label().to_lowercase(),
                    school.name
                );
            }
            RoleCommand::Revoke { school, user, role } => {
                let role = parse_role(&role)?;
                let school = find_school(conn, &school)?;
                let user = find_user(conn, &user)?;
                let removed = people::revoke_role(conn, &ctx, &admin, school.id, user.id, role)
                    .map_err(explain)?;
                println!(
                    "{} is no longer {} at {}; {removed} report keys deleted.",
                    user.name,
                    role.label().to_lowercase(),
                    school.name
                );
            }
            RoleCommand::List { school } => {
                let school = find_school(conn, &school)?;
                let holders = people::holders(conn, &admin, school.id).map_err(explain)?;
                if holders.is_empty() {
                    println!("No one receives reports for {} yet: reports are kept for the recovery key only.", school.name);
                }
                for holder in holders {
                    println!(
                        "{}\t{}\t{}",
                        holder.role.as_str(),
                        holder.email,
                        holder.name
                    );
                }
            }
        }
        Ok(())
    })
}
