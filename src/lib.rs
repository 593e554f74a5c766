//! Confide: confidential, anonymous reporting for pupils, and the triage tools for the staff who help them.

pub mod accounts;
pub mod assets;
pub mod audit;
pub mod backup;
pub mod cli;
pub mod config;
pub mod content;
pub mod crypto;
pub mod db;
pub mod demo;
pub mod error;
pub mod mail;
pub mod reports;
pub mod schools;
pub mod startup;
pub mod time;
pub mod triage;
pub mod views;
pub mod web;
