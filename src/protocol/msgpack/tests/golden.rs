//! Values that encode to exactly Terraform's bytes and decode back to themselves.

use std::collections::BTreeMap;

use super::*;

/// Cases that must encode to exactly these bytes and decode back to the same value.
fn both_ways() -> Vec<(&'static str, Value, Type, &'static str)> {
    let block = object(&[
        ("name", Type::String),
        (
            "network",
            list(object(&[("cidr", Type::String), ("port", Type::Number)])),
        ),
    ]);
    vec![
        ("unknown string", Value::Unknown, Type::String, "d40000"),
        ("unknown object", Value::Unknown, block.clone(), "d40000"),
        ("null number", Value::Null, Type::Number, "c0"),
        ("null list", Value::Null, list(Type::String), "c0"),
        ("string", s("hello"), Type::String, "a5 68656c6c6f"),
        ("empty string", s(""), Type::String, "a0"),
        ("true", Value::Bool(true), Type::Bool, "c3"),
        ("false", Value::Bool(false), Type::Bool, "c2"),
        ("zero", int(0), Type::Number, "00"),
        ("fixint max", int(127), Type::Number, "7f"),
        ("uint8", int(128), Type::Number, "cc 80"),
        ("uint8 max", int(255), Type::Number, "cc ff"),
        ("uint16", int(256), Type::Number, "cd 0100"),
        ("uint16 max", int(65535), Type::Number, "cd ffff"),
        ("uint32", int(65536), Type::Number, "ce 00010000"),
        ("uint32 max", int(4294967295), Type::Number, "ce ffffffff"),
        ("uint64", int(4294967296), Type::Number, "cf 0000000100000000"),
        ("int64 max", int(i64::MAX), Type::Number, "cf 7fffffffffffffff"),
        ("uint64 max", Value::Number(Number::from_u64(u64::MAX)), Type::Number, "cf ffffffffffffffff"),
        ("negative fixint -1", int(-1), Type::Number, "ff"),
        ("negative fixint -32", int(-32), Type::Number, "e0"),
        ("int8 -33", int(-33), Type::Number, "d0 df"),
        ("int8 min", int(-128), Type::Number, "d0 80"),
        ("int16 -129", int(-129), Type::Number, "d1 ff7f"),
        ("int16 min", int(-32768), Type::Number, "d1 8000"),
        ("int32 -32769", int(-32769), Type::Number, "d2 ffff7fff"),
        ("int32 min", int(-2147483648), Type::Number, "d2 80000000"),
        ("int64 -2147483649", int(-2147483649), Type::Number, "d3 ffffffff7fffffff"),
        ("int64 min", int(i64::MIN), Type::Number, "d3 8000000000000000"),
        ("float64", float(1.5), Type::Number, "cb 3ff8000000000000"),
        ("negative float64", float(-0.5), Type::Number, "cb bfe0000000000000"),
        ("whole float stays float", float(1.0), Type::Number, "cb 3ff0000000000000"),
        ("+Inf", float(f64::INFINITY), Type::Number, "cb 7ff0000000000000"),
        ("-Inf", float(f64::NEG_INFINITY), Type::Number, "cb fff0000000000000"),
        (
            "big integer as decimal string",
            dec("123456789012345678901234567890"),
            Type::Number,
            "be 313233343536373839303132333435363738393031323334353637383930",
        ),
        ("imprecise decimal as string", dec("0.1"), Type::Number, "a3 302e31"),
        (
            "long decimal as str8",
            dec("-0.0000000000000000000000000000000000001"),
            Type::Number,
            "d9 28 2d302e30303030303030303030303030303030303030303030303030303030303030303030303031",
        ),
        ("list", Value::List(vec![s("a"), s("b")]), list(Type::String), "92 a161 a162"),
        ("empty list", Value::List(vec![]), list(Type::String), "90"),
        ("list with unknown", Value::List(vec![Value::Unknown, s("b")]), list(Type::String), "92 d40000 a162"),
        ("set", Value::Set(vec![int(1), int(2)]), Type::Set(Box::new(Type::Number)), "92 01 02"),
        (
            "map",
            Value::Map(BTreeMap::from([("a".into(), s("x")), ("b".into(), Value::Null)])),
            Type::Map(Box::new(Type::String)),
            "82 a161 a178 a162 c0",
        ),
        (
            "tuple",
            Value::Tuple(vec![s("a"), int(1)]),
            Type::Tuple(vec![Type::String, Type::Number]),
            "92 a161 01",
        ),
        (
            "object keys sorted",
            obj(&[("id", s("x")), ("count", int(3)), ("tags", Value::List(vec![]))]),
            object(&[("id", Type::String), ("count", Type::Number), ("tags", list(Type::String))]),
            "83 a5636f756e74 03 a26964 a178 a474616773 90",
        ),
        (
            "nested object with a list block",
            obj(&[
                ("name", s("web")),
                ("network", Value::List(vec![obj(&[("cidr", s("10.0.0.0/8")), ("port", int(443))])])),
            ]),
            block.clone(),
            "82 a46e616d65 a3776562 a76e6574776f726b 91 82 a463696472 aa31302e302e302e302f38 a4706f7274 cd01bb",
        ),
        (
            "block with null attribute and no nested blocks",
            obj(&[("name", Value::Null), ("network", Value::List(vec![]))]),
            block,
            "82 a46e616d65 c0 a76e6574776f726b 90",
        ),
        (
            "dynamic string",
            Value::Dynamic(Type::String, Box::new(s("hi"))),
            Type::Dynamic,
            "92 c408 22737472696e6722 a26869",
        ),
        (
            "dynamic list of number",
            Value::Dynamic(list(Type::Number), Box::new(Value::List(vec![int(1)]))),
            Type::Dynamic,
            "92 c411 5b226c697374222c226e756d626572225d 91 01",
        ),
        (
            "dynamic known type, unknown value",
            Value::Dynamic(Type::Bool, Box::new(Value::Unknown)),
            Type::Dynamic,
            "92 c406 22626f6f6c22 d40000",
        ),
        ("dynamic null", Value::Null, Type::Dynamic, "c0"),
        ("dynamic unknown", Value::Unknown, Type::Dynamic, "d40000"),
        (
            "object attribute of type dynamic",
            obj(&[("v", Value::Dynamic(Type::Number, Box::new(int(5))))]),
            object(&[("v", Type::Dynamic)]),
            "81 a176 92 c408 226e756d62657222 05",
        ),
    ]
}

#[test]
fn golden_encode() {
    for (name, value, ty, hex_text) in both_ways() {
        let got = encode(&value, &ty).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(hex::encode(got), hex::encode(bytes(hex_text)), "{name}");
    }
}

#[test]
fn golden_decode() {
    for (name, value, ty, hex_text) in both_ways() {
        let got = decode(&bytes(hex_text), &ty).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(got, value, "{name}");
    }
}

#[test]
fn decoded_values_encode_to_the_same_bytes() {
    for (name, _, ty, hex_text) in both_ways() {
        let value = decode(&bytes(hex_text), &ty).unwrap_or_else(|e| panic!("{name}: {e}"));
        let again = encode(&value, &ty).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(hex::encode(again), hex::encode(bytes(hex_text)), "{name}");
    }
}
