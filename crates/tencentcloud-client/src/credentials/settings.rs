//! The credential settings, already merged from configuration and environment.

/// `assume_role` settings, already merged from configuration and environment.
/// Debug output shows neither the external id (the role's shared secret with its
/// truster) nor the policy (which may describe private resources).
#[derive(Clone, PartialEq, Eq)]
pub struct AssumeRoleSettings {
    pub role_arn: String,
    pub session_name: String,
    /// Seconds, 0..=43200; default 7200.
    pub session_duration: u64,
    pub policy: Option<String>,
    pub external_id: Option<String>,
}

impl std::fmt::Debug for AssumeRoleSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AssumeRoleSettings")
            .field("role_arn", &self.role_arn)
            .field("session_name", &self.session_name)
            .field("session_duration", &self.session_duration)
            .field("policy", &self.policy.as_ref().map(|_| "<redacted>"))
            .field(
                "external_id",
                &self.external_id.as_ref().map(|_| "<redacted>"),
            )
            .finish()
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
    pub assume_role: Option<AssumeRoleSettings>,
    /// `TENCENTCLOUD_STS_ENDPOINT`: full URL overriding `https://sts.tencentcloudapi.com`.
    pub sts_endpoint: Option<String>,
    /// `TENCENTCLOUD_METADATA_ENDPOINT`: full URL overriding `http://metadata.tencentyun.com`.
    pub metadata_endpoint: Option<String>,
}

impl std::fmt::Debug for CredentialSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CredentialSettings")
            .field("secret_id", &self.secret_id)
            .field(
                "secret_key",
                &self.secret_key.as_ref().map(|_| "<redacted>"),
            )
            .field(
                "security_token",
                &self.security_token.as_ref().map(|_| "<redacted>"),
            )
            .field("profile", &self.profile)
            .field("shared_credentials_dir", &self.shared_credentials_dir)
            .field("cam_role_name", &self.cam_role_name)
            .field("assume_role", &self.assume_role)
            .field("sts_endpoint", &self.sts_endpoint)
            .field("metadata_endpoint", &self.metadata_endpoint)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The external id works like a password for the role, and a session policy may
    /// be private: Debug (in logs and panics) shows neither.
    #[test]
    fn assume_role_debug_hides_external_id_and_policy() {
        let settings = AssumeRoleSettings {
            role_arn: "qcs::cam::uin/1:roleName/r".into(),
            session_name: "s".into(),
            session_duration: 7200,
            policy: Some("{\"secret-policy\":1}".into()),
            external_id: Some("ext-secret-42".into()),
        };
        let debug = format!("{settings:?}");
        assert!(!debug.contains("ext-secret-42"), "{debug}");
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
