//! The provider block: decoded once into typed fields (offline validation is that
//! decode's diagnostics), then merged with the environment in `Configure`.

pub mod decode;
pub mod merge;

pub use decode::{decode, AssumeRoleConfig, ProviderConfig};
pub use merge::{merge, ProviderSettings};

use crate::protocol::{Diagnostics, Value};

/// `PrepareProviderConfig`: the diagnostics of decoding the block.
pub fn validate_config(config: &Value) -> Diagnostics {
    decode(config).diagnostics
}
