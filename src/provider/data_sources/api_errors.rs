//! Turning a failed GAAP call into a diagnostic a user can act on. Pure and
//! table-tested. API errors carry the action, the code, the API's message and the
//! RequestId; those that belong to an argument point at it (each data source says
//! which codes are whose). Network, HTTP and answer problems say what to check;
//! credential and STS problems get the advice of `credential_advice`. Nothing here
//! ever sees a secret: only error codes, API messages, endpoints and numbers.

use crate::protocol::{AttributePath, Diagnostic, Severity};
use crate::provider::env;
use tencentcloud_client::{ApiError, ClientError};

use super::code_advice::api_hint;
use super::credential_advice::credential_summary_detail;

pub use super::code_advice::CallContext;

fn summary_of(code: &str) -> &'static str {
    if code.starts_with("AuthFailure") || code == "UnauthorizedOperation" {
        "Tencent Cloud Authentication Failed"
    } else if code.starts_with("RequestLimitExceeded") {
        "GAAP API Rate Limit Exceeded"
    } else if code.starts_with("InvalidParameter") || code == "MissingParameter" {
        "Invalid GAAP Check Argument"
    } else {
        "GAAP API Error"
    }
}

/// The diagnostic for an error the API answered to `action`, pointing at the
/// argument `argument` names for its code.
pub fn action_api_error_diagnostic(
    action: &str,
    err: &ApiError,
    ctx: &CallContext,
    argument: fn(&str) -> Option<&'static str>,
) -> Diagnostic {
    let mut detail = format!(
        "{action} failed: [{}] {} (RequestId: {})",
        err.code, err.message, err.request_id
    );
    let hint = match argument(&err.code) {
        Some(arg) => Some(format!("The API rejected the value of {arg}.")),
        None => api_hint(&err.code, ctx),
    };
    if let Some(hint) = hint {
        detail.push_str("\n\n");
        detail.push_str(&hint.replace("gaap:CheckProxyCreate", &format!("gaap:{action}")));
    }
    Diagnostic {
        severity: Severity::Error,
        summary: summary_of(&err.code).to_owned(),
        detail,
        attribute: argument(&err.code).map(AttributePath::attribute),
    }
}

/// The diagnostic for any failed call of `action`, API errors pointing at the
/// argument `argument` names for their code.
pub fn action_error_diagnostic(
    action: &str,
    err: &ClientError,
    ctx: &CallContext,
    argument: fn(&str) -> Option<&'static str>,
) -> Diagnostic {
    let ctx = &ctx.for_error(err);
    let (summary, detail) = match err.last() {
        ClientError::Api(api) => return action_api_error_diagnostic(action, api, ctx, argument),
        ClientError::HttpStatus { status, endpoint } => (
            "Unexpected HTTP Status From the GAAP API",
            format!(
                "{endpoint} answered HTTP status {status} (the API answers 200, also for \
                 errors), {}. Check endpoint/domain and any proxy in between \
                 (HTTPS_PROXY, NO_PROXY).",
                ctx.tried()
            ),
        ),
        ClientError::Transport { endpoint, reason } => (
            "Cannot Reach the GAAP API",
            format!(
                "Could not reach {endpoint}: {reason} ({}). Check the network, DNS, the \
                 proxy settings (HTTPS_PROXY, NO_PROXY) and the provider's endpoint/domain \
                 ({}/{}).",
                ctx.tried(),
                env::GAAP_ENDPOINT,
                env::DOMAIN
            ),
        ),
        ClientError::Timeout { endpoint, seconds } => (
            "GAAP API Timed Out",
            format!(
                "No answer from {endpoint} within {seconds} s per attempt ({}). Raise \
                 request_timeout (or {}) if the network is slow, or check the proxy \
                 settings.",
                ctx.tried(),
                env::REQUEST_TIMEOUT
            ),
        ),
        ClientError::InvalidResponse {
            endpoint,
            reason,
            request_id,
        } if !request_id.is_empty() => (
            "Invalid Answer From the GAAP API",
            format!(
                "The answer from {endpoint} is not a valid API response: {reason} \
                 (RequestId: {request_id}). The API answered, but not what it documents; \
                 quote the RequestId to Tencent Cloud support if it persists."
            ),
        ),
        ClientError::InvalidResponse {
            endpoint, reason, ..
        } => (
            "Invalid Answer From the GAAP API",
            format!(
                "The answer from {endpoint} is not a valid API response: {reason}. Check that \
                 endpoint/domain points at the GAAP API and not at a proxy or web page."
            ),
        ),
        ClientError::Cancelled => (
            "GAAP Check Cancelled",
            "Terraform asked the provider to stop (for example after Ctrl-C), so the check \
             did not finish."
                .to_owned(),
        ),
        ClientError::Credentials(c) => credential_summary_detail(c, ctx),
        ClientError::Config(message) => (
            "Invalid Provider Configuration",
            format!("The GAAP client cannot be built: {message}"),
        ),
        // `last()` never gives the wrapper itself.
        retried @ ClientError::Retried { .. } => ("GAAP API Error", retried.to_string()),
    };
    Diagnostic::error(summary, detail)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::provider::data_sources::code_advice::TEST_CONTEXT as CTX;
    use tencentcloud_client::credentials::CredentialError;

    /// The check's error for `code`, with no argument of its own.
    fn api(code: &str) -> Diagnostic {
        let error = ApiError {
            code: code.to_owned(),
            message: "the API's own words".to_owned(),
            request_id: "req-42".to_owned(),
            http_status: 200,
        };
        action_api_error_diagnostic("CheckProxyCreate", &error, &CTX, |_| None)
    }

    #[test]
    fn client_error_table() {
        let cases: Vec<(ClientError, &str, &str)> = vec![
            (
                ClientError::Transport {
                    endpoint: "https://gaap.x".into(),
                    reason: "connection refused".into(),
                },
                "Cannot Reach the GAAP API",
                "HTTPS_PROXY",
            ),
            (
                ClientError::Timeout {
                    endpoint: "https://gaap.x".into(),
                    seconds: 30.0,
                },
                "GAAP API Timed Out",
                "request_timeout",
            ),
            (
                ClientError::HttpStatus {
                    status: 502,
                    endpoint: "https://gaap.x".into(),
                },
                "Unexpected HTTP Status From the GAAP API",
                "502",
            ),
            (
                ClientError::InvalidResponse {
                    endpoint: "https://gaap.x".into(),
                    reason: "not JSON".into(),
                    request_id: String::new(),
                },
                "Invalid Answer From the GAAP API",
                "not JSON",
            ),
            (
                ClientError::InvalidResponse {
                    endpoint: "https://gaap.x".into(),
                    reason: "CheckFlag is 2".into(),
                    request_id: "req-7".into(),
                },
                "Invalid Answer From the GAAP API",
                "CheckFlag is 2 (RequestId: req-7)",
            ),
            (ClientError::Cancelled, "GAAP Check Cancelled", "stop"),
            (
                ClientError::Credentials(CredentialError::NotFound("set secret_id or ...".into())),
                "No Tencent Cloud Credentials",
                "set secret_id or ...",
            ),
            (
                ClientError::Credentials(CredentialError::Fetch("STS said no".into())),
                "Cannot Get Tencent Cloud Credentials",
                "sts:AssumeRole",
            ),
            (
                ClientError::Config("bad".into()),
                "Invalid Provider Configuration",
                "bad",
            ),
        ];
        for (err, summary, needle) in cases {
            let d = action_error_diagnostic("CheckProxyCreate", &err, &CTX, |_| None);
            assert_eq!(d.summary, summary);
            assert!(d.detail.contains(needle), "{summary}: {}", d.detail);
            assert_eq!(d.attribute, None);
        }
    }
    /// Every code with advice of its own gets that advice, not the fallback.
    #[test]
    fn each_explained_code_gets_its_own_advice() {
        let cases: &[(&str, &str, &str)] = &[
            (
                "AuthFailure.InvalidSecretId",
                "Tencent Cloud Authentication Failed",
                "does not know this SecretId",
            ),
            (
                "AuthFailure.MFAFailure",
                "Tencent Cloud Authentication Failed",
                "requires MFA",
            ),
            (
                "AuthFailure.NotEnterpriseAuthorization",
                "Tencent Cloud Authentication Failed",
                "enterprise identity verification",
            ),
            (
                "ResourceUnavailable.AccountViolation",
                "GAAP API Error",
                "account is restricted",
            ),
            (
                "ServiceUnavailable",
                "GAAP API Error",
                "after 6 attempts over 12.5 s",
            ),
            (
                "ResourceUnavailable",
                "GAAP API Error",
                "after 6 attempts over 12.5 s",
            ),
            ("LimitExceeded", "GAAP API Error", "quota"),
            (
                "MissingParameter",
                "Invalid GAAP Check Argument",
                "the API's own words",
            ),
            (
                "RequestLimitExceededSoon",
                "GAAP API Rate Limit Exceeded",
                "",
            ),
        ];
        for (code, summary, needle) in cases {
            let d = api(code);
            assert_eq!(d.summary, *summary, "{code}");
            assert!(d.detail.contains(needle), "{code}: {}", d.detail);
        }
        // A code that only starts like the throttling code is not throttling advice.
        let d = api("RequestLimitExceededSoon");
        assert!(!d.detail.contains("rate_limit"), "{}", d.detail);
        // Codes without advice end with the API's own words.
        let d = api("SomethingNew");
        assert!(d.detail.ends_with("(RequestId: req-42)"), "{}", d.detail);
    }

    /// Another action's errors name that action, its permission and its arguments.
    #[test]
    fn other_actions_name_their_own_permission_and_arguments() {
        fn dest_region_of(code: &str) -> Option<&'static str> {
            (code == "InvalidParameterValue.UnknownDestRegion").then_some("dest_region")
        }
        let error = |code: &str| ApiError {
            code: code.to_owned(),
            message: "the API's own words".to_owned(),
            request_id: "req-9".to_owned(),
            http_status: 200,
        };
        let action = "DescribeAccessRegionsByDestRegion";

        let d = action_api_error_diagnostic(
            action,
            &error("InvalidParameterValue.UnknownDestRegion"),
            &CTX,
            dest_region_of,
        );
        assert_eq!(d.attribute, Some(AttributePath::attribute("dest_region")));
        assert_eq!(d.summary, "Invalid GAAP Check Argument");
        assert!(
            d.detail.starts_with(&format!(
                "{action} failed: [InvalidParameterValue.UnknownDestRegion]"
            )),
            "{}",
            d.detail
        );
        assert!(
            d.detail
                .ends_with("The API rejected the value of dest_region."),
            "{}",
            d.detail
        );

        let d = action_api_error_diagnostic(
            action,
            &error("UnauthorizedOperation"),
            &CTX,
            dest_region_of,
        );
        assert_eq!(d.attribute, None);
        assert!(d.detail.contains(&format!("gaap:{action}")), "{}", d.detail);
        assert!(!d.detail.contains("gaap:CheckProxyCreate"), "{}", d.detail);

        // A code that belongs to a check argument but not to this action's.
        let d = action_api_error_diagnostic(
            action,
            &error("InvalidParameterValue.InvalidBandwidth"),
            &CTX,
            dest_region_of,
        );
        assert_eq!(d.attribute, None);

        let d = action_error_diagnostic(
            action,
            &ClientError::Api(error("InvalidParameterValue.UnknownDestRegion")),
            &CTX,
            dest_region_of,
        );
        assert_eq!(d.attribute, Some(AttributePath::attribute("dest_region")));
        let d = action_error_diagnostic(action, &ClientError::Cancelled, &CTX, dest_region_of);
        assert_eq!(d.summary, "GAAP Check Cancelled");
    }
}
