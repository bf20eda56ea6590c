//! go-plugin plumbing: the handshake, the listening socket, AutoMTLS, the go-plugin
//! side services, normal serving and `--debug` (reattach) serving.

pub mod go_plugin_proto;
pub mod handshake;
pub mod incoming;
pub mod listener;
pub mod tls;
