//! What one module's code names, read with `syn`: the paths of its `use` trees and
//! the paths written in its code, each with the line it is on, and the names its `use`
//! items bind. Nested modules are left to the module tree; `#[cfg(test)]` items are
//! left out unless the tests are wanted.

use std::collections::BTreeMap;
use std::path::Path;

use proc_macro2::{Spacing, Span, TokenStream, TokenTree};
use syn::ext::IdentExt;
use syn::visit::{self, Visit};
use syn::{Attribute, ImplItem, Item, Stmt, TraitItem, UseTree};

use super::module_graph::Site;

/// Whether code under `#[cfg(test)]` counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tests {
    Skipped,
    Included,
}

/// What one module's code says: its imports and the paths it names.
#[derive(Debug, Default)]
pub struct ModuleScan {
    /// Name bound by `use` (the alias or last segment) → the path it stands for.
    pub imports: BTreeMap<String, Vec<String>>,
    /// Every path of two or more segments, with where it is.
    pub paths: Vec<(Vec<String>, Site)>,
}

/// Adds what `item` (an item of the module `scan` describes) names to `scan`.
pub fn scan_item(item: &Item, scan: &mut ModuleScan, file: &Path, tests: Tests) {
    References { scan, file, tests }.visit_item(item);
}

/// Whether the attributes hold exactly `#[cfg(test)]` (or `#![cfg(test)]`).
pub fn is_cfg_test(attrs: &[Attribute]) -> bool {
    attrs.iter().any(|attr| {
        attr.path().is_ident("cfg")
            && attr
                .meta
                .require_list()
                .is_ok_and(|list| list.tokens.to_string() == "test")
    })
}

/// `r#type` is `type`.
fn name(ident: &syn::Ident) -> String {
    ident.unraw().to_string()
}

fn line(span: Span) -> usize {
    span.start().line
}

/// The paths of a `use` tree: a group `a::{b, c::{self, d}}` gives `a::b`, `a::c`,
/// `a::c::d`; each with its `as` alias and the line of its last segment.
pub fn use_paths(tree: &UseTree) -> Vec<(Vec<String>, Option<String>, usize)> {
    fn walk(
        tree: &UseTree,
        prefix: &mut Vec<String>,
        out: &mut Vec<(Vec<String>, Option<String>, usize)>,
    ) {
        // `a::{self}` stands for `a` itself.
        let leaf = |prefix: &[String], ident: &syn::Ident| {
            let mut path = prefix.to_vec();
            if ident != "self" || prefix.is_empty() {
                path.push(name(ident));
            }
            path
        };
        match tree {
            UseTree::Path(step) => {
                prefix.push(name(&step.ident));
                walk(&step.tree, prefix, out);
                prefix.pop();
            }
            UseTree::Name(use_name) => {
                out.push((
                    leaf(prefix, &use_name.ident),
                    None,
                    line(use_name.ident.span()),
                ));
            }
            UseTree::Rename(rename) => {
                let alias = Some(name(&rename.rename));
                out.push((
                    leaf(prefix, &rename.ident),
                    alias,
                    line(rename.ident.span()),
                ));
            }
            UseTree::Glob(glob) => {
                let mut path = prefix.clone();
                path.push("*".to_owned());
                out.push((path, None, line(glob.star_token.span)));
            }
            UseTree::Group(group) => {
                for tree in &group.items {
                    walk(tree, prefix, out);
                }
            }
        }
    }
    let mut out = Vec::new();
    walk(tree, &mut Vec::new(), &mut out);
    out
}

/// The paths written in a macro's tokens, which `syn` leaves unparsed: an identifier
/// not after `::` or `$` (so not `$crate`), then `:: ident` as long as they follow.
pub fn macro_paths(tokens: TokenStream) -> Vec<(Vec<String>, usize)> {
    let tokens: Vec<TokenTree> = tokens.into_iter().collect();
    let is_colon = |at: usize, joint: bool| {
        matches!(tokens.get(at), Some(TokenTree::Punct(p))
            if p.as_char() == ':' && (!joint || p.spacing() == Spacing::Joint))
    };
    let is_path_sep = |at: usize| is_colon(at, true) && is_colon(at + 1, false);
    let mut out = Vec::new();
    for (at, token) in tokens.iter().enumerate() {
        match token {
            TokenTree::Group(group) => {
                out.extend(macro_paths(group.stream()));
            }
            TokenTree::Ident(ident) => {
                let after_sep = at >= 2 && is_path_sep(at - 2);
                let after_dollar =
                    at >= 1 && matches!(&tokens[at - 1], TokenTree::Punct(p) if p.as_char() == '$');
                if after_sep || after_dollar {
                    continue;
                }
                let mut path = vec![name(ident)];
                let mut next = at + 1;
                while is_path_sep(next) {
                    let Some(TokenTree::Ident(segment)) = tokens.get(next + 2) else {
                        break;
                    };
                    path.push(name(segment));
                    next += 3;
                }
                out.push((path, line(ident.span())));
            }
            _ => {}
        }
    }
    out
}

struct References<'a> {
    scan: &'a mut ModuleScan,
    file: &'a Path,
    tests: Tests,
}

impl References<'_> {
    fn skipped(&self, attrs: &[Attribute]) -> bool {
        self.tests == Tests::Skipped && is_cfg_test(attrs)
    }

    /// Records a path of two or more segments (a single name is no module path).
    fn record(&mut self, path: Vec<String>, line: usize) {
        if path.len() >= 2 {
            let site = Site {
                file: self.file.to_path_buf(),
                line,
            };
            self.scan.paths.push((path, site));
        }
    }
}

impl<'ast> Visit<'ast> for References<'_> {
    fn visit_item(&mut self, item: &'ast Item) {
        // A module is its own node of the tree, read by the tree walker.
        if self.skipped(item_attrs(item)) || matches!(item, Item::Mod(_)) {
            return;
        }
        visit::visit_item(self, item);
    }

    fn visit_impl_item(&mut self, item: &'ast ImplItem) {
        let attrs: &[Attribute] = match item {
            ImplItem::Const(item) => &item.attrs,
            ImplItem::Fn(item) => &item.attrs,
            ImplItem::Type(item) => &item.attrs,
            ImplItem::Macro(item) => &item.attrs,
            _ => &[],
        };
        if !self.skipped(attrs) {
            visit::visit_impl_item(self, item);
        }
    }

    fn visit_trait_item(&mut self, item: &'ast TraitItem) {
        let attrs: &[Attribute] = match item {
            TraitItem::Const(item) => &item.attrs,
            TraitItem::Fn(item) => &item.attrs,
            TraitItem::Type(item) => &item.attrs,
            TraitItem::Macro(item) => &item.attrs,
            _ => &[],
        };
        if !self.skipped(attrs) {
            visit::visit_trait_item(self, item);
        }
    }

    fn visit_stmt(&mut self, stmt: &'ast Stmt) {
        let attrs: &[Attribute] = match stmt {
            Stmt::Local(local) => &local.attrs,
            Stmt::Macro(mac) => &mac.attrs,
            _ => &[],
        };
        if !self.skipped(attrs) {
            visit::visit_stmt(self, stmt);
        }
    }

    fn visit_item_use(&mut self, item: &'ast syn::ItemUse) {
        for (path, alias, line) in use_paths(&item.tree) {
            if path.len() < 2 {
                continue;
            }
            let bound = alias.unwrap_or_else(|| path[path.len() - 1].clone());
            if bound != "_" && bound != "*" {
                self.scan.imports.insert(bound, path.clone());
            }
            self.record(path, line);
        }
    }

    fn visit_path(&mut self, path: &'ast syn::Path) {
        let segments: Vec<String> = path.segments.iter().map(|s| name(&s.ident)).collect();
        if let Some(first) = path.segments.first() {
            self.record(segments, line(first.ident.span()));
        }
        // Generic arguments hold paths of their own.
        visit::visit_path(self, path);
    }

    fn visit_macro(&mut self, mac: &'ast syn::Macro) {
        self.visit_path(&mac.path);
        for (path, line) in macro_paths(mac.tokens.clone()) {
            self.record(path, line);
        }
    }

    /// `pub(in crate::a)` limits who sees an item; it names no dependency.
    fn visit_vis_restricted(&mut self, _: &'ast syn::VisRestricted) {}
}

fn item_attrs(item: &Item) -> &[Attribute] {
    match item {
        Item::Const(item) => &item.attrs,
        Item::Enum(item) => &item.attrs,
        Item::ExternCrate(item) => &item.attrs,
        Item::Fn(item) => &item.attrs,
        Item::ForeignMod(item) => &item.attrs,
        Item::Impl(item) => &item.attrs,
        Item::Macro(item) => &item.attrs,
        Item::Mod(item) => &item.attrs,
        Item::Static(item) => &item.attrs,
        Item::Struct(item) => &item.attrs,
        Item::Trait(item) => &item.attrs,
        Item::TraitAlias(item) => &item.attrs,
        Item::Type(item) => &item.attrs,
        Item::Union(item) => &item.attrs,
        Item::Use(item) => &item.attrs,
        _ => &[],
    }
}
