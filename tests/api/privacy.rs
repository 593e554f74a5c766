//! What pupils wrote never reaches the disk or the log in the clear, and tampering is caught cleanly.

use confide::crypto::sealed_box::ReportKeys;
use confide::db::schema::{report_keys, reports};
use confide::domain::choices::Role;
use diesel::connection::SimpleConnection;
use diesel::prelude::*;

use crate::helpers::{captured_log, spawn_app, TestApp};

pub(crate) fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}

pub(crate) fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// Every file the database keeps: the SQLite file and its WAL, or on PostgreSQL the
/// whole cluster directory (tables, indexes and WAL) after a checkpoint.
pub(crate) fn database_files(app: &TestApp) -> Vec<std::path::PathBuf> {
    match std::env::var("CONFIDE_TEST_POSTGRES_DATA") {
        Ok(cluster) if crate::helpers::postgres_base_url().is_some() => {
            app.with_conn(|c| c.batch_execute("CHECKPOINT").unwrap());
            walk(std::path::Path::new(&cluster))
        }
        _ => walk(app.data_dir.path()),
    }
}

/// Fails if any needle is in any of the files in the clear, or if there was next to
/// nothing to scan (a wrong directory would pass vacuously).
pub(crate) fn assert_in_no_file(files: &[std::path::PathBuf], needles: &[&str]) {
    let mut scanned = 0;
    for file in files {
        let Ok(bytes) = std::fs::read(file) else {
            continue;
        };
        scanned += bytes.len();
        for needle in needles {
            assert!(
                !contains(&bytes, needle.as_bytes()),
                "{needle} found in {}",
                file.display()
            );
        }
    }
    assert!(
        scanned > 10_000,
        "the database files were not there to scan"
    );
}

#[actix_rt::test]
async fn a_canary_in_a_report_appears_nowhere_on_disk_or_in_the_log() {
    let app = spawn_app().await;
    app.add_staff("officer@police.example", "oakfield", Role::SspOfficer);
    let canary = "CANARY-7f3a9c1e-WHAT";
    let name_canary = "CANARY-NAME-51d2";
    let message_canary = "CANARY-MSG-0b8e";
    let code = app
        .send_report(
            "oakfield",
            &[
                ("what", canary),
                ("name", name_canary),
                ("who", canary),
                ("contact", canary),
            ],
        )
        .await;
    app.post_form(
        "/followup/message",
        &[("code", &code), ("message", message_canary)],
    )
    .await;
    let (_, page) = app.post_form("/followup", &[("code", &code)]).await;
    assert!(
        page.contains(canary) && page.contains(message_canary),
        "the report is readable"
    );

    let needles = [
        canary,
        name_canary,
        message_canary,
        code.as_str(),
        &code.replace(' ', ""),
    ];
    assert_in_no_file(&database_files(&app), &needles);
    let log = captured_log();
    for needle in [
        canary,
        name_canary,
        message_canary,
        code.as_str(),
        &code.replace(' ', ""),
    ] {
        assert!(!log.contains(needle), "{needle} found in the log");
    }
}

/// Which sealed column of a report to damage.
#[derive(Clone, Copy)]
enum Sealed {
    Details,
    PupilKey,
}

/// Flips one byte of a stored column and checks the pupil gets a kind error, never text.
async fn tamper_and_open(column: Sealed, offset: usize) {
    let app = spawn_app().await;
    let code = app
        .send_report("oakfield", &[("what", "SECRET-TAMPER-TEXT")])
        .await;
    let id = app.report_id_for(&code);
    app.with_conn(|conn| {
        let (details, pupil_key): (Vec<u8>, Vec<u8>) = reports::table
            .find(&id)
            .select((reports::details, reports::pupil_key))
            .first(conn)
            .unwrap();
        let target = diesel::update(reports::table.find(&id));
        match column {
            Sealed::Details => {
                let mut bad = details;
                bad[offset] ^= 0x01;
                target.set(reports::details.eq(bad)).execute(conn).unwrap();
            }
            Sealed::PupilKey => {
                let mut bad = pupil_key;
                bad[offset] ^= 0x01;
                target
                    .set(reports::pupil_key.eq(bad))
                    .execute(conn)
                    .unwrap();
            }
        }
    });
    let (status, page) = app.post_form("/followup", &[("code", &code)]).await;
    assert_eq!(status, 500, "offset {offset}");
    assert!(page.contains("Sorry, something went wrong"));
    assert!(!page.contains("SECRET-TAMPER-TEXT"));
}

#[actix_rt::test]
async fn a_changed_byte_in_stored_text_fails_cleanly() {
    // The nonce is the first 24 bytes; the ciphertext and tag follow.
    tamper_and_open(Sealed::Details, 0).await;
    tamper_and_open(Sealed::Details, 30).await;
    tamper_and_open(Sealed::Details, 60).await;
}

#[actix_rt::test]
async fn a_changed_byte_in_the_pupils_wrapped_key_fails_cleanly() {
    tamper_and_open(Sealed::PupilKey, 2).await;
    tamper_and_open(Sealed::PupilKey, 40).await;
}

#[actix_rt::test]
async fn a_changed_byte_in_a_recipients_wrapped_key_fails_cleanly() {
    let app = spawn_app().await;
    let officer = app.add_staff("officer@police.example", "oakfield", Role::SspOfficer);
    let code = app.send_report("oakfield", &[]).await;
    let id = app.report_id_for(&code);
    let wrapped: Vec<u8> = app.with_conn(|conn| {
        report_keys::table
            .filter(report_keys::report_id.eq(&id))
            .select(report_keys::wrapped)
            .first(conn)
            .unwrap()
    });
    let wrapped = app.unbound(
        &id,
        confide::crypto::retention::KeyCopy::Recipient(officer.id),
        &wrapped,
    );
    for i in [0, 31, 32, wrapped.len() / 2, wrapped.len() - 1] {
        let mut bad = wrapped.clone();
        bad[i] ^= 0x01;
        assert!(
            ReportKeys::unwrap_with(&officer.key, &crate::helpers::rid(&id), &bad).is_err(),
            "byte {i}"
        );
    }
    // And a wrapped key moved onto another report's row does not open there.
    let other = app.report_id_for(&app.send_report("oakfield", &[]).await);
    assert!(ReportKeys::unwrap_with(&officer.key, &crate::helpers::rid(&other), &wrapped).is_err());
}
