//! What an API action is to the one call path ([`crate::client::ApiClient::call`]):
//! a request type that serializes to the JSON body, an answer type deserialized from
//! the `Response` object, and the constants that route and sign it. Adding an action
//! is a file with these three things (see `gaap/` and `sts/`).

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{Map, Value};

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

    /// Whether the answer reaches the caller exactly as sent, JSON nulls included (for
    /// tools that store answers verbatim). Every modelled action reads a null as the
    /// field being absent (see [`crate::response`]).
    const VERBATIM: bool = false;
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

/// Action `A` answered raw: the same request, service, version and rate limit, and the
/// `Response` object as the API sent it, every field kept (nulls, and fields `A`'s
/// answer type does not model; `RequestId` included). For tools that store answers
/// verbatim, such as the emulator's catalogue recorder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Raw<A>(pub A);

impl<A: Action> Action for Raw<A> {
    const SERVICE: &'static str = A::SERVICE;
    const ACTION: &'static str = A::ACTION;
    const VERSION: &'static str = A::VERSION;
    const RATE_LIMIT: RateLimit = A::RATE_LIMIT;
    /// Never shared: shared answers are keyed by action and request, not by answer
    /// type, so a raw call must not meet a typed call of the same action.
    const SHARE_IDENTICAL: bool = false;
    const UNSIGNED: bool = A::UNSIGNED;
    const VERBATIM: bool = true;
    type Response = Map<String, Value>;

    fn outcome(response: &Map<String, Value>) -> String {
        format!("ok raw fields={}", response.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gaap::describe_access_regions_by_dest_region::DescribeAccessRegionsByDestRegionRequest;

    #[test]
    fn raw_is_the_same_request_with_the_answer_as_sent() {
        let request = DescribeAccessRegionsByDestRegionRequest {
            dest_region: "NorthChina".into(),
            ip_address_version: None,
            package_type: Some("Thunder".into()),
        };
        let raw = Raw(request.clone());
        assert_eq!(
            serde_json::to_string(&raw).unwrap(),
            serde_json::to_string(&request).unwrap()
        );
        type R = Raw<DescribeAccessRegionsByDestRegionRequest>;
        assert_eq!(R::ACTION, "DescribeAccessRegionsByDestRegion");
        assert_eq!(
            (R::SERVICE, R::VERSION),
            (
                DescribeAccessRegionsByDestRegionRequest::SERVICE,
                DescribeAccessRegionsByDestRegionRequest::VERSION
            )
        );
        assert_eq!(
            R::RATE_LIMIT,
            DescribeAccessRegionsByDestRegionRequest::RATE_LIMIT
        );
        const {
            assert!(
                !R::SHARE_IDENTICAL && DescribeAccessRegionsByDestRegionRequest::SHARE_IDENTICAL
            )
        };
        // Every field is kept as answered, nulls and unknown ones included.
        let answer = r#"{"AccessRegionSet":[{"RegionId":null,"BandwidthList":null,"Novel":7}],"TotalCount":1,"RequestId":"r"}"#;
        let body = format!(r#"{{"Response":{answer}}}"#);
        let (parsed, request_id) =
            crate::response::parse_answer::<R>("e", 200, body.as_bytes()).unwrap();
        assert_eq!(request_id, "r");
        assert_eq!(
            Value::Object(parsed),
            serde_json::from_str::<Value>(answer).unwrap()
        );
    }
}
