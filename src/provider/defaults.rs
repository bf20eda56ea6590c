//! Defaults of the provider configuration, named once (used in code and in the
//! schema descriptions, so docs cannot drift from behaviour). Where the client or the
//! credentials module has the same default, it is defined there and named here.

use tencentcloud_client::{client, credentials};

/// Root domain: the international site, giving `https://gaap.intl.tencentcloudapi.com`
/// (the domain the `CheckProxyCreate` documentation uses).
pub const DOMAIN: &str = client::DEFAULT_DOMAIN;
/// Seconds per attempt. The API answers in well under a second; 30 s leaves room for
/// slow proxies without letting a hung connection stall a plan for minutes.
pub const REQUEST_TIMEOUT_SECONDS: u64 = client::DEFAULT_REQUEST_TIMEOUT.as_secs();
/// Retries of a retryable failure. With exponential backoff this rides out a few
/// seconds of throttling or a brief network outage.
pub const MAX_RETRIES: u32 = client::DEFAULT_MAX_RETRIES;
/// Requests per second: the API's documented limit for `CheckProxyCreate`.
/// `explain`: checks answering 0 are explained unless turned off.
pub const EXPLAIN: bool = true;
pub const RATE_LIMIT: u32 = client::DEFAULT_RATE_LIMIT as u32;
/// `X-TC-RequestClient` of every API call: this provider and its version.
pub const REQUEST_CLIENT: &str = concat!("terraform-provider-gaap/", env!("CARGO_PKG_VERSION"));
/// STS `AssumeRole` session lifetime, seconds (the API's default).
pub const SESSION_DURATION: u64 = credentials::DEFAULT_SESSION_DURATION;
/// STS `AssumeRole` maximum session lifetime, seconds.
pub const MAX_SESSION_DURATION: u64 = credentials::MAX_SESSION_DURATION;
/// Profile name in the shared credentials directory.
pub const PROFILE: &str = credentials::DEFAULT_PROFILE;
/// STS `RoleSessionName` when only `TENCENTCLOUD_ASSUME_ROLE_ARN` is given.
pub const SESSION_NAME: &str = credentials::DEFAULT_SESSION_NAME;
/// How long throttled calls (`RequestLimitExceeded`) are retried, beyond
/// `max_retries`: the official provider's 3-minute read retry timeout.
pub const THROTTLE_RETRY_BUDGET: std::time::Duration = client::OFFICIAL_THROTTLE_RETRY_BUDGET;
