//! What an API action is to the one call path ([`crate::client::ApiClient::call`]):
//! a request type that serializes to the JSON body, an answer type deserialized from
//! the `Response` object, and the constants that route and sign it. Adding an action
//! is a file with these three things (see `gaap/` and `sts/`).

use serde::de::DeserializeOwned;
use serde::Serialize;

/// Which client-side rate an action's process-wide limiter runs at.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum RateLimit {
    /// The client's configured `rate_limit` (GAAP actions: the provider's
    /// `rate_limit` setting, which defaults to the documented limit).
    Configured,
    /// A fixed rate, requests per second: the action's documented limit.
    Documented(f64),
}

/// One Tencent Cloud API 3.0 action. `Self` is the request; its JSON is the body.
pub trait Action: Serialize + Sync {
    /// TC3 service name, also the host's first label (`gaap`, `sts`). The SDKs fix
    /// it per API rather than reading the host, so it stays right for custom
    /// endpoints (a private host name, the loopback emulator).
    const SERVICE: &'static str;
    /// Sent as `X-TC-Action`.
    const ACTION: &'static str;
    /// Sent as `X-TC-Version`.
    const VERSION: &'static str;
    /// The client-side rate limit of the action.
    const RATE_LIMIT: RateLimit;
    /// Whether identical calls in one process share one call and reuse a successful
    /// answer for the life of the process (see `single_flight`). Only for answers
    /// that do not go stale within a plan or apply (never for credentials).
    const SHARE_IDENTICAL: bool = false;
    /// Sent without a signature: `Authorization: SKIP` and no `X-TC-Token`, and no
    /// credential is read (the STS actions that *are* the login, such as
    /// `AssumeRoleWithWebIdentity` and `AssumeRoleWithSAML`; the SDKs mark them with
    /// `SetSkipSign(true)` and the API documents `Authorization: SKIP`).
    const UNSIGNED: bool = false;
    /// The fields of a successful `Response` (unknown fields are ignored).
    type Response: DeserializeOwned + Clone + Send + Sync + 'static;

    /// Checks the values of a successful answer that its type cannot (a flag outside
    /// its documented values, say): the reason it is not a valid answer, given to
    /// callers as [`crate::ClientError::InvalidResponse`] with the RequestId.
    fn validate(_response: &Self::Response) -> Result<(), String> {
        Ok(())
    }

    /// A short outcome of a successful attempt for the per-attempt log; never a
    /// secret.
    fn outcome(_response: &Self::Response) -> String {
        "ok".to_owned()
    }
}
