//! The one signed-call path for every Tencent Cloud API 3.0 action:
//! [`ApiClient::call`]. Per call: endpoint resolution for the action's service, the
//! process-wide rate limiter of the action, and (for actions that opt in) sharing of
//! identical calls; per attempt: a fresh credential, timestamp and TC3 signature, the
//! common headers, one POST with a timeout and a size cap, envelope parsing into the
//! action's answer or a typed error, and a DEBUG log line; between attempts: the
//! retry policy (`retry`) and backoff (`backoff`); throughout: cancellation.
//!
//! The headers are those of the official SDKs (tencentcloud-sdk-go
//! `tencentcloud/common/client.go`, `sendWithSignatureV3`): `Content-Type`, `Host`,
//! `X-TC-Action`, `X-TC-Version`, `X-TC-Timestamp`, `X-TC-Region` (only when a
//! region is set), `X-TC-Token` (temporary credentials), `X-TC-Language`,
//! `X-TC-RequestClient`, and `Authorization` signed over `content-type;host`.

use std::any::Any;
use std::collections::BTreeMap;
use std::fmt;
use std::sync::{Arc, LazyLock};
use std::time::Instant;

use reqwest::header::{HeaderMap, HeaderName, HeaderValue, AUTHORIZATION, CONTENT_TYPE, HOST};
use sensitive::Sensitive;

use super::action::{Action, RateLimit};
use super::backoff::Backoff;
use super::cancel::or_cancelled;
use super::credentials::{Clock, Credential, CredentialSource, SystemClock};
use super::endpoint::{service_endpoint, Endpoint};
use super::error::{Attempts, ClientError};
use super::rate_limit::{self, validate_rate};
use super::response;
use super::retry::RetryState;
use super::signer::{self, RequestToSign, SignedHeader};
use super::single_flight::SingleFlight;
use super::transport::Transport;

mod config;

pub use super::cancel::CancelSignal;
pub use config::{
    ClientConfig, DEFAULT_DOMAIN, DEFAULT_MAX_RETRIES, DEFAULT_RATE_LIMIT, DEFAULT_REQUEST_CLIENT,
    DEFAULT_REQUEST_TIMEOUT, OFFICIAL_THROTTLE_RETRY_BUDGET,
};

/// `tracing` target of the per-attempt logs: the crate's own name, so that a program
/// embedding the client can route them (the provider shows them as `@module`
/// `provider.tencentcloud`).
pub const LOG_TARGET: &str = "tencentcloud_client";
/// The signed `Content-Type`; must equal the sent one byte for byte.
pub const CONTENT_TYPE_JSON: &str = "application/json";
/// `X-TC-Language`: English messages, which the diagnostics quote.
pub const LANGUAGE: &str = "en-US";
/// `Authorization` of an unsigned action ([`Action::UNSIGNED`]), as the SDKs send it.
pub const UNSIGNED_AUTHORIZATION: &str = "SKIP";

/// What makes two calls identical: same action, API, region, credential and body.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct CallKey {
    service: &'static str,
    action: &'static str,
    endpoint: String,
    region: String,
    identity: String,
    body: Vec<u8>,
}

type SharedAnswer = Arc<dyn Any + Send + Sync>;

/// Every shared call of the process, across clients and actions (see `single_flight`).
/// The key includes the action, so an answer is always of that action's type.
static SHARED: LazyLock<SingleFlight<CallKey, SharedAnswer>> = LazyLock::new(SingleFlight::new);

/// The call path. Holds no credential: each call is signed with the one it is given,
/// so the provider's GAAP calls and the STS calls that fetch a role's credential (with
/// the base credential) go the same way.
pub struct ApiClient {
    config: ClientConfig,
    /// `config.region`, trimmed; `None` when empty.
    region: Option<String>,
    request_client: HeaderValue,
    /// Checked overrides, by service.
    endpoints: BTreeMap<String, Endpoint>,
    transport: Transport,
    clock: Arc<dyn Clock>,
}

impl fmt::Debug for ApiClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let endpoints: BTreeMap<&str, String> = self
            .endpoints
            .iter()
            .map(|(service, e)| (service.as_str(), e.display()))
            .collect();
        f.debug_struct("ApiClient")
            .field("domain", &self.config.domain)
            .field("endpoints", &endpoints)
            .field("region", &self.region)
            .field("request_timeout", &self.config.request_timeout)
            .field("max_retries", &self.config.max_retries)
            .field("rate_limit", &self.config.rate_limit)
            .field("request_client", &self.config.request_client)
            .finish()
    }
}

impl ApiClient {
    /// Checks the configuration (every endpoint override, the domain, the timeout,
    /// the rate, header values). Errors are `ClientError::Config`. No network.
    pub fn new(config: ClientConfig) -> Result<Self, ClientError> {
        let mut endpoints = BTreeMap::new();
        for (service, url) in &config.endpoints {
            let endpoint = Endpoint::parse_for(
                &format!("the {service} endpoint"),
                url,
                &service_endpoint(service, DEFAULT_DOMAIN),
            )?;
            endpoints.insert(service.clone(), endpoint);
        }
        if !config
            .domain
            .trim()
            .trim_matches('.')
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.')
            || config.domain.trim().trim_matches('.').is_empty()
        {
            return Err(ClientError::Config(format!(
                "domain {:?} is not a domain name such as {DEFAULT_DOMAIN}",
                config.domain
            )));
        }
        if config.request_timeout.is_zero() {
            return Err(ClientError::Config(
                "request_timeout must be at least 1 second, got: 0".to_owned(),
            ));
        }
        validate_rate(config.rate_limit)?;
        let region = config
            .region
            .as_deref()
            .map(str::trim)
            .filter(|r| !r.is_empty())
            .map(str::to_owned);
        if let Some(r) = &region {
            header_value(r, "region")?;
        }
        let request_client = header_value(&config.request_client, "request_client")?;
        Ok(ApiClient {
            config,
            region,
            request_client,
            endpoints,
            transport: Transport::new(),
            clock: Arc::new(SystemClock),
        })
    }

    /// Replaces the backoff between retries (tests, tuning).
    pub fn with_backoff(mut self, backoff: Backoff) -> Self {
        self.config.backoff = backoff;
        self
    }

    /// Replaces the clock that timestamps (and so signs) requests (tests).
    pub fn with_clock(mut self, clock: Arc<dyn Clock>) -> Self {
        self.clock = clock;
        self
    }

    pub fn config(&self) -> &ClientConfig {
        &self.config
    }

    /// The checked endpoint of `service`.
    pub fn endpoint(&self, service: &str) -> Result<Endpoint, ClientError> {
        match self.endpoints.get(service) {
            Some(endpoint) => Ok(endpoint.clone()),
            None => Endpoint::parse(&service_endpoint(service, &self.config.domain)),
        }
    }

    /// Builds the HTTP client `service` is reached with now, so a broken proxy
    /// setting is reported at configuration time.
    pub fn prepare(&self, service: &str) -> Result<(), ClientError> {
        self.transport.prepare(&self.endpoint(service)?)
    }

    /// One call of action `A`, signed with `credentials`: rate-limited, signed afresh
    /// on every attempt, retried per the policy, cut short when `cancel` turns true.
    /// When `A::SHARE_IDENTICAL`, identical calls (same service, action, endpoint,
    /// region, credential identity and body) in this process share one call, and a
    /// successful answer is reused.
    pub async fn call<A: Action>(
        &self,
        credentials: &dyn CredentialSource,
        request: &A,
        cancel: CancelSignal,
    ) -> Result<A::Response, ClientError> {
        let endpoint = self.endpoint(A::SERVICE)?;
        let body = serde_json::to_vec(request)
            .map_err(|e| ClientError::Config(format!("cannot encode the request: {e}")))?;
        if !A::SHARE_IDENTICAL {
            return self
                .call_with_retries::<A>(credentials, &endpoint, &body, cancel)
                .await;
        }
        let key = CallKey {
            service: A::SERVICE,
            action: A::ACTION,
            endpoint: endpoint.display(),
            region: self.region.clone().unwrap_or_default(),
            identity: credentials.identity(),
            body: body.clone(),
        };
        let mut stop = cancel.clone();
        let shared = or_cancelled(
            &mut stop,
            SHARED.run(&key, || async {
                self.call_with_retries::<A>(credentials, &endpoint, &body, cancel.clone())
                    .await
                    .map(|answer| Arc::new(answer) as SharedAnswer)
            }),
        )
        .await?;
        shared
            .downcast_ref::<A::Response>()
            .cloned()
            .ok_or_else(|| {
                ClientError::Config(format!("{}: shared answer of another type", A::ACTION))
            })
    }

    async fn call_with_retries<A: Action>(
        &self,
        credentials: &dyn CredentialSource,
        endpoint: &Endpoint,
        body: &[u8],
        mut cancel: CancelSignal,
    ) -> Result<A::Response, ClientError> {
        let rate = match A::RATE_LIMIT {
            RateLimit::Configured => self.config.rate_limit,
            RateLimit::Documented(rate) => rate,
        };
        let limiter = rate_limit::for_action(A::SERVICE, A::ACTION, rate);
        let endpoint_display = endpoint.display();
        let mut retry = RetryState::new(self.config.max_retries);
        let call_started = tokio::time::Instant::now();
        for attempt in 1u32.. {
            let place = limiter.acquire(&mut cancel).await?;
            let started = Instant::now();
            let result =
                or_cancelled(&mut cancel, self.attempt::<A>(credentials, endpoint, body)).await;
            // Answered (or given up): the limiter counts the span from here, and the
            // place is not held through a backoff.
            drop(place);
            let duration_ms = started.elapsed().as_millis() as u64;
            let (request_id, outcome) = describe::<A>(&result);
            tracing::debug!(
                target: LOG_TARGET,
                action = A::ACTION,
                endpoint = endpoint_display.as_str(),
                attempt,
                duration_ms,
                request_id,
                outcome = outcome.as_str(),
                "Tencent Cloud API call"
            );
            let error = match result {
                Ok((answer, _)) => return Ok(answer),
                Err(error) => error,
            };
            if !retry.should_retry_within(
                &error,
                call_started.elapsed(),
                self.config.throttle_retry_budget,
            ) {
                if attempt == 1 {
                    return Err(error);
                }
                return Err(ClientError::Retried {
                    attempts: Attempts {
                        count: attempt,
                        elapsed: call_started.elapsed(),
                    },
                    last: Box::new(error),
                });
            }
            let wait = self.config.backoff.delay(retry.retries().saturating_sub(1));
            tracing::debug!(
                target: LOG_TARGET,
                action = A::ACTION,
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

    /// One attempt: a fresh credential, timestamp and signature, one POST. Gives the
    /// answer and its RequestId.
    async fn attempt<A: Action>(
        &self,
        credentials: &dyn CredentialSource,
        endpoint: &Endpoint,
        body: &[u8],
    ) -> Result<(A::Response, String), ClientError> {
        let credential = if A::UNSIGNED {
            // Never read: the request carries no signature and no token.
            Credential {
                secret_id: String::new(),
                secret_key: Sensitive::default(),
                token: None,
            }
        } else {
            credentials
                .credential()
                .await
                .map_err(ClientError::Credentials)?
        };
        let headers = self.headers::<A>(endpoint, &credential, self.clock.now_unix(), body)?;
        let raw = self
            .transport
            .post(
                endpoint,
                headers,
                body.to_vec(),
                self.config.request_timeout,
            )
            .await?;
        response::parse_answer::<A>(&endpoint.display(), raw.status, &raw.body)
    }

    /// The request headers, `Authorization` computed over exactly `body`.
    fn headers<A: Action>(
        &self,
        endpoint: &Endpoint,
        credential: &Credential,
        timestamp: i64,
        body: &[u8],
    ) -> Result<HeaderMap, ClientError> {
        let host = endpoint.host();
        let to_sign = RequestToSign {
            method: "POST",
            query: "",
            headers: vec![
                SignedHeader::new("Content-Type", CONTENT_TYPE_JSON),
                SignedHeader::new("Host", host),
            ],
            payload: body,
        };
        // Computed for every action; an unsigned one does not send it.
        let signed = signer::sign(
            &credential.secret_id,
            credential.secret_key.expose(),
            A::SERVICE,
            timestamp,
            &to_sign,
        );

        let mut headers = HeaderMap::new();
        headers.insert(CONTENT_TYPE, HeaderValue::from_static(CONTENT_TYPE_JSON));
        headers.insert(HOST, header_value(host, "the endpoint host")?);
        headers.insert(name("x-tc-action"), HeaderValue::from_static(A::ACTION));
        headers.insert(name("x-tc-version"), HeaderValue::from_static(A::VERSION));
        headers.insert(name("x-tc-timestamp"), HeaderValue::from(timestamp));
        if A::UNSIGNED {
            headers.insert(
                AUTHORIZATION,
                HeaderValue::from_static(UNSIGNED_AUTHORIZATION),
            );
        } else {
            let mut authorization = HeaderValue::from_str(&signed.authorization).map_err(|_| {
                ClientError::Config(
                    "the SecretId contains characters not allowed in an HTTP header".to_owned(),
                )
            })?;
            authorization.set_sensitive(true);
            headers.insert(AUTHORIZATION, authorization);
        }
        if let Some(region) = &self.region {
            headers.insert(name("x-tc-region"), header_value(region, "the region")?);
        }
        if let Some(token) = credential
            .exposed_token()
            .filter(|t| !t.is_empty() && !A::UNSIGNED)
        {
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
        headers.insert(name("x-tc-requestclient"), self.request_client.clone());
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

/// RequestId and a short outcome for the attempt log; never a secret.
fn describe<A: Action>(result: &Result<(A::Response, String), ClientError>) -> (String, String) {
    match result {
        Ok((answer, request_id)) => (request_id.clone(), A::outcome(answer)),
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
        // Never one attempt's result; made after the last attempt is logged.
        Err(ClientError::Retried { .. }) => (String::new(), "retried".to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A credential with a token, so the token header's handling shows.
    fn temporary_credential() -> Credential {
        Credential {
            secret_id: "AKIDx".into(),
            secret_key: "key".into(),
            token: Some("tok".into()),
        }
    }

    #[test]
    fn endpoints_resolve_per_service() {
        let config = ClientConfig::default().with_endpoint("gaap", "http://127.0.0.1:9");
        assert_eq!(config.endpoint_url("gaap"), "http://127.0.0.1:9");
        assert_eq!(
            config.endpoint_url("sts"),
            "https://sts.intl.tencentcloudapi.com"
        );
        let client = ApiClient::new(config).expect("client");
        assert_eq!(
            client.endpoint("gaap").unwrap().display(),
            "http://127.0.0.1:9"
        );
        assert_eq!(
            client.endpoint("sts").unwrap().display(),
            "https://sts.intl.tencentcloudapi.com"
        );
    }

    #[test]
    fn secret_headers_are_marked_sensitive() {
        use crate::sts::assume_role::AssumeRoleRequest;
        let client = ApiClient::new(ClientConfig {
            region: Some("ap-guangzhou".into()),
            ..ClientConfig::default()
        })
        .expect("client");
        let credential = temporary_credential();
        let endpoint = client.endpoint("sts").expect("endpoint");
        let headers = client
            .headers::<AssumeRoleRequest>(&endpoint, &credential, 1_700_000_000, b"{}")
            .expect("headers");
        assert!(headers["authorization"].is_sensitive());
        assert!(headers["x-tc-token"].is_sensitive());
        assert!(!headers["x-tc-action"].is_sensitive());
        assert_eq!(headers["host"], "sts.intl.tencentcloudapi.com");
        assert_eq!(headers["x-tc-action"], "AssumeRole");
        assert_eq!(headers["x-tc-region"], "ap-guangzhou");
        assert_eq!(headers["x-tc-requestclient"], DEFAULT_REQUEST_CLIENT);
        // http's Debug of a sensitive value hides it.
        let debug = format!("{headers:?}");
        assert!(
            !debug.contains("tok\"") && !debug.contains("Signature="),
            "{debug}"
        );
    }

    #[test]
    fn unsigned_actions_send_skip_and_no_token() {
        use crate::sts::assume_role_with_web_identity::AssumeRoleWithWebIdentityRequest;
        let client = ApiClient::new(ClientConfig::default()).expect("client");
        let credential = temporary_credential();
        let endpoint = client.endpoint("sts").expect("endpoint");
        let headers = client
            .headers::<AssumeRoleWithWebIdentityRequest>(
                &endpoint,
                &credential,
                1_700_000_000,
                b"{}",
            )
            .expect("headers");
        assert_eq!(headers["authorization"], "SKIP");
        assert!(headers.get("x-tc-token").is_none());
        assert_eq!(headers["x-tc-action"], "AssumeRoleWithWebIdentity");
    }

    #[test]
    fn bad_settings_are_config_errors() {
        let cases = [
            (
                ClientConfig::default().with_endpoint("sts", "http://sts.example.com"),
                "the sts endpoint \"http://sts.example.com\" is not usable: http:// is allowed \
                 only for loopback hosts; expected a URL such as https://sts.intl.tencentcloudapi.com",
            ),
            (
                ClientConfig {
                    domain: "a b".into(),
                    ..ClientConfig::default()
                },
                "domain",
            ),
            (
                ClientConfig {
                    request_client: "bad\nclient".into(),
                    ..ClientConfig::default()
                },
                "request_client",
            ),
            (
                ClientConfig {
                    region: Some("ap-\u{7f}".into()),
                    ..ClientConfig::default()
                },
                "region",
            ),
        ];
        for (config, why) in cases {
            match ApiClient::new(config) {
                Err(ClientError::Config(message)) => assert!(message.contains(why), "{message}"),
                other => panic!("{why}: {other:?}"),
            }
        }
    }
}
