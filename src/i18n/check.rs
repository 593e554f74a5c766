//! Is a translation complete against English? Every key of English and no other, every
//! value (`{ $name }`) English puts in each message, and plural forms only from the
//! language's own CLDR categories (Welsh has six, Polish four, Urdu two).

use std::collections::{BTreeMap, BTreeSet};

use fluent_syntax::ast::{
    Entry, Expression, InlineExpression, Pattern, PatternElement, VariantKey,
};
use intl_pluralrules::{PluralCategory, PluralRuleType, PluralRules};

use crate::domain::language::Language;

/// What one message uses: the variables in it, and those it chooses a plural form by.
#[derive(Debug, Default)]
struct Uses {
    variables: BTreeSet<String>,
    plural: BTreeSet<String>,
    /// Every identifier key of every select, with the variable it selects on.
    keys: Vec<(String, String)>,
}

const CATEGORIES: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

fn category_name(c: &PluralCategory) -> &'static str {
    match c {
        PluralCategory::ZERO => "zero",
        PluralCategory::ONE => "one",
        PluralCategory::TWO => "two",
        PluralCategory::FEW => "few",
        PluralCategory::MANY => "many",
        PluralCategory::OTHER => "other",
    }
}

fn rules(lang: Language) -> Option<PluralRules> {
    let id = lang
        .primary()
        .parse::<unic_langid::LanguageIdentifier>()
        .ok()?;
    PluralRules::create(id, PluralRuleType::CARDINAL).ok()
}

/// The whole numbers asked about: enough to meet every category of every language here.
fn whole_numbers() -> impl Iterator<Item = i64> {
    (0..=2000).chain((3..=1000).map(|k| k * 1000))
}

/// The CLDR cardinal plural categories of a language, found by asking its rules about
/// whole numbers and decimals (Fluent picks the rules the same way).
pub fn plural_categories(lang: Language) -> BTreeSet<&'static str> {
    let Some(rules) = rules(lang) else {
        return BTreeSet::from(["other"]);
    };
    let mut found: BTreeSet<&'static str> =
        plural_examples(lang).into_iter().map(|(c, _)| c).collect();
    for decimal in ["0.5", "1.5", "2.5", "1.0", "0.0"] {
        if let Ok(c) = rules.select(decimal) {
            found.insert(category_name(&c));
        }
    }
    found
}

/// The smallest whole number of each plural category a count can be in (1 for `one`,
/// 3 for Welsh `few`): to write a script's template for each category.
pub fn plural_examples(lang: Language) -> Vec<(&'static str, i64)> {
    let Some(rules) = rules(lang) else {
        return vec![("other", 5)];
    };
    let mut found: Vec<(&'static str, i64)> = Vec::new();
    for n in whole_numbers() {
        if let Ok(c) = rules.select(n) {
            let name = category_name(&c);
            if !found.iter().any(|(seen, _)| *seen == name) {
                found.push((name, n));
            }
        }
    }
    found
}

fn inline(expr: &InlineExpression<&str>, uses: &mut Uses) {
    match expr {
        InlineExpression::VariableReference { id } => {
            uses.variables.insert(id.name.to_owned());
        }
        InlineExpression::FunctionReference { arguments, .. } => {
            for arg in &arguments.positional {
                inline(arg, uses);
            }
        }
        InlineExpression::Placeable { expression } => expression_uses(expression, uses),
        _ => {}
    }
}

fn selector_variable(expr: &InlineExpression<&str>) -> Option<String> {
    match expr {
        InlineExpression::VariableReference { id } => Some(id.name.to_owned()),
        InlineExpression::FunctionReference { arguments, .. } => {
            arguments.positional.first().and_then(selector_variable)
        }
        _ => None,
    }
}

fn expression_uses(expr: &Expression<&str>, uses: &mut Uses) {
    match expr {
        Expression::Inline(expr) => inline(expr, uses),
        Expression::Select { selector, variants } => {
            inline(selector, uses);
            let on = selector_variable(selector).unwrap_or_default();
            let names: Vec<&str> = variants
                .iter()
                .filter_map(|v| match &v.key {
                    VariantKey::Identifier { name } => Some(*name),
                    VariantKey::NumberLiteral { .. } => None,
                })
                .collect();
            if !names.is_empty() && names.iter().all(|n| CATEGORIES.contains(n)) {
                uses.plural.insert(on.clone());
            }
            uses.keys
                .extend(names.iter().map(|n| (on.clone(), (*n).to_owned())));
            for variant in variants {
                pattern_uses(&variant.value, uses);
            }
        }
    }
}

fn pattern_uses(pattern: &Pattern<&str>, uses: &mut Uses) {
    for element in &pattern.elements {
        if let PatternElement::Placeable { expression } = element {
            expression_uses(expression, uses);
        }
    }
}

/// Every message and term of a catalogue with what it uses; or the parser's complaint.
fn entries(source: &str) -> Result<BTreeMap<String, Uses>, String> {
    let resource = fluent_syntax::parser::parse(source)
        .map_err(|(_, errors)| format!("does not parse: {errors:?}"))?;
    let mut out = BTreeMap::new();
    for entry in &resource.body {
        let (id, value, attributes) = match entry {
            Entry::Message(m) => (m.id.name.to_owned(), m.value.as_ref(), &m.attributes),
            Entry::Term(t) => (format!("-{}", t.id.name), Some(&t.value), &t.attributes),
            _ => continue,
        };
        let mut uses = Uses::default();
        if let Some(value) = value {
            pattern_uses(value, &mut uses);
        }
        for attribute in attributes {
            pattern_uses(&attribute.value, &mut uses);
        }
        out.insert(id, uses);
    }
    Ok(out)
}

/// Every problem of `translation` (in `lang`) against `english`, one line each; empty
/// when it is complete.
pub fn problems(lang: Language, english: &str, translation: &str) -> Vec<String> {
    let (english, theirs) = match (entries(english), entries(translation)) {
        (Ok(e), Ok(t)) => (e, t),
        (Err(e), _) => return vec![format!("English {e}")],
        (_, Err(e)) => return vec![e],
    };
    let categories = plural_categories(lang);
    let mut out = Vec::new();
    for (key, source) in &english {
        let Some(translated) = theirs.get(key) else {
            out.push(format!("missing key {key}"));
            continue;
        };
        for var in source.variables.difference(&translated.variables) {
            out.push(format!("{key}: missing variable ${var}"));
        }
        for var in translated.variables.difference(&source.variables) {
            out.push(format!(
                "{key}: unknown variable ${var} (English has no such value)"
            ));
        }
        for (on, name) in &translated.keys {
            let plural = source.plural.contains(on) || translated.plural.contains(on);
            if plural && !categories.contains(name.as_str()) {
                out.push(format!(
                    "{key}: plural form [{name}] is not one of {}'s: {}",
                    lang.english_name(),
                    categories.iter().copied().collect::<Vec<_>>().join(" ")
                ));
            }
        }
    }
    for key in theirs.keys().filter(|k| !english.contains_key(*k)) {
        out.push(format!("extra key {key} (not in English)"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_language_has_its_cldr_plural_categories() {
        let names = |lang| {
            plural_categories(lang)
                .into_iter()
                .collect::<Vec<_>>()
                .join(" ")
        };
        assert_eq!(names(Language::Cy), "few many one other two zero");
        assert_eq!(names(Language::Ar), "few many one other two zero");
        assert_eq!(names(Language::Pl), "few many one other");
        assert_eq!(names(Language::Ro), "few one other");
        assert_eq!(names(Language::EnGb), "one other");
        assert_eq!(names(Language::Ur), "one other");
    }

    const EN: &str = "hello = Hello, { $name }.\nbye = Bye\npictures = { $count ->\n    [one] 1 picture\n   *[other] { $count } pictures\n}\n";

    #[test]
    fn a_complete_translation_has_no_problems() {
        let cy = "hello = Helo, { $name }.\nbye = Hwyl\npictures = { $count ->\n    [zero] dim\n    [one] 1 llun\n    [two] 2 lun\n   *[other] { $count } llun\n}\n";
        assert_eq!(problems(Language::Cy, EN, cy), Vec::<String>::new());
    }

    #[test]
    fn missing_and_extra_keys_variables_and_wrong_plurals_are_named() {
        let pl = "hello = Cześć.\nextra = Nie\npictures = { $count ->\n    [one] 1 zdjęcie\n    [two] 2 zdjęcia\n   *[other] { $count } zdjęć\n}\n";
        assert_eq!(
            problems(Language::Pl, EN, pl),
            [
                "missing key bye",
                "hello: missing variable $name",
                "pictures: plural form [two] is not one of Polish's: few many one other",
                "extra key extra (not in English)",
            ]
        );
    }
}
