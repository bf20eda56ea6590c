//! The layers: the root crate's top-level modules and which name which, tests
//! included (a test that reaches into another layer ties the layers just as well).
//! They must form no loop, and the framework must never name the provider.

use std::path::Path;

use super::module_graph::{crate_graph, sites_list, CrateGraph};
use super::references::Tests;
use super::{FRAMEWORK, PROVIDER_MODULE};

/// `graph` seen from its top-level modules: an edge `a::x → b::y` is an edge `a → b`;
/// edges within one top-level module, and to or from the root, are dropped.
pub fn layer_graph(graph: &CrateGraph) -> CrateGraph {
    let mut layers = CrateGraph {
        modules: graph
            .modules
            .iter()
            .filter_map(|module| module.first())
            .map(|top| vec![top.clone()])
            .collect(),
        ..CrateGraph::default()
    };
    for ((from, to), sites) in &graph.edges {
        let (Some(from), Some(to)) = (from.first(), to.first()) else {
            continue;
        };
        if from != to {
            for site in sites {
                layers.add_edge(vec![from.clone()], vec![to.clone()], site);
            }
        }
    }
    layers
}

fn key(from: &str, to: &str) -> (Vec<String>, Vec<String>) {
    (vec![from.to_owned()], vec![to.to_owned()])
}

#[test]
fn module_graph_has_no_cycle_and_the_framework_never_imports_the_provider() {
    let lib = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/lib.rs");
    let graph = layer_graph(&crate_graph(&lib, Tests::Included));
    let shown: Vec<String> = graph
        .edges
        .keys()
        .map(|(from, to)| format!("{} -> {}", from[0], to[0]))
        .collect();
    for module in FRAMEWORK.iter().chain([&PROVIDER_MODULE]) {
        assert!(
            graph.modules.contains(&vec![module.to_string()]),
            "no module {module} in {:?}",
            graph.modules
        );
    }
    assert!(
        graph.edges.contains_key(&key(PROVIDER_MODULE, "protocol")),
        "the provider is built on the protocol layer, so the graph must show it: {shown:?}"
    );
    let cycles: Vec<String> = graph.cycles().iter().map(ToString::to_string).collect();
    assert!(
        cycles.is_empty(),
        "the layers import each other in a loop:\n{}",
        cycles.join("")
    );
    for module in FRAMEWORK {
        if let Some(sites) = graph.edges.get(&key(module, PROVIDER_MODULE)) {
            panic!("{module} imports {PROVIDER_MODULE}: {}", sites_list(sites));
        }
    }
}

#[test]
fn layers_gather_the_edges_of_their_modules() {
    let site = |line| super::module_graph::Site {
        file: "x.rs".into(),
        line,
    };
    let path = |text: &str| -> Vec<String> {
        text.split("::")
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect()
    };
    let mut graph = CrateGraph::default();
    for module in [
        "",
        "host",
        "host::serve",
        "protocol",
        "provider",
        "provider::x",
    ] {
        graph.modules.insert(path(module));
    }
    graph.add_edge(path("host::serve"), path("protocol"), &site(1));
    graph.add_edge(path("host::serve"), path("host"), &site(2));
    graph.add_edge(path("provider::x"), path(""), &site(3));
    graph.add_edge(path("protocol"), path("provider::x"), &site(4));
    graph.add_edge(path("provider::x"), path("host::serve"), &site(5));
    let layers = layer_graph(&graph);
    let edges: Vec<String> = layers
        .edges
        .iter()
        .map(|((from, to), sites)| format!("{} -> {} {}", from[0], to[0], sites_list(sites)))
        .collect();
    assert_eq!(
        edges,
        [
            "host -> protocol x.rs:1",
            "protocol -> provider x.rs:4",
            "provider -> host x.rs:5"
        ]
    );
    let many: Vec<_> = (1..=7).map(site).collect();
    assert!(sites_list(&many).ends_with("x.rs:5, and 2 more"));
    let cycles = layers.cycles();
    assert_eq!(cycles.len(), 1, "{cycles:?}");
    assert_eq!(cycles[0].modules, ["host", "protocol", "provider"]);
}
