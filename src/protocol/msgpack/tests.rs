//! Golden hex tests in the style of terraform-plugin-go's `value_msgpack_test.go`:
//! each row is a value, its type, and the exact bytes Terraform's encoder produces.

use std::collections::BTreeMap;

use super::{decode, encode};
use crate::protocol::{Number, Type, Value};

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

/// Other encodings Terraform (or another client) may send, and what they decode to.
#[test]
fn decode_accepts_every_wire_form() {
    let refined_string = "c7 0d 0c 82 01 c2 02 a8 7072656669783a78";
    let cases: Vec<(&str, &str, Type, Value)> = vec![
        (
            "refined unknown (ext8, type 12)",
            refined_string,
            Type::String,
            Value::Unknown,
        ),
        (
            "refined number bounds",
            "c7 0b 0c 82 03 92 01 c3 04 92 cd0100 c2",
            Type::Number,
            Value::Unknown,
        ),
        (
            "refined number with float bounds (float64 and float32)",
            "c7 15 0c 82 03 92 cb 3ff8000000000000 c3 04 92 ca 3fc00000 c2",
            Type::Number,
            Value::Unknown,
        ),
        (
            "refinement with unknown key ignored",
            "c7 03 0c 81 63 c3",
            list(Type::String),
            Value::Unknown,
        ),
        (
            "fixext1 any type code",
            "d4 05 00",
            Type::Bool,
            Value::Unknown,
        ),
        ("fixext1 type 12", "d4 0c 00", Type::Bool, Value::Unknown),
        ("empty ext8", "c7 00 00", Type::Number, Value::Unknown),
        (
            "refined unknown at dynamic",
            refined_string,
            Type::Dynamic,
            Value::Unknown,
        ),
        ("int8 width", "d0 01", Type::Number, int(1)),
        ("int16 width", "d1 0001", Type::Number, int(1)),
        ("int64 width", "d3 ffffffffffffffff", Type::Number, int(-1)),
        ("uint16 width", "cd 0001", Type::Number, int(1)),
        ("uint64 width", "cf 0000000000000005", Type::Number, int(5)),
        ("float32", "ca 3fc00000", Type::Number, float(1.5)),
        ("integer as string", "a2 3132", Type::Number, int(12)),
        (
            "exponent string",
            "a5 31652b3430",
            Type::Number,
            dec("1e40"),
        ),
        ("string as bin", "c4 02 6869", Type::String, s("hi")),
        (
            "dynamic type as str",
            "92 a8 22737472696e6722 a26869",
            Type::Dynamic,
            Value::Dynamic(Type::String, Box::new(s("hi"))),
        ),
        ("str16 string", "da 0002 6869", Type::String, s("hi")),
        (
            "array16 list",
            "dc 0001 a161",
            list(Type::String),
            Value::List(vec![s("a")]),
        ),
        (
            "map16 map",
            "de 0001 a161 01",
            Type::Map(Box::new(Type::Number)),
            Value::Map(BTreeMap::from([("a".into(), int(1))])),
        ),
    ];
    for (name, hex_text, ty, want) in cases {
        let got = decode(&bytes(hex_text), &ty).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(got, want, "{name}");
    }
    // Forms are kept: a decimal string Terraform sends comes back as that string.
    let big = bytes("be 313233343536373839303132333435363738393031323334353637383930");
    let decoded = decode(&big, &Type::Number).expect("decodes");
    assert_eq!(encode(&decoded, &Type::Number).expect("encodes"), big);
}

fn decode_err(hex_text: &str, ty: &Type) -> String {
    match decode(&bytes(hex_text), ty) {
        Ok(v) => panic!("{hex_text} should not decode, got {v:?}"),
        Err(e) => e.0,
    }
}

#[test]
fn decode_errors_say_what_is_wrong() {
    let ab = object(&[("a", Type::Number), ("b", Type::Number)]);
    let block = object(&[("net", list(object(&[("port", Type::Number)])))]);
    let cases: Vec<(&str, Type, &str)> = vec![
        ("01", Type::String, "a string is required, got an integer"),
        ("a161", Type::Number, "not a decimal number"),
        ("a161", Type::Bool, "a bool is required, got a string"),
        (
            "81 a161 01",
            list(Type::String),
            "a list is required, got a map",
        ),
        (
            "91 01",
            Type::Map(Box::new(Type::String)),
            "a map is required, got an array",
        ),
        ("cb 7ff8000000000000", Type::Number, "NaN"),
        ("a2 fffe", Type::String, "not UTF-8"),
        (
            "81 a161 01",
            ab.clone(),
            "missing attribute \"b\": an object with 2 attributes is required (1 given)",
        ),
        ("80", ab.clone(), "missing attribute \"a\", \"b\""),
        (
            "83 a161 01 a162 02 a17a 03",
            ab.clone(),
            "unsupported attribute \"z\" (this object has: \"a\", \"b\")",
        ),
        (
            "82 a161 01 a161 02",
            ab.clone(),
            "attribute \"a\" is given more than once",
        ),
        (
            "82 01 01 a162 02",
            ab.clone(),
            "a string attribute name is required, got an integer",
        ),
        (
            "81 a36e6574 91 81 a4706f7274 a178",
            block,
            "net[0].port: a number is required",
        ),
        (
            "91 a178",
            Type::Tuple(vec![Type::String, Type::String]),
            "a tuple of 2 elements is required, got 1",
        ),
        ("", Type::String, "ends unexpectedly"),
        ("a5 6865", Type::String, "ends unexpectedly"),
        (
            "92 01",
            list(Type::Number),
            "[1]: msgpack input ends unexpectedly",
        ),
        ("cd 01", Type::Number, "ends unexpectedly"),
        ("c7 05 0c 8101", Type::Number, "ends unexpectedly"),
        (
            "c0 c0",
            Type::String,
            "1 unexpected trailing bytes after the msgpack value (it ends at byte 1)",
        ),
        (
            "a161 00 00",
            Type::String,
            "2 unexpected trailing bytes after the msgpack value (it ends at byte 2)",
        ),
        ("c1", Type::String, "reserved byte 0xc1"),
        (
            "d5 05 0000",
            Type::String,
            "unsupported msgpack extension type 5 with a 2-byte payload",
        ),
        ("d5 0c 0101", Type::String, "refinements: a map is required"),
        ("c7 03 0c 81 a178 c3", Type::String, "keys must be integers"),
        (
            "c7 04 0c 81 01 c3 c3",
            Type::String,
            "unexpected bytes after the refinement map",
        ),
        ("c7 02 0c 81 01", Type::String, "ends unexpectedly"),
        ("93 c0 c0 c0", Type::Dynamic, "2-element array"),
        (
            "a161",
            Type::Dynamic,
            "a dynamic value [type, value] is required, got a string",
        ),
        (
            "92 01 01",
            Type::Dynamic,
            "type JSON of a dynamic value is required",
        ),
        (
            "92 c405 22666f6f22 01",
            Type::Dynamic,
            "invalid type of a dynamic value: \"foo\"",
        ),
        (
            "92 c408 22737472696e6722 01",
            Type::Dynamic,
            "a string is required, got an integer",
        ),
    ];
    for (hex_text, ty, want) in cases {
        let got = decode_err(hex_text, &ty);
        assert!(
            got.contains(want),
            "{hex_text}: {got:?} should contain {want:?}"
        );
    }
    let mut oversized = bytes("c8 0401 0c");
    oversized.extend(std::iter::repeat_n(0xc0, 1025));
    let got = decode(&oversized, &Type::String).expect_err("oversized refinements");
    assert!(got.0.contains("1025 bytes long, at most 1024"), "{got}");
    // Exactly at the limit: {2: "aaa…"}, 1 + 1 + 3 + 1019 = 1024 bytes, is accepted.
    let mut at_limit = bytes("c8 0400 0c 81 02 da 03fb");
    at_limit.extend(std::iter::repeat_n(b'a', 1019));
    assert_eq!(decode(&at_limit, &Type::String), Ok(Value::Unknown));
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    // A dynamic value whose type is again dynamic, 10 000 levels deep.
    let level = bytes("92 c409 2264796e616d696322");
    let mut input: Vec<u8> = level
        .iter()
        .copied()
        .cycle()
        .take(level.len() * 10_000)
        .collect();
    input.push(0xc0);
    let err = decode(&input, &Type::Dynamic).expect_err("too deep");
    assert!(err.0.contains("nested more than 64 levels"), "{err}");

    // Deep type-driven nesting: list(list(...)) 100 levels.
    let mut ty = Type::String;
    for _ in 0..100 {
        ty = list(ty);
    }
    let mut input = vec![0x91; 100];
    input.push(0xc0);
    let err = decode(&input, &ty).expect_err("too deep");
    assert!(err.0.contains("nested more than 64 levels"), "{err}");

    // Refinement payloads (each within 1024 bytes) nested deeply: arrays; maps
    // nested through their keys; maps nested through their values.
    let arrays = [vec![0x91; 900], vec![0xc0]].concat();
    let through_keys = [vec![0x81; 300], vec![0xc0; 301]].concat();
    let through_values = [[0x81, 0xc0].repeat(300), vec![0xc0]].concat();
    for nested in [arrays, through_keys, through_values] {
        let err = decode(
            &refined_unknown(&[&[0x81, 0x01], &nested[..]].concat()),
            &Type::String,
        )
        .expect_err("too deep");
        assert!(err.0.contains("nested too deeply"), "{err}");
    }
}

/// An unknown value with a refinement `payload` (ext16, type 12).
fn refined_unknown(payload: &[u8]) -> Vec<u8> {
    let mut input = bytes("c8");
    input.extend((payload.len() as u16).to_be_bytes());
    input.push(0x0c);
    input.extend(payload);
    input
}

/// Errors say where, the way Terraform writes paths: the first attribute bare,
/// later ones after a dot, list indexes and map keys in brackets.
#[test]
fn errors_name_the_path_as_terraform_writes_it() {
    let network = object(&[("network", list(object(&[("name", Type::String)])))]);
    // {"network": [{"name": 1}]}
    let got = decode_err("81 a76e6574776f726b 91 81 a46e616d65 01", &network);
    assert!(got.starts_with("network[0].name: "), "{got}");
    let tags = object(&[("tags", Type::Map(Box::new(Type::String)))]);
    // {"tags": {"env": 1}}
    let got = decode_err("81 a474616773 81 a3656e76 01", &tags);
    assert!(got.starts_with("tags[\"env\"]: "), "{got}");
}

/// Every length form msgpack has for strings, maps and extensions decodes; Terraform
/// picks the shortest, but any encoder may use the longer ones.
#[test]
fn every_length_form_decodes() {
    let map_of_string = Type::Map(Box::new(Type::String));
    let refinement_16 = format!("d8 0c 8102ad {}", "61".repeat(13));
    let cases: Vec<(&str, Type, Value)> = vec![
        ("db 00000001 61", Type::String, s("a")),
        ("c6 00000001 61", Type::String, s("a")),
        (
            "df 00000001 a161 a162",
            map_of_string.clone(),
            Value::Map(BTreeMap::from([("a".to_owned(), s("b"))])),
        ),
        // Unknown values with refinements ({2: "a…"}) in each extension form.
        ("d6 0c 8102a161", Type::String, Value::Unknown),
        ("d7 0c 8102a56161616161", Type::String, Value::Unknown),
        (&refinement_16, Type::String, Value::Unknown),
        ("c9 00000004 0c 8102a161", Type::String, Value::Unknown),
    ];
    for (hex_text, ty, want) in cases {
        assert_eq!(decode(&bytes(hex_text), &ty), Ok(want), "{hex_text}");
    }
}

#[test]
fn huge_declared_lengths_do_not_allocate() {
    // array32 claiming 4 billion elements, followed by nothing.
    let err = decode(&bytes("dd ffffffff"), &list(Type::String)).expect_err("truncated");
    assert!(err.0.contains("ends unexpectedly"), "{err}");
}

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

#[test]
fn initial_capacity_is_bounded_whatever_the_header_says() {
    use super::decode::{initial_capacity, MAX_INITIAL_CAPACITY};
    assert_eq!(initial_capacity(3, 100), 3);
    assert_eq!(initial_capacity(100, 3), 3);
    assert_eq!(
        initial_capacity(u32::MAX as usize, 256 << 20),
        MAX_INITIAL_CAPACITY
    );
    assert_eq!(
        initial_capacity(usize::MAX, usize::MAX),
        MAX_INITIAL_CAPACITY
    );
}

#[test]
fn a_list_longer_than_the_initial_capacity_still_decodes() {
    let n = super::decode::MAX_INITIAL_CAPACITY * 3 + 1;
    let mut input = vec![0xdd];
    input.extend_from_slice(&(n as u32).to_be_bytes());
    input.resize(input.len() + n, 0x01);
    let Value::List(items) = decode(&input, &list(Type::Number)).expect("decodes") else {
        panic!("a list");
    };
    assert_eq!(items.len(), n);
    assert!(items.iter().all(|v| *v == int(1)));
}
