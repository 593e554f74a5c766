//! `/healthz`, for load balancers and monitoring: 200 while the database can be read, and
//! a plain 503 that names nothing once it cannot.

use diesel::connection::SimpleConnection;
use diesel::prelude::*;

use crate::helpers::{postgres_base_url, spawn_app, TestApp};
use confide::config::DatabaseUrl;

#[actix_rt::test]
async fn health_check_answers_when_the_database_does() {
    let app = spawn_app().await;
    let (status, body) = app.get_text("/healthz").await;
    assert_eq!(status, 200);
    assert_eq!(body, "ok\n");
    if postgres_base_url().is_none() {
        assert!(
            app.data_dir.path().join("confide.db").exists(),
            "no SQLite file in the data directory"
        );
    }
}

#[actix_rt::test]
async fn the_health_check_is_about_reaching_the_database_not_one_table() {
    let app = spawn_app().await;
    app.lose_the_schools_table();
    let (status, _) = app.get_text("/healthz").await;
    // The database still answers without the table: health is about reaching it.
    assert_eq!(status, 200);
}

#[actix_rt::test]
async fn the_health_check_fails_when_the_database_cannot_be_reached() {
    let app = spawn_app().await;
    assert_eq!(app.get_text("/healthz").await.0, 200);
    make_the_database_unreachable(&app);

    let (status, body) = app.get_text("/healthz").await;
    assert_eq!(status, 503, "{body}");
    assert!(body.contains("Sorry, the site is busy"), "{body}");
    let lower = body.to_lowercase();
    for detail in [
        "database",
        "sqlite",
        "postgres",
        "connection",
        "timed out",
        "not a database",
        "accepting",
        app.data_dir.path().to_str().unwrap(),
    ] {
        assert!(
            !lower.contains(detail),
            "the answer names {detail:?}: {body}"
        );
    }
    // Still down on the next probe: a load balancer keeps the server out of rotation.
    assert_eq!(app.get_text("/healthz").await.0, 503);
}

/// Takes the database away from under the running app.
///
/// PostgreSQL: the server stops accepting connections to the test's database and ends the
/// app's open ones, as when the database server goes down.
///
/// SQLite has no server to stop, and an open file survives being renamed, deleted or
/// made unreadable (tests run as root), so what fails a real deployment is the file
/// itself going bad: a failed disk or a botched restore. The file is overwritten in
/// place, after a checkpoint so no page lives only in the WAL, and the shared WAL index
/// is wiped so that every open connection drops the pages it had cached and reads the
/// file again (as SQLite does when another process changed it).
fn make_the_database_unreachable(app: &TestApp) {
    match &app.config.database {
        DatabaseUrl::Postgres(url) => {
            let base = postgres_base_url().unwrap();
            let name = url.rsplit('/').next().unwrap();
            let mut admin = diesel::PgConnection::establish(&base).unwrap();
            admin
                .batch_execute(&format!(
                    "ALTER DATABASE {name} ALLOW_CONNECTIONS false;
                     SELECT pg_terminate_backend(pid) FROM pg_stat_activity
                      WHERE datname = '{name}' AND pid <> pg_backend_pid();"
                ))
                .unwrap();
        }
        DatabaseUrl::Sqlite(path) => {
            app.with_conn(|c| c.batch_execute("PRAGMA wal_checkpoint(TRUNCATE)").unwrap());
            let size = std::fs::metadata(path).unwrap().len() as usize;
            let rubbish = b"this is not an SQLite database any more\n"
                .iter()
                .copied()
                .cycle()
                .take(size)
                .collect::<Vec<u8>>();
            overwrite_in_place(path, &rubbish);
            let index = path.with_extension("db-shm");
            let size = std::fs::metadata(&index).unwrap().len() as usize;
            overwrite_in_place(&index, &vec![0; size]);
        }
    }
}

/// Writes over a file without replacing it, so connections that have it open see the change.
fn overwrite_in_place(path: &std::path::Path, bytes: &[u8]) {
    use std::io::Write;
    let mut file = std::fs::OpenOptions::new().write(true).open(path).unwrap();
    file.write_all(bytes).unwrap();
    file.sync_all().unwrap();
}
