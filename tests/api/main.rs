//! Integration tests: the real app on a real port with a real SQLite file, driven over HTTP.

mod cli;
mod errors;
mod headers;
mod helpers;
mod pupil_site;
mod static_files;
