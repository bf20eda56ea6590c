//! Codec tests. The golden rows follow terraform-plugin-go's `value_msgpack_test.go`:
//! each is a value, its type, and the exact bytes Terraform's encoder produces. This
//! module holds the hex and number builders the tables are written with.

use super::{decode, encode};
use crate::protocol::test_values::{list, obj, object, s};
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
