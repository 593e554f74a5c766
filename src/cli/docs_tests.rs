//! What the documents say about the code, checked against it: `.env.example` and the
//! README's configuration table list exactly the settings clap reads, and the README's
//! code layout names every module of `src` and no file that is gone.

use std::path::{Path, PathBuf};

use super::known_variables;

const README: &str = include_str!("../../README.md");

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn every_setting_in_env_example_is_known_and_every_known_one_is_documented() {
    let known = known_variables();
    let documented: Vec<String> = include_str!("../../.env.example")
        .lines()
        .filter_map(|line| line.trim_start_matches('#').trim().split('=').next())
        .filter(|name| name.starts_with("CONFIDE_") && !name.contains(' '))
        .map(str::to_owned)
        .collect();
    for name in &documented {
        assert!(known.contains(name), "{name} is documented but not read");
    }
    for name in &known {
        assert!(
            documented.contains(name),
            "{name} is read but not in .env.example"
        );
    }
    assert!(known.contains(&"CONFIDE_SMTP_PASSWORD_FILE".to_owned()));
}

/// The `CONFIDE_` names in the first column of the README's configuration table.
fn configuration_table() -> Vec<String> {
    let table = README
        .split_once("| variable | default | what it is |")
        .expect("the README has its configuration table")
        .1;
    table
        .lines()
        .skip(1)
        .take_while(|line| line.starts_with('|'))
        .flat_map(|row| {
            let first = row.split('|').nth(1).unwrap_or_default();
            first
                .split(|c: char| !(c.is_ascii_uppercase() || c == '_'))
                .filter(|word| word.starts_with("CONFIDE_"))
                .map(str::to_owned)
                .collect::<Vec<_>>()
        })
        .collect()
}

#[test]
fn the_readme_configuration_table_lists_exactly_the_settings_read() {
    let known = known_variables();
    let listed = configuration_table();
    for name in &listed {
        assert!(
            known.contains(name),
            "the README's table lists {name}, which nothing reads"
        );
    }
    for name in &known {
        assert!(
            listed.contains(name),
            "{name} is read but not in the README's configuration table"
        );
    }
}

/// The README's list of `src`, as (path, description): a line starting `src/` begins an
/// entry; the indented lines after it continue its description.
fn layout() -> Vec<(String, String)> {
    let mut entries: Vec<(String, String)> = Vec::new();
    let block = README
        .split_once("\nsrc/main.rs")
        .expect("the README's layout lists src/main.rs first")
        .1;
    let block = format!(
        "src/main.rs{}",
        block.split("```").next().unwrap_or_default()
    );
    for line in block.lines() {
        if line.starts_with("src/") {
            let (path, text) = line.split_once(' ').unwrap_or((line, ""));
            entries.push((path.to_owned(), text.to_owned()));
        } else if let Some((_, text)) = entries.last_mut() {
            text.push(' ');
            text.push_str(line.trim());
        }
    }
    entries
}

/// Whether `word` stands in `text` as a word of its own (`two_factor`, `insights/`).
fn names(text: &str, word: &str) -> bool {
    text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .any(|w| w == word)
}

/// Every `.rs` file under `dir`.
fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.map(|e| e.path()).unwrap_or_default();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn the_readme_layout_names_every_module_and_no_missing_file() {
    let entries = layout();
    assert!(entries.len() > 10, "{entries:?}");
    for (path, _) in &entries {
        let on_disk = root().join(path);
        let there = if path.ends_with('/') {
            on_disk.is_dir()
        } else {
            on_disk.is_file()
        };
        assert!(
            there,
            "the README's layout lists {path}, which is not there"
        );
    }
    let mut files = Vec::new();
    rust_files(&root().join("src"), &mut files);
    for file in files {
        let relative = file
            .strip_prefix(root())
            .unwrap_or(&file)
            .to_string_lossy()
            .replace('\\', "/");
        let (folder, name) = relative.rsplit_once('/').unwrap_or(("", &relative));
        let stem = name.trim_end_matches(".rs");
        let listed = entries.iter().any(|(path, text)| {
            *path == relative
                || (path.trim_end_matches('/') == folder && (stem == "mod" || names(text, stem)))
        });
        assert!(
            listed,
            "{relative} is not in the README's layout: list it, or name `{stem}` in {folder}/'s line"
        );
        // A folder of modules is itself named by the folder above it, or listed.
        if stem == "mod" {
            let (parent, me) = folder.rsplit_once('/').unwrap_or(("", folder));
            let named = entries
                .iter()
                .any(|(path, text)| path.trim_end_matches('/') == parent && names(text, me));
            assert!(
                named || parent == "src",
                "{folder}/ is not named in {parent}/'s line of the README's layout"
            );
        }
    }
}

#[test]
fn every_source_path_the_readme_names_is_there() {
    let tokens = README
        .split(|c: char| !(c.is_ascii_alphanumeric() || "_./-".contains(c)))
        .filter(|t| t.contains('/') && (t.starts_with("src/") || t.ends_with(".rs")));
    let mut checked = 0;
    for token in tokens {
        let token = token.trim_end_matches('.');
        let path = if ["src/", "tests/", "benches/", "vendor/"]
            .iter()
            .any(|top| token.starts_with(top))
        {
            root().join(token)
        } else {
            // `views/text.rs` and the like are under src.
            root().join("src").join(token)
        };
        assert!(
            path.exists(),
            "the README names {token}, which is not there"
        );
        checked += 1;
    }
    assert!(checked > 30, "only {checked} paths found in the README");
}
