//! HTTP transport: reqwest clients built once per `ApiClient` (so connections are
//! reused), rustls with certificate verification always on, proxies from the
//! environment, one POST per attempt with a per-attempt timeout and a size cap on the
//! answer.

use std::sync::OnceLock;
use std::time::Duration;

use reqwest::header::HeaderMap;

use super::endpoint::Endpoint;
use super::error::ClientError;

/// Largest answer read; API 3.0 answers of the actions called here are a few hundred
/// bytes (`CheckProxyCreate`) to a few kilobytes (`AssumeRole`, its token included).
pub const MAX_RESPONSE_BYTES: usize = 1024 * 1024;

/// What one attempt got back.
#[derive(Debug)]
pub struct RawResponse {
    pub status: u16,
    pub body: Vec<u8>,
}

/// Sends requests to any checked [`Endpoint`]. Two HTTP clients, each built on first
/// use: one for remote endpoints (https only, proxies from the environment) and one
/// for loopback endpoints (plain http allowed, never through a proxy).
#[derive(Debug, Default)]
pub struct Transport {
    remote: OnceLock<reqwest::Client>,
    loopback: OnceLock<reqwest::Client>,
}

impl Transport {
    pub fn new() -> Self {
        Self::default()
    }

    /// Builds the HTTP client for `endpoint` now, so a broken proxy setting is
    /// reported when the client is configured rather than on first call.
    pub fn prepare(&self, endpoint: &Endpoint) -> Result<(), ClientError> {
        self.http(endpoint).map(|_| ())
    }

    /// Proxies: `HTTPS_PROXY` / `HTTP_PROXY` / `ALL_PROXY` and `NO_PROXY` (upper or
    /// lower case), read once by reqwest when the client is built, except for a
    /// loopback endpoint, which no proxy can reach on our behalf. Redirects are not
    /// followed (the API never redirects; a signed request must not go elsewhere).
    fn http(&self, endpoint: &Endpoint) -> Result<&reqwest::Client, ClientError> {
        let loopback = endpoint.is_loopback();
        let cell = if loopback {
            &self.loopback
        } else {
            &self.remote
        };
        if let Some(client) = cell.get() {
            return Ok(client);
        }
        let mut builder = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .https_only(!loopback)
            .pool_idle_timeout(Duration::from_secs(60));
        if loopback {
            builder = builder.no_proxy();
        }
        let client = builder.build().map_err(|e| {
            ClientError::Config(format!(
                "cannot set up the HTTPS client (check HTTPS_PROXY and NO_PROXY): {}",
                error_chain(&e)
            ))
        })?;
        // A racing builder may have won; either client is as good.
        Ok(cell.get_or_init(|| client))
    }

    /// One POST of `body` with `headers` to `endpoint`; `timeout` bounds the whole
    /// exchange, connection and answer body included.
    pub async fn post(
        &self,
        endpoint: &Endpoint,
        headers: HeaderMap,
        body: Vec<u8>,
        timeout: Duration,
    ) -> Result<RawResponse, ClientError> {
        let display = endpoint.display();
        let http = self.http(endpoint)?;
        let transport_error = |error: &reqwest::Error| ClientError::Transport {
            endpoint: display.clone(),
            reason: error_chain(error),
        };
        let exchange = async {
            let mut response = http
                .post(endpoint.url().clone())
                .headers(headers)
                .body(body)
                .send()
                .await
                .map_err(|e| transport_error(&e))?;
            let status = response.status().as_u16();
            let bytes = read_capped(&mut response).await.map_err(|e| match e {
                BodyError::TooLarge => ClientError::InvalidResponse {
                    endpoint: display.clone(),
                    reason: e.to_string(),
                    request_id: String::new(),
                },
                BodyError::Http(e) => transport_error(&e),
            })?;
            Ok(RawResponse {
                status,
                body: bytes,
            })
        };
        match tokio::time::timeout(timeout, exchange).await {
            Ok(result) => result,
            Err(_) => Err(ClientError::Timeout {
                endpoint: display.clone(),
                seconds: timeout.as_secs_f64(),
            }),
        }
    }
}

/// Why [`read_capped`] failed.
#[derive(Debug, thiserror::Error)]
pub(crate) enum BodyError {
    #[error("the answer is larger than {MAX_RESPONSE_BYTES} bytes")]
    TooLarge,
    #[error(transparent)]
    Http(reqwest::Error),
}

/// Reads an answer's body chunk by chunk, refusing it as soon as it passes
/// [`MAX_RESPONSE_BYTES`]: a server (or anything on the path) must not make the
/// provider hold an answer of any size. Every HTTP answer this crate reads (API calls
/// and the CVM metadata service) goes through here.
pub(crate) async fn read_capped(response: &mut reqwest::Response) -> Result<Vec<u8>, BodyError> {
    let mut bytes = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(BodyError::Http)? {
        if bytes.len() + chunk.len() > MAX_RESPONSE_BYTES {
            return Err(BodyError::TooLarge);
        }
        bytes.extend_from_slice(&chunk);
    }
    Ok(bytes)
}

/// An error and its sources, `: `-joined. reqwest's messages name the URL and the
/// cause, never request headers, so nothing secret can get in.
pub(crate) fn error_chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        let cause_text = cause.to_string();
        if !text.contains(&cause_text) {
            text.push_str(": ");
            text.push_str(&cause_text);
        }
        source = cause.source();
    }
    text
}
