//! The layers of the code and the one direction of imports between them, checked from
//! the source: each top-level module may import only modules of a lower layer, so there
//! is no cycle; the domain imports nothing; only the store and the database layer touch
//! the schema; only the layers below the use cases speak SQL; and only one small module
//! may use `unsafe`.
#![expect(
    clippy::unwrap_used,
    reason = "a test should stop loudly at the first surprise"
)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Each top-level module and its layer: imports go to strictly lower layers only.
const LAYERS: &[(&str, u8)] = &[
    ("domain", 0),
    ("time", 1),
    ("crypto", 1),
    ("mail", 1),
    ("content", 1),
    ("assets", 1),
    ("images", 1),
    ("memory", 0),
    ("config", 2),
    ("keystore", 2),
    ("blobs", 1),
    ("db", 3),
    ("store", 4),
    ("backup", 4),
    ("app", 5),
    ("views", 6),
    ("web", 7),
    ("startup", 8),
    ("demo", 9),
    ("cli", 10),
];

/// Every Rust file under `dir`, with the top-level module it belongs to.
fn sources(dir: &Path, top: Option<&str>, out: &mut Vec<(String, String, String)>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let module = top.map_or(name.clone(), str::to_owned);
        if path.is_dir() {
            sources(&path, Some(&module), out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(&path).unwrap();
            out.push((module, path.display().to_string(), text));
        }
    }
}

/// The names after every `crate::` in some source text.
fn crate_paths(text: &str) -> Vec<String> {
    text.match_indices("crate::")
        .map(|(at, _)| {
            text[at + 7..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == ':')
                .collect::<String>()
        })
        .collect()
}

fn all_sources() -> Vec<(String, String, String)> {
    let mut files = Vec::new();
    sources(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        None,
        &mut files,
    );
    files.retain(|(module, _, _)| module != "lib" && module != "main");
    files
}

#[test]
fn every_import_points_to_a_lower_layer_so_there_is_no_cycle() {
    let layer: BTreeMap<&str, u8> = LAYERS.iter().copied().collect();
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (module, path, text) in all_sources() {
        let own = *layer
            .get(module.as_str())
            .unwrap_or_else(|| panic!("{path}: module {module} has no layer in LAYERS"));
        for used in crate_paths(&text) {
            let target = used.split("::").next().unwrap().to_owned();
            if target == module {
                continue;
            }
            let theirs = *layer
                .get(target.as_str())
                .unwrap_or_else(|| panic!("{path}: imports unknown module {target}"));
            assert!(
                theirs < own,
                "{path}: {module} (layer {own}) imports {target} (layer {theirs}); imports must point down"
            );
            edges.entry(module.clone()).or_default().insert(target);
        }
    }
    assert!(
        !edges.contains_key("domain"),
        "the domain imports {:?}",
        edges["domain"]
    );
    // The modules the redesign untangled, for the record: none imports one above it.
    for (low, high) in [
        ("db", "store"),
        ("store", "app"),
        ("mail", "app"),
        ("config", "db"),
    ] {
        assert!(
            !edges.get(low).is_some_and(|e| e.contains(high)),
            "{low} imports {high}"
        );
    }
}

#[test]
fn routing_policy_is_a_pure_leaf() {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("src/domain/routing.rs"),
    )
    .unwrap();
    let code = text.split("#[cfg(test)]").next().unwrap();
    assert!(crate_paths(code).is_empty(), "routing imports the crate");
    for line in code.lines().filter(|l| l.trim_start().starts_with("use ")) {
        assert!(
            line.contains("std::")
                || line.contains("super::choices")
                || line.contains("super::ids"),
            "routing imports more than the domain's ids and choices: {line}"
        );
    }
}

#[test]
fn only_the_store_and_the_database_layer_touch_the_schema() {
    for (module, path, text) in all_sources() {
        if text.contains("db::schema") || text.contains("diesel::") || text.contains("use diesel") {
            assert!(
                ["store", "db", "domain", "time", "backup"].contains(&module.as_str()),
                "{path}: {module} speaks SQL; queries belong in store/"
            );
        }
    }
}

#[test]
fn unsafe_code_is_allowed_in_the_allocator_module_alone() {
    for (module, path, text) in all_sources() {
        if module == "memory" {
            continue;
        }
        assert!(
            !text.contains("unsafe {")
                && !text.contains("unsafe_code")
                && !text.contains("unsafe fn"),
            "{path} uses or allows unsafe code: only src/memory.rs may"
        );
    }
}
