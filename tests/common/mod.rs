//! Helpers shared by the integration tests.

pub mod plugin_client;
