//! What the protocol layer asks of one data source type, and the registry the
//! tfplugin5 service routes `ValidateDataSourceConfig` and `ReadDataSource` through.
//!
//! Modelled on terraform-plugin-framework's `datasource.DataSource`: a type name, a
//! schema, offline validation and a read. Adding a data source means implementing
//! [`DataSource`] and listing it in the provider's [`DataSources`]; nothing in the
//! protocol layer changes. How a data source reaches its provider's configured
//! state (clients, settings) is up to the provider: typically it is constructed
//! with a shared handle to it.

use std::collections::BTreeMap;

use super::provider_api::ClientCapabilities;
use super::{Diagnostics, Schema, Value};

/// A boxed, sendable future: what [`DataSource::read`] returns, so the trait stays
/// object-safe and a registry can hold different data source types.
pub use futures_util::future::BoxFuture;

/// `ReadDataSource`: one data source block's configuration, decoded against its schema.
#[derive(Debug, Clone)]
pub struct ReadDataSourceRequest {
    pub config: Value,
    pub client_capabilities: ClientCapabilities,
}

/// Why a read was deferred (tfplugin5 `Deferred.Reason`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeferredReason {
    ResourceConfigUnknown,
    ProviderConfigUnknown,
    AbsentPrereq,
}

/// The answer to `ReadDataSource`. `state` must be a wholly known object with every
/// attribute of the schema when there are no errors and no deferral.
#[derive(Debug, Clone, Default)]
pub struct ReadDataSourceResponse {
    pub state: Option<Value>,
    pub diagnostics: Diagnostics,
    pub deferred: Option<DeferredReason>,
}

/// One data source type. All methods may be called concurrently.
pub trait DataSource: Send + Sync + 'static {
    /// The full type name as written in configurations (`<provider>_<name>`).
    fn type_name(&self) -> &str;

    /// The schema; asked for once, when the registry is built.
    fn schema(&self) -> Schema;

    /// `ValidateDataSourceConfig`: offline checks (values may be unknown or null).
    /// The default accepts everything the schema accepts.
    fn validate(&self, config: &Value) -> Diagnostics {
        let _ = config;
        Diagnostics::new()
    }

    /// `ReadDataSource`.
    fn read(&self, request: ReadDataSourceRequest) -> BoxFuture<'_, ReadDataSourceResponse>;
}

/// A registered data source and its schema, built once.
struct Entry {
    data_source: Box<dyn DataSource>,
    schema: Schema,
}

/// The data sources of a provider, by type name (sorted, so answers listing them are
/// deterministic).
#[derive(Default)]
pub struct DataSources {
    entries: BTreeMap<String, Entry>,
}

impl DataSources {
    /// A registry of `data_sources`, asking each for its schema once.
    ///
    /// # Panics
    /// When two share a type name: a wiring mistake that every test run would show.
    pub fn new(data_sources: Vec<Box<dyn DataSource>>) -> Self {
        let mut entries = BTreeMap::new();
        for data_source in data_sources {
            let name = data_source.type_name().to_owned();
            let schema = data_source.schema();
            let previous = entries.insert(
                name.clone(),
                Entry {
                    data_source,
                    schema,
                },
            );
            assert!(
                previous.is_none(),
                "data source type {name:?} is registered twice"
            );
        }
        DataSources { entries }
    }

    /// The data source registered as `type_name`, with its schema.
    pub fn get(&self, type_name: &str) -> Option<(&dyn DataSource, &Schema)> {
        self.entries
            .get(type_name)
            .map(|e| (e.data_source.as_ref(), &e.schema))
    }

    /// The registered type names, sorted.
    pub fn type_names(&self) -> impl Iterator<Item = &String> {
        self.entries.keys()
    }

    /// Every schema with its type name, sorted by name (what `GetSchema` reports).
    pub fn schemas(&self) -> impl Iterator<Item = (&String, &Schema)> {
        self.entries.iter().map(|(name, e)| (name, &e.schema))
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocol::{Attribute, Block, Type};

    struct Named(&'static str);

    impl DataSource for Named {
        fn type_name(&self) -> &str {
            self.0
        }
        fn schema(&self) -> Schema {
            Schema {
                version: 0,
                block: Block {
                    attributes: vec![Attribute::computed(self.0, Type::String)],
                    ..Block::default()
                },
            }
        }
        fn read(&self, _: ReadDataSourceRequest) -> BoxFuture<'_, ReadDataSourceResponse> {
            Box::pin(async { ReadDataSourceResponse::default() })
        }
    }

    #[test]
    fn registry_finds_by_name_in_sorted_order() {
        let registry = DataSources::new(vec![Box::new(Named("x_b")), Box::new(Named("x_a"))]);
        assert_eq!(registry.type_names().collect::<Vec<_>>(), ["x_a", "x_b"]);
        assert_eq!(registry.len(), 2);
        let (ds, schema) = registry.get("x_b").expect("registered");
        assert_eq!(ds.type_name(), "x_b");
        assert_eq!(schema.block.attributes[0].name, "x_b");
        assert!(registry.get("x_c").is_none());
        assert_eq!(registry.schemas().count(), 2);
        assert!(ds.validate(&Value::Null).is_empty(), "default validation");
    }

    #[test]
    #[should_panic(expected = "registered twice")]
    fn duplicate_names_are_refused() {
        DataSources::new(vec![Box::new(Named("x_a")), Box::new(Named("x_a"))]);
    }
}
