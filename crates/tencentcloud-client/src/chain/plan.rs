//! The official provider's precedence as a pure function: from the merged settings
//! (and what the shared profile file holds) to a [`CredentialPlan`]: the credential
//! to start from and the logins applied on top of it, in order. The chain then
//! builds exactly that.
//!
//! It follows `providerConfigure` in terraform-provider-tencentcloud
//! `tencentcloud/provider.go`, where each step overwrites the client's credential:
//! 1. `secret_id`/`secret_key`/`security_token` (or their environment variables);
//!    only when all three are empty, the profile's `secretId`/`secretKey`/`token`;
//! 2. `cam_role_name`: the CVM role's credential replaces the keys (`genClientWithCAM`);
//! 3. the profile's `role-arn` with `role-session-name` (both; only when the profile
//!    was read in 1): AssumeRole, 7200 s;
//! 4. `TENCENTCLOUD_ASSUME_ROLE_ARN` with `TENCENTCLOUD_ASSUME_ROLE_SESSION_NAME`
//!    (both): AssumeRole, or SAML / OIDC when their environment variables are set;
//! 5. the `assume_role` block: AssumeRole signed with the credential so far;
//! 6. `assume_role_with_saml`; 7. `assume_role_with_web_identity` (unsigned,
//!    replacing the credential);
//! 8. `TENCENTCLOUD_MFA_CERTIFICATION_SERIAL_NUMBER` with `..._TOKEN_CODE`;
//!    9. `mfa_certification`: GetSessionToken signed with the credential so far;
//! 10. `enable_pod_oidc`: OIDC from the TKE pod's environment.
//!
//! Steps 4 to 10 come from the provider's merge (`env_login`, `assume_role`, `then`).
//! Where the official provider silently ignores a half-set configuration (a profile
//! `role-arn` without `role-session-name`), the plan carries a warning.

use crate::credentials::{AssumeRoleSettings, Credential, CredentialSettings, LoginStep};

/// The credential the logins start from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Base {
    /// Keys from the configuration or the environment.
    Static(Credential),
    /// Keys from the shared profile file.
    Profile(Credential),
    /// The CVM instance role of this name.
    CvmRole(String),
    /// None found; fine when the first login needs none (OIDC, SAML).
    Nothing,
}

/// What the chain builds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CredentialPlan {
    pub base: Base,
    pub steps: Vec<LoginStep>,
    /// Half-set configurations that are ignored, each saying what is missing.
    pub warnings: Vec<String>,
}

/// What the shared profile's `.credential` holds, as far as the plan cares.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProfileFacts {
    pub credential: Credential,
    pub role_arn: Option<String>,
    pub role_session_name: Option<String>,
}

/// The plan for `settings`. `static_keys` is the configured key pair (already
/// checked); `profile` is read by the caller only when there is none, as the
/// official provider reads the profile only then.
pub fn plan(
    settings: &CredentialSettings,
    static_keys: Option<Credential>,
    profile: Option<ProfileFacts>,
) -> CredentialPlan {
    let mut warnings = Vec::new();
    let mut steps = Vec::new();
    let cam_role = settings
        .cam_role_name
        .as_deref()
        .filter(|r| !r.is_empty())
        .map(str::to_owned);
    let mut base = match (static_keys, &profile) {
        (Some(keys), _) => Base::Static(keys),
        (None, Some(p)) => Base::Profile(p.credential.clone()),
        (None, None) => Base::Nothing,
    };
    if let Some(role) = cam_role {
        base = Base::CvmRole(role);
    }
    if let Some(p) = &profile {
        match (&p.role_arn, &p.role_session_name) {
            (Some(arn), Some(session)) => steps.push(LoginStep::AssumeRole(AssumeRoleSettings {
                role_arn: arn.clone(),
                session_name: session.clone(),
                session_duration: 7200,
                ..AssumeRoleSettings::default()
            })),
            (Some(arn), None) => warnings.push(format!(
                "the shared profile has \"role-arn\" {arn} but no \"role-session-name\"; the \
                 role is not assumed (as the official provider does). Add \"role-session-name\" \
                 to the profile file, or use an `assume_role` block."
            )),
            _ => {}
        }
    }
    if let Some(step) = &settings.env_login {
        steps.push(step.clone());
    }
    if let Some(role) = &settings.assume_role {
        steps.push(LoginStep::AssumeRole(role.clone()));
    }
    steps.extend(settings.then.iter().cloned());
    // A login that needs no credential makes everything before it irrelevant.
    if let Some(last) = steps.iter().rposition(LoginStep::replaces_base) {
        steps.drain(..last);
        base = Base::Nothing;
    }
    CredentialPlan {
        base,
        steps,
        warnings,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::credentials::{MfaSettings, SamlSettings, WebIdentitySettings, WebIdentityToken};

    fn keys(id: &str) -> Credential {
        Credential {
            secret_id: id.into(),
            secret_key: "k".into(),
            token: None,
        }
    }

    fn role(arn: &str, session: &str) -> AssumeRoleSettings {
        AssumeRoleSettings {
            role_arn: arn.into(),
            session_name: session.into(),
            session_duration: 7200,
            ..AssumeRoleSettings::default()
        }
    }

    fn profile(role_arn: Option<&str>, session: Option<&str>) -> ProfileFacts {
        ProfileFacts {
            credential: keys("AKIDprofile"),
            role_arn: role_arn.map(Into::into),
            role_session_name: session.map(Into::into),
        }
    }

    fn oidc() -> LoginStep {
        LoginStep::WebIdentity(WebIdentitySettings {
            provider_id: "OIDC".into(),
            token: WebIdentityToken::File("/var/run/token".into()),
            role_arn: "qcs::cam::uin/1:roleName/oidc".into(),
            session_name: "ci".into(),
            session_duration: 0,
        })
    }

    fn mfa() -> LoginStep {
        LoginStep::SessionToken(MfaSettings {
            serial_number: "qcs::cam:uin/1::mfa/softToken".into(),
            token_code: "123456".into(),
            duration_seconds: 1800,
        })
    }

    /// One row per official rule: settings, keys, profile => base, step kinds.
    #[test]
    fn precedence_table() {
        let cam = |name: &str| CredentialSettings {
            cam_role_name: Some(name.into()),
            ..CredentialSettings::default()
        };
        let block = CredentialSettings {
            assume_role: Some(role("qcs::cam::uin/1:roleName/block", "b")),
            ..CredentialSettings::default()
        };
        let saml = LoginStep::Saml(SamlSettings {
            saml_assertion: "a".into(),
            principal_arn: "p".into(),
            role_arn: "qcs::cam::uin/1:roleName/saml".into(),
            session_name: "s".into(),
            session_duration: 0,
        });
        let kinds = |p: &CredentialPlan| -> Vec<&'static str> {
            p.steps
                .iter()
                .map(|s| match s {
                    LoginStep::AssumeRole(_) => "AssumeRole",
                    LoginStep::WebIdentity(_) => "WebIdentity",
                    LoginStep::Saml(_) => "Saml",
                    LoginStep::SessionToken(_) => "SessionToken",
                })
                .collect()
        };
        let rows: Vec<(&str, CredentialPlan, Base, Vec<&str>)> = vec![
            (
                "static keys alone",
                plan(&CredentialSettings::default(), Some(keys("AKIDs")), None),
                Base::Static(keys("AKIDs")),
                vec![],
            ),
            (
                "cam_role_name replaces static keys (genClientWithCAM overwrites them)",
                plan(&cam("r"), Some(keys("AKIDs")), None),
                Base::CvmRole("r".into()),
                vec![],
            ),
            (
                "profile keys when no static keys",
                plan(
                    &CredentialSettings::default(),
                    None,
                    Some(profile(None, None)),
                ),
                Base::Profile(keys("AKIDprofile")),
                vec![],
            ),
            (
                "profile role needs its session name: ignored with a warning",
                plan(
                    &CredentialSettings::default(),
                    None,
                    Some(profile(Some("qcs::cam::uin/1:roleName/p"), None)),
                ),
                Base::Profile(keys("AKIDprofile")),
                vec![],
            ),
            (
                "profile role on the CVM role",
                plan(
                    &cam("r"),
                    None,
                    Some(profile(Some("qcs::cam::uin/1:roleName/p"), Some("ps"))),
                ),
                Base::CvmRole("r".into()),
                vec!["AssumeRole"],
            ),
            (
                "assume_role block chained on the profile's role",
                plan(
                    &block,
                    None,
                    Some(profile(Some("qcs::cam::uin/1:roleName/p"), Some("ps"))),
                ),
                Base::Profile(keys("AKIDprofile")),
                vec!["AssumeRole", "AssumeRole"],
            ),
            (
                "env role, then the block",
                plan(
                    &CredentialSettings {
                        env_login: Some(LoginStep::AssumeRole(role(
                            "qcs::cam::uin/1:roleName/env",
                            "e",
                        ))),
                        ..block.clone()
                    },
                    Some(keys("AKIDs")),
                    None,
                ),
                Base::Static(keys("AKIDs")),
                vec!["AssumeRole", "AssumeRole"],
            ),
            (
                "OIDC replaces everything before it; MFA after it is signed by the role",
                plan(
                    &CredentialSettings {
                        then: vec![oidc(), mfa()],
                        ..block.clone()
                    },
                    Some(keys("AKIDs")),
                    None,
                ),
                Base::Nothing,
                vec!["WebIdentity", "SessionToken"],
            ),
            (
                "SAML without any key",
                plan(
                    &CredentialSettings {
                        then: vec![saml],
                        ..CredentialSettings::default()
                    },
                    None,
                    None,
                ),
                Base::Nothing,
                vec!["Saml"],
            ),
            (
                "MFA on static keys",
                plan(
                    &CredentialSettings {
                        then: vec![mfa()],
                        ..CredentialSettings::default()
                    },
                    Some(keys("AKIDs")),
                    None,
                ),
                Base::Static(keys("AKIDs")),
                vec!["SessionToken"],
            ),
        ];
        for (name, got, base, steps) in rows {
            assert_eq!(got.base, base, "{name}");
            assert_eq!(kinds(&got), steps, "{name}");
        }
        let warned = plan(
            &CredentialSettings::default(),
            None,
            Some(profile(Some("qcs::cam::uin/1:roleName/p"), None)),
        );
        assert_eq!(warned.warnings.len(), 1);
        assert!(warned.warnings[0].contains("role-session-name"));
    }
}
