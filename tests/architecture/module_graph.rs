//! The module graph of a crate: for each module, the other modules of the crate its
//! code names (`module_tree` reads the tree and the paths).
//!
//! An edge A → B exists when A's code names a path into B and B is neither A nor
//! inside A. Paths start at `crate::`, `self::`, `super::` (repeated), a child module's
//! name or a name brought in by `use`. A path resolves to the deepest module it names:
//! `crate::a::b::Item` to `a::b`, `super::Item` to the parent (even when the parent
//! only re-exports `Item`). A module reaching into its own submodules (`mod b;`,
//! `pub use b::Item`, `self::b::f()`) makes no edge: otherwise every facade `mod.rs`
//! that re-exports its children, whose children name `super::X`, would be a loop.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::{Path, PathBuf};

use super::loops::loops;
use super::module_tree::read_crate;
pub use super::module_tree::ModPath;
use super::references::{ModuleScan, Tests};

/// `a::b`, or `crate` for the root.
pub fn display(path: &[String]) -> String {
    if path.is_empty() {
        "crate".to_owned()
    } else {
        path.join("::")
    }
}

/// One place in a file that names a module.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Site {
    pub file: PathBuf,
    pub line: usize,
}

/// A set of modules that import each other in a loop, with the edges between them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cycle {
    /// Module paths (`a::b`), sorted.
    pub modules: Vec<String>,
    /// `(from, to)` → the places that create the edge.
    pub edges: BTreeMap<(String, String), Vec<Site>>,
}

impl fmt::Display for Cycle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "cycle between {}:", self.modules.join(", "))?;
        for ((from, to), sites) in &self.edges {
            writeln!(f, "  {from} -> {to}  ({})", sites_list(sites))?;
        }
        Ok(())
    }
}

/// `file:line, file:line`: the first few, since a layer's edge gathers hundreds and
/// the edge to break is the one with few.
pub fn sites_list(sites: &[Site]) -> String {
    const SHOWN: usize = 5;
    let mut shown: Vec<String> = sites
        .iter()
        .take(SHOWN)
        .map(|site| format!("{}:{}", site.file.display(), site.line))
        .collect();
    if sites.len() > SHOWN {
        shown.push(format!("and {} more", sites.len() - SHOWN));
    }
    shown.join(", ")
}

/// A crate's modules and the references between them.
#[derive(Debug, Default)]
pub struct CrateGraph {
    pub modules: BTreeSet<ModPath>,
    /// `(from, to)` → where; only edges between distinct modules, `to` not inside `from`.
    pub edges: BTreeMap<(ModPath, ModPath), Vec<Site>>,
}

impl CrateGraph {
    /// The loops: components of the graph with more than one module.
    pub fn cycles(&self) -> Vec<Cycle> {
        loops(self.edges.keys().cloned())
            .into_iter()
            .map(|component| {
                let members: BTreeSet<&ModPath> = component.iter().collect();
                let edges = self
                    .edges
                    .iter()
                    .filter(|((from, to), _)| members.contains(from) && members.contains(to))
                    .map(|((from, to), sites)| ((display(from), display(to)), sites.clone()))
                    .collect();
                let mut modules: Vec<String> = component.iter().map(|m| display(m)).collect();
                modules.sort();
                Cycle { modules, edges }
            })
            .collect()
    }

    /// Adds `site` to the edge `from → to` (once).
    pub fn add_edge(&mut self, from: ModPath, to: ModPath, site: &Site) {
        let sites = self.edges.entry((from, to)).or_default();
        if !sites.contains(site) {
            sites.push(site.clone());
        }
    }
}

/// The import loops of the non-test code of the crates rooted in `src` (`lib.rs` and
/// `main.rs`, each its own crate).
pub fn module_cycles(src: &Path) -> Vec<Cycle> {
    let mut cycles = Vec::new();
    for root in ["lib.rs", "main.rs"] {
        let root = src.join(root);
        if root.is_file() {
            cycles.extend(crate_graph(&root, Tests::Skipped).cycles());
        }
    }
    cycles
}

/// The graph of the crate whose root file is `root`.
pub fn crate_graph(root: &Path, tests: Tests) -> CrateGraph {
    let scans = read_crate(root, tests);
    let mut graph = CrateGraph {
        modules: scans.keys().cloned().collect(),
        ..CrateGraph::default()
    };
    for (from, scan) in &scans {
        for (path, site) in &scan.paths {
            let Some(to) = resolve(&graph.modules, &scans, from, path, 0) else {
                continue;
            };
            if !to.starts_with(from) {
                graph.add_edge(from.clone(), to, site);
            }
        }
    }
    graph
}

/// The module `path` names when written in module `from`, if one of the crate's.
fn resolve(
    modules: &BTreeSet<ModPath>,
    scans: &BTreeMap<ModPath, ModuleScan>,
    from: &ModPath,
    path: &[String],
    depth: usize,
) -> Option<ModPath> {
    let first = path.first()?;
    let child = |module: &ModPath, name: &str| {
        let mut child = module.clone();
        child.push(name.to_owned());
        modules.contains(&child).then_some(child)
    };
    let (mut current, rest) = match first.as_str() {
        "crate" => (ModPath::new(), &path[1..]),
        "self" | "super" => {
            let mut current = from.clone();
            let mut at = usize::from(first == "self");
            while path.get(at).is_some_and(|s| s == "super") {
                current.pop()?;
                at += 1;
            }
            (current, &path[at..])
        }
        name => {
            if let Some(child) = child(from, name) {
                (child, &path[1..])
            } else {
                // A name brought in by `use` (a bounded chain of them).
                let imported = scans.get(from)?.imports.get(name)?;
                if depth > 8 {
                    return None;
                }
                let full: Vec<String> = imported.iter().chain(&path[1..]).cloned().collect();
                return resolve(modules, scans, from, &full, depth + 1);
            }
        }
    };
    for segment in rest {
        match child(&current, segment) {
            Some(child) => current = child,
            None => break,
        }
    }
    Some(current)
}
