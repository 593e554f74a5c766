//! A school's poster: its Confide address as words and a QR code, what to do in an
//! emergency, and when reports are read. As a printable A4 page and as an SVG file.

use maud::{html, Markup, PreEscaped};

use super::layout::Site;
use super::staff::{page, Viewer};
use crate::i18n::Tr;
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

/// The school's address in the poster's language (`…/cy/s/oakfield` for Welsh).
pub fn address(public_url: &str, school: &School, tr: &Tr<'_>) -> String {
    format!("{public_url}{}", tr.href(&format!("/s/{}", school.slug)))
}

/// The printable page (A4 when printed), in the language chosen above it.
pub fn poster_page(
    site: &Site,
    viewer: &Viewer<'_>,
    school: &School,
    public_url: &str,
    tr: &Tr<'_>,
) -> Markup {
    let url = address(public_url, school, tr);
    let lang = tr.lang();
    let qr = qr_svg(
        &url,
        &format!(
            r#"class="confide-poster__qr" role="img" aria-label="{}""#,
            escape(&tr.t("poster-qr-label"))
        ),
    );
    let svg_href = format!(
        "/staff/admin/schools/{}/poster.svg?language={}",
        school.id,
        lang.code()
    );
    page(
        site,
        &format!("Poster for {}", school.name),
        Some(viewer),
        html! {
            div class="confide-no-print" {
                a class="govuk-back-link" href="/staff/admin" { "Back to administration" }
                form method="get" class="govuk-!-margin-bottom-4" {
                    div class="govuk-form-group" {
                        label class="govuk-label" for="language" { "Language of the poster" }
                        select class="govuk-select" id="language" name="language" {
                            @for other in &site.languages {
                                option value=(other.code()) selected[*other == lang] lang=(other.code()) { (other.autonym()) " (" (other.english_name()) ")" }
                            }
                        }
                    }
                    button type="submit" class="govuk-button govuk-button--secondary" { "Show the poster in this language" }
                }
                p class="govuk-body" {
                    "Print this page on A4 (your browser's print window can also save it as a PDF), or "
                    a class="govuk-link" href=(svg_href) download { "download it as an SVG file" }
                    " for your own designs."
                }
            }
            div class="confide-poster" lang=(lang.code()) dir=(lang.direction().as_str()) {
                p class="govuk-caption-l" { (school.name) }
                h1 class="govuk-heading-xl" { (tr.t("poster-heading")) }
                p class="govuk-body-l" { (tr.t("poster-intro")) }
                (PreEscaped(qr))
                p class="govuk-body confide-poster__address" dir="ltr" { (url) }
                h2 class="govuk-heading-m" { (tr.t("poster-hours-heading")) }
                p class="govuk-body" { (tr.with("poster-hours", &[("hours", school.reading_hours.as_str().into())])) }
                div class="govuk-warning-text" {
                    span class="govuk-warning-text__icon" aria-hidden="true" { "!" }
                    strong class="govuk-warning-text__text" {
                        span class="govuk-visually-hidden" { (tr.t("warning")) }
                        (tr.t("poster-danger"))
                    }
                }
            }
        },
    )
}

/// The same poster as a standalone A4 SVG document.
pub fn poster_svg(school: &School, public_url: &str, tr: &Tr<'_>) -> String {
    let url = address(public_url, school, tr);
    let qr = qr_svg(&url, r#"x="55" y="120" width="100" height="100""#);
    let font =
        r#"font-family="system-ui, -apple-system, Segoe UI, Roboto, Helvetica, Arial, sans-serif""#;
    let lang = tr.lang();
    let t = |key: &str| escape(&tr.t(key));
    format!(
        r##"<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="210mm" height="297mm" viewBox="0 0 210 297" {font} xml:lang="{code}" direction="{dir}">
<title>Confide poster for {name}</title>
<rect x="6" y="6" width="198" height="285" fill="#ffffff" stroke="#1d70b8" stroke-width="2"/>
<text x="105" y="28" font-size="8" text-anchor="middle" fill="#505a5f">{name}</text>
<text x="105" y="50" font-size="13" font-weight="700" text-anchor="middle" fill="#0b0c0c">{heading1}</text>
<text x="105" y="66" font-size="13" font-weight="700" text-anchor="middle" fill="#0b0c0c">{heading2}</text>
<text x="105" y="86" font-size="6" text-anchor="middle" fill="#0b0c0c">{intro1}</text>
<text x="105" y="95" font-size="6" text-anchor="middle" fill="#0b0c0c">{intro2}</text>
{qr}
<text x="105" y="236" font-size="7" font-weight="700" text-anchor="middle" fill="#0b0c0c" direction="ltr">{url}</text>
<text x="105" y="252" font-size="5.5" text-anchor="middle" fill="#0b0c0c">{hours}</text>
<rect x="20" y="260" width="170" height="20" fill="#0b0c0c"/>
<text x="105" y="268" font-size="5.5" font-weight="700" text-anchor="middle" fill="#ffffff">{danger1}</text>
<text x="105" y="276" font-size="5.5" text-anchor="middle" fill="#ffffff">{danger2}</text>
</svg>
"##,
        code = lang.code(),
        dir = lang.direction().as_str(),
        name = escape(&school.name),
        url = escape(&url),
        heading1 = t("poster-heading-1"),
        heading2 = t("poster-heading-2"),
        intro1 = t("poster-intro-1"),
        intro2 = t("poster-intro-2"),
        hours = escape(&tr.with(
            "poster-hours-line",
            &[("hours", school.reading_hours.as_str().into())]
        )),
        danger1 = t("poster-danger-1"),
        danger2 = t("poster-danger-2"),
    )
}
