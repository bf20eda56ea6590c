//! go-plugin plumbing: the handshake, the listening socket, AutoMTLS, the go-plugin
//! side services, normal serving and `--debug` (reattach) serving.
//!
//! The module is a library: the provider's name and address come from the caller in
//! [`ServeOptions`]. `contributing/design/go-plugin-handshake.md` collects the protocol facts.

pub mod debug;
pub mod go_plugin;
pub mod go_plugin_proto;
pub mod handshake;
pub mod incoming;
pub mod listener;
pub mod options;
pub mod parent;
pub mod serve;
pub mod signals;
pub mod tls;

pub use options::ServeOptions;
