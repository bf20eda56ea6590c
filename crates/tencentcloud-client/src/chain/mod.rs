//! The credential chain, in the official provider's order (see [`plan`]): keys
//! (configured, else the shared profile), replaced by the CVM role when
//! `cam_role_name` is set, then the logins on top: the profile's role, the
//! environment's role, `assume_role`, SAML, OIDC, MFA, TKE pod OIDC. Invalid settings fail the build; finding nothing
//! does not: the source answers `NotFound` on first use, so the first read shows
//! one diagnostic listing every way to provide a credential.
//!
//! Above the call path: the AssumeRole source ([`AssumeRoleFetcher`]) calls STS
//! through it.

mod account_guard;
pub(crate) mod assume_role;
mod federated;
pub mod plan;

use std::sync::Arc;

pub use account_guard::{AccountGuardSource, AccountRule};
pub use assume_role::AssumeRoleFetcher;
pub use federated::{read_token, StsLoginFetcher};
pub use plan::{Base, CredentialPlan, ProfileFacts};

use crate::client::ClientConfig;
use crate::credentials::static_keys::{self, non_empty};
use crate::credentials::{
    normalize_assume_role, profile, AssumeRoleSettings, BoxFuture, Clock, Credential,
    CredentialError, CredentialSettings, CredentialSource, CvmRoleFetcher, LoginStep,
    RefreshingSource, StaticSource, SystemClock, DEFAULT_STS_ENDPOINT, ENV_ASSUME_ROLE_ARN,
    ENV_CAM_ROLE_NAME, ENV_PROFILE, ENV_SECRET_ID, ENV_SECRET_KEY, ENV_SECURITY_TOKEN,
    ENV_SHARED_CREDENTIALS_DIR,
};

/// Builds the source for `settings` (already merged from configuration and
/// environment), on the system clock, STS calls with the default call settings.
pub async fn build_credential_source(
    settings: CredentialSettings,
) -> Result<Arc<dyn CredentialSource>, CredentialError> {
    build_credential_source_with(settings, &ClientConfig::default(), Arc::new(SystemClock)).await
}

/// [`build_credential_source`] with the clock that times refreshes and signs STS
/// calls (tests move it by hand).
pub async fn build_credential_source_with_clock(
    settings: CredentialSettings,
    clock: Arc<dyn Clock>,
) -> Result<Arc<dyn CredentialSource>, CredentialError> {
    build_credential_source_with(settings, &ClientConfig::default(), clock).await
}

/// The STS endpoint: `TENCENTCLOUD_STS_ENDPOINT`, else `https://sts.<domain>` for a
/// configured `domain` (the official provider sets the SDK's root domain, which
/// applies to STS too), else the public `https://sts.tencentcloudapi.com`.
pub fn sts_endpoint(settings: &CredentialSettings) -> String {
    if let Some(url) = non_empty(&settings.sts_endpoint) {
        return url.to_owned();
    }
    match non_empty(&settings.sts_domain) {
        Some(domain) => format!("https://sts.{}", domain.trim().trim_matches('.')),
        None => DEFAULT_STS_ENDPOINT.to_owned(),
    }
}

/// The chain, its STS calls made with `api`'s call settings (timeout, retries,
/// backoff, `X-TC-RequestClient`; see [`AssumeRoleFetcher::new`]) and timed by
/// `clock`. It builds the [`plan::plan`] of the settings: the base credential, then
/// each login on top of the one before.
///
/// The only wait is the read of the shared profile file (through `local_file`: off
/// the caller's thread, at most its time bound); drop the future to stop waiting.
pub async fn build_credential_source_with(
    settings: CredentialSettings,
    api: &ClientConfig,
    clock: Arc<dyn Clock>,
) -> Result<Arc<dyn CredentialSource>, CredentialError> {
    let static_credential = static_keys::from_settings(&settings)?;
    let location = profile::credential_location(&settings)?;
    // As the official provider, the profile is read only without configured keys.
    let from_profile = match (&static_credential, &location.path) {
        (None, Some(path)) => profile::load_credential(path).await?,
        _ => None,
    };
    let facts = from_profile.map(|found| ProfileFacts {
        credential: found.credential,
        role_arn: found.role_arn,
        role_session_name: found.role_session_name,
    });
    let plan = plan::plan(&settings, static_credential, facts);
    for warning in &plan.warnings {
        tracing::warn!(target: crate::client::LOG_TARGET, "{warning}");
    }
    let sts = sts_endpoint(&settings);
    let guarded =
        !settings.allowed_account_ids.is_empty() || !settings.forbidden_account_ids.is_empty();
    if !plan.steps.is_empty() || guarded {
        // Checked now, whatever the base, so a bad value is reported with the
        // other settings.
        assume_role::check_sts_endpoint(&sts)?;
    }
    let mut current: Option<Arc<dyn CredentialSource>> = match plan.base {
        Base::Static(credential) | Base::Profile(credential) => {
            Some(Arc::new(StaticSource::new(credential)))
        }
        Base::CvmRole(role) => {
            let fetcher = CvmRoleFetcher::new(&role, settings.metadata_endpoint.as_deref())?;
            Some(Arc::new(RefreshingSource::new(fetcher, clock.clone())))
        }
        Base::Nothing => None,
    };
    for step in plan.steps {
        let needs_base = !step.replaces_base();
        let base = match current.take() {
            Some(base) => base,
            None if !needs_base => Arc::new(NotFoundSource::new(String::new())),
            None => {
                let looked_at = match &location.path {
                    Some(_) => format!("{} (not found)", location.display),
                    None => location.display.clone(),
                };
                let role = match &step {
                    LoginStep::AssumeRole(role) => Some(role),
                    _ => None,
                };
                return Ok(Arc::new(NotFoundSource::new(not_found_message(
                    &looked_at, role,
                ))));
            }
        };
        let next: Arc<dyn CredentialSource> = match step {
            LoginStep::AssumeRole(role) => {
                let fetcher = AssumeRoleFetcher::new(
                    normalize_assume_role(role)?,
                    base,
                    Some(&sts),
                    api,
                    clock.clone(),
                )?;
                Arc::new(RefreshingSource::new(fetcher, clock.clone()))
            }
            LoginStep::WebIdentity(w) => Arc::new(RefreshingSource::new(
                StsLoginFetcher::web_identity(w, Some(&sts), api, clock.clone())?,
                clock.clone(),
            )),
            LoginStep::Saml(saml) => Arc::new(RefreshingSource::new(
                StsLoginFetcher::saml(saml, Some(&sts), api, clock.clone())?,
                clock.clone(),
            )),
            LoginStep::SessionToken(mfa) => Arc::new(RefreshingSource::new(
                StsLoginFetcher::session_token(mfa, base, Some(&sts), api, clock.clone())?,
                clock.clone(),
            )),
        };
        current = Some(next);
    }
    match current {
        Some(source) => {
            match AccountRule::from_lists(
                &settings.allowed_account_ids,
                &settings.forbidden_account_ids,
            ) {
                None => Ok(source),
                Some(rule) => Ok(Arc::new(AccountGuardSource::new(
                    source,
                    rule,
                    Some(&sts),
                    api,
                    clock,
                )?)),
            }
        }
        None => {
            let looked_at = match &location.path {
                Some(_) => format!("{} (not found)", location.display),
                None => location.display,
            };
            Ok(Arc::new(NotFoundSource::new(not_found_message(
                &looked_at, None,
            ))))
        }
    }
}

/// The one message that lists every way to provide a credential.
/// `profile_file` is the shared profile file that was looked for, and its fate.
pub(crate) fn not_found_message(profile_file: &str, assume: Option<&AssumeRoleSettings>) -> String {
    let mut message = format!(
        "No Tencent Cloud credentials found. Provide them in one of these ways:\n\
         1. the provider attributes `secret_id` and `secret_key` (plus `security_token` for temporary keys);\n\
         2. the environment variables {ENV_SECRET_ID} and {ENV_SECRET_KEY} (plus {ENV_SECURITY_TOKEN});\n\
         3. a tccli profile file, looked for at {profile_file} (choose the profile with \
         `profile` or {ENV_PROFILE}, the directory with `shared_credentials_dir` or \
         {ENV_SHARED_CREDENTIALS_DIR}; `tccli configure` writes it);\n\
         4. a CVM instance role: `cam_role_name` or {ENV_CAM_ROLE_NAME} (on a Tencent Cloud CVM \
         instance with that role bound; it replaces the keys when set);\n\
         5. a login that needs no key: `assume_role_with_web_identity` (OIDC), \
         `assume_role_with_saml`, or `enable_pod_oidc` in a TKE pod.\n"
    );
    match assume {
        Some(role) => message.push_str(&format!(
            "An `assume_role` block is set (role {}): STS AssumeRole needs one of the credentials \
             above to sign its call.",
            role.role_arn
        )),
        None => message.push_str(&format!(
            "On top of any of these, an `assume_role` block (or {ENV_ASSUME_ROLE_ARN} and its \
             companions) makes the provider use a role through STS AssumeRole."
        )),
    }
    message
}

/// The source when nothing was found: every `credential()` answers `NotFound`.
#[derive(Debug, Clone)]
pub struct NotFoundSource {
    message: String,
}

impl NotFoundSource {
    pub fn new(message: String) -> Self {
        NotFoundSource { message }
    }
}

impl CredentialSource for NotFoundSource {
    fn credential(&self) -> BoxFuture<'_, Result<Credential, CredentialError>> {
        let error = CredentialError::NotFound(self.message.clone());
        Box::pin(async move { Err(error) })
    }

    fn identity(&self) -> String {
        "none".to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    /// An identity with each `#<16 hex digits>` digest shown as `#~`.
    fn shape(identity: &str) -> String {
        let mut out = String::new();
        let mut rest = identity;
        while let Some(at) = rest.find('#') {
            out.push_str(&rest[..=at]);
            let after = &rest[at + 1..];
            let digits = after.bytes().take_while(u8::is_ascii_hexdigit).count();
            assert_eq!(digits, 16, "{identity}");
            out.push('~');
            rest = &after[digits..];
        }
        out.push_str(rest);
        out
    }

    fn in_dir(dir: &Path) -> CredentialSettings {
        CredentialSettings {
            shared_credentials_dir: Some(dir.to_path_buf()),
            ..Default::default()
        }
    }

    fn write_profile(dir: &Path, name: &str, json: &str) {
        std::fs::write(dir.join(format!("{name}.credential")), json).unwrap();
    }

    fn role(arn: &str) -> AssumeRoleSettings {
        AssumeRoleSettings {
            role_arn: arn.into(),
            session_name: "s1".into(),
            session_duration: 900,
            policy: None,
            external_id: None,
            ..Default::default()
        }
    }

    #[tokio::test]
    async fn static_keys_win_over_the_profile_and_the_cvm_role_over_both() {
        let dir = tempfile::tempdir().unwrap();
        write_profile(
            dir.path(),
            "default",
            r#"{"secretId":"AKIDfile","secretKey":"k"}"#,
        );
        let settings = CredentialSettings {
            secret_id: Some("AKIDstatic".into()),
            secret_key: Some("k".into()),
            ..in_dir(dir.path())
        };
        let source = build_credential_source(settings.clone()).await.unwrap();
        assert_eq!(shape(&source.identity()), "static:AKIDstatic#~");
        assert_eq!(source.credential().await.unwrap().secret_id, "AKIDstatic");
        // The official provider replaces the keys with the CVM role's credential
        // (genClientWithCAM runs after the keys are set).
        let with_role = CredentialSettings {
            cam_role_name: Some("r".into()),
            metadata_endpoint: Some("http://127.0.0.1:1".into()),
            ..settings
        };
        assert_eq!(
            build_credential_source(with_role).await.unwrap().identity(),
            "cvm-role:r@http://127.0.0.1:1"
        );
    }

    #[tokio::test]
    async fn profile_keys_without_a_cvm_role() {
        let dir = tempfile::tempdir().unwrap();
        write_profile(
            dir.path(),
            "prod",
            r#"{"secretId":"AKIDprod","secretKey":"k","token":"t"}"#,
        );
        let settings = CredentialSettings {
            profile: Some("prod".into()),
            ..in_dir(dir.path())
        };
        let source = build_credential_source(settings).await.unwrap();
        assert_eq!(shape(&source.identity()), "static:AKIDprod#~");
        assert_eq!(
            source.credential().await.unwrap().exposed_token(),
            Some("t")
        );
    }

    #[tokio::test]
    async fn cam_role_is_used_when_no_profile_file_exists() {
        let dir = tempfile::tempdir().unwrap();
        let settings = CredentialSettings {
            cam_role_name: Some("tf-role".into()),
            metadata_endpoint: Some("http://127.0.0.1:1".into()),
            ..in_dir(dir.path())
        };
        let source = build_credential_source(settings).await.unwrap();
        assert_eq!(source.identity(), "cvm-role:tf-role@http://127.0.0.1:1");
    }

    #[tokio::test]
    async fn assume_role_sits_on_top_of_the_base() {
        let dir = tempfile::tempdir().unwrap();
        let settings = CredentialSettings {
            secret_id: Some("AKIDstatic".into()),
            secret_key: Some("k".into()),
            assume_role: Some(role("qcs::cam::uin/1:roleName/a")),
            ..in_dir(dir.path())
        };
        let source = build_credential_source(settings.clone()).await.unwrap();
        let identity = source.identity();
        assert_eq!(
            shape(&identity),
            "role:qcs::cam::uin/1:roleName/a/s1#~@static:AKIDstatic#~"
        );

        let mut with_policy = settings;
        with_policy.assume_role.as_mut().unwrap().policy = Some("{}".into());
        let with_policy = build_credential_source(with_policy)
            .await
            .unwrap()
            .identity();
        assert_eq!(shape(&with_policy), shape(&identity));
        assert_ne!(with_policy, identity);
    }

    #[tokio::test]
    async fn profile_role_is_assumed_and_a_block_chains_on_top() {
        let dir = tempfile::tempdir().unwrap();
        write_profile(
            dir.path(),
            "default",
            r#"{"secretId":"AKIDfile","secretKey":"k","role-arn":"qcs::cam::uin/1:roleName/p","role-session-name":"ps"}"#,
        );
        let source = build_credential_source(in_dir(dir.path())).await.unwrap();
        assert_eq!(
            shape(&source.identity()),
            "role:qcs::cam::uin/1:roleName/p/ps#~@static:AKIDfile#~"
        );

        // An `assume_role` block is chained on top of the profile's role, as the
        // official provider does (each AssumeRole signed with the credential before).
        let settings = CredentialSettings {
            assume_role: Some(role("qcs::cam::uin/1:roleName/c")),
            ..in_dir(dir.path())
        };
        let source = build_credential_source(settings).await.unwrap();
        assert_eq!(
            shape(&source.identity()),
            "role:qcs::cam::uin/1:roleName/c/s1#~@role:qcs::cam::uin/1:roleName/p/ps#~@static:AKIDfile#~"
        );

        // Without "role-session-name" the profile's role is ignored (with a warning).
        write_profile(
            dir.path(),
            "default",
            r#"{"secretId":"AKIDfile","secretKey":"k","role-arn":"qcs::cam::uin/1:roleName/p"}"#,
        );
        assert_eq!(
            shape(
                &build_credential_source(in_dir(dir.path()))
                    .await
                    .unwrap()
                    .identity()
            ),
            "static:AKIDfile#~"
        );
    }

    #[tokio::test]
    async fn nothing_found_fails_on_first_use_with_every_way_listed() {
        let dir = tempfile::tempdir().unwrap();
        let source = build_credential_source(in_dir(dir.path())).await.unwrap();
        assert_eq!(source.identity(), "none");
        let Err(CredentialError::NotFound(message)) = source.credential().await else {
            panic!("expected NotFound");
        };
        let file = dir.path().join("default.credential").display().to_string();
        for needle in [
            "`secret_id`",
            "`secret_key`",
            "`security_token`",
            "TENCENTCLOUD_SECRET_ID",
            "TENCENTCLOUD_SECRET_KEY",
            "TENCENTCLOUD_SECURITY_TOKEN",
            file.as_str(),
            "`profile`",
            "TENCENTCLOUD_PROFILE",
            "`shared_credentials_dir`",
            "TENCENTCLOUD_SHARED_CREDENTIALS_DIR",
            "`cam_role_name`",
            "TENCENTCLOUD_CAM_ROLE_NAME",
            "`assume_role`",
            "TENCENTCLOUD_ASSUME_ROLE_ARN",
        ] {
            assert!(
                message.contains(needle),
                "missing {needle:?} in:\n{message}"
            );
        }
    }

    #[tokio::test]
    async fn assume_role_without_a_base_says_so() {
        let dir = tempfile::tempdir().unwrap();
        let settings = CredentialSettings {
            assume_role: Some(role("qcs::cam::uin/1:roleName/a")),
            ..in_dir(dir.path())
        };
        let source = build_credential_source(settings).await.unwrap();
        let message = source.credential().await.unwrap_err().to_string();
        assert!(
            message.contains("role qcs::cam::uin/1:roleName/a"),
            "{message}"
        );
        assert!(
            message.contains("needs one of the credentials above"),
            "{message}"
        );
    }

    #[tokio::test]
    async fn invalid_settings_fail_the_build() {
        let dir = tempfile::tempdir().unwrap();
        let cases = [
            CredentialSettings {
                secret_id: Some("AKID".into()),
                ..in_dir(dir.path())
            },
            CredentialSettings {
                secret_id: Some("AKID".into()),
                secret_key: Some(" k".into()),
                ..in_dir(dir.path())
            },
            CredentialSettings {
                cam_role_name: Some("a/b".into()),
                ..in_dir(dir.path())
            },
            CredentialSettings {
                secret_id: Some("AKID".into()),
                secret_key: Some("k".into()),
                assume_role: Some(role("qcs::cam::uin/1:roleName/a")),
                sts_endpoint: Some("http://sts.example.com".into()),
                ..in_dir(dir.path())
            },
        ];
        for settings in cases {
            let result = build_credential_source(settings.clone()).await;
            assert!(
                matches!(result, Err(CredentialError::Invalid(_))),
                "{settings:?} built"
            );
        }
        write_profile(dir.path(), "default", "{not json");
        let Err(CredentialError::Invalid(m)) = build_credential_source(in_dir(dir.path())).await
        else {
            panic!("malformed profile accepted");
        };
        assert!(m.contains("default.credential"), "{m}");
    }
}
