//! [`GaapProvider`]: the provider instance the tfplugin5 service talks to.

use tokio::sync::watch;

use crate::protocol::{
    ConfigureRequest, Diagnostics, Provider, ProviderSchemas, ReadDataSourceRequest,
    ReadDataSourceResponse, Value,
};

use super::schema;

/// One provider instance (Terraform starts one per provider configuration).
pub struct GaapProvider {
    schemas: ProviderSchemas,
    /// Flipped to `true` by `Stop`; in-flight API calls watch it.
    stop: watch::Sender<bool>,
}

impl GaapProvider {
    /// A provider with its schemas built; configuration comes with `Configure`.
    pub fn new() -> Self {
        let (stop, _) = watch::channel(false);
        GaapProvider {
            schemas: schema::provider_schemas(),
            stop,
        }
    }
}

impl Default for GaapProvider {
    fn default() -> Self {
        Self::new()
    }
}

impl Provider for GaapProvider {
    fn schemas(&self) -> &ProviderSchemas {
        &self.schemas
    }

    fn validate_provider_config(&self, _config: &Value) -> Diagnostics {
        Diagnostics::new()
    }

    async fn configure(&self, _request: ConfigureRequest) -> Diagnostics {
        Diagnostics::new()
    }

    fn validate_data_source_config(&self, _type_name: &str, _config: &Value) -> Diagnostics {
        Diagnostics::new()
    }

    async fn read_data_source(&self, _request: ReadDataSourceRequest) -> ReadDataSourceResponse {
        let mut response = ReadDataSourceResponse::default();
        response.diagnostics.add_error(
            "Not Implemented Yet",
            "gaap_proxy_create_check is being built.",
        );
        response
    }

    fn stop(&self) {
        self.stop.send_replace(true);
    }
}
