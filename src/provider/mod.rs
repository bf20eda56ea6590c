//! The `gaap` provider: its configuration and the `gaap_proxy_create_check` data source.
//!
//! Pure cores (schemas, validation, configuration merge, error mapping, ids) sit in
//! their own files with table tests; [`GaapProvider`] is the thin shell that holds the
//! configured client and answers the protocol layer.

pub mod defaults;
pub mod env;
mod gaap_provider;
pub mod schema;

pub use gaap_provider::GaapProvider;
pub use schema::{provider_schemas, PROXY_CREATE_CHECK};
