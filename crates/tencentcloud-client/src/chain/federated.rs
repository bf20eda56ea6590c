//! The other STS logins as [`Fetcher`]s, each one call through the one call path:
//! `AssumeRoleWithWebIdentity` (OIDC, the token read again from its file on every
//! fetch, since tokens rotate) and `AssumeRoleWithSAML`, both unsigned; and
//! `GetSessionToken` (MFA), signed with the credential before it. Wrap them in a
//! [`RefreshingSource`](crate::credentials::RefreshingSource).

use std::sync::Arc;

use crate::client::ClientConfig;
use crate::credentials::{
    BoxFuture, Clock, Credential, CredentialSource, Fetcher, MfaSettings, SamlSettings,
    TemporaryCredential, WebIdentitySettings, WebIdentityToken, DEFAULT_SESSION_DURATION,
};
use crate::error::CredentialError;
use crate::sts::assume_role_with_saml::AssumeRoleWithSamlRequest;
use crate::sts::assume_role_with_web_identity::{
    AssumeRoleWithWebIdentityRequest, DEFAULT_PROVIDER_ID,
};
use crate::sts::get_session_token::{GetSessionTokenRequest, DEFAULT_DURATION};

use super::assume_role::Sts;

/// Which login.
enum Login {
    WebIdentity(WebIdentitySettings),
    Saml(SamlSettings),
    SessionToken(MfaSettings),
}

/// One STS login (see the module).
pub struct StsLoginFetcher {
    login: Login,
    /// Signs `GetSessionToken`; unused by the unsigned logins.
    base: Arc<dyn CredentialSource>,
    sts: Sts,
}

impl std::fmt::Debug for StsLoginFetcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StsLoginFetcher")
            .field("identity", &self.identity())
            .field("endpoint", &self.sts.endpoint)
            .finish()
    }
}

/// The "credential" of an unsigned login: the call path never reads it.
struct Unsigned;

impl CredentialSource for Unsigned {
    fn credential(&self) -> BoxFuture<'_, Result<Credential, CredentialError>> {
        Box::pin(async {
            Err(CredentialError::NotFound(
                "an unsigned STS login has no credential".to_owned(),
            ))
        })
    }

    fn identity(&self) -> String {
        "unsigned".to_owned()
    }
}

fn nothing() -> Arc<dyn CredentialSource> {
    Arc::new(Unsigned)
}

impl StsLoginFetcher {
    fn new(
        login: Login,
        base: Arc<dyn CredentialSource>,
        sts_endpoint: Option<&str>,
        api: &ClientConfig,
        clock: Arc<dyn Clock>,
    ) -> Result<Self, CredentialError> {
        let sts = Sts::new(sts_endpoint, api, clock)?;
        Ok(StsLoginFetcher { login, base, sts })
    }

    /// OIDC: `AssumeRoleWithWebIdentity`, unsigned.
    pub fn web_identity(
        settings: WebIdentitySettings,
        sts_endpoint: Option<&str>,
        api: &ClientConfig,
        clock: Arc<dyn Clock>,
    ) -> Result<Self, CredentialError> {
        Self::new(
            Login::WebIdentity(settings),
            nothing(),
            sts_endpoint,
            api,
            clock,
        )
    }

    /// SAML: `AssumeRoleWithSAML`, unsigned.
    pub fn saml(
        settings: SamlSettings,
        sts_endpoint: Option<&str>,
        api: &ClientConfig,
        clock: Arc<dyn Clock>,
    ) -> Result<Self, CredentialError> {
        Self::new(Login::Saml(settings), nothing(), sts_endpoint, api, clock)
    }

    /// MFA: `GetSessionToken`, signed with `base`.
    pub fn session_token(
        settings: MfaSettings,
        base: Arc<dyn CredentialSource>,
        sts_endpoint: Option<&str>,
        api: &ClientConfig,
        clock: Arc<dyn Clock>,
    ) -> Result<Self, CredentialError> {
        Self::new(
            Login::SessionToken(settings),
            base,
            sts_endpoint,
            api,
            clock,
        )
    }

    fn context(&self) -> String {
        match &self.login {
            Login::WebIdentity(w) => format!(
                "STS AssumeRoleWithWebIdentity of role {} at {} failed",
                w.role_arn, self.sts.endpoint
            ),
            Login::Saml(s) => format!(
                "STS AssumeRoleWithSAML of role {} at {} failed",
                s.role_arn, self.sts.endpoint
            ),
            Login::SessionToken(m) => format!(
                "STS GetSessionToken (MFA device {}) at {} failed",
                m.serial_number, self.sts.endpoint
            ),
        }
    }

    async fn fetch_once(&self) -> Result<TemporaryCredential, CredentialError> {
        let (sts, base, context) = (&self.sts, self.base.as_ref(), self.context());
        let duration = |d: u64, default: u64| if d == 0 { default } else { d };
        match &self.login {
            Login::WebIdentity(w) => {
                let request = AssumeRoleWithWebIdentityRequest {
                    provider_id: if w.provider_id.is_empty() {
                        DEFAULT_PROVIDER_ID.to_owned()
                    } else {
                        w.provider_id.clone()
                    },
                    web_identity_token: read_token(&w.token)?.into(),
                    role_arn: w.role_arn.clone(),
                    role_session_name: w.session_name.clone(),
                    duration_seconds: duration(w.session_duration, DEFAULT_SESSION_DURATION),
                };
                sts.login(base, &request, context).await
            }
            Login::Saml(s) => {
                let request = AssumeRoleWithSamlRequest {
                    saml_assertion: s.saml_assertion.clone().into(),
                    principal_arn: s.principal_arn.clone(),
                    role_arn: s.role_arn.clone(),
                    role_session_name: s.session_name.clone(),
                    duration_seconds: duration(s.session_duration, DEFAULT_SESSION_DURATION),
                };
                sts.login(base, &request, context).await
            }
            Login::SessionToken(m) => {
                let request = GetSessionTokenRequest {
                    serial_number: m.serial_number.clone(),
                    token_code: m.token_code.clone().into(),
                    duration_seconds: duration(m.duration_seconds, DEFAULT_DURATION),
                };
                sts.login(base, &request, context).await
            }
        }
    }
}

/// The token now: inline as given, or the file's content read afresh: JSON
/// `{"web_identity_token": "..."}` (the official provider's format) or the token as
/// text (TKE's projected token file). Errors name the file, never its content.
pub fn read_token(token: &WebIdentityToken) -> Result<String, CredentialError> {
    let path = match token {
        WebIdentityToken::Inline(t) => return Ok(t.clone()),
        WebIdentityToken::File(path) => path,
    };
    let text = std::fs::read_to_string(path).map_err(|e| {
        CredentialError::Invalid(format!(
            "cannot read web_identity_token_file {}: {e}",
            path.display()
        ))
    })?;
    let text = text.trim();
    let token = if text.starts_with('{') {
        #[derive(serde::Deserialize)]
        struct File {
            #[serde(default)]
            web_identity_token: String,
        }
        let file: File = serde_json::from_str(text).map_err(|e| {
            CredentialError::Invalid(format!(
                "web_identity_token_file {} is JSON but not {{\"web_identity_token\": \"...\"}} \
                 (line {}, column {})",
                path.display(),
                e.line(),
                e.column()
            ))
        })?;
        file.web_identity_token
    } else {
        text.to_owned()
    };
    if token.trim().is_empty() {
        return Err(CredentialError::Invalid(format!(
            "web_identity_token_file {} holds no token",
            path.display()
        )));
    }
    Ok(token.trim().to_owned())
}

impl Fetcher for StsLoginFetcher {
    fn fetch(&self) -> BoxFuture<'_, Result<TemporaryCredential, CredentialError>> {
        Box::pin(self.fetch_once())
    }

    /// `oidc:<provider>:<role>/<session>`, `saml:<principal>:<role>/<session>` or
    /// `mfa:<serial>@<base identity>`; never a token, assertion or code.
    fn identity(&self) -> String {
        match &self.login {
            Login::WebIdentity(w) => {
                format!("oidc:{}:{}/{}", w.provider_id, w.role_arn, w.session_name)
            }
            Login::Saml(s) => format!("saml:{}:{}/{}", s.principal_arn, s.role_arn, s.session_name),
            Login::SessionToken(m) => {
                format!("mfa:{}@{}", m.serial_number, self.base.identity())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_files_hold_text_or_the_official_json() {
        let dir = tempfile::tempdir().unwrap();
        let raw = dir.path().join("raw");
        std::fs::write(&raw, "eyJ.a.b\n").unwrap();
        assert_eq!(
            read_token(&WebIdentityToken::File(raw.clone())).unwrap(),
            "eyJ.a.b"
        );
        let json = dir.path().join("json");
        std::fs::write(&json, r#"{"web_identity_token":"eyJ.c.d"}"#).unwrap();
        assert_eq!(
            read_token(&WebIdentityToken::File(json)).unwrap(),
            "eyJ.c.d"
        );
        let bad = dir.path().join("bad");
        std::fs::write(&bad, r#"{"web_identity_token": 1, "secret": "eyJ.x"}"#).unwrap();
        let e = read_token(&WebIdentityToken::File(bad))
            .unwrap_err()
            .to_string();
        assert!(e.contains("bad") && !e.contains("eyJ.x"), "{e}");
        let missing = read_token(&WebIdentityToken::File(dir.path().join("nope")))
            .unwrap_err()
            .to_string();
        assert!(missing.contains("nope"), "{missing}");
    }
}
