//! Turning a failed `CheckProxyCreate` call into a diagnostic a user can act on.
//! Pure and table-tested. API errors carry the code, the API's message and the
//! RequestId; those that belong to an argument point at it. An API error of STS
//! (`AssumeRole`, when getting the role's credential) goes through the same
//! explanations, with STS's own advice where it differs. Nothing here ever sees a
//! secret: only error codes, API messages, endpoints and numbers.

use super::schema::attr as a;
use crate::protocol::{AttributePath, Diagnostic, Severity};
use crate::provider::env;
use crate::provider::schema::provider_attr as p;
use tencentcloud_client::credentials::CredentialError;
use tencentcloud_client::{ApiError, ClientError};

/// Settings that shape the advice (how hard the client already tried).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CallContext {
    pub max_retries: u32,
    pub rate_limit: f64,
    pub request_timeout_seconds: f64,
}

/// The argument an API error code belongs to, if any.
pub fn argument_of(code: &str) -> Option<&'static str> {
    match code {
        "InvalidParameterValue.InvalidBandwidth" => Some(a::BANDWIDTH),
        "InvalidParameterValue.InvalidConcurrency" => Some(a::CONCURRENT),
        "InvalidParameterValue.UnknownAccessRegion" => Some(a::ACCESS_REGION),
        "InvalidParameterValue.UnknownDestRegion" => Some(a::REAL_SERVER_REGION),
        _ => None,
    }
}

/// What to do about an API error code, when there is something specific to say.
fn api_hint(code: &str, ctx: &CallContext) -> Option<String> {
    let keys = format!(
        "secret_id/secret_key (or {}/{})",
        env::SECRET_ID,
        env::SECRET_KEY
    );
    let hint = match code {
        "AuthFailure.SecretIdNotFound" | "AuthFailure.InvalidSecretId" => format!(
            "The API does not know this SecretId. Check the key id in {keys}: that it is \
             complete, not deleted or disabled in the CAM console, and has no whitespace or \
             newline around it (a common copy-paste slip)."
        ),
        "AuthFailure.SignatureFailure" => format!(
            "The signature does not match: the secret key does not belong to the SecretId. \
             Check the secret key in {keys}, including whitespace around it."
        ),
        "AuthFailure.SignatureExpire" => "The request's timestamp is more than 5 minutes away \
             from the server's clock. Synchronise this machine's clock (for example with NTP) \
             and try again."
            .to_owned(),
        "AuthFailure.TokenFailure" => format!(
            "The security token is invalid or expired. Temporary credentials need a matching \
             security_token (or {}); refresh the temporary credentials, or remove the token \
             when using a permanent API key.",
            env::SECURITY_TOKEN
        ),
        "AuthFailure.MFAFailure" => {
            "The account requires MFA for API access; use credentials that satisfy it.".to_owned()
        }
        "AuthFailure.UnauthorizedOperation" | "UnauthorizedOperation" => "The credential is \
             valid but lacks permission. Grant the CAM permission gaap:CheckProxyCreate to the \
             user or role in use."
            .to_owned(),
        "AuthFailure.NotEnterpriseAuthorization" => "GAAP requires an account with enterprise \
             identity verification; complete it in the Tencent Cloud console."
            .to_owned(),
        "FailedOperation.UserNotConfirmProtocol" => "The GAAP service agreement has not been \
             accepted for this account; accept it in the GAAP console, then try again."
            .to_owned(),
        "ResourceUnavailable.AccountViolation" => "The account is restricted; contact Tencent \
             Cloud support with the RequestId."
            .to_owned(),
        "InternalError" | "ServiceUnavailable" | "ResourceUnavailable" => format!(
            "The service failed on its side, after {} retries. Try again later; if it \
             persists, contact support with the RequestId.",
            ctx.max_retries
        ),
        "LimitExceeded" => "An account quota is exhausted (this is not throttling); check \
             the GAAP quotas of the account."
            .to_owned(),
        _ if code == "RequestLimitExceeded" || code.starts_with("RequestLimitExceeded.") => {
            format!(
                "The API still throttled the request after {} retries. Lower the provider's \
                 rate_limit (now {} requests per second; or {}), raise max_retries, or run \
                 Terraform with a lower -parallelism.",
                ctx.max_retries,
                ctx.rate_limit,
                env::RATE_LIMIT
            )
        }
        _ => match argument_of(code) {
            Some(arg) => format!("The API rejected the value of {arg}."),
            None => return None,
        },
    };
    Some(hint)
}

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

/// The diagnostic for an error the API answered.
pub fn api_error_diagnostic(err: &ApiError, ctx: &CallContext) -> Diagnostic {
    action_api_error_diagnostic("CheckProxyCreate", err, ctx, argument_of)
}

/// The diagnostic for an error the API answered to `action` (another GAAP action
/// than the check: the catalogue's), pointing at the argument `argument` names.
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
/// argument `argument` names.
pub fn action_error_diagnostic(
    action: &str,
    err: &ClientError,
    ctx: &CallContext,
    argument: fn(&str) -> Option<&'static str>,
) -> Diagnostic {
    match err {
        ClientError::Api(api) => action_api_error_diagnostic(action, api, ctx, argument),
        other => client_error_diagnostic(other, ctx),
    }
}

/// The diagnostic for any failed call.
pub fn client_error_diagnostic(err: &ClientError, ctx: &CallContext) -> Diagnostic {
    let (summary, detail) = match err {
        ClientError::Api(api) => return api_error_diagnostic(api, ctx),
        ClientError::HttpStatus { status, endpoint } => (
            "Unexpected HTTP Status From the GAAP API",
            format!(
                "{endpoint} answered HTTP status {status} (the API answers 200, also for \
                 errors), after {} retries. Check endpoint/domain and any proxy in between \
                 (HTTPS_PROXY, NO_PROXY).",
                ctx.max_retries
            ),
        ),
        ClientError::Transport { endpoint, reason } => (
            "Cannot Reach the GAAP API",
            format!(
                "Could not reach {endpoint}: {reason} (after {} retries). Check the network, \
                 DNS, the proxy settings (HTTPS_PROXY, NO_PROXY) and the provider's \
                 endpoint/domain ({}/{}).",
                ctx.max_retries,
                env::GAAP_ENDPOINT,
                env::DOMAIN
            ),
        ),
        ClientError::Timeout { endpoint, seconds } => (
            "GAAP API Timed Out",
            format!(
                "No answer from {endpoint} within {seconds} s per attempt (after {} retries). \
                 Raise request_timeout (or {}) if the network is slow, or check the proxy \
                 settings.",
                ctx.max_retries,
                env::REQUEST_TIMEOUT
            ),
        ),
        ClientError::InvalidResponse { endpoint, reason } => (
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
    };
    Diagnostic {
        severity: Severity::Error,
        summary: summary.to_owned(),
        detail,
        attribute: None,
    }
}

/// What to do about an API error of STS `AssumeRole`: its own advice where the GAAP
/// advice would mislead (permissions, throttling, parameters), else the common one
/// (key, signature, clock and token problems are the base credential's).
fn sts_hint(code: &str, ctx: &CallContext) -> Option<String> {
    match code {
        "AuthFailure.UnauthorizedOperation" | "UnauthorizedOperation" => Some(format!(
            "The base credential may not assume the role. Grant it the CAM permission \
             sts:AssumeRole on the role, check that the role's trust policy lets this \
             account or user assume it, and check {}.{}.",
            p::ASSUME_ROLE,
            p::ROLE_ARN
        )),
        _ if code == "RequestLimitExceeded" || code.starts_with("RequestLimitExceeded.") => {
            Some(format!(
                "STS still throttled the AssumeRole call after {} retries (the provider's \
                 rate_limit applies to GAAP calls only). Try again later, or raise max_retries.",
                ctx.max_retries
            ))
        }
        "InvalidParameter.WebIdentityTokenError" => Some(
            "STS refused the OIDC token. Check assume_role_with_web_identity's \
             web_identity_token or web_identity_token_file (or TKE_WEB_IDENTITY_TOKEN_FILE \
             with enable_pod_oidc): it must be a current, unexpired token whose issuer the \
             CAM OIDC identity provider named by provider_id trusts, for a role that trusts \
             that provider."
                .to_owned(),
        ),
        "InvalidParameter.TempCodeNotAvaliable" => Some(
            "STS refused the MFA code. Set token_code (mfa_certification or assume_role, or \
             their environment variables) to the code the MFA device shows now: a code is \
             valid once and only for a short time, and serial_number must name that device."
                .to_owned(),
        ),
        "InvalidParameter.AccessKeyNotSupport" => Some(
            "GetSessionToken (mfa_certification) must be signed with a CAM user's permanent \
             key: it cannot follow a role, SAML or OIDC login."
                .to_owned(),
        ),
        _ if code.starts_with("InvalidParameter") || code == "MissingParameter" => Some(format!(
            "STS rejected a parameter of the {} block (role_arn, session_name, \
             session_duration, policy or external_id).",
            p::ASSUME_ROLE
        )),
        _ => api_hint(code, ctx),
    }
}

/// The summary and detail of an STS API error met while getting the credential.
fn sts_api_error(context: &str, err: &ApiError, ctx: &CallContext) -> (&'static str, String) {
    let mut detail = format!(
        "{context}: [{}] {} (RequestId: {})",
        err.code, err.message, err.request_id
    );
    if let Some(hint) = sts_hint(&err.code, ctx) {
        detail.push_str("\n\n");
        detail.push_str(&hint);
    }
    let summary = if err.code.starts_with("AuthFailure") || err.code == "UnauthorizedOperation" {
        "Tencent Cloud Authentication Failed"
    } else {
        "Cannot Get Tencent Cloud Credentials"
    };
    (summary, detail)
}

fn credential_summary_detail(err: &CredentialError, ctx: &CallContext) -> (&'static str, String) {
    match err {
        CredentialError::Api { context, error } => sts_api_error(context, error, ctx),
        // The credentials module lists every way to provide one.
        CredentialError::NotFound(message) => ("No Tencent Cloud Credentials", message.clone()),
        CredentialError::Invalid(message) => ("Invalid Tencent Cloud Credentials", message.clone()),
        CredentialError::Fetch(message) => (
            "Cannot Get Tencent Cloud Credentials",
            format!(
                "{message}\n\nFor a CVM role check {} and the instance's role; for \
                 assume_role check role_arn and that the base credential may call \
                 sts:AssumeRole.",
                p::CAM_ROLE_NAME
            ),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CTX: CallContext = CallContext {
        max_retries: 5,
        rate_limit: 20.0,
        request_timeout_seconds: 30.0,
    };

    fn api(code: &str) -> Diagnostic {
        api_error_diagnostic(
            &ApiError {
                code: code.to_owned(),
                message: "the API's own words".to_owned(),
                request_id: "req-42".to_owned(),
                http_status: 200,
            },
            &CTX,
        )
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
                "after 5 retries",
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
                },
                "Invalid Answer From the GAAP API",
                "not JSON",
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
            let d = client_error_diagnostic(&err, &CTX);
            assert_eq!(d.summary, summary);
            assert!(d.detail.contains(needle), "{summary}: {}", d.detail);
            assert_eq!(d.attribute, None);
        }
    }

    fn sts(code: &str) -> Diagnostic {
        client_error_diagnostic(
            &ClientError::Credentials(CredentialError::Api {
                context: "STS AssumeRole of role qcs::cam::uin/1:roleName/r at \
                          https://sts.tencentcloudapi.com failed"
                    .to_owned(),
                error: ApiError {
                    code: code.to_owned(),
                    message: "the API's own words".to_owned(),
                    request_id: "sts-req-7".to_owned(),
                    http_status: 200,
                },
            }),
            &CTX,
        )
    }

    #[test]
    fn login_errors_say_which_setting_to_fix() {
        for (code, needle) in [
            (
                "InvalidParameter.WebIdentityTokenError",
                "web_identity_token_file",
            ),
            ("InvalidParameter.TempCodeNotAvaliable", "token_code"),
            ("InvalidParameter.AccessKeyNotSupport", "permanent"),
        ] {
            let d = sts(code);
            assert!(d.detail.contains(needle), "{code}: {}", d.detail);
            assert!(d.detail.contains("sts-req-7"), "{}", d.detail);
        }
    }

    /// STS API errors get the same explanations as GAAP's, STS's own where they differ.
    #[test]
    fn sts_api_errors_are_explained_too() {
        let cases: &[(&str, &str, &str, &str)] = &[
            (
                "AuthFailure.SecretIdNotFound",
                "Tencent Cloud Authentication Failed",
                "whitespace",
                "",
            ),
            (
                "AuthFailure.SignatureExpire",
                "Tencent Cloud Authentication Failed",
                "clock",
                "",
            ),
            (
                "AuthFailure.UnauthorizedOperation",
                "Tencent Cloud Authentication Failed",
                "sts:AssumeRole",
                "gaap:CheckProxyCreate",
            ),
            (
                "RequestLimitExceeded",
                "Cannot Get Tencent Cloud Credentials",
                "after 5 retries",
                "Lower the provider's rate_limit",
            ),
            (
                "InvalidParameter.AccountNotAvaliable",
                "Cannot Get Tencent Cloud Credentials",
                "assume_role block",
                "",
            ),
            (
                "InternalError",
                "Cannot Get Tencent Cloud Credentials",
                "Try again later",
                "",
            ),
        ];
        for (code, summary, needle, absent) in cases {
            let d = sts(code);
            assert_eq!(d.severity, Severity::Error);
            assert_eq!(d.summary, *summary, "{code}");
            assert_eq!(d.attribute, None, "{code}");
            let head = format!(
                "STS AssumeRole of role qcs::cam::uin/1:roleName/r at \
                 https://sts.tencentcloudapi.com failed: [{code}] the API's own words \
                 (RequestId: sts-req-7)"
            );
            assert!(d.detail.starts_with(&head), "{code}: {}", d.detail);
            assert!(d.detail.contains(needle), "{code}: {}", d.detail);
            if !absent.is_empty() {
                assert!(!d.detail.contains(absent), "{code}: {}", d.detail);
            }
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
            ("ServiceUnavailable", "GAAP API Error", "after 5 retries"),
            ("ResourceUnavailable", "GAAP API Error", "after 5 retries"),
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

    /// STS's own wording for the codes where GAAP's advice would mislead.
    #[test]
    fn sts_codes_with_their_own_advice() {
        let cases: &[(&str, &str, &str)] = &[
            (
                "UnauthorizedOperation",
                "Tencent Cloud Authentication Failed",
                "sts:AssumeRole on the role",
            ),
            (
                "RequestLimitExceeded.UinLimitExceeded",
                "Cannot Get Tencent Cloud Credentials",
                "STS still throttled",
            ),
            (
                "MissingParameter",
                "Cannot Get Tencent Cloud Credentials",
                "assume_role block",
            ),
        ];
        for (code, summary, needle) in cases {
            let d = sts(code);
            assert_eq!(d.summary, *summary, "{code}");
            assert!(d.detail.contains(needle), "{code}: {}", d.detail);
        }
        let d = client_error_diagnostic(
            &ClientError::Credentials(CredentialError::Invalid("a blank secret_key".into())),
            &CTX,
        );
        assert_eq!(d.summary, "Invalid Tencent Cloud Credentials");
        assert_eq!(d.detail, "a blank secret_key");
    }

    #[test]
    fn api_errors_pass_through_client_errors() {
        let err = ClientError::Api(ApiError {
            code: "InvalidParameterValue.InvalidBandwidth".into(),
            message: "m".into(),
            request_id: "r".into(),
            http_status: 200,
        });
        let d = client_error_diagnostic(&err, &CTX);
        assert_eq!(d.attribute, Some(AttributePath::attribute("bandwidth")));
    }
}
