//! HTTP transport: one reqwest client per `GaapClient` (built once, so connections
//! are reused), rustls with certificate verification always on, proxies from the
//! environment, one POST per attempt with a per-attempt timeout.

use std::time::Duration;

use reqwest::header::HeaderMap;

use super::endpoint::Endpoint;
use super::ClientError;

/// Largest answer read; a `CheckProxyCreate` answer is a few hundred bytes.
pub const MAX_RESPONSE_BYTES: usize = 1024 * 1024;

/// What one attempt got back.
#[derive(Debug)]
pub struct RawResponse {
    pub status: u16,
    pub body: Vec<u8>,
}

/// Sends requests to one endpoint.
#[derive(Debug, Clone)]
pub struct Transport {
    http: reqwest::Client,
    endpoint: Endpoint,
    display: String,
}

impl Transport {
    /// Builds the HTTP client. Proxies: `HTTPS_PROXY` / `HTTP_PROXY` / `ALL_PROXY`
    /// and `NO_PROXY` (upper or lower case), read once here by reqwest, except for a
    /// loopback endpoint, which no proxy can reach on our behalf. Redirects are not
    /// followed (the API never redirects; a signed request must not go elsewhere).
    pub fn new(endpoint: Endpoint) -> Result<Self, ClientError> {
        let mut builder = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .https_only(!endpoint.is_loopback())
            .pool_idle_timeout(Duration::from_secs(60));
        if endpoint.is_loopback() {
            builder = builder.no_proxy();
        }
        let http = builder.build().map_err(|e| {
            ClientError::Config(format!(
                "cannot set up the HTTPS client (check HTTPS_PROXY and NO_PROXY): {}",
                error_chain(&e)
            ))
        })?;
        let display = endpoint.display();
        Ok(Transport {
            http,
            endpoint,
            display,
        })
    }

    pub fn endpoint(&self) -> &Endpoint {
        &self.endpoint
    }

    /// `scheme://host[:port]`, for messages.
    pub fn endpoint_display(&self) -> &str {
        &self.display
    }

    /// One POST of `body` with `headers`; `timeout` bounds the whole exchange,
    /// connection and answer body included.
    pub async fn post(
        &self,
        headers: HeaderMap,
        body: Vec<u8>,
        timeout: Duration,
    ) -> Result<RawResponse, ClientError> {
        let exchange = async {
            let mut response = self
                .http
                .post(self.endpoint.url().clone())
                .headers(headers)
                .body(body)
                .send()
                .await
                .map_err(|e| self.transport_error(&e))?;
            let status = response.status().as_u16();
            let mut bytes = Vec::new();
            while let Some(chunk) = response
                .chunk()
                .await
                .map_err(|e| self.transport_error(&e))?
            {
                if bytes.len() + chunk.len() > MAX_RESPONSE_BYTES {
                    return Err(ClientError::InvalidResponse {
                        endpoint: self.display.clone(),
                        reason: format!("the answer is larger than {MAX_RESPONSE_BYTES} bytes"),
                    });
                }
                bytes.extend_from_slice(&chunk);
            }
            Ok(RawResponse {
                status,
                body: bytes,
            })
        };
        match tokio::time::timeout(timeout, exchange).await {
            Ok(result) => result,
            Err(_) => Err(ClientError::Timeout {
                endpoint: self.display.clone(),
                seconds: timeout.as_secs_f64(),
            }),
        }
    }

    fn transport_error(&self, error: &reqwest::Error) -> ClientError {
        ClientError::Transport {
            endpoint: self.display.clone(),
            reason: error_chain(error),
        }
    }
}

/// An error and its sources, `: `-joined. reqwest's messages name the URL and the
/// cause, never request headers, so nothing secret can get in.
fn error_chain(error: &dyn std::error::Error) -> String {
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
