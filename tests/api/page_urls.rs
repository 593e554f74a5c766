//! Every URL in an HTML page or a stylesheet, found the way a browser finds them: HTML by
//! html5ever's tokenizer (entities decoded, any quoting, duplicate attributes dropped),
//! CSS by a small scanner for `url()`, `src()`, `@import` and `image-set()`.

use std::cell::{Cell, RefCell};
use std::collections::BTreeSet;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};

/// What the browser does with a URL.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Use {
    /// `<a href>` and `<area href>`: a link a person may choose to follow.
    Link,
    /// Everything else: fetched by the browser for the page (`src`, `srcset`, `<link href>`,
    /// `poster`, CSS `url()`, …) or sent where the page says (`action`, `formaction`, `ping`).
    Fetch,
}

/// One URL on a page, where it stood and what it is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// Where it stood, as `element attribute` (`img srcset`, `style element`, …).
    pub place: String,
    pub url: String,
    pub what: Use,
}

/// Every URL in an HTML document.
pub fn in_html(html: &str) -> Vec<Found> {
    let sink = Collector::default();
    let tokenizer = Tokenizer::new(sink, TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from(html));
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    tokenizer.sink.found.take()
}

/// Every URL a stylesheet loads: `url(…)`, `src(…)`, `@import "…"` and the strings of
/// `image-set(…)`.
pub fn in_css(css: &str) -> Vec<String> {
    let mut urls = Vec::new();
    let tokens = css_tokens(css);
    // Depths of the open image-set() and src() functions, whose strings are URLs.
    let mut string_urls: Vec<usize> = Vec::new();
    let mut depth = 0;
    let mut after_import = false;
    for token in tokens {
        let importing = std::mem::take(&mut after_import);
        match token {
            CssToken::Url(url) => urls.push(url),
            CssToken::Str(text) => {
                if importing || string_urls.last() == Some(&depth) {
                    urls.push(text);
                }
            }
            CssToken::AtKeyword(name) => after_import = name == "import",
            CssToken::Function(name) => {
                depth += 1;
                if matches!(name.as_str(), "image-set" | "-webkit-image-set" | "src") {
                    string_urls.push(depth);
                }
            }
            CssToken::Open => depth += 1,
            CssToken::Close => {
                if string_urls.last() == Some(&depth) {
                    string_urls.pop();
                }
                depth = depth.saturating_sub(1);
            }
            CssToken::Other => {}
        }
    }
    urls
}

#[derive(Debug, PartialEq)]
enum CssToken {
    Url(String),
    Str(String),
    Function(String),
    AtKeyword(String),
    Open,
    Close,
    Other,
}

/// A CSS tokenizer for what can name a URL: comments skipped, strings and identifiers
/// with their escapes decoded, `url(` read as one token as CSS Syntax does.
fn css_tokens(css: &str) -> Vec<CssToken> {
    let chars: Vec<char> = css.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '/' && chars.get(i + 1) == Some(&'*') {
            i += 2;
            while i < chars.len() && !(chars[i] == '*' && chars.get(i + 1) == Some(&'/')) {
                i += 1;
            }
            i += 2;
        } else if c.is_ascii_whitespace() {
            // Nothing here turns on white space, and `@import "…"` reads past it.
            i += 1;
        } else if c == '"' || c == '\'' {
            let (text, next) = css_string(&chars, i + 1, c);
            out.push(CssToken::Str(text));
            i = next;
        } else if c == '@' {
            let (name, next) = css_name(&chars, i + 1);
            out.push(CssToken::AtKeyword(name.to_ascii_lowercase()));
            i = next;
        } else if starts_name(&chars, i) {
            let (name, next) = css_name(&chars, i);
            let name = name.to_ascii_lowercase();
            if chars.get(next) == Some(&'(') {
                if name == "url" {
                    let (token, after) = css_url(&chars, next + 1);
                    out.push(token);
                    i = after;
                    continue;
                }
                out.push(CssToken::Function(name));
                i = next + 1;
            } else {
                out.push(CssToken::Other);
                i = next;
            }
        } else {
            out.push(match c {
                '(' => CssToken::Open,
                ')' => CssToken::Close,
                _ => CssToken::Other,
            });
            i += 1;
        }
    }
    out
}

fn starts_name(chars: &[char], i: usize) -> bool {
    let first = |c: char| c.is_ascii_alphabetic() || c == '_' || !c.is_ascii();
    match chars[i] {
        c if first(c) => true,
        '\\' => chars.get(i + 1).is_some_and(|c| *c != '\n'),
        '-' => chars
            .get(i + 1)
            .is_some_and(|c| first(*c) || *c == '-' || *c == '\\'),
        _ => false,
    }
}

/// An identifier from `i`, escapes decoded; returns it and where it ended.
fn css_name(chars: &[char], mut i: usize) -> (String, usize) {
    let mut name = String::new();
    while i < chars.len() {
        let c = chars[i];
        if c.is_ascii_alphanumeric() || c == '-' || c == '_' || !c.is_ascii() {
            name.push(c);
            i += 1;
        } else if c == '\\' && chars.get(i + 1).is_some_and(|c| *c != '\n') {
            let (decoded, next) = css_escape(chars, i + 1);
            name.push(decoded);
            i = next;
        } else {
            break;
        }
    }
    (name, i)
}

/// The character a backslash escape stands for, from just after the backslash.
fn css_escape(chars: &[char], mut i: usize) -> (char, usize) {
    let start = i;
    while i < chars.len() && i - start < 6 && chars[i].is_ascii_hexdigit() {
        i += 1;
    }
    if i == start {
        return (chars.get(i).copied().unwrap_or('\u{FFFD}'), i + 1);
    }
    let hex: String = chars[start..i].iter().collect();
    if chars.get(i).is_some_and(|c| c.is_ascii_whitespace()) {
        i += 1;
    }
    let code = u32::from_str_radix(&hex, 16).unwrap_or(0xFFFD);
    (char::from_u32(code).unwrap_or('\u{FFFD}'), i)
}

/// A quoted string from just after its opening quote; returns it and where it ended.
fn css_string(chars: &[char], mut i: usize, quote: char) -> (String, usize) {
    let mut text = String::new();
    while i < chars.len() {
        let c = chars[i];
        if c == quote {
            return (text, i + 1);
        }
        if c == '\n' {
            // A bad string: CSS drops it.
            return (String::new(), i);
        }
        if c == '\\' {
            match chars.get(i + 1) {
                Some('\n') => i += 2,
                Some(_) => {
                    let (decoded, next) = css_escape(chars, i + 1);
                    text.push(decoded);
                    i = next;
                }
                None => i += 1,
            }
            continue;
        }
        text.push(c);
        i += 1;
    }
    (text, i)
}

/// What follows `url(`: a quoted string (then up to the `)`), or an unquoted URL.
fn css_url(chars: &[char], mut i: usize) -> (CssToken, usize) {
    while chars.get(i).is_some_and(|c| c.is_ascii_whitespace()) {
        i += 1;
    }
    if let Some(&quote @ ('"' | '\'')) = chars.get(i) {
        let (text, mut next) = css_string(chars, i + 1, quote);
        while next < chars.len() && chars[next] != ')' {
            next += 1;
        }
        return (CssToken::Url(text), next + 1);
    }
    let mut url = String::new();
    while i < chars.len() && chars[i] != ')' {
        if chars[i] == '\\' {
            let (decoded, next) = css_escape(chars, i + 1);
            url.push(decoded);
            i = next;
        } else {
            url.push(chars[i]);
            i += 1;
        }
    }
    (CssToken::Url(url.trim().to_owned()), i + 1)
}

/// Gathers URLs as the tokenizer hands over tags and text.
#[derive(Default)]
struct Collector {
    found: RefCell<Vec<Found>>,
    /// The text of the `<style>` element being read.
    style: RefCell<Option<String>>,
    /// How deep inside `<svg>` or `<math>`, where `<style>` and `<title>` hold markup.
    foreign: Cell<usize>,
}

impl TokenSink for Collector {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        match token {
            Token::TagToken(tag) => self.tag(&tag),
            Token::CharacterTokens(text) => {
                if let Some(css) = self.style.borrow_mut().as_mut() {
                    css.push_str(&text);
                }
                TokenSinkResult::Continue
            }
            _ => TokenSinkResult::Continue,
        }
    }
}

impl Collector {
    fn push(&self, element: &str, attribute: &str, url: &str, what: Use) {
        self.found.borrow_mut().push(Found {
            place: format!("{element} {attribute}"),
            url: url.to_owned(),
            what,
        });
    }

    fn css(&self, place: &str, css: &str) {
        for url in in_css(css) {
            self.push(place, "url()", &url, Use::Fetch);
        }
    }

    fn tag(&self, tag: &Tag) -> TokenSinkResult<()> {
        let element: &str = &tag.name;
        if tag.kind == TagKind::EndTag {
            if element == "style" {
                if let Some(css) = self.style.take() {
                    self.css("style", &css);
                }
            }
            if matches!(element, "svg" | "math") {
                self.foreign.set(self.foreign.get().saturating_sub(1));
            }
            return TokenSinkResult::Continue;
        }
        let attribute = |name: &str| {
            tag.attrs
                .iter()
                .find(|a| &*a.name.local == name)
                .map(|a| a.value.to_string())
        };
        for attr in &tag.attrs {
            let name: &str = &attr.name.local;
            let value: &str = &attr.value;
            match name {
                "href" if matches!(element, "a" | "area") => {
                    self.push(element, name, value, Use::Link);
                }
                "href" | "xlink:href" | "src" | "action" | "formaction" | "poster" | "data"
                | "background" | "manifest" | "codebase" | "lowsrc" | "dynsrc" | "icon" => {
                    self.push(element, name, value, Use::Fetch);
                }
                "srcset" | "imagesrcset" => {
                    for url in srcset_urls(value) {
                        self.push(element, name, &url, Use::Fetch);
                    }
                }
                "ping" | "archive" => {
                    for url in value.split(|c: char| c.is_ascii_whitespace() || c == ',') {
                        if !url.is_empty() {
                            self.push(element, name, url, Use::Fetch);
                        }
                    }
                }
                "style" => self.css(&format!("{element} style"), value),
                "srcdoc" => {
                    for mut found in in_html(value) {
                        found.place = format!("{element} srcdoc: {}", found.place);
                        self.found.borrow_mut().push(found);
                    }
                }
                "content"
                    if element == "meta"
                        && attribute("http-equiv")
                            .is_some_and(|e| e.eq_ignore_ascii_case("refresh")) =>
                {
                    if let Some(url) = refresh_url(value) {
                        self.push(element, "refresh", &url, Use::Fetch);
                    }
                }
                _ => {}
            }
        }
        if matches!(element, "svg" | "math") && !tag.self_closing {
            self.foreign.set(self.foreign.get() + 1);
        }
        if self.foreign.get() > 0 {
            return TokenSinkResult::Continue;
        }
        match element {
            "style" => {
                *self.style.borrow_mut() = Some(String::new());
                TokenSinkResult::RawData(RawKind::Rawtext)
            }
            "title" | "textarea" => TokenSinkResult::RawData(RawKind::Rcdata),
            "xmp" | "iframe" | "noembed" | "noframes" => TokenSinkResult::RawData(RawKind::Rawtext),
            "script" => TokenSinkResult::RawData(RawKind::ScriptData),
            "plaintext" => TokenSinkResult::Plaintext,
            // <noscript> stays markup: with JavaScript off, what is inside it loads.
            _ => TokenSinkResult::Continue,
        }
    }
}

/// The URLs of a `srcset` (HTML's "parse a srcset attribute": candidates split at commas
/// outside the descriptors' parentheses, a URL ending in commas ends its candidate).
pub fn srcset_urls(value: &str) -> Vec<String> {
    let mut urls = Vec::new();
    let mut rest = value;
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_ascii_whitespace() || c == ',');
        if rest.is_empty() {
            return urls;
        }
        let end = rest
            .find(|c: char| c.is_ascii_whitespace())
            .unwrap_or(rest.len());
        let url = &rest[..end];
        rest = &rest[end..];
        if url.ends_with(',') {
            urls.push(url.trim_end_matches(',').to_owned());
            continue;
        }
        urls.push(url.to_owned());
        let mut depth = 0usize;
        let mut cut = rest.len();
        for (i, c) in rest.char_indices() {
            match c {
                '(' => depth += 1,
                ')' => depth = depth.saturating_sub(1),
                ',' if depth == 0 => {
                    cut = i;
                    break;
                }
                _ => {}
            }
        }
        rest = &rest[cut..];
    }
}

/// The URL of `<meta http-equiv=refresh content="5; url=…">`.
fn refresh_url(content: &str) -> Option<String> {
    let after = content.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.');
    let after = after.trim_start_matches(|c: char| c.is_ascii_whitespace() || c == ';' || c == ',');
    let after = if after.len() >= 3 && after[..3].eq_ignore_ascii_case("url") {
        after[3..].trim_start().strip_prefix('=')?.trim_start()
    } else {
        after
    };
    let url = after.trim_matches(|c| c == '"' || c == '\'');
    (!url.is_empty()).then(|| url.to_owned())
}

#[test]
fn every_way_a_page_can_load_a_url_is_found() {
    let page = r#"<!doctype html><html manifest="https://a.example/a">
<head><link rel=preload href="https://b.example/b.css"><meta http-equiv="Refresh" content="0; URL='https://c.example/c'">
<style>@import "https://d.example/d.css"; .x { background: image-set("https://e.example/e.png" 1x) }
@font-face { src: url(//f.example/f.woff2) format("woff2") } .y { background: U\72L( 'https://g.example/g.png' ) }</style></head>
<body background=https://h.example/h.png><IMG SRC=//i.example/i.png><img src="https&#58;//j.example/j.png">
<img srcset="/ok.png 1x, https://k.example/k.png 2x"><picture><source srcset="data:image/png;base64,AA 1x,https://l.example/l.webp 2x"></picture>
<video poster='https://m.example/m.jpg'><track src="https://n.example/n.vtt"></video>
<form action="https://o.example/o"><button formaction="//p.example/p">Send</button></form>
<object data="https://q.example/q"></object><div style="background:url(https://r.example/r.png)"></div>
<svg><image href="https://s.example/s.png"/><use xlink:href="https://t.example/t.svg#i"/></svg>
<a href="https://u.example/u" ping="https://v.example/v">a link</a><area href="tel:999">
<iframe srcdoc="<img src=https://w.example/w.png>"></iframe><noscript><img src="https://x.example/x.png"></noscript>
</body></html>"#;
    let found = in_html(page);
    let host = |url: &str| {
        url.split("//")
            .nth(1)
            .and_then(|rest| rest.split(['/', '.']).next())
            .unwrap_or_default()
            .to_owned()
    };
    let fetched: BTreeSet<String> = found
        .iter()
        .filter(|f| f.what == Use::Fetch)
        .map(|f| host(&f.url))
        .collect();
    for letter in "abcdefghijklmnopqrstvwx".chars() {
        assert!(
            fetched.contains(&letter.to_string()),
            "{letter}.example was not found as a load: {found:#?}"
        );
    }
    let links: Vec<&str> = found
        .iter()
        .filter(|f| f.what == Use::Link)
        .map(|f| f.url.as_str())
        .collect();
    assert_eq!(links, ["https://u.example/u", "tel:999"]);
}

#[test]
fn text_scripts_and_form_fields_are_not_urls() {
    let page = r#"<p>See https://a.example and <code>&lt;img src="https://b.example"&gt;</code></p>
<script>const u = "<img src='https://c.example'>"</script><textarea><img src=https://d.example></textarea>
<title><link href=https://e.example></title><p style="content: 'https://f.example'">x</p>"#;
    assert_eq!(in_html(page), Vec::<Found>::new());
}

#[test]
fn srcset_candidates_split_where_html_splits_them() {
    assert_eq!(
        srcset_urls(
            " a.png 1x,b.png 2x , c.png,, data:x,y 3x, d.png (max-width: 3px, 4px) 5w, e.png"
        ),
        ["a.png", "b.png", "c.png", "data:x,y", "d.png", "e.png"]
    );
}

#[test]
fn css_urls_are_read_with_escapes_and_comments() {
    let css = r#"/* url(https://a.example) */ a[href^="http://"]::after { content: " (" attr(href) ")" }
@import url("/own.css"); @IMPORT 'https://b.example/b.css'; .c { background: url( c\.png ) }"#;
    assert_eq!(
        in_css(css),
        ["/own.css", "https://b.example/b.css", "c.png"]
    );
}
