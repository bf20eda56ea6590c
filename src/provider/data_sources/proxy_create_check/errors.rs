//! The check's API errors: which error codes belong to which argument, and the
//! diagnostic of a failed check, with "did you mean" from the catalogue for an
//! unknown region and the long "no credentials" help given once per run.

use tencentcloud_client::client::CancelSignal;
use tencentcloud_client::credentials::CredentialError;
use tencentcloud_client::{Action, CheckProxyCreateRequest, ClientError, GaapClient};

use crate::protocol::Diagnostic;
use crate::provider::data_sources::gaap_data_source::explained_error;
use crate::provider::state::Configured;

use super::explain_read::did_you_mean_hint;
use super::schema as a;

/// The argument an API error code belongs to, if any (the reference's section 6).
pub fn argument_of(code: &str) -> Option<&'static str> {
    match code {
        "InvalidParameterValue.InvalidBandwidth" => Some(a::BANDWIDTH.name),
        "InvalidParameterValue.InvalidConcurrency" => Some(a::CONCURRENT.name),
        "InvalidParameterValue.UnknownAccessRegion" => Some(a::ACCESS_REGION.name),
        "InvalidParameterValue.UnknownDestRegion" => Some(a::REAL_SERVER_REGION.name),
        _ => None,
    }
}

/// The diagnostic of a failed check (see [`failure_of`]).
pub async fn failure(
    configured: &Configured,
    client: Option<&GaapClient>,
    request: &CheckProxyCreateRequest,
    error: &ClientError,
    cancel: CancelSignal,
) -> Diagnostic {
    failure_of::<CheckProxyCreateRequest>(configured, client, request, error, cancel).await
}

/// The diagnostic of a failed call of action `A` about the connection `connection`
/// describes (the check's request, or another action's arguments in its shape): the
/// error explained, on the argument its code belongs to ([`argument_of`]). An
/// unknown region gets "did you mean" from the catalogue (when `explain` is on and
/// there is a client); a missing credential gets the full help once per run, and a
/// pointer to it after.
pub async fn failure_of<A: Action>(
    configured: &Configured,
    client: Option<&GaapClient>,
    connection: &CheckProxyCreateRequest,
    error: &ClientError,
    cancel: CancelSignal,
) -> Diagnostic {
    let mut diagnostic = explained_error::<A>(configured, error, argument_of);
    if let (true, Some(client), ClientError::Api(api)) =
        (configured.settings.explain, client, error.last())
    {
        if let Some(hint) = did_you_mean_hint(client, connection, &api.code, cancel).await {
            diagnostic.detail.push_str("\n\n");
            diagnostic.detail.push_str(&hint);
        }
    }
    if matches!(
        error,
        ClientError::Credentials(CredentialError::NotFound(_))
    ) && !configured.claim_credentials_help()
    {
        diagnostic.detail = "No Tencent Cloud credentials found; another GAAP data source error \
                             of this run lists every way to provide them."
            .to_owned();
    }
    diagnostic
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocol::{AttributePath, Severity};
    use crate::provider::data_sources::api_errors::action_error_diagnostic;
    use crate::provider::data_sources::code_advice::TEST_CONTEXT as CTX;
    use tencentcloud_client::ApiError;

    fn check_error(err: &ClientError) -> Diagnostic {
        action_error_diagnostic("CheckProxyCreate", err, &CTX, argument_of)
    }

    fn api(code: &str) -> Diagnostic {
        check_error(&ClientError::Api(ApiError {
            code: code.to_owned(),
            message: "the API's own words".to_owned(),
            request_id: "req-42".to_owned(),
            http_status: 200,
        }))
    }

    /// (code, attribute, summary, words the detail must contain)
    #[test]
    fn api_error_table() {
        let cases: &[(&str, Option<&str>, &str, &str)] = &[
            (
                "InvalidParameterValue.InvalidBandwidth",
                Some("bandwidth"),
                "Invalid GAAP Check Argument",
                "value of bandwidth",
            ),
            (
                "InvalidParameterValue.InvalidConcurrency",
                Some("concurrent"),
                "Invalid GAAP Check Argument",
                "value of concurrent",
            ),
            (
                "InvalidParameterValue.UnknownAccessRegion",
                Some("access_region"),
                "Invalid GAAP Check Argument",
                "access_region",
            ),
            (
                "InvalidParameterValue.UnknownDestRegion",
                Some("real_server_region"),
                "Invalid GAAP Check Argument",
                "real_server_region",
            ),
            (
                "InvalidParameterValue",
                None,
                "Invalid GAAP Check Argument",
                "the API's own words",
            ),
            (
                "AuthFailure.SecretIdNotFound",
                None,
                "Tencent Cloud Authentication Failed",
                "whitespace",
            ),
            (
                "AuthFailure.SignatureFailure",
                None,
                "Tencent Cloud Authentication Failed",
                "secret key",
            ),
            (
                "AuthFailure.SignatureExpire",
                None,
                "Tencent Cloud Authentication Failed",
                "clock",
            ),
            (
                "AuthFailure.TokenFailure",
                None,
                "Tencent Cloud Authentication Failed",
                "security_token",
            ),
            (
                "AuthFailure.UnauthorizedOperation",
                None,
                "Tencent Cloud Authentication Failed",
                "gaap:CheckProxyCreate",
            ),
            (
                "UnauthorizedOperation",
                None,
                "Tencent Cloud Authentication Failed",
                "gaap:CheckProxyCreate",
            ),
            (
                "RequestLimitExceeded",
                None,
                "GAAP API Rate Limit Exceeded",
                "rate_limit (now 20 requests per second",
            ),
            (
                "RequestLimitExceeded.UinLimitExceeded",
                None,
                "GAAP API Rate Limit Exceeded",
                "after 1 attempt",
            ),
            (
                "FailedOperation.UserNotConfirmProtocol",
                None,
                "GAAP API Error",
                "agreement",
            ),
            ("InternalError", None, "GAAP API Error", "Try again later"),
            ("SomethingNew", None, "GAAP API Error", "[SomethingNew]"),
        ];
        for (code, attr, summary, needle) in cases {
            let d = api(code);
            assert_eq!(d.severity, Severity::Error);
            assert_eq!(d.attribute, attr.map(AttributePath::attribute), "{code}");
            assert_eq!(d.summary, *summary, "{code}");
            let head = format!(
                "CheckProxyCreate failed: [{code}] the API's own words (RequestId: req-42)"
            );
            assert!(d.detail.starts_with(&head), "{code}: {}", d.detail);
            assert!(d.detail.contains(needle), "{code}: {}", d.detail);
        }
    }

    #[test]
    fn api_errors_pass_through_client_errors() {
        let err = ClientError::Api(ApiError {
            code: "InvalidParameterValue.InvalidBandwidth".into(),
            message: "m".into(),
            request_id: "r".into(),
            http_status: 200,
        });
        let d = check_error(&err);
        assert_eq!(d.attribute, Some(AttributePath::attribute("bandwidth")));
    }
}
