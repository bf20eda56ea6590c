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
/// The catalogue data sources, with outputs.
pub const CATALOGUE_TF: &str = include_str!("fixtures/catalogue.tf");
/// An origin region the API does not know, for `gaap_access_regions`.
pub const UNKNOWN_DEST_REGION_TF: &str = include_str!("fixtures/unknown_dest_region.tf");
/// Checks answering 0 and 1 with their reasons and suggestions; `explain` a variable.
pub const EXPLAIN_TF: &str = include_str!("fixtures/explain.tf");
/// A postcondition printing `reasons`.
pub const POSTCONDITION_REASONS_TF: &str = include_str!("fixtures/postcondition_reasons.tf");
/// 40 checks, 20 answering 0, over two origins.
pub const MANY_EXPLAINED_TF: &str = include_str!("fixtures/many_explained.tf");
/// Region names with typos, for "did you mean".
pub const TYPO_REGION_TF: &str = include_str!("fixtures/typo_region.tf");
/// The connection-guard module (examples/modules/) called with `for_each`.
pub const MODULE_FOR_EACH_TF: &str = include_str!("fixtures/module_for_each.tf");
