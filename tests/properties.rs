//! Property tests of the parsers that read what strangers send: the report form (as
//! URL-encoded bytes and as fields), the receipt code and the Range header. A bounded
//! number of cases runs in CI (PROPTEST_CASES, 256 by default here); a long run is
//! `PROPTEST_CASES=200000 cargo test --release --test properties`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test should stop loudly at the first surprise"
)]

use confide::assets::{parse_single_range, RangeAnswer};
use confide::crypto::receipt::ReceiptCode;
use confide::domain::report::{
    followup_message, validate, ReportInput, CONTACT_MAX, MESSAGE_MAX, NAME_MAX, WHAT_MAX,
    WHEN_MAX, WHO_MAX,
};
use proptest::prelude::*;

fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(256);
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Text a pupil or an attacker might send: any characters, often near the limits.
fn text(max: usize) -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        prop::collection::vec(any::<char>(), 0..max + 40).prop_map(|c| c.into_iter().collect()),
        (0..max + 10).prop_map(|n| "é".repeat(n)),
    ]
}

fn choice(valid: &'static [&'static str]) -> impl Strategy<Value = Option<String>> {
    prop_oneof![
        Just(None),
        prop::sample::select(valid).prop_map(|v| Some(v.to_owned())),
        any::<String>().prop_map(Some),
    ]
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn any_form_body_is_read_or_refused_without_panicking(body in prop::collection::vec(any::<u8>(), 0..4096)) {
        // What actix's Form extractor does with the bytes, then the validation.
        if let Ok(input) = serde_urlencoded::from_bytes::<ReportInput>(&body) {
            let _ = validate(&input);
        }
    }

    #[test]
    fn a_valid_report_is_always_within_its_limits_and_tidied(
        category in choice(&["bullying", "weapons", "other"]),
        location in choice(&["toilets", "online"]),
        happening_now in choice(&["yes", "no"]),
        about in choice(&["no", "yes", "unsure"]),
        what in text(WHAT_MAX),
        when in text(WHEN_MAX),
        who in text(WHO_MAX),
        name in text(NAME_MAX),
        contact in text(CONTACT_MAX),
    ) {
        let mut input = ReportInput::default();
        input.category = category;
        input.location = location;
        input.happening_now = happening_now;
        input.about = about;
        input.what = Some(what);
        input.when = Some(when);
        input.who = Some(who);
        input.name = Some(name);
        input.contact = Some(contact);
        match validate(&input) {
            Ok(report) => {
                let d = &report.details;
                prop_assert!(!d.what.is_empty());
                for (value, max) in [(&d.what, WHAT_MAX), (&d.when, WHEN_MAX), (&d.who, WHO_MAX), (&d.name, NAME_MAX), (&d.contact, CONTACT_MAX)] {
                    prop_assert!(value.chars().count() <= max);
                    prop_assert_eq!(value.trim(), value.as_str());
                    prop_assert!(!value.contains("\r\n"));
                }
            }
            Err(errors) => prop_assert!(!errors.is_empty()),
        }
    }

    #[test]
    fn follow_up_messages_are_tidied_or_refused(raw in text(MESSAGE_MAX)) {
        if let Ok(text) = followup_message(&raw) {
            prop_assert!(!text.is_empty() && text.chars().count() <= MESSAGE_MAX);
        }
    }

    #[test]
    fn receipt_codes_read_back_however_they_are_typed(lower in any::<bool>(), dashes in any::<bool>()) {
        let code = ReceiptCode::generate();
        let mut typed = code.grouped().to_string();
        if lower {
            typed = typed.to_lowercase();
        }
        if dashes {
            typed = typed.replace(' ', "-");
        }
        let back = ReceiptCode::parse(&typed);
        prop_assert!(back.is_some());
        prop_assert_eq!(back.unwrap().grouped().to_string(), code.grouped().to_string());
    }

    #[test]
    fn any_typed_receipt_code_parses_to_a_code_that_reads_back_the_same(raw in any::<String>()) {
        if let Some(code) = ReceiptCode::parse(&raw) {
            let grouped = code.grouped().to_string();
            let again = ReceiptCode::parse(&grouped).expect("a grouped code parses");
            prop_assert_eq!(again.grouped().to_string(), grouped);
        }
    }

    #[test]
    fn any_range_header_gives_bytes_inside_the_file(
        header in prop_oneof![
            any::<String>(),
            (any::<u32>(), any::<u32>()).prop_map(|(a, b)| format!("bytes={a}-{b}")),
            any::<u32>().prop_map(|a| format!("bytes=-{a}")),
            any::<u32>().prop_map(|a| format!("bytes={a}-")),
            (any::<u16>(), any::<u16>(), any::<u16>()).prop_map(|(a, b, c)| format!("bytes={a}-{b},{c}-")),
        ],
        total in 0u64..10_000_000,
    ) {
        match parse_single_range(&header, total) {
            RangeAnswer::Partial(range) => {
                prop_assert!(range.start() <= range.end());
                prop_assert!(*range.end() < total);
            }
            RangeAnswer::Unsatisfiable => prop_assert!(total > 0),
            RangeAnswer::Whole => {}
        }
    }
}
