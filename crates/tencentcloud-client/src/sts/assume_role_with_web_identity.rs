//! The STS `AssumeRoleWithWebIdentity` action: temporary credentials of a role for an
//! OIDC token issued by an identity provider the account trusts (CAM OIDC provider,
//! TKE pod identity). The token is the login, so the request is sent unsigned
//! (`Authorization: SKIP`, no `X-TC-Token`), as the SDKs do (`SetSkipSign(true)` in
//! tencentcloud-sdk-go `sts/v20180813/client.go`; the API reference says the same).
//!
//! Parameters (tencentcloud-sdk-go `sts/v20180813/models.go`,
//! `AssumeRoleWithWebIdentityRequestParams`): `ProviderId` (the official provider
//! sends `OIDC` when none is set), `WebIdentityToken`, `RoleArn`, `RoleSessionName`,
//! `DurationSeconds`. Answer: `Credentials`, `ExpiredTime`, `Expiration`. Errors
//! include `InvalidParameter.WebIdentityTokenError` and `InvalidParameter.ParamError`.

use sensitive::Sensitive;
use serde::Serialize;

use super::assume_role::{DOCUMENTED_RATE_LIMIT, SERVICE, VERSION};
use super::secret_fields::expose;
use super::temporary_credential::TemporaryCredentialAnswer;
use crate::action::{Action, RateLimit};

pub const ACTION: &str = "AssumeRoleWithWebIdentity";
/// `ProviderId` when none is configured (the official provider's default).
pub const DEFAULT_PROVIDER_ID: &str = "OIDC";

/// The request body. Debug never shows the token.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct AssumeRoleWithWebIdentityRequest {
    pub provider_id: String,
    #[serde(serialize_with = "expose")]
    pub web_identity_token: Sensitive<String>,
    pub role_arn: String,
    pub role_session_name: String,
    pub duration_seconds: u64,
}

/// The temporary credential (the same answer as `AssumeRole`'s).
pub type AssumeRoleWithWebIdentityResponse = TemporaryCredentialAnswer;

impl Action for AssumeRoleWithWebIdentityRequest {
    const SERVICE: &'static str = SERVICE;
    const ACTION: &'static str = ACTION;
    const VERSION: &'static str = VERSION;
    const RATE_LIMIT: RateLimit = RateLimit::Documented(DOCUMENTED_RATE_LIMIT);
    const UNSIGNED: bool = true;
    type Response = AssumeRoleWithWebIdentityResponse;

    fn outcome(response: &Self::Response) -> String {
        response.outcome()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn body_and_debug() {
        let r = AssumeRoleWithWebIdentityRequest {
            provider_id: "OIDC".into(),
            web_identity_token: "eyJtoken".into(),
            role_arn: "qcs::cam::uin/1:roleName/r".into(),
            role_session_name: "s".into(),
            duration_seconds: 3600,
        };
        assert_eq!(
            serde_json::to_string(&r).unwrap(),
            r#"{"ProviderId":"OIDC","WebIdentityToken":"eyJtoken","RoleArn":"qcs::cam::uin/1:roleName/r","RoleSessionName":"s","DurationSeconds":3600}"#
        );
        assert!(!format!("{r:?}").contains("eyJtoken"));
    }
}
