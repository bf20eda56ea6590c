//! Handler tests: the generated service trait called directly (and once over
//! loopback gRPC) with a small recording provider.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use tokio_stream::StreamExt;

use super::*;
use crate::protocol::{
    msgpack, Attribute, AttributePath, Block, BoxFuture, ClientCapabilities, ConfigureRequest,
    DataSource, DataSources, DeferredReason, Diagnostics, ReadDataSourceRequest,
    ReadDataSourceResponse, Schema, Type, Value,
};
use proto::diagnostic::Severity as PSeverity;

const DS: &str = "test_thing";
/// A second data source, to show requests are routed by type name.
const DS2: &str = "test_second";

/// What the test data sources answer to ReadDataSource.
#[derive(Clone)]
enum ReadAnswer {
    State(Value),
    Nothing,
    Deferred,
    Panic,
}

/// What the test data sources were asked, shared with the test through the provider.
#[derive(Default)]
struct Record {
    panic_in_validate: AtomicBool,
    validated_data_sources: Mutex<Vec<(String, Value)>>,
    reads: Mutex<Vec<(String, ReadDataSourceRequest)>>,
}

/// A test data source: records its calls under its own type name.
struct TestThing {
    name: &'static str,
    record: Arc<Record>,
    read_answer: ReadAnswer,
}

fn thing_schema() -> Schema {
    Schema {
        version: 0,
        block: Block {
            attributes: vec![
                Attribute::required("name", Type::String),
                Attribute::computed("flag", Type::Bool),
            ],
            ..Block::default()
        },
    }
}

impl DataSource for TestThing {
    fn type_name(&self) -> &str {
        self.name
    }

    fn schema(&self) -> Schema {
        let mut schema = thing_schema();
        if self.name == DS2 {
            schema.block.attributes.truncate(1);
        }
        schema
    }

    fn validate(&self, config: &Value) -> Diagnostics {
        let panic = self.record.panic_in_validate.load(Ordering::SeqCst);
        assert!(!panic, "validation exploded");
        let mut calls = self.record.validated_data_sources.lock().unwrap();
        calls.push((self.name.to_owned(), config.clone()));
        warning_on("name")
    }

    fn read(&self, request: ReadDataSourceRequest) -> BoxFuture<'_, ReadDataSourceResponse> {
        Box::pin(async move {
            let mut reads = self.record.reads.lock().unwrap();
            reads.push((self.name.to_owned(), request));
            match self.read_answer.clone() {
                ReadAnswer::State(state) => ReadDataSourceResponse {
                    state: Some(state),
                    ..Default::default()
                },
                ReadAnswer::Nothing => ReadDataSourceResponse::default(),
                ReadAnswer::Deferred => ReadDataSourceResponse {
                    deferred: Some(DeferredReason::ProviderConfigUnknown),
                    ..Default::default()
                },
                ReadAnswer::Panic => panic!("read exploded"),
            }
        })
    }
}

struct TestProvider {
    schema: Schema,
    data_sources: DataSources,
    record: Arc<Record>,
    stopped: AtomicBool,
    validated_provider: Mutex<Vec<Value>>,
    configured: Mutex<Vec<ConfigureRequest>>,
}

impl TestProvider {
    fn new(read_answer: ReadAnswer) -> Arc<Self> {
        let record = Arc::new(Record::default());
        let thing = |name| -> Box<dyn DataSource> {
            Box::new(TestThing {
                name,
                record: Arc::clone(&record),
                read_answer: read_answer.clone(),
            })
        };
        Arc::new(TestProvider {
            schema: Schema {
                version: 0,
                block: Block {
                    attributes: vec![Attribute::optional("region", Type::String)],
                    ..Block::default()
                },
            },
            data_sources: DataSources::new(vec![thing(DS), thing(DS2)]),
            record,
            stopped: AtomicBool::new(false),
            validated_provider: Mutex::default(),
            configured: Mutex::default(),
        })
    }
}

fn warning_on(attr: &str) -> Diagnostics {
    let mut diags = Diagnostics::new();
    diags.add_attribute_warning(AttributePath::attribute(attr), "Looks Odd", "odd value");
    diags
}

impl Provider for TestProvider {
    fn schema(&self) -> &Schema {
        &self.schema
    }

    fn data_sources(&self) -> &DataSources {
        &self.data_sources
    }

    fn validate_provider_config(&self, config: &Value) -> Diagnostics {
        self.validated_provider.lock().unwrap().push(config.clone());
        warning_on("region")
    }

    async fn configure(&self, request: ConfigureRequest) -> Diagnostics {
        self.configured.lock().unwrap().push(request);
        Diagnostics::new()
    }

    fn stop(&self) {
        self.stopped.store(true, Ordering::SeqCst);
    }
}

fn service(provider: &Arc<TestProvider>) -> ProviderService<TestProvider> {
    ProviderService::new(Arc::clone(provider))
}

fn req<T>(message: T) -> Request<T> {
    Request::new(message)
}

/// The single error diagnostic of an answer.
fn only_error(diags: &[proto::Diagnostic]) -> &proto::Diagnostic {
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert_eq!(diags[0].severity, PSeverity::Error as i32);
    &diags[0]
}

fn msgpack_value(bytes: &[u8]) -> Option<proto::DynamicValue> {
    Some(proto::DynamicValue {
        msgpack: bytes.to_vec(),
        json: Vec::new(),
    })
}

// ---- Schemas and metadata

#[tokio::test]
async fn get_schema_reports_provider_and_data_sources_only() {
    let provider = TestProvider::new(ReadAnswer::Nothing);
    let out = service(&provider)
        .get_schema(req(Default::default()))
        .await
        .unwrap()
        .into_inner();
    let provider_block = out.provider.and_then(|s| s.block).expect("provider block");
    assert_eq!(provider_block.attributes[0].name, "region");
    assert_eq!(
        out.data_source_schemas.keys().collect::<Vec<_>>(),
        vec![DS2, DS]
    );
    let ds = out.data_source_schemas[DS].block.as_ref().expect("block");
    assert_eq!(ds.attributes.len(), 2);
    assert!(out.resource_schemas.is_empty());
    assert!(out.ephemeral_resource_schemas.is_empty());
    assert!(out.list_resource_schemas.is_empty());
    assert!(out.action_schemas.is_empty());
    assert!(out.functions.is_empty());
    assert!(out.provider_meta.is_none());
    assert!(out.diagnostics.is_empty());
    let caps = out.server_capabilities.expect("capabilities");
    assert!(caps.get_provider_schema_optional);
    assert!(!caps.plan_destroy && !caps.move_resource_state && !caps.generate_resource_config);
}

#[tokio::test]
async fn get_schema_bytes_are_deterministic() {
    use prost::Message;
    let provider = TestProvider::new(ReadAnswer::Nothing);
    let svc = service(&provider);
    let mut encodings = Vec::new();
    for _ in 0..3 {
        let out = svc.get_schema(req(Default::default())).await.unwrap();
        encodings.push(out.into_inner().encode_to_vec());
    }
    assert!(encodings.windows(2).all(|w| w[0] == w[1]));
}

#[tokio::test]
async fn get_metadata_lists_data_sources() {
    let provider = TestProvider::new(ReadAnswer::Nothing);
    let out = service(&provider)
        .get_metadata(req(Default::default()))
        .await
        .unwrap()
        .into_inner();
    let names: Vec<_> = out
        .data_sources
        .iter()
        .map(|d| d.type_name.as_str())
        .collect();
    assert_eq!(names, [DS2, DS]);
    assert!(out.resources.is_empty() && out.functions.is_empty());
    assert!(
        out.server_capabilities
            .unwrap()
            .get_provider_schema_optional
    );
}

#[tokio::test]
async fn identities_and_functions_are_empty() {
    let provider = TestProvider::new(ReadAnswer::Nothing);
    let svc = service(&provider);
    let ids = svc
        .get_resource_identity_schemas(req(Default::default()))
        .await
        .unwrap()
        .into_inner();
    assert!(ids.identity_schemas.is_empty() && ids.diagnostics.is_empty());
    let fns = svc
        .get_functions(req(Default::default()))
        .await
        .unwrap()
        .into_inner();
    assert!(fns.functions.is_empty() && fns.diagnostics.is_empty());

    let call = svc
        .call_function(req(proto::call_function::Request {
            name: "upper".into(),
            arguments: Vec::new(),
        }))
        .await
        .unwrap()
        .into_inner();
    assert!(call.result.is_none());
    let text = call.error.expect("function error").text;
    assert!(text.contains("\"upper\""), "{text}");
    assert!(text.contains("this provider has no functions"), "{text}");
}

// ---- Provider configuration and stop

#[tokio::test]
async fn prepare_provider_config_validates_and_echoes() {
    let provider = TestProvider::new(ReadAnswer::Nothing);
    let out = service(&provider)
        .prepare_provider_config(req(proto::prepare_provider_config::Request {
            config: None,
        }))
        .await
        .unwrap()
        .into_inner();
    assert_eq!(*provider.validated_provider.lock().unwrap(), [Value::Null]);
    assert!(out.prepared_config.is_none());
    assert_eq!(out.diagnostics.len(), 1);
    assert_eq!(out.diagnostics[0].severity, PSeverity::Warning as i32);
    assert!(out.diagnostics[0].attribute.is_some());
}

#[tokio::test]
async fn configure_passes_version_and_capabilities() {
    let provider = TestProvider::new(ReadAnswer::Nothing);
    let out = service(&provider)
        .configure(req(proto::configure::Request {
            terraform_version: "1.11.4".into(),
            config: None,
            client_capabilities: Some(proto::ClientCapabilities {
                deferral_allowed: true,
                write_only_attributes_allowed: false,
            }),
        }))
        .await
        .unwrap()
        .into_inner();
    assert!(out.diagnostics.is_empty());
    let calls = provider.configured.lock().unwrap();
    assert_eq!(calls.len(), 1);
    assert_eq!(calls[0].terraform_version, "1.11.4");
    assert_eq!(calls[0].config, Value::Null);
    assert_eq!(
        calls[0].client_capabilities,
        ClientCapabilities {
            deferral_allowed: true,
            write_only_attributes_allowed: false
        }
    );
}

#[tokio::test]
async fn stop_stops_the_provider() {
    let provider = TestProvider::new(ReadAnswer::Nothing);
    let out = service(&provider)
        .stop(req(Default::default()))
        .await
        .unwrap()
        .into_inner();
    assert_eq!(out.error, "");
    assert!(provider.stopped.load(Ordering::SeqCst));
}

// ---- Data sources

#[tokio::test]
async fn unknown_data_source_type_is_a_diagnostic() {
    let provider = TestProvider::new(ReadAnswer::Nothing);
    let svc = service(&provider);
    let validate = svc
        .validate_data_source_config(req(proto::validate_data_source_config::Request {
            type_name: "test_other".into(),
            config: None,
        }))
        .await
        .unwrap()
        .into_inner();
    let read = svc
        .read_data_source(req(proto::read_data_source::Request {
            type_name: "test_other".into(),
            ..Default::default()
        }))
        .await
        .unwrap()
        .into_inner();
    for diags in [&validate.diagnostics, &read.diagnostics] {
        let d = only_error(diags);
        assert_eq!(d.summary, "Unknown Data Source Type");
        assert!(d.detail.contains("\"test_other\""), "{}", d.detail);
        assert!(d.detail.contains(DS), "{}", d.detail);
        assert!(d.detail.contains(DS2), "{}", d.detail);
    }
    assert!(read.state.is_none());
    assert!(provider
        .record
        .validated_data_sources
        .lock()
        .unwrap()
        .is_empty());
    assert!(provider.record.reads.lock().unwrap().is_empty());
}

#[tokio::test]
async fn validate_data_source_config_calls_provider() {
    let provider = TestProvider::new(ReadAnswer::Nothing);
    let out = service(&provider)
        .validate_data_source_config(req(proto::validate_data_source_config::Request {
            type_name: DS.into(),
            config: None,
        }))
        .await
        .unwrap()
        .into_inner();
    assert_eq!(
        *provider.record.validated_data_sources.lock().unwrap(),
        [(DS.to_owned(), Value::Null)]
    );
    assert_eq!(out.diagnostics.len(), 1);
    let steps = &out.diagnostics[0].attribute.as_ref().expect("path").steps;
    assert_eq!(
        steps[0].selector,
        Some(proto::attribute_path::step::Selector::AttributeName(
            "name".into()
        ))
    );
}

#[tokio::test]
async fn requests_are_routed_by_type_name() {
    let provider = TestProvider::new(ReadAnswer::Deferred);
    let svc = service(&provider);
    // DS2's schema has only "name": a config with "flag" would not decode for it, so
    // decoding against the right schema is part of the routing.
    let name_only = [0x81, 0xa4, b'n', b'a', b'm', b'e', 0xa1, b'b'];
    for (type_name, config) in [(DS2, msgpack_value(&name_only)), (DS, None), (DS2, None)] {
        let out = svc
            .validate_data_source_config(req(proto::validate_data_source_config::Request {
                type_name: type_name.into(),
                config: config.clone(),
            }))
            .await
            .unwrap()
            .into_inner();
        assert_eq!(out.diagnostics.len(), 1, "{type_name}: the warning only");
        let out = svc
            .read_data_source(req(proto::read_data_source::Request {
                type_name: type_name.into(),
                config,
                ..Default::default()
            }))
            .await
            .unwrap()
            .into_inner();
        assert!(out.deferred.is_some(), "{type_name}");
    }
    let validated: Vec<_> = provider
        .record
        .validated_data_sources
        .lock()
        .unwrap()
        .iter()
        .map(|(name, _)| name.clone())
        .collect();
    assert_eq!(validated, [DS2, DS, DS2]);
    let reads = provider.record.reads.lock().unwrap();
    let read: Vec<&str> = reads.iter().map(|(name, _)| name.as_str()).collect();
    assert_eq!(read, [DS2, DS, DS2]);
    let mut attrs = BTreeMap::new();
    attrs.insert("name".to_owned(), Value::String("b".into()));
    assert_eq!(reads[0].1.config, Value::Object(attrs));
}

#[tokio::test]
async fn panicking_provider_answers_provider_bug() {
    let provider = TestProvider::new(ReadAnswer::Panic);
    provider
        .record
        .panic_in_validate
        .store(true, Ordering::SeqCst);
    let svc = service(&provider);
    let validate = svc
        .validate_data_source_config(req(proto::validate_data_source_config::Request {
            type_name: DS.into(),
            config: None,
        }))
        .await
        .unwrap()
        .into_inner();
    let d = only_error(&validate.diagnostics);
    assert_eq!(d.summary, "Provider Bug");
    assert!(d.detail.contains("validation exploded"), "{}", d.detail);

    let read = svc
        .read_data_source(req(proto::read_data_source::Request {
            type_name: DS.into(),
            ..Default::default()
        }))
        .await
        .unwrap()
        .into_inner();
    let d = only_error(&read.diagnostics);
    assert_eq!(d.summary, "Provider Bug");
    assert!(d.detail.contains("read exploded"), "{}", d.detail);
    assert!(read.state.is_none());

    // The service keeps working after a panic.
    let schema = svc
        .get_schema(req(Default::default()))
        .await
        .unwrap()
        .into_inner();
    assert!(schema.provider.is_some());
}

#[tokio::test]
async fn read_without_state_or_error_is_flagged() {
    let provider = TestProvider::new(ReadAnswer::Nothing);
    let out = service(&provider)
        .read_data_source(req(proto::read_data_source::Request {
            type_name: DS.into(),
            ..Default::default()
        }))
        .await
        .unwrap()
        .into_inner();
    assert_eq!(
        only_error(&out.diagnostics).summary,
        "Missing Data Source State"
    );
    assert!(out.state.is_none());
}

#[tokio::test]
async fn read_maps_deferral_and_capabilities() {
    let provider = TestProvider::new(ReadAnswer::Deferred);
    let out = service(&provider)
        .read_data_source(req(proto::read_data_source::Request {
            type_name: DS.into(),
            config: None,
            provider_meta: None,
            client_capabilities: Some(proto::ClientCapabilities {
                deferral_allowed: true,
                write_only_attributes_allowed: true,
            }),
        }))
        .await
        .unwrap()
        .into_inner();
    assert!(out.diagnostics.is_empty(), "{:?}", out.diagnostics);
    assert_eq!(
        out.deferred.map(|d| d.reason),
        Some(proto::deferred::Reason::ProviderConfigUnknown as i32)
    );
    let reads = provider.record.reads.lock().unwrap();
    assert_eq!(reads[0].0, DS);
    assert!(reads[0].1.client_capabilities.deferral_allowed);
    assert!(reads[0].1.client_capabilities.write_only_attributes_allowed);
}

// ---- Tests that need the msgpack codec (branch wt-values)

fn thing(name: Value, flag: Value) -> Value {
    let mut attrs = BTreeMap::new();
    attrs.insert("name".to_owned(), name);
    attrs.insert("flag".to_owned(), flag);
    Value::Object(attrs)
}

#[tokio::test]
async fn read_encodes_state_as_msgpack() {
    let state = thing(Value::String("x".into()), Value::Bool(true));
    let provider = TestProvider::new(ReadAnswer::State(state));
    let out = service(&provider)
        .read_data_source(req(proto::read_data_source::Request {
            type_name: DS.into(),
            ..Default::default()
        }))
        .await
        .unwrap()
        .into_inner();
    assert!(out.diagnostics.is_empty(), "{:?}", out.diagnostics);
    let state = out.state.expect("state");
    assert!(state.json.is_empty());
    // fixmap(2) "flag" true "name" "x": keys sorted as Terraform writes them.
    let want = [
        0x82, 0xa4, b'f', b'l', b'a', b'g', 0xc3, 0xa4, b'n', b'a', b'm', b'e', 0xa1, b'x',
    ];
    assert_eq!(state.msgpack, want);
}

#[tokio::test]
async fn read_reports_state_that_does_not_fit_the_schema() {
    // A string where the schema says bool.
    let state = thing(Value::String("x".into()), Value::String("yes".into()));
    let provider = TestProvider::new(ReadAnswer::State(state));
    let out = service(&provider)
        .read_data_source(req(proto::read_data_source::Request {
            type_name: DS.into(),
            ..Default::default()
        }))
        .await
        .unwrap()
        .into_inner();
    assert_eq!(
        only_error(&out.diagnostics).summary,
        "Invalid Data Source State"
    );
    assert!(out.state.is_none());
}

#[tokio::test]
async fn read_reports_null_or_unknown_state_that_was_not_deferred() {
    for state in [
        Value::Null,
        thing(Value::String("x".into()), Value::Unknown),
    ] {
        let provider = TestProvider::new(ReadAnswer::State(state.clone()));
        let out = service(&provider)
            .read_data_source(req(proto::read_data_source::Request {
                type_name: DS.into(),
                ..Default::default()
            }))
            .await
            .unwrap()
            .into_inner();
        let error = only_error(&out.diagnostics);
        assert_eq!(error.summary, "Invalid Data Source State", "{state:?}");
        assert!(
            error.detail.contains("not wholly known"),
            "{}",
            error.detail
        );
        assert!(out.state.is_none());
    }
}

#[tokio::test]
async fn validate_decodes_msgpack_with_unknowns() {
    let provider = TestProvider::new(ReadAnswer::Nothing);
    // {"flag": <unknown>, "name": "n"}
    let bytes = [
        0x82, 0xa4, b'f', b'l', b'a', b'g', 0xd4, 0x00, 0x00, 0xa4, b'n', b'a', b'm', b'e', 0xa1,
        b'n',
    ];
    service(&provider)
        .validate_data_source_config(req(proto::validate_data_source_config::Request {
            type_name: DS.into(),
            config: msgpack_value(&bytes),
        }))
        .await
        .unwrap();
    let calls = provider.record.validated_data_sources.lock().unwrap();
    assert_eq!(calls[0].1, thing(Value::String("n".into()), Value::Unknown));
}

#[tokio::test]
async fn undecodable_config_is_a_diagnostic() {
    let provider = TestProvider::new(ReadAnswer::Nothing);
    let svc = service(&provider);
    let garbage = msgpack_value(&[0xc1]);
    let validate = svc
        .validate_data_source_config(req(proto::validate_data_source_config::Request {
            type_name: DS.into(),
            config: garbage.clone(),
        }))
        .await
        .unwrap()
        .into_inner();
    let prepare = svc
        .prepare_provider_config(req(proto::prepare_provider_config::Request {
            config: garbage.clone(),
        }))
        .await
        .unwrap()
        .into_inner();
    let configure = svc
        .configure(req(proto::configure::Request {
            config: garbage,
            ..Default::default()
        }))
        .await
        .unwrap()
        .into_inner();
    for diags in [
        &validate.diagnostics,
        &prepare.diagnostics,
        &configure.diagnostics,
    ] {
        assert_eq!(only_error(diags).summary, "Unreadable Configuration");
    }
    assert!(provider
        .record
        .validated_data_sources
        .lock()
        .unwrap()
        .is_empty());
    assert!(provider.validated_provider.lock().unwrap().is_empty());
    assert!(provider.configured.lock().unwrap().is_empty());
}

#[tokio::test]
async fn prepare_echoes_json_config_bytes() {
    let provider = TestProvider::new(ReadAnswer::Nothing);
    let config = Some(proto::DynamicValue {
        msgpack: Vec::new(),
        json: br#"{"region":"example-region-1"}"#.to_vec(),
    });
    let out = service(&provider)
        .prepare_provider_config(req(proto::prepare_provider_config::Request {
            config: config.clone(),
        }))
        .await
        .unwrap()
        .into_inner();
    assert_eq!(out.prepared_config, config);
    let mut attrs = BTreeMap::new();
    attrs.insert(
        "region".to_owned(),
        Value::String("example-region-1".into()),
    );
    assert_eq!(
        *provider.validated_provider.lock().unwrap(),
        [Value::Object(attrs)]
    );
}

#[test]
fn golden_state_bytes_decode_back() {
    // Ties the golden bytes above to the codec in both directions.
    let schema = thing_schema();
    let bytes = [
        0x82, 0xa4, b'f', b'l', b'a', b'g', 0xc3, 0xa4, b'n', b'a', b'm', b'e', 0xa1, b'x',
    ];
    assert_eq!(
        msgpack::decode(&bytes, &schema.value_type()),
        Ok(thing(Value::String("x".into()), Value::Bool(true)))
    );
}

// ---- Everything this provider does not have

#[tokio::test]
async fn resource_rpcs_answer_unknown_type() {
    let provider = TestProvider::new(ReadAnswer::Nothing);
    let svc = service(&provider);
    let name = || "test_res".to_owned();
    let mut answers: Vec<(&str, Vec<proto::Diagnostic>)> = Vec::new();
    macro_rules! call {
        ($method:ident, $module:ident, { $($field:ident: $value:expr),* }) => {{
            let request = proto::$module::Request { $($field: $value,)* ..Default::default() };
            let out = svc.$method(req(request)).await.unwrap().into_inner();
            answers.push((stringify!($method), out.diagnostics));
        }};
    }
    call!(validate_resource_type_config, validate_resource_type_config, { type_name: name() });
    call!(upgrade_resource_state, upgrade_resource_state, { type_name: name() });
    call!(upgrade_resource_identity, upgrade_resource_identity, { type_name: name() });
    call!(read_resource, read_resource, { type_name: name() });
    call!(plan_resource_change, plan_resource_change, { type_name: name() });
    call!(apply_resource_change, apply_resource_change, { type_name: name() });
    call!(import_resource_state, import_resource_state, { type_name: name() });
    call!(move_resource_state, move_resource_state, { target_type_name: name() });
    call!(generate_resource_config, generate_resource_config, { type_name: name() });
    assert_eq!(answers.len(), 9);
    for (method, diags) in &answers {
        let d = only_error(diags);
        assert_eq!(d.summary, "Unknown Resource Type", "{method}");
        assert!(d.detail.contains("\"test_res\""), "{method}: {}", d.detail);
        assert!(d.detail.contains("not supported"), "{method}: {}", d.detail);
        assert!(d.detail.contains(DS), "{method}: {}", d.detail);
    }

    answers.clear();
    call!(validate_ephemeral_resource_config, validate_ephemeral_resource_config, { type_name: name() });
    call!(open_ephemeral_resource, open_ephemeral_resource, { type_name: name() });
    call!(renew_ephemeral_resource, renew_ephemeral_resource, { type_name: name() });
    call!(close_ephemeral_resource, close_ephemeral_resource, { type_name: name() });
    for (method, diags) in &answers {
        assert_eq!(
            only_error(diags).summary,
            "Unknown Ephemeral Resource Type",
            "{method}"
        );
    }

    answers.clear();
    call!(validate_list_resource_config, validate_list_resource_config, { type_name: name() });
    assert_eq!(
        only_error(&answers[0].1).summary,
        "Unknown List Resource Type"
    );

    answers.clear();
    call!(plan_action, plan_action, { action_type: name() });
    call!(validate_action_config, validate_action_config, { type_name: name() });
    for (method, diags) in &answers {
        assert_eq!(only_error(diags).summary, "Unknown Action Type", "{method}");
    }
}

#[tokio::test]
async fn streaming_rpcs_send_one_event_with_the_diagnostic() {
    let provider = TestProvider::new(ReadAnswer::Nothing);
    let svc = service(&provider);

    let list = svc
        .list_resource(req(proto::list_resource::Request {
            type_name: "test_list".into(),
            ..Default::default()
        }))
        .await
        .unwrap()
        .into_inner();
    let events: Vec<_> = list.collect().await;
    assert_eq!(events.len(), 1);
    let event = events[0].as_ref().expect("ok event");
    let d = only_error(&event.diagnostic);
    assert_eq!(d.summary, "Unknown List Resource Type");
    assert!(d.detail.contains("\"test_list\""), "{}", d.detail);

    let invoke = svc
        .invoke_action(req(proto::invoke_action::Request {
            action_type: "test_act".into(),
            ..Default::default()
        }))
        .await
        .unwrap()
        .into_inner();
    let events: Vec<_> = invoke.collect().await;
    assert_eq!(events.len(), 1);
    match &events[0].as_ref().expect("ok event").r#type {
        Some(proto::invoke_action::event::Type::Completed(done)) => {
            let d = only_error(&done.diagnostics);
            assert_eq!(d.summary, "Unknown Action Type");
            assert!(d.detail.contains("\"test_act\""), "{}", d.detail);
        }
        other => panic!("unexpected event {other:?}"),
    }
}

#[tokio::test]
async fn concurrent_calls_share_one_provider() {
    let provider = TestProvider::new(ReadAnswer::Deferred);
    let svc = Arc::new(service(&provider));
    let mut tasks = Vec::new();
    for i in 0..16 {
        let svc = Arc::clone(&svc);
        tasks.push(tokio::spawn(async move {
            let request = proto::read_data_source::Request {
                type_name: DS.into(),
                ..Default::default()
            };
            let out = svc
                .read_data_source(req(request))
                .await
                .unwrap()
                .into_inner();
            (i, out.deferred.is_some())
        }));
    }
    for task in tasks {
        let (_, deferred) = task.await.expect("task");
        assert!(deferred);
    }
    assert_eq!(provider.record.reads.lock().unwrap().len(), 16);
}

// ---- Over real gRPC on loopback

#[tokio::test]
async fn grpc_accepts_messages_above_tonics_default_limit() {
    use proto::provider_client::ProviderClient;

    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let provider = TestProvider::new(ReadAnswer::Nothing);
    let server = tonic::transport::Server::builder()
        .add_service(provider_server(Arc::clone(&provider)))
        .serve_with_incoming(tokio_stream::wrappers::TcpListenerStream::new(listener));
    let server = tokio::spawn(server);

    let mut client = ProviderClient::connect(format!("http://{addr}"))
        .await
        .unwrap();
    let schema = client
        .get_schema(proto::get_provider_schema::Request {})
        .await
        .unwrap();
    assert!(schema.into_inner().data_source_schemas.contains_key(DS));

    // 5 MiB: over tonic's 4 MiB default, under MAX_MESSAGE_SIZE. The unknown type
    // name means the bytes are never decoded as a value.
    let big = proto::validate_data_source_config::Request {
        type_name: "test_other".into(),
        config: Some(proto::DynamicValue {
            msgpack: Vec::new(),
            json: vec![b' '; 5 << 20],
        }),
    };
    let out = client
        .validate_data_source_config(big)
        .await
        .unwrap()
        .into_inner();
    assert_eq!(
        only_error(&out.diagnostics).summary,
        "Unknown Data Source Type"
    );
    server.abort();
}
