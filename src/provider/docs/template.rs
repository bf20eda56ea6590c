//! A tiny stand-in for the Go templates tfplugindocs renders: `{{ name }}` placeholders
//! replaced by values, nothing else (no conditions, loops or trim markers). Spacing
//! inside the braces does not matter; an unknown placeholder is an error naming it, so
//! a typo cannot end up in a page.
//!
//! The names are tfplugindocs's own, pipelines included, so a template that works here
//! reads the same to tfplugindocs.

/// `template` with every placeholder replaced by its value in `values` (`(name, value)`
/// pairs, names written as in a template with single spaces: `.Description | trimspace`).
pub fn substitute(template: &str, values: &[(&str, &str)]) -> Result<String, String> {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(start) = rest.find("{{") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        let Some(end) = after.find("}}") else {
            return Err(format!(
                "unclosed `{{{{` at `{}`",
                first_line(&rest[start..])
            ));
        };
        let name = normalize(&after[..end]);
        match values.iter().find(|(known, _)| *known == name) {
            Some((_, value)) => out.push_str(value),
            None => {
                let known: Vec<String> = values
                    .iter()
                    .map(|(n, _)| format!("{{{{ {n} }}}}"))
                    .collect();
                return Err(format!(
                    "unknown placeholder `{{{{ {name} }}}}`; known: {}",
                    known.join(", ")
                ));
            }
        }
        rest = &after[end + 2..];
    }
    out.push_str(rest);
    Ok(out)
}

/// A placeholder with its words separated by single spaces, quoted strings kept as
/// they are.
fn normalize(placeholder: &str) -> String {
    let mut out = String::new();
    let mut quoted = false;
    let mut pending_space = false;
    for c in placeholder.trim().chars() {
        if c.is_whitespace() && !quoted {
            pending_space = true;
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        if c == '"' {
            quoted = !quoted;
        }
        out.push(c);
    }
    out
}

fn first_line(text: &str) -> &str {
    text.lines().next().unwrap_or_default()
}

/// Markdown as plain text, as tfplugindocs's `plainmarkdown` gives it for the front
/// matter: code spans lose their backticks, links keep their text (and an absolute
/// target after it), `**`/`__` emphasis markers go, and blank lines between paragraphs
/// collapse.
pub fn plain_markdown(markdown: &str) -> String {
    let lines: Vec<String> = markdown
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .map(plain_line)
        .collect();
    lines.join("\n")
}

fn plain_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(c) = rest.chars().next() {
        if c == '`' {
            let ticks = rest.len() - rest.trim_start_matches('`').len();
            let fence = &rest[..ticks];
            if let Some(close) = rest[ticks..].find(fence) {
                out.push_str(rest[ticks..ticks + close].trim());
                rest = &rest[ticks + close + ticks..];
                continue;
            }
            out.push_str(fence);
            rest = &rest[ticks..];
            continue;
        }
        if c == '[' {
            if let Some((text, target, len)) = link(rest) {
                out.push_str(&plain_line(text));
                let relative = target.starts_with('#')
                    || (target.starts_with('/') && !target.starts_with("//"));
                if !relative {
                    out.push(' ');
                    out.push_str(target);
                }
                rest = &rest[len..];
                continue;
            }
        }
        if rest.starts_with("**") || rest.starts_with("__") {
            rest = &rest[2..];
            continue;
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// `[text](target)` at the start of `text`: the text, the target and the length.
fn link(text: &str) -> Option<(&str, &str, usize)> {
    let close = text.find("](")?;
    let end = close + 2 + text[close + 2..].find(')')?;
    Some((&text[1..close], &text[close + 2..end], end + 1))
}

/// Every line of `text` prefixed with `prefix` (tfplugindocs's `prefixlines`).
pub fn prefix_lines(text: &str, prefix: &str) -> String {
    let lines: Vec<String> = text.lines().map(|line| format!("{prefix}{line}")).collect();
    lines.join("\n")
}

/// The contents of a `.tf` file in a ```` ```terraform ```` fence, trimmed
/// (tfplugindocs's `tffile`).
pub fn terraform_fence(code: &str) -> String {
    format!("```terraform\n{}\n```", code.trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_replaced_whatever_their_spacing() {
        let values = [(".Name", "n"), (".Description | trimspace", "d")];
        assert_eq!(
            substitute("# {{.Name}} / {{ .Description   |  trimspace }}!", &values),
            Ok("# n / d!".to_owned())
        );
        assert_eq!(
            substitute("no placeholders", &values),
            Ok("no placeholders".into())
        );
        let quoted = [(".D | prefixlines \"  \"", "q")];
        assert_eq!(
            substitute("{{.D  |  prefixlines \"  \"}}", &quoted),
            Ok("q".to_owned())
        );
        assert!(substitute("{{ .D | prefixlines \" \" }}", &quoted).is_err());
    }

    #[test]
    fn unknown_and_unclosed_placeholders_are_errors() {
        let values = [(".Name", "n")];
        assert_eq!(
            substitute("{{ .Nmae }}", &values),
            Err("unknown placeholder `{{ .Nmae }}`; known: {{ .Name }}".into())
        );
        assert_eq!(
            substitute("a {{ .Name\nb", &values),
            Err("unclosed `{{` at `{{ .Name`".into())
        );
    }

    #[test]
    fn plain_markdown_drops_the_markup() {
        assert_eq!(
            plain_markdown(
                "Asks `CheckProxyCreate` about **this** ([docs](https://x.test/a), [here](#b)).\n\nNext ``a`b``."
            ),
            "Asks CheckProxyCreate about this (docs https://x.test/a, here).\nNext a`b."
        );
    }

    #[test]
    fn lines_are_prefixed_and_code_fenced() {
        assert_eq!(prefix_lines("a\nb", "  "), "  a\n  b");
        assert_eq!(terraform_fence("\nx = 1\n\n"), "```terraform\nx = 1\n```");
    }
}
