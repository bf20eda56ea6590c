//! Builders the framework's tests (codecs, decoding) write their types and values with.

use super::{Number, Type, Value};

pub(crate) fn s(text: &str) -> Value {
    Value::String(text.into())
}

/// A number parsed from its decimal text (`"1.5"`, `"10"`).
pub(crate) fn n(text: &str) -> Value {
    Value::Number(Number::parse(text).unwrap_or_else(|| panic!("bad number {text}")))
}

pub(crate) fn list(t: Type) -> Type {
    Type::List(Box::new(t))
}

/// An object type with these attributes.
pub(crate) fn object(attrs: &[(&str, Type)]) -> Type {
    Type::Object(
        attrs
            .iter()
            .map(|(k, t)| (k.to_string(), t.clone()))
            .collect(),
    )
}

/// An object value with these attributes.
pub(crate) fn obj(attrs: &[(&str, Value)]) -> Value {
    Value::Object(
        attrs
            .iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect(),
    )
}
