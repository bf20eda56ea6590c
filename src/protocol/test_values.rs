//! Builders the codec tests (`json`, `msgpack`) write their types and values with.

use super::{Type, Value};

pub(crate) fn s(text: &str) -> Value {
    Value::String(text.into())
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
