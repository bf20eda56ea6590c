//! The framework (`host`, `protocol`, `logging`) names no provider, in its tests as in
//! its code: the binary passes the provider's name, address and log targets in, and
//! the framework's tests use neutral names (`example_thing`, `provider.example`).
//! Checked on the text, comments included, so a doc comment that mentions GAAP fails too.

use std::fs;
use std::path::{Path, PathBuf};

use super::FRAMEWORK;

/// Words the framework's code and tests must not contain, compared case-insensitively:
/// the provider's name, its cloud's name and the path of its module.
const FORBIDDEN: [&str; 3] = ["gaap", "tencent", "crate::provider"];

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

/// `path:line: text` for every line of `files` holding a forbidden word.
fn forbidden_mentions(files: &[PathBuf]) -> Vec<String> {
    let mut found = Vec::new();
    for path in files {
        let source = fs::read_to_string(path).expect("readable source");
        for (number, line) in (1..).zip(source.lines()) {
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
         host::ServeOptions / logging::LogOptions, and use neutral names in tests:\n{}",
        found.join("\n")
    );
}

#[test]
fn forbidden_words_are_found_in_code_and_tests_alike() {
    let dir = tempfile::tempdir().expect("temp dir");
    let code = dir.path().join("code.rs");
    fs::write(
        &code,
        "//! Serves GAAP.\nuse crate::provider::X;\nfn f() {}\n#[cfg(test)]\nmod tests { const N: &str = \"gaap\"; }\n",
    )
    .expect("write");
    let tests = dir.path().join("code_tests.rs");
    fs::write(
        &tests,
        "fn f() {}\nconst M: &str = \"provider.tencentcloud\";\n",
    )
    .expect("write");
    let found = forbidden_mentions(&[code, tests]);
    let lines: Vec<&str> = found
        .iter()
        .map(|mention| mention.rsplit_once(".rs:").map_or("", |(_, rest)| rest))
        .collect();
    assert_eq!(
        lines,
        [
            "1: //! Serves GAAP.",
            "2: use crate::provider::X;",
            "5: mod tests { const N: &str = \"gaap\"; }",
            "2: const M: &str = \"provider.tencentcloud\";",
        ],
        "{found:?}"
    );
}
