//! Codec tests. The golden rows follow terraform-plugin-go's `value_msgpack_test.go`:
//! each is a value, its type, and the exact bytes Terraform's encoder produces. This
//! module holds the builders the tables are written with.

use super::{decode, encode};
use crate::protocol::{Number, Type, Value};

mod decode_errors;
mod encode_errors;
mod golden;
mod limits;
mod wire_forms;

fn bytes(hex_text: &str) -> Vec<u8> {
    let compact: String = hex_text.split_whitespace().collect();
    hex::decode(compact).expect("test hex is valid")
}

fn int(v: i64) -> Value {
    Value::Number(Number::from_i64(v))
}
fn float(v: f64) -> Value {
    Value::Number(Number::from_f64(v).expect("not NaN"))
}
fn dec(text: &str) -> Value {
    Value::Number(Number::parse(text).expect("valid decimal"))
}
fn s(text: &str) -> Value {
    Value::String(text.into())
}
fn list(t: Type) -> Type {
    Type::List(Box::new(t))
}
fn object(attrs: &[(&str, Type)]) -> Type {
    Type::Object(
        attrs
            .iter()
            .map(|(k, t)| (k.to_string(), t.clone()))
            .collect(),
    )
}
fn obj(attrs: &[(&str, Value)]) -> Value {
    Value::Object(
        attrs
            .iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect(),
    )
}
