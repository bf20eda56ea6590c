//! What to do about a Tencent Cloud API error code: the advice for the codes GAAP
//! documents (credentials, signatures, clocks, permissions, throttling, service
//! trouble), shaped by how hard the client already tried. Pure; `api_errors` and
//! `credential_advice` build their diagnostics with it, and their tests cover it.

use tencentcloud_client::Attempts;

use crate::provider::env;

/// Settings that shape the advice, and how hard the client tried this time.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CallContext {
    pub max_retries: u32,
    pub rate_limit: f64,
    pub request_timeout_seconds: f64,
    /// The attempts of the failed call, when it was retried.
    pub attempts: Option<Attempts>,
}

impl CallContext {
    /// The context for `error`: these settings, with the attempts it made.
    pub fn for_error(&self, error: &tencentcloud_client::ClientError) -> CallContext {
        CallContext {
            attempts: error.attempts(),
            ..*self
        }
    }

    /// "after N attempts over T s", as the call went (one attempt when not retried).
    pub fn tried(&self) -> String {
        self.attempts
            .unwrap_or(Attempts {
                count: 1,
                elapsed: std::time::Duration::ZERO,
            })
            .to_string()
    }
}

/// The context the advice tests assume: 5 retries, 20 calls a second, 30 s a try,
/// and a call that made 6 attempts over 12.5 s.
#[cfg(test)]
pub const TEST_CONTEXT: CallContext = CallContext {
    max_retries: 5,
    rate_limit: 20.0,
    request_timeout_seconds: 30.0,
    attempts: Some(Attempts {
        count: 6,
        elapsed: std::time::Duration::from_millis(12_500),
    }),
};

/// What to do about an API error code, when there is something specific to say.
pub fn api_hint(code: &str, ctx: &CallContext) -> Option<String> {
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
            "The service failed on its side, {}. Try again later; if it persists, contact \
             support with the RequestId.",
            ctx.tried()
        ),
        "LimitExceeded" => "An account quota is exhausted (this is not throttling); check \
             the GAAP quotas of the account."
            .to_owned(),
        _ if code == "RequestLimitExceeded" || code.starts_with("RequestLimitExceeded.") => {
            format!(
                "The API still throttled the request {}. Lower the provider's rate_limit \
                 (now {} requests per second; or {}), raise max_retries (now {}), or run \
                 Terraform with a lower -parallelism.",
                ctx.tried(),
                ctx.rate_limit,
                env::RATE_LIMIT,
                ctx.max_retries,
            )
        }
        _ => return None,
    };
    Some(hint)
}
