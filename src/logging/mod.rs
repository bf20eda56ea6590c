//! hclog-shaped JSON logs on stderr, and a panic hook Terraform recognises.
//!
//! go-plugin's client reads the plugin's stderr line by line and parses JSON lines with
//! `@level`, `@message`, `@timestamp` as log entries of the provider (protocol.md §7).
//! Nothing is ever logged to stdout: it carries the handshake line only.

pub mod layer;
pub mod level;
pub mod line;
pub mod panic;

pub use layer::{HclogLayer, LineSink, MemorySink, Stderr};
pub use level::level_from_env;
pub use panic::install_panic_hook;

use tracing_subscriber::layer::SubscriberExt;

/// Installs the stderr JSON logger (level from `TF_LOG_PROVIDER_GAAP`, `TF_LOG_PROVIDER`,
/// `TF_LOG`) as the global subscriber, and the panic hook. A second call does nothing.
pub fn init() {
    install_panic_hook();
    let level = level_from_env(|name| std::env::var(name).ok());
    let subscriber = tracing_subscriber::registry().with(HclogLayer::new(level, Stderr));
    // Err only when a subscriber is already installed; keep that one.
    let _ = tracing::subscriber::set_global_default(subscriber);
}
