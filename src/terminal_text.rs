//! Text from outside the provider (API and STS answers, metadata answers, file
//! contents) on its way to a terminal: Terraform prints diagnostics and provider log
//! lines as they are, so a control character in an API error message could clear
//! the screen, ring the bell, overwrite a line (CR) or reorder what is shown (the
//! bidirectional overrides). Those characters are written as Rust escapes (`\u{1b}`)
//! instead; newline and tab, which diagnostics use, stay.

use std::borrow::Cow;
use std::fmt::Write;

/// Whether `c` is escaped: C0 controls but newline and tab, DEL, C1 controls, and the
/// bidirectional embedding, override and isolate characters (U+202A to U+202E,
/// U+2066 to U+2069).
pub fn needs_escape(c: char) -> bool {
    match c {
        '\n' | '\t' => false,
        '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' => true,
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => true,
        _ => false,
    }
}

/// `text` with each character of [`needs_escape`] written as `\u{hex}`; borrowed
/// when there is none (the usual case).
pub fn escape_controls(text: &str) -> Cow<'_, str> {
    if !text.chars().any(needs_escape) {
        return Cow::Borrowed(text);
    }
    let mut escaped = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if needs_escape(c) {
            // Writing to a String cannot fail.
            let _ = write!(escaped, "\\u{{{:x}}}", u32::from(c));
        } else {
            escaped.push(c);
        }
    }
    Cow::Owned(escaped)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_are_escaped_and_the_rest_kept() {
        let cases = [
            ("plain text", "plain text"),
            ("two\nlines\tand a tab", "two\nlines\tand a tab"),
            ("\u{1b}[2Jcleared", "\\u{1b}[2Jcleared"),
            ("bell\u{7}", "bell\\u{7}"),
            ("forged\rApply complete!", "forged\\u{d}Apply complete!"),
            ("nul\u{0}", "nul\\u{0}"),
            ("del\u{7f}", "del\\u{7f}"),
            ("c1\u{9b}2J", "c1\\u{9b}2J"),
            ("\u{202e}txt.exe", "\\u{202e}txt.exe"),
            ("\u{2066}isolate\u{2069}", "\\u{2066}isolate\\u{2069}"),
            ("中国大陆-华北 é ü", "中国大陆-华北 é ü"),
            ("\u{202f}narrow space", "\u{202f}narrow space"),
        ];
        for (given, want) in cases {
            assert_eq!(escape_controls(given), want, "{given:?}");
        }
        assert!(matches!(escape_controls("ok"), Cow::Borrowed(_)));
    }

    #[test]
    fn every_listed_character_and_no_other_is_escaped() {
        let escaped: Vec<u32> = (0..=0x3000u32)
            .filter_map(char::from_u32)
            .filter(|c| needs_escape(*c))
            .map(u32::from)
            .collect();
        let mut want: Vec<u32> = (0..=0x1f).filter(|c| *c != 0x0a && *c != 0x09).collect();
        want.extend(0x7f..=0x9f);
        want.extend(0x202a..=0x202e);
        want.extend(0x2066..=0x2069);
        assert_eq!(escaped, want);
    }
}
