//! Pupil pages in other languages: the language is the first part of the path and every
//! link, form and page keeps it; no cookie; the browser's language is only offered;
//! right to left where the language is; the language of a report is sealed with it.
//! The languages here are the pseudo-translations in tests/fixtures/locales (Polish and
//! Urdu), so the tests hold before and after the real translations land.

use confide::domain::choices::Role;
use diesel::connection::SimpleConnection;

use crate::helpers::{captured_log, spawn_app_with, TestApp};

fn fixtures() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/locales")
}

async fn app_with_languages() -> TestApp {
    spawn_app_with(|c| c.locales_dir = Some(fixtures())).await
}

/// "Report something" as the Polish pseudo-translation has it.
const PL_REPORT: &str = "Ŕéþóŕť šóɱéťĥíñğ";

/// Every site address a page links to or posts to (not static files, not other sites).
fn site_paths(page: &str) -> Vec<String> {
    let mut out = Vec::new();
    for attr in ["href=\"", "action=\""] {
        for piece in page.split(attr).skip(1) {
            let target = piece.split('"').next().unwrap_or_default();
            if target.starts_with('/') && !target.starts_with("/static/") {
                out.push(target.to_owned());
            }
        }
    }
    out
}

/// Links to the same page in another language (the menu, the offer) are meant to leave it.
fn is_language_link(page: &str, target: &str) -> bool {
    page.contains(&format!("href=\"{target}\" hreflang="))
}

#[actix_rt::test]
async fn every_link_and_form_of_a_polish_page_stays_in_polish_and_sets_no_cookie() {
    let app = app_with_languages().await;
    for path in [
        "/pl/",
        "/pl",
        "/pl/topics/bullying",
        "/pl/safety",
        "/pl/report",
        "/pl/schools?q=oak",
        "/pl/s/oakfield",
        "/pl/s/oakfield/topics/gangs",
        "/pl/s/oakfield/report",
        "/pl/followup",
    ] {
        let res = app.client.get(app.url(path)).send().await.unwrap();
        assert_eq!(res.status().as_u16(), 200, "{path}");
        assert!(
            res.headers().get("set-cookie").is_none(),
            "{path} sets a cookie"
        );
        let (_, page) = app.get_text(path).await;
        assert!(page.contains("<html lang=\"pl\" dir=\"ltr\""), "{path}");
        assert!(page.contains(PL_REPORT), "{path} is not in Polish");
        for target in site_paths(&page) {
            assert!(
                target.starts_with("/pl/") || is_language_link(&page, &target),
                "{path} links to {target}"
            );
        }
    }
}

#[actix_rt::test]
async fn english_pages_link_in_english_and_the_menu_names_each_language_in_itself() {
    let app = app_with_languages().await;
    let (_, page) = app.get_text("/s/oakfield/report").await;
    assert!(page.contains("<html lang=\"en-GB\" dir=\"ltr\""));
    assert!(page.contains(
        "<a class=\"govuk-language-navigation__link\" href=\"/pl/s/oakfield/report\" hreflang=\"pl\" lang=\"pl\" dir=\"ltr\">Polski</a>"
    ), "{page}");
    assert!(page.contains(
        "href=\"/ur/s/oakfield/report\" hreflang=\"ur\" lang=\"ur\" dir=\"rtl\">اردو</a>"
    ));
    assert!(page.contains("aria-current=\"true\" lang=\"en-GB\" dir=\"ltr\">English</span>"));
    for target in site_paths(&page) {
        assert!(
            !target.starts_with("/pl") || is_language_link(&page, &target),
            "{target}"
        );
    }
    assert!(page.contains("action=\"/s/oakfield/report\""));
}

#[actix_rt::test]
async fn the_browsers_language_is_offered_in_a_line_never_by_redirect() {
    let app = app_with_languages().await;
    for (path, offered) in [
        ("/", "/pl/"),
        ("/topics/bullying", "/pl/topics/bullying"),
        ("/s/oakfield", "/pl/s/oakfield"),
    ] {
        let mut res = app
            .client
            .get(app.url(path))
            .insert_header(("Accept-Language", "pl-PL,pl;q=0.9,en;q=0.5"))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status().as_u16(), 200, "{path}");
        assert!(res.headers().get("location").is_none());
        let vary = res
            .headers()
            .get("vary")
            .unwrap()
            .to_str()
            .unwrap()
            .to_owned();
        assert!(vary.contains("Accept-Language"), "{path}: {vary}");
        let page = crate::helpers::shown(&res.body().limit(1_000_000).await.unwrap());
        assert!(
            page.contains("<html lang=\"en-GB\""),
            "{path} changed language"
        );
        let offer = format!(
            "<p class=\"govuk-body confide-offer\" lang=\"pl\" dir=\"ltr\"><a class=\"govuk-link\" href=\"{offered}\" hreflang=\"pl\">"
        );
        assert!(page.contains(&offer), "{path}: no offer of Polish");
        // Without the header, or asking for the page's own language, no offer.
        let (_, plain) = app.get_text(path).await;
        assert!(!plain.contains("confide-offer"), "{path}");
    }
    let mut res = app
        .client
        .get(app.url("/pl/"))
        .insert_header(("Accept-Language", "pl"))
        .send()
        .await
        .unwrap();
    let page = String::from_utf8_lossy(&res.body().await.unwrap()).into_owned();
    assert!(!page.contains("confide-offer"));
    // Only languages with a catalogue are offered.
    if let Some(code) = without_catalogue() {
        let mut res = app
            .client
            .get(app.url("/"))
            .insert_header(("Accept-Language", code.as_str()))
            .send()
            .await
            .unwrap();
        let page = String::from_utf8_lossy(&res.body().await.unwrap()).into_owned();
        assert!(!page.contains("confide-offer"));
    }
}

/// A language with no catalogue built in or among the test's, while there is one.
fn without_catalogue() -> Option<String> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    confide::domain::language::Language::ALL
        .iter()
        .map(|l| l.code().to_owned())
        .find(|code| {
            !root.join("locales").join(code).join("pupil.ftl").is_file()
                && !fixtures().join(code).join("pupil.ftl").is_file()
        })
}

#[actix_rt::test]
async fn a_language_without_a_catalogue_or_an_unknown_one_is_not_found() {
    let app = app_with_languages().await;
    let mut paths = vec![
        "/de/".to_owned(),
        "/en-GB/".to_owned(),
        "/xx/report".to_owned(),
    ];
    if let Some(code) = without_catalogue() {
        paths.push(format!("/{code}/"));
        paths.push(format!("/{code}/s/oakfield/report"));
    }
    for path in paths {
        let (status, _) = app.get_text(&path).await;
        assert_eq!(status, 404, "{path}");
    }
    let (status, page) = app.get_text("/pl/no-such-page").await;
    assert_eq!(status, 404);
    assert!(
        page.contains("<html lang=\"pl\""),
        "the error page is in Polish"
    );
    assert!(page.contains("href=\"/pl/\""));
}

#[actix_rt::test]
async fn urdu_pages_read_right_to_left_with_codes_and_numbers_left_to_right() {
    let app = app_with_languages().await;
    let (_, home) = app.get_text("/ur/").await;
    assert!(home.contains("<html lang=\"ur\" dir=\"rtl\""));
    assert!(home.contains("href=\"tel:999\" dir=\"ltr\">999</a>"));
    assert!(home.contains("href=\"tel:08001111\" dir=\"ltr\">0800 1111</a>"));
    let form = [
        ("category", "bullying"),
        ("location", "online"),
        ("happening_now", "no"),
        ("about", "no"),
        ("what", "کوئی مجھے تنگ کرتا ہے"),
    ];
    let (status, receipt) = app.post_form("/ur/s/oakfield/report", &form).await;
    assert_eq!(status, 200, "{receipt}");
    assert!(receipt.contains("<html lang=\"ur\" dir=\"rtl\""));
    assert!(receipt.contains("<p class=\"confide-receipt-code\" dir=\"ltr\""));
}

#[actix_rt::test]
async fn values_put_into_sentences_are_isolated_so_they_never_jumble_the_words_around() {
    let app = app_with_languages().await;
    let res = app.client.get(app.url("/ur/s/oakfield")).send().await;
    let page = String::from_utf8_lossy(&res.unwrap().body().await.unwrap()).into_owned();
    assert!(page.contains("\u{2068}Oakfield Academy\u{2069}"), "{page}");
}

#[actix_rt::test]
async fn a_polish_report_shows_polish_to_staff_and_the_database_holds_no_clear_language() {
    let app = app_with_languages().await;
    let officer = app.add_staff("officer@police.example", "oakfield", Role::SspOfficer);
    let form = [
        ("category", "bullying"),
        ("location", "playground"),
        ("happening_now", "no"),
        ("about", "no"),
        ("what", "Ktoś mnie popycha na przerwie."),
    ];
    let (status, page) = app.post_form("/pl/s/oakfield/report", &form).await;
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("<html lang=\"pl\""));
    let code = code_on(&page);
    // Follow-up in Polish, with the code.
    let (_, conversation) = app.post_form("/pl/followup", &[("code", &code)]).await;
    assert!(conversation.contains("<html lang=\"pl\""));
    assert!(conversation.contains("action=\"/pl/followup/message\""));
    // Dates in numbers, left to right: no English month name on a Polish page.
    assert!(
        conversation.contains("<bdi dir=\"ltr\">20"),
        "{conversation}"
    );
    for month in [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ] {
        assert!(!conversation.contains(month), "{month}");
    }

    let id = app.report_id_for(&code);
    let staff = app
        .sign_in(&officer.email, &officer.password)
        .await
        .unwrap();
    let (_, case, _) = staff.get(&format!("/staff/reports/{id}")).await;
    assert!(
        case.contains("Language the pupil used: <strong>Polish</strong>"),
        "{case}"
    );
    assert!(case.contains("An interpreter may be needed"));
    // An English report says English, and needs no interpreter line.
    let english = app.send_report("oakfield", &[]).await;
    let english_id = app.report_id_for(&english);
    let (_, case, _) = staff.get(&format!("/staff/reports/{english_id}")).await;
    assert!(case.contains("Language the pupil used: <strong>English</strong>"));
    assert!(!case.contains("An interpreter may be needed"));

    // No clear-text language anywhere the database keeps its data.
    if crate::helpers::postgres_base_url().is_some() {
        app.with_conn(|c| c.batch_execute("CHECKPOINT").unwrap());
    }
    let mut scanned = 0;
    // SQLite's file holds only Confide's data, so even the bare words must be absent. A
    // PostgreSQL cluster also holds its own catalogues (collation notes name "Polish"),
    // shared by every test, so there the marks a stored language would leave are sought.
    let (dir, needles): (std::path::PathBuf, &[&str]) =
        match std::env::var("CONFIDE_TEST_POSTGRES_DATA") {
            Ok(cluster) if crate::helpers::postgres_base_url().is_some() => (
                cluster.into(),
                &["\"language\":\"pl\"", "\"language\": \"pl\"", "/pl/s/"],
            ),
            _ => (
                app.data_dir.path().to_owned(),
                &["\"language\"", "Polish", "Polski", "\"pl\"", "/pl/"],
            ),
        };
    for file in walk(&dir) {
        let Ok(bytes) = std::fs::read(&file) else {
            continue;
        };
        scanned += bytes.len();
        for needle in needles {
            assert!(
                !bytes.windows(needle.len()).any(|w| w == needle.as_bytes()),
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
async fn no_log_line_says_which_language_a_pupil_reads() {
    let app = app_with_languages().await;
    app.get_text("/pl/s/oakfield/report").await;
    app.get_text("/ur/topics/gangs").await;
    app.get_text("/pl/nothing-here").await;
    let log = captured_log();
    assert!(
        log.contains("/s/{school}/report"),
        "the request was not logged"
    );
    for needle in ["{lang}", "/pl", "/ur", "lang=", "Polish", "Urdu"] {
        assert!(!log.contains(needle), "{needle} found in the log");
    }
}

/// The receipt code shown in large type, in any language.
fn code_on(page: &str) -> String {
    let at = page
        .find("class=\"confide-receipt-code\"")
        .expect("no receipt code");
    let shown = &page[at..page[at..].find("</p>").unwrap() + at];
    let groups: Vec<&str> = shown
        .split("<span>")
        .skip(1)
        .map(|g| g.split('<').next().unwrap())
        .collect();
    groups.join(" ")
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
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

/// A content directory with a Polish bullying topic (its narration in made-up Polish)
/// and a topic of the school's own in English only.
fn polish_content() -> tempfile::TempDir {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let english = std::fs::read_to_string(root.join("content/topics/bullying.md")).unwrap();
    let mut scene = 0;
    let polish: Vec<String> = english
        .lines()
        .map(|line| {
            if line.starts_with("say = ") {
                scene += 1;
                format!("say = \"Scena {scene} mówi po polsku o tym, co robić.\"")
            } else if line.starts_with("title = ") {
                "title = \"Prześladowanie\"".to_owned()
            } else {
                line.to_owned()
            }
        })
        .collect();
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("pl/topics")).unwrap();
    std::fs::create_dir_all(dir.path().join("topics")).unwrap();
    std::fs::write(dir.path().join("pl/topics/bullying.md"), polish.join("\n")).unwrap();
    std::fs::write(
        dir.path().join("topics/our-own.md"),
        "+++\ntitle = \"Our own advice\"\nsummary = \"From our school\"\norder = 99\n+++\nAsk at the office.\n",
    )
    .unwrap();
    dir
}

#[actix_rt::test]
async fn a_translated_topic_has_captions_in_its_language_and_an_untranslated_one_says_so() {
    let content = polish_content();
    let dir = content.path().to_owned();
    let app = spawn_app_with(|c| {
        c.locales_dir = Some(fixtures());
        c.content_dir = Some(dir);
    })
    .await;
    let (_, page) = app.get_text("/pl/topics/bullying").await;
    assert!(page.contains("<h1 class=\"govuk-heading-xl\">Prześladowanie</h1>"));
    assert!(page.contains(
        "<track kind=\"captions\" src=\"/videos/bullying.pl.vtt\" srclang=\"pl\" label=\"Polski\" default>"
    ), "{page}");
    assert!(page.contains("srclang=\"en-GB\" label=\"English\">"));
    assert!(!page.contains("confide-not-translated"));
    let (_, english) = app.get_text("/topics/bullying").await;
    assert!(english.contains("srclang=\"en-GB\" label=\"English\" default>"));

    let mut res = app
        .client
        .get(app.url("/videos/bullying.pl.vtt"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 200);
    assert_eq!(
        res.headers().get("content-type").unwrap(),
        "text/vtt; charset=utf-8"
    );
    let vtt = String::from_utf8(res.body().await.unwrap().to_vec()).unwrap();
    assert!(vtt.starts_with("WEBVTT\n\n00:00:00.000 --> "), "{vtt}");
    assert!(vtt.contains("Scena 6"));
    let english_vtt = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("static/videos/bullying.vtt"),
    )
    .unwrap();
    let last_end = |v: &str| {
        v.trim_end()
            .lines()
            .rev()
            .find(|l| l.contains("-->"))
            .unwrap()
            .split("--> ")
            .nth(1)
            .unwrap()
            .to_owned()
    };
    assert_eq!(
        last_end(&vtt),
        last_end(&english_vtt),
        "the captions keep the English timing"
    );
    let (status, _) = app.get_text("/videos/bullying.xx.vtt").await;
    assert_eq!(status, 404);

    // The school's own topic is in English only: the Polish page says so in Polish.
    let (_, own) = app.get_text("/pl/topics/our-own").await;
    assert!(own.contains("confide-not-translated"));
    assert!(own.contains("<div data-confide-read lang=\"en-GB\">"));
    assert!(own.contains("<html lang=\"pl\""));
}

#[actix_rt::test]
async fn administrators_see_each_languages_review_and_can_print_the_poster_in_it() {
    let app = app_with_languages().await;
    app.add_admin();
    let admin = app
        .sign_in("admin@la.example", "admin password 123")
        .await
        .unwrap();
    let (_, overview, _) = admin.get("/staff/admin").await;
    assert!(overview.contains("href=\"/staff/admin/languages\""));
    let (status, page, _) = admin.get("/staff/admin/languages").await;
    assert_eq!(status, 200, "{page}");
    let row = |code: &str| {
        let start = page.find(&format!("id=\"language-{code}\"")).unwrap();
        page[start..start + page[start..].find("</tr>").unwrap()].to_owned()
    };
    assert!(row("en-GB").contains("Source"));
    let polish = row("pl");
    assert!(polish.contains("Not yet checked"), "{polish}");
    assert!(polish.contains("machine-assisted, not yet checked by a fluent speaker"));
    assert!(polish.contains("Complete"));
    assert!(polish.contains("<span lang=\"pl\" dir=\"ltr\">Polski</span>"));

    // Someone fluent checks Urdu: the page says so.
    let dir = tempfile::tempdir().unwrap();
    for code in ["pl", "ur"] {
        std::fs::create_dir_all(dir.path().join(code)).unwrap();
        let text = std::fs::read_to_string(fixtures().join(code).join("pupil.ftl")).unwrap();
        let text = if code == "ur" {
            text.replace(
                "## review: machine-assisted, not yet checked by a fluent speaker",
                "## review: checked by the Urdu teacher at Oakfield, 2027-01-15",
            )
        } else {
            text.replace("skip-link = ", "# skip-link = ")
        };
        std::fs::write(dir.path().join(code).join("pupil.ftl"), text).unwrap();
    }
    let checked = dir.path().to_owned();
    let app = spawn_app_with(|c| c.locales_dir = Some(checked)).await;
    app.add_admin();
    let admin = app
        .sign_in("admin@la.example", "admin password 123")
        .await
        .unwrap();
    let (_, page, _) = admin.get("/staff/admin/languages").await;
    let urdu = &page[page.find("id=\"language-ur\"").unwrap()..];
    assert!(urdu[..urdu.find("</tr>").unwrap()]
        .contains("checked by the Urdu teacher at Oakfield, 2027-01-15"));
    let polish = &page[page.find("id=\"language-pl\"").unwrap()..];
    assert!(polish[..polish.find("</tr>").unwrap()].contains("1 to fix: missing key skip-link"));

    // The poster in Urdu: its words, right to left, and the Urdu address.
    let school = app.school("oakfield").id;
    let (status, poster, _) = admin
        .get(&format!("/staff/admin/schools/{school}/poster?language=ur"))
        .await;
    assert_eq!(status, 200);
    assert!(poster.contains("<div class=\"confide-poster\" lang=\"ur\" dir=\"rtl\">"));
    assert!(poster.contains("http://127.0.0.1/ur/s/oakfield"));
    let (_, svg, _) = admin
        .get(&format!(
            "/staff/admin/schools/{school}/poster.svg?language=ur"
        ))
        .await;
    assert!(svg.contains("xml:lang=\"ur\" direction=\"rtl\""));
    assert!(svg.contains("http://127.0.0.1/ur/s/oakfield"));
}
