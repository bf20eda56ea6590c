//! `PrepareProviderConfig`: offline checks of the `provider "gaap"` block.

use crate::protocol::{AttributePath, Diagnostics, Value};
use crate::provider::defaults;
use crate::provider::schema::provider_attr as a;
use crate::provider::validators::{validate, Check};

const MAX_SESSION_DURATION: i64 = defaults::MAX_SESSION_DURATION as i64;
/// Upper bound of `max_retries`: beyond this a plan would spin for hours on a dead API.
pub const MAX_RETRIES_LIMIT: i64 = 100;

/// Upper bound of `request_timeout`, seconds: an attempt longer than an hour is a typo.
pub const MAX_REQUEST_TIMEOUT: i64 = 3600;
/// Upper bound of `rate_limit`, requests per second (50 times the API's documented limit).
pub const MAX_RATE_LIMIT: i64 = 1000;

/// Checks of the top-level attributes.
pub const ATTRIBUTE_CHECKS: &[(&str, &[Check])] = &[
    (a::SECRET_ID, &[Check::NoSurroundingWhitespace]),
    (a::SECRET_KEY, &[Check::NoSurroundingWhitespace]),
    (a::SECURITY_TOKEN, &[Check::NoSurroundingWhitespace]),
    (a::REGION, &[Check::RegionNameOrEmpty]),
    (a::DOMAIN, &[Check::DomainName]),
    (a::ENDPOINT, &[Check::ApiUrl]),
    (a::PROFILE, &[Check::NonEmpty]),
    (a::SHARED_CREDENTIALS_DIR, &[Check::NonEmpty]),
    (
        a::REQUEST_TIMEOUT,
        &[Check::positive_up_to(MAX_REQUEST_TIMEOUT)],
    ),
    (a::MAX_RETRIES, &[Check::between(0, MAX_RETRIES_LIMIT)]),
    (a::RATE_LIMIT, &[Check::positive_up_to(MAX_RATE_LIMIT)]),
];

/// Checks inside the `assume_role` block.
pub const ASSUME_ROLE_CHECKS: &[(&str, &[Check])] = &[
    (a::ROLE_ARN, &[Check::NonEmpty]),
    (a::SESSION_NAME, &[Check::SessionName]),
    (
        a::SESSION_DURATION,
        &[Check::between(0, MAX_SESSION_DURATION)],
    ),
];

/// One error per invalid attribute, on its path (`assume_role[0].session_duration`).
/// Null and unknown values are skipped. Whether a key pair is complete is decided in
/// `Configure`, where the environment variables are merged in.
pub fn validate_config(config: &Value) -> Diagnostics {
    let mut diags = Diagnostics::new();
    for (name, checks) in ATTRIBUTE_CHECKS {
        let value = config.attr(name).unwrap_or(&Value::Null);
        validate(&mut diags, &AttributePath::attribute(name), value, checks);
    }
    if let Some(blocks) = config.attr(a::ASSUME_ROLE).and_then(Value::as_list) {
        for (index, block) in blocks.iter().enumerate() {
            let base = AttributePath::attribute(a::ASSUME_ROLE).index(index as i64);
            for (name, checks) in ASSUME_ROLE_CHECKS {
                let value = block.attr(name).unwrap_or(&Value::Null);
                validate(&mut diags, &base.clone().attr(name), value, checks);
            }
        }
    }
    diags
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::provider::test_support::{config, n, obj, s, PROVIDER_NAMES};

    fn errors(set: &[(&str, Value)]) -> Vec<(String, String)> {
        validate_config(&config(PROVIDER_NAMES, set))
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
                "must be a number greater than 0 and at most 3600, got: 0",
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
                "between 0 and 43200, got: 43201",
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
}
