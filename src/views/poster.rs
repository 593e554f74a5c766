//! A school's poster: its Confide address as words and a QR code, what to do in an
//! emergency, and when reports are read. As a printable A4 page and as an SVG file.

use maud::{html, Markup, PreEscaped};

use super::layout::Site;
use super::staff::{page, Viewer};
use crate::store::schools::School;

/// The QR code of an address, as an SVG element (no XML declaration), drawn here from our
/// own address: only path data and numbers.
fn qr_svg(url: &str, extra: &str) -> String {
    let Ok(code) = qrcode::QrCode::new(url.as_bytes()) else {
        return String::new();
    };
    let svg = code
        .render::<qrcode::render::svg::Color<'_>>()
        .min_dimensions(300, 300)
        .quiet_zone(true)
        .build();
    svg.split_once("<svg")
        .map_or(String::new(), |(_, rest)| format!("<svg {extra}{rest}"))
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

pub fn address(public_url: &str, school: &School) -> String {
    format!("{public_url}/s/{}", school.slug)
}

/// The printable page (A4 when printed).
pub fn poster_page(site: &Site, viewer: &Viewer<'_>, school: &School, public_url: &str) -> Markup {
    let url = address(public_url, school);
    let qr = qr_svg(
        &url,
        r#"class="confide-poster__qr" role="img" aria-label="QR code for the address below""#,
    );
    page(
        site,
        &format!("Poster for {}", school.name),
        Some(viewer),
        html! {
            div class="confide-no-print" {
                a class="govuk-back-link" href="/staff/admin" { "Back to administration" }
                p class="govuk-body" {
                    "Print this page on A4 (your browser's print window can also save it as a PDF), or "
                    a class="govuk-link" href={ "/staff/admin/schools/" (school.id) "/poster.svg" } download { "download it as an SVG file" }
                    " for your own designs."
                }
            }
            div class="confide-poster" {
                p class="govuk-caption-l" { (school.name) }
                h1 class="govuk-heading-xl" { "Worried about something? Tell us safely." }
                p class="govuk-body-l" { "You can report bullying, knives, gangs, online abuse or anything that worries you, from school, home or anywhere. You do not have to give your name." }
                (PreEscaped(qr))
                p class="govuk-body confide-poster__address" { (url) }
                h2 class="govuk-heading-m" { "When reports are read" }
                p class="govuk-body" { (school.reading_hours) ". Reports are not watched all the time." }
                div class="govuk-warning-text" {
                    span class="govuk-warning-text__icon" aria-hidden="true" { "!" }
                    strong class="govuk-warning-text__text" {
                        span class="govuk-visually-hidden" { "Warning" }
                        "In danger now? Call 999. To talk to someone now, call Childline free on 0800 1111, any time."
                    }
                }
            }
        },
    )
}

/// The same poster as a standalone A4 SVG document.
pub fn poster_svg(school: &School, public_url: &str) -> String {
    let url = address(public_url, school);
    let qr = qr_svg(&url, r#"x="55" y="120" width="100" height="100""#);
    let font =
        r#"font-family="system-ui, -apple-system, Segoe UI, Roboto, Helvetica, Arial, sans-serif""#;
    format!(
        r##"<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="210mm" height="297mm" viewBox="0 0 210 297" {font}>
<title>Confide poster for {name}</title>
<rect x="6" y="6" width="198" height="285" fill="#ffffff" stroke="#1d70b8" stroke-width="2"/>
<text x="105" y="28" font-size="8" text-anchor="middle" fill="#505a5f">{name}</text>
<text x="105" y="50" font-size="13" font-weight="700" text-anchor="middle" fill="#0b0c0c">Worried about something?</text>
<text x="105" y="66" font-size="13" font-weight="700" text-anchor="middle" fill="#0b0c0c">Tell us safely.</text>
<text x="105" y="86" font-size="6" text-anchor="middle" fill="#0b0c0c">Report bullying, knives, gangs, online abuse or anything that worries you,</text>
<text x="105" y="95" font-size="6" text-anchor="middle" fill="#0b0c0c">from school, home or anywhere. You do not have to give your name.</text>
{qr}
<text x="105" y="236" font-size="7" font-weight="700" text-anchor="middle" fill="#0b0c0c">{url}</text>
<text x="105" y="252" font-size="5.5" text-anchor="middle" fill="#0b0c0c">Reports are read: {hours}</text>
<rect x="20" y="260" width="170" height="20" fill="#0b0c0c"/>
<text x="105" y="268" font-size="5.5" font-weight="700" text-anchor="middle" fill="#ffffff">In danger now? Call 999.</text>
<text x="105" y="276" font-size="5.5" text-anchor="middle" fill="#ffffff">To talk to someone now, call Childline free on 0800 1111.</text>
</svg>
"##,
        name = escape(&school.name),
        url = escape(&url),
        hours = escape(&school.reading_hours),
    )
}
