//! The `gaap` provider: its configuration and the `gaap_proxy_create_check` data source.
//!
//! Pure cores (schemas, validation, configuration merge, error mapping, ids) sit in
//! their own files with table tests; [`GaapProvider`] is the thin shell that holds the
//! configured client and answers the protocol layer.

pub mod api_diagnostics;
pub mod config;
mod credentials_glue;
pub mod defaults;
pub mod env;
mod gaap_provider;
pub mod proxy_create_check;
pub mod schema;
pub mod unknowns;
pub mod validators;

#[cfg(test)]
mod test_support;

pub use gaap_provider::{EnvLookup, GaapProvider};
pub use schema::{provider_schemas, PROXY_CREATE_CHECK};
