//! A crate's module tree, read with `syn` from its root file: `mod x;` declarations
//! (in `x.rs` or `x/mod.rs`, or where `#[path]` says), inline `mod x { ... }`, and for
//! each module what its code names. A module under `#[cfg(test)]`, or a file starting
//! with `#![cfg(test)]`, is not in the tree unless the tests are wanted.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use syn::ext::IdentExt;
use syn::{Expr, ExprLit, Item, Lit, Meta};

use super::references::{is_cfg_test, scan_item, ModuleScan, Tests};

/// A module's path below the crate root (the root is empty).
pub type ModPath = Vec<String>;

/// Every module of the crate whose root file is `root`, with what its code names.
/// Sites name files relative to the workspace root when under it.
pub fn read_crate(root: &Path, tests: Tests) -> BTreeMap<ModPath, ModuleScan> {
    let base = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut reader = Reader {
        tests,
        scans: BTreeMap::new(),
        queue: vec![(ModPath::new(), root.to_path_buf(), dir_of(root))],
    };
    while let Some((module, file, children_dir)) = reader.queue.pop() {
        // A declared module without a file (generated, or absent) has nothing to read.
        let Ok(source) = fs::read_to_string(&file) else {
            continue;
        };
        let parsed = syn::parse_file(&source)
            .unwrap_or_else(|error| panic!("{}: not Rust: {error}", file.display()));
        if tests == Tests::Skipped && is_cfg_test(&parsed.attrs) {
            continue;
        }
        let shown = file.strip_prefix(base).unwrap_or(&file).to_path_buf();
        reader.read_items(&parsed.items, &module, &children_dir, &shown);
    }
    reader.scans
}

struct Reader {
    tests: Tests,
    scans: BTreeMap<ModPath, ModuleScan>,
    /// Modules still to read: (module, its file, the directory of its children's files).
    queue: Vec<(ModPath, PathBuf, PathBuf)>,
}

impl Reader {
    fn read_items(&mut self, items: &[Item], module: &ModPath, children_dir: &Path, file: &Path) {
        self.scans.entry(module.clone()).or_default();
        for item in items {
            let Item::Mod(declared) = item else {
                let scan = self.scans.get_mut(module).expect("entered above");
                scan_item(item, scan, file, self.tests);
                continue;
            };
            if self.tests == Tests::Skipped && is_cfg_test(&declared.attrs) {
                continue;
            }
            let name = declared.ident.unraw().to_string();
            let mut child = module.clone();
            child.push(name.clone());
            match &declared.content {
                Some((_, inline)) => {
                    self.read_items(inline, &child, &children_dir.join(&name), file);
                }
                None => {
                    let (child_file, child_dir) = match path_attribute(&declared.attrs) {
                        Some(path) => {
                            let child_file = children_dir.join(path);
                            let child_dir = dir_of(&child_file);
                            (child_file, child_dir)
                        }
                        None => module_file(children_dir, &name),
                    };
                    self.queue.push((child, child_file, child_dir));
                }
            }
        }
    }
}

/// The value of a `#[path = "..."]` attribute.
fn path_attribute(attrs: &[syn::Attribute]) -> Option<String> {
    attrs.iter().find_map(|attr| match &attr.meta {
        Meta::NameValue(pair) if pair.path.is_ident("path") => match &pair.value {
            Expr::Lit(ExprLit {
                lit: Lit::Str(value),
                ..
            }) => Some(value.value()),
            _ => None,
        },
        _ => None,
    })
}

fn dir_of(file: &Path) -> PathBuf {
    file.parent().unwrap_or(Path::new("")).to_path_buf()
}

/// `foo.rs` or `foo/mod.rs` in `dir`, and where `foo`'s own children live.
fn module_file(dir: &Path, name: &str) -> (PathBuf, PathBuf) {
    let flat = dir.join(format!("{name}.rs"));
    if flat.is_file() {
        (flat, dir.join(name))
    } else {
        (dir.join(name).join("mod.rs"), dir.join(name))
    }
}
