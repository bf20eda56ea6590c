//! The other STS logins as [`Fetcher`]s, each one call through the one call path:
//! `AssumeRoleWithWebIdentity` (OIDC, the token read again from its file on every
//! fetch, since tokens rotate) and `AssumeRoleWithSAML`, both unsigned; and
//! `GetSessionToken` (MFA), signed with the credential before it. Wrap them in a
//! [`RefreshingSource`](crate::credentials::RefreshingSource).

use std::sync::Arc;

use crate::client::ClientConfig;
use crate::credentials::limits::check_size;
use crate::credentials::{
    BoxFuture, Clock, Credential, CredentialSource, Fetcher, MfaSettings, SamlSettings,
    TemporaryCredential, WebIdentitySettings, WebIdentityToken, DEFAULT_SESSION_DURATION,
    ENV_ASSUME_ROLE_SAML_ASSERTION, ENV_ASSUME_ROLE_WEB_IDENTITY_TOKEN, SAML_ASSERTION_MAX_BYTES,
    WEB_IDENTITY_TOKEN_MAX_BYTES,
};
use crate::error::CredentialError;
use crate::local_file;
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

    /// OIDC: `AssumeRoleWithWebIdentity`, unsigned. An inline token over
    /// [`WEB_IDENTITY_TOKEN_MAX_BYTES`] is refused here, before any call; a token
    /// file is checked on each read.
    pub fn web_identity(
        settings: WebIdentitySettings,
        sts_endpoint: Option<&str>,
        api: &ClientConfig,
        clock: Arc<dyn Clock>,
    ) -> Result<Self, CredentialError> {
        if let WebIdentityToken::Inline(token) = &settings.token {
            check_size(
                &format!(
                    "the OIDC token (`web_identity_token` or {ENV_ASSUME_ROLE_WEB_IDENTITY_TOKEN})"
                ),
                token,
                WEB_IDENTITY_TOKEN_MAX_BYTES,
            )?;
        }
        Self::new(
            Login::WebIdentity(settings),
            nothing(),
            sts_endpoint,
            api,
            clock,
        )
    }

    /// SAML: `AssumeRoleWithSAML`, unsigned. An assertion over
    /// [`SAML_ASSERTION_MAX_BYTES`] is refused here, before any call.
    pub fn saml(
        settings: SamlSettings,
        sts_endpoint: Option<&str>,
        api: &ClientConfig,
        clock: Arc<dyn Clock>,
    ) -> Result<Self, CredentialError> {
        check_size(
            &format!("the SAML assertion (`saml_assertion` or {ENV_ASSUME_ROLE_SAML_ASSERTION})"),
            &settings.saml_assertion,
            SAML_ASSERTION_MAX_BYTES,
        )?;
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
                    web_identity_token: read_token(&w.token).await?.into(),
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
/// text (TKE's projected token file). The file is read through `local_file`: a
/// regular file (symlinks followed) of at most [`WEB_IDENTITY_TOKEN_MAX_BYTES`],
/// within its time bound. Errors name the file, never its content.
pub async fn read_token(token: &WebIdentityToken) -> Result<String, CredentialError> {
    let path = match token {
        WebIdentityToken::Inline(t) => return Ok(t.clone()),
        WebIdentityToken::File(path) => path,
    };
    let text = local_file::read_text(path, WEB_IDENTITY_TOKEN_MAX_BYTES)
        .await
        .map_err(|e| {
            e.into_credential_error(
                &format!("web_identity_token_file {}", path.display()),
                "It must be a regular file holding the token (or a symlink to one, as TKE \
                 mounts it)",
            )
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
    use crate::credentials::SystemClock;

    #[tokio::test]
    async fn token_files_hold_text_or_the_official_json() {
        let dir = tempfile::tempdir().unwrap();
        let raw = dir.path().join("raw");
        std::fs::write(&raw, "eyJ.a.b\n").unwrap();
        assert_eq!(
            read_token(&WebIdentityToken::File(raw.clone()))
                .await
                .unwrap(),
            "eyJ.a.b"
        );
        let json = dir.path().join("json");
        std::fs::write(&json, r#"{"web_identity_token":"eyJ.c.d"}"#).unwrap();
        assert_eq!(
            read_token(&WebIdentityToken::File(json)).await.unwrap(),
            "eyJ.c.d"
        );
        let bad = dir.path().join("bad");
        std::fs::write(&bad, r#"{"web_identity_token": 1, "secret": "eyJ.x"}"#).unwrap();
        let e = read_token(&WebIdentityToken::File(bad))
            .await
            .unwrap_err()
            .to_string();
        assert!(e.contains("bad") && !e.contains("eyJ.x"), "{e}");
        let missing = read_token(&WebIdentityToken::File(dir.path().join("nope")))
            .await
            .unwrap_err()
            .to_string();
        assert!(
            missing.contains("nope") && missing.contains("does not exist"),
            "{missing}"
        );
    }

    /// A FIFO as the token file used to block the read for ever, and a 256 MiB token
    /// file went to STS whole.
    #[cfg(unix)]
    #[tokio::test]
    async fn fifo_and_oversized_token_files_are_refused() {
        use std::os::unix::ffi::OsStrExt;
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("token");
        let c_path = std::ffi::CString::new(fifo.as_os_str().as_bytes()).unwrap();
        // SAFETY: mkfifo(3) with a NUL-terminated path that lives across the call.
        assert_eq!(unsafe { libc::mkfifo(c_path.as_ptr(), 0o600) }, 0);
        let e = read_token(&WebIdentityToken::File(fifo)).await.unwrap_err();
        assert!(
            matches!(&e, CredentialError::Invalid(m) if m.contains("is a FIFO (named pipe), not a regular file")),
            "{e:?}"
        );

        let big = dir.path().join("big");
        std::fs::write(&big, "e".repeat(WEB_IDENTITY_TOKEN_MAX_BYTES as usize + 1)).unwrap();
        let e = read_token(&WebIdentityToken::File(big)).await.unwrap_err();
        assert!(
            matches!(&e, CredentialError::Invalid(m) if m.contains("larger than the limit of 64 KiB (65536 bytes)")),
            "{e:?}"
        );
    }

    fn web_identity(token: WebIdentityToken) -> WebIdentitySettings {
        WebIdentitySettings {
            provider_id: String::new(),
            token,
            role_arn: "qcs::cam::uin/1:roleName/r".into(),
            session_name: "s".into(),
            session_duration: 0,
        }
    }

    fn saml(assertion: String) -> SamlSettings {
        SamlSettings {
            saml_assertion: assertion,
            principal_arn: "qcs::cam::uin/1:saml-provider/p".into(),
            role_arn: "qcs::cam::uin/1:roleName/r".into(),
            session_name: "s".into(),
            session_duration: 0,
        }
    }

    /// Inline and environment values are refused when the login is built, before any
    /// call, and the message shows sizes only.
    #[test]
    fn oversized_inline_tokens_and_assertions_are_refused_before_any_call() {
        let api = ClientConfig::default();
        let build_oidc = |token: String| {
            StsLoginFetcher::web_identity(
                web_identity(WebIdentityToken::Inline(token)),
                None,
                &api,
                Arc::new(SystemClock),
            )
        };
        let limit = WEB_IDENTITY_TOKEN_MAX_BYTES as usize;
        assert!(build_oidc("t".repeat(limit)).is_ok());
        let Err(CredentialError::Invalid(m)) = build_oidc("t".repeat(limit + 1)) else {
            panic!("an oversized token was accepted");
        };
        assert!(m.contains("web_identity_token"), "{m}");
        assert!(m.contains("limit of 64 KiB (65536 bytes)"), "{m}");
        assert!(!m.contains("ttt"), "{m}");

        let build_saml = |assertion: String| {
            StsLoginFetcher::saml(saml(assertion), None, &api, Arc::new(SystemClock))
        };
        let limit = SAML_ASSERTION_MAX_BYTES as usize;
        assert!(build_saml("a".repeat(limit)).is_ok());
        let Err(CredentialError::Invalid(m)) = build_saml("a".repeat(limit + 1)) else {
            panic!("an oversized assertion was accepted");
        };
        assert!(m.contains("saml_assertion"), "{m}");
        assert!(m.contains("limit of 256 KiB (262144 bytes)"), "{m}");
    }
}
