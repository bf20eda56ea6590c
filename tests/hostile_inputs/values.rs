//! Values of the provider's schemas, and their msgpack and JSON encodings.

use std::collections::BTreeMap;

use terraform_provider_gaap::protocol::wire::DynamicValue;
use terraform_provider_gaap::protocol::{msgpack, Number, Type, Value};
use terraform_provider_gaap::provider::{provider_schemas, PROXY_CREATE_CHECK};

pub(crate) fn schema_types() -> (Type, Type) {
    let schemas = provider_schemas();
    let provider = schemas.provider.value_type();
    let data_source = schemas.data_sources[PROXY_CREATE_CHECK].value_type();
    (provider, data_source)
}

pub(crate) fn attrs(ty: &Type) -> &BTreeMap<String, Type> {
    match ty {
        Type::Object(attrs) => attrs,
        other => panic!("not an object type: {other:?}"),
    }
}

/// An object of type `ty` with `given` attributes and every other one null (empty for
/// list blocks, as Terraform sends them; the set-typed attributes, such as
/// `allowed_account_ids`, are plain attributes and so null).
pub(crate) fn object(ty: &Type, given: &[(&str, Value)]) -> Value {
    let mut out = BTreeMap::new();
    for (name, t) in attrs(ty) {
        let value = match given.iter().find(|(n, _)| n == name) {
            Some((_, v)) => v.clone(),
            None if matches!(t, Type::List(_)) => Value::List(Vec::new()),
            None => Value::Null,
        };
        out.insert(name.clone(), value);
    }
    Value::Object(out)
}

pub(crate) fn s(text: &str) -> Value {
    Value::String(text.to_owned())
}

pub(crate) fn n(v: i64) -> Value {
    Value::Number(Number::from_i64(v))
}

pub(crate) fn mp(value: &Value, ty: &Type) -> DynamicValue {
    DynamicValue {
        msgpack: msgpack::encode(value, ty).expect("test value matches its type"),
        json: Vec::new(),
    }
}

pub(crate) fn raw_mp(bytes: Vec<u8>) -> Option<DynamicValue> {
    Some(DynamicValue {
        msgpack: bytes,
        json: Vec::new(),
    })
}

pub(crate) fn raw_json(text: impl Into<Vec<u8>>) -> Option<DynamicValue> {
    Some(DynamicValue {
        msgpack: Vec::new(),
        json: text.into(),
    })
}

/// `ty` with attribute `name` retyped (to send a value of the wrong type there).
pub(crate) fn retyped(ty: &Type, name: &str, new: Type) -> Type {
    let mut a = attrs(ty).clone();
    a.insert(name.to_owned(), new);
    Type::Object(a)
}

/// A valid data source configuration.
pub(crate) fn good_read(ds: &Type, bandwidth: i64, concurrent: i64) -> Value {
    object(
        ds,
        &[
            ("access_region", s("SouthChina")),
            ("real_server_region", s("EastChina")),
            ("bandwidth", n(bandwidth)),
            ("concurrent", n(concurrent)),
        ],
    )
}

pub(crate) fn json_of(value: &Value) -> serde_json::Value {
    use serde_json::Value as J;
    match value {
        Value::Null => J::Null,
        Value::Bool(b) => J::Bool(*b),
        Value::String(s) => J::String(s.clone()),
        Value::Number(n) => serde_json::from_str(&n.to_string()).unwrap(),
        Value::List(items) | Value::Set(items) | Value::Tuple(items) => {
            J::Array(items.iter().map(json_of).collect())
        }
        Value::Map(m) | Value::Object(m) => {
            J::Object(m.iter().map(|(k, v)| (k.clone(), json_of(v))).collect())
        }
        other => panic!("no JSON for {other:?}"),
    }
}
