//! Sources, data and documentation point at nothing outside the repository.

use std::fs;
use std::path::{Path, PathBuf};

/// Text that would send a reader outside the repository: the absolute path of the
/// machine it was developed on, and the file names of notes that are not part of it.
/// Public sources are cited by project and file instead, and the repository's own
/// notes live in `contributing/design/`. Assembled from pieces so that this file does not
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
    for dir in [
        "src",
        "tests",
        "benches",
        "crates",
        "docs",
        "contributing",
        "examples",
        "templates",
    ] {
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
