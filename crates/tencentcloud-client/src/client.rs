//! The GAAP API client: rate-limited, signed afresh on every attempt, retried per the
//! contract, cancellable, and shared between identical checks of one process.

use std::fmt;
use std::sync::{Arc, LazyLock};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use reqwest::header::{HeaderMap, HeaderName, HeaderValue, AUTHORIZATION, CONTENT_TYPE, HOST};

use super::backoff::Backoff;
use super::cancel::or_cancelled;
use super::check_proxy_create::{Answer, ACTION, SERVICE, VERSION};
use super::credentials::{Credential, CredentialSource};
use super::endpoint::{endpoint_for_domain, Endpoint};
use super::rate_limit::{validate_rate, RateLimiter};
use super::retry::RetryState;
use super::signer::{self, RequestToSign, SignedHeader};
use super::single_flight::SingleFlight;
use super::transport::Transport;
use super::{response, CheckProxyCreateRequest, CheckProxyCreateResponse, ClientError};

pub use super::cancel::CancelSignal;

/// Default root domain (international site).
pub const DEFAULT_DOMAIN: &str = "intl.tencentcloudapi.com";
/// The API's documented limit for `CheckProxyCreate`, requests per second.
pub const DEFAULT_RATE_LIMIT: f64 = 20.0;
/// Default per-attempt timeout. The answer is tiny; a slow one is a stuck one.
pub const DEFAULT_REQUEST_TIMEOUT: Duration = Duration::from_secs(30);
/// Default retries of a retryable failure (the provider's default too): with the
/// default backoff, a few seconds of waiting, enough to ride out throttling shared
/// with other tools or a brief network outage.
pub const DEFAULT_MAX_RETRIES: u32 = 5;
/// `tracing` target of the per-attempt logs: inside the crate's namespace, so the
/// log layer treats them as the provider's own (shown as `@module`
/// `provider.tencentcloud`).
pub const LOG_TARGET: &str = "terraform_provider_gaap::tencentcloud";
/// The signed `Content-Type`; must equal the sent one byte for byte.
pub const CONTENT_TYPE_JSON: &str = "application/json";
/// `X-TC-Language`: English messages, which the diagnostics quote.
pub const LANGUAGE: &str = "en-US";
/// `X-TC-RequestClient`: names this provider and its version (free text, unsigned).
pub const REQUEST_CLIENT: &str = concat!("terraform-provider-gaap/", env!("CARGO_PKG_VERSION"));

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

impl Default for ClientConfig {
    fn default() -> Self {
        ClientConfig {
            endpoint: endpoint_for_domain(DEFAULT_DOMAIN),
            region: None,
            request_timeout: DEFAULT_REQUEST_TIMEOUT,
            max_retries: DEFAULT_MAX_RETRIES,
            rate_limit: DEFAULT_RATE_LIMIT,
        }
    }
}

/// What makes two checks identical: same API, region, credential and arguments.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct CheckKey {
    endpoint: String,
    region: String,
    identity: String,
    request: CheckProxyCreateRequest,
}

/// Every check of the process, shared across clients (see `single_flight`).
static CHECKS: LazyLock<SingleFlight<CheckKey, CheckProxyCreateResponse>> =
    LazyLock::new(SingleFlight::new);

/// The GAAP client.
pub struct GaapClient {
    config: ClientConfig,
    /// `config.region`, trimmed; `None` when empty.
    region: Option<String>,
    credentials: Arc<dyn CredentialSource>,
    transport: Transport,
    limiter: &'static RateLimiter,
    backoff: Backoff,
}

impl fmt::Debug for GaapClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("GaapClient")
            .field("endpoint", &self.transport.endpoint_display())
            .field("region", &self.region)
            .field("credential", &self.credentials.identity())
            .field("request_timeout", &self.config.request_timeout)
            .field("max_retries", &self.config.max_retries)
            .field("rate_limit", &self.config.rate_limit)
            .finish()
    }
}

impl GaapClient {
    /// Checks the configuration, builds the HTTP client (once; connections are
    /// reused) and sets the process-wide rate limit to `config.rate_limit` (the
    /// newest client's rate wins). Errors are `ClientError::Config`.
    pub fn new(
        config: ClientConfig,
        credentials: Arc<dyn CredentialSource>,
    ) -> Result<Self, ClientError> {
        let endpoint = Endpoint::parse(&config.endpoint)?;
        if config.request_timeout.is_zero() {
            return Err(ClientError::Config(
                "request_timeout must be at least 1 second, got: 0".to_owned(),
            ));
        }
        let rate = validate_rate(config.rate_limit)?;
        let region = config
            .region
            .as_deref()
            .map(str::trim)
            .filter(|r| !r.is_empty())
            .map(str::to_owned);
        if let Some(r) = &region {
            HeaderValue::from_str(r).map_err(|_| {
                ClientError::Config(format!(
                    "region {r:?} contains characters not allowed in an HTTP header"
                ))
            })?;
        }
        let transport = Transport::new(endpoint)?;
        let limiter = RateLimiter::global();
        limiter.set_rate(rate);
        Ok(GaapClient {
            config,
            region,
            credentials,
            transport,
            limiter,
            backoff: Backoff::default(),
        })
    }

    /// Replaces the backoff between retries (tests, tuning).
    pub fn with_backoff(mut self, backoff: Backoff) -> Self {
        self.backoff = backoff;
        self
    }

    /// One `CheckProxyCreate` call: rate-limited, signed afresh on every attempt,
    /// retried per the contract, cut short when `cancel` turns true. Identical checks
    /// (same endpoint, region, credential identity and request) in this process
    /// share one call, and a successful answer is reused.
    pub async fn check_proxy_create(
        &self,
        request: &CheckProxyCreateRequest,
        cancel: CancelSignal,
    ) -> Result<CheckProxyCreateResponse, ClientError> {
        let key = CheckKey {
            endpoint: self.transport.endpoint_display().to_owned(),
            region: self.region.clone().unwrap_or_default(),
            identity: self.credentials.identity(),
            request: request.clone(),
        };
        let mut stop = cancel.clone();
        or_cancelled(
            &mut stop,
            CHECKS.run(&key, || self.call_with_retries(request, cancel.clone())),
        )
        .await
    }

    async fn call_with_retries(
        &self,
        request: &CheckProxyCreateRequest,
        mut cancel: CancelSignal,
    ) -> Result<CheckProxyCreateResponse, ClientError> {
        let body = serde_json::to_vec(request)
            .map_err(|e| ClientError::Config(format!("cannot encode the request: {e}")))?;
        let mut retry = RetryState::new(self.config.max_retries);
        for attempt in 1u32.. {
            self.limiter.acquire(&mut cancel).await?;
            let started = Instant::now();
            let result = or_cancelled(&mut cancel, self.attempt(&body)).await;
            let duration_ms = started.elapsed().as_millis() as u64;
            let (request_id, outcome) = describe(&result);
            tracing::debug!(
                target: LOG_TARGET,
                action = ACTION,
                endpoint = self.transport.endpoint_display(),
                attempt,
                duration_ms,
                request_id,
                outcome = outcome.as_str(),
                "Tencent Cloud API call"
            );
            let error = match result {
                Ok(answer) => return Ok(answer),
                Err(error) => error,
            };
            if !retry.should_retry(&error) {
                return Err(error);
            }
            let wait = self.backoff.delay(retry.retries().saturating_sub(1));
            tracing::debug!(
                target: LOG_TARGET,
                action = ACTION,
                attempt,
                wait_ms = wait.as_millis() as u64,
                "retrying after a retryable failure"
            );
            or_cancelled(&mut cancel, async {
                tokio::time::sleep(wait).await;
                Ok(())
            })
            .await?;
        }
        // `1u32..` ends only after u32::MAX attempts, far beyond any max_retries.
        Err(ClientError::Config("retry loop exhausted".to_owned()))
    }

    /// One attempt: a fresh credential, timestamp and signature, one POST.
    async fn attempt(&self, body: &[u8]) -> Result<CheckProxyCreateResponse, ClientError> {
        let credential = self
            .credentials
            .credential()
            .await
            .map_err(ClientError::Credentials)?;
        let headers = self.headers(&credential, unix_now(), body)?;
        let raw = self
            .transport
            .post(headers, body.to_vec(), self.config.request_timeout)
            .await?;
        let answer: Answer =
            response::parse(self.transport.endpoint_display(), raw.status, &raw.body)?;
        Ok(CheckProxyCreateResponse {
            check_flag: answer.check_flag,
            request_id: answer.request_id,
        })
    }

    /// The request headers, `Authorization` computed over exactly `body`.
    fn headers(
        &self,
        credential: &Credential,
        timestamp: i64,
        body: &[u8],
    ) -> Result<HeaderMap, ClientError> {
        let host = self.transport.endpoint().host();
        let to_sign = RequestToSign {
            method: "POST",
            query: "",
            headers: vec![
                SignedHeader::new("Content-Type", CONTENT_TYPE_JSON),
                SignedHeader::new("Host", host),
            ],
            payload: body,
        };
        let signed = signer::sign(
            &credential.secret_id,
            &credential.secret_key,
            SERVICE,
            timestamp,
            &to_sign,
        );

        let mut headers = HeaderMap::new();
        headers.insert(CONTENT_TYPE, HeaderValue::from_static(CONTENT_TYPE_JSON));
        headers.insert(HOST, header_value(host, "the endpoint host")?);
        headers.insert(name("x-tc-action"), HeaderValue::from_static(ACTION));
        headers.insert(name("x-tc-version"), HeaderValue::from_static(VERSION));
        headers.insert(name("x-tc-timestamp"), HeaderValue::from(timestamp));
        let mut authorization = HeaderValue::from_str(&signed.authorization).map_err(|_| {
            ClientError::Config(
                "the SecretId contains characters not allowed in an HTTP header".to_owned(),
            )
        })?;
        authorization.set_sensitive(true);
        headers.insert(AUTHORIZATION, authorization);
        if let Some(region) = &self.region {
            headers.insert(name("x-tc-region"), header_value(region, "the region")?);
        }
        if let Some(token) = credential.token.as_deref().filter(|t| !t.is_empty()) {
            let mut token = HeaderValue::from_str(token).map_err(|_| {
                ClientError::Config(
                    "the security token contains characters not allowed in an HTTP header"
                        .to_owned(),
                )
            })?;
            token.set_sensitive(true);
            headers.insert(name("x-tc-token"), token);
        }
        headers.insert(name("x-tc-language"), HeaderValue::from_static(LANGUAGE));
        headers.insert(
            name("x-tc-requestclient"),
            HeaderValue::from_static(REQUEST_CLIENT),
        );
        Ok(headers)
    }
}

fn name(lowercase: &'static str) -> HeaderName {
    HeaderName::from_static(lowercase)
}

fn header_value(value: &str, what: &str) -> Result<HeaderValue, ClientError> {
    HeaderValue::from_str(value).map_err(|_| {
        ClientError::Config(format!(
            "{what} {value:?} contains characters not allowed in an HTTP header"
        ))
    })
}

fn unix_now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

/// RequestId and a short outcome for the attempt log; never a secret.
fn describe(result: &Result<CheckProxyCreateResponse, ClientError>) -> (String, String) {
    match result {
        Ok(answer) => (
            answer.request_id.clone(),
            format!("ok check_flag={}", answer.check_flag),
        ),
        Err(ClientError::Api(api)) => (api.request_id.clone(), format!("api_error {}", api.code)),
        Err(ClientError::HttpStatus { status, .. }) => {
            (String::new(), format!("http_status {status}"))
        }
        Err(ClientError::Transport { .. }) => (String::new(), "transport_error".to_owned()),
        Err(ClientError::Timeout { .. }) => (String::new(), "timeout".to_owned()),
        Err(ClientError::InvalidResponse { .. }) => (String::new(), "invalid_response".to_owned()),
        Err(ClientError::Cancelled) => (String::new(), "cancelled".to_owned()),
        Err(ClientError::Credentials(_)) => (String::new(), "credential_error".to_owned()),
        Err(ClientError::Config(_)) => (String::new(), "config_error".to_owned()),
    }
}
