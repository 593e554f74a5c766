//! Every topic's English captions add up, cue by cue, to its transcript's scenes: the
//! translated captions are timed by them (`confide::content::captions`).

use confide::content::{captions, Library};

#[test]
fn every_english_caption_file_divides_into_the_transcripts_scenes() {
    let library = Library::load(None).unwrap();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("static");
    let mut checked = 0;
    for topic in library.topics() {
        let video = topic.video.as_ref().unwrap();
        let vtt = std::fs::read_to_string(root.join(&video.captions)).unwrap();
        let cues = captions::parse(&vtt);
        let scenes = captions::scenes(&cues, &topic.transcript)
            .unwrap_or_else(|e| panic!("{}: {e}", topic.slug));
        assert_eq!(
            scenes.iter().map(Vec::len).sum::<usize>(),
            cues.len(),
            "{}",
            topic.slug
        );
        checked += 1;
    }
    assert!(checked >= 11);
}

#[test]
fn every_translated_topic_makes_captions() {
    let library = Library::load(None).unwrap();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("static");
    for topic in library.topics() {
        let vtt =
            std::fs::read_to_string(root.join(&topic.video.as_ref().unwrap().captions)).unwrap();
        for (lang, translated) in library.translations(&topic.slug) {
            let made = captions::translate(&vtt, &topic.transcript, &translated.transcript)
                .unwrap_or_else(|e| panic!("{} in {}: {e}", topic.slug, lang.code()));
            assert!(made.starts_with("WEBVTT\n"));
        }
    }
}
