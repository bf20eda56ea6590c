//! What `references` reads from one module's code: use trees, paths in code and in
//! macro calls, and what it leaves out.

use std::path::Path;

use super::references::{scan_item, use_paths, ModuleScan, Tests};

fn scan(source: &str, tests: Tests) -> ModuleScan {
    let file = syn::parse_file(source).expect("Rust");
    let mut scan = ModuleScan::default();
    for item in &file.items {
        scan_item(item, &mut scan, Path::new("x.rs"), tests);
    }
    scan
}

/// Every path found, as `a::b@line`.
fn paths(scan: &ModuleScan) -> Vec<String> {
    scan.paths
        .iter()
        .map(|(path, site)| format!("{}@{}", path.join("::"), site.line))
        .collect()
}

#[test]
fn use_trees_expand_groups_self_globs_and_aliases() {
    let item: syn::ItemUse =
        syn::parse_str("use crate::{a::{self, b::{c, d::e}}, f as g, h::*};").expect("use");
    let shown: Vec<String> = use_paths(&item.tree)
        .into_iter()
        .map(|(path, alias, _)| match alias {
            Some(alias) => format!("{} as {alias}", path.join("::")),
            None => path.join("::"),
        })
        .collect();
    assert_eq!(
        shown,
        [
            "crate::a",
            "crate::a::b::c",
            "crate::a::b::d::e",
            "crate::f as g",
            "crate::h::*"
        ]
    );
    let found = scan(
        "use crate::b as bee;\nuse super::x::{Y, _z as _};\n",
        Tests::Skipped,
    );
    let imports: Vec<String> = found
        .imports
        .iter()
        .map(|(name, path)| format!("{name} = {}", path.join("::")))
        .collect();
    assert_eq!(imports, ["Y = super::x::Y", "bee = crate::b"]);
}

#[test]
fn references_are_read_from_code_only() {
    let source = "use crate::protocol::Value;\n\
                  // crate::provider in a comment\n\
                  fn f() { let x = crate::host::serve::run; } // then crate::logging\n\
                  macro_rules! m { () => { $crate::provider::X } }\n\
                  use other_crate::provider;\n\
                  use crate::{logging::{Stderr, LineSink}, provider}; use x::{diagnostics};\n\
                  const S: &str = \"crate::b::B\";\n\
                  pub(in crate::a) fn g(v: Vec<crate::c::C>) { Vec::<u8>::new(); }\n";
    let found = paths(&scan(source, Tests::Skipped));
    assert_eq!(
        found,
        [
            "crate::protocol::Value@1",
            "crate::host::serve::run@3",
            "other_crate::provider@5",
            "crate::logging::Stderr@6",
            "crate::logging::LineSink@6",
            "crate::provider@6",
            "x::diagnostics@6",
            "crate::c::C@8",
            "Vec::new@8",
        ]
    );
}

#[test]
fn macro_calls_are_read_from_their_tokens() {
    let source = "fn f() {\n    assert_eq!(crate::a::x(), self::b::Y { z: 1 });\n    \
                  tokio::select! { _ = super::c::run() => {} }\n}\n";
    let found = paths(&scan(source, Tests::Skipped));
    assert_eq!(
        found,
        [
            "crate::a::x@2",
            "self::b::Y@2",
            "tokio::select@3",
            "super::c::run@3"
        ]
    );
}

#[test]
fn test_items_are_left_out_unless_wanted() {
    let source = "#[cfg(test)]\nconst N: [u8; 2] = [crate::a::ONE, 2];\n\
                  #[cfg(test)]\n#[allow(x)]\nfn f() -> u8 { crate::a::f() }\n\
                  struct Kept(crate::b::B);\n\
                  impl Kept {\n    #[cfg(test)]\n    fn t() { crate::a::g(); }\n}\n\
                  #[cfg(not(test))]\nfn g() { crate::c::h(); }\n";
    let found = paths(&scan(source, Tests::Skipped));
    assert_eq!(found, ["crate::b::B@6", "crate::c::h@12"]);
    let all = paths(&scan(source, Tests::Included));
    assert_eq!(all.len(), 5, "{all:?}");
}
