//! A value as plain JSON, for files people and scripts read (`result_output_file`):
//! objects and maps as JSON objects, lists, sets and tuples as arrays, numbers
//! exactly as written (serde_json's `arbitrary_precision`), null as null. Unlike the
//! protocol's `DynamicValue` JSON there is no type wrapper. An unknown value, which a
//! finished read never holds, becomes null.

use serde_json::{Map, Value as Json};

use super::Value;

/// `value` as plain JSON.
pub fn to_plain_json(value: &Value) -> Json {
    match value {
        Value::Unknown | Value::Null => Json::Null,
        Value::Bool(b) => Json::Bool(*b),
        // The decimal text of a Number is valid JSON number text, so this never fails.
        Value::Number(n) => serde_json::from_str(&n.to_string()).unwrap_or(Json::Null),
        Value::String(s) => Json::String(s.clone()),
        Value::List(items) | Value::Set(items) | Value::Tuple(items) => {
            Json::Array(items.iter().map(to_plain_json).collect())
        }
        Value::Map(entries) | Value::Object(entries) => Json::Object(
            entries
                .iter()
                .map(|(k, v)| (k.clone(), to_plain_json(v)))
                .collect::<Map<_, _>>(),
        ),
        Value::Dynamic(_, inner) => to_plain_json(inner),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocol::test_values::{n, obj, s};

    #[test]
    fn every_kind_of_value() {
        let value = obj(&[
            ("id", s("x")),
            ("big", n("123456789012345678901234567890.5")),
            ("none", Value::Null),
            ("later", Value::Unknown),
            ("flags", Value::Set(vec![Value::Bool(true)])),
            ("rows", Value::List(vec![obj(&[("n", n("1"))])])),
        ]);
        let text = serde_json::to_string(&to_plain_json(&value)).expect("serializes");
        assert_eq!(
            text,
            r#"{"big":123456789012345678901234567890.5,"flags":[true],"id":"x","later":null,"none":null,"rows":[{"n":1}]}"#
        );
    }
}
