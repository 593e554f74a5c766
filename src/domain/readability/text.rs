//! The words a reader sees in rendered HTML or a Fluent catalogue, one block a line,
//! so the readability measure never counts markup as words.

/// Tags that start or end a block: each heading, paragraph and list item becomes a line.
const BLOCK_TAGS: &[&str] = &[
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "br",
    "div",
    "blockquote",
    "pre",
    "hr",
    "tr",
    "td",
    "th",
    "dt",
    "dd",
    "summary",
    "details",
    "section",
];

/// The text of an HTML fragment: tags dropped, each block on its own line, the
/// common entities decoded. Link addresses are attributes, so they are dropped too.
pub fn html_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('>') else {
            rest = &rest[open..];
            break;
        };
        let tag = &rest[open + 1..open + close];
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect::<String>()
            .to_ascii_lowercase();
        if BLOCK_TAGS.contains(&name.as_str()) {
            out.push('\n');
        }
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
    decode_entities(&out)
}

fn decode_entities(text: &str) -> String {
    [
        ("&lt;", "<"),
        ("&gt;", ">"),
        ("&quot;", "\""),
        ("&#39;", "'"),
        ("&#x27;", "'"),
        ("&apos;", "'"),
        ("&nbsp;", " "),
        ("&amp;", "&"),
    ]
    .iter()
    .fold(text.to_owned(), |acc, (entity, plain)| {
        acc.replace(entity, plain)
    })
}

/// The text of a Fluent (`.ftl`) file: each message, attribute and variant value on
/// its own line; comments, identifiers, attribute names, variant keys and placeables
/// (`{ $name }`, `{ -term }`, the selector of `{ $n -> ... }`) left out. Terms
/// (`-brand = ...`) are left out whole: Fluent keeps names there.
pub fn fluent_text(ftl: &str) -> String {
    let mut out = String::new();
    let mut in_term = false;
    for line in ftl.lines() {
        let trimmed = line.trim();
        if trimmed.is_empty() || line.starts_with('#') || trimmed == "}" {
            out.push('\n');
            continue;
        }
        let indented = line.starts_with([' ', '\t']);
        if !indented {
            in_term = line.starts_with('-');
        }
        if in_term {
            continue;
        }
        let value = if !indented {
            // `id = value` or `-term = value`: a new entry
            out.push('\n');
            line.split_once('=').map_or("", |(_, value)| value)
        } else if let Some(value) = attribute_value(trimmed) {
            out.push('\n');
            value
        } else if let Some(value) = variant_value(trimmed) {
            out.push('\n');
            value
        } else {
            // a continuation line of a multi-line value
            out.push(' ');
            trimmed
        };
        out.push_str(&without_placeables(value));
    }
    out
}

/// `.name = value` inside an entry.
fn attribute_value(trimmed: &str) -> Option<&str> {
    let (name, value) = trimmed.strip_prefix('.')?.split_once('=')?;
    is_identifier(name.trim()).then_some(value)
}

/// `[key] value` or `*[key] value` inside a select expression.
fn variant_value(trimmed: &str) -> Option<&str> {
    let rest = trimmed.strip_prefix('*').unwrap_or(trimmed);
    let (key, value) = rest.strip_prefix('[')?.split_once(']')?;
    is_identifier(key.trim()).then_some(value)
}

fn is_identifier(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.')
}

/// A value without its `{ ... }` placeables; an opening `{` left unclosed on the line
/// (a select expression's selector) drops the rest of the line.
fn without_placeables(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut depth = 0usize;
    for c in value.chars() {
        match c {
            '{' => depth += 1,
            '}' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out.trim().to_owned()
}

#[cfg(test)]
mod tests {
    use super::{fluent_text, html_text};

    fn lines(text: &str) -> Vec<&str> {
        text.lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect()
    }

    #[test]
    fn html_blocks_become_lines_and_markup_goes() {
        let html = "<h2>What it is</h2>\n<p>Talk to <a href=\"https://www.childline.org.uk\">Childline</a> &amp; a <strong>teacher</strong>.</p>\n<ul>\n<li>hitting</li>\n<li>name-calling</li>\n</ul>\n";
        assert_eq!(
            lines(&html_text(html)),
            [
                "What it is",
                "Talk to Childline & a teacher.",
                "hitting",
                "name-calling"
            ]
        );
    }

    #[test]
    fn fluent_syntax_is_left_out() {
        let ftl = "# A comment\n## Group comment\nhello = Hello, { $name }!\nexit-button = Exit this page\n    .title = Leave this site now\nlong =\n    This value goes\n    over two lines.\n-brand = Confide\n    .gender = neuter\nmessages = { $count ->\n    [one] You have one message.\n   *[other] You have { $count } messages.\n}\nabout = About { -brand }.\n";
        assert_eq!(
            lines(&fluent_text(ftl)),
            [
                "Hello, !",
                "Exit this page",
                "Leave this site now",
                "This value goes over two lines.",
                "You have one message.",
                "You have  messages.",
                "About ."
            ]
        );
    }
}
