//! The GAAP API client. SKELETON: signatures are the contract.

use std::sync::Arc;
use std::time::Duration;

use super::credentials::CredentialSource;
use super::{CheckProxyCreateRequest, CheckProxyCreateResponse, ClientError};

/// Default root domain (international site).
pub const DEFAULT_DOMAIN: &str = "intl.tencentcloudapi.com";
/// The API's documented limit for `CheckProxyCreate`, requests per second.
pub const DEFAULT_RATE_LIMIT: f64 = 20.0;

/// How the client reaches the API. Built by the provider from its configuration.
#[derive(Debug, Clone)]
pub struct ClientConfig {
    /// Full URL of the GAAP API, e.g. `https://gaap.intl.tencentcloudapi.com`
    /// or `http://127.0.0.1:PORT` (http only for loopback hosts).
    pub endpoint: String,
    /// Sent as `X-TC-Region` only when non-empty.
    pub region: Option<String>,
    /// Per attempt.
    pub request_timeout: Duration,
    /// Retries of a retryable failure (attempts = 1 + max_retries).
    pub max_retries: u32,
    /// Client-side requests per second, shared by every read in the process.
    pub rate_limit: f64,
}

/// A cancellation signal shared with `StopProvider`.
pub type CancelSignal = tokio::sync::watch::Receiver<bool>;

/// The GAAP client.
pub struct GaapClient {
    _config: ClientConfig,
    _credentials: Arc<dyn CredentialSource>,
}

impl GaapClient {
    pub fn new(
        config: ClientConfig,
        credentials: Arc<dyn CredentialSource>,
    ) -> Result<Self, ClientError> {
        Ok(GaapClient {
            _config: config,
            _credentials: credentials,
        })
    }

    /// One `CheckProxyCreate` call: rate-limited, signed afresh on every attempt,
    /// retried per the contract, cut short when `cancel` turns true.
    pub async fn check_proxy_create(
        &self,
        _request: &CheckProxyCreateRequest,
        _cancel: CancelSignal,
    ) -> Result<CheckProxyCreateResponse, ClientError> {
        unimplemented!("skeleton")
    }
}
