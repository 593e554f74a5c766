//! Integration tests: the real app on a real port with a real SQLite file, driven over HTTP.
#![expect(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test should stop loudly at the first surprise"
)]

mod abuse;
mod cli;
mod conversation;
mod core;
mod disclosures;
mod errors;
mod followup;
mod handoff;
mod hardening;
mod headers;
mod health;
mod helpers;
mod incidents;
mod insights;
mod languages;
mod later_name;
mod mail;
mod metrics;
mod moving;
mod moving_guards;
mod notify_stub;
mod nude_images;
mod on_call;
mod page_urls;
mod people;
mod pictures;
mod privacy;
mod pupil_pages;
mod pupil_site;
mod replies;
mod reporting;
mod retention;
mod routing;
mod scale;
mod sending;
mod several_servers;
mod smtp_sink;
mod staff;
mod static_files;
mod third_party;
mod two_factor;
