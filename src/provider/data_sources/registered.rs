//! [`Registered`]: a [`GaapDataSource`] as the protocol layer's `DataSource`.

use std::marker::PhantomData;
use std::sync::Arc;

use crate::protocol::{
    BoxFuture, DataSource, Diagnostics, ReadDataSourceRequest, ReadDataSourceResponse, Schema,
    Value,
};
use crate::provider::state::ProviderData;

use super::gaap_data_source::{decode, schema_of, GaapDataSource};
use super::read::read;

/// A [`GaapDataSource`] as the protocol layer sees it, holding the provider's shared
/// state (read at each read, since `Configure` may come after construction).
pub struct Registered<D> {
    provider: Arc<ProviderData>,
    data_source: PhantomData<fn() -> D>,
}

impl<D: GaapDataSource> Registered<D> {
    pub fn new(provider: Arc<ProviderData>) -> Self {
        Registered {
            provider,
            data_source: PhantomData,
        }
    }

    /// Boxed, for the provider's list.
    pub fn boxed(provider: &Arc<ProviderData>) -> Box<dyn DataSource> {
        Box::new(Self::new(Arc::clone(provider)))
    }
}

impl<D: GaapDataSource> DataSource for Registered<D> {
    fn type_name(&self) -> &str {
        D::TYPE_NAME
    }

    fn schema(&self) -> Schema {
        schema_of::<D>()
    }

    /// Decoding is validation.
    fn validate(&self, config: &Value) -> Diagnostics {
        decode::<D>(config).diagnostics
    }

    fn read(&self, request: ReadDataSourceRequest) -> BoxFuture<'_, ReadDataSourceResponse> {
        let state = self.provider.config_state();
        let stop = self.provider.stop_signal();
        Box::pin(async move { read::<D>(state, &request, stop).await })
    }
}
