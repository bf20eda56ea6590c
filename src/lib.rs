//! terraform-provider-gaap: a Terraform/OpenTofu provider whose data source
//! `gaap_proxy_create_check` asks Tencent Cloud GAAP (`CheckProxyCreate`)
//! whether an acceleration connection can be created.
//!
//! Layers, each in its own folder:
//! - [`host`]: go-plugin plumbing (handshake, sockets, AutoMTLS, controller services, `--debug`).
//! - [`protocol`]: tfplugin5; the only code that touches generated protobuf types. Its
//!   `Provider` and `DataSource` traits are what a provider implements.
//! - [`provider`]: the provider, its configuration and its data sources (which build on
//!   the protocol layer, never the other way round).
//! - [`logging`]: hclog-shaped JSON logs on stderr.
//! - `fuzzing` (hidden): the entry functions of the fuzz targets in `fuzz/`.
//!
//! `host`, `protocol` and `logging` are a tfplugin5 framework that names no provider
//! and never imports [`provider`]: the binary passes the provider's name, address and
//! log targets in (`host::ServeOptions`, `logging::LogOptions`), and
//! `tests/architecture.rs` keeps it that way.

#[cfg(feature = "fuzzing")]
#[doc(hidden)]
pub mod fuzzing;
pub mod host;
pub mod logging;
pub mod protocol;
pub mod provider;
pub mod terminal_text;

/// The provider's version, from `Cargo.toml`.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
