//! Support for the end-to-end tests that drive a real `terraform` (and `tofu`)
//! against the provider binary Cargo built for this run.
//!
//! - [`tools`]: which CLIs to test (the pinned Terraform 1.0.3 always).
//! - [`workspace`]: a temp dir with a `dev_overrides` CLI config; bounded,
//!   captured commands; checks that no provider process outlives a command.
//! - [`processes`]: the `/proc` scan behind that check.
//! - [`diagnostics`]: reading `-json` diagnostics and locating fixture lines.
//! - `fixtures/`: the Terraform configurations the tests use.

pub mod diagnostics;
pub mod processes;
pub mod tools;
pub mod workspace;

pub use workspace::Workspace;

/// A configuration that `validate` must accept.
pub const VALID_TF: &str = include_str!("fixtures/valid.tf");
/// A valid configuration that sets the deprecated `http3_supported`.
pub const DEPRECATED_TF: &str = include_str!("fixtures/deprecated.tf");
/// One invalid argument per data source.
pub const INVALID_TF: &str = include_str!("fixtures/invalid.tf");
