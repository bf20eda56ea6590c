//! The provider's data sources, one folder each. They depend on the provider's shared
//! state and configuration (below them), never on the provider type that registers
//! them (above them).

pub mod proxy_create_check;
