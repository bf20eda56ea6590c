//! The `provider "gaap"` block decoded once into typed fields. `PrepareProviderConfig`
//! returns the diagnostics; `Configure` merges the value with the environment.

use crate::protocol::{AttributePath, Diagnostics, Value};
use crate::provider::decode::{Attr, Decoded, ObjectDecoder};
use crate::provider::spec::{self, attr as a};

/// The provider block, typed. Null and unknown values are kept as such. Debug output
/// hides the secret key and token.
#[derive(Clone, PartialEq)]
pub struct ProviderConfig {
    pub secret_id: Attr<String>,
    pub secret_key: Attr<String>,
    pub security_token: Attr<String>,
    pub region: Attr<String>,
    pub domain: Attr<String>,
    pub endpoint: Attr<String>,
    pub profile: Attr<String>,
    pub shared_credentials_dir: Attr<String>,
    pub cam_role_name: Attr<String>,
    pub request_timeout: Attr<f64>,
    pub max_retries: Attr<u64>,
    pub rate_limit: Attr<f64>,
    /// The `assume_role` block (at most one): null without one, unknown when the
    /// list itself is.
    pub assume_role: Attr<AssumeRoleConfig>,
}

/// The `assume_role` block, typed. Debug output hides the policy and external id.
#[derive(Clone, PartialEq)]
pub struct AssumeRoleConfig {
    pub role_arn: Attr<String>,
    pub session_name: Attr<String>,
    pub session_duration: Attr<u64>,
    pub policy: Attr<String>,
    pub external_id: Attr<String>,
}

impl std::fmt::Debug for ProviderConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ProviderConfig")
            .field("secret_id", &self.secret_id)
            .field("secret_key", &self.secret_key.redacted())
            .field("security_token", &self.security_token.redacted())
            .field("region", &self.region)
            .field("domain", &self.domain)
            .field("endpoint", &self.endpoint)
            .field("profile", &self.profile)
            .field("shared_credentials_dir", &self.shared_credentials_dir)
            .field("cam_role_name", &self.cam_role_name)
            .field("request_timeout", &self.request_timeout)
            .field("max_retries", &self.max_retries)
            .field("rate_limit", &self.rate_limit)
            .field("assume_role", &self.assume_role)
            .finish()
    }
}

impl std::fmt::Debug for AssumeRoleConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AssumeRoleConfig")
            .field("role_arn", &self.role_arn)
            .field("session_name", &self.session_name)
            .field("session_duration", &self.session_duration)
            .field("policy", &self.policy.redacted())
            .field("external_id", &self.external_id.redacted())
            .finish()
    }
}

/// One error per invalid attribute, on its path (`assume_role[0].session_duration`).
/// Null and unknown values are not errors. Whether a key pair is complete is decided
/// in `Configure`, where the environment variables are merged in.
pub fn decode(config: &Value) -> Decoded<ProviderConfig> {
    let mut diags = Diagnostics::new();
    let mut d = ObjectDecoder::new(config, AttributePath::default(), &mut diags);
    let mut decoded = ProviderConfig {
        secret_id: d.attr(&spec::SECRET_ID),
        secret_key: d.attr(&spec::SECRET_KEY),
        security_token: d.attr(&spec::SECURITY_TOKEN),
        region: d.attr(&spec::REGION),
        domain: d.attr(&spec::DOMAIN),
        endpoint: d.attr(&spec::ENDPOINT),
        profile: d.attr(&spec::PROFILE),
        shared_credentials_dir: d.attr(&spec::SHARED_CREDENTIALS_DIR),
        cam_role_name: d.attr(&spec::CAM_ROLE_NAME),
        request_timeout: d.attr(&spec::REQUEST_TIMEOUT),
        max_retries: d.attr(&spec::MAX_RETRIES),
        rate_limit: d.attr(&spec::RATE_LIMIT),
        assume_role: Attr::Null,
    };
    let blocks = d.raw(a::ASSUME_ROLE);
    decoded.assume_role = match blocks {
        Value::Unknown => Attr::Unknown,
        value => {
            let blocks = value.as_list().unwrap_or_default();
            let mut first = Attr::Null;
            for (index, block) in blocks.iter().enumerate() {
                let base = AttributePath::attribute(a::ASSUME_ROLE).index(index as i64);
                let role = assume_role(block, base, d.diagnostics());
                if index == 0 {
                    first = role;
                }
            }
            first
        }
    };
    Decoded::new(decoded, diags)
}

fn assume_role(
    block: &Value,
    base: AttributePath,
    diags: &mut Diagnostics,
) -> Attr<AssumeRoleConfig> {
    if block.is_unknown() {
        return Attr::Unknown;
    }
    let mut d = ObjectDecoder::new(block, base, diags);
    Attr::Known(AssumeRoleConfig {
        role_arn: d.attr(&spec::ROLE_ARN),
        session_name: d.attr(&spec::SESSION_NAME),
        session_duration: d.attr(&spec::SESSION_DURATION),
        policy: d.attr(&spec::POLICY),
        external_id: d.attr(&spec::EXTERNAL_ID),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::provider::test_support::{config, n, obj, s, PROVIDER_NAMES};

    fn errors(set: &[(&str, Value)]) -> Vec<(String, String)> {
        decode(&config(PROVIDER_NAMES, set))
            .diagnostics
            .0
            .into_iter()
            .map(|d| {
                (
                    d.attribute.map(|p| p.to_string()).unwrap_or_default(),
                    d.detail,
                )
            })
            .collect()
    }

    fn role(set: &[(&str, Value)]) -> Value {
        let mut pairs = vec![
            ("role_arn", s("qcs::cam::uin/1:roleName/r")),
            ("session_name", s("ci")),
            ("session_duration", Value::Null),
            ("policy", Value::Null),
            ("external_id", Value::Null),
        ];
        for (k, v) in set {
            pairs.retain(|(name, _)| name != k);
            pairs.push((k, v.clone()));
        }
        obj(&pairs)
    }

    #[test]
    fn empty_and_valid_configs_pass() {
        assert!(errors(&[]).is_empty());
        let ok = errors(&[
            ("secret_id", s("AKIDx")),
            ("secret_key", s("k")),
            ("region", s("ap-guangzhou")),
            ("domain", s("tencentcloudapi.com")),
            ("endpoint", s("http://127.0.0.1:9000")),
            ("request_timeout", n("2.5")),
            ("max_retries", n("0")),
            ("rate_limit", n("0.5")),
            (
                "assume_role",
                Value::List(vec![role(&[("session_duration", n("43200"))])]),
            ),
        ]);
        assert!(ok.is_empty(), "{ok:?}");
    }

    #[test]
    fn table() {
        let cases: Vec<(&str, Value, &str, &str)> = vec![
            (
                "request_timeout",
                n("0"),
                "request_timeout",
                "must be a number of seconds between 0.001 and 3600, got: 0",
            ),
            (
                // Regression (issue 10 part 4): a zero Duration once it is converted.
                "request_timeout",
                n("1e-400"),
                "request_timeout",
                "must be a number of seconds between 0.001 and 3600, got:",
            ),
            (
                "max_retries",
                n("1.5"),
                "max_retries",
                "must be a whole number between 0 and 100, got: 1.5",
            ),
            ("max_retries", n("-1"), "max_retries", "got: -1"),
            ("rate_limit", n("0"), "rate_limit", "got: 0"),
            (
                "endpoint",
                s("http://gaap.tencentcloudapi.com"),
                "endpoint",
                "http:// is allowed only for loopback hosts",
            ),
            (
                "domain",
                s("https://tencentcloudapi.com"),
                "domain",
                "must be a domain name",
            ),
            (
                "region",
                s("ap guangzhou"),
                "region",
                "got: \"ap guangzhou\"",
            ),
            (
                "secret_key",
                s("abc "),
                "secret_key",
                "must not start or end with whitespace",
            ),
            (
                "secret_id",
                s("\tAKID"),
                "secret_id",
                "1 leading and 0 trailing",
            ),
            (
                "assume_role",
                Value::List(vec![role(&[("session_duration", n("43201"))])]),
                "assume_role[0].session_duration",
                "must be a whole number of seconds between 0 and 43200, got: 43201",
            ),
            (
                "assume_role",
                Value::List(vec![role(&[("session_duration", n("60.5"))])]),
                "assume_role[0].session_duration",
                "got: 60.5",
            ),
            (
                "assume_role",
                Value::List(vec![role(&[("session_name", s("x"))])]),
                "assume_role[0].session_name",
                "got: \"x\"",
            ),
            (
                "assume_role",
                Value::List(vec![role(&[("role_arn", s(""))])]),
                "assume_role[0].role_arn",
                "must not be empty",
            ),
        ];
        for (name, value, path, needle) in cases {
            let got = errors(&[(name, value)]);
            assert_eq!(got.len(), 1, "{name}: {got:?}");
            assert_eq!(got[0].0, path);
            assert!(got[0].1.contains(needle), "{path}: {}", got[0].1);
            assert!(
                got[0].1.starts_with(&format!("Attribute {path} value ")),
                "{}",
                got[0].1
            );
        }
    }

    #[test]
    fn secrets_are_never_echoed() {
        let got = errors(&[
            ("secret_key", s(" TOPSECRET")),
            ("security_token", s("TOKEN\n")),
        ]);
        assert_eq!(got.len(), 2);
        for (_, detail) in got {
            assert!(
                !detail.contains("TOPSECRET") && !detail.contains("TOKEN\n"),
                "{detail}"
            );
        }
    }

    #[test]
    fn unknowns_are_skipped() {
        let got = errors(&[
            ("secret_key", Value::Unknown),
            ("endpoint", Value::Unknown),
            ("assume_role", Value::Unknown),
        ]);
        assert!(got.is_empty());
        let got = errors(&[(
            "assume_role",
            Value::List(vec![role(&[("session_duration", Value::Unknown)])]),
        )]);
        assert!(got.is_empty());
    }

    #[test]
    fn valid_values_decode_to_typed_fields() {
        let decoded = decode(&config(
            PROVIDER_NAMES,
            &[
                ("secret_id", s("AKIDx")),
                ("request_timeout", n("2.5")),
                ("max_retries", n("0")),
                ("region", Value::Unknown),
                (
                    "assume_role",
                    Value::List(vec![role(&[("session_duration", n("900"))])]),
                ),
            ],
        ));
        let c = decoded.value.expect("valid");
        assert_eq!(c.secret_id, Attr::Known("AKIDx".to_owned()));
        assert_eq!(c.secret_key, Attr::Null);
        assert_eq!(c.region, Attr::Unknown);
        assert_eq!(c.request_timeout, Attr::Known(2.5));
        assert_eq!(c.max_retries, Attr::Known(0));
        let role = c.assume_role.into_known().expect("a block");
        assert_eq!(role.session_duration, Attr::Known(900));
        assert_eq!(role.policy, Attr::Null);
        let none = decode(&config(PROVIDER_NAMES, &[])).value.expect("valid");
        assert_eq!(none.assume_role, Attr::Null);
        let unknown = decode(&config(PROVIDER_NAMES, &[("assume_role", Value::Unknown)]));
        assert_eq!(unknown.value.expect("valid").assume_role, Attr::Unknown);
    }

    /// The decoded block may end up in a log or a panic message: its Debug output
    /// shows no secret key, token, policy or external id.
    #[test]
    fn debug_hides_secrets_and_assume_role_secrets() {
        let role = obj(&[
            ("role_arn", s("qcs::cam::uin/1:roleName/r")),
            ("session_name", Value::Null),
            ("session_duration", Value::Null),
            ("policy", s("{\"secret-policy\":1}")),
            ("external_id", s("ext-secret-42")),
        ]);
        let decoded = decode(&config(
            PROVIDER_NAMES,
            &[
                ("secret_id", s("AKIDvisible")),
                ("secret_key", s("key-secret-1")),
                ("security_token", s("token-secret-2")),
                ("assume_role", Value::List(vec![role])),
            ],
        ));
        let debug = format!("{:?}", decoded.value);
        for secret in [
            "key-secret-1",
            "token-secret-2",
            "secret-policy",
            "ext-secret-42",
        ] {
            assert!(!debug.contains(secret), "{secret} in {debug}");
        }
        assert!(
            debug.contains("AKIDvisible") && debug.contains("roleName/r"),
            "{debug}"
        );
    }
}
