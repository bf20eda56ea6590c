//! Values for the framework's own tests.

use std::collections::BTreeMap;

use super::{Number, Value};

pub fn s(v: &str) -> Value {
    Value::String(v.to_owned())
}

/// A number parsed from its decimal text (`"1.5"`, `"10"`).
pub fn n(text: &str) -> Value {
    Value::Number(Number::parse(text).unwrap_or_else(|| panic!("bad number {text}")))
}

pub fn obj(pairs: &[(&str, Value)]) -> Value {
    Value::Object(
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), v.clone()))
            .collect::<BTreeMap<_, _>>(),
    )
}
