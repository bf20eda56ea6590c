//! Hostile inputs through the real protocol (issue 10 part 4): the built binary, started
//! as Terraform starts it (go-plugin environment, AutoMTLS client certificate), receives
//! malformed, mistyped, oversized and nonsensical values on every RPC that takes one.
//!
//! What must hold, as with terraform-plugin-go: a value that does not decode is answered
//! with an error diagnostic (never a gRPC error, which Terraform shows as an opaque
//! "Plugin error"); a request that is not even a protobuf message is refused by the gRPC
//! layer with `Internal` (grpc-go answers "grpc: error unmarshalling request" with
//! `codes.Internal`, tonic "failed to decode Protobuf message" with the same code). The
//! process never panics, the connection is never dropped: afterwards a normal
//! GetProviderSchema and a valid ValidateDataSourceConfig still succeed on it.
//!
//! The second test fires 200 concurrent reads at an emulator that misbehaves in every
//! way it can, and checks that each read ends in time with the right answer or a clear
//! error, and that the emulator saw what the answers say.
#![cfg(unix)]

mod common;

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use common::plugin_client::{client_config, tls_channel, ClientIdentity, Plugin};
use futures_util::StreamExt;
use gaap_emulator::{Emulator, EmulatorConfig, InjectedError, Knobs};
use prost::bytes::{Buf, BufMut};
use terraform_provider_gaap::protocol::wire::{self, provider_client::ProviderClient};
use terraform_provider_gaap::protocol::{msgpack, Number, Type, Value};
use terraform_provider_gaap::provider::{provider_schemas, PROXY_CREATE_CHECK};
use tonic::codec::{Codec, DecodeBuf, Decoder, EncodeBuf, Encoder};
use tonic::transport::Channel;
use wire::DynamicValue;

/// A bound for one RPC of the hostile test (no network behind any of them but Configure
/// and ReadDataSource, which talk to a well-behaved loopback emulator).
const RPC_TIMEOUT: Duration = Duration::from_secs(20);

type Diags = Vec<wire::Diagnostic>;

fn has_error(diags: &Diags) -> bool {
    diags
        .iter()
        .any(|d| d.severity == wire::diagnostic::Severity::Error as i32)
}

// ---------------------------------------------------------------- values

fn schema_types() -> (Type, Type) {
    let schemas = provider_schemas();
    let provider = schemas.provider.value_type();
    let data_source = schemas.data_sources[PROXY_CREATE_CHECK].value_type();
    (provider, data_source)
}

fn attrs(ty: &Type) -> &BTreeMap<String, Type> {
    match ty {
        Type::Object(attrs) => attrs,
        other => panic!("not an object type: {other:?}"),
    }
}

/// An object of type `ty` with `given` attributes and every other one null (empty for
/// list blocks, as Terraform sends them; the set-typed attributes, such as
/// `allowed_account_ids`, are plain attributes and so null).
fn object(ty: &Type, given: &[(&str, Value)]) -> Value {
    let mut out = BTreeMap::new();
    for (name, t) in attrs(ty) {
        let value = match given.iter().find(|(n, _)| n == name) {
            Some((_, v)) => v.clone(),
            None if matches!(t, Type::List(_)) => Value::List(Vec::new()),
            None => Value::Null,
        };
        out.insert(name.clone(), value);
    }
    Value::Object(out)
}

fn s(text: &str) -> Value {
    Value::String(text.to_owned())
}

fn n(v: i64) -> Value {
    Value::Number(Number::from_i64(v))
}

fn mp(value: &Value, ty: &Type) -> DynamicValue {
    DynamicValue {
        msgpack: msgpack::encode(value, ty).expect("test value matches its type"),
        json: Vec::new(),
    }
}

fn raw_mp(bytes: Vec<u8>) -> Option<DynamicValue> {
    Some(DynamicValue {
        msgpack: bytes,
        json: Vec::new(),
    })
}

fn raw_json(text: impl Into<Vec<u8>>) -> Option<DynamicValue> {
    Some(DynamicValue {
        msgpack: Vec::new(),
        json: text.into(),
    })
}

/// `ty` with attribute `name` retyped (to send a value of the wrong type there).
fn retyped(ty: &Type, name: &str, new: Type) -> Type {
    let mut a = attrs(ty).clone();
    a.insert(name.to_owned(), new);
    Type::Object(a)
}

/// A valid data source configuration.
fn good_read(ds: &Type, bandwidth: i64, concurrent: i64) -> Value {
    object(
        ds,
        &[
            ("access_region", s("SouthChina")),
            ("real_server_region", s("EastChina")),
            ("bandwidth", n(bandwidth)),
            ("concurrent", n(concurrent)),
        ],
    )
}

/// Whether a payload must be refused by the RPCs that decode it.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Expect {
    /// An error diagnostic.
    Error,
    /// Any answer without a gRPC error (a null or unknown configuration, a huge but
    /// well-formed number the provider leaves to the API to judge at validation).
    Answer,
    /// An error on ReadDataSource (and Configure); any answer on the validations.
    ErrorWhenUsed,
}

struct Payload {
    name: String,
    value: Option<DynamicValue>,
    expect: Expect,
}

/// `number_attr` is a Number attribute of `ty` to put wrong numbers in; `string_attr`
/// a String attribute; `good` a valid value of `ty` (which must set both).
fn payloads(
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

fn json_of(value: &Value) -> serde_json::Value {
    use serde_json::Value as J;
    match value {
        Value::Null => J::Null,
        Value::Bool(b) => J::Bool(*b),
        Value::String(s) => J::String(s.clone()),
        Value::Number(n) => serde_json::from_str(&n.to_string()).unwrap(),
        Value::List(items) | Value::Set(items) | Value::Tuple(items) => {
            J::Array(items.iter().map(json_of).collect())
        }
        Value::Map(m) | Value::Object(m) => {
            J::Object(m.iter().map(|(k, v)| (k.clone(), json_of(v))).collect())
        }
        other => panic!("no JSON for {other:?}"),
    }
}

// ---------------------------------------------------------------- raw gRPC

/// Sends and receives raw bytes, for requests that are not protobuf at all.
#[derive(Clone, Copy, Default)]
struct RawCodec;
struct RawEncoder;
struct RawDecoder;

impl Codec for RawCodec {
    type Encode = Vec<u8>;
    type Decode = Vec<u8>;
    type Encoder = RawEncoder;
    type Decoder = RawDecoder;
    fn encoder(&mut self) -> RawEncoder {
        RawEncoder
    }
    fn decoder(&mut self) -> RawDecoder {
        RawDecoder
    }
}

impl Encoder for RawEncoder {
    type Item = Vec<u8>;
    type Error = tonic::Status;
    fn encode(&mut self, item: Vec<u8>, dst: &mut EncodeBuf<'_>) -> Result<(), tonic::Status> {
        dst.put_slice(&item);
        Ok(())
    }
}

impl Decoder for RawDecoder {
    type Item = Vec<u8>;
    type Error = tonic::Status;
    fn decode(&mut self, src: &mut DecodeBuf<'_>) -> Result<Option<Vec<u8>>, tonic::Status> {
        let mut out = vec![0; src.remaining()];
        src.copy_to_slice(&mut out);
        Ok(Some(out))
    }
}

async fn raw_unary(channel: &Channel, rpc: &str, body: Vec<u8>) -> Result<Vec<u8>, tonic::Status> {
    let mut grpc = tonic::client::Grpc::new(channel.clone());
    grpc.ready()
        .await
        .map_err(|e| tonic::Status::unavailable(e.to_string()))?;
    let path = format!("/tfplugin5.Provider/{rpc}").parse().unwrap();
    let call = grpc.unary(tonic::Request::new(body), path, RawCodec);
    tokio::time::timeout(RPC_TIMEOUT, call)
        .await
        .unwrap_or_else(|_| panic!("{rpc}: no answer within {RPC_TIMEOUT:?}"))
        .map(tonic::Response::into_inner)
}

// ---------------------------------------------------------------- the hostile test

struct Harness {
    plugin: Plugin,
    channel: Channel,
    client: ProviderClient<Channel>,
    calls: usize,
}

async fn start_plugin() -> Harness {
    let terraform = ClientIdentity::terraform_like();
    let (plugin, handshake) = Plugin::spawn_managed("5", Some(&terraform.pem), &[]);
    let config = client_config(handshake.server_cert.as_ref().unwrap(), Some(&terraform));
    let channel = tls_channel(&handshake.socket(), config)
        .await
        .expect("channel");
    let client = ProviderClient::new(channel.clone())
        .max_decoding_message_size(256 << 20)
        .max_encoding_message_size(256 << 20);
    Harness {
        plugin,
        channel,
        client,
        calls: 0,
    }
}

impl Harness {
    /// Fails the test (with stderr) when the process is gone.
    fn assert_alive(&mut self, case: &str) {
        if let Some(status) = self.plugin.child.try_wait().unwrap() {
            panic!(
                "{case}: the provider exited ({status:?}); stderr:\n{}",
                self.plugin.stderr()
            );
        }
    }
}

/// One call's outcome: diagnostics, or the gRPC status.
type Outcome = Result<Diags, tonic::Status>;

async fn bounded<T>(
    case: &str,
    f: impl std::future::Future<Output = Result<tonic::Response<T>, tonic::Status>>,
) -> Result<T, tonic::Status> {
    tokio::time::timeout(RPC_TIMEOUT, f)
        .await
        .unwrap_or_else(|_| panic!("{case}: no answer within {RPC_TIMEOUT:?}"))
        .map(tonic::Response::into_inner)
}

/// Every RPC that carries a DynamicValue, given one.
const VALUE_RPCS: &[&str] = &[
    "PrepareProviderConfig",
    "Configure",
    "ValidateDataSourceConfig",
    "ReadDataSource",
    "ValidateResourceTypeConfig",
    "ReadResource",
    "PlanResourceChange",
    "ApplyResourceChange",
    "GenerateResourceConfig",
    "ValidateEphemeralResourceConfig",
    "OpenEphemeralResource",
    "ListResource",
    "ValidateListResourceConfig",
    "PlanAction",
    "InvokeAction",
    "ValidateActionConfig",
];

/// RPCs whose requests name a type but carry no DynamicValue (raw state, ids, private).
const TYPE_ONLY_RPCS: &[&str] = &[
    "UpgradeResourceState",
    "UpgradeResourceIdentity",
    "ImportResourceState",
    "MoveResourceState",
    "RenewEphemeralResource",
    "CloseEphemeralResource",
];

async fn call(h: &mut Harness, rpc: &str, type_name: &str, v: Option<DynamicValue>) -> Outcome {
    let c = &mut h.client;
    let t = type_name.to_owned();
    h.calls += 1;
    let case = format!("{rpc}({type_name:.40})");
    let case = case.as_str();
    use wire::*;
    Ok(match rpc {
        "PrepareProviderConfig" => {
            bounded(
                case,
                c.prepare_provider_config(prepare_provider_config::Request { config: v }),
            )
            .await?
            .diagnostics
        }
        "Configure" => {
            bounded(
                case,
                c.configure(configure::Request {
                    terraform_version: "1.9.0".into(),
                    config: v,
                    ..Default::default()
                }),
            )
            .await?
            .diagnostics
        }
        "ValidateDataSourceConfig" => {
            bounded(
                case,
                c.validate_data_source_config(validate_data_source_config::Request {
                    type_name: t,
                    config: v,
                }),
            )
            .await?
            .diagnostics
        }
        "ReadDataSource" => {
            let r = bounded(
                case,
                c.read_data_source(read_data_source::Request {
                    type_name: t,
                    config: v.clone(),
                    provider_meta: v,
                    ..Default::default()
                }),
            )
            .await?;
            if has_error(&r.diagnostics) {
                assert!(r.state.is_none(), "{case}: state with an error");
            }
            r.diagnostics
        }
        "ValidateResourceTypeConfig" => {
            bounded(
                case,
                c.validate_resource_type_config(validate_resource_type_config::Request {
                    type_name: t,
                    config: v,
                    ..Default::default()
                }),
            )
            .await?
            .diagnostics
        }
        "ReadResource" => {
            bounded(
                case,
                c.read_resource(read_resource::Request {
                    type_name: t,
                    current_state: v.clone(),
                    provider_meta: v,
                    private: vec![0xff; 64],
                    ..Default::default()
                }),
            )
            .await?
            .diagnostics
        }
        "PlanResourceChange" => {
            bounded(
                case,
                c.plan_resource_change(plan_resource_change::Request {
                    type_name: t,
                    prior_state: v.clone(),
                    proposed_new_state: v.clone(),
                    config: v.clone(),
                    provider_meta: v,
                    ..Default::default()
                }),
            )
            .await?
            .diagnostics
        }
        "ApplyResourceChange" => {
            bounded(
                case,
                c.apply_resource_change(apply_resource_change::Request {
                    type_name: t,
                    prior_state: v.clone(),
                    planned_state: v.clone(),
                    config: v.clone(),
                    provider_meta: v,
                    ..Default::default()
                }),
            )
            .await?
            .diagnostics
        }
        "GenerateResourceConfig" => {
            bounded(
                case,
                c.generate_resource_config(generate_resource_config::Request {
                    type_name: t,
                    state: v,
                }),
            )
            .await?
            .diagnostics
        }
        "ValidateEphemeralResourceConfig" => {
            bounded(
                case,
                c.validate_ephemeral_resource_config(validate_ephemeral_resource_config::Request {
                    type_name: t,
                    config: v,
                }),
            )
            .await?
            .diagnostics
        }
        "OpenEphemeralResource" => {
            bounded(
                case,
                c.open_ephemeral_resource(open_ephemeral_resource::Request {
                    type_name: t,
                    config: v,
                    ..Default::default()
                }),
            )
            .await?
            .diagnostics
        }
        "ValidateListResourceConfig" => {
            bounded(
                case,
                c.validate_list_resource_config(validate_list_resource_config::Request {
                    type_name: t,
                    config: v.clone(),
                    include_resource_object: v.clone(),
                    limit: v,
                }),
            )
            .await?
            .diagnostics
        }
        "ListResource" => {
            let mut stream = bounded(
                case,
                c.list_resource(list_resource::Request {
                    type_name: t,
                    config: v,
                    ..Default::default()
                }),
            )
            .await?;
            let mut diags = Vec::new();
            while let Some(event) = tokio::time::timeout(RPC_TIMEOUT, stream.next())
                .await
                .expect("ListResource stream ends")
            {
                diags.extend(event?.diagnostic);
            }
            diags
        }
        "PlanAction" => {
            bounded(
                case,
                c.plan_action(plan_action::Request {
                    action_type: t,
                    config: v,
                    ..Default::default()
                }),
            )
            .await?
            .diagnostics
        }
        "InvokeAction" => {
            let mut stream = bounded(
                case,
                c.invoke_action(invoke_action::Request {
                    action_type: t,
                    config: v,
                    ..Default::default()
                }),
            )
            .await?;
            let mut diags = Vec::new();
            while let Some(event) = tokio::time::timeout(RPC_TIMEOUT, stream.next())
                .await
                .expect("InvokeAction stream ends")
            {
                if let Some(invoke_action::event::Type::Completed(done)) = event?.r#type {
                    diags.extend(done.diagnostics);
                }
            }
            diags
        }
        "ValidateActionConfig" => {
            bounded(
                case,
                c.validate_action_config(validate_action_config::Request {
                    type_name: t,
                    config: v,
                }),
            )
            .await?
            .diagnostics
        }
        "UpgradeResourceState" => {
            let raw = RawState {
                json: b"{\"a\":[[[[".to_vec(),
                flatmap: [("\u{0}".to_owned(), "x".repeat(1000))].into(),
            };
            bounded(
                case,
                c.upgrade_resource_state(upgrade_resource_state::Request {
                    type_name: t,
                    version: i64::MIN,
                    raw_state: Some(raw),
                }),
            )
            .await?
            .diagnostics
        }
        "UpgradeResourceIdentity" => {
            let raw = RawState {
                json: vec![0xff, 0xfe],
                flatmap: Default::default(),
            };
            bounded(
                case,
                c.upgrade_resource_identity(upgrade_resource_identity::Request {
                    type_name: t,
                    version: -1,
                    raw_identity: Some(raw),
                }),
            )
            .await?
            .diagnostics
        }
        "ImportResourceState" => {
            bounded(
                case,
                c.import_resource_state(import_resource_state::Request {
                    type_name: t,
                    id: "\u{0}".repeat(10_000),
                    ..Default::default()
                }),
            )
            .await?
            .diagnostics
        }
        "MoveResourceState" => {
            let raw = RawState {
                json: b"not json".to_vec(),
                flatmap: Default::default(),
            };
            bounded(
                case,
                c.move_resource_state(move_resource_state::Request {
                    source_type_name: t.clone(),
                    target_type_name: t,
                    source_state: Some(raw),
                    source_schema_version: i64::MAX,
                    ..Default::default()
                }),
            )
            .await?
            .diagnostics
        }
        "RenewEphemeralResource" => {
            bounded(
                case,
                c.renew_ephemeral_resource(renew_ephemeral_resource::Request {
                    type_name: t,
                    private: Some(vec![0xc1; 100]),
                }),
            )
            .await?
            .diagnostics
        }
        "CloseEphemeralResource" => {
            bounded(
                case,
                c.close_ephemeral_resource(close_ephemeral_resource::Request {
                    type_name: t,
                    private: None,
                }),
            )
            .await?
            .diagnostics
        }
        other => panic!("no call for {other}"),
    })
}

/// Type names sent to every RPC besides the real data source's.
fn hostile_type_names() -> Vec<(&'static str, String)> {
    vec![
        ("empty type name", String::new()),
        ("unknown type name", "gaap_no_such_thing".to_owned()),
        ("other provider's type", "aws_instance".to_owned()),
        (
            "NUL and emoji type name",
            "gaap_\u{0}\u{1F4A5}\u{202E}".to_owned(),
        ),
        ("64 KiB type name", "g".repeat(64 << 10)),
        ("near-miss type name", format!("{PROXY_CREATE_CHECK} ")),
    ]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hostile_values_get_error_diagnostics_and_the_process_survives() {
    let started = Instant::now();
    let emulator = Emulator::start(EmulatorConfig::default()).await.unwrap();
    let mut h = start_plugin().await;
    let (provider_ty, ds_ty) = schema_types();

    let good_provider = object(
        &provider_ty,
        &[
            ("endpoint", s(&emulator.url())),
            ("secret_id", s(gaap_emulator::DEMO_SECRET_ID)),
            ("secret_key", s(gaap_emulator::DEMO_SECRET_KEY)),
            ("region", s("ap-guangzhou")),
            ("request_timeout", n(5)),
            ("max_retries", n(0)),
        ],
    );
    let good_ds = good_read(&ds_ty, 10, 2);
    let mut failures = Vec::new();

    // 1. The provider block, on PrepareProviderConfig and Configure. The hostile
    //    numbers go into request_timeout, which has an upper bound: always an error.
    let provider_payloads = payloads(
        &provider_ty,
        &good_provider,
        "request_timeout",
        "endpoint",
        Expect::Error,
    );
    for p in &provider_payloads {
        for rpc in ["PrepareProviderConfig", "Configure"] {
            let outcome = call(&mut h, rpc, "", p.value.clone()).await;
            check(&mut failures, rpc, &p.name, p.expect, true, outcome);
            h.assert_alive(&p.name);
        }
    }
    // Configure for real, so that reads reach the emulator.
    let diags = call(
        &mut h,
        "Configure",
        "",
        Some(mp(&good_provider, &provider_ty)),
    )
    .await
    .expect("Configure");
    assert!(!has_error(&diags), "valid Configure: {diags:?}");

    // 2. The data source's RPCs: every payload with its own type name, and the
    //    valid configuration under hostile type names.
    let ds_payloads = payloads(
        &ds_ty,
        &good_ds,
        "bandwidth",
        "access_region",
        Expect::ErrorWhenUsed,
    );
    for p in &ds_payloads {
        for (rpc, used) in [
            ("ValidateDataSourceConfig", false),
            ("ReadDataSource", true),
        ] {
            let outcome = call(&mut h, rpc, PROXY_CREATE_CHECK, p.value.clone()).await;
            check(&mut failures, rpc, &p.name, p.expect, used, outcome);
        }
        h.assert_alive(&p.name);
    }
    for (name, type_name) in hostile_type_names() {
        for rpc in ["ValidateDataSourceConfig", "ReadDataSource"] {
            let outcome = call(&mut h, rpc, &type_name, Some(mp(&good_ds, &ds_ty))).await;
            check(&mut failures, rpc, name, Expect::Error, true, outcome);
        }
    }

    // 3. Every RPC the provider answers as unsupported: every payload, and hostile
    //    type names (including the data source's own name: it is not a resource).
    for rpc in VALUE_RPCS.iter().skip(4) {
        for p in ds_payloads.iter().chain(&provider_payloads) {
            let outcome = call(&mut h, rpc, PROXY_CREATE_CHECK, p.value.clone()).await;
            check(&mut failures, rpc, &p.name, Expect::Error, true, outcome);
        }
        for (name, type_name) in hostile_type_names() {
            let outcome = call(&mut h, rpc, &type_name, raw_mp(vec![0xc1])).await;
            check(&mut failures, rpc, name, Expect::Error, true, outcome);
        }
        h.assert_alive(rpc);
    }
    for rpc in TYPE_ONLY_RPCS {
        for (name, type_name) in hostile_type_names()
            .into_iter()
            .chain([("data source type name", PROXY_CREATE_CHECK.to_owned())])
        {
            let outcome = call(&mut h, rpc, &type_name, None).await;
            check(&mut failures, rpc, name, Expect::Error, true, outcome);
        }
        h.assert_alive(rpc);
    }

    // 4. Functions: there are none; any call is a function error, never a gRPC error.
    let functions = bounded(
        "GetFunctions",
        h.client.get_functions(wire::get_functions::Request {}),
    )
    .await
    .expect("GetFunctions");
    assert!(functions.functions.is_empty() && !has_error(&functions.diagnostics));
    let mut function_cases: Vec<(String, String, Vec<DynamicValue>)> = hostile_type_names()
        .into_iter()
        .map(|(name, t)| (name.to_owned(), t, Vec::new()))
        .collect();
    for p in &ds_payloads {
        let args = vec![p.value.clone().unwrap_or_default(); 3];
        function_cases.push((format!("arguments: {}", p.name), "parse".to_owned(), args));
    }
    function_cases.push((
        "10k arguments".into(),
        "f".into(),
        vec![DynamicValue::default(); 10_000],
    ));
    for (name, function, arguments) in function_cases {
        h.calls += 1;
        let r = bounded(
            &name,
            h.client.call_function(wire::call_function::Request {
                name: function,
                arguments,
            }),
        )
        .await;
        match r {
            Ok(r) if r.result.is_none() && r.error.as_ref().is_some_and(|e| !e.text.is_empty()) => {
            }
            other => failures.push(format!("CallFunction / {name}: {other:?}")),
        }
    }

    // 5. Requests that are not valid protobuf: a gRPC Internal status (as grpc-go),
    //    for every RPC. Valid protobuf with unknown fields: answered normally.
    let not_protobuf: Vec<(&str, Vec<u8>)> = vec![
        ("garbage bytes", vec![0xff; 16]),
        ("field 1 invalid UTF-8 string", vec![0x0a, 0x02, 0xff, 0xfe]),
        (
            "length claims 4 GiB",
            vec![0x12, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x01],
        ),
        ("length past the end", vec![0x12, 0xe8, 0x07, 0x01, 0x02]),
        ("truncated varint", vec![0x08, 0xff, 0xff]),
        ("wire type 7 (invalid)", vec![0x0f]),
        ("field number 0", vec![0x02, 0x00]),
    ];
    let all_rpcs: Vec<&str> = [
        "GetMetadata",
        "GetSchema",
        "GetFunctions",
        "CallFunction",
        "Stop",
        "GetResourceIdentitySchemas",
    ]
    .into_iter()
    .chain(VALUE_RPCS.iter().copied())
    .chain(TYPE_ONLY_RPCS.iter().copied())
    .collect();
    for rpc in &all_rpcs {
        if *rpc == "Stop" {
            continue; // a valid Stop would stop the provider's in-flight work; not here
        }
        for (name, body) in &not_protobuf {
            // Messages with no string field 1 may accept the invalid-UTF-8 case as bytes
            // or an unknown field; only the structurally broken ones are always refused.
            h.calls += 1;
            match raw_unary(&h.channel, rpc, body.clone()).await {
                Err(status) if status.code() == tonic::Code::Internal => {}
                Ok(_)
                    if *name == "field 1 invalid UTF-8 string"
                        && [
                            "GetMetadata",
                            "GetSchema",
                            "GetFunctions",
                            "GetResourceIdentitySchemas",
                            "PrepareProviderConfig",
                        ]
                        .contains(rpc) => {}
                other => failures.push(format!(
                    "{rpc} / raw {name}: expected Internal, got {other:?}"
                )),
            }
        }
    }
    for rpc in [
        "GetMetadata",
        "GetSchema",
        "GetFunctions",
        "GetResourceIdentitySchemas",
    ] {
        // Field 2047, varint, and field 15, length-delimited: unknown, skipped.
        h.calls += 1;
        let body = vec![0xf8, 0x7f, 0x01, 0x7a, 0x03, b'a', b'b', b'c'];
        if let Err(status) = raw_unary(&h.channel, rpc, body).await {
            failures.push(format!("{rpc} / unknown fields: {status:?}"));
        }
    }

    // 6. Still alive, same connection: a schema and a valid validation.
    h.assert_alive("after all hostile calls");
    let schema = bounded(
        "GetSchema",
        h.client.get_schema(wire::get_provider_schema::Request {}),
    )
    .await
    .expect("GetSchema after the hostile calls");
    assert!(schema.data_source_schemas.contains_key(PROXY_CREATE_CHECK));
    let diags = call(
        &mut h,
        "ValidateDataSourceConfig",
        PROXY_CREATE_CHECK,
        Some(mp(&good_ds, &ds_ty)),
    )
    .await
    .expect("ValidateDataSourceConfig after the hostile calls");
    assert!(diags.is_empty(), "{diags:?}");
    let read = bounded(
        "ReadDataSource",
        h.client.read_data_source(wire::read_data_source::Request {
            type_name: PROXY_CREATE_CHECK.into(),
            config: Some(mp(&good_ds, &ds_ty)),
            ..Default::default()
        }),
    )
    .await
    .expect("ReadDataSource after the hostile calls");
    assert!(
        !has_error(&read.diagnostics) && read.state.is_some(),
        "{:?}",
        read.diagnostics
    );

    let stderr = h.plugin.stderr();
    let panics: Vec<&str> = stderr
        .lines()
        .filter(|l| l.contains("panic: ") || l.contains("panicked"))
        .collect();
    assert!(
        panics.is_empty(),
        "panics on stderr:\n{}",
        panics.join("\n")
    );
    assert!(
        failures.is_empty(),
        "{} of {} calls misbehaved:\n{}",
        failures.len(),
        h.calls,
        failures.join("\n")
    );
    eprintln!("{} hostile calls in {:?}", h.calls, started.elapsed());
}

/// Records a failure unless `outcome` is what `expect` asks (with `used`: the value is
/// acted on, not only validated). No diagnostic may report a provider bug (a caught panic).
fn check(
    failures: &mut Vec<String>,
    rpc: &str,
    case: &str,
    expect: Expect,
    used: bool,
    outcome: Outcome,
) {
    let diags = match outcome {
        Ok(diags) => diags,
        Err(status) => {
            failures.push(format!("{rpc} / {case}: gRPC error {status:?}"));
            return;
        }
    };
    if let Some(bug) = diags
        .iter()
        .find(|d| d.summary.contains("Bug") || d.detail.contains("panic"))
    {
        failures.push(format!("{rpc} / {case}: {} — {}", bug.summary, bug.detail));
        return;
    }
    let must_error = match expect {
        Expect::Error => true,
        Expect::Answer => false,
        Expect::ErrorWhenUsed => used,
    };
    if must_error && !has_error(&diags) {
        failures.push(format!("{rpc} / {case}: no error diagnostic: {diags:?}"));
    }
    if let Some(empty) = diags.iter().find(|d| d.summary.trim().is_empty()) {
        failures.push(format!(
            "{rpc} / {case}: a diagnostic without a summary: {empty:?}"
        ));
    }
}

// ---------------------------------------------------------------- 200 concurrent reads

/// The emulator's answer for `CheckFlag`: whether its region catalogue offers the
/// connection (the same rule its `CheckProxyCreate` uses).
fn expected_flag(access: &str, real: &str, bandwidth: i64, concurrent: i64) -> i64 {
    let region = |id: &str| {
        gaap_emulator::catalogue::find(id).unwrap_or_else(|| panic!("{id} is in the catalogue"))
    };
    i64::from(gaap_emulator::catalogue::creatable(
        &gaap_emulator::catalogue::Check {
            access: region(access),
            origin: region(real),
            bandwidth,
            concurrent,
            ip_version: None,
            network_type: None,
            package: None,
        },
    ))
}

/// One read's arguments.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
struct Args {
    access: &'static str,
    real: &'static str,
    bandwidth: i64,
    concurrent: i64,
}

/// 200 reads: 6 with an unknown access region (a non-retryable API error whatever the
/// faults), 6 identical ones (single-flight may share their call), and 188 distinct
/// ones whose flags are a mix of 0 and 1. Deterministic: no randomness in the test.
fn read_plan() -> Vec<Args> {
    (0..200i64)
        .map(|i| match i {
            0..6 => Args {
                access: "Atlantis",
                real: "EastChina",
                bandwidth: 100 + i,
                concurrent: 1,
            },
            6..12 => Args {
                access: "SouthChina",
                real: "EastChina",
                bandwidth: 10,
                concurrent: 2,
            },
            _ => Args {
                access: "SouthChina",
                real: if i % 17 == 0 {
                    "SouthChina"
                } else {
                    "NorthChina"
                },
                bandwidth: (i * 7) % 1500 + 1,
                concurrent: i % 60 + 1,
            },
        })
        .collect()
}

/// Words an error diagnostic about a failed call must contain one of.
const FAILURE_WORDS: &[&str] = &[
    "RequestLimitExceeded",
    "InternalError",
    "UnauthorizedOperation",
    "ServiceUnavailable",
    "UnknownAccessRegion",
    "timed out",
    "HTTP",
    "503",
    "JSON",
    "connection",
];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_hundred_concurrent_reads_against_a_faulty_emulator() {
    const MAX_RETRIES: u32 = 6;
    const REQUEST_TIMEOUT: Duration = Duration::from_secs(2);
    // (1 + retries) attempts of at most the timeout, each followed by at most the
    // backoff cap (tencentcloud-client `backoff::DEFAULT_CAP`, 5 s), plus slack for a
    // loaded 2-core machine.
    let budget =
        (REQUEST_TIMEOUT + Duration::from_secs(5)) * (1 + MAX_RETRIES) + Duration::from_secs(20);

    let knobs = Knobs {
        latency_ms: 15,
        rate_limit: 60,
        errors: vec![
            InjectedError {
                code: "RequestLimitExceeded".into(),
                message: None,
                count: Some(6),
            },
            InjectedError {
                code: "InternalError".into(),
                message: None,
                count: Some(4),
            },
            InjectedError {
                code: "UnauthorizedOperation".into(),
                message: Some("injected: not allowed".into()),
                count: Some(3),
            },
            InjectedError {
                code: "ServiceUnavailable".into(),
                message: None,
                count: Some(4),
            },
        ],
        http_5xx: 8,
        reset: 6,
        invalid_json: 5,
        hang: 2,
        only_action: Some("CheckProxyCreate".into()),
        ..Knobs::default()
    };
    let emulator = Emulator::start(EmulatorConfig {
        knobs: knobs.clone(),
        ..EmulatorConfig::default()
    })
    .await
    .unwrap();
    let mut h = start_plugin().await;
    let (provider_ty, ds_ty) = schema_types();
    let config = object(
        &provider_ty,
        &[
            ("endpoint", s(&emulator.url())),
            ("secret_id", s(gaap_emulator::DEMO_SECRET_ID)),
            ("secret_key", s(gaap_emulator::DEMO_SECRET_KEY)),
            ("region", s("ap-guangzhou")),
            ("request_timeout", n(REQUEST_TIMEOUT.as_secs() as i64)),
            ("max_retries", n(i64::from(MAX_RETRIES))),
            ("rate_limit", n(1000)),
        ],
    );
    let diags = call(&mut h, "Configure", "", Some(mp(&config, &provider_ty)))
        .await
        .expect("Configure");
    assert!(!has_error(&diags), "Configure: {diags:?}");

    let plan = read_plan();
    let started = Instant::now();
    let ds_ty = Arc::new(ds_ty);
    let reads = plan.iter().cloned().map(|args| {
        let mut client = h.client.clone();
        let ds_ty = ds_ty.clone();
        async move {
            let config = object(
                &ds_ty,
                &[
                    ("access_region", s(args.access)),
                    ("real_server_region", s(args.real)),
                    ("bandwidth", n(args.bandwidth)),
                    ("concurrent", n(args.concurrent)),
                ],
            );
            let request = wire::read_data_source::Request {
                type_name: PROXY_CREATE_CHECK.into(),
                config: Some(mp(&config, &ds_ty)),
                ..Default::default()
            };
            let begun = Instant::now();
            let answer = tokio::time::timeout(budget, client.read_data_source(request)).await;
            (args, begun.elapsed(), answer)
        }
    });
    let results = futures_util::future::join_all(reads).await;
    let wall = started.elapsed();
    assert_eq!(results.len(), 200, "every read answered");

    let stats = emulator.stats();
    let mut failures = Vec::new();
    let mut ok_keys = std::collections::BTreeSet::new();
    let (mut ok_reads, mut unauthorized_reads, mut atlantis_failed) = (0, 0, 0);
    let mut unauthorized_keys = std::collections::BTreeSet::new();
    let mut slowest = Duration::ZERO;
    let mut failed_other = Vec::new();
    for (args, elapsed, answer) in results {
        slowest = slowest.max(elapsed);
        let case = format!("{args:?}");
        let response = match answer {
            Err(_) => {
                failures.push(format!("{case}: no answer within {budget:?}"));
                continue;
            }
            Ok(Err(status)) => {
                failures.push(format!("{case}: gRPC error {status:?}"));
                continue;
            }
            Ok(Ok(r)) => r.into_inner(),
        };
        if elapsed > budget {
            failures.push(format!("{case}: took {elapsed:?}, budget {budget:?}"));
        }
        if has_error(&response.diagnostics) {
            let text: String = response
                .diagnostics
                .iter()
                .map(|d| format!("{} {}", d.summary, d.detail))
                .collect();
            if !FAILURE_WORDS.iter().any(|w| text.contains(w)) {
                failures.push(format!("{case}: error names no failure: {text}"));
            }
            if response.state.is_some() {
                failures.push(format!("{case}: a state with an error"));
            }
            if text.contains("UnauthorizedOperation") {
                unauthorized_reads += 1;
                unauthorized_keys.insert(args.clone());
            } else if args.access == "Atlantis" {
                if text.contains("UnknownAccessRegion") {
                    atlantis_failed += 1;
                } else {
                    failed_other.push(format!("{case}: {text}"));
                }
            } else {
                failed_other.push(format!("{case}: {text}"));
            }
            continue;
        }
        if args.access == "Atlantis" {
            failures.push(format!("{case}: an unknown region must fail"));
            continue;
        }
        let state = match response.state {
            Some(state) => msgpack::decode(&state.msgpack, &ds_ty).expect("state decodes"),
            None => {
                failures.push(format!("{case}: no state and no error"));
                continue;
            }
        };
        let flag = state
            .attr("check_flag")
            .and_then(Value::as_number)
            .and_then(Number::to_i64_exact);
        let want = expected_flag(args.access, args.real, args.bandwidth, args.concurrent);
        if flag != Some(want) {
            failures.push(format!("{case}: check_flag {flag:?}, want {want}"));
        }
        ok_reads += 1;
        ok_keys.insert(args);
    }

    // The emulator's view agrees with the answers.
    let action = "CheckProxyCreate";
    let ok_calls = stats.count(action, "ok") as usize;
    let check = |cond: bool, what: String, failures: &mut Vec<String>| {
        if !cond {
            failures.push(what);
        }
    };
    check(
        ok_keys.len() <= ok_calls && ok_calls <= ok_reads,
        format!("ok calls {ok_calls}: between distinct successful arguments {} and successful reads {ok_reads}", ok_keys.len()),
        &mut failures,
    );
    for (outcome, want) in [
        ("hang", 2),
        ("reset", 6),
        ("http_5xx", 8),
        ("invalid_json", 5),
        ("UnauthorizedOperation", 3),
        ("InternalError", 4),
        ("ServiceUnavailable", 4),
    ] {
        let got = stats.count(action, outcome);
        check(
            got == want,
            format!("stats {outcome}: {got}, every injected fault consumed: {want}"),
            &mut failures,
        );
    }
    check(
        stats.count(action, "RequestLimitExceeded") >= 6,
        format!(
            "stats RequestLimitExceeded {} < 6 injected",
            stats.count(action, "RequestLimitExceeded")
        ),
        &mut failures,
    );
    // A non-retryable answer ends the read(s) waiting on that call: at least one read per
    // such call, at most one argument set per call.
    check(
        unauthorized_reads >= 3 && unauthorized_keys.len() <= 3,
        format!(
            "UnauthorizedOperation: {unauthorized_reads} reads, {} argument sets, for 3 calls",
            unauthorized_keys.len()
        ),
        &mut failures,
    );
    let unknown_region = stats.count(action, "InvalidParameterValue.UnknownAccessRegion");
    check(
        unknown_region == atlantis_failed as u64
            && atlantis_failed
                + unauthorized_keys
                    .iter()
                    .filter(|a| a.access == "Atlantis")
                    .count()
                == 6,
        format!("unknown region: {unknown_region} calls, {atlantis_failed} reads"),
        &mut failures,
    );
    let left = emulator.knobs();
    check(
        left.errors.is_empty() && left.hang + left.reset + left.http_5xx + left.invalid_json == 0,
        format!("faults left over: {left:?}"),
        &mut failures,
    );
    // Retryable faults are few next to the retries: reads failing for them are rare.
    check(
        failed_other.len() <= 10,
        format!(
            "{} reads failed on retryable faults:\n{}",
            failed_other.len(),
            failed_other.join("\n")
        ),
        &mut failures,
    );

    h.assert_alive("after 200 reads");
    let stderr = h.plugin.stderr();
    assert!(!stderr.contains("panic: "), "panic on stderr:\n{stderr}");
    assert!(
        failures.is_empty(),
        "{} problems:\n{}\nstats: {stats:?}",
        failures.len(),
        failures.join("\n")
    );
    eprintln!(
        "200 reads in {wall:?} (slowest {slowest:?}, budget {budget:?}): {ok_reads} ok, {} failed on retryable faults; stats {stats:?}",
        failed_other.len()
    );
    emulator.shutdown().await;
}
