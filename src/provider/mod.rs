//! The `gaap` provider: its configuration and its data sources (`gaap_proxy_create_check`,
//! `gaap_dest_regions`, `gaap_access_regions`).
//!
//! Layered, each layer importing only those below it:
//! 1. the provider's own pieces: the attribute tables (`spec`, `login_blocks`) and
//!    the `schema` built from them, `config` (validate and merge the provider
//!    block), `validators`, `env`, `defaults`, and `state` (what
//!    `Configure` leaves behind, shared with data sources), `catalogue` (region objects
//!    and the pure explanation of a check answering 0);
//! 2. [`data_sources`], one folder per data source, built with the shared state;
//! 3. [`GaapProvider`], which answers the protocol layer and lists the data sources.
//!
//! Pure cores (schemas, validation, configuration merge, error mapping, ids) sit in
//! their own files with table tests.

pub mod catalogue;
pub mod config;
mod credentials_glue;
pub mod data_sources;
pub mod defaults;
#[cfg(feature = "docs")]
pub mod docs;
pub mod env;
mod gaap_provider;
pub mod login_blocks;
pub mod schema;
pub mod spec;
pub mod state;
pub mod validators;

#[cfg(test)]
mod test_support;

pub use data_sources::proxy_create_check::TYPE_NAME as PROXY_CREATE_CHECK;
pub use gaap_provider::{provider_schemas, GaapProvider};
pub use state::EnvLookup;
