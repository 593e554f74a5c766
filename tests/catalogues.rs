//! Every catalogue is complete against English: no key missing or extra, no value
//! (`{ $name }`) missing, plural forms only from the language's CLDR categories. Strict
//! for every language whose `locales/<code>/pupil.ftl` exists (translations land one by
//! one); the test lists what is missing. Also: every key the code asks for is in English.

use std::collections::BTreeSet;
use std::path::Path;

use confide::domain::choices::{About, Category, Location};
use confide::domain::language::Language;
use confide::domain::msg::Msg;
use confide::i18n::{check, Catalogues};
use confide::views::forms::{msg_key, pupil_facing};
use confide::views::report::choice_key;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The problems of every catalogue under `dir` against English, by file.
fn problems_under(dir: &Path) -> (Vec<String>, usize) {
    let english = read(&root().join("locales/en-GB/pupil.ftl"));
    let mut out = Vec::new();
    let mut checked = 0;
    for &lang in Language::ALL.iter().filter(|l| **l != Language::SOURCE) {
        let path = dir.join(lang.code()).join("pupil.ftl");
        if !path.is_file() {
            continue;
        }
        checked += 1;
        for problem in check::problems(lang, &english, &read(&path)) {
            out.push(format!("{}: {problem}", path.display()));
        }
    }
    (out, checked)
}

#[test]
fn every_translation_has_every_english_key_value_and_a_valid_plural() {
    let (problems, checked) = problems_under(&root().join("locales"));
    println!("{checked} translated catalogues checked");
    assert!(
        problems.is_empty(),
        "incomplete catalogues:\n{}",
        problems.join("\n")
    );
}

#[test]
fn the_test_pseudo_translations_are_complete_too() {
    let (problems, checked) = problems_under(&root().join("tests/fixtures/locales"));
    assert_eq!(checked, 3);
    assert!(
        problems.is_empty(),
        "run python3 tests/fixtures/locales/pseudo.py after changing English:\n{}",
        problems.join("\n")
    );
}

#[test]
fn a_missing_key_or_value_fails_the_check() {
    let english = read(&root().join("locales/en-GB/pupil.ftl"));
    let welsh = english
        .replace("skip-link = Skip to main content\n", "")
        .replace("Tell { $school } about", "Tell about");
    let found = check::problems(Language::Cy, &english, &welsh);
    assert_eq!(
        found,
        [
            "school-tell: missing variable $school",
            "missing key skip-link"
        ]
    );
}

#[test]
fn every_catalogue_states_its_review() {
    let catalogues = Catalogues::load(None).unwrap();
    for lang in catalogues.languages() {
        let review = catalogues.catalogue(lang).unwrap().review();
        let text = read(&root().join("locales").join(lang.code()).join("pupil.ftl"));
        assert!(
            text.lines().any(|l| l.starts_with("## review: ")),
            "{} has no `## review:` line",
            lang.code()
        );
        assert_eq!(
            review.is_checked(),
            !review.describe().contains("not yet checked")
        );
    }
}

/// The views that draw pupil pages.
const PUPIL_VIEWS: &[&str] = &[
    "chrome",
    "components",
    "errors",
    "followup",
    "forms",
    "layout",
    "poster",
    "pupil",
    "report",
];

/// Every string literal given to `.t(`, `.with(` or `.rich(` in the pupil views.
fn keys_in_code() -> BTreeSet<String> {
    let mut keys = BTreeSet::new();
    for name in PUPIL_VIEWS {
        let text = read(&root().join("src/views").join(format!("{name}.rs")));
        for call in [".t(\"", ".with(\"", ".rich(\""] {
            for (at, _) in text.match_indices(call) {
                let rest = &text[at + call.len()..];
                let key: String = rest.chars().take_while(|c| *c != '"').collect();
                if !key.contains('{') && !key.contains(' ') {
                    keys.insert(key);
                }
            }
        }
    }
    keys
}

#[test]
fn every_key_the_pupil_pages_use_is_in_english() {
    let catalogues = Catalogues::load(None).unwrap();
    let english = catalogues.catalogue(Language::SOURCE).unwrap();
    let mut wanted = keys_in_code();
    assert!(
        wanted.len() > 100,
        "the scan found too few keys: {wanted:?}"
    );
    wanted.extend(
        Msg::ALL
            .iter()
            .copied()
            .filter(|m| pupil_facing(*m))
            .map(msg_key),
    );
    wanted.extend(
        Category::ALL
            .iter()
            .map(|c| choice_key("category", c.as_str())),
    );
    wanted.extend(
        Location::ALL
            .iter()
            .map(|l| choice_key("location", l.as_str())),
    );
    wanted.extend(About::ALL.iter().map(|a| choice_key("about", a.as_str())));
    for code in ["404", "400", "403", "405", "413", "429", "503", "500"] {
        wanted.insert(format!("error-{code}-title"));
        wanted.insert(format!("error-{code}-text-1"));
    }
    for field in ["what", "when", "who", "name", "contact"] {
        wanted.insert(format!("{field}-label"));
    }
    let missing: Vec<&String> = wanted.iter().filter(|k| !english.has(k)).collect();
    assert!(
        missing.is_empty(),
        "keys used but not in locales/en-GB/pupil.ftl: {missing:?}"
    );
}
