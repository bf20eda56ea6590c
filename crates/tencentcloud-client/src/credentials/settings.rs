//! The credential settings, already merged from configuration and environment.
//!
//! The provider builds and reads these with plain `String` fields, so the Debug impls
//! here are written out, each secret shown through [`Sensitive`].

use sensitive::Sensitive;

/// `assume_role` settings, already merged from configuration and environment.
/// Debug output shows neither the external id (the role's shared secret with its
/// truster), the policy (which may describe private resources) nor the MFA code.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct AssumeRoleSettings {
    pub role_arn: String,
    pub session_name: String,
    /// Seconds, 0..=43200; default 7200.
    pub session_duration: u64,
    pub policy: Option<String>,
    pub external_id: Option<String>,
    /// `SourceIdentity`: the caller's uin carried into the session.
    pub source_identity: Option<String>,
    /// MFA device (`SerialNumber`) and its current code (`TokenCode`): AssumeRole
    /// with an MFA check.
    pub serial_number: Option<String>,
    pub token_code: Option<String>,
}

impl std::fmt::Debug for AssumeRoleSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AssumeRoleSettings")
            .field("role_arn", &self.role_arn)
            .field("session_name", &self.session_name)
            .field("session_duration", &self.session_duration)
            .field("policy", &self.policy.as_ref().map(Sensitive::new))
            .field(
                "external_id",
                &self.external_id.as_ref().map(Sensitive::new),
            )
            .field("source_identity", &self.source_identity)
            .field("serial_number", &self.serial_number)
            .field("token_code", &self.token_code.as_ref().map(Sensitive::new))
            .finish()
    }
}

/// Where an OIDC token comes from.
#[derive(Clone, PartialEq, Eq)]
pub enum WebIdentityToken {
    /// The token itself (`web_identity_token`).
    Inline(String),
    /// A file holding it (`web_identity_token_file`), read again on every refresh
    /// because tokens rotate: either the token as text (TKE's projected token) or
    /// JSON `{"web_identity_token": "..."}` (the official provider's format).
    File(std::path::PathBuf),
}

impl std::fmt::Debug for WebIdentityToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WebIdentityToken::Inline(token) => f
                .debug_tuple("Inline")
                .field(&Sensitive::new(token))
                .finish(),
            WebIdentityToken::File(path) => f.debug_tuple("File").field(path).finish(),
        }
    }
}

/// STS `AssumeRoleWithWebIdentity` (OIDC): `assume_role_with_web_identity`, its
/// environment variables, or `enable_pod_oidc`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebIdentitySettings {
    /// `ProviderId`; default `OIDC`.
    pub provider_id: String,
    pub token: WebIdentityToken,
    pub role_arn: String,
    pub session_name: String,
    /// Seconds, 0 means the default 7200.
    pub session_duration: u64,
}

/// STS `AssumeRoleWithSAML`: `assume_role_with_saml` or its environment variables.
#[derive(Clone, PartialEq, Eq)]
pub struct SamlSettings {
    pub saml_assertion: String,
    pub principal_arn: String,
    pub role_arn: String,
    pub session_name: String,
    pub session_duration: u64,
}

impl std::fmt::Debug for SamlSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SamlSettings")
            .field("saml_assertion", &Sensitive::new(&self.saml_assertion))
            .field("principal_arn", &self.principal_arn)
            .field("role_arn", &self.role_arn)
            .field("session_name", &self.session_name)
            .field("session_duration", &self.session_duration)
            .finish()
    }
}

/// STS `GetSessionToken` with an MFA code: `mfa_certification` or its environment
/// variables.
#[derive(Clone, PartialEq, Eq)]
pub struct MfaSettings {
    pub serial_number: String,
    pub token_code: String,
    /// Seconds, 0 means the default 1800.
    pub duration_seconds: u64,
}

impl std::fmt::Debug for MfaSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MfaSettings")
            .field("serial_number", &self.serial_number)
            .field("token_code", &Sensitive::new(&self.token_code))
            .field("duration_seconds", &self.duration_seconds)
            .finish()
    }
}

/// One login on the way to the credential that signs GAAP calls, in the official
/// provider's order. `AssumeRole` and `SessionToken` are signed with the credential
/// before them; `WebIdentity` and `Saml` are unsigned and replace it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoginStep {
    AssumeRole(AssumeRoleSettings),
    WebIdentity(WebIdentitySettings),
    Saml(SamlSettings),
    SessionToken(MfaSettings),
}

impl LoginStep {
    /// Whether the step replaces the credential before it (needs none).
    pub fn replaces_base(&self) -> bool {
        matches!(self, LoginStep::WebIdentity(_) | LoginStep::Saml(_))
    }
}

/// Everything the chain needs, already merged from configuration and environment
/// by the provider (configuration wins). Empty strings count as absent.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct CredentialSettings {
    pub secret_id: Option<String>,
    pub secret_key: Option<String>,
    pub security_token: Option<String>,
    /// Profile name in the shared credentials dir; default `default`.
    pub profile: Option<String>,
    /// tccli's directory; default `~/.tccli`.
    pub shared_credentials_dir: Option<std::path::PathBuf>,
    pub cam_role_name: Option<String>,
    /// The `assume_role` block (its fields defaulting to their environment variables).
    pub assume_role: Option<AssumeRoleSettings>,
    /// The official provider's environment path, applied before `assume_role`:
    /// `TENCENTCLOUD_ASSUME_ROLE_ARN` with `TENCENTCLOUD_ASSUME_ROLE_SESSION_NAME`
    /// (AssumeRole, or SAML / OIDC with their environment variables).
    pub env_login: Option<LoginStep>,
    /// Applied after `assume_role`, in this order: `assume_role_with_saml`,
    /// `assume_role_with_web_identity`, MFA from the environment,
    /// `mfa_certification`, `enable_pod_oidc`.
    pub then: Vec<LoginStep>,
    /// The configured root domain (`domain`): STS is then reached at
    /// `https://sts.<domain>`, as the official provider does. Unset: the public
    /// `sts.tencentcloudapi.com`.
    pub sts_domain: Option<String>,
    /// Account guards (`allowed_account_ids`, `forbidden_account_ids`): checked once
    /// through STS `GetCallerIdentity` before the first credential is handed out.
    pub allowed_account_ids: Vec<String>,
    pub forbidden_account_ids: Vec<String>,
    /// `TENCENTCLOUD_STS_ENDPOINT`: full URL overriding `https://sts.tencentcloudapi.com`.
    pub sts_endpoint: Option<String>,
    /// `TENCENTCLOUD_METADATA_ENDPOINT`: full URL overriding `http://metadata.tencentyun.com`.
    pub metadata_endpoint: Option<String>,
}

impl std::fmt::Debug for CredentialSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CredentialSettings")
            .field("secret_id", &self.secret_id)
            .field("secret_key", &self.secret_key.as_ref().map(Sensitive::new))
            .field(
                "security_token",
                &self.security_token.as_ref().map(Sensitive::new),
            )
            .field("profile", &self.profile)
            .field("shared_credentials_dir", &self.shared_credentials_dir)
            .field("cam_role_name", &self.cam_role_name)
            .field("assume_role", &self.assume_role)
            .field("env_login", &self.env_login)
            .field("then", &self.then)
            .field("sts_domain", &self.sts_domain)
            .field("allowed_account_ids", &self.allowed_account_ids)
            .field("forbidden_account_ids", &self.forbidden_account_ids)
            .field("sts_endpoint", &self.sts_endpoint)
            .field("metadata_endpoint", &self.metadata_endpoint)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The external id works like a password for the role, and a session policy may
    /// be private, and an MFA code is a one-time password: Debug (in logs and panics)
    /// shows none of them.
    #[test]
    fn assume_role_debug_hides_external_id_policy_and_mfa_code() {
        let settings = AssumeRoleSettings {
            role_arn: "qcs::cam::uin/1:roleName/r".into(),
            session_name: "s".into(),
            session_duration: 7200,
            policy: Some("{\"secret-policy\":1}".into()),
            external_id: Some("ext-secret-42".into()),
            source_identity: None,
            serial_number: Some("qcs::cam:uin/1::mfa/softToken".into()),
            token_code: Some("654321".into()),
        };
        let debug = format!("{settings:?}");
        assert!(!debug.contains("ext-secret-42"), "{debug}");
        assert!(!debug.contains("654321"), "{debug}");
        assert!(!debug.contains("secret-policy"), "{debug}");
        assert!(debug.contains("qcs::cam::uin/1:roleName/r"), "{debug}");
        let outer = format!(
            "{:?}",
            CredentialSettings {
                assume_role: Some(settings),
                ..Default::default()
            }
        );
        assert!(
            !outer.contains("ext-secret-42") && !outer.contains("secret-policy"),
            "{outer}"
        );
    }
}
