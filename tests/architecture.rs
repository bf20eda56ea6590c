//! The crate's architecture, checked on its sources so that a change that breaks it
//! fails here rather than in review:
//!
//! - the tfplugin5 framework (`host`, `protocol`, `logging`) is a library that names
//!   no provider, not even in its tests (`framework_names`), and never imports `provider`, and the crate's
//!   top-level modules depend on each other without cycles (`framework_layers`);
//! - below the layers, no two modules of one crate of the workspace import each other
//!   in a loop (`module_graph`, read with `syn`, loops found with `petgraph`);
//! - no source points at a machine path or a note outside the repository
//!   (`outside_pointers`).

use std::path::Path;

#[path = "architecture/framework_layers.rs"]
mod framework_layers;
#[path = "architecture/framework_names.rs"]
mod framework_names;
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
