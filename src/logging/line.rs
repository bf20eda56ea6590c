//! One hclog JSON line, as go-plugin's client parses it (go-plugin `log_entry.go`):
//! `@level` (trace/debug/info/warn/error), `@message`, `@timestamp` with exactly six
//! fractional digits (layout `2006-01-02T15:04:05.000000Z07:00`, otherwise the whole line
//! is treated as plain text), `@module`; every other key becomes a key/value pair.

use std::borrow::Cow;

use serde_json::{Map, Value};

use crate::terminal_text::escape_controls;
use time::format_description::BorrowedFormatItem;
use time::macros::format_description;
use time::{OffsetDateTime, UtcOffset};
use tracing::Level;

const TIMESTAMP_FORMAT: &[BorrowedFormatItem<'static>] =
    format_description!("[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:6]Z");

/// `2026-11-28T01:16:16.504989Z`: UTC, microseconds.
pub fn format_timestamp(at: OffsetDateTime) -> String {
    at.to_offset(UtcOffset::UTC)
        .format(TIMESTAMP_FORMAT)
        .unwrap_or_else(|_| "1970-01-01T00:00:00.000000Z".to_owned())
}

/// hclog's lowercase level names.
pub fn level_name(level: Level) -> &'static str {
    match level {
        Level::TRACE => "trace",
        Level::DEBUG => "debug",
        Level::INFO => "info",
        Level::WARN => "warn",
        Level::ERROR => "error",
    }
}

/// Renders one line (without the newline). `fields` come after the `@` keys in
/// their order; a field named like an `@` key cannot replace it.
pub fn render(
    level: Level,
    module: &str,
    message: &str,
    at: OffsetDateTime,
    fields: Map<String, Value>,
) -> String {
    let mut object = Map::new();
    object.insert("@level".to_owned(), Value::from(level_name(level)));
    object.insert(
        "@message".to_owned(),
        Value::from(escape_controls(message).into_owned()),
    );
    object.insert("@module".to_owned(), Value::from(module));
    object.insert("@timestamp".to_owned(), Value::from(format_timestamp(at)));
    for (key, mut value) in fields {
        if !key.starts_with('@') {
            escape_strings(&mut value);
            object.insert(key, value);
        }
    }
    Value::Object(object).to_string()
}

/// Field values quote answers and files: their strings are escaped as messages are
/// (JSON escapes C0 controls, but Terraform prints the decoded text).
fn escape_strings(value: &mut Value) {
    match value {
        Value::String(text) => {
            if let Cow::Owned(escaped) = escape_controls(text) {
                *text = escaped;
            }
        }
        Value::Array(items) => items.iter_mut().for_each(escape_strings),
        Value::Object(map) => map.values_mut().for_each(escape_strings),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn timestamp_has_exactly_six_fraction_digits_in_utc() {
        let cases = [
            (
                datetime!(2026-11-28 01:16:16.504989 UTC),
                "2026-11-28T01:16:16.504989Z",
            ),
            (
                datetime!(2026-11-28 01:16:16 UTC),
                "2026-11-28T01:16:16.000000Z",
            ),
            (
                datetime!(2026-11-28 01:16:16.123456789 UTC),
                "2026-11-28T01:16:16.123456Z",
            ),
            (
                datetime!(2026-11-28 09:16:16.5 +08:00),
                "2026-11-28T01:16:16.500000Z",
            ),
        ];
        for (at, want) in cases {
            assert_eq!(format_timestamp(at), want);
        }
    }

    #[test]
    fn line_shape() {
        let mut fields = Map::new();
        fields.insert("tf_rpc".to_owned(), Value::from("ReadDataSource"));
        fields.insert("attempt".to_owned(), Value::from(2));
        fields.insert("@level".to_owned(), Value::from("spoofed"));
        let line = render(
            Level::WARN,
            "provider.example",
            "say \"hi\"\n",
            datetime!(2026-11-28 01:16:16.504989 UTC),
            fields,
        );
        assert_eq!(
            line,
            r#"{"@level":"warn","@message":"say \"hi\"\n","@module":"provider.example","@timestamp":"2026-11-28T01:16:16.504989Z","tf_rpc":"ReadDataSource","attempt":2}"#
        );
        assert!(!line.contains('\n'));
    }

    /// Outside text in a message or a field cannot put a control character on the
    /// terminal once Terraform decodes the line.
    #[test]
    fn controls_are_escaped_in_message_and_fields() {
        let mut fields = Map::new();
        fields.insert("code".to_owned(), Value::from("Internal\u{1b}[2J"));
        fields.insert(
            "nested".to_owned(),
            serde_json::json!({"list": ["\u{202e}x", 1]}),
        );
        let line = render(
            Level::DEBUG,
            "provider",
            "answer\rApply complete!",
            datetime!(2026-11-28 01:16:16.504989 UTC),
            fields,
        );
        let decoded: Value = serde_json::from_str(&line).unwrap();
        assert_eq!(decoded["@message"], "answer\\u{d}Apply complete!");
        assert_eq!(decoded["code"], "Internal\\u{1b}[2J");
        assert_eq!(decoded["nested"]["list"][0], "\\u{202e}x");
    }
}
