//! The layer graph: which top-level modules of the root crate name which, through
//! `crate::<module>` (a line-based scan, coarser than `module_graph`).

use std::collections::{BTreeMap, BTreeSet};
use std::fs;

use super::framework_names::{module_files, src_dir};

/// The top-level modules a source refers to through `crate::<module>`, in code (line
/// comments are skipped; `$crate::` in macros is not a reference).
pub fn crate_references(source: &str) -> BTreeSet<String> {
    let mut modules = BTreeSet::new();
    for line in source.lines() {
        let code = line.split("//").next().unwrap_or_default();
        let mut rest = code;
        while let Some(at) = rest.find("crate::") {
            let before = rest[..at].chars().next_back();
            let after = &rest[at + "crate::".len()..];
            let is_path_start =
                !before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '$');
            if is_path_start {
                modules.extend(first_segments(after));
            }
            rest = after;
        }
    }
    modules
}

/// The first path segment after `crate::`: `host` in `host::serve`, or each one of a
/// group on that line, `host` and `protocol` in `{host::serve, protocol}`.
pub fn first_segments(path: &str) -> Vec<String> {
    let ident = |text: &str| -> String {
        text.trim_start()
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect()
    };
    let names = match path.strip_prefix('{') {
        Some(group) => {
            // Only the top level of the group: skip what nested braces hold, stop at
            // the group's closing brace.
            let mut depth = 0;
            let mut names = Vec::new();
            let mut item_start = true;
            for (at, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => item_start = true,
                    _ if item_start && !c.is_whitespace() => {
                        names.push(ident(&group[at..]));
                        item_start = false;
                    }
                    _ => {}
                }
            }
            names
        }
        None => vec![ident(path)],
    };
    names.into_iter().filter(|n| !n.is_empty()).collect()
}

/// The crate's top-level modules (folders and files under `src/`, but `lib` and `main`).
pub fn top_level_modules() -> Vec<String> {
    let mut names = BTreeSet::new();
    for entry in fs::read_dir(src_dir()).expect("src/").flatten() {
        let path = entry.path();
        let name = if path.is_dir() {
            path.file_name().and_then(|n| n.to_str()).map(str::to_owned)
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            path.file_stem().and_then(|n| n.to_str()).map(str::to_owned)
        } else {
            None
        };
        if let Some(name) = name.filter(|n| n != "lib" && n != "main") {
            names.insert(name);
        }
    }
    names.into_iter().collect()
}

/// Module → the other top-level modules its code (tests included) refers to.
pub type Graph = BTreeMap<String, BTreeSet<String>>;

pub fn module_graph() -> Graph {
    let modules = top_level_modules();
    let mut graph = Graph::new();
    for module in &modules {
        let mut edges = BTreeSet::new();
        for path in module_files(module) {
            let source = fs::read_to_string(&path).expect("readable source");
            edges.extend(
                crate_references(&source)
                    .into_iter()
                    .filter(|target| target != module && modules.contains(target)),
            );
        }
        graph.insert(module.clone(), edges);
    }
    graph
}

/// A cycle of `graph` as the path `a → b → ... → a`, if there is one (depth-first
/// search; a node met again while still on the stack closes a cycle).
pub fn find_cycle(graph: &Graph) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        graph: &Graph,
        stack: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = stack.iter().position(|n| n == node) {
            let mut cycle = stack[at..].to_vec();
            cycle.push(node.to_owned());
            return Some(cycle);
        }
        if done.contains(node) {
            return None;
        }
        stack.push(node.to_owned());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(cycle) = visit(next, graph, stack, done) {
                return Some(cycle);
            }
        }
        stack.pop();
        done.insert(node.to_owned());
        None
    }
    let mut done = BTreeSet::new();
    graph
        .keys()
        .find_map(|node| visit(node, graph, &mut Vec::new(), &mut done))
}

pub fn graph_of(edges: &[(&str, &str)]) -> Graph {
    let mut graph = Graph::new();
    for (from, to) in edges {
        graph
            .entry((*from).to_owned())
            .or_default()
            .insert((*to).to_owned());
        graph.entry((*to).to_owned()).or_default();
    }
    graph
}
