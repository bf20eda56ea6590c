//! Install-path tests: the release `scripts/release.sh` writes (zips,
//! manifest, SHA256SUMS and its OpenPGP signature) installed by the real
//! `terraform init` (the pinned 1.0.3, plus any `terraform`/`tofu` on PATH)
//! through every route a user has, each followed by a `terraform plan` against
//! the in-process GAAP emulator:
//!
//! - `terraform init -plugin-dir` with the packed layout;
//! - a `filesystem_mirror`, packed and unpacked;
//! - a `network_mirror` over HTTPS (loopback, a CA of the test's own);
//! - the provider registry protocol over HTTPS, where Terraform checks the
//!   SHA256SUMS signature itself and records every `zh:` hash in the lock file,
//!   which then refuses a different zip for the same version.
//!
//! The emulator's zip, released beside the provider's with its own SHA256SUMS,
//! is checked too (it starts, and the provider's SHA256SUMS does not list it).
//!
//! Each test has a fresh CLI config (`TF_CLI_CONFIG_FILE`), no plugin cache and
//! `CHECKPOINT_DISABLE=1`; nothing leaves the machine. The tests package the
//! binary Cargo built for this run and the `gaap-emulator` built beside it (or
//! `GAAP_INSTALL_BINARY` and `GAAP_INSTALL_EMULATOR`): see tests/install/release.rs.

#[allow(dead_code)]
mod e2e;
#[path = "install_paths/emulator.rs"]
mod emulator;
#[path = "install_paths/filesystem.rs"]
mod filesystem;
#[path = "install_paths/harness.rs"]
mod harness;
mod install;
#[path = "install_paths/network.rs"]
mod network;
#[path = "install_paths/packaging.rs"]
mod packaging;
