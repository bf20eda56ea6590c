//! The provider's data sources, one folder each. They depend on the provider's shared
//! state and configuration (below them), never on the provider type that registers
//! them (above them).

pub mod access_regions;
mod common;
pub mod dest_regions;
pub mod proxy_create_check;
