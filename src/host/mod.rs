//! go-plugin plumbing: the handshake, the listening socket, AutoMTLS, the go-plugin
//! side services, normal serving and `--debug` (reattach) serving.

pub mod debug;
pub mod go_plugin;
pub mod go_plugin_proto;
pub mod handshake;
pub mod incoming;
pub mod listener;
pub mod serve;
pub mod signals;
pub mod tls;
