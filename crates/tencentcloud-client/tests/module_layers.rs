//! The crate's modules import each other without loops, and the low modules never
//! import the call path, the actions or the chain. Read from the sources: every
//! `crate::…` and `super::…` path outside comments and test modules, and every
//! `pub use child::…` re-export, resolved to the module file that defines it.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

type Module = Vec<String>;

fn name(module: &Module) -> String {
    if module.is_empty() {
        "lib".to_owned()
    } else {
        module.join("::")
    }
}

/// Module path → its source without comment lines and test modules.
fn modules() -> BTreeMap<Module, String> {
    fn walk(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).expect("src dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    walk(&src, &mut files);
    let mut modules = BTreeMap::new();
    for file in files {
        let relative = file.strip_prefix(&src).expect("under src");
        let mut parts: Vec<String> = relative
            .with_extension("")
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        if parts.last().is_some_and(|p| p == "mod" || p == "lib") {
            parts.pop();
        }
        let text = std::fs::read_to_string(&file).expect("read");
        let code = text.split("#[cfg(test)]").next().unwrap_or_default();
        let code: Vec<&str> = code
            .lines()
            .filter(|l| !l.trim_start().starts_with("//"))
            .collect();
        modules.insert(parts, code.join("\n"));
    }
    modules
}

fn ident_len(s: &str) -> usize {
    s.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(s.len())
}

/// The paths after each `keyword::` in `code`, as segment lists (a `{a, b::c}` group
/// gives one path per item).
fn paths_after(code: &str, keyword: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let needle = format!("{keyword}::");
    let mut rest = code;
    while let Some(at) = rest.find(&needle) {
        let boundary = rest[..at]
            .chars()
            .last()
            .is_none_or(|c| !(c.is_ascii_alphanumeric() || c == '_'));
        rest = &rest[at + needle.len()..];
        if !boundary {
            continue;
        }
        let mut segments = Vec::new();
        let mut tail = rest;
        loop {
            let n = ident_len(tail);
            if n == 0 {
                break;
            }
            segments.push(tail[..n].to_owned());
            tail = &tail[n..];
            match tail.strip_prefix("::") {
                Some(t) => tail = t,
                None => break,
            }
        }
        if let Some(group) = tail.strip_prefix('{') {
            let group = group.split('}').next().unwrap_or_default();
            for item in group.split(',') {
                let mut path = segments.clone();
                path.extend(
                    item.split_whitespace()
                        .next()
                        .unwrap_or_default()
                        .split("::")
                        .filter(|s| !s.is_empty())
                        .map(str::to_owned),
                );
                out.push(path);
            }
        } else {
            out.push(segments);
        }
    }
    out
}

/// Imports of every module, resolved to the longest module prefix.
fn imports(modules: &BTreeMap<Module, String>) -> BTreeMap<Module, BTreeSet<Module>> {
    let resolve = |base: &Module, path: &[String]| -> Module {
        (0..=path.len())
            .rev()
            .map(|i| {
                let mut m = base.clone();
                m.extend(path[..i].iter().cloned());
                m
            })
            .find(|m| modules.contains_key(m))
            .unwrap_or_default()
    };
    let mut graph = BTreeMap::new();
    for (module, code) in modules {
        // `super` of module `a::b` (file `a/b.rs`, or `a/b/mod.rs`) is `a`.
        let mut parent = module.clone();
        parent.pop();
        let mut deps = BTreeSet::new();
        for path in paths_after(code, "crate") {
            let target = resolve(&Vec::new(), &path);
            assert!(
                !target.is_empty(),
                "{} imports crate::{} from the crate root; import it from its module",
                name(module),
                path.join("::")
            );
            deps.insert(target);
        }
        for path in paths_after(code, "super") {
            deps.insert(resolve(&parent, &path));
        }
        for line in code.lines() {
            let line = line.trim_start();
            if let Some(rest) = line
                .strip_prefix("pub use ")
                .or_else(|| line.strip_prefix("pub(crate) use "))
            {
                let child = &rest[..ident_len(rest)];
                let mut m = module.clone();
                m.push(child.to_owned());
                if modules.contains_key(&m) {
                    deps.insert(m);
                }
            }
        }
        deps.remove(module);
        if !module.is_empty() {
            deps.remove(&Vec::new());
        }
        graph.insert(module.clone(), deps);
    }
    graph
}

#[test]
fn module_imports_have_no_loops() {
    let graph = imports(&modules());
    // Depth-first search; a module met again while on the stack closes a loop.
    fn visit(
        m: &Module,
        graph: &BTreeMap<Module, BTreeSet<Module>>,
        state: &mut BTreeMap<Module, bool>,
        stack: &mut Vec<Module>,
    ) {
        state.insert(m.clone(), false);
        stack.push(m.clone());
        for d in graph.get(m).into_iter().flatten() {
            match state.get(d) {
                Some(false) => {
                    let start = stack.iter().position(|s| s == d).unwrap_or(0);
                    let cycle: Vec<String> = stack[start..].iter().chain([d]).map(name).collect();
                    panic!("import loop: {}", cycle.join(" -> "));
                }
                Some(true) => {}
                None => visit(d, graph, state, stack),
            }
        }
        stack.pop();
        state.insert(m.clone(), true);
    }
    let mut state = BTreeMap::new();
    for m in graph.keys() {
        if !state.contains_key(m) {
            visit(m, &graph, &mut state, &mut Vec::new());
        }
    }
    // The check sees the imports it is about.
    assert!(graph[&vec!["client".to_owned()]].contains(&vec!["rate_limit".to_owned()]));
    assert!(graph[&vec!["chain".to_owned(), "assume_role".to_owned()]]
        .contains(&vec!["client".to_owned()]));
}

#[test]
fn low_modules_import_only_low_modules() {
    let low = [
        "signer",
        "error",
        "backoff",
        "cancel",
        "endpoint",
        "response",
        "retry",
        "rate_limit",
        "single_flight",
        "transport",
        "action",
    ];
    let graph = imports(&modules());
    for module in low {
        let deps = &graph[&vec![module.to_owned()]];
        for dep in deps {
            assert!(
                low.contains(&name(dep).as_str()),
                "{module} imports {}, which is not a low module",
                name(dep)
            );
        }
    }
    // Nothing but the call path's users import the call path.
    for (module, deps) in &graph {
        if deps.contains(&vec!["client".to_owned()]) {
            let top = module.first().map(String::as_str).unwrap_or("lib");
            assert!(
                ["lib", "gaap", "chain"].contains(&top),
                "{} imports the call path",
                name(module)
            );
        }
    }
}
