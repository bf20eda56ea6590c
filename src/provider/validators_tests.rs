//! Table tests of every validator: descriptions, violations, what is shown.

use super::*;
use crate::protocol::validator::validate;
use crate::protocol::{AttributePath, Diagnostics};
use crate::provider::test_support::{n, s};
use tencentcloud_client::endpoint::LOCALHOST_REFUSED;

fn detail(value: Value, checks: &[Check]) -> Option<String> {
    let mut diags = Diagnostics::new();
    let checks: Vec<&dyn Validator> = checks.iter().map(|c| c as &dyn Validator).collect();
    validate(&mut diags, &AttributePath::attribute("x"), &value, &checks);
    assert!(diags.len() <= 1, "one diagnostic per value");
    let first = diags.0.into_iter().next();
    first.map(|d| {
        assert_eq!(d.attribute, Some(AttributePath::attribute("x")));
        d.detail
    })
}

#[test]
fn null_and_unknown_are_skipped_by_every_check() {
    let all = [
        Check::OneOf(&["a"]),
        Check::at_least(1),
        Check::positive_up_to(5),
        Check::NonEmpty,
        Check::RegionName,
        Check::RegionNameOrEmpty,
        Check::NoSurroundingWhitespace,
        Check::ApiUrl,
        Check::DomainName,
        Check::SessionName,
        Check::HttpUrl,
    ];
    for check in all {
        assert_eq!(check.violation(&Value::Null), None, "{check:?}");
        assert_eq!(check.violation(&Value::Unknown), None, "{check:?}");
        let d = check.description();
        assert!(d.starts_with("value must"), "{d}");
    }
}

#[test]
fn table() {
    let at_least_1 = Check::at_least(1);
    let cases: Vec<(Value, Check, Option<&str>)> = vec![
        (n("0"), at_least_1, Some("Attribute x value must be a whole number at least 1, got: 0")),
        (n("1.5"), at_least_1, Some("Attribute x value must be a whole number at least 1, got: 1.5")),
        (n("-3"), at_least_1, Some("Attribute x value must be a whole number at least 1, got: -3")),
        (n("1"), at_least_1, None),
        (n("123456789012345678901234567890"), at_least_1, None),
        (n("43201"), Check::between(0, 43200),
         Some("Attribute x value must be a whole number between 0 and 43200, got: 43201")),
        (n("43200"), Check::between(0, 43200), None),
        (n("0"), Check::positive_up_to(5), Some("Attribute x value must be a number greater than 0 and at most 5, got: 0")),
        (n("0.5"), Check::positive_up_to(5), None),
        (n("5"), Check::positive_up_to(5), None),
        (n("5.01"), Check::positive_up_to(5), Some("Attribute x value must be a number greater than 0 and at most 5, got: 5.01")),
        (n("0.1"), Check::number_between("0.1", 5), None),
        (Value::Number(Number::from_f64(0.1).unwrap()), Check::number_between("0.1", 5), None),
        (n("5"), Check::number_between("0.1", 5), None),
        (n("0.0999"), Check::number_between("0.1", 5), Some("Attribute x value must be a number between 0.1 and 5, got: 0.0999")),
        (n("1e-20"), Check::number_between("0.1", 5), Some("Attribute x value must be a number between 0.1 and 5, got: 0.00000000000000000001")),
        (n("5.01"), Check::number_between("0.1", 5), Some("Attribute x value must be a number between 0.1 and 5, got: 5.01")),
        (s("IPv5"), Check::OneOf(&["IPv4", "IPv6"]),
         Some("Attribute x value must be one of: \"IPv4\", \"IPv6\", got: \"IPv5\"")),
        (s("ipv4"), Check::OneOf(&["IPv4", "IPv6"]), Some("Attribute x value must be one of: \"IPv4\", \"IPv6\", got: \"ipv4\"")),
        (s("IPv6"), Check::OneOf(&["IPv4", "IPv6"]), None),
        (s(""), Check::RegionName, Some("Attribute x value must be a non-empty string of letters, digits, \"_\" and \"-\", got: \"\"")),
        (s("South China"), Check::RegionName, Some("Attribute x value must be a non-empty string of letters, digits, \"_\" and \"-\", got: \"South China\"")),
        (s("ap-guangzhou_2"), Check::RegionName, None),
        (s(""), Check::RegionNameOrEmpty, None),
        (s(""), Check::NonEmpty, Some("Attribute x value must not be empty, got: \"\"")),
        (s("example.com"), Check::DomainName, None),
        (s("https://example.com"), Check::DomainName, Some("Attribute x value must be a domain name such as \"tencentcloudapi.com\", without scheme, port or path, got: \"https://example.com\"")),
        (s("localhost"), Check::DomainName, Some("Attribute x value must be a domain name such as \"tencentcloudapi.com\", without scheme, port or path, got: \"localhost\"")),
        (s("a"), Check::SessionName, Some("Attribute x value must be 2 to 128 characters of letters, digits and \"+=,.@_-\", got: \"a\"")),
        (s("ci@example.com"), Check::SessionName, None),
        (n("3"), Check::NonEmpty, Some("Attribute x value must not be empty, got: the number 3, not a string")),
        (n("0"), Check::positive_up_to(9).of(" of seconds"), Some("Attribute x value must be a number of seconds greater than 0 and at most 9, got: 0")),
        (n("-1"), Check::between(0, 9).of(" of seconds"), Some("Attribute x value must be a whole number of seconds between 0 and 9, got: -1")),
        (s("sts"), Check::HttpUrl, Some("Attribute x value must be an absolute http:// or https:// URL, got: \"sts\"")),
        (s("ftp://x"), Check::HttpUrl, Some("Attribute x value must be an absolute http:// or https:// URL, got: \"ftp://x\"")),
        (s("http://metadata.tencentyun.com"), Check::HttpUrl, None),
    ];
    for (value, check, want) in cases {
        assert_eq!(
            detail(value.clone(), &[check]).as_deref(),
            want,
            "{value:?} {check:?}"
        );
    }
}

/// A value of another kind than the check reads is named by its kind, never shown.
#[test]
fn wrong_kinds_are_named() {
    let cases = [
        (Value::Bool(true), "bool"),
        (Value::List(vec![]), "list"),
        (Value::Set(vec![]), "set"),
        (Value::Map(Default::default()), "map"),
        (Value::Object(Default::default()), "object"),
        (Value::Tuple(vec![]), "tuple"),
    ];
    for (value, kind) in cases {
        assert_eq!(
            detail(value, &[Check::RegionName]).as_deref(),
            Some(
                format!(
                    "Attribute x value must be a non-empty string of letters, digits, \"_\" \
                     and \"-\", got: a value of the wrong kind ({kind})"
                )
                .as_str()
            ),
        );
    }
}

#[test]
fn whitespace_check_never_echoes_the_value() {
    let got = detail(s(" SECRETVALUE\n"), &[Check::NoSurroundingWhitespace]).unwrap();
    assert!(!got.contains("SECRETVALUE"), "{got}");
    assert!(got.contains("1 leading and 1 trailing"), "{got}");
    assert_eq!(
        detail(s("AKIDabc"), &[Check::NoSurroundingWhitespace]),
        None
    );
}

#[test]
fn api_urls() {
    let cases = [
        ("https://gaap.tencentcloudapi.com", None),
        ("https://gaap.tencentcloudapi.com/", None),
        ("http://127.0.0.1:8080", None),
        ("http://127.5.0.1:8080", None),
        ("http://[::1]:9000", None),
        ("https://localhost:8443", None),
        ("http://localhost:1", Some(LOCALHOST_REFUSED)),
        ("http://LOCALHOST", Some(LOCALHOST_REFUSED)),
        (
            "http://gaap.tencentcloudapi.com",
            Some("http:// is allowed only for loopback hosts"),
        ),
        (
            "http://10.0.0.1",
            Some("http:// is allowed only for loopback hosts"),
        ),
        (
            "ftp://127.0.0.1",
            Some("the scheme must be https:// or http://"),
        ),
        ("gaap.tencentcloudapi.com", Some("not an absolute URL")),
        (
            "https://user:pw@example.com",
            Some("credentials in a URL are not allowed"),
        ),
        (
            "https://user@example.com",
            Some("credentials in a URL are not allowed"),
        ),
        (
            "https://:pw@example.com",
            Some("credentials in a URL are not allowed"),
        ),
        (
            "https://example.com/v3",
            Some("the API is served at the root path \"/\""),
        ),
        (
            "https://example.com/?a=b",
            Some("a query or fragment is not allowed"),
        ),
    ];
    for (url, want) in cases {
        assert_eq!(api_url_problem(url), want, "{url}");
    }
    let got = detail(s("http://example.com"), &[Check::ApiUrl]).unwrap();
    assert!(
        got.ends_with("got: \"http://example.com\" (http:// is allowed only for loopback hosts)"),
        "{got}"
    );
}

#[test]
fn first_failing_check_wins() {
    let got = detail(s(""), &[Check::NonEmpty, Check::RegionName]).unwrap();
    assert!(got.contains("must not be empty"), "{got}");
}
