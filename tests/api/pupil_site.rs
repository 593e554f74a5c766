//! The pupil site: home, school pages, topics with video, captions and transcript.

use crate::helpers::spawn_app;
use confide::content::Library;

#[actix_rt::test]
async fn home_page_lists_every_topic_and_offers_to_report() {
    let app = spawn_app().await;
    let (status, body) = app.get_text("/").await;
    assert_eq!(status, 200);
    assert!(body.contains("Report something"));
    assert!(body.contains("href=\"/report\""));
    let library = Library::load(None).unwrap();
    assert!(library.topics().len() >= 11);
    for topic in library.topics() {
        assert!(
            body.contains(&format!("href=\"/topics/{}\"", topic.slug)),
            "home page does not link {}",
            topic.slug
        );
    }
}

#[actix_rt::test]
async fn every_page_has_the_danger_banner_and_exit_button() {
    let app = spawn_app().await;
    for path in [
        "/",
        "/topics/bullying",
        "/s/oakfield",
        "/report",
        "/safety",
        "/nope",
    ] {
        let (_, body) = app.get_text(path).await;
        assert!(
            body.contains("In danger now? Call <a href=\"tel:999\" dir=\"ltr\">999</a>. Childline <a href=\"tel:08001111\" dir=\"ltr\">0800 1111</a>"),
            "{path} has no danger banner"
        );
        assert!(body.contains("Exit this page"), "{path} has no exit button");
        assert!(
            body.contains("href=\"https://www.bbc.co.uk/weather\""),
            "{path}: exit goes nowhere neutral"
        );
        assert!(
            body.contains("href=\"/safety\""),
            "{path} does not link the safety page"
        );
    }
}

#[actix_rt::test]
async fn every_topic_renders_with_its_video_captions_and_transcript() {
    let app = spawn_app().await;
    let library = Library::load(None).unwrap();
    for topic in library.topics() {
        let (status, body) = app.get_text(&format!("/topics/{}", topic.slug)).await;
        assert_eq!(status, 200, "{}", topic.slug);
        assert!(body.contains(&format!(
            "<h1 class=\"govuk-heading-xl\">{}</h1>",
            escape(&topic.title)
        )));
        let video = topic.video.as_ref().unwrap();
        assert!(
            body.contains(&format!("src=\"/static/{}?v=", video.src)),
            "{} video",
            topic.slug
        );
        assert!(body.contains(&format!(
            "<track kind=\"captions\" src=\"/static/{}?v=",
            video.captions
        )));
        for scene in &topic.transcript {
            assert!(
                body.contains(&escape(&scene.say)),
                "{} transcript",
                topic.slug
            );
        }
        // The files the page names are really there, with the right types.
        for (path, mime) in [(&video.src, "video/mp4"), (&video.captions, "text/vtt")] {
            let res = app
                .client
                .head(app.url(&format!("/static/{path}")))
                .send()
                .await
                .unwrap();
            assert_eq!(res.status().as_u16(), 200, "{path}");
            let ct = res.headers().get("content-type").unwrap().to_str().unwrap();
            assert!(ct.starts_with(mime), "{path}: {ct}");
        }
        let (_, vtt) = app.get_text(&format!("/static/{}", video.captions)).await;
        assert!(vtt.starts_with("WEBVTT"), "{} captions", topic.slug);
    }
}

#[actix_rt::test]
async fn a_school_has_its_own_landing_page_with_reading_hours() {
    let app = spawn_app().await;
    let (status, body) = app.get_text("/s/oakfield").await;
    assert_eq!(status, 200);
    assert!(body.contains("Oakfield Academy"));
    assert!(body.contains("Monday to Friday, 8am to 4pm, in term time"));
    assert!(body.contains("href=\"/s/oakfield/report\""));
}

#[actix_rt::test]
async fn the_school_picker_lists_schools() {
    let app = spawn_app().await;
    let (status, body) = app.get_text("/report").await;
    assert_eq!(status, 200);
    assert!(body.contains("href=\"/s/oakfield/report\""));
    assert!(body.contains("Riverside High School"));
}

#[actix_rt::test]
async fn the_safety_page_explains_private_browsing() {
    let app = spawn_app().await;
    let (status, body) = app.get_text("/safety").await;
    assert_eq!(status, 200);
    assert!(body.to_lowercase().contains("private"));
    assert!(body.to_lowercase().contains("history"));
}

#[actix_rt::test]
async fn a_schools_own_content_directory_replaces_a_topic() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("topics")).unwrap();
    std::fs::write(
        dir.path().join("topics/bullying.md"),
        "+++\ntitle = \"Bullying at Oakfield\"\nsummary = \"Our own words\"\norder = 1\n+++\nTalk to Mrs Patel in room 4.\n",
    )
    .unwrap();
    let content_dir = dir.path().to_owned();
    let app = crate::helpers::spawn_app_with(|c| c.content_dir = Some(content_dir)).await;
    let (status, body) = app.get_text("/topics/bullying").await;
    assert_eq!(status, 200);
    assert!(body.contains("Bullying at Oakfield"));
    assert!(body.contains("Talk to Mrs Patel in room 4."));
}

fn escape(text: &str) -> String {
    maud::html! { (text) }.into_string()
}

#[actix_rt::test]
async fn a_pupil_can_search_for_their_school() {
    let app = spawn_app().await;
    let (status, body) = app.get_text("/report?q=river").await;
    assert_eq!(status, 200);
    assert!(body.contains("Riverside High School"));
    assert!(!body.contains("href=\"/s/oakfield/report\""));
    let (_, none) = app.get_text("/report?q=%3Cscript%3E").await;
    assert!(none.contains("No school matches"));
    assert!(none.contains("&lt;script&gt;"));
}

#[actix_rt::test]
async fn pages_are_sent_compressed_to_browsers_that_accept_it() {
    use std::io::Read;
    let app = spawn_app().await;
    let (_, plain) = app.get_text("/topics/gangs").await;
    let mut res = app
        .client
        .get(app.url("/topics/gangs"))
        .insert_header(("Accept-Encoding", "gzip, deflate, br"))
        .no_decompress()
        .send()
        .await
        .unwrap();
    assert_eq!(res.headers().get("content-encoding").unwrap(), "gzip");
    assert_eq!(
        res.headers().get("vary").unwrap(),
        "Accept-Encoding, Accept-Language"
    );
    assert_eq!(res.headers().get("cache-control").unwrap(), "no-store");
    let body = res.body().limit(1_000_000).await.unwrap();
    let mut unzipped = String::new();
    flate2::read::GzDecoder::new(&body[..])
        .read_to_string(&mut unzipped)
        .unwrap();
    assert_eq!(crate::helpers::shown(unzipped.as_bytes()), plain);
    assert!(body.len() * 3 < plain.len(), "barely compressed");
}
