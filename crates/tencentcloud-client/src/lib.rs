//! The Tencent Cloud API client: signer, credentials, transport, retries, rate limit.

pub mod backoff;
pub mod cancel;
pub mod check_proxy_create;
pub mod client;
pub mod credentials;
pub mod endpoint;
pub mod error;
pub mod rate_limit;
pub mod response;
pub mod retry;
pub mod signer;
pub mod single_flight;
pub mod transport;

pub use check_proxy_create::{CheckProxyCreateRequest, CheckProxyCreateResponse};
pub use client::{CancelSignal, ClientConfig, GaapClient};
pub use error::{ApiError, ClientError};

/// This crate's version (the workspace's), for `X-TC-RequestClient`.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
