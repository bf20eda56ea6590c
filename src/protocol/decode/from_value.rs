//! [`FromValue`]: how a checked value becomes a Rust value.

use crate::protocol::{Number, Value};

/// A Rust type an attribute decodes into. Conversion runs after the attribute's
/// validators, so it fails only for values they let through but the type cannot
/// hold (a whole number beyond 64 bits, say).
pub trait FromValue: Sized {
    /// What a value must be to convert, as a validator phrase ("value must be ...").
    fn expected() -> String;

    /// The value, when it converts.
    fn from_value(value: &Value) -> Option<Self>;

    /// The value an environment variable's text stands for, before the checks: a
    /// string as it is (whitespace is the validators' business), a number parsed
    /// from the trimmed text. `None` when the text is not of this kind at all.
    fn parse_env(text: &str) -> Option<Value>;

    /// Whether a configured value counts as not set, so that its environment variable
    /// applies: an empty string does.
    fn counts_as_absent(&self) -> bool {
        false
    }
}

impl FromValue for String {
    fn expected() -> String {
        "value must be a string".to_owned()
    }

    fn from_value(value: &Value) -> Option<Self> {
        value.as_str().map(str::to_owned)
    }

    fn parse_env(text: &str) -> Option<Value> {
        Some(Value::String(text.to_owned()))
    }

    fn counts_as_absent(&self) -> bool {
        self.is_empty()
    }
}

impl FromValue for bool {
    fn expected() -> String {
        "value must be true or false".to_owned()
    }

    fn from_value(value: &Value) -> Option<Self> {
        match value {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }

    fn parse_env(text: &str) -> Option<Value> {
        match text.trim() {
            "true" | "1" => Some(Value::Bool(true)),
            "false" | "0" => Some(Value::Bool(false)),
            _ => None,
        }
    }
}

fn parse_number(text: &str) -> Option<Value> {
    Number::parse(text.trim()).map(Value::Number)
}

impl FromValue for u64 {
    fn expected() -> String {
        format!("value must be a whole number between 0 and {}", u64::MAX)
    }

    fn from_value(value: &Value) -> Option<Self> {
        value.as_number().and_then(Number::to_u64_exact)
    }

    fn parse_env(text: &str) -> Option<Value> {
        parse_number(text)
    }
}

impl FromValue for i64 {
    fn expected() -> String {
        format!(
            "value must be a whole number between {} and {}",
            i64::MIN,
            i64::MAX
        )
    }

    fn from_value(value: &Value) -> Option<Self> {
        value.as_number().and_then(Number::to_i64_exact)
    }

    fn parse_env(text: &str) -> Option<Value> {
        parse_number(text)
    }
}

/// For settings used as `f64` anyway (a duration, a rate): the nearest `f64`.
impl FromValue for f64 {
    fn expected() -> String {
        "value must be a finite number".to_owned()
    }

    fn from_value(value: &Value) -> Option<Self> {
        let n = value.as_number()?;
        // Parsed from the decimal text, so nothing beyond f64 precision is invented.
        n.to_string().parse::<f64>().ok().filter(|f| f.is_finite())
    }

    fn parse_env(text: &str) -> Option<Value> {
        parse_number(text)
    }
}

/// A list or set of strings (`allowed_account_ids`); unknown or null elements do not
/// convert.
impl FromValue for Vec<String> {
    fn expected() -> String {
        "value must be a list of strings".to_owned()
    }

    fn from_value(value: &Value) -> Option<Self> {
        let items = match value {
            Value::List(items) | Value::Set(items) => items,
            _ => return None,
        };
        items
            .iter()
            .map(|v| v.as_str().map(str::to_owned))
            .collect()
    }

    fn parse_env(_text: &str) -> Option<Value> {
        None
    }

    fn counts_as_absent(&self) -> bool {
        self.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocol::test_values::{n, s};

    #[test]
    fn conversions() {
        assert_eq!(u64::from_value(&n("10")), Some(10));
        assert_eq!(u64::from_value(&n("10.0")), Some(10));
        assert_eq!(u64::from_value(&n("1.5")), None);
        assert_eq!(u64::from_value(&n("123456789012345678901234567890")), None);
        assert_eq!(u64::from_value(&s("10")), None);
        assert_eq!(i64::from_value(&n("-3")), Some(-3));
        assert_eq!(f64::from_value(&n("2.5")), Some(2.5));
        assert_eq!(String::from_value(&s("x")), Some("x".to_owned()));
        assert_eq!(String::from_value(&Value::Null), None);
        assert_eq!(u64::parse_env(" 7 "), Some(n("7")));
        assert_eq!(u64::parse_env("soon"), None);
        assert_eq!(String::parse_env(" a "), Some(s(" a ")));
    }
}
