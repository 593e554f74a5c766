//! Two-step sign-in pages: the code after the password, setting up an authenticator app
//! (a QR code drawn here as SVG, and the secret as text), the recovery codes shown once,
//! and confirming again before a sensitive action.

use maud::{html, Markup, PreEscaped};

use super::forms::{error_for, error_message, error_summary, TextField};
use super::layout::Site;
use super::staff::{csrf, page, Viewer};
use crate::app::two_factor::Enrolment;
use crate::crypto::totp::RecoveryCode;
use crate::domain::msg::FieldError;

/// The code from the app (a phone offers its number pad, and the code from a text or the
/// app's own suggestion), or with `recovery` one of the printed recovery codes (letters too).
fn code_field(errors: &[FieldError], label: &str, recovery: bool) -> Markup {
    let error = error_for(errors, "code");
    let hint = if recovery {
        "One of the recovery codes you printed, like 7KQ3M-9XMA2. Each works once."
    } else {
        "The 6 numbers your authenticator app shows now."
    };
    let described = if error.is_some() {
        "code-hint code-error"
    } else {
        "code-hint"
    };
    html! {
        div class={ "govuk-form-group" @if error.is_some() { " govuk-form-group--error" } } {
            h2 class="govuk-label-wrapper" {
                label class="govuk-label govuk-label--m" for="code" { (label) }
            }
            div id="code-hint" class="govuk-hint" { (hint) }
            (error_message("code", error))
            @if recovery {
                input type="hidden" name="recovery" value="1";
                input class={ "govuk-input govuk-input--width-20 confide-code-input" @if error.is_some() { " govuk-input--error" } }
                    id="code" name="code" type="text" autocomplete="off" spellcheck="false"
                    autocapitalize="characters" aria-describedby=(described);
            } @else {
                input class={ "govuk-input govuk-input--width-10 confide-code-input" @if error.is_some() { " govuk-input--error" } }
                    id="code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code"
                    spellcheck="false" aria-describedby=(described);
            }
        }
    }
}

/// The link between the two kinds of code.
fn other_code_link(path: &str, recovery: bool) -> Markup {
    html! {
        p class="govuk-body" {
            @if recovery {
                a class="govuk-link" href=(path) { "Use the code from your authenticator app instead" }
            } @else {
                a class="govuk-link" href={ (path) @if path.contains('?') { "&" } @else { "?" } "recovery=1" } { "Use a recovery code instead" }
            }
        }
    }
}

const LOST_PHONE: &str = "Lost your phone? Use one of the recovery codes you printed when you set up two-step sign-in, or ask an administrator to reset it.";

/// After the password: the code from the app. Shown the same whether or not the password
/// was right.
pub fn sign_in_code(site: &Site, errors: &[FieldError], then: &str, recovery: bool) -> Markup {
    let here = if then == "/staff" {
        "/staff/login/code".to_owned()
    } else {
        format!(
            "/staff/login/code?{}",
            serde_urlencoded::to_string([("then", then)]).unwrap_or_default()
        )
    };
    page(
        site,
        "Enter your code",
        None,
        html! {
            div class="govuk-grid-row" {
                div class="govuk-grid-column-one-half" {
                    (error_summary(errors))
                    h1 class="govuk-heading-xl" { "Enter your code" }
                    p class="govuk-body" { "Open the authenticator app on your phone and find Confide." }
                    form method="post" action="/staff/login/code" novalidate {
                        (super::staff::then_field(then))
                        (code_field(errors, "Code", recovery))
                        button type="submit" class="govuk-button" data-module="govuk-button" { "Continue" }
                    }
                    (other_code_link(&here, recovery))
                    p class="govuk-body" { (LOST_PHONE) }
                    p class="govuk-body" { a class="govuk-link" href="/staff/login" { "Start again" } }
                }
            }
        },
    )
}

/// The enrolment QR code, drawn on the server: no request leaves the site.
fn qr(url: &str) -> Markup {
    let Ok(code) = qrcode::QrCode::new(url.as_bytes()) else {
        return html! {};
    };
    let svg = code
        .render::<qrcode::render::svg::Color<'_>>()
        .min_dimensions(200, 200)
        .quiet_zone(true)
        .build();
    let svg = svg
        .split_once("<svg")
        .map_or(String::new(), |(_, rest)| {
            format!(r#"<svg role="img" aria-labelledby="qr-title" focusable="false"{rest}"#)
        })
        .replacen(
            '>',
            r#"><title id="qr-title">QR code to scan with your authenticator app</title>"#,
            1,
        );
    // Made here from our own otpauth address: only path data and numbers, nothing typed.
    html! { div class="confide-qr" { (PreEscaped(svg)) } }
}

/// The top of both set-up pages: the heading, why it is asked for, and what a new phone
/// changes.
fn enrol_intro(errors: &[FieldError], required: bool, replacing: bool) -> Markup {
    html! {
        (error_summary(errors))
        h1 class="govuk-heading-xl" { "Set up two-step sign-in" }
        @if required {
            p class="govuk-body" { "Reports about children are protected by a second step when you sign in: a code from an app on your phone. You need to set it up before you continue." }
        }
        @if replacing {
            div class="govuk-inset-text" { "You already use two-step sign-in. Set it up again here if you have a new phone: your old app keeps working until the new one is confirmed, and you get new recovery codes." }
        }
    }
}

/// Before setting up: what two-step sign-in is, and the button that makes the QR code.
pub fn enrol_start(
    site: &Site,
    viewer: &Viewer<'_>,
    errors: &[FieldError],
    required: bool,
    replacing: bool,
) -> Markup {
    page(
        site,
        "Set up two-step sign-in",
        Some(viewer),
        html! {
            div class="govuk-grid-row" {
                div class="govuk-grid-column-two-thirds" {
                    (enrol_intro(errors, required, replacing))
                    @if !required {
                        p class="govuk-body" { "When you sign in, you give your password and then a code from an app on your phone." }
                    }
                    p class="govuk-body" { "You will need your phone with an authenticator app, for example Microsoft Authenticator, Google Authenticator or the one your organisation gives you." }
                    form method="post" action="/staff/two-factor/start" novalidate {
                        (csrf(viewer))
                        button type="submit" class="govuk-button" data-module="govuk-button" { "Show the QR code" }
                    }
                }
            }
        },
    )
}

/// Setting up an authenticator app.
pub fn enrol(
    site: &Site,
    viewer: &Viewer<'_>,
    enrolment: &Enrolment,
    errors: &[FieldError],
    required: bool,
) -> Markup {
    page(
        site,
        "Set up two-step sign-in",
        Some(viewer),
        html! {
            div class="govuk-grid-row" {
                div class="govuk-grid-column-two-thirds" {
                    (enrol_intro(errors, required, enrolment.replacing))
                    h2 class="govuk-heading-m" { "1. Get an authenticator app" }
                    p class="govuk-body" { "Use any authenticator app, for example Microsoft Authenticator, Google Authenticator or the one your organisation gives you." }
                    h2 class="govuk-heading-m" { "2. Add Confide to the app" }
                    p class="govuk-body" { "Scan this QR code with the app." }
                    (qr(&enrolment.otpauth_url))
                    details class="govuk-details" {
                        summary class="govuk-details__summary" {
                            span class="govuk-details__summary-text" { "I cannot scan the QR code" }
                        }
                        div class="govuk-details__text" {
                            p class="govuk-body" { "Choose to enter a key by hand, and type:" }
                            dl class="govuk-summary-list" {
                                div class="govuk-summary-list__row" {
                                    dt class="govuk-summary-list__key" { "Account" }
                                    dd class="govuk-summary-list__value" { (enrolment.account) }
                                }
                                div class="govuk-summary-list__row" {
                                    dt class="govuk-summary-list__key" { "Key" }
                                    dd class="govuk-summary-list__value" { code class="confide-secret" { (enrolment.secret_text.as_str()) } }
                                }
                                div class="govuk-summary-list__row" {
                                    dt class="govuk-summary-list__key" { "Type" }
                                    dd class="govuk-summary-list__value" { "Time based" }
                                }
                            }
                        }
                    }
                    h2 class="govuk-heading-m" { "3. Enter the code the app shows" }
                    form method="post" action="/staff/two-factor" novalidate {
                        (csrf(viewer))
                        (TextField {
                            words: super::forms::Words::Staff,
                            field: "code",
                            label: "Code from the app",
                            hint: Some("6 numbers. It changes every 30 seconds."),
                            value: "",
                            rows: None,
                            max_chars: None,
                            code: true,
                        }.render(errors))
                        button type="submit" class="govuk-button" data-module="govuk-button" { "Turn on two-step sign-in" }
                    }
                }
            }
        },
    )
}

/// The recovery codes, once.
pub fn recovery_codes(site: &Site, viewer: &Viewer<'_>, codes: &[RecoveryCode]) -> Markup {
    page(
        site,
        "Your recovery codes",
        Some(viewer),
        html! {
            div class="govuk-grid-row" {
                div class="govuk-grid-column-two-thirds" {
                    div class="govuk-panel govuk-panel--confirmation" {
                        h1 class="govuk-panel__title" { "Two-step sign-in is on" }
                    }
                    h2 class="govuk-heading-l" { "Your recovery codes" }
                    div class="govuk-warning-text" {
                        span class="govuk-warning-text__icon" aria-hidden="true" { "!" }
                        strong class="govuk-warning-text__text" { span class="govuk-visually-hidden" { "Warning" } "These are shown once. Print them or write them down now, and keep them somewhere safe away from your phone." }
                    }
                    p class="govuk-body" { "If you lose your phone, each code lets you sign in once instead of a code from the app. You will get an email whenever one is used." }
                    ul class="govuk-list confide-recovery-codes" {
                        @for code in codes { li { code { (code.display().as_str()) } } }
                    }
                    a class="govuk-button" href="/staff" data-module="govuk-button" { "I have kept my codes, continue" }
                }
            }
        },
    )
}

/// Confirming the second factor again before a sensitive action.
pub fn verify(
    site: &Site,
    viewer: &Viewer<'_>,
    then: &str,
    errors: &[FieldError],
    recovery: bool,
) -> Markup {
    let here = format!(
        "/staff/verify?{}",
        serde_urlencoded::to_string([("then", then)]).unwrap_or_default()
    );
    page(
        site,
        "Confirm it is you",
        Some(viewer),
        html! {
            div class="govuk-grid-row" {
                div class="govuk-grid-column-one-half" {
                    (error_summary(errors))
                    h1 class="govuk-heading-xl" { "Confirm it is you" }
                    p class="govuk-body" { "Closed reports, exports, and changes to who can read reports need a fresh code from your authenticator app. You will not be asked again for 10 minutes." }
                    form method="post" action="/staff/verify" novalidate {
                        (csrf(viewer))
                        input type="hidden" name="then" value=(then);
                        (code_field(errors, "Code", recovery))
                        button type="submit" class="govuk-button" data-module="govuk-button" { "Continue" }
                    }
                    (other_code_link(&here, recovery))
                    p class="govuk-body" { (LOST_PHONE) }
                }
            }
        },
    )
}
