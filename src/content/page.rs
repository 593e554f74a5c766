//! One page of content: Markdown with TOML front matter, parsed and rendered once.
//!
//! Raw HTML in Markdown is shown as text and only web, mail and phone links survive, so
//! an edited page can never inject script or styles; that is stricter than a general
//! HTML sanitiser and needs none.

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag};
use serde::Deserialize;

/// One narrated scene of a topic video: the words on screen and the words spoken.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scene {
    pub slide: String,
    pub say: String,
}

/// A service a pupil can contact about this topic.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Helpline {
    pub name: String,
    #[serde(default)]
    pub phone: Option<String>,
    pub url: String,
    pub text: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FrontMatter {
    title: String,
    summary: String,
    #[serde(default)]
    order: i32,
    #[serde(default)]
    video: Option<String>,
    #[serde(default)]
    captions: Option<String>,
    #[serde(default)]
    poster: Option<String>,
    #[serde(default)]
    transcript: Vec<Scene>,
    #[serde(default)]
    helplines: Vec<Helpline>,
}

/// The video that goes with a topic, as paths under `/static/`.
#[derive(Debug, Clone)]
pub struct Video {
    pub src: String,
    pub captions: String,
    pub poster: Option<String>,
}

/// A rendered page of content.
#[derive(Debug, Clone)]
pub struct Page {
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub order: i32,
    pub video: Option<Video>,
    pub transcript: Vec<Scene>,
    pub helplines: Vec<Helpline>,
    /// Sanitised HTML of the Markdown body.
    pub body_html: String,
}

/// Splits `+++` front matter from the Markdown body and renders both.
pub fn parse_page(slug: &str, text: &str) -> Result<Page, String> {
    if !slug
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        || slug.is_empty()
    {
        return Err("file names are lower-case letters, digits and hyphens, ending .md".into());
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let rest = text
        .strip_prefix("+++\n")
        .or_else(|| text.strip_prefix("+++\r\n"))
        .ok_or("must start with a line of +++ and TOML front matter")?;
    let end = rest
        .find("\n+++")
        .ok_or("front matter has no closing line of +++")?;
    let (front, body) = rest.split_at(end);
    let body = body
        .trim_start_matches("\n+++")
        .trim_start_matches('\r')
        .trim_start_matches('\n');
    let meta: FrontMatter = toml::from_str(front).map_err(|e| format!("front matter: {e}"))?;
    if meta.title.trim().is_empty() {
        return Err("title is empty".into());
    }
    let video = match (meta.video, meta.captions) {
        (Some(src), Some(captions)) => Some(Video {
            src,
            captions,
            poster: meta.poster,
        }),
        (None, None) => None,
        _ => return Err("a video needs both `video` and `captions`".into()),
    };
    if video.is_some() && meta.transcript.is_empty() {
        return Err("a video needs a transcript".into());
    }
    for helpline in &meta.helplines {
        if !safe_link(&helpline.url) {
            return Err(format!("helpline {} has an unsafe url", helpline.name));
        }
    }
    Ok(Page {
        slug: slug.to_owned(),
        title: meta.title,
        summary: meta.summary,
        order: meta.order,
        video,
        transcript: meta.transcript,
        helplines: meta.helplines,
        body_html: render_markdown(body),
    })
}

/// Markdown to HTML with raw HTML shown as text and unsafe links dropped.
pub fn render_markdown(markdown: &str) -> String {
    let parser = Parser::new_ext(markdown, Options::ENABLE_STRIKETHROUGH);
    let mut link_depth_dropped: Vec<bool> = Vec::new();
    let events = parser.filter_map(|event| match event {
        Event::Html(html) | Event::InlineHtml(html) => Some(Event::Text(html)),
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => {
            let keep = safe_link(&dest_url);
            link_depth_dropped.push(!keep);
            keep.then_some(Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }))
        }
        Event::End(pulldown_cmark::TagEnd::Link) => {
            let dropped = link_depth_dropped.pop().unwrap_or(false);
            (!dropped).then_some(Event::End(pulldown_cmark::TagEnd::Link))
        }
        Event::Start(Tag::Image { dest_url, .. }) => {
            // Images would be a request the pupil did not choose; show the address as text.
            Some(Event::Text(CowStr::from(format!("[image: {dest_url}]"))))
        }
        other => Some(other),
    });
    let mut html = String::with_capacity(markdown.len() * 2);
    pulldown_cmark::html::push_html(&mut html, events);
    html
}

fn safe_link(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    // Browsers read `/\host` as `//host`, another site.
    if lower.contains('\\') {
        return false;
    }
    lower.starts_with("https://")
        || lower.starts_with("http://")
        || lower.starts_with("mailto:")
        || lower.starts_with("tel:")
        || (lower.starts_with('/') && !lower.starts_with("//"))
        || lower.starts_with('#')
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "+++\ntitle = \"Bullying\"\nsummary = \"What to do\"\norder = 2\nvideo = \"videos/b.mp4\"\ncaptions = \"videos/b.vtt\"\n\n[[transcript]]\nslide = \"Hi\"\nsay = \"Hello there.\"\n\n[[helplines]]\nname = \"Childline\"\nphone = \"0800 1111\"\nurl = \"https://www.childline.org.uk\"\ntext = \"Free\"\n+++\n## What it is\n\nText with <script>alert(1)</script> and [a link](javascript:alert(1)) and [Childline](https://www.childline.org.uk).\n";

    #[test]
    fn front_matter_and_body_are_parsed() {
        let page = parse_page("bullying", SAMPLE).unwrap();
        assert_eq!(page.title, "Bullying");
        assert_eq!(page.order, 2);
        assert_eq!(page.transcript.len(), 1);
        assert_eq!(page.helplines[0].phone.as_deref(), Some("0800 1111"));
        assert!(page.body_html.contains("<h2>What it is</h2>"));
    }

    #[test]
    fn raw_html_and_script_links_never_reach_the_page() {
        let page = parse_page("bullying", SAMPLE).unwrap();
        assert!(!page.body_html.contains("<script>"));
        assert!(page.body_html.contains("&lt;script&gt;"));
        assert!(!page.body_html.contains("javascript:"));
        assert!(page
            .body_html
            .contains("<a href=\"https://www.childline.org.uk\">Childline</a>"));
    }

    #[test]
    fn broken_front_matter_names_the_problem() {
        assert!(parse_page("x", "no front matter").is_err());
        assert!(parse_page("x", "+++\ntitle = \"x\"\n").is_err());
        let err = parse_page(
            "x",
            "+++\ntitle = \"x\"\nsummary = \"y\"\nvideo = \"v.mp4\"\n+++\n",
        )
        .unwrap_err();
        assert!(err.contains("captions"));
        let err = parse_page(
            "x",
            "+++\ntitle = \"x\"\nsummary = \"y\"\nmystery = 1\n+++\n",
        )
        .unwrap_err();
        assert!(err.contains("mystery"));
    }
}
