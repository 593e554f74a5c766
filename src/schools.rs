//! Schools: their public slug, name, and when their staff read reports.

use diesel::prelude::*;

use crate::crypto::sealed_box::PrivateKey;
use crate::db::schema::schools;
use crate::db::{self, DbConnection};
use crate::error::AppError;

/// The short name in a school's address (`/s/{slug}`): lower-case letters, digits and hyphens.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SchoolSlug(String);

impl SchoolSlug {
    pub fn parse(raw: &str) -> Result<Self, &'static str> {
        let slug = raw.trim();
        if slug.len() < 2 || slug.len() > 60 {
            return Err("a school slug is 2 to 60 characters long");
        }
        if !slug
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        {
            return Err("a school slug uses only lower-case letters, digits and hyphens");
        }
        if slug.starts_with('-') || slug.ends_with('-') || slug.contains("--") {
            return Err("a school slug cannot start or end with a hyphen or have two in a row");
        }
        Ok(SchoolSlug(slug.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for SchoolSlug {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Hours shown to pupils when no one has set them: honest and common for a school office.
pub const DEFAULT_READING_HOURS: &str = "Monday to Friday, 8am to 4pm, in term time";

#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = schools)]
pub struct School {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub reading_hours: String,
    pub ack_within_hours: i32,
    pub created_at: i64,
    /// Public half of the school's recovery key; the private half was printed once and is never stored.
    pub recovery_public_key: Option<Vec<u8>>,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = schools)]
struct NewSchoolRow<'a> {
    slug: &'a str,
    name: &'a str,
    reading_hours: &'a str,
    ack_within_hours: i32,
    created_at: i64,
    recovery_public_key: &'a [u8],
}

/// What an administrator gives to add a school.
#[derive(Debug, Clone)]
pub struct NewSchool {
    pub slug: SchoolSlug,
    pub name: String,
    pub reading_hours: String,
    pub ack_within_hours: i32,
}

impl NewSchool {
    pub fn new(slug: SchoolSlug, name: &str) -> Result<Self, &'static str> {
        let name = name.trim();
        if name.is_empty() || name.chars().count() > 120 {
            return Err("a school name is 1 to 120 characters long");
        }
        Ok(NewSchool {
            slug,
            name: name.to_owned(),
            reading_hours: DEFAULT_READING_HOURS.to_owned(),
            ack_within_hours: 24,
        })
    }
}

/// Adds a school with a new recovery key pair. The private half is returned to be shown
/// once to the administrator and is never stored.
pub fn create(
    conn: &mut DbConnection,
    school: &NewSchool,
) -> Result<(School, PrivateKey), AppError> {
    let existing = find_by_slug(conn, &school.slug)?;
    if existing.is_some() {
        return Err(AppError::BadRequest(
            "a school with that slug already exists",
        ));
    }
    let recovery = PrivateKey::generate();
    diesel::insert_into(schools::table)
        .values(NewSchoolRow {
            slug: school.slug.as_str(),
            name: &school.name,
            reading_hours: &school.reading_hours,
            ack_within_hours: school.ack_within_hours,
            created_at: db::now(),
            recovery_public_key: recovery.public_key().as_bytes(),
        })
        .execute(conn)?;
    let created = find_by_slug(conn, &school.slug)?.ok_or(AppError::NotFound)?;
    Ok((created, recovery))
}

pub fn find(conn: &mut DbConnection, id: i64) -> Result<School, AppError> {
    Ok(schools::table
        .find(id)
        .select(School::as_select())
        .first(conn)?)
}

pub fn find_by_slug(
    conn: &mut DbConnection,
    slug: &SchoolSlug,
) -> Result<Option<School>, AppError> {
    Ok(schools::table
        .filter(schools::slug.eq(slug.as_str()))
        .select(School::as_select())
        .first(conn)
        .optional()?)
}

pub fn list(conn: &mut DbConnection) -> Result<Vec<School>, AppError> {
    Ok(schools::table
        .order(schools::name.asc())
        .select(School::as_select())
        .load(conn)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_accept_lower_case_words_joined_by_hyphens() {
        assert_eq!(
            SchoolSlug::parse(" oak-park-2 ").unwrap().as_str(),
            "oak-park-2"
        );
    }

    #[test]
    fn slugs_reject_anything_that_would_need_escaping() {
        for bad in [
            "",
            "a",
            "Oak",
            "oak park",
            "oak/park",
            "-oak",
            "oak-",
            "oak--park",
            "ök",
        ] {
            assert!(SchoolSlug::parse(bad).is_err(), "{bad:?} was accepted");
        }
    }

    #[test]
    fn school_names_must_be_present() {
        let slug = SchoolSlug::parse("oak").unwrap();
        assert!(NewSchool::new(slug.clone(), "  ").is_err());
        assert_eq!(
            NewSchool::new(slug, " Oak Academy ").unwrap().name,
            "Oak Academy"
        );
    }
}
