//! The Tencent Cloud API client: signer, credentials, transport, retries, rate limit.

pub mod check_proxy_create;
pub mod client;
pub mod credentials;
pub mod error;
pub mod signer;

pub use check_proxy_create::{CheckProxyCreateRequest, CheckProxyCreateResponse};
pub use client::{ClientConfig, GaapClient};
pub use error::{ApiError, ClientError};
