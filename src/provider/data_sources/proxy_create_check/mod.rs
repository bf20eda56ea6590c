//! The `gaap_proxy_create_check` data source: schema, typed arguments, request and state,
//! API error advice, the result file, and the read that ties them together.

pub mod api_diagnostics;
pub mod config;
pub mod explain_read;
mod read;
pub mod request;
pub mod result_file;
pub mod schema;

use std::sync::Arc;

use crate::protocol::{
    BoxFuture, DataSource, Diagnostics, ReadDataSourceRequest, ReadDataSourceResponse, Schema,
    Value,
};
use crate::provider::state::ProviderData;

pub use schema::TYPE_NAME;

/// The data source, holding the provider's shared state (read at each read, since
/// `Configure` may come after construction).
pub struct ProxyCreateCheck {
    provider: Arc<ProviderData>,
}

impl ProxyCreateCheck {
    pub fn new(provider: Arc<ProviderData>) -> Self {
        ProxyCreateCheck { provider }
    }
}

impl DataSource for ProxyCreateCheck {
    fn type_name(&self) -> &str {
        TYPE_NAME
    }

    fn schema(&self) -> Schema {
        schema::schema()
    }

    /// Decoding is validation: the diagnostics of [`config::decode`].
    fn validate(&self, config: &Value) -> Diagnostics {
        config::decode(config).diagnostics
    }

    fn read(&self, request: ReadDataSourceRequest) -> BoxFuture<'_, ReadDataSourceResponse> {
        let state = self.provider.config_state();
        let stop = self.provider.stop_signal();
        Box::pin(async move { read::read(state, &request, stop).await })
    }
}
