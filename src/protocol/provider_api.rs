//! What the protocol layer asks of a provider, in the crate's own types.
//!
//! The tfplugin5 service (in this folder) decodes requests, routes data source RPCs by
//! type name through [`Provider::data_sources`], calls these methods, and encodes the
//! answers. The provider itself only answers for its own block and lifecycle.

use std::future::Future;

use super::{DataSources, Diagnostics, Schema, Value};

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

/// A provider as the tfplugin5 service sees it. All methods may be called
/// concurrently.
pub trait Provider: Send + Sync + 'static {
    /// The provider block's schema, built once.
    fn schema(&self) -> &Schema;

    /// The data sources, by type name; built once.
    fn data_sources(&self) -> &DataSources;

    /// `PrepareProviderConfig`: offline checks of the provider block (unknown and
    /// null values are skipped).
    fn validate_provider_config(&self, config: &Value) -> Diagnostics;

    /// `Configure`.
    fn configure(&self, request: ConfigureRequest) -> impl Future<Output = Diagnostics> + Send;

    /// `Stop`: cancel in-flight work promptly; later reads fail fast.
    fn stop(&self);
}
