//! Cargo.lock against the RustSec advisory database, offline, with RustSec's own `rustsec`
//! crate: any vulnerability not accepted in `advisories.toml` (with its reason) fails, an
//! acceptance whose condition no longer holds fails, and so does one for an advisory that
//! no longer applies. The database is the snapshot in `CONFIDE_ADVISORY_DB` (CI sets it
//! to `../shared/advisory-db`); `CONFIDE_AUDIT_LOCKFILE` checks another lockfile.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test should stop loudly at the first surprise"
)]

use std::path::{Path, PathBuf};
use std::process::Command;

use rustsec::{Database, Lockfile};
use serde::Deserialize;

#[derive(Deserialize)]
struct Accepted {
    id: String,
    #[serde(rename = "crate")]
    krate: String,
    reason: String,
    #[serde(default)]
    not_in_server: bool,
}

#[derive(Deserialize)]
struct Acceptances {
    accepted: Vec<Accepted>,
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn database_path() -> Option<PathBuf> {
    match std::env::var_os("CONFIDE_ADVISORY_DB") {
        Some(path) => Some(PathBuf::from(path)),
        None => {
            let default = root().join("../shared/advisory-db");
            default.join("crates").is_dir().then_some(default)
        }
    }
}

/// Whether a crate is among the dependencies of the shipped binary (dev-dependencies
/// left out).
fn in_server(krate: &str) -> bool {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = Command::new(cargo)
        .current_dir(root())
        .args(["tree", "--offline", "-e", "normal", "-i", krate])
        .output()
        .expect("cargo tree runs");
    // "did not match any packages" when the crate is not in the normal graph.
    out.status.success() && !String::from_utf8_lossy(&out.stdout).trim().is_empty()
}

#[test]
fn no_dependency_has_an_advisory_that_is_not_accepted_with_a_reason() {
    let Some(db_path) = database_path() else {
        // CI always sets CONFIDE_ADVISORY_DB, so this is never skipped there.
        eprintln!("no advisory database: set CONFIDE_ADVISORY_DB to a RustSec snapshot");
        return;
    };
    let db = Database::open(Path::new(&db_path))
        .unwrap_or_else(|e| panic!("advisory database {}: {e}", db_path.display()));
    let lock_path = std::env::var_os("CONFIDE_AUDIT_LOCKFILE")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("Cargo.lock"));
    let lockfile = Lockfile::load(&lock_path).expect("Cargo.lock parses");
    let accepted: Acceptances =
        toml::from_str(&std::fs::read_to_string(root().join("advisories.toml")).unwrap())
            .expect("advisories.toml parses");
    assert!(db.iter().count() > 100, "the advisory database looks empty");

    let found = db.vulnerabilities(&lockfile);
    let mut problems = Vec::new();
    for v in &found {
        let id = v.advisory.id.as_str();
        match accepted.accepted.iter().find(|a| a.id == id) {
            None => problems.push(format!(
                "{id}: {} {} — {} (accept it in advisories.toml with a reason, or upgrade)",
                v.package.name, v.package.version, v.advisory.title
            )),
            Some(a) => {
                assert!(
                    !a.reason.trim().is_empty(),
                    "{id} is accepted without a reason"
                );
                assert_eq!(a.krate, v.package.name.as_str(), "{id} names another crate");
                if a.not_in_server && in_server(&a.krate) {
                    problems.push(format!(
                        "{id} was accepted because {} is not in the server, but it now is (cargo tree -e normal -i {})",
                        a.krate, a.krate
                    ));
                }
            }
        }
    }
    for a in &accepted.accepted {
        if !found.iter().any(|v| v.advisory.id.as_str() == a.id) {
            problems.push(format!(
                "{} is accepted but no longer applies: take it out of advisories.toml",
                a.id
            ));
        }
    }
    assert!(problems.is_empty(), "advisories:\n{}", problems.join("\n"));
    eprintln!(
        "{} advisories in the database, {} packages checked, {} accepted",
        db.iter().count(),
        lockfile.packages.len(),
        found.len()
    );
}
