//! The tfplugin5 framework (`host`, `protocol`, `logging`) is a library that names no
//! provider: the binary passes the provider's name, address and log targets in. And the
//! crate's layers depend on each other without cycles, the framework never on
//! `provider`. Both are checked on the sources, so a change that breaks them fails here
//! rather than in review.
//!
//! Below the layers, no two modules of one crate import each other in a loop
//! (`module_graph` reads the module graph of each crate of the workspace with `syn`;
//! `loops` finds its loops with `petgraph`).

use std::fs;
use std::path::{Path, PathBuf};

#[path = "architecture/layers.rs"]
mod layers;
#[path = "architecture/loops.rs"]
mod loops;
#[path = "architecture/module_graph.rs"]
mod module_graph;
#[path = "architecture/module_graph_tests.rs"]
mod module_graph_tests;
#[path = "architecture/module_tree.rs"]
mod module_tree;
#[path = "architecture/references.rs"]
mod references;
#[path = "architecture/references_tests.rs"]
mod references_tests;

/// The framework's top-level modules.
const FRAMEWORK: [&str; 3] = ["host", "protocol", "logging"];

/// The provider's module: the framework must not import it.
const PROVIDER_MODULE: &str = "provider";

/// Words the framework's (non-test) code must not contain, compared case-insensitively:
/// the provider's name and the path of its module.
const FORBIDDEN: [&str; 2] = ["gaap", "crate::provider"];

fn src_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every `.rs` file under `dir` (or `dir` itself when it is a file), sorted.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    if dir.is_file() {
        files.push(dir.to_path_buf());
    } else if let Ok(entries) = fs::read_dir(dir) {
        for entry in entries.flatten() {
            files.extend(rust_files(&entry.path()));
        }
    }
    files.retain(|path| path.extension().is_some_and(|ext| ext == "rs"));
    files.sort();
    files
}

/// The files of top-level module `name`: `src/<name>.rs` and everything under `src/<name>/`.
fn module_files(name: &str) -> Vec<PathBuf> {
    let mut files = rust_files(&src_dir().join(format!("{name}.rs")));
    files.extend(rust_files(&src_dir().join(name)));
    files
}

/// Whether a file holds only tests (`number_tests.rs`, `msgpack/tests.rs`).
fn is_test_file(path: &Path) -> bool {
    path.file_name()
        .and_then(|name| name.to_str())
        .is_some_and(|name| name.ends_with("tests.rs"))
}

/// The lines of a source before its `#[cfg(test)]` test module (by the crate's
/// convention the test module closes each file).
fn non_test_lines(source: &str) -> impl Iterator<Item = (usize, &str)> {
    source
        .lines()
        .enumerate()
        .take_while(|(_, line)| line.trim() != "#[cfg(test)]")
        .map(|(index, line)| (index + 1, line))
}

/// `path:line: text` for every non-test line of `files` holding a forbidden word.
fn forbidden_mentions(files: &[PathBuf]) -> Vec<String> {
    let mut found = Vec::new();
    for path in files.iter().filter(|path| !is_test_file(path)) {
        let source = fs::read_to_string(path).expect("readable source");
        for (number, line) in non_test_lines(&source) {
            let lower = line.to_lowercase();
            if FORBIDDEN.iter().any(|word| lower.contains(word)) {
                found.push(format!("{}:{number}: {}", path.display(), line.trim()));
            }
        }
    }
    found
}

#[test]
fn framework_sources_name_no_provider() {
    let files: Vec<PathBuf> = FRAMEWORK.iter().flat_map(|m| module_files(m)).collect();
    assert!(
        files.len() >= 20,
        "the framework's sources were not found: {files:?}"
    );
    let found = forbidden_mentions(&files);
    assert!(
        found.is_empty(),
        "the framework must not name the provider; pass names in through \
         host::ServeOptions / logging::LogOptions instead:\n{}",
        found.join("\n")
    );
}

#[test]
fn forbidden_words_are_found_outside_tests_only() {
    let dir = tempfile::tempdir().expect("temp dir");
    let code = dir.path().join("code.rs");
    fs::write(
        &code,
        "//! Serves GAAP.\nuse crate::provider::X;\nfn f() {}\n#[cfg(test)]\nmod tests { const N: &str = \"gaap\"; }\n",
    )
    .expect("write");
    let tests = dir.path().join("code_tests.rs");
    fs::write(&tests, "const N: &str = \"gaap\";\n").expect("write");
    let found = forbidden_mentions(&[code, tests]);
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(found[0].ends_with(":1: //! Serves GAAP."), "{found:?}");
    assert!(
        found[1].ends_with(":2: use crate::provider::X;"),
        "{found:?}"
    );
}

/// Text that would send a reader outside the repository: the absolute path of the
/// machine it was developed on, and the file names of notes that are not part of it.
/// Public sources are cited by project and file instead, and the repository's own
/// notes live in `docs/design/`. Assembled from pieces so that this file does not
/// itself contain what it looks for.
const OUTSIDE_POINTERS: [&str; 3] = [
    concat!("/", "work", "/"),
    concat!("protocol", ".md"),
    concat!("tencentcloud", ".md"),
];

#[test]
fn sources_point_at_nothing_outside_the_repository() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let this_file = root.join(file!());
    let mut files = Vec::new();
    for dir in ["src", "tests", "benches", "crates", "docs", "examples"] {
        files.extend(text_files(&root.join(dir)));
    }
    assert!(files.len() >= 50, "sources not found: {}", files.len());
    let mut found = Vec::new();
    for path in files.iter().filter(|path| **path != this_file) {
        let Ok(text) = fs::read_to_string(path) else {
            continue;
        };
        for (index, line) in text.lines().enumerate() {
            if OUTSIDE_POINTERS.iter().any(|word| line.contains(word)) {
                found.push(format!("{}:{}: {}", path.display(), index + 1, line.trim()));
            }
        }
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
}

/// Source, data and documentation files under `dir` (build output excluded).
fn text_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let Ok(entries) = fs::read_dir(dir) else {
        return files;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            if path.file_name().is_some_and(|name| name != "target") {
                files.extend(text_files(&path));
            }
        } else if path
            .extension()
            .and_then(|ext| ext.to_str())
            .is_some_and(|ext| ["rs", "md", "json", "tf", "toml"].contains(&ext))
        {
            files.push(path);
        }
    }
    files
}

#[test]
fn module_graph_has_no_cycle_and_the_framework_never_imports_the_provider() {
    let graph = layers::module_graph();
    for module in FRAMEWORK.iter().chain([&PROVIDER_MODULE]) {
        assert!(
            graph.contains_key(*module),
            "no module {module} in {graph:?}"
        );
    }
    assert!(
        graph[PROVIDER_MODULE].contains("protocol"),
        "the provider is built on the protocol layer, so the graph must show it: {graph:?}"
    );
    assert_eq!(layers::find_cycle(&graph), None, "{graph:?}");
    for module in FRAMEWORK {
        assert!(
            !graph[module].contains(PROVIDER_MODULE),
            "{module} imports {PROVIDER_MODULE}: {graph:?}"
        );
    }
}

#[test]
fn cycle_finder_finds_cycles_and_only_cycles() {
    let cyclic = layers::graph_of(&[("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")]);
    assert_eq!(
        layers::find_cycle(&cyclic),
        Some(vec!["a".into(), "b".into(), "c".into(), "a".into()])
    );
    let self_loop = layers::graph_of(&[("a", "a")]);
    assert_eq!(
        layers::find_cycle(&self_loop),
        Some(vec!["a".into(), "a".into()])
    );
    // A diamond shares a node without a cycle.
    let diamond = layers::graph_of(&[("a", "b"), ("a", "c"), ("b", "d"), ("c", "d")]);
    assert_eq!(layers::find_cycle(&diamond), None);
    assert_eq!(layers::find_cycle(&layers::Graph::new()), None);
}

#[test]
fn references_are_read_from_code_only() {
    let source = "use crate::protocol::Value;\n\
                  // crate::provider in a comment\n\
                  let x = crate::host::serve::run; // then crate::logging\n\
                  macro_rules! m { () => { $crate::provider::X } }\n\
                  use other_crate::provider;\n\
                  use crate::{logging::{Stderr, LineSink}, provider}; use x::{diagnostics};\n";
    let found: Vec<String> = layers::crate_references(source).into_iter().collect();
    assert_eq!(found, ["host", "logging", "protocol", "provider"]);
}

/// The workspace's crates, by their `src/` folder (each holds `lib.rs`, maybe `main.rs`).
const CRATE_SOURCES: [&str; 3] = [
    "src",
    "crates/tencentcloud-client/src",
    "crates/gaap-emulator/src",
];

#[test]
fn modules_of_a_crate_import_each_other_in_no_loop() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut problems = Vec::new();
    for src in CRATE_SOURCES {
        let lib = root.join(src).join("lib.rs");
        let graph = module_graph::crate_graph(&lib, references::Tests::Skipped);
        assert!(
            graph.modules.len() >= 10 && graph.edges.len() >= 10,
            "{src}: the module graph was not read ({} modules, {} edges)",
            graph.modules.len(),
            graph.edges.len()
        );
        for cycle in module_graph::module_cycles(&root.join(src)) {
            problems.push(format!("{src}: import loop, {cycle}"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
