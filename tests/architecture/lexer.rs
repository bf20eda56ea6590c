//! A small Rust lexer for the module graph: just enough to see identifiers, `::`,
//! brackets and punctuation with their line numbers. Comments (doc comments included)
//! are dropped; string, char and number literals become one opaque token each, so
//! nothing inside them is read as a path (a string's text is kept for `#[path]`).

/// One token and the (1-based) line it starts on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    pub kind: Kind,
    pub line: usize,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Kind {
    /// An identifier or keyword (`r#type` is `type`).
    Ident(String),
    /// `::`
    PathSep,
    /// Any other punctuation character, brackets included.
    Punct(char),
    /// A string literal's text (escapes left as written).
    Str(String),
    /// A char, byte, number literal or a lifetime.
    Literal,
}

impl Token {
    pub fn ident(&self) -> Option<&str> {
        match &self.kind {
            Kind::Ident(name) => Some(name),
            _ => None,
        }
    }

    pub fn is(&self, punct: char) -> bool {
        self.kind == Kind::Punct(punct)
    }
}

fn is_ident_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// The tokens of `source`.
pub fn tokenize(source: &str) -> Vec<Token> {
    let chars: Vec<char> = source.chars().collect();
    let mut tokens = Vec::new();
    let mut line = 1;
    let mut at = 0;
    // Advances over chars[from..to], counting lines.
    let count_lines =
        |from: usize, to: usize| chars[from..to].iter().filter(|c| **c == '\n').count();
    while at < chars.len() {
        let c = chars[at];
        let start_line = line;
        let start = at;
        let next = chars.get(at + 1).copied();
        let kind = if c.is_whitespace() {
            at += 1;
            None
        } else if c == '/' && next == Some('/') {
            while at < chars.len() && chars[at] != '\n' {
                at += 1;
            }
            None
        } else if c == '/' && next == Some('*') {
            at = block_comment_end(&chars, at);
            None
        } else if let Some(end) = string_end(&chars, at) {
            let text: String = chars[at..end].iter().collect();
            at = end;
            Some(Kind::Str(string_text(&text)))
        } else if c == '\'' {
            at = quote_end(&chars, at);
            Some(Kind::Literal)
        } else if c.is_ascii_digit() {
            while at < chars.len() && (is_ident_char(chars[at]) || chars[at] == '.') {
                // `0..n` is a range, not a number's dot.
                if chars[at] == '.' && chars.get(at + 1) == Some(&'.') {
                    break;
                }
                at += 1;
            }
            Some(Kind::Literal)
        } else if is_ident_char(c) {
            if c == 'r' && next == Some('#') {
                at += 2;
            }
            let from = at;
            while at < chars.len() && is_ident_char(chars[at]) {
                at += 1;
            }
            Some(Kind::Ident(chars[from..at].iter().collect()))
        } else if c == ':' && next == Some(':') {
            at += 2;
            Some(Kind::PathSep)
        } else {
            at += 1;
            Some(Kind::Punct(c))
        };
        line += count_lines(start, at);
        if let Some(kind) = kind {
            tokens.push(Token {
                kind,
                line: start_line,
            });
        }
    }
    tokens
}

/// The index after a (possibly nested) block comment starting at `at`.
fn block_comment_end(chars: &[char], mut at: usize) -> usize {
    let mut depth = 0;
    while at < chars.len() {
        if chars[at] == '/' && chars.get(at + 1) == Some(&'*') {
            depth += 1;
            at += 2;
        } else if chars[at] == '*' && chars.get(at + 1) == Some(&'/') {
            depth -= 1;
            at += 2;
            if depth == 0 {
                return at;
            }
        } else {
            at += 1;
        }
    }
    at
}

/// The index after a string literal starting at `at` (`"..."`, `b"..."`, `c"..."`,
/// `r"..."`, `r#"..."#`, `br#"..."#`), or `None` when none starts there.
fn string_end(chars: &[char], at: usize) -> Option<usize> {
    let mut i = at;
    if chars.get(i).is_some_and(|c| *c == 'b' || *c == 'c') {
        i += 1;
    }
    let raw = chars.get(i) == Some(&'r');
    if raw {
        i += 1;
    }
    let mut hashes = 0;
    while raw && chars.get(i) == Some(&'#') {
        hashes += 1;
        i += 1;
    }
    if chars.get(i) != Some(&'"') {
        return None;
    }
    // A prefix must not end an identifier (`xr"` is not a raw string).
    if at > 0 && is_ident_char(chars[at - 1]) {
        return None;
    }
    i += 1;
    while i < chars.len() {
        match chars[i] {
            '\\' if !raw => i += 2,
            '"' if (1..=hashes).all(|n| chars.get(i + n) == Some(&'#')) => {
                return Some(i + 1 + hashes);
            }
            _ => i += 1,
        }
    }
    Some(chars.len())
}

/// The text between a string literal's quotes.
fn string_text(literal: &str) -> String {
    let open = literal.find('"').map_or(0, |at| at + 1);
    let close = literal
        .rfind('"')
        .filter(|at| *at >= open)
        .unwrap_or(literal.len());
    literal[open..close].to_owned()
}

/// The index after a char literal (`'x'`, `'\n'`, `'\u{1F600}'`) or a lifetime
/// (`'a`, `'static`) starting at `at`.
fn quote_end(chars: &[char], at: usize) -> usize {
    match chars.get(at + 1) {
        Some('\\') => {
            // The escaped char may itself be a quote: `'\''`.
            let mut i = at + 3;
            while i < chars.len() && chars[i] != '\'' {
                i += 1;
            }
            i + 1
        }
        Some(_) if chars.get(at + 2) == Some(&'\'') => at + 3,
        _ => {
            let mut i = at + 1;
            while i < chars.len() && is_ident_char(chars[i]) {
                i += 1;
            }
            i
        }
    }
}
