//! The STS `AssumeRoleWithSAML` action: temporary credentials of a role for a SAML
//! assertion from an identity provider the account trusts. Like
//! `AssumeRoleWithWebIdentity`, the assertion is the login and the request is sent
//! unsigned (`Authorization: SKIP`; the official provider sets it for this call).
//!
//! Parameters (tencentcloud-sdk-go `sts/v20180813/models.go`,
//! `AssumeRoleWithSAMLRequestParams`): `SAMLAssertion` (base64), `PrincipalArn` (the
//! identity provider, `qcs::cam::uin/<uin>:saml-provider/<name>`), `RoleArn`,
//! `RoleSessionName`, `DurationSeconds`. Answer: `Credentials`, `ExpiredTime`,
//! `Expiration`.

use sensitive::Sensitive;
use serde::Serialize;

use super::assume_role::{DOCUMENTED_RATE_LIMIT, SERVICE, VERSION};
use super::secret_fields::expose;
use super::temporary_credential::TemporaryCredentialAnswer;
use crate::action::{Action, RateLimit};

pub const ACTION: &str = "AssumeRoleWithSAML";

/// The request body. Debug never shows the assertion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AssumeRoleWithSamlRequest {
    #[serde(rename = "SAMLAssertion", serialize_with = "expose")]
    pub saml_assertion: Sensitive<String>,
    #[serde(rename = "PrincipalArn")]
    pub principal_arn: String,
    #[serde(rename = "RoleArn")]
    pub role_arn: String,
    #[serde(rename = "RoleSessionName")]
    pub role_session_name: String,
    #[serde(rename = "DurationSeconds")]
    pub duration_seconds: u64,
}

/// The temporary credential (the same answer as `AssumeRole`'s).
pub type AssumeRoleWithSamlResponse = TemporaryCredentialAnswer;

impl Action for AssumeRoleWithSamlRequest {
    const SERVICE: &'static str = SERVICE;
    const ACTION: &'static str = ACTION;
    const VERSION: &'static str = VERSION;
    const RATE_LIMIT: RateLimit = RateLimit::Documented(DOCUMENTED_RATE_LIMIT);
    const UNSIGNED: bool = true;
    type Response = AssumeRoleWithSamlResponse;

    fn outcome(response: &Self::Response) -> String {
        response.outcome()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn body_and_debug() {
        let r = AssumeRoleWithSamlRequest {
            saml_assertion: "PHNhbWw+".into(),
            principal_arn: "qcs::cam::uin/1:saml-provider/idp".into(),
            role_arn: "qcs::cam::uin/1:roleName/r".into(),
            role_session_name: "s".into(),
            duration_seconds: 7200,
        };
        assert_eq!(
            serde_json::to_string(&r).unwrap(),
            r#"{"SAMLAssertion":"PHNhbWw+","PrincipalArn":"qcs::cam::uin/1:saml-provider/idp","RoleArn":"qcs::cam::uin/1:roleName/r","RoleSessionName":"s","DurationSeconds":7200}"#
        );
        assert!(!format!("{r:?}").contains("PHNhbWw+"));
    }
}
