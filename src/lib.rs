//! Confide: confidential, anonymous reporting for pupils, and the triage tools for the staff who help them.

pub mod assets;
pub mod cli;
pub mod config;
pub mod content;
pub mod db;
pub mod demo;
pub mod error;
pub mod schools;
pub mod startup;
pub mod views;
pub mod web;
