//! The module graph of a crate, read from its sources: the module tree (files and
//! `mod` declarations, inline `mod x { ... }` included, `#[path]` honoured), and for
//! each module the other modules of the crate its non-test code names.
//!
//! An edge A → B exists when A's non-test code names a path into B and B is neither A
//! nor inside A. Paths are read wherever they are written (`use` trees with groups,
//! `pub use` re-exports, paths in code) and start at `crate::`, `self::`, `super::`
//! (repeated), a child module's name or a name brought in by `use`. A path resolves to
//! the deepest module it names: `crate::a::b::Item` to `a::b`, `super::Item` to the
//! parent (even when the parent only re-exports `Item`). A module reaching into its
//! own submodules (`mod b;`, `pub use b::Item`, `self::b::f()`) makes no edge:
//! otherwise every facade `mod.rs` that re-exports its children, whose children name
//! `super::X`, would be a loop. `#[cfg(test)]` items are skipped, so a test-only file
//! (declared as `#[cfg(test)] mod tests;`) is not in the tree.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};

use super::lexer::{tokenize, Kind, Token};
use super::scc;
use super::syntax::{is_path_start, parse_tree, path_attribute, strip_test_items};

/// A module's path below the crate root (the root is empty).
pub type ModPath = Vec<String>;

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
            let sites: Vec<String> = sites
                .iter()
                .map(|site| format!("{}:{}", site.file.display(), site.line))
                .collect();
            writeln!(f, "  {from} -> {to}  ({})", sites.join(", "))?;
        }
        Ok(())
    }
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
        let mut graph = scc::Graph::new();
        for (from, to) in self.edges.keys() {
            graph.entry(from.clone()).or_default().insert(to.clone());
        }
        scc::cycles(&graph)
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
}

/// The import loops of the crates rooted in `src` (`lib.rs` and `main.rs`, each its
/// own crate). Sites name files relative to the workspace root when under it.
pub fn module_cycles(src: &Path) -> Vec<Cycle> {
    let mut cycles = Vec::new();
    for root in ["lib.rs", "main.rs"] {
        let root = src.join(root);
        if root.is_file() {
            cycles.extend(crate_graph(&root).cycles());
        }
    }
    cycles
}

/// What one module's code says: its imports and the paths it names.
#[derive(Debug, Default)]
struct ModuleScan {
    /// Name bound by `use` (the alias or last segment) → the path it stands for.
    imports: BTreeMap<String, Vec<String>>,
    /// Every path of two or more segments, with where it is.
    paths: Vec<(Vec<String>, Site)>,
}

/// The graph of the crate whose root file is `root`.
pub fn crate_graph(root: &Path) -> CrateGraph {
    let base = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut scans: BTreeMap<ModPath, ModuleScan> = BTreeMap::new();
    // (module, its file, the directory of its children's files)
    let mut queue = vec![(ModPath::new(), root.to_path_buf(), dir_of(root))];
    while let Some((module, file, children_dir)) = queue.pop() {
        let Ok(source) = fs::read_to_string(&file) else {
            continue;
        };
        let shown = file.strip_prefix(base).unwrap_or(&file).to_path_buf();
        let found = scan_file(&source, &module, &children_dir, &shown);
        queue.extend(found.files);
        for (path, scan) in found.modules {
            let entry = scans.entry(path).or_default();
            entry.imports.extend(scan.imports);
            entry.paths.extend(scan.paths);
        }
    }
    let modules: BTreeSet<ModPath> = scans.keys().cloned().collect();
    let mut graph = CrateGraph {
        modules,
        ..CrateGraph::default()
    };
    for (from, scan) in &scans {
        for (path, site) in &scan.paths {
            let Some(to) = resolve(&graph.modules, &scans, from, path, 0) else {
                continue;
            };
            if !to.starts_with(from) {
                let sites = graph.edges.entry((from.clone(), to)).or_default();
                if !sites.contains(site) {
                    sites.push(site.clone());
                }
            }
        }
    }
    graph
}

fn dir_of(file: &Path) -> PathBuf {
    file.parent().unwrap_or(Path::new("")).to_path_buf()
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

/// What a file holds: its modules' scans and the files of the modules it declares.
#[derive(Default)]
struct FileScan {
    modules: BTreeMap<ModPath, ModuleScan>,
    files: Vec<(ModPath, PathBuf, PathBuf)>,
}

/// An open inline module (or the file's own module at the bottom of the stack).
struct Scope {
    module: ModPath,
    children_dir: PathBuf,
    /// Brace depth inside the module's `{`.
    depth: usize,
}

fn scan_file(source: &str, module: &ModPath, children_dir: &Path, shown: &Path) -> FileScan {
    let tokens = strip_test_items(tokenize(source));
    let mut found = FileScan::default();
    found.modules.insert(module.clone(), ModuleScan::default());
    let mut scopes = vec![Scope {
        module: module.clone(),
        children_dir: children_dir.to_path_buf(),
        depth: 0,
    }];
    let mut depth = 0;
    let mut path_attr: Option<String> = None;
    let mut at = 0;
    while at < tokens.len() {
        let token = &tokens[at];
        let scope = scopes.last().expect("the file's module");
        if let Some(value) = path_attribute(&tokens, at) {
            path_attr = Some(value);
            at += 6;
            continue;
        }
        if token.ident() == Some("mod") {
            if let (Some(name), Some(end)) = (
                tokens.get(at + 1).and_then(Token::ident),
                tokens.get(at + 2),
            ) {
                let mut child = scope.module.clone();
                child.push(name.to_owned());
                if end.is(';') {
                    let (file, dir) = match path_attr.take() {
                        Some(path) => {
                            let file = scope.children_dir.join(path);
                            let dir = dir_of(&file);
                            (file, dir)
                        }
                        None => module_file(&scope.children_dir, name),
                    };
                    found.files.push((child, file, dir));
                    at += 3;
                    continue;
                }
                if end.is('{') {
                    let children_dir = scope.children_dir.join(name);
                    found.modules.insert(child.clone(), ModuleScan::default());
                    depth += 1;
                    scopes.push(Scope {
                        module: child,
                        children_dir,
                        depth,
                    });
                    path_attr = None;
                    at += 3;
                    continue;
                }
            }
        }
        match token.kind {
            Kind::Punct('{') => depth += 1,
            Kind::Punct('}') => {
                if scopes.len() > 1 && scopes.last().is_some_and(|s| s.depth == depth) {
                    scopes.pop();
                }
                depth = depth.saturating_sub(1);
            }
            Kind::Punct(';') => path_attr = None,
            _ => {}
        }
        let scope = scopes.last().expect("the file's module");
        if token.ident().is_some() && is_path_start(&tokens, at) {
            let (paths, end) = parse_tree(&tokens, at);
            let is_use = at > 0 && tokens[at - 1].ident() == Some("use");
            let scan = found.modules.get_mut(&scope.module).expect("scope scanned");
            for (path, alias) in paths.into_iter().filter(|(p, _)| p.len() >= 2) {
                if is_use {
                    let name = alias.unwrap_or_else(|| path[path.len() - 1].clone());
                    if name != "_" && name != "*" {
                        scan.imports.insert(name, path.clone());
                    }
                }
                let site = Site {
                    file: shown.to_path_buf(),
                    line: token.line,
                };
                scan.paths.push((path, site));
            }
            // A use group's braces are balanced: only their nesting matters here.
            at = end.max(at + 1);
            continue;
        }
        at += 1;
    }
    found
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
