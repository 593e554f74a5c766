//! What the pupil reads (issue 22): the newest reply first under a sentence about the
//! status, a school's pages that keep the school, a school finder that needs no
//! JavaScript, and everything typed shown in its own direction on both sides.

use confide::content::Library;
use confide::domain::choices::{Outcome, Role, Status};

use crate::helpers::{rid, spawn_app};

/// Where `needle` first appears in `page`, failing loudly when it does not.
fn at(page: &str, needle: &str) -> usize {
    page.find(needle)
        .unwrap_or_else(|| panic!("{needle:?} is not on the page"))
}

#[actix_rt::test]
async fn the_newest_reply_comes_first_under_a_sentence_about_the_status() {
    let app = spawn_app().await;
    let officer = app.add_staff("officer@police.example", "oakfield", Role::SspOfficer);
    let code = app
        .send_report("oakfield", &[("what", "Older pupils block the stairs.")])
        .await;
    let id = rid(&app.report_id_for(&code));
    let staff = app.as_staff(&officer);
    let (_, page) = app.post_form("/followup", &[("code", &code)]).await;
    assert!(
        at(&page, "Staff at Oakfield Academy have your report.") < at(&page, "No replies yet.")
    );

    app.with(|c, ctx| {
        confide::app::cases::acknowledge(c, ctx, &staff, &id).unwrap();
        confide::app::cases::reply(c, ctx, &staff, &id, "First reply: thank you.").unwrap()
    });
    app.ctx.clock.advance(60);
    app.post_form(
        "/followup/message",
        &[("code", &code), ("message", "It happened again.")],
    )
    .await;
    app.ctx.clock.advance(60);
    app.with(|c, ctx| {
        confide::app::cases::reply(c, ctx, &staff, &id, "Second reply: come to room 12.").unwrap()
    });

    let (_, page) = app.post_form("/followup", &[("code", &code)]).await;
    let status = at(
        &page,
        "Staff at Oakfield Academy are working on your report.",
    );
    assert!(at(&page, "<h1") < status);
    assert!(status < at(&page, "Second reply: come to room 12."));
    assert!(at(&page, "Second reply: come to room 12.") < at(&page, "It happened again."));
    assert!(at(&page, "It happened again.") < at(&page, "First reply: thank you."));
    assert!(at(&page, "First reply: thank you.") < at(&page, "What you told us"));
    assert!(at(&page, "What you told us") < at(&page, "Older pupils block the stairs."));

    // Closed: said in words first, and the note by the form about writing again stays.
    app.with(|c, ctx| {
        confide::app::cases::set_status(
            c,
            ctx,
            &staff,
            &id,
            Status::Closed,
            Some(Outcome::Resolved),
        )
        .unwrap()
    });
    let (_, page) = app.post_form("/followup", &[("code", &code)]).await;
    let closed = at(
        &page,
        "Staff at Oakfield Academy have finished working on this report.",
    );
    assert!(closed < at(&page, "Second reply: come to room 12."));
    assert!(
        at(&page, "Second reply: come to room 12.")
            < at(&page, "Staff finished working on this report. If you write again, it opens again and they are told.")
    );
    assert!(!page.contains(">Closed<"), "a bare \"Closed\" is back");
}

#[actix_rt::test]
async fn topic_links_and_report_something_from_a_school_page_keep_the_school() {
    let app = spawn_app().await;
    let library = Library::load(None).unwrap();
    let (status, home) = app.get_text("/s/oakfield").await;
    assert_eq!(status, 200);
    for topic in library.topics() {
        assert!(
            home.contains(&format!("href=\"/s/oakfield/topics/{}\"", topic.slug)),
            "the school page does not keep the school for {}",
            topic.slug
        );
    }
    assert!(
        !home.contains("href=\"/topics/"),
        "a topic link drops the school"
    );
    assert!(
        !home.contains("href=\"/report\""),
        "a link asks for the school again"
    );

    let (status, topic) = app.get_text("/s/oakfield/topics/bullying").await;
    assert_eq!(status, 200);
    assert!(topic.contains("<h1 class=\"govuk-heading-xl\">Bullying</h1>"));
    assert!(topic.contains("you can tell Oakfield Academy here"));
    assert!(topic.contains("href=\"/s/oakfield/report\""));
    assert!(
        !topic.contains("href=\"/report\""),
        "the topic page asks for the school again"
    );
    assert!(topic.contains("<track kind=\"captions\""));

    // The report form and its pages keep it too.
    let (_, form) = app.get_text("/s/oakfield/report").await;
    assert!(
        !form.contains("href=\"/report\""),
        "the form's menu asks for the school again"
    );

    // The site-wide topic page still lets a pupil choose.
    let (_, plain) = app.get_text("/topics/bullying").await;
    assert!(plain.contains("href=\"/report\""));

    for path in ["/s/nowhere/topics/bullying", "/s/oakfield/topics/nothing"] {
        assert_eq!(app.get_text(path).await.0, 404, "{path}");
    }
}

#[actix_rt::test]
async fn the_home_page_offers_report_something_first_then_a_school_finder() {
    let app = spawn_app().await;
    let (_, home) = app.get_text("/").await;
    let report = at(&home, "href=\"/report\" role=\"button\"");
    let finder = at(&home, "<form method=\"get\" action=\"/schools\"");
    assert!(at(&home, "<h1") < report && report < finder);
    assert!(finder < at(&home, "id=\"topics\""));
    assert!(home[finder..].contains("name=\"q\" type=\"search\""));
}

#[actix_rt::test]
async fn the_school_finder_works_without_javascript() {
    let app = spawn_app().await;
    // Everything happens in the GET form's answer: no script is needed.
    let (status, page) = app.get_text("/schools?q=oak").await;
    assert_eq!(status, 200);
    assert!(page.contains("href=\"/s/oakfield\""));
    assert!(!page.contains("href=\"/s/riverside\""));
    assert!(page.contains("value=\"oak\""), "the letters typed are lost");

    let (_, page) = app.get_text("/schools?q=+RIVER+").await;
    assert!(page.contains("href=\"/s/riverside\""));
    assert!(!page.contains("href=\"/s/oakfield\""));

    let (_, page) = app.get_text("/schools").await;
    assert!(page.contains("href=\"/s/oakfield\"") && page.contains("href=\"/s/riverside\""));

    let (_, page) = app.get_text("/schools?q=zzz").await;
    assert!(page.contains("No school matches"));
}

const ARABIC: &str = "يتنمرون علي في الملعب كل يوم";
const URDU: &str = "وہ مجھے روز تنگ کرتے ہیں";

/// `text` is on the page in an element that takes its own direction.
fn shown_in_own_direction(page: &str, text: &str) -> bool {
    page.contains(&format!("dir=\"auto\">{text}"))
}

#[actix_rt::test]
async fn what_a_pupil_typed_reads_in_its_own_direction_on_both_sides() {
    let app = spawn_app().await;
    let officer = app.add_staff("officer@police.example", "oakfield", Role::SspOfficer);
    let code = app
        .send_report(
            "oakfield",
            &[("what", ARABIC), ("who", URDU), ("name", "مريم")],
        )
        .await;
    app.post_form("/followup/message", &[("code", &code), ("message", URDU)])
        .await;
    let id = app.report_id_for(&code);

    // The pupil's side.
    let (_, page) = app.post_form("/followup", &[("code", &code)]).await;
    for text in [ARABIC, URDU, "مريم"] {
        assert!(shown_in_own_direction(&page, text), "pupil page: {text}");
    }
    // What they type, and what is shown again after a mistake.
    assert!(page.contains("dir=\"auto\" aria-describedby=\"message-hint message-info\""));
    let (status, form) = app
        .post_form("/s/oakfield/report", &[("what", ARABIC)])
        .await;
    assert_eq!(status, 400);
    assert!(form.contains(&format!(
        "dir=\"auto\" aria-describedby=\"what-hint what-info\">{ARABIC}"
    )));
    let (_, search) = app
        .get_text(&format!("/schools?q={}", "%D9%85%D8%AF%D8%B1%D8%B3%D8%A9"))
        .await;
    assert!(shown_in_own_direction(&search, "مدرسة"));

    // The staff side: the case page and the hand-off summary.
    let b = app.signed_in(&officer).await;
    let (_, case, _) = b.get(&format!("/staff/reports/{id}")).await;
    for text in [ARABIC, URDU, "مريم"] {
        assert!(shown_in_own_direction(&case, text), "case page: {text}");
    }
    let (status, handoff, _) = b.post(&format!("/staff/reports/{id}/handoff"), &[]).await;
    assert_eq!(status, 200, "{handoff}");
    for text in [ARABIC, URDU, "مريم"] {
        assert!(shown_in_own_direction(&handoff, text), "hand-off: {text}");
    }
}
