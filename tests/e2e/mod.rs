//! Support for the end-to-end tests that drive a real `terraform` (and `tofu`)
//! against the provider binary Cargo built for this run.
//!
//! - [`tools`]: which CLIs to test (the pinned Terraform 1.0.3 always).
//! - [`workspace`]: a temp dir with a `dev_overrides` CLI config; bounded,
//!   captured commands; checks that no provider process outlives a command.
//! - [`processes`]: the `/proc` scan behind that check.
//! - [`emulator`]: the project's GAAP emulator on loopback, in-process.
//! - [`diagnostics`]: reading `-json` diagnostics and locating fixture lines.
//! - `fixtures/`: the Terraform configurations the tests use.

pub mod diagnostics;
pub mod emulator;
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
/// A creatable check (flag 1) and a too-big one (flag 0), with outputs.
pub const CHECKS_TF: &str = include_str!("fixtures/checks.tf");
/// A region name the API does not know.
pub const UNKNOWN_REGION_TF: &str = include_str!("fixtures/unknown_region.tf");
/// 50 distinct checks under `rate_limit = 5`.
pub const MANY_TF: &str = include_str!("fixtures/many.tf");
