//! The `confide` command an administrator uses.

use std::process::Command;

fn confide(data_dir: &std::path::Path, args: &[&str]) -> (bool, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_confide"))
        .args(args)
        .env("CONFIDE_DATA_DIR", data_dir)
        .env_remove("CONFIDE_DATABASE_URL")
        .output()
        .unwrap();
    (
        out.status.success(),
        format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
    )
}

#[test]
fn an_administrator_can_add_and_list_schools() {
    let dir = tempfile::tempdir().unwrap();
    let (ok, out) = confide(
        dir.path(),
        &[
            "school",
            "add",
            "--slug",
            "elm-park",
            "--name",
            "Elm Park School",
        ],
    );
    assert!(ok, "{out}");
    assert!(out.contains("/s/elm-park"));
    let (ok, out) = confide(dir.path(), &["school", "list"]);
    assert!(ok, "{out}");
    assert!(out.contains("elm-park\tElm Park School"));
}

#[test]
fn a_bad_slug_or_duplicate_school_is_refused_with_a_reason() {
    let dir = tempfile::tempdir().unwrap();
    let (ok, out) = confide(
        dir.path(),
        &["school", "add", "--slug", "Elm Park", "--name", "Elm"],
    );
    assert!(!ok);
    assert!(out.contains("lower-case"), "{out}");
    confide(
        dir.path(),
        &["school", "add", "--slug", "elm", "--name", "Elm"],
    );
    let (ok, out) = confide(
        dir.path(),
        &["school", "add", "--slug", "elm", "--name", "Elm again"],
    );
    assert!(!ok);
    assert!(out.contains("already exists"), "{out}");
}

#[test]
fn a_bad_setting_stops_start_up_with_a_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_confide"))
        .args(["serve"])
        .env("CONFIDE_DATA_DIR", dir.path())
        .env("CONFIDE_LISTEN", "not-an-address")
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("CONFIDE_LISTEN"));
}

#[test]
fn the_demo_says_at_once_when_its_port_is_busy_and_how_to_choose_another() {
    let busy = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let address = busy.local_addr().unwrap().to_string();
    let dir = tempfile::tempdir().unwrap();
    let (ok, out) = confide(dir.path(), &["demo", "--listen", &address]);
    assert!(!ok, "the demo ran on a busy port: {out}");
    assert!(
        out.contains(&format!("cannot listen on {address}")),
        "{out}"
    );
    assert!(out.contains("--listen 127.0.0.1:8081"), "{out}");
    // Said before anything was seeded: no migration ran.
    assert!(!out.contains("database migrations applied"), "{out}");
}
