//! Pictures: a photo arrives without its position, camera or thumbnail and the right way
//! up; a screenshot without its text chunks; nothing is kept in the clear; bombs, liars,
//! empty files and iPhone photos are refused with every word kept; only recipients see
//! them, each full view audited; and they go with their report.

use std::io::Cursor;

use confide::db::schema::{attachments, report_events};
use confide::domain::choices::Role;
use diesel::prelude::*;
use image::{DynamicImage, ImageFormat, RgbImage};

use crate::helpers::{postgres_base_url, spawn_app, TestApp};

const WHAT: &str = "CANARYWORDS they posted this about me";

/// A multipart body: text fields, then files as (file name, type, bytes).
pub fn multipart(fields: &[(&str, &str)], files: &[(&str, &str, &[u8])]) -> (String, Vec<u8>) {
    let boundary = "confide-test-boundary-7Kq3";
    let mut body = Vec::new();
    for (name, value) in fields {
        body.extend_from_slice(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n")
                .as_bytes(),
        );
    }
    for (filename, kind, bytes) in files {
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"pictures\"; filename=\"{filename}\"\r\nContent-Type: {kind}\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

pub async fn post_multipart(
    app: &TestApp,
    path: &str,
    fields: &[(&str, &str)],
    files: &[(&str, &str, &[u8])],
) -> (u16, String) {
    let (kind, body) = multipart(fields, files);
    let mut res = app
        .client
        .post(app.url(path))
        .insert_header(("Content-Type", kind))
        .send_body(body)
        .await
        .unwrap();
    let page = res.body().limit(10_000_000).await.unwrap();
    (res.status().as_u16(), crate::helpers::shown(&page))
}

const REPORT: &[(&str, &str)] = &[
    ("category", "online_bullying"),
    ("location", "online"),
    ("happening_now", "no"),
    ("about", "no"),
    ("what", WHAT),
];

/// A picture with every pixel different, so its bytes are unlike anything else on disk.
pub fn noisy(width: u32, height: u32) -> DynamicImage {
    DynamicImage::ImageRgb8(RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([(x * 7 + y * 13) as u8, (x * y) as u8, (x ^ y) as u8])
    }))
}

pub fn encode(image: &DynamicImage, format: ImageFormat) -> Vec<u8> {
    let mut out = Cursor::new(Vec::new());
    image.write_to(&mut out, format).unwrap();
    out.into_inner()
}

/// A JPEG as a phone writes it: EXIF with the camera, "turn 90°" and a GPS position.
fn phone_photo() -> Vec<u8> {
    let jpeg = encode(&noisy(60, 40), ImageFormat::Jpeg);
    let mut tiff = Vec::new();
    tiff.extend_from_slice(b"II\x2a\x00\x08\x00\x00\x00");
    let entry = |tag: u16, kind: u16, count: u32, value: u32| {
        let mut e = Vec::new();
        e.extend_from_slice(&tag.to_le_bytes());
        e.extend_from_slice(&kind.to_le_bytes());
        e.extend_from_slice(&count.to_le_bytes());
        e.extend_from_slice(&value.to_le_bytes());
        e
    };
    // IFD0 at 8 (3 entries: 42 bytes), make at 50, GPS IFD at 62 (2 entries: 30 bytes), rationals at 92.
    tiff.extend_from_slice(&3u16.to_le_bytes());
    tiff.extend(entry(0x010f, 2, 12, 50));
    tiff.extend(entry(0x0112, 3, 1, 6));
    tiff.extend(entry(0x8825, 4, 1, 62));
    tiff.extend_from_slice(&0u32.to_le_bytes());
    tiff.extend_from_slice(b"CanaryPhone\0");
    tiff.extend_from_slice(&2u16.to_le_bytes());
    tiff.extend(entry(0x0001, 2, 2, u32::from_le_bytes(*b"N\0\0\0")));
    tiff.extend(entry(0x0002, 5, 3, 92));
    tiff.extend_from_slice(&0u32.to_le_bytes());
    for (n, d) in [(51u32, 1u32), (30, 1), (1234, 100)] {
        tiff.extend_from_slice(&n.to_le_bytes());
        tiff.extend_from_slice(&d.to_le_bytes());
    }
    let mut app1 = b"Exif\0\0".to_vec();
    app1.extend(tiff);
    let mut out = jpeg[..2].to_vec();
    out.extend_from_slice(&[0xff, 0xe1]);
    out.extend_from_slice(&u16::try_from(app1.len() + 2).unwrap().to_be_bytes());
    out.extend(app1);
    out.extend_from_slice(&jpeg[2..]);
    out
}

/// A PNG screenshot with a text chunk, as some phones and tools write them.
fn screenshot_with_text() -> Vec<u8> {
    let png = encode(&noisy(50, 30), ImageFormat::Png);
    let iend = png.len() - 12;
    let mut chunk = b"tEXt".to_vec();
    chunk.extend_from_slice(b"Comment\0CANARYPNGTEXT from Jo's phone");
    let mut crc = flate2::Crc::new();
    crc.update(&chunk);
    let mut out = png[..iend].to_vec();
    out.extend_from_slice(&u32::try_from(chunk.len() - 4).unwrap().to_be_bytes());
    out.extend(&chunk);
    out.extend_from_slice(&crc.sum().to_be_bytes());
    out.extend_from_slice(&png[iend..]);
    out
}

/// The officer's browser and the full pictures of a report, with the response headers.
async fn fetch_pictures(
    app: &TestApp,
    email: &str,
    password: &str,
    id: &str,
) -> Vec<(Vec<u8>, awc::http::header::HeaderMap)> {
    let browser = app.sign_in(email, password).await.unwrap();
    let (status, page, _) = browser.get(&format!("/staff/reports/{id}")).await;
    assert_eq!(status, 200);
    let mut found = Vec::new();
    for part in page.split("href=\"").skip(1) {
        let link = part.split('"').next().unwrap();
        if !link.contains("/pictures/") {
            continue;
        }
        let mut res = app
            .client
            .get(app.url(link))
            .insert_header(("Cookie", browser.cookie()))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status().as_u16(), 200, "{link}");
        let headers = res.headers().clone();
        found.push((
            res.body().limit(20_000_000).await.unwrap().to_vec(),
            headers,
        ));
    }
    assert!(
        page.contains("/thumbnail\""),
        "no thumbnails on the case page"
    );
    found
}

#[actix_rt::test]
async fn a_photo_arrives_without_its_position_or_camera_and_the_right_way_up() {
    let app = spawn_app().await;
    let officer = app.add_staff("officer@police.example", "oakfield", Role::SspOfficer);
    let photo = phone_photo();
    // The photo as sent does carry them (so the test would see them survive).
    let exif = exif::Reader::new()
        .read_from_container(&mut Cursor::new(&photo))
        .expect("the test photo has EXIF");
    assert!(exif
        .get_field(exif::Tag::GPSLatitude, exif::In::PRIMARY)
        .is_some());
    let (status, page) = post_multipart(
        &app,
        "/s/oakfield/report",
        REPORT,
        &[("IMG_0001.jpg", "image/jpeg", &photo)],
    )
    .await;
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("without where a photo was taken"));
    let code = page.split("aria-label=\"Receipt code: ").nth(1).unwrap()[..24].to_owned();
    let id = app.report_id_for(&code);
    let pictures = fetch_pictures(&app, &officer.email, &officer.password, &id).await;
    assert_eq!(pictures.len(), 1);
    let (kept, headers) = &pictures[0];
    assert!(
        exif::Reader::new()
            .read_from_container(&mut Cursor::new(kept))
            .is_err(),
        "EXIF survived"
    );
    for leak in [&b"CanaryPhone"[..], b"Exif", b"GPS"] {
        assert!(
            !kept.windows(leak.len()).any(|w| w == leak),
            "{:?} survived",
            leak
        );
    }
    let image = image::load_from_memory(kept).unwrap();
    assert_eq!(
        (image.width(), image.height()),
        (40, 60),
        "not turned the right way up"
    );
    assert_eq!(headers.get("content-type").unwrap(), "image/jpeg");
    assert_eq!(headers.get("cache-control").unwrap(), "no-store");
    assert!(headers
        .get("content-disposition")
        .unwrap()
        .to_str()
        .unwrap()
        .starts_with("inline; filename="));
    assert!(headers
        .get("content-security-policy")
        .unwrap()
        .to_str()
        .unwrap()
        .contains("sandbox"));
    assert_eq!(headers.get("x-content-type-options").unwrap(), "nosniff");
    let viewed: i64 = app.with_conn(|c| {
        report_events::table
            .filter(report_events::report_id.eq(&id))
            .filter(report_events::kind.eq("picture_viewed"))
            .count()
            .get_result(c)
            .unwrap()
    });
    assert_eq!(viewed, 1, "the full view was not audited");
}

#[actix_rt::test]
async fn a_screenshot_loses_its_text_and_a_webp_is_kept_as_a_png() {
    let app = spawn_app().await;
    let officer = app.add_staff("officer@police.example", "oakfield", Role::SspOfficer);
    let screenshot = screenshot_with_text();
    let webp = {
        let mut out = Vec::new();
        noisy(20, 20)
            .write_with_encoder(image::codecs::webp::WebPEncoder::new_lossless(&mut out))
            .unwrap();
        out
    };
    let (status, page) = post_multipart(
        &app,
        "/s/oakfield/report",
        REPORT,
        &[
            ("Screenshot.png", "image/png", &screenshot),
            ("chat.webp", "image/webp", &webp),
        ],
    )
    .await;
    assert_eq!(status, 200, "{page}");
    let code = page.split("aria-label=\"Receipt code: ").nth(1).unwrap()[..24].to_owned();
    let id = app.report_id_for(&code);
    let pictures = fetch_pictures(&app, &officer.email, &officer.password, &id).await;
    assert_eq!(pictures.len(), 2);
    for (kept, headers) in &pictures {
        assert_eq!(headers.get("content-type").unwrap(), "image/png");
        for chunk in [
            &b"tEXt"[..],
            b"iTXt",
            b"zTXt",
            b"eXIf",
            b"iCCP",
            b"CANARYPNGTEXT",
        ] {
            assert!(
                !kept.windows(chunk.len()).any(|w| w == chunk),
                "{:?} survived",
                chunk
            );
        }
    }
    let first = image::load_from_memory(&pictures[0].0).unwrap();
    assert_eq!(
        first.to_rgb8(),
        noisy(50, 30).to_rgb8(),
        "a screenshot must stay exact"
    );
}

#[actix_rt::test]
async fn nothing_a_pupil_sends_is_kept_in_the_clear() {
    let app = spawn_app().await;
    let officer = app.add_staff("officer@police.example", "oakfield", Role::SspOfficer);
    let screenshot = encode(&noisy(120, 90), ImageFormat::Png);
    let (status, page) = post_multipart(
        &app,
        "/s/oakfield/report",
        REPORT,
        &[("s.png", "image/png", &screenshot)],
    )
    .await;
    assert_eq!(status, 200);
    let code = page.split("aria-label=\"Receipt code: ").nth(1).unwrap()[..24].to_owned();
    let id = app.report_id_for(&code);
    let kept = fetch_pictures(&app, &officer.email, &officer.password, &id).await;
    app.with(|conn, _| conn.checkpoint().unwrap());
    let mut places = vec![app.data_dir.path().to_owned()];
    if let Ok(dir) = std::env::var("CONFIDE_TEST_POSTGRES_DATA") {
        app.with_conn(|c| {
            use diesel::connection::SimpleConnection;
            c.batch_execute("CHECKPOINT").unwrap()
        });
        places.push(dir.into());
    }
    let needles: Vec<Vec<u8>> = vec![
        screenshot[screenshot.len() / 2..screenshot.len() / 2 + 64].to_vec(),
        kept[0].0[kept[0].0.len() / 2..kept[0].0.len() / 2 + 64].to_vec(),
        WHAT.as_bytes().to_vec(),
    ];
    for place in places {
        for needle in &needles {
            let mut stack = vec![place.clone()];
            while let Some(dir) = stack.pop() {
                for entry in std::fs::read_dir(&dir).unwrap().flatten() {
                    let path = entry.path();
                    if path.is_dir() {
                        stack.push(path);
                    } else if let Ok(bytes) = std::fs::read(&path) {
                        assert!(
                            !bytes.windows(needle.len()).any(|w| w == needle.as_slice()),
                            "{} holds a picture in the clear",
                            path.display()
                        );
                    }
                }
            }
        }
    }
    if postgres_base_url().is_none() {
        let files = std::fs::read_dir(app.data_dir.path().join("pictures"))
            .unwrap()
            .count();
        assert!(
            files > 0,
            "the sealed pictures should be files beside SQLite"
        );
    }
}

#[actix_rt::test]
async fn refused_files_get_a_kind_page_that_keeps_every_word() {
    let app = spawn_app().await;
    let png = encode(&noisy(4, 4), ImageFormat::Png);
    let jpeg = encode(&noisy(4, 4), ImageFormat::Jpeg);
    let mut bomb = encode(
        &DynamicImage::ImageRgb8(RgbImage::new(1, 1)),
        ImageFormat::Png,
    );
    bomb[16..20].copy_from_slice(&40_000u32.to_be_bytes());
    bomb[20..24].copy_from_slice(&40_000u32.to_be_bytes());
    let mut crc = flate2::Crc::new();
    crc.update(&bomb[12..29]);
    bomb[29..33].copy_from_slice(&crc.sum().to_be_bytes());
    let mut heic = vec![0, 0, 0, 24];
    heic.extend_from_slice(b"ftypheic\0\0\0\0mif1heic");
    heic.extend_from_slice(&[0; 64]);
    let big = vec![0xffu8; 11 * 1024 * 1024];
    type Upload<'a> = (&'a str, &'a str, &'a [u8]);
    let cases: Vec<(&str, Vec<Upload>, u16, &str)> = vec![
        (
            "bomb",
            vec![("huge.png", "image/png", &bomb)],
            413,
            "too large to open",
        ),
        (
            "liar",
            vec![("photo.png", "image/png", &jpeg)],
            415,
            "not the kind of picture its name says",
        ),
        (
            "not a picture",
            vec![("notes.png", "image/png", b"<html>not a picture</html>")],
            415,
            "not a picture we can take",
        ),
        (
            "empty",
            vec![("empty.png", "image/png", b"")],
            400,
            "is empty",
        ),
        (
            "heic",
            vec![("IMG_1234.HEIC", "image/heic", &heic)],
            415,
            "Take a screenshot of the photo",
        ),
        (
            "too big",
            vec![("big.png", "image/png", &big)],
            413,
            "smaller than 10 MB",
        ),
        (
            "too many",
            vec![("p.png", "image/png", &png); 6],
            400,
            "up to 5 pictures",
        ),
    ];
    for (what, files, status, words) in cases {
        let (got, page) = post_multipart(&app, "/s/oakfield/report", REPORT, &files).await;
        assert_eq!(got, status, "{what}");
        assert!(page.contains(words), "{what}: {page}");
        assert!(page.contains(WHAT), "{what}: the typed words were lost");
        assert!(page.contains("We kept everything you wrote"), "{what}");
        assert!(page.contains("tel:999"), "{what}");
    }
    assert_eq!(app.report_count(), 0);
    // With no file chosen, the same form sends the report.
    let (status, _) = post_multipart(
        &app,
        "/s/oakfield/report",
        REPORT,
        &[("", "application/octet-stream", b"")],
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(app.report_count(), 1);
}

#[actix_rt::test]
async fn pictures_can_be_added_later_with_the_receipt_code() {
    let app = spawn_app().await;
    let officer = app.add_staff("officer@police.example", "oakfield", Role::SspOfficer);
    let code = app.send_report("oakfield", &[]).await;
    let png = encode(&noisy(30, 30), ImageFormat::Png);
    let (status, page) = post_multipart(
        &app,
        "/followup/message",
        &[("code", &code), ("message", "")],
        &[("later.png", "image/png", &png)],
    )
    .await;
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("Your message has been sent"));
    assert!(page.contains("You have sent 1 picture"));
    let id = app.report_id_for(&code);
    let pictures = fetch_pictures(&app, &officer.email, &officer.password, &id).await;
    assert_eq!(pictures.len(), 1);
    // A wrong picture still keeps the message typed.
    let (status, page) = post_multipart(
        &app,
        "/followup/message",
        &[("code", &code), ("message", "TYPED BEFORE THE BAD FILE")],
        &[("x.png", "image/png", b"GIF89a not really")],
    )
    .await;
    assert_eq!(status, 415);
    assert!(page.contains("TYPED BEFORE THE BAD FILE"));
}

#[actix_rt::test]
async fn a_picture_is_shown_only_to_someone_its_report_is_routed_to_and_goes_with_it() {
    let app = spawn_app().await;
    let officer = app.add_staff("officer@police.example", "oakfield", Role::SspOfficer);
    let other = app.add_staff("officer@riverside.example", "riverside", Role::SspOfficer);
    let png = encode(&noisy(30, 30), ImageFormat::Png);
    let (_, page) = post_multipart(
        &app,
        "/s/oakfield/report",
        REPORT,
        &[("a.png", "image/png", &png)],
    )
    .await;
    let code = page.split("aria-label=\"Receipt code: ").nth(1).unwrap()[..24].to_owned();
    let id = app.report_id_for(&code);
    let picture: String = app.with_conn(|c| {
        attachments::table
            .filter(attachments::report_id.eq(&id))
            .select(attachments::id)
            .first(c)
            .unwrap()
    });
    let path = format!("/staff/reports/{id}/pictures/{picture}");
    let outsider = app.signed_in(&other).await;
    for link in [path.clone(), format!("{path}/thumbnail")] {
        let (status, body, _) = outsider.get(&link).await;
        assert_eq!(status, 404, "{link}");
        assert!(!body.as_bytes().starts_with(b"\x89PNG"));
    }
    let insider = app.signed_in(&officer).await;
    let guessed = format!(
        "/staff/reports/{id}/pictures/{}",
        confide::domain::ids::ReportId::generate()
    );
    assert_eq!(insider.get(&guessed).await.0, 404);
    assert_eq!(
        app.client
            .get(app.url(&path))
            .send()
            .await
            .unwrap()
            .status()
            .as_u16(),
        303
    );

    // Closed, past its time, purged: its pictures go too, rows and files.
    insider.close_case(&id, "resolved").await;
    app.ctx.clock.advance(130 * 86_400);
    app.with(|conn, ctx| confide::app::retention::purge(conn, ctx, false).unwrap());
    let left: i64 = app.with_conn(|c| attachments::table.count().get_result(c).unwrap());
    assert_eq!(left, 0);
    if postgres_base_url().is_none() {
        let mut files = 0;
        for shard in std::fs::read_dir(app.data_dir.path().join("pictures"))
            .unwrap()
            .flatten()
        {
            files += std::fs::read_dir(shard.path()).unwrap().count();
        }
        assert_eq!(files, 0, "a purged report's picture files remain");
    }
}

#[actix_rt::test]
async fn every_thumbnail_is_labelled_as_the_jpeg_it_is() {
    let app = spawn_app().await;
    let officer = app.add_staff("officer@police.example", "oakfield", Role::SspOfficer);
    let png = encode(&noisy(40, 30), ImageFormat::Png);
    let (status, page) = post_multipart(
        &app,
        "/s/oakfield/report",
        REPORT,
        &[("Screenshot.png", "image/png", &png)],
    )
    .await;
    assert_eq!(status, 200, "{page}");
    let code = page.split("aria-label=\"Receipt code: ").nth(1).unwrap()[..24].to_owned();
    let id = app.report_id_for(&code);
    let browser = app.signed_in(&officer).await;
    let (_, case, _) = browser.get(&format!("/staff/reports/{id}")).await;
    let thumbnail = case
        .split("src=\"")
        .skip(1)
        .map(|rest| rest.split('"').next().unwrap())
        .find(|link| link.ends_with("/thumbnail"))
        .expect("a thumbnail on the case page")
        .to_owned();
    let mut res = app
        .client
        .get(app.url(&thumbnail))
        .insert_header(("Cookie", browser.cookie()))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 200);
    assert_eq!(res.headers().get("content-type").unwrap(), "image/jpeg");
    let bytes = res.body().await.unwrap();
    assert_eq!(
        image::guess_format(&bytes).unwrap(),
        ImageFormat::Jpeg,
        "the label must say what the bytes are"
    );
}
