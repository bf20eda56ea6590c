//! Input that does not decode, and what the error says.

use super::*;

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
            "{hex_text} as {ty:?}: {got:?} should contain {want:?}"
        );
    }
}

/// Errors say where, the way Terraform writes paths: the first attribute bare,
/// later ones after a dot, list indexes and map keys in brackets.
#[test]
fn errors_name_the_path_as_terraform_writes_it() {
    let network = object(&[("network", list(object(&[("name", Type::String)])))]);
    let tags = object(&[("tags", Type::Map(Box::new(Type::String)))]);
    let cases = [
        (
            "{\"network\": [{\"name\": 1}]}",
            "81 a76e6574776f726b 91 81 a46e616d65 01",
            network,
            "network[0].name: ",
        ),
        (
            "{\"tags\": {\"env\": 1}}",
            "81 a474616773 81 a3656e76 01",
            tags,
            "tags[\"env\"]: ",
        ),
    ];
    for (case, hex_text, ty, path) in cases {
        let got = decode_err(hex_text, &ty);
        assert!(got.starts_with(path), "{case}: {got}");
    }
}
