//! Staff accounts and the roles that decide whose reports they receive.

pub mod roles;
pub mod sessions;
pub mod sharing;
pub mod users;
