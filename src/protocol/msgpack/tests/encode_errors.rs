//! Values that do not match the type they are encoded as.

use super::*;

fn encode_err(value: &Value, ty: &Type) -> String {
    match encode(value, ty) {
        Ok(b) => panic!("{value:?} should not encode, got {}", hex::encode(b)),
        Err(e) => e.0,
    }
}

#[test]
fn encode_rejects_values_that_do_not_match_the_type() {
    let ab = object(&[("a", Type::Number), ("b", Type::Number)]);
    let cases: Vec<(Value, Type, &str)> = vec![
        (
            s("x"),
            Type::Number,
            "a number value is required, got a string",
        ),
        (
            int(1),
            Type::String,
            "a string value is required, got a number",
        ),
        (
            Value::List(vec![]),
            Type::Set(Box::new(Type::String)),
            "a set of string value is required, got a list",
        ),
        (obj(&[("a", int(1))]), ab.clone(), "missing attribute \"b\""),
        (
            obj(&[("a", int(1)), ("b", int(2)), ("c", int(3))]),
            ab.clone(),
            "unsupported attribute \"c\"",
        ),
        (
            obj(&[("a", int(1)), ("b", s("x"))]),
            ab,
            "b: a number value is required, got a string",
        ),
        (
            Value::List(vec![s("a"), int(2)]),
            list(Type::String),
            "[1]: a string value is required",
        ),
        (
            Value::Tuple(vec![s("a")]),
            Type::Tuple(vec![Type::String, Type::Number]),
            "a tuple of 2 elements is required, got 1",
        ),
        (
            s("x"),
            Type::Dynamic,
            "must carry its type (Value::Dynamic), got a string",
        ),
        (
            Value::Dynamic(Type::String, Box::new(int(1))),
            Type::Dynamic,
            "a string value is required, got a number",
        ),
        (
            Value::Dynamic(Type::String, Box::new(s("x"))),
            Type::Number,
            "got a dynamic value of type string",
        ),
    ];
    for (value, ty, want) in cases {
        let got = encode_err(&value, &ty);
        assert!(
            got.contains(want),
            "{value:?}: {got:?} should contain {want:?}"
        );
    }
    // A typed wrapper at a position of exactly that type is accepted.
    let wrapped = Value::Dynamic(Type::String, Box::new(s("x")));
    assert_eq!(
        encode(&wrapped, &Type::String).expect("encodes"),
        bytes("a178")
    );
}
