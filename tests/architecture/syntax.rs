//! The bits of Rust syntax the module graph needs, on tokens: path and use trees,
//! `#[path]` attributes, and `#[cfg(test)]` items to leave out.

use super::lexer::{Kind, Token};

/// The value of a `#[path = "..."]` attribute starting at `at`.
pub fn path_attribute(tokens: &[Token], at: usize) -> Option<String> {
    let window = tokens.get(at..at + 6)?;
    let shape = window[0].is('#')
        && window[1].is('[')
        && window[2].ident() == Some("path")
        && window[3].is('=')
        && window[5].is(']');
    match (&window[4].kind, shape) {
        (Kind::Str(value), true) => Some(value.clone()),
        _ => None,
    }
}

/// Whether the identifier at `at` starts a path: not a later segment, not `$crate`,
/// not the `in path` of a `pub(in path)` visibility.
pub fn is_path_start(tokens: &[Token], at: usize) -> bool {
    let before = |back: usize| at.checked_sub(back).map(|i| &tokens[i]);
    if before(1).is_some_and(|t| t.kind == Kind::PathSep || t.is('$')) {
        return false;
    }
    let in_visibility = before(1).and_then(Token::ident) == Some("in")
        && before(2).is_some_and(|t| t.is('('))
        && before(3).and_then(Token::ident) == Some("pub");
    !in_visibility
}

/// A path's segments and the `as` name it is imported under, if any.
pub type AliasedPath = (Vec<String>, Option<String>);

/// The paths of the path or use tree starting at `at` (a group `a::{b, c::{d, self}}`
/// gives `a::b`, `a::c::d`, `a::c`), each with its `as` alias, and the index after it.
/// A path ends before generics (`Vec::<u8>::new` is `Vec`).
pub fn parse_tree(tokens: &[Token], mut at: usize) -> (Vec<AliasedPath>, usize) {
    let mut prefix = Vec::new();
    loop {
        match tokens.get(at).map(|t| &t.kind) {
            Some(Kind::Ident(name)) => {
                if name != "self" || prefix.is_empty() {
                    prefix.push(name.clone());
                }
                at += 1;
                if tokens.get(at).is_some_and(|t| t.kind == Kind::PathSep) {
                    at += 1;
                    continue;
                }
                let mut alias = None;
                if tokens.get(at).and_then(Token::ident) == Some("as") {
                    alias = tokens.get(at + 1).and_then(Token::ident).map(str::to_owned);
                    at += 2;
                }
                return (vec![(prefix, alias)], at);
            }
            Some(Kind::Punct('{')) => {
                at += 1;
                let mut paths = Vec::new();
                while tokens.get(at).is_some_and(|t| !t.is('}')) {
                    let (inner, end) = parse_tree(tokens, at);
                    for (path, alias) in inner {
                        let mut full = prefix.clone();
                        full.extend(path.into_iter().filter(|s| s != "self"));
                        paths.push((full, alias));
                    }
                    at = end;
                    if tokens.get(at).is_some_and(|t| t.is(',')) {
                        at += 1;
                    } else if tokens.get(at).is_some_and(|t| !t.is('}')) {
                        break; // not a use tree after all
                    }
                }
                return (paths, at + 1);
            }
            Some(Kind::Punct('*')) => {
                prefix.push("*".to_owned());
                return (vec![(prefix, None)], at + 1);
            }
            _ => return (vec![(prefix, None)], at),
        }
    }
}

/// `tokens` without the items under `#[cfg(test)]` (a file starting with
/// `#![cfg(test)]` is all test).
pub fn strip_test_items(tokens: Vec<Token>) -> Vec<Token> {
    if tokens.first().is_some_and(|t| t.is('#'))
        && tokens.get(1).is_some_and(|t| t.is('!'))
        && is_cfg_test(&tokens[2..], 0)
    {
        return Vec::new();
    }
    let mut kept = Vec::with_capacity(tokens.len());
    let mut at = 0;
    while at < tokens.len() {
        if tokens[at].is('#') && is_cfg_test(&tokens, at + 1) {
            at = item_end(&tokens, at + 7);
        } else {
            kept.push(tokens[at].clone());
            at += 1;
        }
    }
    kept
}

/// Whether `[cfg(test)]` starts at `at`.
fn is_cfg_test(tokens: &[Token], at: usize) -> bool {
    let Some(window) = tokens.get(at..at + 6) else {
        return false;
    };
    window[0].is('[')
        && window[1].ident() == Some("cfg")
        && window[2].is('(')
        && window[3].ident() == Some("test")
        && window[4].is(')')
        && window[5].is(']')
}

/// The index after the item starting at `at` (its other attributes included): after
/// its `;` or its `{ ... }` body, or at the `}` closing the block it is the last of.
fn item_end(tokens: &[Token], mut at: usize) -> usize {
    let mut nesting = 0usize; // parentheses and square brackets
    while at < tokens.len() {
        let token = &tokens[at];
        if token.is('(') || token.is('[') {
            nesting += 1;
        } else if token.is(')') || token.is(']') {
            nesting = nesting.saturating_sub(1);
        } else if nesting == 0 && token.is(';') {
            return at + 1;
        } else if nesting == 0 && token.is('}') {
            return at;
        } else if nesting == 0 && token.is('{') {
            let mut braces = 0usize;
            while at < tokens.len() {
                if tokens[at].is('{') {
                    braces += 1;
                } else if tokens[at].is('}') {
                    braces -= 1;
                    if braces == 0 {
                        return at + 1;
                    }
                }
                at += 1;
            }
        }
        at += 1;
    }
    at
}
