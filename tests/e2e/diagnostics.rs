//! Reading the diagnostics of `terraform validate -json` and locating the
//! fixture lines they should point at.
//!
//! `validate -json` prints `{"valid": bool, "error_count": n, "warning_count": n,
//! "diagnostics": [{"severity", "summary", "detail", "range": {"filename",
//! "start": {"line"}}}]}`; an attribute-path diagnostic from the provider gets
//! the range of that attribute's expression.

use serde_json::Value;

/// One diagnostic, flattened.
#[derive(Debug, Clone)]
pub struct Diagnostic {
    pub severity: String,
    pub summary: String,
    pub detail: String,
    pub line: Option<u64>,
}

impl Diagnostic {
    /// Summary and detail together, as the user reads them.
    pub fn text(&self) -> String {
        format!("{}: {}", self.summary, self.detail)
    }
}

/// The diagnostics of a `validate -json` document.
pub fn from_validate_json(doc: &Value) -> Vec<Diagnostic> {
    let Some(list) = doc.get("diagnostics").and_then(Value::as_array) else {
        return Vec::new();
    };
    list.iter().map(one).collect()
}

fn str_at(v: &Value, key: &str) -> String {
    v.get(key)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string()
}

/// 1-based line of `<attribute> =` inside `data "<any gaap type>" "<name>"`.
pub fn attribute_line(config: &str, data_source_name: &str, attribute: &str) -> u64 {
    let name = format!("\" \"{data_source_name}\"");
    let mut in_block = false;
    for (index, line) in config.lines().enumerate() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("data \"gaap_") && trimmed.contains(&name) {
            in_block = true;
        } else if in_block && trimmed.starts_with('}') {
            break;
        } else if in_block
            && trimmed
                .strip_prefix(attribute)
                .is_some_and(|rest| rest.trim_start().starts_with('='))
        {
            return index as u64 + 1;
        }
    }
    panic!("fixture has no {attribute} in data source {data_source_name}")
}

/// The diagnostics in the JSON-lines output of `plan -json` / `apply -json`
/// (lines with `"type": "diagnostic"`; other lines are ignored).
pub fn from_json_lines(stdout: &str) -> Vec<Diagnostic> {
    stdout
        .lines()
        .filter_map(|line| serde_json::from_str::<Value>(line).ok())
        .filter(|msg| msg.get("type").and_then(Value::as_str) == Some("diagnostic"))
        .filter_map(|msg| msg.get("diagnostic").map(one))
        .collect()
}

fn one(d: &Value) -> Diagnostic {
    Diagnostic {
        severity: str_at(d, "severity"),
        summary: str_at(d, "summary"),
        detail: str_at(d, "detail"),
        line: d.pointer("/range/start/line").and_then(Value::as_u64),
    }
}

/// Whether `text` holds something shaped like a RequestId (a UUID).
pub fn has_request_id(text: &str) -> bool {
    text.split(|c: char| !(c.is_ascii_hexdigit() || c == '-'))
        .any(|word| word.len() == 36 && uuid::Uuid::parse_str(word).is_ok())
}
