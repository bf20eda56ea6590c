//! The module graph's reader on small synthetic crates: what makes an edge, what does
//! not, and the loops it reports.

use std::fs;
use std::path::Path;

use super::module_graph::{crate_graph, display, module_cycles, CrateGraph};
use super::references::Tests;

/// A crate in a temporary directory: `files` are `(path under src/, text)`.
fn write_crate(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for (path, text) in files {
        let path = dir.path().join("src").join(path);
        fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        fs::write(path, text).expect("write");
    }
    dir
}

fn graph_of(dir: &Path) -> CrateGraph {
    crate_graph(&dir.join("src/lib.rs"), Tests::Skipped)
}

/// Every edge as `from -> to`.
fn edges(graph: &CrateGraph) -> Vec<String> {
    graph
        .edges
        .keys()
        .map(|(from, to)| format!("{} -> {}", display(from), display(to)))
        .collect()
}

fn modules(graph: &CrateGraph) -> Vec<String> {
    graph.modules.iter().map(|m| display(m)).collect()
}

#[test]
fn a_loop_through_three_modules_is_one_cycle_with_its_edges_and_lines() {
    let dir = write_crate(&[
        ("lib.rs", "pub mod a;\npub mod b;\nmod c;\n"),
        ("a.rs", "use crate::b::{X, inner::Y};\npub struct Z;\n"),
        (
            "b.rs",
            "pub mod inner;\npub struct X;\n\nfn f() {\n    super::c::g();\n}\n",
        ),
        ("b/inner.rs", "pub struct Y;\n"),
        ("c.rs", "pub fn g() {}\nfn h(z: crate::a::Z) {}\n"),
    ]);
    let graph = graph_of(dir.path());
    assert_eq!(modules(&graph), ["crate", "a", "b", "b::inner", "c"]);
    assert_eq!(
        edges(&graph),
        ["a -> b", "a -> b::inner", "b -> c", "c -> a"]
    );
    let cycles = module_cycles(&dir.path().join("src"));
    assert_eq!(cycles.len(), 1, "{cycles:?}");
    assert_eq!(cycles[0].modules, ["a", "b", "c"]);
    let shown: Vec<String> = cycles[0]
        .edges
        .iter()
        .map(|((from, to), sites)| {
            let lines: Vec<String> = sites
                .iter()
                .map(|s| {
                    format!(
                        "{}:{}",
                        s.file.file_name().unwrap().to_string_lossy(),
                        s.line
                    )
                })
                .collect();
            format!("{from} -> {to} at {}", lines.join(" "))
        })
        .collect();
    assert_eq!(
        shown,
        ["a -> b at a.rs:1", "b -> c at b.rs:5", "c -> a at c.rs:2"]
    );
    let report = cycles[0].to_string();
    assert!(report.contains("c -> a"), "{report}");
}

#[test]
fn an_acyclic_crate_has_no_cycle() {
    let dir = write_crate(&[
        ("lib.rs", "mod a;\nmod b;\npub use a::A;\n"),
        ("a.rs", "use crate::b::B;\npub struct A(B);\n"),
        ("b.rs", "pub struct B;\n"),
    ]);
    assert_eq!(edges(&graph_of(dir.path())), ["a -> b"]);
    assert!(module_cycles(&dir.path().join("src")).is_empty());
}

#[test]
fn super_and_self_paths_climb_and_descend_the_tree() {
    let dir = write_crate(&[
        ("lib.rs", "mod p;\nfn top() {}\n"),
        ("p/mod.rs", "mod q;\nmod r;\npub struct P;\nfn f() { self::r::x(); }\n"),
        (
            "p/q.rs",
            "use super::super::top;\nuse super::P;\nfn f() { super::r::x(); self::g(); }\nfn g() {}\n",
        ),
        ("p/r.rs", "pub fn x() {}\n"),
    ]);
    let graph = graph_of(dir.path());
    // Naming an item of an ancestor is an edge to it; a parent naming its own child
    // (`self::r`) or declaring it (`mod q;`) is not.
    assert_eq!(
        edges(&graph),
        ["p::q -> crate", "p::q -> p", "p::q -> p::r"]
    );
}

#[test]
fn a_child_using_its_parent_and_a_sibling_using_it_back_is_a_cycle() {
    let dir = write_crate(&[
        ("lib.rs", "mod shell;\nmod check;\n"),
        ("shell.rs", "use crate::check::run;\npub struct State;\n"),
        ("check.rs", "pub fn run(s: &super::shell::State) {}\n"),
    ]);
    let cycles = module_cycles(&dir.path().join("src"));
    assert_eq!(cycles.len(), 1);
    assert_eq!(cycles[0].modules, ["check", "shell"]);
}

#[test]
fn names_brought_in_by_use_resolve_through_it() {
    let dir = write_crate(&[
        ("lib.rs", "mod a;\nmod b;\n"),
        (
            "a.rs",
            "use crate::b as bee;\nfn f() { bee::inner::g(); }\n",
        ),
        ("b/mod.rs", "pub mod inner;\n"),
        ("b/inner.rs", "pub fn g() {}\n"),
    ]);
    assert_eq!(edges(&graph_of(dir.path())), ["a -> b", "a -> b::inner"]);
}

#[test]
fn tests_comments_strings_and_macro_crate_paths_are_no_references() {
    let dir = write_crate(&[
        (
            "lib.rs",
            "mod a;\nmod b;\n#[cfg(test)]\n#[path = \"a_tests.rs\"]\nmod tests;\n",
        ),
        (
            "a.rs",
            "//! See [crate::b::B].\n\
             // crate::b::B\n\
             /* crate::b::B /* nested */ crate::b::B */\n\
             const S: &str = \"crate::b::B\";\n\
             const R: &str = r#\"crate::b::B \"quoted\"\"#;\n\
             const C: char = '\"';\n\
             fn f<'a>(x: &'a str) -> char { '\\'' }\n\
             macro_rules! m { () => { $crate::b::B } }\n\
             #[cfg(test)]\n\
             mod test_support;\n\
             pub(in crate::a) fn g() {}\n\
             #[cfg(test)]\n\
             mod tests {\n    use crate::b::B;\n}\n",
        ),
        ("a/test_support.rs", "use crate::b::B;\n"),
        ("a_tests.rs", "use crate::b::B;\n"),
        ("b.rs", "pub struct B;\n"),
    ]);
    let graph = graph_of(dir.path());
    assert_eq!(modules(&graph), ["crate", "a", "b"]);
    assert!(graph.edges.is_empty(), "{:?}", edges(&graph));
}

#[test]
fn code_after_a_test_item_in_the_middle_of_a_file_still_counts() {
    let dir = write_crate(&[
        ("lib.rs", "mod a;\nmod b;\n"),
        (
            "a.rs",
            "#[cfg(test)]\nmod test_support;\n#[cfg(test)]\nfn helper() { crate::b::x(); }\npub use crate::b::x;\n",
        ),
        ("b.rs", "pub fn x() {}\n"),
    ]);
    let graph = graph_of(dir.path());
    assert_eq!(edges(&graph), ["a -> b"]);
    assert_eq!(graph.edges.values().next().unwrap()[0].line, 5);
}

#[test]
fn inline_modules_and_path_attributes_are_modules_of_the_tree() {
    let dir = write_crate(&[
        (
            "lib.rs",
            "mod proto;\n#[path = \"impls/engine.rs\"]\nmod engine;\npub mod wire {\n    pub use super::proto::*;\n}\nfn f() { wire::X; }\n",
        ),
        ("proto.rs", "pub struct X;\n"),
        ("impls/engine.rs", "mod part;\nuse crate::wire::X;\n"),
        ("impls/part.rs", "use super::super::proto::X;\n"),
    ]);
    let graph = graph_of(dir.path());
    assert_eq!(
        modules(&graph),
        ["crate", "engine", "engine::part", "proto", "wire"]
    );
    assert_eq!(
        edges(&graph),
        ["engine -> wire", "engine::part -> proto", "wire -> proto"]
    );
}

#[test]
fn paths_in_macro_calls_are_references() {
    let dir = write_crate(&[
        ("lib.rs", "mod a;\nmod b;\nmod c;\n"),
        (
            "a.rs",
            "fn f() {\n    let v = vec![crate::b::B];\n    println!(\"{}\", super::c::name());\n}\n",
        ),
        ("b.rs", "pub struct B;\n"),
        ("c.rs", "pub fn name() -> &'static str { \"c\" }\n"),
    ]);
    let graph = graph_of(dir.path());
    assert_eq!(edges(&graph), ["a -> b", "a -> c"]);
    let lines: Vec<usize> = graph.edges.values().map(|sites| sites[0].line).collect();
    assert_eq!(lines, [2, 3]);
}

#[test]
fn test_modules_join_the_tree_when_tests_are_wanted() {
    let dir = write_crate(&[
        (
            "lib.rs",
            "mod a;\nmod b;\n#[cfg(test)]\n#[path = \"lib_tests.rs\"]\nmod tests;\n",
        ),
        (
            "a.rs",
            "#[cfg(test)]\nfn helper() { crate::b::x(); }\n#[cfg(test)]\nmod tests {\n    use super::super::b::x;\n}\n",
        ),
        ("b.rs", "pub fn x() {}\n"),
        ("lib_tests.rs", "use crate::a;\nfn t() { crate::b::x(); }\n"),
    ]);
    let skipped = graph_of(dir.path());
    assert!(skipped.edges.is_empty(), "{:?}", edges(&skipped));
    let included = crate_graph(&dir.path().join("src/lib.rs"), Tests::Included);
    assert_eq!(modules(&included), ["crate", "a", "a::tests", "b", "tests"]);
    assert_eq!(
        edges(&included),
        ["a -> b", "a::tests -> b", "tests -> a", "tests -> b"]
    );
}
