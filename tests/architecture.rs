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
    ("i18n", 1),
    ("assets", 1),
    ("images", 1),
    ("memory", 0),
    ("metrics", 1),
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

/// One source file as a node of the import graph: its module path from the crate root
/// (`app::pupil` for `src/app/pupil/mod.rs`) and its text.
struct SourceFile {
    module: Vec<String>,
    path: String,
    text: String,
    /// The modules it declares (`mod x;`), whose paths it may use without a prefix.
    children: Vec<String>,
}

fn source_files() -> Vec<SourceFile> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    for (_, path, text) in all_sources() {
        let relative = Path::new(&path).strip_prefix(&root).unwrap();
        let mut module: Vec<String> = relative
            .with_extension("")
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        if module.last().is_some_and(|last| last == "mod") {
            module.pop();
        }
        let children = text
            .lines()
            .filter_map(|line| {
                let line = line.trim_start().trim_start_matches("pub ");
                let line = line.trim_start_matches("pub(crate) ");
                let name = line.strip_prefix("mod ")?.strip_suffix(';')?;
                Some(name.trim().to_owned())
            })
            .collect();
        files.push(SourceFile {
            module,
            path,
            text,
            children,
        });
    }
    files
}

/// Every path a `use` tree names: `a::{b, c::{d as e}}` gives `a::b` and `a::c::d`.
fn expand_use_tree(tree: &str) -> Vec<String> {
    let tree = tree.trim();
    let Some(open) = tree.find('{') else {
        let path = tree.split(" as ").next().unwrap().trim();
        let path = path.strip_suffix("::self").unwrap_or(path);
        return vec![path.replace(char::is_whitespace, "")];
    };
    let prefix = tree[..open].trim().trim_end_matches("::");
    let inner = &tree[open + 1..tree.rfind('}').unwrap()];
    let (mut depth, mut start, mut parts) = (0, 0, Vec::new());
    for (at, c) in inner.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&inner[start..at]);
                start = at + 1;
            }
            _ => {}
        }
    }
    parts.push(&inner[start..]);
    parts
        .into_iter()
        .filter(|part| !part.trim().is_empty())
        .flat_map(expand_use_tree)
        .map(|path| match path.as_str() {
            "self" => prefix.to_owned(),
            _ => format!("{prefix}::{path}"),
        })
        .collect()
}

/// The text with comments, string literals and `mod x;` lines removed, so that only code
/// paths are read.
fn code_only(text: &str) -> String {
    let mut code = String::new();
    for line in text.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("//")
            || trimmed.starts_with("mod ")
            || trimmed.starts_with("pub mod ")
        {
            continue;
        }
        let mut in_string = false;
        let mut previous = ' ';
        for c in line.chars() {
            if c == '"' && previous != '\\' {
                in_string = !in_string;
            } else if !in_string {
                code.push(c);
            }
            previous = if previous == '\\' && c == '\\' {
                ' '
            } else {
                c
            };
        }
        code.push('\n');
    }
    code
}

/// Every module path a file names, as written: the paths of its `use` trees, and paths
/// in its code that start with `crate::`, `super::`, `self::` or one of its own children.
fn named_paths(file: &SourceFile) -> Vec<String> {
    // A file's own unit tests (`mod tests { use super::*; }`) are not imports of it.
    let code = code_only(file.text.split("#[cfg(test)]\nmod tests").next().unwrap());
    let mut paths = Vec::new();
    for (at, _) in code.match_indices("use ") {
        let before = code[..at].chars().next_back().unwrap_or(' ');
        if before.is_alphanumeric() || before == '_' {
            continue;
        }
        let tree = &code[at + 4..];
        if let Some(end) = tree.find(';') {
            paths.extend(expand_use_tree(&tree[..end]));
        }
    }
    let is_path_char = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == ':';
    let mut at = 0;
    let bytes: Vec<char> = code.chars().collect();
    while at < bytes.len() {
        let starts_word = at == 0 || !is_path_char(bytes[at - 1]);
        if starts_word && (bytes[at].is_ascii_alphabetic() || bytes[at] == '_') {
            let end = (at..bytes.len())
                .find(|&i| !is_path_char(bytes[i]))
                .unwrap_or(bytes.len());
            let word: String = bytes[at..end].iter().collect();
            // `super::{a, b}` ends in `::`: its use tree is read above.
            if word.contains("::") && !word.ends_with("::") {
                paths.push(word);
            }
            at = end;
        } else {
            at += 1;
        }
    }
    paths
}

/// The file a path written in `file` refers to, if it is one of ours and not `file`.
fn resolve(
    file: &SourceFile,
    written: &str,
    modules: &BTreeMap<Vec<String>, usize>,
) -> Option<usize> {
    let mut segments: Vec<&str> = written.split("::").filter(|s| !s.is_empty()).collect();
    let mut base: Vec<String> = match segments.first().copied()? {
        "crate" => {
            segments.remove(0);
            Vec::new()
        }
        "self" => {
            segments.remove(0);
            file.module.clone()
        }
        "super" => {
            let mut base = file.module.clone();
            while segments.first() == Some(&"super") {
                segments.remove(0);
                base.pop();
            }
            base
        }
        first if file.children.iter().any(|c| c == first) => file.module.clone(),
        _ => return None,
    };
    let mut found = modules.get(&base).copied();
    for segment in segments {
        base.push(segment.to_owned());
        match modules.get(&base) {
            Some(&index) => found = Some(index),
            None => break,
        }
    }
    found
}

/// The strongly connected groups of more than one file (Tarjan's algorithm).
fn cycles(edges: &[BTreeSet<usize>]) -> Vec<Vec<usize>> {
    struct Walk<'a> {
        edges: &'a [BTreeSet<usize>],
        index: Vec<Option<usize>>,
        low: Vec<usize>,
        on_stack: Vec<bool>,
        stack: Vec<usize>,
        next: usize,
        found: Vec<Vec<usize>>,
    }
    fn visit(w: &mut Walk<'_>, v: usize) {
        w.index[v] = Some(w.next);
        w.low[v] = w.next;
        w.next += 1;
        w.stack.push(v);
        w.on_stack[v] = true;
        for &u in w.edges[v].iter() {
            match w.index[u] {
                None => {
                    visit(w, u);
                    w.low[v] = w.low[v].min(w.low[u]);
                }
                Some(i) if w.on_stack[u] => w.low[v] = w.low[v].min(i),
                Some(_) => {}
            }
        }
        if Some(w.low[v]) == w.index[v] {
            let mut group = Vec::new();
            loop {
                let u = w.stack.pop().unwrap();
                w.on_stack[u] = false;
                group.push(u);
                if u == v {
                    break;
                }
            }
            if group.len() > 1 {
                w.found.push(group);
            }
        }
    }
    let n = edges.len();
    let mut walk = Walk {
        edges,
        index: vec![None; n],
        low: vec![0; n],
        on_stack: vec![false; n],
        stack: Vec::new(),
        next: 0,
        found: Vec::new(),
    };
    for v in 0..n {
        if walk.index[v].is_none() {
            visit(&mut walk, v);
        }
    }
    walk.found
}

#[test]
fn no_file_imports_itself_through_others() {
    let files = source_files();
    let modules: BTreeMap<Vec<String>, usize> = files
        .iter()
        .enumerate()
        .map(|(i, f)| (f.module.clone(), i))
        .collect();
    // Each edge with one path that makes it, to say why a cycle is there.
    let named: Vec<BTreeMap<usize, String>> = files
        .iter()
        .enumerate()
        .map(|(i, file)| {
            named_paths(file)
                .into_iter()
                .filter_map(|p| Some((resolve(file, &p, &modules)?, p)))
                .filter(|(target, _)| *target != i)
                .collect()
        })
        .collect();
    let edges: Vec<BTreeSet<usize>> = named.iter().map(|m| m.keys().copied().collect()).collect();
    let short = |i: usize| {
        files[i]
            .path
            .rsplit_once("/src/")
            .map_or("", |(_, p)| p)
            .to_owned()
    };
    let described: Vec<String> = cycles(&edges)
        .iter()
        .map(|group| {
            let mut lines: Vec<String> = group
                .iter()
                .flat_map(|&from| {
                    named[from].iter().filter(|(to, _)| group.contains(to)).map(
                        move |(&to, path)| format!("  {} → {} ({path})", short(from), short(to)),
                    )
                })
                .collect();
            lines.sort();
            lines.join("\n")
        })
        .collect();
    assert!(
        described.is_empty(),
        "files that import each other, directly or through others:\n{}",
        described.join("\n\n")
    );
}

#[test]
fn the_use_tree_reader_sees_every_path() {
    assert_eq!(
        expand_use_tree("crate::store::{self, audit::{Actor, AuditEntry as E}, keys}"),
        [
            "crate::store",
            "crate::store::audit::Actor",
            "crate::store::audit::AuditEntry",
            "crate::store::keys"
        ]
    );
    assert_eq!(expand_use_tree("super::cases"), ["super::cases"]);
}

#[test]
fn no_source_file_is_over_500_lines() {
    let long: Vec<String> = all_sources()
        .into_iter()
        // Generated by diesel from the migrations.
        .filter(|(_, path, _)| !path.ends_with("db/schema.rs"))
        .filter_map(|(_, path, text)| {
            let lines = text.lines().count();
            (lines > 500).then(|| format!("{path}: {lines} lines"))
        })
        .collect();
    assert!(long.is_empty(), "split these by idea:\n{}", long.join("\n"));
}
