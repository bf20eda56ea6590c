//! Entry points for the fuzz targets in `fuzz/` and for `tests/fuzz_corpus.rs`, which
//! replays their corpus on stable: one function per target, each taking arbitrary
//! bytes. Not part of the provider's API.
//!
//! Every function must return normally for every input: a panic (including a failed
//! property check below) is a bug. Errors of the decoders are expected answers.
//!
//! The `DynamicValue` targets choose the schema with the input's first byte (modulo
//! [`schema_types`]'s length) and decode the rest, so one corpus covers every schema.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use crate::protocol::{json, msgpack, Number, Type, Value};
use crate::provider::provider_schemas;

/// The types values are decoded against: the provider block's, every data source's,
/// then synthetic ones that together use every type (list, set, map, object, tuple,
/// dynamic, nested in each other). Named for messages.
pub fn schema_types() -> &'static [(String, Type)] {
    static TYPES: OnceLock<Vec<(String, Type)>> = OnceLock::new();
    TYPES.get_or_init(|| {
        let schemas = provider_schemas();
        let mut types = vec![("provider".to_owned(), schemas.provider.value_type())];
        for (name, schema) in &schemas.data_sources {
            types.push((format!("data source {name}"), schema.value_type()));
        }
        types.extend(synthetic_types());
        types
    })
}

fn boxed(ty: Type) -> Box<Type> {
    Box::new(ty)
}

fn object(attrs: &[(&str, Type)]) -> Type {
    Type::Object(
        attrs
            .iter()
            .map(|(name, ty)| ((*name).to_owned(), ty.clone()))
            .collect::<BTreeMap<_, _>>(),
    )
}

fn synthetic_types() -> Vec<(String, Type)> {
    let every = object(&[
        ("s", Type::String),
        ("n", Type::Number),
        ("b", Type::Bool),
        ("d", Type::Dynamic),
        ("l", Type::List(boxed(Type::String))),
        ("st", Type::Set(boxed(Type::Number))),
        ("m", Type::Map(boxed(Type::Bool))),
        (
            "o",
            object(&[("a", Type::String), ("b", Type::List(boxed(Type::Dynamic)))]),
        ),
        (
            "t",
            Type::Tuple(vec![Type::String, Type::Number, Type::Dynamic]),
        ),
        (
            "nested",
            Type::List(boxed(Type::Map(boxed(Type::Set(boxed(object(&[(
                "x",
                Type::Number,
            )]))))))),
        ),
        ("empty", object(&[])),
    ]);
    vec![
        ("synthetic every type".to_owned(), every),
        ("synthetic dynamic".to_owned(), Type::Dynamic),
        (
            "synthetic list of list of dynamic".to_owned(),
            Type::List(boxed(Type::List(boxed(Type::Dynamic)))),
        ),
        (
            "synthetic map of tuple".to_owned(),
            Type::Map(boxed(Type::Tuple(vec![Type::Bool, object(&[])]))),
        ),
        ("synthetic number".to_owned(), Type::Number),
        ("synthetic string".to_owned(), Type::String),
    ]
}

/// The schema type the first byte selects, and the rest of the input.
fn split(data: &[u8]) -> Option<(&'static (String, Type), &[u8])> {
    let (first, rest) = data.split_first()?;
    let types = schema_types();
    Some((&types[usize::from(*first) % types.len()], rest))
}

/// Target `msgpack_value`: decodes the input as msgpack against a schema; a decoded
/// value must encode again, and that encoding must decode to an equal value.
pub fn msgpack_value(data: &[u8]) {
    let Some(((name, ty), bytes)) = split(data) else {
        return;
    };
    let Ok(value) = msgpack::decode(bytes, ty) else {
        return;
    };
    round_trip(name, &value, ty);
}

/// Target `json_value`: decodes the input as JSON against a schema; a decoded value
/// must encode as msgpack and decode back equal (what the provider does with state
/// Terraform sends as JSON).
pub fn json_value(data: &[u8]) {
    let Some(((name, ty), bytes)) = split(data) else {
        return;
    };
    let Ok(value) = json::decode(bytes, ty) else {
        return;
    };
    round_trip(name, &value, ty);
}

fn round_trip(name: &str, value: &Value, ty: &Type) {
    let encoded = msgpack::encode(value, ty)
        .unwrap_or_else(|e| panic!("{name}: a decoded value does not encode: {e}"));
    let again = msgpack::decode(&encoded, ty)
        .unwrap_or_else(|e| panic!("{name}: an encoded value does not decode: {e}"));
    assert_eq!(
        &again, value,
        "{name}: the msgpack round trip changed the value"
    );
}

/// Target `number`: parses the input as Terraform number text. A parsed number must
/// print as text that parses to the same number, round-trip through msgpack, and
/// answer every conversion without panicking.
pub fn number(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let Some(number) = Number::parse(&text) else {
        return;
    };
    let shown = number.to_string();
    let reparsed = Number::parse(&shown)
        .unwrap_or_else(|| panic!("{number:?} prints as {shown:?}, which does not parse"));
    assert_eq!(reparsed, number, "{shown:?} parses to another number");
    let value = Value::Number(number.clone());
    let encoded = msgpack::encode(&value, &Type::Number)
        .unwrap_or_else(|e| panic!("{number:?} does not encode: {e}"));
    let decoded = msgpack::decode(&encoded, &Type::Number)
        .unwrap_or_else(|e| panic!("{number:?} encodes to bytes that do not decode: {e}"));
    assert_eq!(decoded, value, "the msgpack round trip changed {number:?}");
    let _ = (
        number.is_whole(),
        number.is_infinite(),
        number.to_i64_exact(),
        number.to_u64_exact(),
        number.to_f64_lossy(),
        number.cmp_i64(0),
        format!("{number:?}"),
    );
}
