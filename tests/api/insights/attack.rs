//! Finding 4 of the outside security test, played as the attacker: small counts seeded in
//! two schools, every page and CSV a head teacher, an officer and an administrator can
//! fetch, and then every way of working a count from 1 to 4 out of what is published.
//!
//! Each published figure becomes a range of what it could be, read by the rule the page
//! states ("fewer than 5" is 1 to 4; a rounded 10 is 8 to 12, an exact 10 is 10).
//! Figures that name the same thing (the same scope, weeks and measure) on different
//! pages are one unknown. Sum relations come from every table (rows and columns add up to
//! their totals; reports are acknowledged or not; acknowledged in time or late; urgent
//! within the hour or not; outcomes and referrals add up to theirs) and from the scopes
//! (both schools together are Oakfield plus Riverside). Then:
//! (a) differencing: a relation whose total and every part but one are shown as plain
//!     numbers gives the last part as a difference; one from 1 to 4 is a derivation;
//! (b) interval reasoning: ranges are narrowed through every relation until nothing
//!     moves; a count pinned to one value from 1 to 4 is a derivation;
//! (c) a median or 90th percentile shown over fewer than 20 acknowledged reports.

use std::collections::{BTreeSet, HashMap};

use confide::app::{cases, pupil, Context};
use confide::domain::choices::Category::{Bullying, DrugsAlcohol, Hate, OnlineBullying, Weapons};
use confide::domain::choices::Location::{
    Elsewhere, Journey, NearSchool, Online, Playground, Toilets,
};
use confide::domain::choices::{About, Category, Location, Role};
use confide::domain::report::{Details, ValidReport};
use confide::domain::school::SchoolSlug;
use confide::time::Clock;

use super::{csv_tables, html_tables};
use crate::helpers::{spawn_app, StaffBrowser, TestApp};

/// (school, category, location, how many, acknowledged now, days ago sent). The first of
/// each line is urgent. Acknowledging now a report sent days ago makes it late.
const ATTACK_SEED: &[(&str, Category, Location, usize, bool, i64)] = &[
    (OAK, Bullying, Playground, 9, true, 0),
    (OAK, Bullying, Toilets, 6, true, 0),
    (OAK, OnlineBullying, Online, 8, true, 0),
    (OAK, OnlineBullying, Toilets, 2, false, 0),
    (OAK, Weapons, Journey, 3, true, 0),
    (OAK, Hate, Playground, 1, false, 0),
    (OAK, Category::Other, Elsewhere, 5, true, 0),
    (OAK, Bullying, Playground, 5, false, 8),
    (OAK, Hate, Online, 2, true, 8),
    (RIVER, DrugsAlcohol, NearSchool, 7, true, 0),
    (RIVER, Hate, Online, 4, false, 0),
    // 4 and 4 at one place: a total of 8, rounded to 10 (8 to 12), would pin both at 4.
    (RIVER, OnlineBullying, Online, 4, true, 0),
    (RIVER, Bullying, Playground, 1, true, 0),
];
const OAK: &str = "oakfield";
const RIVER: &str = "riverside";

fn seed_attack(app: &TestApp, officer: &crate::helpers::Staff) {
    let staff = app.as_staff(officer);
    for (school, category, location, n, acknowledge, days_ago) in ATTACK_SEED {
        let then = Clock::system();
        then.advance(-days_ago * 86_400);
        let sent_then = Context {
            clock: then,
            ..app.ctx.clone()
        };
        for i in 0..*n {
            let mut details = Details::default();
            details.what = format!("Report {i} for the attacker test");
            let report = ValidReport {
                category: *category,
                location: *location,
                happening_now: i == 0,
                about: About::NoStaff,
                details,
            };
            let slug = SchoolSlug::parse(school).unwrap();
            let sent = app.with(|conn, _| pupil::submit(conn, &sent_then, &slug, &report, &[]));
            let sent = sent.unwrap();
            if *acknowledge {
                app.with(|conn, ctx| cases::acknowledge(conn, ctx, &staff, &sent.report_id))
                    .unwrap();
            }
        }
    }
}

const INF: i64 = 1 << 40;

/// A published figure as a range, by the rule the page states.
fn range_of(text: &str, rounded: bool) -> Option<(i64, i64)> {
    match text {
        "fewer than 5" => Some((1, 4)),
        "hidden" if rounded => Some((0, INF)),
        "hidden" => Some((5, INF)),
        _ => {
            let n: i64 = text.parse().ok()?;
            Some(if rounded && n > 0 {
                ((n - 2).max(5), n + 2)
            } else {
                (n, n)
            })
        }
    }
}

/// (scope, weeks, measure): one unknown, wherever it is published.
type Key = (String, String, String);

#[derive(Default)]
struct Model {
    index: HashMap<Key, usize>,
    keys: Vec<Key>,
    bounds: Vec<(i64, i64)>,
    /// The figure as a plain number, when a page shows it as one.
    number: Vec<Option<i64>>,
    relations: BTreeSet<(usize, Vec<usize>)>,
    /// Medians or percentiles shown over fewer than 20 acknowledged reports.
    thin_percentiles: Vec<String>,
    /// Figures shown as "hidden", on every page together.
    hidden: usize,
}

impl Model {
    fn unknown(&mut self, key: Key) -> usize {
        if let Some(&i) = self.index.get(&key) {
            return i;
        }
        self.index.insert(key.clone(), self.keys.len());
        self.keys.push(key);
        self.bounds.push((0, INF));
        self.number.push(None);
        self.keys.len() - 1
    }

    fn shown(&mut self, key: Key, text: &str, rounded: bool) -> usize {
        let i = self.unknown(key);
        self.hidden += usize::from(text == "hidden");
        let (lo, hi) = range_of(text, rounded).unwrap_or_else(|| panic!("figure {text:?}"));
        let b = &mut self.bounds[i];
        *b = (b.0.max(lo), b.1.min(hi));
        if let Ok(n) = text.parse::<i64>() {
            self.number[i].get_or_insert(n);
        }
        i
    }

    fn relate(&mut self, total: usize, mut parts: Vec<usize>) {
        parts.sort_unstable();
        if parts != [total] {
            self.relations.insert((total, parts));
        }
    }

    /// (a): a relation with every figure but one shown as a number gives that one.
    fn differences(&self) -> Vec<String> {
        let mut found = Vec::new();
        for (total, parts) in &self.relations {
            let all: Vec<usize> = std::iter::once(*total)
                .chain(parts.iter().copied())
                .collect();
            let missing: Vec<usize> = all
                .iter()
                .copied()
                .filter(|i| self.number[*i].is_none())
                .collect();
            let [gap] = missing[..] else { continue };
            let n = |i: usize| self.number[i].unwrap();
            let value = if gap == *total {
                parts.iter().map(|p| n(*p)).sum::<i64>()
            } else {
                n(*total)
                    - parts
                        .iter()
                        .filter(|p| **p != gap)
                        .map(|p| n(*p))
                        .sum::<i64>()
            };
            if (1..5).contains(&value) {
                found.push(format!("{:?} = {value}", self.keys[gap]));
            }
        }
        found
    }

    /// (b): narrows every range through every relation until nothing moves; the counts
    /// from 1 to 4 left with a single value.
    fn pinned(&mut self) -> Vec<String> {
        let relations: Vec<(usize, Vec<usize>)> = self.relations.iter().cloned().collect();
        let sum = |v: &mut dyn Iterator<Item = i64>| v.fold(0i64, |a, x| (a + x).min(INF));
        for _ in 0..1_000 {
            let before = self.bounds.clone();
            for (total, parts) in &relations {
                let b = &mut self.bounds;
                let lo = sum(&mut parts.iter().map(|p| b[*p].0));
                let hi = sum(&mut parts.iter().map(|p| b[*p].1));
                b[*total] = (b[*total].0.max(lo), b[*total].1.min(hi));
                let (t_lo, t_hi) = b[*total];
                for p in parts {
                    let others_hi = sum(&mut parts.iter().filter(|q| *q != p).map(|q| b[*q].1));
                    let others_lo = sum(&mut parts.iter().filter(|q| *q != p).map(|q| b[*q].0));
                    let mut new = b[*p];
                    if others_hi < INF {
                        new.0 = new.0.max(t_lo - others_hi);
                    }
                    if t_hi < INF {
                        new.1 = new.1.min(t_hi - others_lo);
                    }
                    b[*p] = new;
                }
            }
            for (i, (lo, hi)) in self.bounds.iter().enumerate() {
                assert!(
                    lo <= hi,
                    "no value fits {:?}: the model is wrong",
                    self.keys[i]
                );
            }
            if self.bounds == before {
                break;
            }
        }
        self.bounds
            .iter()
            .enumerate()
            .filter(|(_, (lo, hi))| lo == hi && (1..5).contains(lo))
            .map(|(i, (lo, _))| format!("{:?} = {lo}", self.keys[i]))
            .collect()
    }
}

fn scope_key(label: &str) -> String {
    match label {
        "Oakfield Academy" => "oakfield",
        "Riverside High School" => "riverside",
        "Your 2 schools" | "Every school" => "all",
        other => panic!("unknown scope {other}"),
    }
    .to_owned()
}

/// Every table of one download into the model. `page` names the download, for columns
/// that fold several kinds together (what is in them may differ from page to page).
fn read_download(model: &mut Model, page: &str, csv: &str, rounded: bool) {
    let title = csv.split("\r\n").next().unwrap().trim_matches('"');
    let (scope, period) = title.rsplit_once(", ").unwrap();
    let scope = scope_key(scope);
    let key = |range: &str, what: String| (scope.clone(), range.to_owned(), what);
    for (caption, rows) in csv_tables(csv) {
        let head = &rows[0];
        let body = &rows[1..];
        if caption.starts_with("Reports by") || caption.starts_with("Hotspots") {
            let time = caption.starts_with("Reports by");
            let kind = |j: usize| {
                if head[j].starts_with("Other kinds") {
                    format!("{}@{page}", head[j])
                } else {
                    head[j].clone()
                }
            };
            // Where the row's figures are: (weeks, place).
            let at = |label: &str| -> (String, String) {
                match (label, time) {
                    ("Total", _) => (period.to_owned(), "*".to_owned()),
                    (l, true) => (l.to_owned(), "*".to_owned()),
                    (l, false) => (period.to_owned(), l.to_owned()),
                }
            };
            let mut grid = Vec::new();
            for row in body {
                let (weeks, place) = at(&row[0]);
                let ids: Vec<usize> = (1..row.len())
                    .map(|j| {
                        model.shown(
                            key(&weeks, format!("{place}|{}", kind(j))),
                            &row[j],
                            rounded,
                        )
                    })
                    .collect();
                let (total, parts) = ids.split_last().unwrap();
                model.relate(*total, parts.to_vec());
                grid.push(ids);
            }
            let (totals, inner) = grid.split_last().unwrap();
            for (j, total) in totals.iter().enumerate() {
                model.relate(*total, inner.iter().map(|r| r[j]).collect());
            }
        } else if caption.starts_with("How quickly") {
            read_acknowledgement(model, (&scope, period), body, rounded);
        } else if caption.starts_with("How closed") || caption.starts_with("Referrals") {
            // The misuse rate: misuse of the closed, and misuse is false plus unfounded.
            let (misuse, body): (Vec<_>, Vec<_>) =
                body.iter().partition(|r| r[0].starts_with("Misuse rate"));
            if let Some(row) = misuse.first() {
                let inner = row[1]
                    .split_once("% (")
                    .map_or(row[1].as_str(), |(_, rest)| rest.trim_end_matches(')'));
                let (part, whole) = inner.split_once(" of ").unwrap();
                let name = |what: &str| key(period, format!("{caption}|{what}"));
                let misuse = model.shown(name("misuse"), part, rounded);
                model.shown(name("Total"), whole, rounded);
                let parts = [
                    "False or prank report",
                    "Unfounded: looked into, nothing found",
                ]
                .map(|o| model.unknown(name(o)))
                .to_vec();
                model.relate(misuse, parts);
            }
            let ids: Vec<usize> = body
                .iter()
                .map(|row| {
                    let what = if row[0].ends_with(" in all") {
                        format!("{caption}|Total")
                    } else {
                        format!("{caption}|{}", row[0])
                    };
                    model.shown(key(period, what), &row[1], rounded)
                })
                .collect();
            let (total, parts) = ids.split_last().unwrap();
            model.relate(*total, parts.to_vec());
        }
    }
}

/// The acknowledgement table of one download: its figures, the sums between them, and
/// whether a median or percentile is shown over fewer than 20 acknowledged reports.
fn read_acknowledgement(
    model: &mut Model,
    (scope, period): (&str, &str),
    body: &[Vec<String>],
    rounded: bool,
) {
    let key = |range: &str, what: String| (scope.to_owned(), range.to_owned(), what);
    let mut ids = HashMap::new();
    for row in body {
        let (label, figure) = (row[0].as_str(), row[1].as_str());
        let parts = || -> (String, String) {
            let inner = figure
                .split_once("% (")
                .map_or(figure, |(_, rest)| rest.trim_end_matches(')'));
            let (a, b) = inner.split_once(" of ").unwrap();
            (a.to_owned(), b.to_owned())
        };
        let mut put = |name: &str, text: &str| {
            let i = model.shown(key(period, name.to_owned()), text, rounded);
            ids.insert(name.to_owned(), i);
        };
        match label {
            "Reports" => put("*|Total", figure),
            "Acknowledged" => put("acknowledged", figure),
            "Not yet acknowledged" => put("waiting", figure),
            l if l.starts_with("Incidents") => put("incidents", figure),
            l if l.starts_with("Acknowledged within") => {
                let (a, b) = parts();
                put("in_target", &a);
                put("acknowledged", &b);
            }
            l if l.starts_with("Urgent reports") => {
                let (a, b) = parts();
                put("urgent_in_hour", &a);
                put("urgent", &b);
            }
            _ => {}
        }
    }
    let acknowledged_shown = body
        .iter()
        .find(|r| r[0] == "Acknowledged")
        .map(|r| r[1].clone())
        .unwrap();
    for row in body
        .iter()
        .filter(|r| r[0].contains("percentile") || r[0].starts_with("Median"))
    {
        let at_least_20 = acknowledged_shown.parse::<i64>().is_ok_and(|n| n >= 20);
        if !row[1].starts_with("not shown") && !at_least_20 {
            model.thin_percentiles.push(format!(
                "{scope}, {period}: {} {} over {acknowledged_shown} acknowledged",
                row[0], row[1]
            ));
        }
    }
    let late = model.unknown(key(period, "late".to_owned()));
    let urgent_other = model.unknown(key(period, "urgent_other".to_owned()));
    model.relate(ids["*|Total"], vec![ids["acknowledged"], ids["waiting"]]);
    // Reports are the incidents and the reports linked into another's incident.
    let linked_on = model.unknown(key(period, "linked_on".to_owned()));
    model.relate(ids["*|Total"], vec![ids["incidents"], linked_on]);
    model.relate(ids["acknowledged"], vec![ids["in_target"], late]);
    model.relate(ids["urgent"], vec![ids["urgent_in_hour"], urgent_other]);
}

/// Both schools together are Oakfield and Riverside: for every figure of theirs.
fn relate_scopes(model: &mut Model) {
    let together: Vec<Key> = model
        .keys
        .iter()
        .filter(|(scope, _, what)| scope == "all" && !what.contains('@'))
        .cloned()
        .collect();
    for (scope, weeks, what) in together {
        let total = model.index[&(scope, weeks.clone(), what.clone())];
        let parts = ["oakfield", "riverside"]
            .iter()
            .map(|school| model.unknown((school.to_string(), weeks.clone(), what.clone())))
            .collect();
        model.relate(total, parts);
    }
}

/// Every page and CSV this person can fetch: each school option the page offers, every
/// period, by week and by term. Checks the CSV holds the page's tables.
async fn fetch_everything(browser: &StaffBrowser<'_>, model: &mut Model, who: &str) -> usize {
    let (_, page, _) = browser.get("/staff/insights").await;
    let schools: Vec<String> = page
        .split("<option value=\"")
        .skip(1)
        .map(|o| o.split('"').next().unwrap().to_owned())
        .filter(|v| v.is_empty() || v.chars().all(|c| c.is_ascii_digit()))
        .collect();
    let mut fetched = 0;
    for school in &schools {
        for period in ["this_term", "last_term", "this_year", "last_year"] {
            for by in ["week", "term"] {
                let query = format!("school={school}&period={period}&by={by}");
                let (status, page, _) = browser.get(&format!("/staff/insights?{query}")).await;
                assert_eq!(status, 200, "{who} {query}");
                let (status, csv, _) = browser.get(&format!("/staff/insights.csv?{query}")).await;
                assert_eq!(status, 200, "{who} {query}");
                assert_eq!(html_tables(&page), csv_tables(&csv), "{who} {query}");
                let rounded = page.contains("rounded to the nearest 5");
                read_download(model, &format!("{who}:{query}"), &csv, rounded);
                fetched += 1;
            }
        }
    }
    fetched
}

#[actix_rt::test]
async fn insights_attacker_of_finding_4_derives_no_count_from_1_to_4() {
    let app = spawn_app().await;
    let officer = app.add_staff("officer@police.example", "oakfield", Role::SspOfficer);
    app.add_staff("officer@police.example", "riverside", Role::SspOfficer);
    let head = app.add_staff("head@oakfield.example", "oakfield", Role::HeadTeacher);
    app.add_admin();
    seed_attack(&app, &officer);

    let mut model = Model::default();
    let mut fetched = 0;
    for (email, password) in [
        (head.email.as_str(), head.password.as_str()),
        (officer.email.as_str(), officer.password.as_str()),
        ("admin@la.example", "admin password 123"),
    ] {
        let browser = app.sign_in(email, password).await.unwrap();
        fetched += fetch_everything(&browser, &mut model, email).await;
    }
    relate_scopes(&mut model);
    let differences = model.differences();
    let pinned = model.pinned();
    let thin = model.thin_percentiles.clone();
    println!(
        "attacker: {fetched} pages and as many CSVs, {} figures ({} shown as hidden), {} relations: \
         (a) {} differences, (b) {} counts pinned, (c) {} thin percentiles",
        model.keys.len(),
        model.hidden,
        model.relations.len(),
        differences.len(),
        pinned.len(),
        thin.len()
    );
    for line in differences.iter().chain(&pinned).chain(&thin).take(40) {
        println!("  {line}");
    }
    assert_eq!(fetched, 2 * 8 + 3 * 8 + 3 * 8);
    assert!(
        differences.is_empty() && pinned.is_empty() && thin.is_empty(),
        "small counts can be worked out: {} by differencing, {} by interval reasoning, {} percentiles over fewer than 20",
        differences.len(),
        pinned.len(),
        thin.len()
    );
}
