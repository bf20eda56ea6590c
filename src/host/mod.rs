//! TODO(skeleton)
pub mod go_plugin_proto;
