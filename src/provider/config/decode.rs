//! The `provider "gaap"` block decoded once into typed fields. `PrepareProviderConfig`
//! returns the diagnostics; `Configure` merges the value with the environment.

use crate::protocol::decode::{typed_block, Decoded, TypedBlock};
use crate::protocol::{AttributePath, Diagnostics, Value};
use crate::provider::login_blocks::{
    assume_role, mfa, saml, web_identity, LOGIN_ROLE_ARN, LOGIN_SESSION_NAME, SESSION_DURATION,
};
use crate::provider::spec::*;

typed_block! {
    /// The provider block, typed. Null and unknown values are kept as such; Debug output
    /// hides the secrets. A nested block is its first element: null without one,
    /// unknown when the list itself is.
    pub struct ProviderConfig in ATTRIBUTES {
        secret_id: String = SECRET_ID,
        secret_key: String = SECRET_KEY,
        security_token: String = SECURITY_TOKEN,
        region: String = REGION,
        domain: String = DOMAIN,
        endpoint: String = ENDPOINT,
        profile: String = PROFILE,
        shared_credentials_dir: String = SHARED_CREDENTIALS_DIR,
        cam_role_name: String = CAM_ROLE_NAME,
        request_timeout: f64 = REQUEST_TIMEOUT,
        max_retries: u64 = MAX_RETRIES,
        rate_limit: f64 = RATE_LIMIT,
        protocol: String = PROTOCOL,
        cos_domain: String = COS_DOMAIN,
        enable_pod_oidc: bool = ENABLE_POD_OIDC,
        allowed_account_ids: Vec<String> = ALLOWED_ACCOUNT_IDS,
        forbidden_account_ids: Vec<String> = FORBIDDEN_ACCOUNT_IDS,
        explain: bool = EXPLAIN,
    }
    blocks {
        assume_role: AssumeRoleConfig = assume_role::BLOCK,
        assume_role_with_saml: SamlConfig = saml::BLOCK,
        assume_role_with_web_identity: WebIdentityConfig = web_identity::BLOCK,
        mfa_certification: MfaConfig = mfa::BLOCK,
    }
}

typed_block! {
    /// The `assume_role` block, typed.
    pub struct AssumeRoleConfig in assume_role::ATTRIBUTES {
        role_arn: String = assume_role::ROLE_ARN,
        session_name: String = assume_role::SESSION_NAME,
        session_duration: u64 = assume_role::SESSION_DURATION,
        policy: String = assume_role::POLICY,
        external_id: String = assume_role::EXTERNAL_ID,
        source_identity: String = assume_role::SOURCE_IDENTITY,
        serial_number: String = assume_role::SERIAL_NUMBER,
        token_code: String = assume_role::TOKEN_CODE,
    }
}

typed_block! {
    /// The `assume_role_with_saml` block, typed.
    pub struct SamlConfig in saml::ATTRIBUTES {
        saml_assertion: String = saml::SAML_ASSERTION,
        principal_arn: String = saml::PRINCIPAL_ARN,
        role_arn: String = LOGIN_ROLE_ARN,
        session_name: String = LOGIN_SESSION_NAME,
        session_duration: u64 = SESSION_DURATION,
    }
}

typed_block! {
    /// The `assume_role_with_web_identity` block, typed.
    pub struct WebIdentityConfig in web_identity::ATTRIBUTES {
        provider_id: String = web_identity::PROVIDER_ID,
        web_identity_token: String = web_identity::WEB_IDENTITY_TOKEN,
        web_identity_token_file: String = web_identity::WEB_IDENTITY_TOKEN_FILE,
        role_arn: String = LOGIN_ROLE_ARN,
        session_name: String = LOGIN_SESSION_NAME,
        session_duration: u64 = SESSION_DURATION,
    }
}

typed_block! {
    /// The `mfa_certification` block, typed.
    pub struct MfaConfig in mfa::ATTRIBUTES {
        serial_number: String = mfa::SERIAL_NUMBER,
        token_code: String = mfa::TOKEN_CODE,
        duration_seconds: u64 = mfa::DURATION_SECONDS,
    }
}

/// One error per invalid attribute, on its path (`assume_role[0].session_duration`).
/// Null and unknown values are not errors. Whether a key pair is complete is decided
/// in `Configure`, where the environment variables are merged in.
pub fn decode(config: &Value) -> Decoded<ProviderConfig> {
    ProviderConfig::decode_with(config, conflicts)
}

/// The official provider's `ConflictsWith`, at validate time.
fn conflicts(c: &ProviderConfig, _: &Value, diags: &mut Diagnostics) {
    let set =
        |v: &crate::protocol::decode::Attr<Vec<String>>| v.known().is_some_and(|l| !l.is_empty());
    if set(&c.allowed_account_ids) && set(&c.forbidden_account_ids) {
        diags.add_attribute_error(
            AttributePath::attribute(FORBIDDEN_ACCOUNT_IDS.name),
            "Conflicting Account Guards",
            format!(
                "Set either `{}` or `{}`, not both: an account is checked against one list.",
                ALLOWED_ACCOUNT_IDS.name, FORBIDDEN_ACCOUNT_IDS.name
            ),
        );
    }
    if c.assume_role_with_saml.known().is_some()
        && c.assume_role_with_web_identity.known().is_some()
    {
        diags.add_attribute_error(
            AttributePath::attribute(web_identity::BLOCK.name),
            "Conflicting Logins",
            format!(
                "`{}` and `{}` each log in as a role without a key; use one (the official \
                 provider refuses both too).",
                saml::BLOCK.name,
                web_identity::BLOCK.name
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocol::decode::Attr;
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
                // Regression: a zero Duration once it is converted.
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
        // `[var.account]` during validate: a set with an unknown element is unknown as
        // a whole, never checked or used by its known part alone.
        for partly in [
            Value::Set(vec![Value::Unknown]),
            Value::Set(vec![s("100000000001"), Value::Unknown]),
        ] {
            let decoded = decode(&config(
                PROVIDER_NAMES,
                &[
                    ("allowed_account_ids", partly.clone()),
                    ("forbidden_account_ids", partly),
                ],
            ));
            assert!(decoded.diagnostics.is_empty(), "{:?}", decoded.diagnostics);
            let c = decoded.value.expect("valid");
            assert_eq!(c.allowed_account_ids, Attr::Unknown);
            assert_eq!(c.forbidden_account_ids, Attr::Unknown);
        }
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
