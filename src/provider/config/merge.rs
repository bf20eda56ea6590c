//! Merging the provider block with environment variables into the client's and the
//! credential chain's settings. Pure: the environment is passed in, so every rule is
//! table-tested. A value in the configuration wins over its environment variable;
//! empty strings count as absent (as the official provider treats them).

use std::path::PathBuf;
use std::time::Duration;

use crate::protocol::{AttributePath, Diagnostics, Value};
use crate::provider::schema::provider_attr as a;
use crate::provider::validators::{api_url_problem, is_domain_name, Check};
use crate::provider::{defaults, env};
use tencentcloud_client::credentials::{AssumeRoleSettings, CredentialSettings};
use tencentcloud_client::endpoint::redacted;
use tencentcloud_client::gaap::check_proxy_create::SERVICE as GAAP_SERVICE;
use tencentcloud_client::ClientConfig;

use super::validate::{MAX_RATE_LIMIT, MAX_REQUEST_TIMEOUT, MAX_RETRIES_LIMIT};

/// Summary of a diagnostic about an environment variable.
pub const INVALID_ENV: &str = "Invalid Environment Variable";

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

impl Source {
    fn path(self) -> Option<AttributePath> {
        match self {
            Source::Config(name) => Some(AttributePath::attribute(name)),
            Source::Env(_) => None,
        }
    }
}

struct Merger<'a> {
    config: &'a Value,
    env: &'a dyn Fn(&str) -> Option<String>,
    diags: Diagnostics,
}

impl<'a> Merger<'a> {
    /// A non-empty string from `attr` in the configuration, else from `var`.
    fn string(&self, attr: &'static str, var: &'static str) -> Option<(String, Source)> {
        if let Some(s) = self.config.attr(attr).and_then(Value::as_str) {
            if !s.is_empty() {
                return Some((s.to_owned(), Source::Config(attr)));
            }
        }
        self.env_string(var).map(|s| (s, Source::Env(var)))
    }

    fn env_string(&self, var: &str) -> Option<String> {
        (self.env)(var).filter(|s| !s.is_empty())
    }

    fn env_error(&mut self, var: &str, allowed: &str, given: &str) {
        self.diags.add_error(
            INVALID_ENV,
            format!("Environment variable {var} {allowed}, got: {given}"),
        );
    }

    /// A secret: never echoed; whitespace at either end is an error (for config values
    /// `PrepareProviderConfig` has reported it already).
    fn secret(&mut self, attr: &'static str, var: &'static str) -> Option<(String, Source)> {
        let (value, source) = self.string(attr, var)?;
        if let (Source::Env(var), Some(given)) = (
            source,
            Check::NoSurroundingWhitespace.violation(&Value::String(value.clone())),
        ) {
            self.env_error(var, &Check::NoSurroundingWhitespace.description(), &given);
        }
        Some((value, source))
    }

    /// A number from the configuration as text, else the environment variable's text.
    fn number_text(&self, attr: &'static str, var: &'static str) -> Option<(String, Source)> {
        if let Some(n) = self.config.attr(attr).and_then(Value::as_number) {
            return Some((n.to_string(), Source::Config(attr)));
        }
        self.env_string(var)
            .map(|s| (s.trim().to_owned(), Source::Env(var)))
    }

    /// A number in `(0, max]`. These settings are used as `f64` anyway (a duration, a
    /// rate); the decimal text is parsed, so nothing beyond `f64` precision is invented.
    fn positive_f64(
        &mut self,
        attr: &'static str,
        var: &'static str,
        what: &str,
        max: i64,
    ) -> Option<f64> {
        let (text, source) = self.number_text(attr, var)?;
        match text.parse::<f64>() {
            Ok(f) if f > 0.0 && f <= max as f64 => Some(f),
            _ => {
                let allowed = format!("must be {what} greater than 0 and at most {max}");
                self.report(source, &allowed, &text);
                None
            }
        }
    }

    fn whole_in(&mut self, attr: &'static str, var: &'static str, max: u64) -> Option<u64> {
        let (text, source) = self.number_text(attr, var)?;
        match text.parse::<u64>() {
            Ok(n) if n <= max => Some(n),
            _ => {
                let allowed = format!("must be a whole number between 0 and {max}");
                self.report(source, &allowed, &text);
                None
            }
        }
    }

    fn report(&mut self, source: Source, allowed: &str, given: &str) {
        match source {
            Source::Env(var) => self.env_error(var, allowed, &format!("{given:?}")),
            Source::Config(attr) => self.diags.add_attribute_error(
                AttributePath::attribute(attr),
                crate::provider::validators::INVALID_VALUE,
                format!("Attribute {attr} value {allowed}, got: {given}"),
            ),
        }
    }
}

/// Merges a wholly known provider configuration with the environment. Errors name the
/// attribute (as a path) or the environment variable, and never contain a secret.
/// `region` stays `None` when neither sets it; the caller may take it from the profile.
pub fn merge(
    config: &Value,
    env: &dyn Fn(&str) -> Option<String>,
) -> Result<ProviderSettings, Diagnostics> {
    let mut m = Merger {
        config,
        env,
        diags: Diagnostics::new(),
    };

    let secret_id = m.secret(a::SECRET_ID, env::SECRET_ID);
    let secret_key = m.secret(a::SECRET_KEY, env::SECRET_KEY);
    let security_token = m.secret(a::SECURITY_TOKEN, env::SECURITY_TOKEN);
    check_key_pair(&mut m.diags, secret_id.as_ref(), secret_key.as_ref());

    let region = m.string(a::REGION, env::REGION).map(|(region, source)| {
        // Checked here too because an environment value skips PrepareProviderConfig;
        // it goes into the X-TC-Region header.
        if Check::RegionNameOrEmpty
            .violation(&Value::String(region.clone()))
            .is_some()
        {
            let allowed = Check::RegionNameOrEmpty.description();
            m.report(source, allowed.trim_start_matches("value "), &region);
        }
        region
    });

    // An explicit GAAP endpoint wins; the domain is then not read (as before).
    let (domain, endpoint) = match m.string(a::ENDPOINT, env::GAAP_ENDPOINT) {
        Some((url, source)) => {
            if let Some(why) = api_url_problem(&url) {
                let allowed = Check::ApiUrl.description();
                let allowed = allowed.trim_start_matches("value ");
                m.report(source, &format!("{allowed}; {why}"), &redacted(&url));
            }
            (defaults::DOMAIN.to_owned(), Some(url))
        }
        None => {
            let domain = match m.string(a::DOMAIN, env::DOMAIN) {
                Some((d, source)) => {
                    if !is_domain_name(&d) {
                        let allowed = Check::DomainName.description();
                        m.report(source, allowed.trim_start_matches("value "), &d);
                    }
                    d
                }
                None => defaults::DOMAIN.to_owned(),
            };
            (domain, None)
        }
    };

    let request_timeout = m
        .positive_f64(
            a::REQUEST_TIMEOUT,
            env::REQUEST_TIMEOUT,
            "a number of seconds",
            MAX_REQUEST_TIMEOUT,
        )
        .and_then(|s| Duration::try_from_secs_f64(s).ok())
        .unwrap_or(Duration::from_secs(defaults::REQUEST_TIMEOUT_SECONDS));
    let max_retries = m
        .whole_in(a::MAX_RETRIES, env::MAX_RETRIES, MAX_RETRIES_LIMIT as u64)
        .and_then(|n| u32::try_from(n).ok())
        .unwrap_or(defaults::MAX_RETRIES);
    let rate_limit = m
        .positive_f64(
            a::RATE_LIMIT,
            env::RATE_LIMIT,
            "a number of requests per second",
            MAX_RATE_LIMIT,
        )
        .unwrap_or(f64::from(defaults::RATE_LIMIT));

    let profile = m.string(a::PROFILE, env::PROFILE).map(|(p, _)| p);
    let shared_credentials_dir = m
        .string(a::SHARED_CREDENTIALS_DIR, env::SHARED_CREDENTIALS_DIR)
        .map(|(d, _)| PathBuf::from(d));
    let cam_role_name = m
        .string(a::CAM_ROLE_NAME, env::CAM_ROLE_NAME)
        .map(|(r, _)| r);
    let assume_role = assume_role(&mut m);

    let sts_endpoint = env_url(&mut m, env::STS_ENDPOINT);
    let metadata_endpoint = env_url(&mut m, env::METADATA_ENDPOINT);

    if m.diags.has_errors() {
        return Err(m.diags);
    }
    Ok(ProviderSettings {
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
            secret_id: secret_id.map(|(s, _)| s),
            secret_key: secret_key.map(|(s, _)| s),
            security_token: security_token.map(|(s, _)| s),
            profile,
            shared_credentials_dir,
            cam_role_name,
            assume_role,
            sts_endpoint,
            metadata_endpoint,
        },
    })
}

fn check_key_pair(
    diags: &mut Diagnostics,
    id: Option<&(String, Source)>,
    key: Option<&(String, Source)>,
) {
    let (given, missing_attr, missing_var) = match (id, key) {
        (Some((_, s)), None) => (*s, a::SECRET_KEY, env::SECRET_KEY),
        (None, Some((_, s))) => (*s, a::SECRET_ID, env::SECRET_ID),
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
    match given.path() {
        Some(path) => diags.add_attribute_error(path, "Incomplete API Key", detail),
        None => diags.add_error("Incomplete API Key", detail),
    }
}

/// The `assume_role` block wins; its optional fields fall back to the environment.
/// Without a block, `TENCENTCLOUD_ASSUME_ROLE_ARN` turns assuming a role on.
fn assume_role(m: &mut Merger<'_>) -> Option<AssumeRoleSettings> {
    let block = m
        .config
        .attr(a::ASSUME_ROLE)
        .and_then(Value::as_list)
        .and_then(|l| l.first());
    let field = |name: &str| {
        block
            .and_then(|b| b.attr(name))
            .and_then(Value::as_str)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
    };
    let role_arn = field(a::ROLE_ARN).or_else(|| m.env_string(env::ASSUME_ROLE_ARN))?;
    let session_name = field(a::SESSION_NAME)
        .or_else(|| m.env_string(env::ASSUME_ROLE_SESSION_NAME))
        .unwrap_or_else(|| defaults::SESSION_NAME.to_owned());
    let duration_value = block.and_then(|b| b.attr(a::SESSION_DURATION));
    let session_duration = match duration_value.and_then(Value::as_number) {
        // Range-checked by PrepareProviderConfig; checked again here because Configure
        // can be called without it (and a u64 is needed anyway).
        Some(n) => match n
            .to_u64_exact()
            .filter(|d| *d <= defaults::MAX_SESSION_DURATION)
        {
            Some(d) => d,
            None => {
                m.diags.add_attribute_error(
                    AttributePath::attribute(a::ASSUME_ROLE)
                        .index(0)
                        .attr(a::SESSION_DURATION),
                    crate::provider::validators::INVALID_VALUE,
                    format!(
                        "Attribute assume_role[0].session_duration value must be a whole \
                         number between 0 and {}, got: {n}",
                        defaults::MAX_SESSION_DURATION
                    ),
                );
                defaults::SESSION_DURATION
            }
        },
        None => match m.env_string(env::ASSUME_ROLE_SESSION_DURATION) {
            Some(text) => match text.trim().parse::<u64>() {
                Ok(d) if d <= defaults::MAX_SESSION_DURATION => d,
                _ => {
                    let allowed = format!(
                        "must be a whole number of seconds between 0 and {}",
                        defaults::MAX_SESSION_DURATION
                    );
                    m.env_error(
                        env::ASSUME_ROLE_SESSION_DURATION,
                        &allowed,
                        &format!("{text:?}"),
                    );
                    defaults::SESSION_DURATION
                }
            },
            None => defaults::SESSION_DURATION,
        },
    };
    Some(AssumeRoleSettings {
        role_arn,
        session_name,
        session_duration,
        policy: field(a::POLICY),
        external_id: field(a::EXTERNAL_ID).or_else(|| m.env_string(env::ASSUME_ROLE_EXTERNAL_ID)),
    })
}

/// An endpoint override from the environment: any absolute http(s) URL (the CVM
/// metadata service itself is plain http on a link-local name).
fn env_url(m: &mut Merger<'_>, var: &'static str) -> Option<String> {
    let url = m.env_string(var)?;
    let ok = reqwest::Url::parse(&url)
        .is_ok_and(|u| matches!(u.scheme(), "http" | "https") && u.host_str().is_some());
    if !ok {
        m.env_error(
            var,
            "must be an absolute http:// or https:// URL",
            &format!("{:?}", redacted(&url)),
        );
        return None;
    }
    Some(url)
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
        assert_eq!(
            s.client.endpoint_url("gaap"),
            "https://gaap.intl.tencentcloudapi.com"
        );
        assert_eq!(
            s.client.request_client,
            concat!("terraform-provider-gaap/", env!("CARGO_PKG_VERSION"))
        );
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
            assert_eq!(ok(&set, &env).client.endpoint_url("gaap"), want);
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
            ("TENCENTCLOUD_GAAP_ENDPOINT", "https://u:s3cret@gaap.example.com", "Environment variable TENCENTCLOUD_GAAP_ENDPOINT must be an https:// URL (http:// only for a loopback host such as 127.0.0.1 or localhost); credentials in a URL are not allowed, got: \"https://***@gaap.example.com/\""),
        ];
        for (var, value, want) in cases {
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
