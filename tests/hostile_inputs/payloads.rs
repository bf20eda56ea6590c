//! The hostile payloads: truncated, oversized, wrongly typed and extra-attribute
//! values in msgpack and JSON, each with what the provider must answer.

use terraform_provider_gaap::protocol::wire::DynamicValue;
use terraform_provider_gaap::protocol::{msgpack, Number, Type, Value};

use crate::values::{attrs, json_of, mp, n, raw_json, raw_mp, retyped, s};

/// Whether a payload must be refused by the RPCs that decode it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Expect {
    /// An error diagnostic.
    Error,
    /// Any answer without a gRPC error (a null or unknown configuration, a huge but
    /// well-formed number the provider leaves to the API to judge at validation).
    Answer,
    /// An error on ReadDataSource (and Configure); any answer on the validations.
    ErrorWhenUsed,
}

pub(crate) struct Payload {
    pub(crate) name: String,
    pub(crate) value: Option<DynamicValue>,
    pub(crate) expect: Expect,
}

/// `number_attr` is a Number attribute of `ty` to put wrong numbers in; `string_attr`
/// a String attribute; `good` a valid value of `ty` (which must set both).
pub(crate) fn payloads(
    ty: &Type,
    good: &Value,
    number_attr: &str,
    string_attr: &str,
    huge: Expect,
) -> Vec<Payload> {
    use Expect::*;
    let mut out = Vec::new();
    let mut add = |name: &str, value: Option<DynamicValue>, expect: Expect| {
        out.push(Payload {
            name: name.to_owned(),
            value,
            expect,
        })
    };
    let good_bytes = msgpack::encode(good, ty).unwrap();
    let with = |name: &str, v: Value| -> Value {
        let mut obj = match good {
            Value::Object(o) => o.clone(),
            _ => unreachable!(),
        };
        obj.insert(name.to_owned(), v);
        Value::Object(obj)
    };
    // A number sent as msgpack text (cty accepts numbers as decimal strings).
    let number_text = |text: &str| {
        let t = retyped(ty, number_attr, Type::String);
        Some(mp(&with(number_attr, s(text)), &t))
    };

    add("missing DynamicValue", None, Answer);
    add("empty DynamicValue", Some(DynamicValue::default()), Answer);
    add(
        "msgpack unknown root (d4 00 00)",
        raw_mp(vec![0xd4, 0, 0]),
        Answer,
    );
    add(
        "msgpack truncated in half",
        raw_mp(good_bytes[..good_bytes.len() / 2].to_vec()),
        Error,
    );
    add(
        "msgpack truncated by one byte",
        raw_mp(good_bytes[..good_bytes.len() - 1].to_vec()),
        Error,
    );
    add(
        "msgpack trailing bytes",
        raw_mp([good_bytes.clone(), vec![0xc0]].concat()),
        Error,
    );
    add("msgpack reserved byte c1", raw_mp(vec![0xc1]), Error);
    add(
        "msgpack str32 claims 4 GiB",
        raw_mp(vec![0xdb, 0xff, 0xff, 0xff, 0xff, b'a']),
        Error,
    );
    add(
        "msgpack bin32 claims 4 GiB",
        raw_mp(vec![0xc6, 0xff, 0xff, 0xff, 0xff, 0]),
        Error,
    );
    add(
        "msgpack ext32 claims 4 GiB",
        raw_mp(vec![0xc9, 0xff, 0xff, 0xff, 0xff, 0]),
        Error,
    );
    add(
        "msgpack map32 claims 4G entries",
        raw_mp(vec![0xdf, 0xff, 0xff, 0xff, 0xff, 0xa1, b'a', 0xc0]),
        Error,
    );
    add(
        "msgpack array32 claims 4G items",
        raw_mp(vec![0xdd, 0xff, 0xff, 0xff, 0xff, 0xc0]),
        Error,
    );
    add(
        "msgpack attribute name str32 claims 4 GiB",
        raw_mp(vec![0x81, 0xdb, 0xff, 0xff, 0xff, 0xff, b'a']),
        Error,
    );
    let mut attr_count_lie = good_bytes.clone();
    attr_count_lie[0] = 0xde; // map16 with 0xffff entries, then the real ones
    attr_count_lie.splice(1..1, [0xff, 0xff]);
    add(
        "msgpack object claims 65535 attributes",
        raw_mp(attr_count_lie),
        Error,
    );
    add("string where number", number_text("ten"), Error);
    add(
        "bool where string",
        Some(mp(
            &with(string_attr, Value::Bool(true)),
            &retyped(ty, string_attr, Type::Bool),
        )),
        Error,
    );
    add(
        "list where object",
        Some(mp(
            &Value::List(vec![s("x")]),
            &Type::List(Box::new(Type::String)),
        )),
        Error,
    );
    add(
        "string where object",
        Some(mp(&s("hello"), &Type::String)),
        Error,
    );
    add(
        "list where number",
        Some(mp(
            &with(number_attr, Value::List(vec![n(1)])),
            &retyped(ty, number_attr, Type::List(Box::new(Type::Number))),
        )),
        Error,
    );
    let mut extra = attrs(ty).clone();
    extra.insert("bogus_extra".into(), Type::String);
    let extra_ty = Type::Object(extra);
    add(
        "extra attribute",
        Some(mp(&with("bogus_extra", s("x")), &extra_ty)),
        Error,
    );
    let mut fewer = attrs(ty).clone();
    fewer.remove(number_attr);
    let mut fewer_value = match good {
        Value::Object(o) => o.clone(),
        _ => unreachable!(),
    };
    fewer_value.remove(number_attr);
    add(
        "missing attribute",
        Some(mp(&Value::Object(fewer_value), &Type::Object(fewer))),
        Error,
    );
    // Invalid UTF-8 inside a string attribute: encode a marker, then break it.
    let marker = "\u{1}\u{2}\u{3}";
    let mut bytes = msgpack::encode(&with(string_attr, s(marker)), ty).unwrap();
    let at = bytes
        .windows(3)
        .position(|w| w == marker.as_bytes())
        .unwrap();
    bytes[at..at + 3].copy_from_slice(&[0xff, 0xfe, 0xc0]);
    add("invalid UTF-8 in a string", raw_mp(bytes), Error);
    // Floats that are not numbers: encode 1.5 (cb 3ff8...), then patch the bits.
    let one_and_half = Value::Number(Number::from_f64(1.5).unwrap());
    let base = msgpack::encode(&with(number_attr, one_and_half), ty).unwrap();
    let pattern = [0xcb, 0x3f, 0xf8, 0, 0, 0, 0, 0, 0];
    let at = base.windows(9).position(|w| w == pattern).unwrap();
    for (label, bits) in [
        ("float64 NaN", f64::NAN.to_bits()),
        ("float64 +Inf", f64::INFINITY.to_bits()),
        ("float64 -Inf", f64::NEG_INFINITY.to_bits()),
    ] {
        let mut b = base.clone();
        b[at + 1..at + 9].copy_from_slice(&bits.to_be_bytes());
        add(label, raw_mp(b), Error);
    }
    for text in [
        "NaN", "nan", "Infinity", "-Inf", "0x1F", "1_000", "", " 1", "1e", "--1",
    ] {
        add(&format!("number text {text:?}"), number_text(text), Error);
    }
    let digits400 = format!("1{}", "0".repeat(399));
    add("number text 1e400", number_text("1e400"), huge);
    add(
        "number text 400-digit integer",
        number_text(&digits400),
        huge,
    );
    add("number text -1e400", number_text("-1e400"), Error);
    add("number text 1e-400", number_text("1e-400"), Error);
    add("number text 1e999999999", number_text("1e999999999"), huge);
    add(
        "number text 100k digits",
        number_text(&"9".repeat(100_000)),
        huge,
    );
    // Deep nesting where an object is expected, and inside an attribute.
    let mut deep_arrays = vec![0x91; 100_000];
    deep_arrays.push(0xc0);
    add(
        "msgpack 100k nested arrays",
        raw_mp(deep_arrays.clone()),
        Error,
    );
    let mut deep_maps = Vec::new();
    for _ in 0..100_000 {
        deep_maps.extend_from_slice(&[0x81, 0xa1, b'a']);
    }
    deep_maps.push(0xc0);
    add("msgpack 100k nested maps", raw_mp(deep_maps), Error);
    let mut nested_attr = good_bytes.clone();
    nested_attr[0] = good_bytes[0] + 1; // one more attribute: "z" => deep arrays
    nested_attr.extend_from_slice(&[0xa1, b'z']);
    nested_attr.extend_from_slice(&deep_arrays);
    add(
        "msgpack deep nesting in an extra attribute",
        raw_mp(nested_attr),
        Error,
    );
    add(
        "msgpack and JSON both garbage",
        Some(DynamicValue {
            msgpack: vec![0xc1],
            json: b"{".to_vec(),
        }),
        Error,
    );

    // JSON.
    let json_good = json_of(good);
    let json_with = |name: &str, v: serde_json::Value| {
        let mut o = json_good.clone();
        o.as_object_mut().unwrap().insert(name.to_owned(), v);
        o.to_string()
    };
    let json_raw_number = |text: &str| {
        json_with(number_attr, serde_json::Value::Null).replace(
            &format!("\"{number_attr}\":null"),
            &format!("\"{number_attr}\":{text}"),
        )
    };
    add("JSON invalid (cut)", raw_json("{\"access_region\":"), Error);
    add(
        "JSON invalid (not JSON)",
        raw_json("not json at all"),
        Error,
    );
    add(
        "JSON trailing garbage",
        raw_json(format!("{json_good} x")),
        Error,
    );
    add(
        "JSON invalid UTF-8",
        raw_json(vec![b'"', 0xff, 0xfe, b'"']),
        Error,
    );
    add("JSON list where object", raw_json("[1,2,3]"), Error);
    add("JSON number where object", raw_json("42"), Error);
    add(
        "JSON string where number",
        raw_json(json_with(number_attr, "ten".into())),
        Error,
    );
    // cty's JSON decoder turns a bool into its text where a string is expected; the
    // text "true" then fails where the value is used.
    add(
        "JSON bool where string",
        raw_json(json_with(string_attr, true.into())),
        ErrorWhenUsed,
    );
    add(
        "JSON object where number",
        raw_json(json_with(number_attr, serde_json::json!({"a": 1}))),
        Error,
    );
    add(
        "JSON extra attribute",
        raw_json(json_with("bogus_extra", "x".into())),
        Error,
    );
    add("JSON NaN literal", raw_json(json_raw_number("NaN")), Error);
    add(
        "JSON Infinity literal",
        raw_json(json_raw_number("Infinity")),
        Error,
    );
    add(
        "JSON \"NaN\" text",
        raw_json(json_with(number_attr, "NaN".into())),
        Error,
    );
    add("JSON 1e400", raw_json(json_raw_number("1e400")), huge);
    add(
        "JSON 400-digit integer",
        raw_json(json_raw_number(&digits400)),
        huge,
    );
    add("JSON -1e400", raw_json(json_raw_number("-1e400")), Error);
    let mut deep_json = "[".repeat(100_000);
    deep_json.push_str(&"]".repeat(100_000));
    add(
        "JSON 100k nested arrays",
        raw_json(deep_json.clone()),
        Error,
    );
    add(
        "JSON deep nesting in an attribute",
        raw_json(json_raw_number(&deep_json)),
        Error,
    );
    // cty's JSON decoder keeps the last of duplicate attributes, as this one does.
    add(
        "JSON duplicate attribute (last wins)",
        raw_json(
            json_good
                .to_string()
                .replacen('{', &format!("{{\"{string_attr}\":true,"), 1),
        ),
        Answer,
    );
    out
}
