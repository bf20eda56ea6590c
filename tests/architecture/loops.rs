//! The loops of a directed graph: its strongly connected components of more than one
//! node (petgraph's Tarjan). A node with an edge to itself is no loop here: a module
//! naming its own items imports nothing.

use std::collections::BTreeMap;

use petgraph::algo::tarjan_scc;
use petgraph::graph::DiGraph;

/// The components with more than one node of the graph of `edges` (each a cycle or
/// several intertwined ones), each sorted, in sorted order.
pub fn loops<N: Ord + Clone>(edges: impl IntoIterator<Item = (N, N)>) -> Vec<Vec<N>> {
    let mut graph = DiGraph::<N, ()>::new();
    let mut index = BTreeMap::new();
    let mut node = |graph: &mut DiGraph<N, ()>, name: N| {
        *index
            .entry(name.clone())
            .or_insert_with(|| graph.add_node(name))
    };
    for (from, to) in edges {
        let (from, to) = (node(&mut graph, from), node(&mut graph, to));
        graph.update_edge(from, to, ());
    }
    let mut found: Vec<Vec<N>> = tarjan_scc(&graph)
        .into_iter()
        .filter(|component| component.len() > 1)
        .map(|component| {
            let mut names: Vec<N> = component.iter().map(|at| graph[*at].clone()).collect();
            names.sort();
            names
        })
        .collect();
    found.sort();
    found
}

#[test]
fn loops_are_the_components_of_more_than_one_node() {
    let found = loops([
        ("a", "b"),
        ("b", "c"),
        ("c", "a"),
        ("c", "d"),
        ("d", "e"),
        ("e", "d"),
        ("e", "f"),
        ("g", "g"),
    ]);
    assert_eq!(found, [vec!["a", "b", "c"], vec!["d", "e"]]);
    // Two loops through one node are one component.
    let found = loops([("a", "b"), ("b", "a"), ("b", "c"), ("c", "b")]);
    assert_eq!(found, [vec!["a", "b", "c"]]);
}

#[test]
fn acyclic_graphs_have_no_loop() {
    // A diamond shares a node without a cycle.
    assert!(loops([("a", "b"), ("a", "c"), ("b", "d"), ("c", "d")]).is_empty());
    assert!(loops([("a", "b"), ("b", "c"), ("c", "d")]).is_empty());
    assert!(loops(Vec::<(&str, &str)>::new()).is_empty());
}
