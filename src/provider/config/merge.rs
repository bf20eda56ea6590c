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
use tencentcloud_client::endpoint::endpoint_for_domain;
use tencentcloud_client::ClientConfig;

use super::decode::{decode, AssumeRoleConfig};

pub use crate::provider::decode::INVALID_ENV;

/// Everything `Configure` produces.
#[derive(Debug, Clone)]
pub struct ProviderSettings {
    pub client: ClientConfig,
    pub credentials: CredentialSettings,
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
    let endpoint = match e.value(&c.endpoint, &spec::ENDPOINT, env::GAAP_ENDPOINT) {
        Some(url) => url,
        None => {
            let domain = e.value(&c.domain, &spec::DOMAIN, env::DOMAIN);
            endpoint_for_domain(domain.as_deref().unwrap_or(defaults::DOMAIN))
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
        client: ClientConfig {
            endpoint,
            region,
            request_timeout,
            max_retries,
            rate_limit,
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
mod tests {
    use super::*;
    use crate::provider::test_support::{config, n, obj, s, PROVIDER_NAMES};
    use std::collections::BTreeMap;

    fn run(set: &[(&str, Value)], env: &[(&str, &str)]) -> Result<ProviderSettings, Diagnostics> {
        let vars: BTreeMap<String, String> = env
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        merge(&config(PROVIDER_NAMES, set), &|name| {
            vars.get(name).cloned()
        })
    }

    fn ok(set: &[(&str, Value)], env: &[(&str, &str)]) -> ProviderSettings {
        run(set, env).unwrap_or_else(|d| panic!("{d:?}"))
    }

    fn details(set: &[(&str, Value)], env: &[(&str, &str)]) -> Vec<String> {
        match run(set, env) {
            Ok(_) => panic!("expected errors"),
            Err(d) => d.0.into_iter().map(|d| d.detail).collect(),
        }
    }

    #[test]
    fn defaults() {
        let s = ok(&[], &[]);
        assert_eq!(s.client.endpoint, "https://gaap.intl.tencentcloudapi.com");
        assert_eq!(s.client.region, None);
        assert_eq!(s.client.request_timeout, Duration::from_secs(30));
        assert_eq!(s.client.max_retries, 5);
        assert_eq!(s.client.rate_limit, 20.0);
        assert_eq!(s.credentials, CredentialSettings::default());
    }

    #[test]
    fn config_wins_over_env_and_empty_counts_as_absent() {
        let env = [
            ("TENCENTCLOUD_SECRET_ID", "env-id"),
            ("TENCENTCLOUD_SECRET_KEY", "env-key"),
            ("TENCENTCLOUD_REGION", "ap-env"),
            ("TENCENTCLOUD_PROFILE", "envprof"),
            ("TENCENTCLOUD_REQUEST_TIMEOUT", "9"),
            ("TENCENTCLOUD_MAX_RETRIES", "7"),
            ("TENCENTCLOUD_RATE_LIMIT", "3"),
        ];
        let s1 = ok(
            &[
                ("secret_id", s("cfg-id")),
                ("secret_key", s("cfg-key")),
                ("region", s("")),
                ("profile", s("cfgprof")),
                ("request_timeout", n("1.5")),
                ("max_retries", n("0")),
                ("rate_limit", n("10")),
            ],
            &env,
        );
        assert_eq!(s1.credentials.secret_id.as_deref(), Some("cfg-id"));
        assert_eq!(s1.credentials.secret_key.as_deref(), Some("cfg-key"));
        assert_eq!(s1.client.region.as_deref(), Some("ap-env"));
        assert_eq!(s1.credentials.profile.as_deref(), Some("cfgprof"));
        assert_eq!(s1.client.request_timeout, Duration::from_millis(1500));
        assert_eq!(s1.client.max_retries, 0);
        assert_eq!(s1.client.rate_limit, 10.0);

        let s2 = ok(&[], &env);
        assert_eq!(s2.credentials.secret_id.as_deref(), Some("env-id"));
        assert_eq!(s2.client.request_timeout, Duration::from_secs(9));
        assert_eq!(s2.client.max_retries, 7);
        assert_eq!(s2.client.rate_limit, 3.0);
    }

    #[test]
    fn endpoint_rules() {
        type Case<'a> = (Vec<(&'a str, Value)>, Vec<(&'a str, &'a str)>, &'a str);
        let cases: Vec<Case> = vec![
            (
                vec![("domain", s("tencentcloudapi.com"))],
                vec![],
                "https://gaap.tencentcloudapi.com",
            ),
            (
                vec![],
                vec![("TENCENTCLOUD_DOMAIN", "tencentcloudapi.com")],
                "https://gaap.tencentcloudapi.com",
            ),
            (
                vec![
                    ("domain", s("tencentcloudapi.com")),
                    ("endpoint", s("http://127.0.0.1:1")),
                ],
                vec![],
                "http://127.0.0.1:1",
            ),
            (
                vec![("domain", s("tencentcloudapi.com"))],
                vec![("TENCENTCLOUD_GAAP_ENDPOINT", "http://localhost:2")],
                "http://localhost:2",
            ),
            (
                vec![("endpoint", s("https://a.example.com"))],
                vec![("TENCENTCLOUD_GAAP_ENDPOINT", "http://localhost:2")],
                "https://a.example.com",
            ),
        ];
        for (set, env, want) in cases {
            assert_eq!(ok(&set, &env).client.endpoint, want);
        }
    }

    #[test]
    fn invalid_env_values_name_the_variable() {
        let cases = [
            ("TENCENTCLOUD_REQUEST_TIMEOUT", "soon", "Environment variable TENCENTCLOUD_REQUEST_TIMEOUT must be a number of seconds greater than 0 and at most 3600, got: \"soon\""),
            ("TENCENTCLOUD_MAX_RETRIES", "-1", "Environment variable TENCENTCLOUD_MAX_RETRIES must be a whole number between 0 and 100, got: \"-1\""),
            ("TENCENTCLOUD_RATE_LIMIT", "0", "Environment variable TENCENTCLOUD_RATE_LIMIT must be a number of requests per second greater than 0 and at most 1000, got: \"0\""),
            ("TENCENTCLOUD_GAAP_ENDPOINT", "http://10.1.1.1", "Environment variable TENCENTCLOUD_GAAP_ENDPOINT must be an https:// URL"),
            ("TENCENTCLOUD_DOMAIN", "a/b", "Environment variable TENCENTCLOUD_DOMAIN must be a domain name"),
            ("TENCENTCLOUD_STS_ENDPOINT", "sts", "Environment variable TENCENTCLOUD_STS_ENDPOINT must be an absolute http:// or https:// URL, got: \"sts\""),
            ("TENCENTCLOUD_METADATA_ENDPOINT", "ftp://x", "Environment variable TENCENTCLOUD_METADATA_ENDPOINT must be an absolute"),
            ("TENCENTCLOUD_REGION", "ap guangzhou", "Environment variable TENCENTCLOUD_REGION must consist of letters, digits, \"_\" and \"-\", got: \"ap guangzhou\""),
            ("TENCENTCLOUD_GAAP_ENDPOINT", "https://u:s3cret@gaap.example.com", "Environment variable TENCENTCLOUD_GAAP_ENDPOINT must be an https:// URL (http:// only for a loopback host such as 127.0.0.1 or localhost), got: \"https://***@gaap.example.com/\" (credentials in a URL are not allowed)"),
            ("TENCENTCLOUD_ASSUME_ROLE_ARN", "a", ""),
            ("TENCENTCLOUD_MAX_RETRIES", "1.5", "Environment variable TENCENTCLOUD_MAX_RETRIES must be a whole number between 0 and 100, got: \"1.5\""),
            ("TENCENTCLOUD_PROFILE", " ", ""),
        ];
        for (var, value, want) in cases {
            if want.is_empty() {
                // Valid on its own.
                ok(&[], &[(var, value)]);
                continue;
            }
            let got = details(&[], &[(var, value)]);
            assert_eq!(got.len(), 1, "{var}: {got:?}");
            assert!(got[0].starts_with(want), "{var}: {}", got[0]);
        }
    }

    #[test]
    fn secret_whitespace_in_env_is_an_error_without_the_value() {
        let got = details(
            &[],
            &[
                ("TENCENTCLOUD_SECRET_ID", "AKID"),
                ("TENCENTCLOUD_SECRET_KEY", "hunter2\n"),
            ],
        );
        assert_eq!(got.len(), 1, "{got:?}");
        assert!(got[0].contains("TENCENTCLOUD_SECRET_KEY"));
        assert!(!got[0].contains("hunter2"), "{}", got[0]);
    }

    #[test]
    fn half_a_key_pair_is_an_error() {
        let err = run(&[("secret_id", s("AKID"))], &[]).unwrap_err();
        assert_eq!(err.len(), 1);
        let d = &err.0[0];
        assert_eq!(d.attribute, Some(AttributePath::attribute("secret_id")));
        assert!(d.detail.contains("secret_key") && d.detail.contains("TENCENTCLOUD_SECRET_KEY"));

        let err = run(&[], &[("TENCENTCLOUD_SECRET_KEY", "k")]).unwrap_err();
        assert_eq!(err.0[0].attribute, None);
        assert!(err.0[0]
            .detail
            .contains("environment variable TENCENTCLOUD_SECRET_KEY is set"));
        assert!(!err.0[0].detail.contains("\"k\""));

        // One half from the configuration, the other from the environment, is whole.
        let s1 = ok(
            &[("secret_id", s("AKID"))],
            &[("TENCENTCLOUD_SECRET_KEY", "k")],
        );
        assert_eq!(s1.credentials.secret_key.as_deref(), Some("k"));
    }

    /// The same validators judge a configured value and its environment variable;
    /// only the wording of where it came from differs.
    #[test]
    fn one_validator_for_attribute_and_variable() {
        type Case<'a> = (
            Vec<(&'a str, Value)>,
            Vec<(&'a str, &'a str)>,
            Vec<(Option<&'a str>, &'a str)>,
        );
        let cases: Vec<Case> = vec![
            (
                vec![("rate_limit", n("0"))],
                vec![("TENCENTCLOUD_RATE_LIMIT", "5")],
                vec![(Some("rate_limit"), "Attribute rate_limit value must be a number of requests per second greater than 0 and at most 1000, got: 0")],
            ),
            (
                vec![],
                vec![("TENCENTCLOUD_RATE_LIMIT", "1001")],
                vec![(None, "Environment variable TENCENTCLOUD_RATE_LIMIT must be a number of requests per second greater than 0 and at most 1000, got: \"1001\"")],
            ),
            (
                vec![],
                vec![("TENCENTCLOUD_ASSUME_ROLE_ARN", "a"), ("TENCENTCLOUD_ASSUME_ROLE_SESSION_NAME", "x")],
                vec![(None, "Environment variable TENCENTCLOUD_ASSUME_ROLE_SESSION_NAME must be 2 to 128 characters of letters, digits and \"+=,.@_-\", got: \"x\"")],
            ),
            (
                vec![("assume_role", Value::List(vec![obj(&[
                    ("role_arn", s("arn")),
                    ("session_name", s("ci")),
                    ("session_duration", n("43201")),
                    ("policy", Value::Null),
                    ("external_id", Value::Null),
                ])]))],
                vec![],
                vec![(Some("assume_role[0].session_duration"), "Attribute assume_role[0].session_duration value must be a whole number of seconds between 0 and 43200, got: 43201")],
            ),
            (
                vec![("secret_id", s(" AKID")), ("secret_key", s("k"))],
                vec![],
                vec![(Some("secret_id"), "Attribute secret_id value must not start or end with whitespace, got: a value with 1 leading and 0 trailing whitespace character(s) (the value itself is not shown)")],
            ),
            // Role settings are not read (nor checked) without a role.
            (vec![], vec![("TENCENTCLOUD_ASSUME_ROLE_SESSION_DURATION", "x")], vec![]),
        ];
        for (set, env, want) in cases {
            let got: Vec<(Option<String>, String)> = match run(&set, &env) {
                Ok(_) => Vec::new(),
                Err(d) => {
                    d.0.into_iter()
                        .map(|d| (d.attribute.map(|p| p.to_string()), d.detail))
                        .collect()
                }
            };
            let want: Vec<(Option<String>, String)> = want
                .into_iter()
                .map(|(p, d)| (p.map(str::to_owned), d.to_owned()))
                .collect();
            assert_eq!(got, want, "{set:?} {env:?}");
        }
    }

    #[test]
    fn assume_role_block_and_env() {
        let block = obj(&[
            ("role_arn", s("arn-cfg")),
            ("session_name", s("cfg")),
            ("session_duration", Value::Null),
            ("policy", s("{}")),
            ("external_id", Value::Null),
        ]);
        let env = [
            ("TENCENTCLOUD_ASSUME_ROLE_ARN", "arn-env"),
            ("TENCENTCLOUD_ASSUME_ROLE_SESSION_NAME", "env"),
            ("TENCENTCLOUD_ASSUME_ROLE_SESSION_DURATION", "900"),
            ("TENCENTCLOUD_ASSUME_ROLE_EXTERNAL_ID", "ext"),
        ];
        let r = ok(&[("assume_role", Value::List(vec![block.clone()]))], &env)
            .credentials
            .assume_role
            .unwrap();
        assert_eq!(
            r,
            AssumeRoleSettings {
                role_arn: "arn-cfg".into(),
                session_name: "cfg".into(),
                session_duration: 900,
                policy: Some("{}".into()),
                external_id: Some("ext".into()),
            }
        );
        let r = ok(&[], &env).credentials.assume_role.unwrap();
        assert_eq!(
            (r.role_arn.as_str(), r.session_name.as_str()),
            ("arn-env", "env")
        );
        let r = ok(&[], &[("TENCENTCLOUD_ASSUME_ROLE_ARN", "a")])
            .credentials
            .assume_role
            .unwrap();
        assert_eq!(r.session_duration, 7200);
        assert_eq!(r.session_name, "terraform-provider-gaap");
        assert_eq!(ok(&[], &[]).credentials.assume_role, None);
        let got = details(
            &[],
            &[
                ("TENCENTCLOUD_ASSUME_ROLE_ARN", "a"),
                ("TENCENTCLOUD_ASSUME_ROLE_SESSION_DURATION", "43201"),
            ],
        );
        assert!(
            got[0].contains("TENCENTCLOUD_ASSUME_ROLE_SESSION_DURATION"),
            "{got:?}"
        );
    }

    #[test]
    fn credential_locations_and_endpoints_pass_through() {
        let s1 = ok(
            &[
                ("shared_credentials_dir", s("/tmp/tc")),
                ("cam_role_name", s("role")),
            ],
            &[
                ("TENCENTCLOUD_STS_ENDPOINT", "http://127.0.0.1:5/"),
                ("TENCENTCLOUD_METADATA_ENDPOINT", "http://127.0.0.1:6"),
                ("TENCENTCLOUD_SECURITY_TOKEN", "tok"),
            ],
        );
        let c = s1.credentials;
        assert_eq!(c.shared_credentials_dir, Some(PathBuf::from("/tmp/tc")));
        assert_eq!(c.cam_role_name.as_deref(), Some("role"));
        assert_eq!(c.sts_endpoint.as_deref(), Some("http://127.0.0.1:5/"));
        assert_eq!(c.metadata_endpoint.as_deref(), Some("http://127.0.0.1:6"));
        assert_eq!(c.security_token.as_deref(), Some("tok"));
    }
}
