//! Schools: their public slug, name, when their staff read reports, and the public half
//! of their recovery key.

use diesel::prelude::*;

use crate::db::schema::schools;
use crate::db::{DbConnection, DbError, Tx};
use crate::domain::hours::WeeklyHours;
use crate::domain::ids::SchoolId;
use crate::domain::retention::RetentionPolicy;
use crate::domain::school::{default_reading_schedule, NewSchool, SchoolSettings, SchoolSlug};
use crate::time::Timestamp;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = schools)]
pub struct School {
    pub id: SchoolId,
    pub slug: String,
    pub name: String,
    pub reading_hours: String,
    pub ack_within_hours: i32,
    pub created_at: Timestamp,
    /// Public half of the school's recovery key; the private half was printed once and is never stored.
    pub recovery_public_key: Option<Vec<u8>>,
    pub retain_anonymous_days: i32,
    pub retain_named_days: i32,
    pub retain_staff_days: i32,
    /// When staff read reports, as times ("Mon-Fri 08:00-16:00").
    pub reading_schedule: String,
    /// The on-call chain that covers the school out of hours, if any.
    pub on_call_chain_id: Option<i64>,
}

impl School {
    /// How long the school keeps closed reports.
    pub fn retention(&self) -> RetentionPolicy {
        RetentionPolicy {
            anonymous_days: self.retain_anonymous_days,
            named_days: self.retain_named_days,
            staff_days: self.retain_staff_days,
        }
    }

    /// When staff read reports; a schedule that no longer parses counts as the default.
    pub fn reading_schedule(&self) -> WeeklyHours {
        WeeklyHours::parse(&self.reading_schedule).unwrap_or_else(|_| default_reading_schedule())
    }
}

/// Adds a school with the public half of its new recovery key.
pub fn insert(
    tx: &mut Tx<'_>,
    school: &NewSchool,
    recovery_public_key: &[u8],
    now: Timestamp,
) -> Result<School, DbError> {
    diesel::insert_into(schools::table)
        .values((
            schools::slug.eq(school.slug.as_str()),
            schools::name.eq(&school.name),
            schools::reading_hours.eq(&school.reading_hours),
            schools::reading_schedule.eq(school.reading_schedule.to_string()),
            schools::ack_within_hours.eq(school.ack_within_hours),
            schools::created_at.eq(now),
            schools::recovery_public_key.eq(recovery_public_key),
        ))
        .execute(tx.db())?;
    find_by_slug(tx.db(), &school.slug)?.ok_or(DbError::Query(diesel::result::Error::NotFound))
}

/// Changes what pupils are told about reading times, the agreed time to acknowledge, and
/// how long closed reports are kept.
/// `false` if there is no such school.
pub fn update_settings(
    tx: &mut Tx<'_>,
    id: SchoolId,
    settings: &SchoolSettings,
) -> Result<bool, DbError> {
    let changed = diesel::update(schools::table.find(id))
        .set((
            schools::reading_hours.eq(&settings.reading_hours),
            schools::reading_schedule.eq(settings.reading_schedule.to_string()),
            schools::ack_within_hours.eq(settings.ack_within_hours),
            schools::retain_anonymous_days.eq(settings.retention.anonymous_days),
            schools::retain_named_days.eq(settings.retention.named_days),
            schools::retain_staff_days.eq(settings.retention.staff_days),
        ))
        .execute(tx.db())?;
    Ok(changed > 0)
}

pub fn find(db: &mut DbConnection, id: SchoolId) -> Result<School, DbError> {
    Ok(schools::table
        .find(id)
        .select(School::as_select())
        .first(db)?)
}

pub fn find_by_slug(db: &mut DbConnection, slug: &SchoolSlug) -> Result<Option<School>, DbError> {
    Ok(schools::table
        .filter(schools::slug.eq(slug.as_str()))
        .select(School::as_select())
        .first(db)
        .optional()?)
}

/// Every school, by name.
pub fn list(db: &mut DbConnection) -> Result<Vec<School>, DbError> {
    Ok(schools::table
        .order(schools::name.asc())
        .select(School::as_select())
        .load(db)?)
}
