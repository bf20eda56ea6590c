//! What the protocol layer asks of a provider, in the crate's own types.
//!
//! The tfplugin5 service (in this folder) decodes requests, checks type names against
//! [`ProviderSchemas`], calls these methods, and encodes the answers.

use std::future::Future;

use super::{Diagnostics, ProviderSchemas, Value};

/// What the client (Terraform/OpenTofu) says it can handle (tfplugin5 `ClientCapabilities`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ClientCapabilities {
    /// The client accepts a deferred answer (Terraform >= 1.9 with deferrals enabled).
    pub deferral_allowed: bool,
    pub write_only_attributes_allowed: bool,
}

/// `Configure`: the provider block, decoded against the provider schema.
#[derive(Debug, Clone)]
pub struct ConfigureRequest {
    pub terraform_version: String,
    pub config: Value,
    pub client_capabilities: ClientCapabilities,
}

/// `ReadDataSource`: one data source's configuration.
#[derive(Debug, Clone)]
pub struct ReadDataSourceRequest {
    pub type_name: String,
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

/// A provider as the tfplugin5 service sees it. All methods may be called
/// concurrently.
pub trait Provider: Send + Sync + 'static {
    /// The schemas, built once.
    fn schemas(&self) -> &ProviderSchemas;

    /// `PrepareProviderConfig`: offline checks of the provider block (unknown and
    /// null values are skipped).
    fn validate_provider_config(&self, config: &Value) -> Diagnostics;

    /// `Configure`.
    fn configure(&self, request: ConfigureRequest) -> impl Future<Output = Diagnostics> + Send;

    /// `ValidateDataSourceConfig`: offline checks of one data source block. The type
    /// name is known to be in [`ProviderSchemas::data_sources`].
    fn validate_data_source_config(&self, type_name: &str, config: &Value) -> Diagnostics;

    /// `ReadDataSource`. The type name is known to be in the schemas.
    fn read_data_source(
        &self,
        request: ReadDataSourceRequest,
    ) -> impl Future<Output = ReadDataSourceResponse> + Send;

    /// `Stop`: cancel in-flight work promptly; later reads fail fast.
    fn stop(&self);
}
