//! The tfplugin5 framework (`host`, `protocol`, `logging`) is a library that names no
//! provider: the binary passes the provider's name, address and log targets in. And the
//! crate's layers depend on each other without cycles, the framework never on
//! `provider`. Both are checked on the sources, so a change that breaks them fails here
//! rather than in review.
//!
//! Below the layers, no two modules of one crate import each other in a loop
//! (`module_graph` reads the module graph of each crate of the workspace with `syn`;
//! `loops` finds its loops with `petgraph`).

use std::path::Path;

#[path = "architecture/framework_names.rs"]
mod framework_names;
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
#[path = "architecture/outside_pointers.rs"]
mod outside_pointers;
#[path = "architecture/references.rs"]
mod references;
#[path = "architecture/references_tests.rs"]
mod references_tests;

/// The framework's top-level modules.
const FRAMEWORK: [&str; 3] = ["host", "protocol", "logging"];

/// The provider's module: the framework must not import it.
const PROVIDER_MODULE: &str = "provider";

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
