//! tfplugin5: values, schemas, diagnostics, the gRPC service, and the traits a provider
//! implements ([`Provider`] for the provider block, [`DataSource`] for each data source
//! type, registered in [`DataSources`]).
//!
//! Only this layer touches the generated protobuf types (in [`proto`], private to the
//! crate's protocol layer); everything above works with the types defined here.

pub mod data_source;
pub mod decode;
pub mod diagnostics;
mod from_proto;
mod guard;
mod handlers;
pub mod json;
pub mod msgpack;
pub mod number;
pub mod plain_json;
pub(crate) mod proto;
pub mod provider_api;
pub mod schema;
pub mod schema_md;
pub mod server;
#[cfg(test)]
pub(crate) mod test_values;
mod to_proto;
pub mod unknowns;
mod unsupported;
pub mod validator;
pub mod value;

/// The generated tfplugin5 types, for integration tests only (they need a gRPC
/// client and live outside the crate). Not a supported API: use the types above.
#[cfg(feature = "test-support")]
#[doc(hidden)]
pub mod wire {
    pub use super::proto::*;
}

pub use data_source::{
    BoxFuture, DataSource, DataSources, DeferredReason, ReadDataSourceRequest,
    ReadDataSourceResponse,
};
pub use diagnostics::{AttributePath, Diagnostic, Diagnostics, Severity};
pub use number::Number;
pub use provider_api::*;
pub use schema::*;
pub use server::{provider_server, ProviderService, MAX_MESSAGE_SIZE};
pub use value::{Type, Value};
