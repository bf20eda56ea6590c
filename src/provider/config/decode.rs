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
    pub explain: Attr<bool>,
    /// The `assume_role` block (at most one): null without one, unknown when the
    /// list itself is.
    pub assume_role: Attr<AssumeRoleConfig>,
    pub protocol: Attr<String>,
    pub cos_domain: Attr<String>,
    pub enable_pod_oidc: Attr<bool>,
    pub allowed_account_ids: Attr<Vec<String>>,
    pub forbidden_account_ids: Attr<Vec<String>>,
    pub assume_role_with_saml: Attr<SamlConfig>,
    pub assume_role_with_web_identity: Attr<WebIdentityConfig>,
    pub mfa_certification: Attr<MfaConfig>,
}

/// The `assume_role_with_saml` block, typed.
#[derive(Debug, Clone, PartialEq)]
pub struct SamlConfig {
    pub saml_assertion: Attr<String>,
    pub principal_arn: Attr<String>,
    pub role_arn: Attr<String>,
    pub session_name: Attr<String>,
    pub session_duration: Attr<u64>,
}

/// The `assume_role_with_web_identity` block, typed.
#[derive(Debug, Clone, PartialEq)]
pub struct WebIdentityConfig {
    pub provider_id: Attr<String>,
    pub web_identity_token: Attr<String>,
    pub web_identity_token_file: Attr<String>,
    pub role_arn: Attr<String>,
    pub session_name: Attr<String>,
    pub session_duration: Attr<u64>,
}

/// The `mfa_certification` block, typed.
#[derive(Debug, Clone, PartialEq)]
pub struct MfaConfig {
    pub serial_number: Attr<String>,
    pub token_code: Attr<String>,
    pub duration_seconds: Attr<u64>,
}

/// The `assume_role` block, typed. Debug output hides the policy and external id.
#[derive(Clone, PartialEq)]
pub struct AssumeRoleConfig {
    pub role_arn: Attr<String>,
    pub session_name: Attr<String>,
    pub session_duration: Attr<u64>,
    pub policy: Attr<String>,
    pub external_id: Attr<String>,
    pub source_identity: Attr<String>,
    pub serial_number: Attr<String>,
    pub token_code: Attr<String>,
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
        explain: d.attr(&spec::EXPLAIN),
        assume_role: Attr::Null,
        protocol: d.attr(&spec::PROTOCOL),
        cos_domain: d.attr(&spec::COS_DOMAIN),
        enable_pod_oidc: d.attr(&spec::ENABLE_POD_OIDC),
        allowed_account_ids: d.attr(&spec::ALLOWED_ACCOUNT_IDS),
        forbidden_account_ids: d.attr(&spec::FORBIDDEN_ACCOUNT_IDS),
        assume_role_with_saml: Attr::Null,
        assume_role_with_web_identity: Attr::Null,
        mfa_certification: Attr::Null,
    };
    decoded.assume_role = first_block(&mut d, a::ASSUME_ROLE, assume_role);
    decoded.assume_role_with_saml = first_block(&mut d, a::ASSUME_ROLE_WITH_SAML, saml);
    decoded.assume_role_with_web_identity =
        first_block(&mut d, a::ASSUME_ROLE_WITH_WEB_IDENTITY, web_identity);
    decoded.mfa_certification = first_block(&mut d, a::MFA_CERTIFICATION, mfa);
    conflicts(&decoded, &mut diags);
    Decoded::new(decoded, diags)
}

/// The official provider's `ConflictsWith`, at validate time.
fn conflicts(c: &ProviderConfig, diags: &mut Diagnostics) {
    let set = |v: &Attr<Vec<String>>| v.known().is_some_and(|l| !l.is_empty());
    if set(&c.allowed_account_ids) && set(&c.forbidden_account_ids) {
        diags.add_attribute_error(
            AttributePath::attribute(a::FORBIDDEN_ACCOUNT_IDS),
            "Conflicting Account Guards",
            format!(
                "Set either `{}` or `{}`, not both: an account is checked against one list.",
                a::ALLOWED_ACCOUNT_IDS,
                a::FORBIDDEN_ACCOUNT_IDS
            ),
        );
    }
    if c.assume_role_with_saml.known().is_some()
        && c.assume_role_with_web_identity.known().is_some()
    {
        diags.add_attribute_error(
            AttributePath::attribute(a::ASSUME_ROLE_WITH_WEB_IDENTITY),
            "Conflicting Logins",
            format!(
                "`{}` and `{}` each log in as a role without a key; use one (the official \
                 provider refuses both too).",
                a::ASSUME_ROLE_WITH_SAML,
                a::ASSUME_ROLE_WITH_WEB_IDENTITY
            ),
        );
    }
}

/// The first of a list block (at most one): null without one, unknown when the list
/// itself is. Every element is decoded, so each gets its diagnostics.
fn first_block<T>(
    d: &mut ObjectDecoder<'_>,
    name: &str,
    decode_one: fn(&Value, AttributePath, &mut Diagnostics) -> Attr<T>,
) -> Attr<T> {
    match d.raw(name) {
        Value::Unknown => Attr::Unknown,
        value => {
            let blocks = value.as_list().unwrap_or_default();
            let mut first = Attr::Null;
            for (index, block) in blocks.iter().enumerate() {
                let base = AttributePath::attribute(name).index(index as i64);
                let decoded = decode_one(block, base, d.diagnostics());
                if index == 0 {
                    first = decoded;
                }
            }
            first
        }
    }
}

fn saml(block: &Value, base: AttributePath, diags: &mut Diagnostics) -> Attr<SamlConfig> {
    if block.is_unknown() {
        return Attr::Unknown;
    }
    let mut d = ObjectDecoder::new(block, base, diags);
    Attr::Known(SamlConfig {
        saml_assertion: d.attr(&spec::SAML_ASSERTION),
        principal_arn: d.attr(&spec::PRINCIPAL_ARN),
        role_arn: d.attr(&spec::ROLE_ARN),
        session_name: d.attr(&spec::SESSION_NAME),
        session_duration: d.attr(&spec::SESSION_DURATION),
    })
}

fn web_identity(
    block: &Value,
    base: AttributePath,
    diags: &mut Diagnostics,
) -> Attr<WebIdentityConfig> {
    if block.is_unknown() {
        return Attr::Unknown;
    }
    let mut d = ObjectDecoder::new(block, base, diags);
    Attr::Known(WebIdentityConfig {
        provider_id: d.attr(&spec::PROVIDER_ID),
        web_identity_token: d.attr(&spec::WEB_IDENTITY_TOKEN),
        web_identity_token_file: d.attr(&spec::WEB_IDENTITY_TOKEN_FILE),
        role_arn: d.attr(&spec::ROLE_ARN),
        session_name: d.attr(&spec::SESSION_NAME),
        session_duration: d.attr(&spec::SESSION_DURATION),
    })
}

fn mfa(block: &Value, base: AttributePath, diags: &mut Diagnostics) -> Attr<MfaConfig> {
    if block.is_unknown() {
        return Attr::Unknown;
    }
    let mut d = ObjectDecoder::new(block, base, diags);
    Attr::Known(MfaConfig {
        serial_number: d.attr(&spec::SERIAL_NUMBER),
        token_code: d.attr(&spec::TOKEN_CODE),
        duration_seconds: d.attr(&spec::DURATION_SECONDS),
    })
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
        source_identity: d.attr(&spec::SOURCE_IDENTITY),
        serial_number: d.attr(&spec::SERIAL_NUMBER),
        token_code: d.attr(&spec::TOKEN_CODE),
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
    fn conflicting_guards_and_logins_fail_validation() {
        let got = errors(&[
            ("allowed_account_ids", Value::Set(vec![s("1")])),
            ("forbidden_account_ids", Value::Set(vec![s("2")])),
        ]);
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].0, "forbidden_account_ids");
        assert!(got[0].1.contains("not both"), "{got:?}");
        assert!(errors(&[("allowed_account_ids", Value::Set(vec![s("1")]))]).is_empty());
        let got = errors(&[
            (
                "assume_role_with_saml",
                Value::List(vec![obj(&[("principal_arn", s("p"))])]),
            ),
            (
                "assume_role_with_web_identity",
                Value::List(vec![obj(&[("provider_id", s("OIDC"))])]),
            ),
        ]);
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].0, "assume_role_with_web_identity");
        let got = errors(&[("protocol", s("FTP"))]);
        assert_eq!(got[0].0, "protocol");
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
