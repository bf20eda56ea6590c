//! Strongly connected components (Tarjan's algorithm): the cycles of a graph.

use std::collections::{BTreeMap, BTreeSet};

/// Node → the nodes it has an edge to.
pub type Graph<N> = BTreeMap<N, BTreeSet<N>>;

/// The components of `graph` with more than one node (each is a cycle or several
/// intertwined ones), each sorted, in sorted order. Self-loops are not cycles here: a
/// module naming its own items is no import loop.
pub fn cycles<N: Ord + Clone>(graph: &Graph<N>) -> Vec<Vec<N>> {
    let nodes: BTreeSet<&N> = graph
        .iter()
        .flat_map(|(from, tos)| std::iter::once(from).chain(tos))
        .collect();
    let mut state = Tarjan {
        graph,
        next_index: 0,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        components: Vec::new(),
    };
    for node in nodes {
        if !state.index.contains_key(node) {
            state.visit(node);
        }
    }
    let mut components: Vec<Vec<N>> = state
        .components
        .into_iter()
        .filter(|component| component.len() > 1)
        .map(|component| {
            let mut component: Vec<N> = component.into_iter().cloned().collect();
            component.sort();
            component
        })
        .collect();
    components.sort();
    components
}

struct Tarjan<'g, N> {
    graph: &'g Graph<N>,
    next_index: usize,
    index: BTreeMap<&'g N, usize>,
    low: BTreeMap<&'g N, usize>,
    stack: Vec<&'g N>,
    on_stack: BTreeSet<&'g N>,
    components: Vec<Vec<&'g N>>,
}

impl<'g, N: Ord> Tarjan<'g, N> {
    fn visit(&mut self, node: &'g N) {
        self.index.insert(node, self.next_index);
        self.low.insert(node, self.next_index);
        self.next_index += 1;
        self.stack.push(node);
        self.on_stack.insert(node);
        let graph = self.graph;
        for next in graph.get(node).into_iter().flatten() {
            if !self.index.contains_key(next) {
                self.visit(next);
                let low = self.low[node].min(self.low[next]);
                self.low.insert(node, low);
            } else if self.on_stack.contains(next) {
                let low = self.low[node].min(self.index[next]);
                self.low.insert(node, low);
            }
        }
        if self.low[node] == self.index[node] {
            let mut component = Vec::new();
            while let Some(top) = self.stack.pop() {
                self.on_stack.remove(top);
                component.push(top);
                if top == node {
                    break;
                }
            }
            self.components.push(component);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn graph(edges: &[(&'static str, &'static str)]) -> Graph<&'static str> {
        let mut graph = Graph::new();
        for (from, to) in edges {
            graph.entry(*from).or_default().insert(*to);
        }
        graph
    }

    #[test]
    fn finds_every_component_with_more_than_one_node() {
        let found = cycles(&graph(&[
            ("a", "b"),
            ("b", "c"),
            ("c", "a"),
            ("c", "d"),
            ("d", "e"),
            ("e", "d"),
            ("e", "f"),
            ("g", "g"),
        ]));
        assert_eq!(found, [vec!["a", "b", "c"], vec!["d", "e"]]);
    }

    #[test]
    fn two_loops_through_one_node_are_one_component() {
        let found = cycles(&graph(&[("a", "b"), ("b", "a"), ("b", "c"), ("c", "b")]));
        assert_eq!(found, [vec!["a", "b", "c"]]);
    }

    #[test]
    fn acyclic_graphs_have_none() {
        let diamond = graph(&[("a", "b"), ("a", "c"), ("b", "d"), ("c", "d")]);
        assert!(cycles(&diamond).is_empty());
        assert!(cycles(&Graph::<&str>::new()).is_empty());
        let chain = graph(&[("a", "b"), ("b", "c"), ("c", "d")]);
        assert!(cycles(&chain).is_empty());
    }
}
