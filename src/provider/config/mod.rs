//! The provider block: offline validation and the merge with the environment.

pub mod merge;
pub mod validate;

pub use merge::{merge, ProviderSettings};
pub use validate::validate_config;
