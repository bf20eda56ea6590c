//! hclog-shaped JSON logs on stderr, and a panic hook Terraform recognises.
//!
//! go-plugin's client reads the plugin's stderr line by line; a line that parses as a
//! JSON object with `@level`, `@message` and `@timestamp` becomes a log entry of the
//! plugin at that level (go-plugin `client.go` `logStderr`, `log_entry.go`); any other
//! line is logged as plain text, at debug level unless it starts with a `[LEVEL]` tag.
//! Nothing is ever logged to stdout: it carries the handshake line only.
//! `contributing/design/plugin-logs.md` has the details.
//!
//! The module is a library: the provider's type name and its own tracing targets come
//! from the caller in [`LogOptions`].

pub mod layer;
pub mod level;
pub mod line;
#[cfg(any(test, feature = "test-support"))]
mod memory_sink;
pub mod modules;
pub mod options;
pub mod panic;

pub use layer::{HclogLayer, LineSink, Stderr};
pub use level::level_from_env;
#[cfg(any(test, feature = "test-support"))]
pub use memory_sink::MemorySink;
pub use modules::ModuleNames;
pub use options::LogOptions;
pub use panic::install_panic_hook;

use tracing_subscriber::layer::SubscriberExt;

/// Installs the stderr JSON logger (level from `TF_LOG_PROVIDER_<TYPE>`,
/// `TF_LOG_PROVIDER`, `TF_LOG`) as the global subscriber, and the panic hook. A second
/// call does nothing.
pub fn init(options: &LogOptions) {
    install_panic_hook();
    let level = level_from_env(&options.level_env_vars(), |name| std::env::var(name).ok());
    let layer = HclogLayer::new(level, options.modules.clone(), Stderr);
    let subscriber = tracing_subscriber::registry().with(layer);
    // Err only when a subscriber is already installed; keep that one.
    let _ = tracing::subscriber::set_global_default(subscriber);
}
