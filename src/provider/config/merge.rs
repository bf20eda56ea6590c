//! Merging the decoded provider block with environment variables into the client's
//! and the credential chain's settings. Pure: the environment is passed in, so every
//! rule is table-tested. A value in the configuration wins over its environment
//! variable; empty strings count as absent (as the official provider treats them).
//! Environment values are checked by the same validators as the attributes they
//! stand for, in messages that name the variable.

use std::path::PathBuf;
use std::time::Duration;

use crate::protocol::{AttributePath, Diagnostics, Value};
use crate::provider::decode::{env_value, Attr, AttrSpec, FromValue};
use crate::provider::spec::{self, attr as a};
use crate::provider::{defaults, env};
use tencentcloud_client::credentials::{AssumeRoleSettings, CredentialSettings};
use tencentcloud_client::gaap::check_proxy_create::SERVICE as GAAP_SERVICE;
use tencentcloud_client::ClientConfig;

use super::decode::{decode, AssumeRoleConfig};

pub use crate::provider::decode::INVALID_ENV;

/// Everything `Configure` produces.
#[derive(Debug, Clone)]
pub struct ProviderSettings {
    pub client: ClientConfig,
    pub credentials: CredentialSettings,
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
    /// environment variable's, checked by `spec`'s validators.
    fn or_env<T: FromValue + Clone>(
        &mut self,
        value: &Attr<T>,
        spec: &AttrSpec,
        var: &'static str,
    ) -> Option<(T, Source)> {
        if let Some(v) = value.known().filter(|v| !v.counts_as_absent()) {
            return Some((v.clone(), Source::Config(spec.name)));
        }
        env_value(&mut self.diags, self.lookup, var, spec.checks).map(|v| (v, Source::Env(var)))
    }

    /// Like [`Env::or_env`], without saying where the value came from.
    fn value<T: FromValue + Clone>(
        &mut self,
        value: &Attr<T>,
        spec: &AttrSpec,
        var: &'static str,
    ) -> Option<T> {
        self.or_env(value, spec, var).map(|(v, _)| v)
    }

    /// Where a value is set, valid or not (for the key pair check, which is about
    /// presence; an invalid value has its own error).
    fn set_in(
        &self,
        value: &Attr<String>,
        attr: &'static str,
        var: &'static str,
    ) -> Option<Source> {
        if value.known().is_some_and(|s| !s.is_empty()) {
            return Some(Source::Config(attr));
        }
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

    let secret_id = e.value(&c.secret_id, &spec::SECRET_ID, env::SECRET_ID);
    let secret_key = e.value(&c.secret_key, &spec::SECRET_KEY, env::SECRET_KEY);
    let security_token = e.value(
        &c.security_token,
        &spec::SECURITY_TOKEN,
        env::SECURITY_TOKEN,
    );
    let id_set = e.set_in(&c.secret_id, a::SECRET_ID, env::SECRET_ID);
    let key_set = e.set_in(&c.secret_key, a::SECRET_KEY, env::SECRET_KEY);
    check_key_pair(&mut e.diags, id_set, key_set);

    // An environment region goes into the X-TC-Region header, so it is checked too.
    let region = e.value(&c.region, &spec::REGION, env::REGION);
    // An explicit GAAP endpoint wins; the domain is then not read.
    let (domain, endpoint) = match e.value(&c.endpoint, &spec::ENDPOINT, env::GAAP_ENDPOINT) {
        Some(url) => (defaults::DOMAIN.to_owned(), Some(url)),
        None => {
            let domain = e.value(&c.domain, &spec::DOMAIN, env::DOMAIN);
            (domain.unwrap_or_else(|| defaults::DOMAIN.to_owned()), None)
        }
    };
    let request_timeout = e
        .value(
            &c.request_timeout,
            &spec::REQUEST_TIMEOUT,
            env::REQUEST_TIMEOUT,
        )
        .and_then(|s| Duration::try_from_secs_f64(s).ok())
        .unwrap_or(Duration::from_secs(defaults::REQUEST_TIMEOUT_SECONDS));
    let max_retries = e
        .value(&c.max_retries, &spec::MAX_RETRIES, env::MAX_RETRIES)
        .and_then(|n| u32::try_from(n).ok())
        .unwrap_or(defaults::MAX_RETRIES);
    let rate_limit = e
        .value(&c.rate_limit, &spec::RATE_LIMIT, env::RATE_LIMIT)
        .unwrap_or(f64::from(defaults::RATE_LIMIT));

    let profile = e.value(&c.profile, &spec::PROFILE, env::PROFILE);
    let shared_credentials_dir = e
        .value(
            &c.shared_credentials_dir,
            &spec::SHARED_CREDENTIALS_DIR,
            env::SHARED_CREDENTIALS_DIR,
        )
        .map(PathBuf::from);
    let cam_role_name = e.value(&c.cam_role_name, &spec::CAM_ROLE_NAME, env::CAM_ROLE_NAME);
    let assume_role = assume_role(&mut e, c.assume_role.known());

    let sts_endpoint = env_value(&mut e.diags, lookup, env::STS_ENDPOINT, spec::ENV_ONLY_URL);
    let metadata_endpoint = env_value(
        &mut e.diags,
        lookup,
        env::METADATA_ENDPOINT,
        spec::ENV_ONLY_URL,
    );

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
        },
    })
}

fn check_key_pair(diags: &mut Diagnostics, id: Option<Source>, key: Option<Source>) {
    let (given, missing_attr, missing_var) = match (id, key) {
        (Some(s), None) => (s, a::SECRET_KEY, env::SECRET_KEY),
        (None, Some(s)) => (s, a::SECRET_ID, env::SECRET_ID),
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

/// The `assume_role` block wins; its optional fields fall back to the environment.
/// Without a block, `TENCENTCLOUD_ASSUME_ROLE_ARN` turns assuming a role on.
fn assume_role(e: &mut Env<'_>, block: Option<&AssumeRoleConfig>) -> Option<AssumeRoleSettings> {
    let null = AssumeRoleConfig {
        role_arn: Attr::Null,
        session_name: Attr::Null,
        session_duration: Attr::Null,
        policy: Attr::Null,
        external_id: Attr::Null,
    };
    let b = block.unwrap_or(&null);
    // Without a role the other settings are not used, so not checked either.
    let role_arn = e.value(&b.role_arn, &spec::ROLE_ARN, env::ASSUME_ROLE_ARN)?;
    let session_name = e.value(
        &b.session_name,
        &spec::SESSION_NAME,
        env::ASSUME_ROLE_SESSION_NAME,
    );
    let session_duration = e.value(
        &b.session_duration,
        &spec::SESSION_DURATION,
        env::ASSUME_ROLE_SESSION_DURATION,
    );
    let external_id = e.value(
        &b.external_id,
        &spec::EXTERNAL_ID,
        env::ASSUME_ROLE_EXTERNAL_ID,
    );
    Some(AssumeRoleSettings {
        role_arn,
        session_name: session_name.unwrap_or_else(|| defaults::SESSION_NAME.to_owned()),
        session_duration: session_duration.unwrap_or(defaults::SESSION_DURATION),
        policy: b.policy.known().filter(|p| !p.is_empty()).cloned(),
        external_id,
    })
}

#[cfg(test)]
#[path = "merge_tests.rs"]
mod tests;
