//! What the commands share: the database and context as `confide serve` would have them,
//! finding a school or a person, and a refusal in the words an administrator reads.

use crate::app::people::{self, AdminError};
use crate::app::Context;
use crate::config::{Config, Settings};
use crate::db::{Conn, Db};
use crate::domain::msg::Msg;
use crate::domain::person::Email;
use crate::domain::school::SchoolSlug;
use crate::store::schools::School;
use crate::store::users::User;
use crate::views::text::en;

/// The database and the use cases' context, as `confide serve` would have them.
pub(super) fn open(settings: Settings) -> anyhow::Result<(Db, Context)> {
    let config = Config::from_settings(settings)?;
    let db = Db::connect(&config.database, 1)?;
    Ok((db, crate::startup::context(&config)?))
}

/// A refusal in the words an administrator reads.
pub(super) fn refused(msg: Msg) -> anyhow::Error {
    anyhow::anyhow!("{}", en(msg))
}

pub(super) fn explain(err: AdminError) -> anyhow::Error {
    match err {
        AdminError::Refused(msg) => refused(msg),
        other => other.into(),
    }
}

pub(super) fn find_school(conn: &mut Conn<'_>, slug: &str) -> anyhow::Result<School> {
    let slug = SchoolSlug::parse(slug).map_err(refused)?;
    match people::find_school(conn, &slug) {
        Err(AdminError::NotFound) => Err(anyhow::anyhow!(
            "no school with slug {slug}; see `confide school list`"
        )),
        other => other.map_err(explain),
    }
}

pub(super) fn find_user(conn: &mut Conn<'_>, email: &str) -> anyhow::Result<User> {
    let email = Email::parse(email).map_err(refused)?;
    match people::find_person(conn, &email) {
        Err(AdminError::NotFound) => Err(anyhow::anyhow!(
            "no one with email {}; add them with `confide user add`",
            email.as_str()
        )),
        other => other.map_err(explain),
    }
}
