//! terraform-provider-gaap: a Terraform/OpenTofu provider whose data source
//! `gaap_proxy_create_check` asks Tencent Cloud GAAP (`CheckProxyCreate`)
//! whether an acceleration connection can be created.
//!
//! Layers, each in its own folder:
//! - [`host`]: go-plugin plumbing (handshake, sockets, AutoMTLS, controller services, `--debug`).
//! - [`protocol`]: tfplugin5; the only code that touches generated protobuf types.
//! - [`provider`]: the provider, its configuration and the data source.
//! - [`logging`]: hclog-shaped JSON logs on stderr.

pub mod host;
pub mod logging;
pub mod protocol;
pub mod provider;

/// The provider's version, from `Cargo.toml`.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// Registry address used in docs, examples and the `--debug` reattach output.
pub const REGISTRY_ADDRESS: &str = "registry.terraform.io/gaap-community/gaap";
