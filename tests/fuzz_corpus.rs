//! Replays the fuzz targets' seed corpus (`fuzz/corpus/<target>/`) and crash
//! reproducers (`fuzz/regressions/<target>/`) on stable, through the same entry
//! functions the targets call (the crates' hidden `fuzzing` modules): no input may
//! panic, and every target must have inputs, so a renamed folder cannot silently
//! replay nothing. `make fuzz` (nightly, cargo-fuzz) explores beyond these inputs.

use std::fs;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};

/// A fuzz target's entry function.
type Entry = fn(&[u8]);

/// Every target, by its folder name, with the function it calls.
const TARGETS: [(&str, Entry); 6] = [
    (
        "msgpack_value",
        terraform_provider_gaap::fuzzing::msgpack_value,
    ),
    ("json_value", terraform_provider_gaap::fuzzing::json_value),
    ("number", terraform_provider_gaap::fuzzing::number),
    ("api_response", tencentcloud_client::fuzzing::api_response),
    ("profile_files", tencentcloud_client::fuzzing::profile_files),
    (
        "credential_answers",
        tencentcloud_client::fuzzing::credential_answers,
    ),
];

fn fuzz_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz")
}

/// The files directly in `dir` (none when it does not exist), sorted.
fn inputs(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| path.is_file())
        .collect();
    files.sort();
    files
}

#[test]
fn corpus_and_regressions_replay_without_panics() {
    let mut panicked = Vec::new();
    let mut counts = Vec::new();
    for (target, entry) in TARGETS {
        let mut files = inputs(&fuzz_dir().join("corpus").join(target));
        files.extend(inputs(&fuzz_dir().join("regressions").join(target)));
        for path in &files {
            let data = fs::read(path).expect("readable input");
            if panic::catch_unwind(AssertUnwindSafe(|| entry(&data))).is_err() {
                panicked.push(path.display().to_string());
            }
        }
        counts.push((target, files.len()));
    }
    let empty: Vec<&str> = counts
        .iter()
        .filter(|(_, count)| *count == 0)
        .map(|(target, _)| *target)
        .collect();
    assert!(empty.is_empty(), "no corpus for {empty:?} ({counts:?})");
    assert!(
        panicked.is_empty(),
        "these inputs panic (replay one with `cargo +nightly fuzz run <target> <file>`):\n{}",
        panicked.join("\n")
    );
    eprintln!("replayed: {counts:?}");
}

/// Every target folder is a fuzz target of `fuzz/Cargo.toml`, and every target has
/// an entry here.
#[test]
fn targets_match_the_fuzz_package() {
    let manifest = fs::read_to_string(fuzz_dir().join("Cargo.toml")).expect("fuzz/Cargo.toml");
    let declared: Vec<&str> = manifest
        .lines()
        .filter_map(|line| line.strip_prefix("name = \""))
        .filter_map(|rest| rest.strip_suffix('"'))
        .filter(|name| *name != "terraform-provider-gaap-fuzz")
        .collect();
    let mut declared = declared;
    declared.sort_unstable();
    let mut ours: Vec<&str> = TARGETS.iter().map(|(name, _)| *name).collect();
    ours.sort_unstable();
    assert_eq!(declared, ours);
}
