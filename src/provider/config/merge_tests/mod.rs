//! Table tests of the merge: precedence, defaults, and errors that name the
//! attribute or the environment variable.

use super::*;
use crate::provider::test_support::{config, n, obj, s, PROVIDER_NAMES};
use std::collections::BTreeMap;

mod logins;

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
    assert_eq!(s.client.region, None);
    assert_eq!(s.client.request_timeout, Duration::from_secs(30));
    assert_eq!(s.client.max_retries, 5);
    assert_eq!(s.client.rate_limit, 20.0);
    assert_eq!(s.credentials, CredentialSettings::default());
    assert!(s.explain, "checks are explained by default");
    assert!(!ok(&[("explain", Value::Bool(false))], &[]).explain);
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
            vec![("TENCENTCLOUD_GAAP_ENDPOINT", "http://127.0.0.2:2")],
            "http://127.0.0.2:2",
        ),
        (
            vec![("endpoint", s("https://a.example.com"))],
            vec![("TENCENTCLOUD_GAAP_ENDPOINT", "http://127.0.0.2:2")],
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
        ("TENCENTCLOUD_REQUEST_TIMEOUT", "soon", "Environment variable TENCENTCLOUD_REQUEST_TIMEOUT must be a number of seconds between 0.001 and 3600, got: \"soon\""),
        // Regression: "greater than 0" let these through as a zero timeout.
        ("TENCENTCLOUD_REQUEST_TIMEOUT", "1e-400", "Environment variable TENCENTCLOUD_REQUEST_TIMEOUT must be a number of seconds between 0.001 and 3600, got: \"1e-400\""),
        ("TENCENTCLOUD_REQUEST_TIMEOUT", "0.0000001", "Environment variable TENCENTCLOUD_REQUEST_TIMEOUT must be a number of seconds between 0.001 and 3600, got: \"0.0000001\""),
        ("TENCENTCLOUD_MAX_RETRIES", "-1", "Environment variable TENCENTCLOUD_MAX_RETRIES must be a whole number between 0 and 100, got: \"-1\""),
        ("TENCENTCLOUD_RATE_LIMIT", "0", "Environment variable TENCENTCLOUD_RATE_LIMIT must be a number of requests per second between 0.1 and 1000, got: \"0\""),
        ("TENCENTCLOUD_RATE_LIMIT", "1e-20", "Environment variable TENCENTCLOUD_RATE_LIMIT must be a number of requests per second between 0.1 and 1000, got: \"1e-20\""),
        ("TENCENTCLOUD_RATE_LIMIT", "0.09", "Environment variable TENCENTCLOUD_RATE_LIMIT must be a number of requests per second between 0.1 and 1000, got: \"0.09\""),
        ("TENCENTCLOUD_GAAP_ENDPOINT", "http://10.1.1.1", "Environment variable TENCENTCLOUD_GAAP_ENDPOINT must be an https:// URL"),
        ("TENCENTCLOUD_DOMAIN", "a/b", "Environment variable TENCENTCLOUD_DOMAIN must be a domain name"),
        ("TENCENTCLOUD_STS_ENDPOINT", "sts", "Environment variable TENCENTCLOUD_STS_ENDPOINT must be an absolute http:// or https:// URL, got: \"sts\""),
        ("TENCENTCLOUD_METADATA_ENDPOINT", "ftp://x", "Environment variable TENCENTCLOUD_METADATA_ENDPOINT must be an absolute"),
        ("TENCENTCLOUD_GAAP_ENDPOINT", "http://localhost:2", "Environment variable TENCENTCLOUD_GAAP_ENDPOINT must be an https:// URL (http:// only for a loopback address: 127.0.0.1 or ::1), got: \"http://localhost:2\" (plain http:// is not allowed to the name localhost, which a resolver may send to another machine; use http://127.0.0.1 (or http://[::1]) instead)"),
        ("TENCENTCLOUD_REGION", "ap guangzhou", "Environment variable TENCENTCLOUD_REGION must consist of letters, digits, \"_\" and \"-\", got: \"ap guangzhou\""),
        ("TENCENTCLOUD_GAAP_ENDPOINT", "https://u:s3cret@gaap.example.com", "Environment variable TENCENTCLOUD_GAAP_ENDPOINT must be an https:// URL (http:// only for a loopback address: 127.0.0.1 or ::1), got: \"https://***@gaap.example.com/\" (credentials in a URL are not allowed)"),
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
            vec![(Some("rate_limit"), "Attribute rate_limit value must be a number of requests per second between 0.1 and 1000, got: 0")],
        ),
        (
            vec![("rate_limit", n("1e-20"))],
            vec![],
            vec![(Some("rate_limit"), "Attribute rate_limit value must be a number of requests per second between 0.1 and 1000, got: 0.00000000000000000001")],
        ),
        (
            vec![],
            vec![("TENCENTCLOUD_RATE_LIMIT", "1001")],
            vec![(None, "Environment variable TENCENTCLOUD_RATE_LIMIT must be a number of requests per second between 0.1 and 1000, got: \"1001\"")],
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

/// `rate_limit` has a floor (`spec::MIN_RATE_LIMIT`, the client's `MIN_RATE`): the
/// floor itself passes, from HCL (sent as decimal text) and from the environment.
#[test]
fn the_smallest_rate_limit_is_accepted_and_is_the_clients() {
    assert_eq!(ok(&[("rate_limit", n("0.1"))], &[]).client.rate_limit, 0.1);
    assert_eq!(
        ok(&[], &[("TENCENTCLOUD_RATE_LIMIT", "0.1")])
            .client
            .rate_limit,
        0.1
    );
    let floor =
        crate::protocol::Number::parse(crate::provider::spec::MIN_RATE_LIMIT).expect("a decimal");
    assert_eq!(
        floor.to_f64_lossy(),
        tencentcloud_client::rate_limit::MIN_RATE
    );
}

#[test]
fn domain_applies_to_sts_and_account_guards_pass_through() {
    let c = ok(
        &[
            ("domain", s("tencentcloudapi.com")),
            ("endpoint", s("http://127.0.0.1:9")),
            ("allowed_account_ids", Value::Set(vec![s("100000000001")])),
        ],
        &[],
    );
    assert_eq!(
        c.credentials.sts_domain.as_deref(),
        Some("tencentcloudapi.com")
    );
    assert_eq!(
        tencentcloud_client::chain::sts_endpoint(&c.credentials),
        "https://sts.tencentcloudapi.com"
    );
    assert_eq!(c.credentials.allowed_account_ids, ["100000000001"]);
    let none = ok(&[], &[]).credentials;
    assert_eq!(none.sts_domain, None);
}

#[test]
fn throttle_budget_defaults_to_three_minutes_and_follows_the_official_variable() {
    assert_eq!(
        ok(&[], &[]).client.throttle_retry_budget,
        Duration::from_secs(180)
    );
    assert_eq!(
        ok(&[], &[("TENCENTCLOUD_READ_RETRY_TIMEOUT", "1")])
            .client
            .throttle_retry_budget,
        Duration::from_secs(60)
    );
    assert_eq!(
        ok(&[], &[("TENCENTCLOUD_READ_RETRY_TIMEOUT", "0")])
            .client
            .throttle_retry_budget,
        Duration::ZERO
    );
    let got = details(&[], &[("TENCENTCLOUD_READ_RETRY_TIMEOUT", "61")]);
    assert!(
        got[0].contains("TENCENTCLOUD_READ_RETRY_TIMEOUT"),
        "{got:?}"
    );
}
