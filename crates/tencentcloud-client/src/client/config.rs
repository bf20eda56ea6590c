//! [`ClientConfig`]: how the client reaches the API, and its defaults.

use std::collections::BTreeMap;
use std::time::Duration;

use crate::backoff::Backoff;
use crate::endpoint::service_endpoint;

/// Default root domain (international site).
pub const DEFAULT_DOMAIN: &str = "intl.tencentcloudapi.com";
/// The default `rate_limit`, requests per second: the documented limit of
/// `CheckProxyCreate` (`gaap::check_proxy_create::DOCUMENTED_RATE_LIMIT`; a test
/// keeps them equal, as this low module does not import the actions).
pub const DEFAULT_RATE_LIMIT: f64 = 20.0;
/// Default per-attempt timeout. The answers are tiny; a slow one is a stuck one.
pub const DEFAULT_REQUEST_TIMEOUT: Duration = Duration::from_secs(30);
/// Default retries of a retryable failure (the provider's default too): with the
/// default backoff, a few seconds of waiting, enough to ride out throttling shared
/// with other tools or a brief network outage.
pub const DEFAULT_MAX_RETRIES: u32 = 5;
/// `X-TC-RequestClient` unless the caller names itself (free text, unsigned; the
/// SDKs send their own name and version, e.g. `SDK_PYTHON_<version>`).
pub const DEFAULT_REQUEST_CLIENT: &str = concat!("tencentcloud-client/", env!("CARGO_PKG_VERSION"));

/// How the client reaches the API.
#[derive(Debug, Clone)]
pub struct ClientConfig {
    /// Root domain: a service is reached at `https://<service>.<domain>` unless
    /// `endpoints` names a URL for it.
    pub domain: String,
    /// Endpoint overrides, service name (`gaap`, `sts`) to full URL, e.g.
    /// `http://127.0.0.1:PORT` (plain http only for loopback hosts).
    pub endpoints: BTreeMap<String, String>,
    /// Sent as `X-TC-Region` only when non-empty.
    pub region: Option<String>,
    /// Per attempt.
    pub request_timeout: Duration,
    /// Retries of a retryable failure (attempts = 1 + max_retries).
    pub max_retries: u32,
    /// Client-side requests per second of each action whose limit is
    /// [`RateLimit::Configured`] (the GAAP actions), shared by the whole process.
    pub rate_limit: f64,
    /// `X-TC-RequestClient`: who is calling, e.g. `terraform-provider-gaap/0.1.0`.
    pub request_client: String,
    /// Waits between retries.
    pub backoff: Backoff,
    /// How long throttling (`RequestLimitExceeded*`) is retried without counting
    /// against `max_retries`, from the start of a call. Zero (the library default):
    /// throttling counts like any retryable failure. The provider sets
    /// [`OFFICIAL_THROTTLE_RETRY_BUDGET`]. Waits still honour the stop signal.
    pub throttle_retry_budget: Duration,
}

/// The official provider's read retry timeout (`ReadRetryTimeout`, 3 minutes,
/// `TENCENTCLOUD_READ_RETRY_TIMEOUT`), which bounds its retries of throttled calls.
pub const OFFICIAL_THROTTLE_RETRY_BUDGET: Duration = Duration::from_secs(180);

impl Default for ClientConfig {
    fn default() -> Self {
        ClientConfig {
            domain: DEFAULT_DOMAIN.to_owned(),
            endpoints: BTreeMap::new(),
            region: None,
            request_timeout: DEFAULT_REQUEST_TIMEOUT,
            max_retries: DEFAULT_MAX_RETRIES,
            rate_limit: DEFAULT_RATE_LIMIT,
            request_client: DEFAULT_REQUEST_CLIENT.to_owned(),
            backoff: Backoff::default(),
            throttle_retry_budget: Duration::ZERO,
        }
    }
}

impl ClientConfig {
    /// Sets the endpoint URL of `service`.
    pub fn with_endpoint(mut self, service: &str, url: impl Into<String>) -> Self {
        self.endpoints.insert(service.to_owned(), url.into());
        self
    }

    /// The URL `service` is reached at: its override, else `https://<service>.<domain>`.
    pub fn endpoint_url(&self, service: &str) -> String {
        match self.endpoints.get(service) {
            Some(url) => url.clone(),
            None => service_endpoint(service, &self.domain),
        }
    }
}
