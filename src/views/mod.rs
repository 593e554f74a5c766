//! HTML with maud: the page layout, shared components, and one module per page family.

pub mod admin;
pub mod case;
pub mod chrome;
pub mod components;
pub mod disclosures;
pub mod errors;
pub mod followup;
pub mod followup_later;
pub mod forms;
pub mod handoff;
pub mod incident;
pub mod insights;
pub mod languages;
pub mod layout;
pub mod moving;
pub mod on_call;
pub mod picture_guidance;
pub mod poster;
pub mod pupil;
pub mod queue;
pub mod replies;
pub mod report;
pub mod site;
pub mod staff;
pub mod text;
pub mod two_factor;

pub use site::Site;
