//! Setting up on-call chains: administrators name a chain, put schools under it and list
//! its contacts in order with their hours and numbers; every change is audited. The
//! overview warns where a contact could not read a school's reports, and where some hour
//! of the week has neither reading hours nor anyone on call.

use std::collections::BTreeSet;

use super::actors::Admin;
use super::context::Context;
use super::people::AdminError;
use crate::db::{Conn, DbError};
use crate::domain::hours::{WeekMinute, WeeklyHours, MINUTES_PER_WEEK};
use crate::domain::ids::{SchoolId, UserId};
use crate::domain::msg::Msg;
use crate::domain::on_call::{chain_name, mobile_number, step_minutes};
use crate::domain::person::Email;
use crate::domain::routing;
use crate::domain::school::SchoolSlug;
use crate::store::audit;
use crate::store::on_call::{self as chains, Chain, Contact};
use crate::store::roles;
use crate::store::schools;
use crate::store::users;

/// A chain as the administration page shows it.
#[derive(Debug, Clone)]
pub struct ChainView {
    pub chain: Chain,
    pub contacts: Vec<Contact>,
    pub schools: Vec<(SchoolId, String)>,
    /// Things to put right, in words.
    pub warnings: Vec<String>,
}

/// Every chain with its contacts, schools and warnings.
pub fn overview(conn: &mut Conn<'_>) -> Result<Vec<ChainView>, AdminError> {
    let mut out = Vec::new();
    for chain in chains::chains(conn.db())? {
        let contacts = chains::contacts(conn.db(), chain.id)?;
        let schools = chains::schools_of(conn.db(), chain.id)?;
        let warnings = warnings(conn, &contacts, &schools)?;
        out.push(ChainView {
            chain,
            contacts,
            schools,
            warnings,
        });
    }
    Ok(out)
}

fn warnings(
    conn: &mut Conn<'_>,
    contacts: &[Contact],
    covered: &[(SchoolId, String)],
) -> Result<Vec<String>, DbError> {
    let mut out = Vec::new();
    if covered.is_empty() {
        out.push("No school is under this chain yet.".to_owned());
    }
    for (school_id, school_name) in covered {
        let holdings = roles::holdings(&roles::holders(conn.db(), *school_id)?);
        let readers: BTreeSet<UserId> =
            routing::recipients(crate::domain::choices::About::NoStaff, &holdings);
        for contact in contacts.iter().filter(|c| !readers.contains(&c.user_id)) {
            out.push(format!(
                "{} does not receive {school_name}'s reports, so is never told of them: give them a role there.",
                contact.name
            ));
        }
        let Some(school) = schools::list(conn.db())?
            .into_iter()
            .find(|s| s.id == *school_id)
        else {
            continue;
        };
        if let Some(gap) = first_gap(&school.reading_schedule(), contacts) {
            out.push(format!(
                "At {school_name}, nobody reads reports or is on call from {gap}: an urgent report then waits for the reading hours."
            ));
        }
    }
    for contact in contacts.iter().filter(|c| c.disabled) {
        out.push(format!(
            "{} cannot sign in (disabled), so is skipped.",
            contact.name
        ));
    }
    Ok(out)
}

/// The first quarter-hour of the week that neither the reading hours nor any contact
/// covers, as "Sat 00:00".
fn first_gap(reading: &WeeklyHours, contacts: &[Contact]) -> Option<String> {
    const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    let shifts: Vec<WeeklyHours> = contacts
        .iter()
        .filter(|c| !c.disabled)
        .filter_map(|c| WeeklyHours::parse(&c.shift).ok())
        .collect();
    (0..MINUTES_PER_WEEK)
        .step_by(15)
        .map(WeekMinute)
        .find(|at| !reading.covers(*at) && !shifts.iter().any(|s| s.covers(*at)))
        .map(|at| {
            let m = at.minute_of_day();
            format!(
                "{} {:02}:{:02}",
                DAYS[at.weekday() as usize],
                m / 60,
                m % 60
            )
        })
}

/// Adds a chain.
pub fn add_chain(
    conn: &mut Conn<'_>,
    ctx: &Context,
    admin: &Admin,
    name: &str,
    minutes: &str,
) -> Result<(), AdminError> {
    let name = chain_name(name).map_err(AdminError::Refused)?;
    let minutes = step_minutes(minutes).map_err(AdminError::Refused)?;
    let now = ctx.now();
    admin.require_fresh(now)?;
    conn.write(|tx| {
        chains::add_chain(tx, &name, minutes, now)?
            .ok_or(AdminError::Refused(Msg::OnCallChainTaken))?;
        let detail = format!("{name}: next contact told after {minutes} minutes");
        audit::append(tx, admin.actor(), None, "On-call chain added", &detail, now)?;
        Ok(())
    })
}

fn find_chain(conn: &mut Conn<'_>, name: &str) -> Result<Chain, AdminError> {
    chains::find_chain(conn.db(), name.trim())?.ok_or(AdminError::NotFound)
}

/// Adds a contact at the end of a chain: a member of staff, their hours and, for texts,
/// a UK mobile number.
pub fn add_contact(
    conn: &mut Conn<'_>,
    ctx: &Context,
    admin: &Admin,
    chain: &str,
    email: &str,
    phone: &str,
    hours: &str,
) -> Result<(), AdminError> {
    let hours = WeeklyHours::parse(hours).map_err(AdminError::Refused)?;
    let phone = mobile_number(phone).map_err(AdminError::Refused)?;
    let email = Email::parse(email).map_err(|_| AdminError::Refused(Msg::OnCallNoSuchPerson))?;
    let chain = find_chain(conn, chain)?;
    let user = users::find_by_email(conn.db(), &email)?
        .ok_or(AdminError::Refused(Msg::OnCallNoSuchPerson))?;
    let now = ctx.now();
    admin.require_fresh(now)?;
    conn.write(|tx| {
        chains::add_contact(tx, chain.id, user.id, phone.as_deref(), &hours.to_string())?;
        let by = if phone.is_some() {
            "mail and text"
        } else {
            "mail"
        };
        let detail = format!("{}: {} ({hours}, by {by})", chain.name, user.email);
        audit::append(
            tx,
            admin.actor(),
            None,
            "On-call contact added",
            &detail,
            now,
        )?;
        Ok(())
    })
}

/// Takes a contact off a chain.
pub fn remove_contact(
    conn: &mut Conn<'_>,
    ctx: &Context,
    admin: &Admin,
    chain: &str,
    contact: i64,
) -> Result<(), AdminError> {
    let chain = find_chain(conn, chain)?;
    let now = ctx.now();
    admin.require_fresh(now)?;
    conn.write(|tx| {
        if !chains::remove_contact(tx, chain.id, contact)? {
            return Err(AdminError::NotFound);
        }
        let detail = format!("{}: contact {contact}", chain.name);
        audit::append(
            tx,
            admin.actor(),
            None,
            "On-call contact removed",
            &detail,
            now,
        )?;
        Ok(())
    })
}

/// Puts a school under a chain, or (with `None`) under none.
pub fn cover_school(
    conn: &mut Conn<'_>,
    ctx: &Context,
    admin: &Admin,
    slug: &str,
    chain: Option<&str>,
) -> Result<(), AdminError> {
    let slug = SchoolSlug::parse(slug).map_err(AdminError::Refused)?;
    let school = schools::find_by_slug(conn.db(), &slug)?.ok_or(AdminError::NotFound)?;
    let chain = chain.map(|name| find_chain(conn, name)).transpose()?;
    let now = ctx.now();
    admin.require_fresh(now)?;
    conn.write(|tx| {
        chains::set_school_chain(tx, school.id, chain.as_ref().map(|c| c.id))?;
        let detail = match &chain {
            Some(chain) => format!("{} covered by {}", school.slug, chain.name),
            None => format!("{} covered by no on-call chain", school.slug),
        };
        audit::append(
            tx,
            admin.actor(),
            None,
            "On-call cover changed",
            &detail,
            now,
        )?;
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contact(shift: &str) -> Contact {
        Contact {
            id: 1,
            position: 0,
            user_id: UserId(1),
            name: "PC Khan".into(),
            email: "khan@police.example".into(),
            disabled: false,
            phone: None,
            shift: shift.into(),
        }
    }

    #[test]
    fn the_first_uncovered_quarter_hour_is_named() {
        let reading = WeeklyHours::parse("Mon-Fri 08:00-16:00").unwrap();
        assert_eq!(first_gap(&reading, &[]).as_deref(), Some("Mon 00:00"));
        let nights = contact("Mon-Fri 16:00-08:00");
        assert_eq!(
            first_gap(&reading, &[nights.clone()]).as_deref(),
            Some("Mon 00:00")
        );
        let saturday = contact("Sat 08:00-24:00");
        assert_eq!(
            first_gap(&reading, &[nights.clone(), saturday]).as_deref(),
            Some("Mon 00:00")
        );
        let weekend = contact("Sat,Sun 08:00-24:00; Sun,Mon 00:00-08:00");
        assert_eq!(first_gap(&reading, &[nights, weekend]), None);
    }
}
