//! The framework (`host`, `protocol`, `logging`) names no provider in its non-test
//! code: the binary passes the provider's name, address and log targets in. Checked on
//! the text, comments included, so a doc comment that mentions GAAP fails too.

use std::fs;
use std::path::{Path, PathBuf};

use super::FRAMEWORK;

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
