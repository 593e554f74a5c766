//! Figures for the partnership: counts equal a direct count of the reports rounded on its
//! own (small numbers hidden, and whatever would give them away), people see only their schools,
//! the CSV is the page's tables, downloads are audited, and the counters rebuild from
//! the stored reports.

use std::collections::HashMap;

use confide::app::{cases, pupil};
use confide::db::schema::{audit_log, insight_changes, insight_weeks, reports};
use confide::domain::choices::{About, Category, Location, Role};
use confide::domain::report::{Details, ValidReport};
use confide::domain::school::SchoolSlug;
use diesel::prelude::*;

use crate::helpers::{spawn_app, Staff, TestApp};

mod attack;
mod misuse;

/// (school, category, location, how many, acknowledged)
const SEED: &[(&str, Category, Location, usize, bool)] = &[
    (
        "oakfield",
        Category::Bullying,
        Location::Playground,
        9,
        true,
    ),
    ("oakfield", Category::Bullying, Location::Toilets, 6, true),
    (
        "oakfield",
        Category::OnlineBullying,
        Location::Online,
        8,
        true,
    ),
    (
        "oakfield",
        Category::OnlineBullying,
        Location::Toilets,
        2,
        false,
    ),
    ("oakfield", Category::Weapons, Location::Journey, 3, true),
    ("oakfield", Category::Hate, Location::Playground, 6, false),
    ("oakfield", Category::Hate, Location::Online, 1, true),
    ("oakfield", Category::Other, Location::Elsewhere, 5, false),
    (
        "riverside",
        Category::DrugsAlcohol,
        Location::NearSchool,
        7,
        false,
    ),
];

/// Sends the seeded reports straight through the pupil use case, acknowledging some as
/// the officer.
fn seed(app: &TestApp, officer: &Staff) {
    let staff = app.as_staff(officer);
    for (school, category, location, n, acknowledge) in SEED {
        for i in 0..*n {
            let mut details = Details::default();
            details.what = format!("Report {i} for the figures test");
            let report = ValidReport {
                category: *category,
                location: *location,
                happening_now: i == 0,
                about: About::NoStaff,
                details,
            };
            app.with(|conn, ctx| {
                let sent =
                    pupil::submit(conn, ctx, &SchoolSlug::parse(school).unwrap(), &report, &[])
                        .unwrap();
                if *acknowledge {
                    cases::acknowledge(conn, ctx, &staff, &sent.report_id).unwrap();
                }
            });
        }
    }
}

/// A running app with Oakfield's SSP officer and the seeded reports.
async fn seeded_app() -> (TestApp, Staff) {
    let app = spawn_app().await;
    let officer = app.add_staff("officer@police.example", "oakfield", Role::SspOfficer);
    seed(&app, &officer);
    (app, officer)
}

/// Every table of an HTML page: (caption, rows of cell texts, header row first).
pub fn html_tables(page: &str) -> Vec<(String, Vec<Vec<String>>)> {
    let text = |s: &str| -> String {
        let mut out = String::new();
        let mut in_tag = false;
        for c in s.chars() {
            match c {
                '<' => in_tag = true,
                '>' => in_tag = false,
                c if !in_tag => out.push(c),
                _ => {}
            }
        }
        out.replace("&amp;", "&")
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .trim()
            .to_owned()
    };
    let mut tables = Vec::new();
    for chunk in page.split("<table").skip(1) {
        let body = chunk.split("</table>").next().unwrap();
        let caption = body
            .split("<caption")
            .nth(1)
            .and_then(|c| c.split("</caption>").next())
            .map(|c| text(&format!("<caption{c}")))
            .unwrap_or_default();
        let rows = body
            .split("<tr")
            .skip(1)
            .map(|row| {
                let row = row.split("</tr>").next().unwrap();
                let mut cells = Vec::new();
                let mut rest = row;
                while let Some(start) = rest.find(['<']).and_then(|_| {
                    let th = rest.find("<th");
                    let td = rest.find("<td");
                    match (th, td) {
                        (Some(a), Some(b)) => Some(a.min(b)),
                        (a, b) => a.or(b),
                    }
                }) {
                    let after = &rest[start..];
                    let end = after
                        .find("</th>")
                        .into_iter()
                        .chain(after.find("</td>"))
                        .min()
                        .unwrap();
                    cells.push(text(&after[..end]));
                    rest = &after[end + 5..];
                }
                cells
            })
            .collect();
        tables.push((caption, rows));
    }
    tables
}

/// The CSV's tables, in the same shape.
fn csv_tables(csv: &str) -> Vec<(String, Vec<Vec<String>>)> {
    let parse_line = |line: &str| -> Vec<String> {
        let mut fields = Vec::new();
        let mut field = String::new();
        let mut quoted = false;
        let mut chars = line.chars().peekable();
        while let Some(c) = chars.next() {
            match (c, quoted) {
                ('"', false) => quoted = true,
                ('"', true) if chars.peek() == Some(&'"') => {
                    field.push('"');
                    chars.next();
                }
                ('"', true) => quoted = false,
                (',', false) => fields.push(std::mem::take(&mut field)),
                (c, _) => field.push(c),
            }
        }
        fields.push(field);
        fields
    };
    let blocks: Vec<&str> = csv
        .split("\r\n\r\n")
        .filter(|b| !b.trim().is_empty())
        .collect();
    blocks
        .iter()
        .skip(1)
        .map(|block| {
            let mut lines = block.split("\r\n").filter(|l| !l.is_empty());
            let caption = parse_line(lines.next().unwrap()).remove(0);
            (caption, lines.map(parse_line).collect())
        })
        .collect()
}

pub fn table<'a>(tables: &'a [(String, Vec<Vec<String>>)], caption: &str) -> &'a Vec<Vec<String>> {
    &tables
        .iter()
        .find(|(c, _)| c.starts_with(caption))
        .unwrap_or_else(|| panic!("no table {caption}"))
        .1
}

/// A table's cells by (row label, column label).
fn cells(rows: &[Vec<String>]) -> HashMap<(String, String), String> {
    let head = &rows[0];
    let mut out = HashMap::new();
    for row in &rows[1..] {
        for (j, cell) in row.iter().enumerate().skip(1) {
            out.insert((row[0].clone(), head[j].clone()), cell.clone());
        }
    }
    out
}

fn direct_count(
    app: &TestApp,
    school: &str,
    category: Category,
    location: Option<Location>,
) -> i64 {
    let school = app.school(school).id;
    app.with_conn(|c| {
        let mut q = reports::table
            .filter(reports::school_id.eq(school))
            .filter(reports::category.eq(category))
            .into_boxed();
        if let Some(l) = location {
            q = q.filter(reports::location.eq(l));
        }
        q.count().get_result(c).unwrap()
    })
}

/// A figure of the acknowledgement table ("Reports", "Acknowledged", ...) on a page.
fn acknowledgement(page: &str, line: &str) -> String {
    let ack = cells(&table(&html_tables(page), "How quickly")[..]);
    ack[&(line.to_owned(), "Figure".to_owned())].clone()
}

/// Takes every counter away, as a deployment from before figures (or before week rows) has.
fn forget_counters(app: &TestApp) {
    app.with_conn(|c| {
        diesel::delete(insight_weeks::table).execute(c).unwrap();
        diesel::delete(insight_changes::table).execute(c).unwrap();
    });
}

/// A count as the page shows it: rounded on its own to the nearest 5, 1 to 4 as "fewer
/// than 5" (worked out here from the rule, not from the crate).
fn rounded(n: i64) -> String {
    match n {
        0 => "0".to_owned(),
        1..=4 => "fewer than 5".to_owned(),
        n => ((n + 2) / 5 * 5).to_string(),
    }
}

#[actix_rt::test]
async fn figures_are_direct_counts_each_rounded_on_its_own() {
    let app = spawn_app().await;
    let officer = app.add_staff("officer@police.example", "oakfield", Role::SspOfficer);
    let head = app.add_staff("head@oakfield.example", "oakfield", Role::HeadTeacher);
    seed(&app, &officer);
    let browser = app.sign_in(&head.email, &head.password).await.unwrap();
    let (status, page, _) = browser.get("/staff/insights").await;
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("Oakfield Academy"));
    assert!(
        page.contains("Every count is rounded to the nearest 5 on its own"),
        "the rule is on the page"
    );
    let tables = html_tables(&page);
    let spots = cells(table(&tables, "Hotspots"));
    let by_week = table(&tables, "Reports by week");
    let totals = by_week.last().unwrap();
    let head_row = &by_week[0];
    let column = |label: &str| head_row.iter().position(|h| h == label);
    // Shown counts are the direct counts, rounded.
    for (category, label) in [
        (Category::Bullying, "Bullying"),
        (
            Category::OnlineBullying,
            "Online bullying or sharing pictures",
        ),
        (Category::Hate, "Hate or racism"),
        (Category::Weapons, "Knives or other weapons"),
        (Category::Other, "Something else"),
    ] {
        let j = column(label).unwrap_or_else(|| panic!("no column {label}: {head_row:?}"));
        assert_eq!(
            totals[j],
            rounded(direct_count(&app, "oakfield", category, None)),
            "{label}"
        );
    }
    // Knives (3 reports) have their own column now: "fewer than 5" says all there is.
    assert_eq!(
        totals[column("Knives or other weapons").unwrap()],
        "fewer than 5"
    );
    assert_eq!(totals[totals.len() - 1], "40");
    // Every cell of the hotspots is its direct count rounded, or hidden (never a zero).
    for ((place, kind), shown) in &spots {
        let Some(location) = Location::ALL.iter().find(|l| l.label() == place) else {
            continue;
        };
        let Some(category) = Category::ALL.iter().find(|c| c.label() == kind) else {
            continue;
        };
        let actual = direct_count(&app, "oakfield", *category, Some(*location));
        if shown == "hidden" {
            assert!(actual > 0, "{place}/{kind}");
        } else {
            assert_eq!(shown, &rounded(actual), "{place}/{kind}");
        }
    }
    let small = &spots[&(
        "In the toilets".to_owned(),
        "Online bullying or sharing pictures".to_owned(),
    )];
    assert_eq!(small, "fewer than 5");
    // Riverside's reports are not in Oakfield's figures.
    assert!(!page.contains("Drugs or alcohol"));
    // Acknowledged 27 of 40; 13 left new: each rounded from its own count, not worked out
    // from the rounded others.
    let ack = cells(&table(&tables, "How quickly")[..]);
    let figure = |m: &str| ack[&(m.to_owned(), "Figure".to_owned())].clone();
    assert_eq!(figure("Reports"), "40");
    assert_eq!(figure("Acknowledged"), rounded(27));
    assert_eq!(figure("Not yet acknowledged"), rounded(13));
    // 27 acknowledged: enough for a median.
    assert!(!figure("Median time to first acknowledgement").starts_with("not shown"));
}

#[actix_rt::test]
async fn people_see_only_their_own_schools_figures() {
    let app = spawn_app().await;
    let officer = app.add_staff("officer@police.example", "oakfield", Role::SspOfficer);
    app.add_staff("officer@police.example", "riverside", Role::SspOfficer);
    let head = app.add_staff("head@oakfield.example", "oakfield", Role::HeadTeacher);
    let deputy = app.add_staff("deputy@oakfield.example", "oakfield", Role::NominatedStaff);
    seed(&app, &officer);
    let riverside = app.school("riverside").id;

    // The head teacher asking for another school gets their own.
    let browser = app.sign_in(&head.email, &head.password).await.unwrap();
    let (status, page, _) = browser
        .get(&format!("/staff/insights?school={riverside}"))
        .await;
    assert_eq!(status, 200);
    assert!(page.contains("Oakfield Academy"));
    assert!(!page.contains("Drugs or alcohol"));
    assert!(!page.contains("Riverside High School"), "not even offered");
    let (_, csv, _) = browser
        .get(&format!("/staff/insights.csv?school={riverside}"))
        .await;
    assert!(!csv.contains("Drugs or alcohol"));

    // The officer sees both schools together, and either alone.
    let browser = app
        .sign_in(&officer.email, &officer.password)
        .await
        .unwrap();
    let (_, page, _) = browser.get("/staff/insights").await;
    assert!(page.contains("Your 2 schools"));
    assert!(page.contains("Drugs or alcohol"));
    let (_, page, _) = browser
        .get(&format!("/staff/insights?school={riverside}"))
        .await;
    let tables = html_tables(&page);
    assert_eq!(
        table(&tables, "Reports by week")
            .last()
            .unwrap()
            .last()
            .unwrap(),
        &rounded(7)
    );

    // Nominated staff work cases but do not see figures: a kind page, not an error.
    let browser = app.sign_in(&deputy.email, &deputy.password).await.unwrap();
    let (status, page, _) = browser.get("/staff/insights").await;
    assert_eq!(status, 403);
    assert!(page.contains("Figures are for head teachers"));
    let (status, _, _) = browser.get("/staff/insights.csv").await;
    assert_eq!(status, 403);

    // An administrator sees every school.
    app.add_admin();
    let browser = app
        .sign_in("admin@la.example", "admin password 123")
        .await
        .unwrap();
    let (_, page, _) = browser.get("/staff/insights").await;
    assert!(page.contains("Every school"));
    let tables = html_tables(&page);
    assert_eq!(
        table(&tables, "Reports by week")
            .last()
            .unwrap()
            .last()
            .unwrap(),
        &rounded(47)
    );
}

#[actix_rt::test]
async fn the_csv_holds_exactly_the_tables_on_the_page_and_is_audited() {
    let (app, officer) = seeded_app().await;
    let browser = app
        .sign_in(&officer.email, &officer.password)
        .await
        .unwrap();
    for query in ["", "?period=this_year&by=term", "?period=last_term"] {
        let (_, page, _) = browser.get(&format!("/staff/insights{query}")).await;
        let (status, csv, _) = browser.get(&format!("/staff/insights.csv{query}")).await;
        assert_eq!(status, 200);
        let from_page = html_tables(&page);
        let from_csv = csv_tables(&csv);
        assert_eq!(from_page, from_csv, "for {query:?}");
        assert!(!from_csv.is_empty());
    }
    let downloads: i64 = app.with_conn(|c| {
        audit_log::table
            .filter(audit_log::action.eq("Downloaded insight figures"))
            .count()
            .get_result(c)
            .unwrap()
    });
    assert_eq!(downloads, 3);
    // Nothing a pupil wrote is in the figures.
    let (_, csv, _) = browser.get("/staff/insights.csv").await;
    assert!(!csv.contains("for the figures test"));
}

#[actix_rt::test]
async fn figures_rebuild_from_stored_reports_when_their_counters_are_missing() {
    let (app, officer) = seeded_app().await;
    let browser = app
        .sign_in(&officer.email, &officer.password)
        .await
        .unwrap();
    app.add_admin();
    let admin = app
        .sign_in("admin@la.example", "admin password 123")
        .await
        .unwrap();
    let (_, before, _) = browser.get("/staff/insights.csv").await;
    let (_, everywhere_before, _) = admin.get("/staff/insights.csv").await;
    assert!(everywhere_before.contains("Every school"));
    // As after the upgrade that brought figures: no counters at all.
    forget_counters(&app);
    let rebuilt = app
        .with(|conn, _| confide::app::insights::rebuild_if_empty(conn))
        .unwrap();
    assert_eq!(rebuilt, 47);
    let (_, after, _) = browser.get("/staff/insights.csv").await;
    assert_eq!(before, after);
    // The whole deployment's weeks, summed school by school, too.
    let (_, everywhere_after, _) = admin.get("/staff/insights.csv").await;
    assert_eq!(everywhere_before, everywhere_after);
}

#[actix_rt::test]
async fn figures_follow_every_later_change_and_match_a_count_made_afresh() {
    use confide::domain::choices::{Outcome, Status};
    use confide::domain::ids::ReportId;
    let (app, officer) = seeded_app().await;
    let browser = app
        .sign_in(&officer.email, &officer.password)
        .await
        .unwrap();
    let oakfield = app.school("oakfield").id;
    // The first page folds every seeded report into its week.
    let (_, page, _) = browser
        .get(&format!("/staff/insights?school={}", oakfield.0))
        .await;
    assert_eq!(acknowledgement(&page, "Acknowledged"), rounded(27));

    // Then the cases move on: the 13 waiting ones are acknowledged, 8 are closed, and one
    // of those is opened again (its outcome counter goes back to nothing).
    let ids: Vec<(String, bool)> = app.with_conn(|c| {
        reports::table
            .filter(reports::school_id.eq(oakfield))
            .order(reports::id)
            .select((reports::id, reports::acknowledged_at.is_not_null()))
            .load(c)
            .unwrap()
    });
    let staff = app.as_staff(&officer);
    let ids: Vec<(ReportId, bool)> = ids
        .into_iter()
        .map(|(id, acknowledged)| (ReportId::parse(&id).unwrap(), acknowledged))
        .collect();
    app.with(|conn, ctx| {
        for (id, acknowledged) in &ids {
            if !acknowledged {
                cases::acknowledge(conn, ctx, &staff, id).unwrap();
            }
        }
        for (id, _) in ids.iter().take(8) {
            cases::set_status(
                conn,
                ctx,
                &staff,
                id,
                Status::Closed,
                Some(Outcome::Resolved),
            )
            .unwrap();
        }
        cases::set_status(conn, ctx, &staff, &ids[0].0, Status::Open, None).unwrap();
    });
    let (_, page, _) = browser
        .get(&format!("/staff/insights?school={}", oakfield.0))
        .await;
    assert_eq!(acknowledgement(&page, "Acknowledged"), rounded(40));
    assert_eq!(acknowledgement(&page, "Not yet acknowledged"), "0");
    assert!(page.contains("Resolved in school"), "the closed cases show");

    // The weeks as folded change by change equal the weeks counted again from the reports.
    let (_, folded, _) = browser.get("/staff/insights.csv").await;
    forget_counters(&app);
    app.with(|conn, _| confide::app::insights::rebuild_if_empty(conn))
        .unwrap();
    let (_, afresh, _) = browser.get("/staff/insights.csv").await;
    assert_eq!(folded, afresh);
    assert!(
        folded.contains(&format!("\"Resolved in school\",\"{}\"", rounded(7))),
        "8 closed, 1 opened again: {folded}"
    );
}

#[actix_rt::test]
async fn a_rebuild_counts_a_report_changed_while_the_counters_were_missing_once() {
    let (app, officer) = seeded_app().await;
    let browser = app
        .sign_in(&officer.email, &officer.password)
        .await
        .unwrap();
    let oakfield = app.school("oakfield").id;
    let page = format!("/staff/insights?school={}", oakfield.0);
    browser.get(&page).await;
    // As just after the migration that reshaped the counters: no weeks, and a case
    // acknowledged since, its change still waiting to be folded.
    app.with_conn(|c| diesel::delete(insight_weeks::table).execute(c).unwrap());
    let waiting: String = app.with_conn(|c| {
        reports::table
            .filter(reports::school_id.eq(oakfield))
            .filter(reports::acknowledged_at.is_null())
            .select(reports::id)
            .first(c)
            .unwrap()
    });
    let staff = app.as_staff(&officer);
    app.with(|conn, ctx| {
        let id = confide::domain::ids::ReportId::parse(&waiting).unwrap();
        cases::acknowledge(conn, ctx, &staff, &id).unwrap();
    });
    let pending: i64 = app.with_conn(|c| insight_changes::table.count().get_result(c).unwrap());
    assert!(pending > 0, "the acknowledgement waits to be folded");

    let counted = app
        .with(|conn, _| confide::app::insights::rebuild_if_empty(conn))
        .unwrap();
    assert_eq!(counted, 47);
    let left: i64 = app.with_conn(|c| insight_changes::table.count().get_result(c).unwrap());
    assert_eq!(
        left, 0,
        "what the changes would move is in the rebuilt weeks"
    );
    let again = app
        .with(|conn, _| confide::app::insights::rebuild_if_empty(conn))
        .unwrap();
    assert_eq!(again, 0, "weeks are there: nothing is counted twice");
    let (_, shown, _) = browser.get(&page).await;
    assert_eq!(acknowledgement(&shown, "Reports"), "40");
    assert_eq!(acknowledgement(&shown, "Acknowledged"), rounded(28));
}

#[actix_rt::test]
async fn two_servers_starting_together_rebuild_the_counters_once() {
    use diesel::connection::SimpleConnection;
    let (app, officer) = seeded_app().await;
    forget_counters(&app);
    // Two `confide serve` processes, each with its own pool: nothing in memory is shared,
    // so only the database can stop them counting twice. A third connection holds the
    // counters' door until both are in, so both find the counters missing: on SQLite
    // the write lock (reads go on, so both pass the first look and wait to write); on
    // PostgreSQL the weeks table itself (both wait to read it).
    let mut door = match &app.config.database {
        confide::config::DatabaseUrl::Sqlite(path) => confide::db::DbConnection::Sqlite(
            diesel::SqliteConnection::establish(&path.to_string_lossy()).unwrap(),
        ),
        confide::config::DatabaseUrl::Postgres(url) => {
            confide::db::DbConnection::Postgresql(diesel::PgConnection::establish(url).unwrap())
        }
    };
    let sqlite = app.config.database.is_sqlite();
    door.batch_execute(if sqlite {
        "PRAGMA busy_timeout = 10000; BEGIN IMMEDIATE"
    } else {
        "BEGIN; LOCK TABLE insight_weeks IN ACCESS EXCLUSIVE MODE"
    })
    .unwrap();
    let mut servers = [app.serve_in_process(), app.serve_in_process()];
    let mut waiting = || -> bool {
        if sqlite {
            // Both have the database open; what follows up to the write is a few reads.
            let path = app.data_dir.path().join("confide.db");
            servers.iter().all(|server| {
                std::fs::read_dir(format!("/proc/{}/fd", server.id()))
                    .into_iter()
                    .flatten()
                    .flatten()
                    .any(|fd| std::fs::read_link(fd.path()).is_ok_and(|to| to == path))
            })
        } else {
            #[derive(QueryableByName)]
            struct Waiting {
                #[diesel(sql_type = diesel::sql_types::BigInt)]
                n: i64,
            }
            let Waiting { n } = diesel::sql_query(
                "SELECT count(*) AS n FROM pg_locks \
                 WHERE NOT granted AND relation = 'insight_weeks'::regclass",
            )
            .get_result(&mut door)
            .unwrap();
            n == 2
        }
    };
    let mut tries = 0;
    while !waiting() {
        tries += 1;
        assert!(tries < 300, "the servers never reached the counters");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    if sqlite {
        // Well within the 10 s either waits for the write lock.
        std::thread::sleep(std::time::Duration::from_secs(2));
    }
    door.batch_execute("COMMIT").unwrap();

    let counted: Vec<usize> = servers
        .iter_mut()
        .map(|server| {
            let log = server
                .wait_for("Confide is listening")
                .unwrap_or_else(|e| panic!("a server did not start: {e}"));
            log.lines()
                .filter(|l| l.contains("insight figures rebuilt"))
                .filter_map(|l| l.split("counted=").nth(1))
                .map(|n| {
                    n.split_whitespace()
                        .next()
                        .unwrap()
                        .parse::<usize>()
                        .unwrap()
                })
                .sum()
        })
        .collect();
    assert_eq!(counted.iter().sum::<usize>(), 47, "{counted:?}");
    assert!(counted.contains(&0), "both rebuilt: {counted:?}");
    let browser = app
        .sign_in(&officer.email, &officer.password)
        .await
        .unwrap();
    let (_, page, _) = browser
        .get(&format!(
            "/staff/insights?school={}",
            app.school("oakfield").id.0
        ))
        .await;
    assert_eq!(acknowledgement(&page, "Reports"), "40");
}
