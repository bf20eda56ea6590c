//! Encodings other than the ones Terraform's encoder picks, which a client may still
//! send: each decodes to the value it stands for.

use std::collections::BTreeMap;

use super::*;

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
