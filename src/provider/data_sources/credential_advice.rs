//! Advice for a failed login: no credential found, an invalid one, a fetch that
//! failed (CVM role, profile role), and the API errors of STS (`AssumeRole`, SAML,
//! OIDC, MFA), with STS's own advice where GAAP's would mislead and the common advice
//! (key, signature, clock, token) where it applies. Pure and table-tested; nothing
//! here ever sees a secret.

use tencentcloud_client::credentials::CredentialError;
use tencentcloud_client::ApiError;

use super::code_advice::{api_hint, CallContext};
use crate::provider::login_blocks::assume_role;
use crate::provider::spec;

/// What to do about an API error of STS `AssumeRole`: its own advice where the GAAP
/// advice would mislead (permissions, throttling, parameters), else the common one
/// (key, signature, clock and token problems are the base credential's).
fn sts_hint(code: &str, ctx: &CallContext) -> Option<String> {
    match code {
        "AuthFailure.UnauthorizedOperation" | "UnauthorizedOperation" => Some(format!(
            "The base credential may not assume the role. Grant it the CAM permission \
             sts:AssumeRole on the role, check that the role's trust policy lets this \
             account or user assume it, and check {}.{}.",
            assume_role::BLOCK.name,
            assume_role::ROLE_ARN.name
        )),
        _ if code == "RequestLimitExceeded" || code.starts_with("RequestLimitExceeded.") => {
            Some(format!(
                "STS still throttled the AssumeRole call despite retries (the provider's \
                 rate_limit applies to GAAP calls only). Try again later, or raise \
                 max_retries (now {}).",
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
            assume_role::BLOCK.name
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

/// The summary and detail of a credential problem.
pub(super) fn credential_summary_detail(
    err: &CredentialError,
    ctx: &CallContext,
) -> (&'static str, String) {
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
                spec::CAM_ROLE_NAME.name
            ),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocol::{Diagnostic, Severity};
    use crate::provider::data_sources::api_errors::action_error_diagnostic;
    use crate::provider::data_sources::code_advice::TEST_CONTEXT as CTX;
    use tencentcloud_client::ClientError;

    /// A failed call's diagnostic (the action and argument play no part in a login).
    fn diagnostic(err: &ClientError, ctx: &CallContext) -> Diagnostic {
        action_error_diagnostic("CheckProxyCreate", err, ctx, |_| None)
    }

    fn sts(code: &str) -> Diagnostic {
        diagnostic(
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
                "raise max_retries (now 5)",
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
        let d = diagnostic(
            &ClientError::Credentials(CredentialError::Invalid("a blank secret_key".into())),
            &CTX,
        );
        assert_eq!(d.summary, "Invalid Tencent Cloud Credentials");
        assert_eq!(d.detail, "a blank secret_key");
    }
}
