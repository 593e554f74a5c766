//! Confide: confidential, anonymous reporting for pupils, and the triage tools for the staff who help them.
//!
//! The layers, each importing only those below it (see the README's code layout):
//! `cli`, `startup`, `demo` → `web` → `views` → `app` → `store` → `db` → `domain`, `time`.

pub mod app;
pub mod assets;
pub mod backup;
pub mod blobs;
pub mod cli;
pub mod config;
pub mod content;
pub mod crypto;
pub mod db;
pub mod demo;
pub mod domain;
pub mod i18n;
pub mod images;
pub mod keystore;
pub mod mail;
pub mod memory;
pub mod metrics;
pub mod startup;
pub mod store;
pub mod time;
pub mod views;
pub mod web;
