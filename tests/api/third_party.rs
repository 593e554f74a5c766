//! No pupil page makes the browser fetch or send anything to another site: a third party
//! that served a font or a picture would learn who read about knife crime, and when.
//! Links to other sites (helplines, the exit page) are signposts a pupil chooses to follow.

use std::collections::{BTreeSet, VecDeque};

use url::Url;

use crate::helpers::{spawn_app, TestApp};
use crate::page_urls::{self, Found, Use};

/// Why `found`, on a page or stylesheet at `base`, would reach past the site; `None` when
/// it stays.
fn leaves_the_site(base: &Url, own: &[Url], found: &Found) -> Option<String> {
    let problem = |why: &str| Some(format!("{} {:?} {why}", found.place, found.url));
    // Resolved as a browser does: white space trimmed, tabs and newlines dropped,
    // backslashes read as slashes, `//host` taking the page's scheme.
    let Ok(url) = base.join(&found.url) else {
        return problem("is not a URL");
    };
    let ours = own.iter().any(|o| o.origin() == url.origin());
    match (url.scheme(), found.what) {
        ("http" | "https", _) if ours => None,
        ("http" | "https", Use::Link) => None,
        ("http" | "https", Use::Fetch) => problem("loads from another site"),
        ("mailto" | "tel", Use::Link) => None,
        ("mailto" | "tel", Use::Fetch) => problem("is a signpost used as a load"),
        // Inline data: nothing leaves the browser.
        ("data", Use::Fetch) => None,
        _ => problem("has a scheme no pupil page needs"),
    }
}

/// Every pupil page of the test app with the demo schools, as (what it is, path, HTML):
/// every page reachable by links from the home page and each school's page, the report
/// form's answers (a mistake, the "in danger now" step, the receipt), the follow-up
/// pages with a reply from staff, and the "not found" page.
async fn pupil_pages(app: &TestApp) -> Vec<(String, String, String)> {
    let mut pages = Vec::new();
    let mut queue: VecDeque<String> = ["/", "/report", "/followup", "/schools?q=oak"]
        .into_iter()
        .map(str::to_owned)
        .chain(app.schools.keys().map(|slug| format!("/s/{slug}")))
        .collect();
    let mut seen: BTreeSet<String> = queue.iter().cloned().collect();
    while let Some(path) = queue.pop_front() {
        let (status, html) = app.get_text(&path).await;
        assert_eq!(status, 200, "{path}");
        let base = Url::parse(&app.url(&path)).unwrap();
        for found in page_urls::in_html(&html) {
            let Some(next) = pupil_page_linked(app, &base, &found) else {
                continue;
            };
            if seen.insert(next.clone()) {
                // About 50 pages in each of the ten languages.
                assert!(seen.len() < 1_000, "the crawl does not end");
                queue.push_back(next);
            }
        }
        pages.push((format!("GET {path}"), path, html));
    }

    let (status, html) = app.get_text("/no-such-page").await;
    assert_eq!(status, 404);
    pages.push(("the 404 page".into(), "/no-such-page".into(), html));

    let form = "/s/oakfield/report";
    for (what, expected, fields) in [
        ("a report with a mistake", 400, vec![("what", "")]),
        (
            "the \"in danger now\" step",
            200,
            vec![
                ("category", "bullying"),
                ("location", "playground"),
                ("happening_now", "yes"),
                ("about", "no"),
                ("what", "They are waiting for me outside."),
            ],
        ),
    ] {
        let (status, html) = app.post_form(form, &fields).await;
        assert_eq!(status, expected, "{what}");
        pages.push((what.into(), form.into(), html));
    }
    // Someone to receive the report, so that the pupil's conversation holds a reply.
    let officer = app.add_staff(
        "officer@police.example",
        "oakfield",
        confide::domain::choices::Role::SspOfficer,
    );
    let (status, html) = app
        .post_form(
            form,
            &[
                ("category", "bullying"),
                ("location", "playground"),
                ("happening_now", "no"),
                ("about", "no"),
                ("what", "Someone keeps taking my lunch."),
            ],
        )
        .await;
    assert_eq!(status, 200, "the report was not sent");
    let code = crate::helpers::receipt_from(&html);
    pages.push(("the receipt".into(), form.into(), html));

    let id = app.report_id_for(&code);
    let staff = app.signed_in(&officer).await;
    staff
        .reply(&id, "Thank you. See https://www.childline.org.uk too.")
        .await;
    for (what, path, fields) in [
        (
            "a wrong receipt code",
            "/followup",
            vec![("code", "AAAA-AAAA-AAAA-AAAA-AAAA")],
        ),
        ("the conversation", "/followup", vec![("code", &code)]),
        (
            "a message added",
            "/followup/message",
            vec![("code", &code), ("message", "It happened again today.")],
        ),
    ] {
        let (_, html) = app.post_form(path, &fields).await;
        pages.push((what.into(), path.into(), html));
    }
    pages
}

/// The path of a pupil page a link leads to: on this site, not a file, not staff.
fn pupil_page_linked(app: &TestApp, base: &Url, found: &Found) -> Option<String> {
    if found.what != Use::Link {
        return None;
    }
    let url = base.join(&found.url).ok()?;
    let own = Url::parse(&app.address).unwrap();
    let last = url.path().rsplit('/').next().unwrap_or_default();
    if url.origin() != own.origin()
        || url.path().starts_with("/static/")
        || url.path().starts_with("/staff")
        || last.contains('.')
    {
        return None;
    }
    Some(match url.query() {
        Some(query) => format!("{}?{query}", url.path()),
        None => url.path().to_owned(),
    })
}

#[actix_rt::test]
async fn pupil_pages_load_nothing_from_other_sites() {
    let app = spawn_app().await;
    let own = [
        Url::parse(&app.address).unwrap(),
        Url::parse(&app.config.public_url).unwrap(),
    ];
    let pages = pupil_pages(&app).await;
    let mut problems = Vec::new();
    let mut stylesheets = BTreeSet::new();
    let (mut fetches, mut signposts) = (0, 0);
    for (what, path, html) in &pages {
        let base = Url::parse(&app.url(path)).unwrap();
        for found in page_urls::in_html(html) {
            match leaves_the_site(&base, &own, &found) {
                Some(problem) => problems.push(format!("{what}: {problem}")),
                None => match found.what {
                    Use::Fetch => fetches += 1,
                    Use::Link => signposts += 1,
                },
            }
            if let Ok(url) = base.join(&found.url) {
                if url.path().ends_with(".css") {
                    stylesheets.insert(url);
                }
            }
        }
    }
    let mut css_urls = 0;
    for sheet in &stylesheets {
        let mut res = app.client.get(sheet.as_str()).send().await.unwrap();
        assert_eq!(res.status().as_u16(), 200, "{sheet}");
        let css = res.body().limit(10_000_000).await.unwrap();
        for url in page_urls::in_css(&String::from_utf8_lossy(&css)) {
            css_urls += 1;
            let found = Found {
                place: "stylesheet url()".into(),
                url,
                what: Use::Fetch,
            };
            if let Some(problem) = leaves_the_site(sheet, &own, &found) {
                problems.push(format!("{sheet}: {problem}"));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    // The check saw what it guards: every kind of page, the site's own loads and
    // stylesheets, and links out to other sites that it let through as signposts.
    assert!(pages.len() > 40, "only {} pages", pages.len());
    assert!(
        !stylesheets.is_empty() && css_urls > 0,
        "no stylesheet read"
    );
    assert!(
        fetches > 100 && signposts > 100,
        "{fetches} loads, {signposts} links"
    );
}
