//! Merging the decoded provider block with environment variables into the client's
//! and the credential chain's settings. Pure: the environment is passed in, so every
//! rule is table-tested. A value in the configuration wins over its environment
//! variable; empty strings count as absent (as the official provider treats them).
//! Environment values are checked by the same validators as the attributes they
//! stand for, in messages that name the variable.

use std::path::PathBuf;
use std::time::Duration;

use crate::protocol::decode::{env_value, Attr, AttrDef, FromValue};
use crate::protocol::{AttributePath, Diagnostics, Value};
use crate::provider::login_blocks::{assume_role, mfa, saml, web_identity};
use crate::provider::spec::{self, env_only as only};
use crate::provider::{defaults, env};
use tencentcloud_client::credentials::{
    AssumeRoleSettings, CredentialSettings, LoginStep, MfaSettings, SamlSettings,
    WebIdentitySettings, WebIdentityToken,
};
use tencentcloud_client::gaap::check_proxy_create::SERVICE as GAAP_SERVICE;
use tencentcloud_client::ClientConfig;

use super::decode::{decode, AssumeRoleConfig, MfaConfig, SamlConfig, WebIdentityConfig};

pub use crate::protocol::decode::INVALID_ENV;

/// Everything `Configure` produces.
#[derive(Debug, Clone)]
pub struct ProviderSettings {
    pub client: ClientConfig,
    pub credentials: CredentialSettings,
    /// Half-set or ignored settings, each saying what is missing or why it does
    /// nothing here; `Configure` returns them.
    pub warnings: Diagnostics,
    /// Whether a check answering 0 is explained from the catalogue (`explain`).
    pub explain: bool,
}

/// Where a setting came from, for messages.
#[derive(Clone, Copy)]
enum Source {
    Config(&'static str),
    Env(&'static str),
}

/// The environment and the diagnostics so far.
struct Env<'a> {
    lookup: &'a dyn Fn(&str) -> Option<String>,
    diags: Diagnostics,
}

impl Env<'_> {
    /// The configured value when known (and, for strings, non-empty), else the
    /// value of the attribute's environment variable, checked by its validators.
    fn or_env<T: FromValue + Clone>(
        &mut self,
        value: &Attr<T>,
        attr: &AttrDef,
    ) -> Option<(T, Source)> {
        if let Some(v) = value.known().filter(|v| !v.counts_as_absent()) {
            return Some((v.clone(), Source::Config(attr.name)));
        }
        let var = attr.env?;
        env_value(&mut self.diags, self.lookup, var, attr.checks).map(|v| (v, Source::Env(var)))
    }

    /// Like [`Env::or_env`], without saying where the value came from.
    fn value<T: FromValue + Clone>(&mut self, value: &Attr<T>, attr: &AttrDef) -> Option<T> {
        self.or_env(value, attr).map(|(v, _)| v)
    }

    /// Where a value is set, valid or not (for the key pair check, which is about
    /// presence; an invalid value has its own error).
    fn set_in(&self, value: &Attr<String>, attr: &AttrDef) -> Option<Source> {
        if value.known().is_some_and(|s| !s.is_empty()) {
            return Some(Source::Config(attr.name));
        }
        let var = attr.env?;
        (self.lookup)(var)
            .filter(|s| !s.is_empty())
            .map(|_| Source::Env(var))
    }
}

/// Merges a wholly known provider configuration with the environment. Errors name the
/// attribute (as a path) or the environment variable, and never contain a secret.
/// `region` stays `None` when neither sets it; the caller may take it from the profile.
pub fn merge(
    config: &Value,
    lookup: &dyn Fn(&str) -> Option<String>,
) -> Result<ProviderSettings, Diagnostics> {
    let decoded = decode(config);
    let Some(c) = decoded.value else {
        return Err(decoded.diagnostics);
    };
    let mut e = Env {
        lookup,
        diags: decoded.diagnostics,
    };

    let secret_id = e.value(&c.secret_id, &spec::SECRET_ID);
    let secret_key = e.value(&c.secret_key, &spec::SECRET_KEY);
    let security_token = e.value(&c.security_token, &spec::SECURITY_TOKEN);
    let id_set = e.set_in(&c.secret_id, &spec::SECRET_ID);
    let key_set = e.set_in(&c.secret_key, &spec::SECRET_KEY);
    check_key_pair(&mut e.diags, id_set, key_set);

    // An environment region goes into the X-TC-Region header, so it is checked too.
    let region = e.value(&c.region, &spec::REGION);
    // An explicit GAAP endpoint wins for GAAP; a configured domain still applies to
    // STS (`sts.<domain>`), as the official provider's root domain does.
    let configured_domain = e.value(&c.domain, &spec::DOMAIN);
    let (domain, endpoint) = match e.value(&c.endpoint, &spec::ENDPOINT) {
        Some(url) => (defaults::DOMAIN.to_owned(), Some(url)),
        None => (
            configured_domain
                .clone()
                .unwrap_or_else(|| defaults::DOMAIN.to_owned()),
            None,
        ),
    };
    let request_timeout = e
        .value(&c.request_timeout, &spec::REQUEST_TIMEOUT)
        .and_then(|s| Duration::try_from_secs_f64(s).ok())
        .unwrap_or(Duration::from_secs(defaults::REQUEST_TIMEOUT_SECONDS));
    let max_retries = e
        .value(&c.max_retries, &spec::MAX_RETRIES)
        .and_then(|n| u32::try_from(n).ok())
        .unwrap_or(defaults::MAX_RETRIES);
    let throttle_retry_budget = env_only::<u64>(&mut e, &only::READ_RETRY_TIMEOUT)
        .map(|minutes| Duration::from_secs(minutes * 60))
        .unwrap_or(defaults::THROTTLE_RETRY_BUDGET);
    let rate_limit = e
        .value(&c.rate_limit, &spec::RATE_LIMIT)
        .unwrap_or(f64::from(defaults::RATE_LIMIT));

    let profile = e.value(&c.profile, &spec::PROFILE);
    let shared_credentials_dir = e
        .value(&c.shared_credentials_dir, &spec::SHARED_CREDENTIALS_DIR)
        .map(PathBuf::from);
    let cam_role_name = e.value(&c.cam_role_name, &spec::CAM_ROLE_NAME);
    let mut warnings = Diagnostics::new();
    let any_role_block = c.assume_role.known().is_some()
        || c.assume_role_with_saml.known().is_some()
        || c.assume_role_with_web_identity.known().is_some();
    let env_login = env_login(&mut e, &mut warnings, any_role_block);
    let assume_role = c
        .assume_role
        .known()
        .and_then(|block| assume_role(&mut e, Some(block)));
    let mut then = Vec::new();
    if let Some(block) = c.assume_role_with_saml.known() {
        then.extend(saml(&mut e, block).map(LoginStep::Saml));
    }
    if let Some(block) = c.assume_role_with_web_identity.known() {
        then.extend(web_identity(&mut e, block).map(LoginStep::WebIdentity));
    }
    then.extend(mfa_from_env(&mut e, &mut warnings).map(LoginStep::SessionToken));
    if let Some(block) = c.mfa_certification.known() {
        then.extend(mfa(&mut e, block).map(LoginStep::SessionToken));
    }
    let pod_oidc = e
        .value(&c.enable_pod_oidc, &spec::ENABLE_POD_OIDC)
        .unwrap_or(false);
    if pod_oidc {
        then.extend(pod_oidc_login(&mut e).map(LoginStep::WebIdentity));
    }
    let protocol = e.value(&c.protocol, &spec::PROTOCOL);
    if protocol.as_deref() == Some("HTTP") {
        warnings.add_attribute_warning(
            AttributePath::attribute(spec::PROTOCOL.name),
            "Protocol HTTP Ignored",
            "`protocol = \"HTTP\"` (or TENCENTCLOUD_PROTOCOL=HTTP) is accepted for \
             compatibility with the official provider but ignored: this provider reaches \
             Tencent Cloud hosts over HTTPS only, so signed requests are never sent in clear \
             text. Remove it, or set an `http://` loopback `endpoint` for an emulator.",
        );
    }
    // Accepted and unused: no COS calls are made.
    let _ = e.value(&c.cos_domain, &spec::COS_DOMAIN);
    let allowed_account_ids = c.allowed_account_ids.known().cloned().unwrap_or_default();
    let forbidden_account_ids = c.forbidden_account_ids.known().cloned().unwrap_or_default();

    let sts_endpoint = env_only(&mut e, &only::STS_ENDPOINT);
    let metadata_endpoint = env_only(&mut e, &only::METADATA_ENDPOINT);

    if e.diags.has_errors() {
        return Err(e.diags);
    }
    Ok(ProviderSettings {
        explain: c.explain.known().copied().unwrap_or(defaults::EXPLAIN),
        client: ClientConfig {
            domain,
            endpoints: endpoint
                .map(|url| (GAAP_SERVICE.to_owned(), url))
                .into_iter()
                .collect(),
            region,
            request_timeout,
            max_retries,
            rate_limit,
            request_client: defaults::REQUEST_CLIENT.to_owned(),
            throttle_retry_budget,
            ..ClientConfig::default()
        },
        credentials: CredentialSettings {
            secret_id,
            secret_key,
            security_token,
            profile,
            shared_credentials_dir,
            cam_role_name,
            assume_role,
            sts_endpoint,
            metadata_endpoint,
            env_login,
            then,
            sts_domain: configured_domain,
            allowed_account_ids,
            forbidden_account_ids,
        },
        warnings,
    })
}

fn check_key_pair(diags: &mut Diagnostics, id: Option<Source>, key: Option<Source>) {
    let (given, missing_attr, missing_var) = match (id, key) {
        (Some(s), None) => (s, spec::SECRET_KEY.name, env::SECRET_KEY),
        (None, Some(s)) => (s, spec::SECRET_ID.name, env::SECRET_ID),
        _ => return,
    };
    let given_name = match given {
        Source::Config(attr) => format!("attribute {attr}"),
        Source::Env(var) => format!("environment variable {var}"),
    };
    let detail = format!(
        "An API key needs both halves: {given_name} is set but neither attribute \
         {missing_attr} nor environment variable {missing_var} is. Set {missing_attr} (or \
         {missing_var}), or remove {given_name} to use the shared credentials profile or the \
         CVM role instead."
    );
    match given {
        Source::Config(attr) => {
            diags.add_attribute_error(AttributePath::attribute(attr), "Incomplete API Key", detail)
        }
        Source::Env(_) => diags.add_error("Incomplete API Key", detail),
    }
}

/// The `assume_role` block, its fields falling back to their environment variables
/// (the official provider's `DefaultFunc`s).
fn assume_role(e: &mut Env<'_>, block: Option<&AssumeRoleConfig>) -> Option<AssumeRoleSettings> {
    let b = block?;
    // Without a role the other settings are not used, so not checked either.
    let role_arn = required(
        e,
        &b.role_arn,
        &assume_role::ROLE_ARN,
        assume_role::BLOCK.name,
    )?;
    let session_name = e.value(&b.session_name, &assume_role::SESSION_NAME);
    let session_duration = e.value(&b.session_duration, &assume_role::SESSION_DURATION);
    let external_id = e.value(&b.external_id, &assume_role::EXTERNAL_ID);
    Some(AssumeRoleSettings {
        role_arn,
        session_name: session_name.unwrap_or_else(|| defaults::SESSION_NAME.to_owned()),
        session_duration: session_duration.unwrap_or(defaults::SESSION_DURATION),
        policy: b.policy.known().filter(|p| !p.is_empty()).cloned(),
        external_id,
        source_identity: e.value(&b.source_identity, &assume_role::SOURCE_IDENTITY),
        serial_number: e.value(&b.serial_number, &assume_role::SERIAL_NUMBER),
        token_code: e.value(&b.token_code, &assume_role::TOKEN_CODE),
    })
}

/// An attribute's environment variable alone, checked by its validators.
fn env_only<T: FromValue + Clone>(e: &mut Env<'_>, attr: &AttrDef) -> Option<T> {
    let var = attr.env?;
    env_value(&mut e.diags, e.lookup, var, attr.checks)
}

/// The official provider's environment path: `TENCENTCLOUD_ASSUME_ROLE_ARN` with
/// `TENCENTCLOUD_ASSUME_ROLE_SESSION_NAME` log in as that role (AssumeRole, or SAML
/// or OIDC when their variables are set), before any block. An ARN without a session
/// name is ignored by the official provider; here too, with a warning.
fn env_login(e: &mut Env<'_>, warnings: &mut Diagnostics, any_block: bool) -> Option<LoginStep> {
    let arn: Option<String> = env_only(e, &assume_role::ROLE_ARN);
    let session: Option<String> = env_only(e, &assume_role::SESSION_NAME);
    let (arn, session) = match (arn, session) {
        (Some(arn), Some(session)) => (arn, session),
        (Some(_), None) if !any_block => {
            warnings.add_attribute_warning(
                AttributePath::attribute(assume_role::BLOCK.name),
                "Role From The Environment Ignored",
                format!(
                    "{} is set but {} is not, so no role is assumed (the official provider \
                     ignores the ARN alone too). Set {} to assume the role, or unset {}.",
                    env::ASSUME_ROLE_ARN,
                    env::ASSUME_ROLE_SESSION_NAME,
                    env::ASSUME_ROLE_SESSION_NAME,
                    env::ASSUME_ROLE_ARN
                ),
            );
            return None;
        }
        _ => return None,
    };
    let duration: u64 = env_only(e, &assume_role::SESSION_DURATION)
        .filter(|d| *d != 0)
        .unwrap_or(defaults::SESSION_DURATION);
    let assertion: Option<String> = env_only(e, &saml::SAML_ASSERTION);
    let principal: Option<String> = env_only(e, &saml::PRINCIPAL_ARN);
    let token: Option<String> = env_only(e, &web_identity::WEB_IDENTITY_TOKEN);
    match (assertion, principal, token) {
        (None, None, None) => Some(LoginStep::AssumeRole(AssumeRoleSettings {
            role_arn: arn,
            session_name: session,
            session_duration: duration,
            external_id: env_only(e, &assume_role::EXTERNAL_ID),
            source_identity: env_only(e, &assume_role::SOURCE_IDENTITY),
            serial_number: env_only(e, &assume_role::SERIAL_NUMBER),
            token_code: env_only(e, &assume_role::TOKEN_CODE),
            ..AssumeRoleSettings::default()
        })),
        (Some(_), Some(_), Some(_)) => {
            e.diags.add_error(
                "Conflicting Logins In The Environment",
                format!(
                    "{}, {} and {} are all set: log in either with SAML (the first two) or \
                     with OIDC (the last), as the official provider requires.",
                    env::ASSUME_ROLE_SAML_ASSERTION,
                    env::ASSUME_ROLE_PRINCIPAL_ARN,
                    env::ASSUME_ROLE_WEB_IDENTITY_TOKEN
                ),
            );
            None
        }
        (Some(assertion), Some(principal), None) => Some(LoginStep::Saml(SamlSettings {
            saml_assertion: assertion,
            principal_arn: principal,
            role_arn: arn,
            session_name: session,
            session_duration: duration,
        })),
        (_, _, Some(token)) => Some(LoginStep::WebIdentity(WebIdentitySettings {
            provider_id: env_only(e, &web_identity::PROVIDER_ID).unwrap_or_default(),
            token: WebIdentityToken::Inline(token),
            role_arn: arn,
            session_name: session,
            session_duration: duration,
        })),
        (assertion, _, None) => {
            let (set, missing) = if assertion.is_some() {
                (
                    env::ASSUME_ROLE_SAML_ASSERTION,
                    env::ASSUME_ROLE_PRINCIPAL_ARN,
                )
            } else {
                (
                    env::ASSUME_ROLE_PRINCIPAL_ARN,
                    env::ASSUME_ROLE_SAML_ASSERTION,
                )
            };
            e.diags.add_error(
                "Incomplete SAML Login",
                format!("{set} is set but {missing} is not: a SAML login needs both."),
            );
            None
        }
    }
}

/// A required field of a login block: configured, else its environment variable,
/// else an error naming both.
fn required(
    e: &mut Env<'_>,
    value: &Attr<String>,
    attr: &AttrDef,
    block: &'static str,
) -> Option<String> {
    let got = e.value(value, attr);
    if got.is_none() && !value.is_unknown() {
        e.diags.add_attribute_error(
            AttributePath::attribute(block).index(0).attr(attr.name),
            "Missing Login Setting",
            format!(
                "The `{block}` block needs `{}`: set it here or in the environment variable \
                 {}.",
                attr.name,
                attr.env.unwrap_or_default()
            ),
        );
    }
    got
}

fn saml(e: &mut Env<'_>, b: &SamlConfig) -> Option<SamlSettings> {
    let block = saml::BLOCK.name;
    let saml_assertion = required(e, &b.saml_assertion, &saml::SAML_ASSERTION, block);
    let principal_arn = required(e, &b.principal_arn, &saml::PRINCIPAL_ARN, block);
    let role_arn = required(e, &b.role_arn, &assume_role::ROLE_ARN, block);
    let session_name = required(e, &b.session_name, &assume_role::SESSION_NAME, block);
    let session_duration = e
        .value(&b.session_duration, &assume_role::SESSION_DURATION)
        .unwrap_or(defaults::SESSION_DURATION);
    Some(SamlSettings {
        saml_assertion: saml_assertion?,
        principal_arn: principal_arn?,
        role_arn: role_arn?,
        session_name: session_name?,
        session_duration,
    })
}

fn web_identity(e: &mut Env<'_>, b: &WebIdentityConfig) -> Option<WebIdentitySettings> {
    let block = web_identity::BLOCK.name;
    // The token wins over the file, as in the official provider.
    let token = e
        .value(&b.web_identity_token, &web_identity::WEB_IDENTITY_TOKEN)
        .map(WebIdentityToken::Inline)
        .or_else(|| {
            e.value(
                &b.web_identity_token_file,
                &web_identity::WEB_IDENTITY_TOKEN_FILE,
            )
            .map(|f| WebIdentityToken::File(PathBuf::from(f)))
        });
    if token.is_none() && !b.web_identity_token.is_unknown() {
        e.diags.add_attribute_error(
            AttributePath::attribute(block).index(0),
            "Missing Web Identity Token",
            format!(
                "The `{block}` block needs `web_identity_token` or `web_identity_token_file` \
                 (or the environment variable {} or {}).",
                env::ASSUME_ROLE_WEB_IDENTITY_TOKEN,
                env::ASSUME_ROLE_WEB_IDENTITY_TOKEN_FILE
            ),
        );
    }
    let role_arn = required(e, &b.role_arn, &assume_role::ROLE_ARN, block);
    let session_name = required(e, &b.session_name, &assume_role::SESSION_NAME, block);
    let session_duration = e
        .value(&b.session_duration, &assume_role::SESSION_DURATION)
        .unwrap_or(defaults::SESSION_DURATION);
    Some(WebIdentitySettings {
        provider_id: e
            .value(&b.provider_id, &web_identity::PROVIDER_ID)
            .unwrap_or_default(),
        token: token?,
        role_arn: role_arn?,
        session_name: session_name?,
        session_duration,
    })
}

/// `TENCENTCLOUD_MFA_CERTIFICATION_SERIAL_NUMBER` with `..._TOKEN_CODE` (both), as
/// the official provider reads them without a block; one alone is a warning.
fn mfa_from_env(e: &mut Env<'_>, warnings: &mut Diagnostics) -> Option<MfaSettings> {
    let serial: Option<String> = env_only(e, &mfa::SERIAL_NUMBER);
    let code: Option<String> = env_only(e, &mfa::TOKEN_CODE);
    match (serial, code) {
        (Some(serial_number), Some(token_code)) => Some(MfaSettings {
            serial_number,
            token_code,
            duration_seconds: env_only(e, &mfa::DURATION_SECONDS).unwrap_or(0),
        }),
        (None, None) => None,
        (serial, _) => {
            let (set, missing) = if serial.is_some() {
                (
                    env::MFA_CERTIFICATION_SERIAL_NUMBER,
                    env::MFA_CERTIFICATION_TOKEN_CODE,
                )
            } else {
                (
                    env::MFA_CERTIFICATION_TOKEN_CODE,
                    env::MFA_CERTIFICATION_SERIAL_NUMBER,
                )
            };
            warnings.add_attribute_warning(
                AttributePath::attribute(mfa::BLOCK.name),
                "MFA From The Environment Ignored",
                format!(
                    "{set} is set but {missing} is not, so no MFA check is made (the official \
                     provider ignores one alone too). Set both, or use an `mfa_certification` \
                     block."
                ),
            );
            None
        }
    }
}

fn mfa(e: &mut Env<'_>, b: &MfaConfig) -> Option<MfaSettings> {
    let block = mfa::BLOCK.name;
    let serial = required(e, &b.serial_number, &mfa::SERIAL_NUMBER, block);
    let code = required(e, &b.token_code, &mfa::TOKEN_CODE, block);
    let duration_seconds = e
        .value(&b.duration_seconds, &mfa::DURATION_SECONDS)
        .unwrap_or(0);
    Some(MfaSettings {
        serial_number: serial?,
        token_code: code?,
        duration_seconds,
    })
}

/// `enable_pod_oidc`: the TKE pod's identity from its four environment variables,
/// all required (as in the official provider).
fn pod_oidc_login(e: &mut Env<'_>) -> Option<WebIdentitySettings> {
    let names = [
        env::TKE_REGION,
        env::TKE_PROVIDER_ID,
        env::TKE_WEB_IDENTITY_TOKEN_FILE,
        env::TKE_ROLE_ARN,
    ];
    let values: Vec<Option<String>> = names
        .iter()
        .map(|n| (e.lookup)(n).filter(|v| !v.trim().is_empty()))
        .collect();
    let missing: Vec<&str> = names
        .iter()
        .zip(&values)
        .filter(|(_, v)| v.is_none())
        .map(|(n, _)| *n)
        .collect();
    if !missing.is_empty() {
        e.diags.add_attribute_error(
            AttributePath::attribute(spec::ENABLE_POD_OIDC.name),
            "TKE Pod Identity Not Found",
            format!(
                "`enable_pod_oidc` needs the environment variables {}, which TKE sets in a pod \
                 whose service account is bound to a CAM role; missing: {}.",
                names.join(", "),
                missing.join(", ")
            ),
        );
        return None;
    }
    let [_, provider, file, role] = [0, 1, 2, 3].map(|i| values[i].clone().unwrap_or_default());
    Some(WebIdentitySettings {
        provider_id: provider,
        token: WebIdentityToken::File(PathBuf::from(file)),
        role_arn: role,
        session_name: defaults::SESSION_NAME.to_owned(),
        session_duration: defaults::SESSION_DURATION,
    })
}

#[cfg(test)]
#[path = "merge_tests/mod.rs"]
mod tests;
