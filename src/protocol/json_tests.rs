use std::collections::BTreeMap;

use super::decode;
use crate::protocol::test_values::{list, obj, object, s};
use crate::protocol::{msgpack, Number, Type, Value};

fn num(text: &str) -> Value {
    Value::Number(Number::parse(text).expect("valid"))
}

#[test]
fn decodes_every_shape() {
    let block = object(&[
        ("name", Type::String),
        (
            "network",
            list(object(&[("cidr", Type::String), ("port", Type::Number)])),
        ),
    ]);
    let cases: Vec<(&str, Type, Value)> = vec![
        ("null", Type::String, Value::Null),
        ("null", Type::Dynamic, Value::Null),
        (r#""hello""#, Type::String, s("hello")),
        ("true", Type::Bool, Value::Bool(true)),
        ("42", Type::Number, num("42")),
        ("-1.5", Type::Number, num("-1.5")),
        (
            "18446744073709551615",
            Type::Number,
            Value::Number(Number::from_u64(u64::MAX)),
        ),
        (
            "123456789012345678901234567890.000000000000000000001",
            Type::Number,
            num("123456789012345678901234567890.000000000000000000001"),
        ),
        ("1e400", Type::Number, num("1e400")),
        (r#""12""#, Type::Number, num("12")),
        ("12", Type::String, s("12")),
        ("false", Type::String, s("false")),
        (r#""true""#, Type::Bool, Value::Bool(true)),
        (
            r#"["a","b"]"#,
            list(Type::String),
            Value::List(vec![s("a"), s("b")]),
        ),
        (
            "[1,1]",
            Type::Set(Box::new(Type::Number)),
            Value::Set(vec![num("1"), num("1")]),
        ),
        (
            r#"["a",1]"#,
            Type::Tuple(vec![Type::String, Type::Number]),
            Value::Tuple(vec![s("a"), num("1")]),
        ),
        (
            r#"{"b":"y","a":null}"#,
            Type::Map(Box::new(Type::String)),
            Value::Map(BTreeMap::from([
                ("a".into(), Value::Null),
                ("b".into(), s("y")),
            ])),
        ),
        (
            r#"{"network":[{"port":443,"cidr":"10.0.0.0/8"}],"name":"web"}"#,
            block.clone(),
            obj(&[
                ("name", s("web")),
                (
                    "network",
                    Value::List(vec![obj(&[
                        ("cidr", s("10.0.0.0/8")),
                        ("port", num("443")),
                    ])]),
                ),
            ]),
        ),
        // Attributes missing from JSON (older state) are null, as in go-cty.
        (
            r#"{"name":"web"}"#,
            block,
            obj(&[("name", s("web")), ("network", Value::Null)]),
        ),
        (
            r#"{"value":["x"],"type":["list","string"]}"#,
            Type::Dynamic,
            Value::Dynamic(list(Type::String), Box::new(Value::List(vec![s("x")]))),
        ),
        (
            r#"{"type":"number","value":null}"#,
            Type::Dynamic,
            Value::Dynamic(Type::Number, Box::new(Value::Null)),
        ),
    ];
    for (json, ty, want) in cases {
        let got = decode(json.as_bytes(), &ty).unwrap_or_else(|e| panic!("{json}: {e}"));
        assert_eq!(got, want, "{json}");
    }
}

#[test]
fn precise_numbers_survive_to_msgpack() {
    let value = decode(b"123456789012345678901234567890", &Type::Number).expect("decodes");
    let wire = msgpack::encode(&value, &Type::Number).expect("encodes");
    assert_eq!(
        hex::encode(wire),
        "be313233343536373839303132333435363738393031323334353637383930"
    );
    // Integers that fit go out as compact ints, exact fractions as float64.
    let value = decode(b"443", &Type::Number).expect("decodes");
    assert_eq!(
        msgpack::encode(&value, &Type::Number).expect("encodes"),
        vec![0xcd, 0x01, 0xbb]
    );
    let value = decode(b"1.5", &Type::Number).expect("decodes");
    assert_eq!(
        hex::encode(msgpack::encode(&value, &Type::Number).expect("encodes")),
        "cb3ff8000000000000"
    );
}

#[test]
fn errors_say_what_is_wrong() {
    let ab = object(&[("a", Type::Number), ("b", Type::Number)]);
    let cases: Vec<(&str, Type, &str)> = vec![
        ("{", Type::String, "invalid JSON value"),
        ("\"a\" x", Type::String, "invalid JSON value"),
        (
            "[1]",
            Type::String,
            "a string value (a JSON primitive) is required, got an array",
        ),
        (
            r#""abc""#,
            Type::Number,
            "\"abc\" which is not a decimal number",
        ),
        (
            r#""yes""#,
            Type::Bool,
            "got the string \"yes\" (allowed: true, false)",
        ),
        (
            "1",
            Type::Bool,
            "a bool value (a JSON primitive) is required, got a number",
        ),
        (
            "{}",
            list(Type::String),
            "a list of string value (a JSON array) is required, got an object",
        ),
        (
            r#"{"a":1,"z":2}"#,
            ab.clone(),
            "unsupported attribute \"z\" (this object has: \"a\", \"b\")",
        ),
        (r#"{"a":"x"}"#, ab, "a: a number is required, got \"x\""),
        (
            "[1,2,3]",
            Type::Tuple(vec![Type::Number]),
            "a tuple of 1 elements is required, got 3",
        ),
        (
            r#"["a"]"#,
            Type::Dynamic,
            "a dynamic value (a JSON object) is required, got an array",
        ),
        (r#"{"value":1}"#, Type::Dynamic, "needs a \"type\""),
        (r#"{"type":"number"}"#, Type::Dynamic, "needs a \"value\""),
        (
            r#"{"type":"number","value":1,"x":1}"#,
            Type::Dynamic,
            "invalid key \"x\"",
        ),
        (
            r#"{"type":"float","value":1}"#,
            Type::Dynamic,
            "invalid type of a dynamic value: \"float\"",
        ),
        (
            r#"{"m":{"k":[1,"x"]}}"#,
            object(&[("m", Type::Map(Box::new(list(Type::Number))))]),
            "m[\"k\"][1]: a number is required",
        ),
    ];
    for (json, ty, want) in cases {
        let got = match decode(json.as_bytes(), &ty) {
            Ok(v) => panic!("{json} should not decode, got {v:?}"),
            Err(e) => e.0,
        };
        assert!(
            got.contains(want),
            "{json}: {got:?} should contain {want:?}"
        );
    }
}

#[test]
fn deep_json_is_rejected_by_the_parser() {
    let json = format!("{}1{}", "[".repeat(10_000), "]".repeat(10_000));
    let err = decode(json.as_bytes(), &Type::Dynamic).expect_err("too deep");
    assert!(err.0.contains("recursion limit"), "{err}");
}
