//! The provider's data sources: each a [`GaapDataSource`] (its attribute table, its
//! request and its state, one folder each), read by the one shared read in `read`.
//! They depend on the provider's shared state and configuration (below them), never
//! on the provider type that registers them (above them).

pub mod access_regions;
pub mod api_errors;
pub mod code_advice;
pub mod credential_advice;
pub mod dest_regions;
pub mod gaap_data_source;
pub mod proxy_create_check;
pub mod proxy_price;
pub(crate) mod read;
mod registered;
pub mod result_file;

pub use gaap_data_source::GaapDataSource;
pub use registered::Registered;
