//! Handler tests: the generated service trait called directly (and once over
//! loopback gRPC) with a small recording provider. This module holds that provider
//! and the helpers; the tests are grouped by the RPCs they call.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use super::*;
use crate::protocol::{
    msgpack, Attribute, AttributePath, Block, BoxFuture, ClientCapabilities, ConfigureRequest,
    DataSource, DataSources, DeferredReason, Diagnostics, ReadDataSourceRequest,
    ReadDataSourceResponse, Schema, Type, Value,
};
use proto::diagnostic::Severity as PSeverity;

mod data_sources;
mod grpc;
mod provider_config;
mod read;
mod schemas;
mod unsupported_types;

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

/// A value of [`thing_schema`].
fn thing(name: Value, flag: Value) -> Value {
    let mut attrs = BTreeMap::new();
    attrs.insert("name".to_owned(), name);
    attrs.insert("flag".to_owned(), flag);
    Value::Object(attrs)
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

    /// The type names of the data sources validated so far, in order.
    fn validated_names(&self) -> Vec<String> {
        let calls = self.record.validated_data_sources.lock().unwrap();
        calls.iter().map(|(name, _)| name.clone()).collect()
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

type Service = ProviderService<TestProvider>;

/// A provider whose data sources answer `read_answer` to reads, and the service
/// over it.
fn serve(read_answer: ReadAnswer) -> (Arc<TestProvider>, Service) {
    let provider = TestProvider::new(read_answer);
    let svc = ProviderService::new(Arc::clone(&provider));
    (provider, svc)
}

fn req<T>(message: T) -> Request<T> {
    Request::new(message)
}

/// The message of a handler's answer. No handler answers a gRPC error (Terraform
/// would show it as an opaque "Plugin error"), so one fails the test.
trait Answered<T> {
    fn answer(self) -> T;
}

impl<T> Answered<T> for Result<Response<T>, Status> {
    fn answer(self) -> T {
        match self {
            Ok(response) => response.into_inner(),
            Err(status) => panic!("a gRPC error instead of an answer: {status:?}"),
        }
    }
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

/// ValidateDataSourceConfig of `type_name` with `config`.
async fn validate(
    svc: &Service,
    type_name: &str,
    config: Option<proto::DynamicValue>,
) -> proto::validate_data_source_config::Response {
    let request = proto::validate_data_source_config::Request {
        type_name: type_name.into(),
        config,
    };
    svc.validate_data_source_config(req(request)).await.answer()
}

/// ReadDataSource of `type_name` with `config`, no provider meta and no capabilities.
async fn read(
    svc: &Service,
    type_name: &str,
    config: Option<proto::DynamicValue>,
) -> proto::read_data_source::Response {
    let request = proto::read_data_source::Request {
        type_name: type_name.into(),
        config,
        ..Default::default()
    };
    svc.read_data_source(req(request)).await.answer()
}
