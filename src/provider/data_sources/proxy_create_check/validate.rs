//! `ValidateDataSourceConfig` for `gaap_proxy_create_check`: offline checks only.

use super::schema::{attr as a, IP_ADDRESS_VERSIONS, NETWORK_TYPES, PACKAGE_TYPES};
use crate::protocol::{AttributePath, Diagnostics, Value};
use crate::provider::validators::{validate, Check};

/// The checks of each argument, in schema order.
pub const ARGUMENT_CHECKS: &[(&str, &[Check])] = &[
    (a::ACCESS_REGION, &[Check::RegionName]),
    (a::REAL_SERVER_REGION, &[Check::RegionName]),
    (a::BANDWIDTH, &[Check::WholeInRange { min: 1, max: None }]),
    (a::CONCURRENT, &[Check::WholeInRange { min: 1, max: None }]),
    (a::IP_ADDRESS_VERSION, &[Check::OneOf(IP_ADDRESS_VERSIONS)]),
    (a::NETWORK_TYPE, &[Check::OneOf(NETWORK_TYPES)]),
    (a::PACKAGE_TYPE, &[Check::OneOf(PACKAGE_TYPES)]),
    // The API documents 0 (off) and 1 (on).
    (
        a::HTTP3_SUPPORTED,
        &[Check::WholeInRange {
            min: 0,
            max: Some(1),
        }],
    ),
    (a::RESULT_OUTPUT_FILE, &[Check::NonEmpty]),
];

/// One error per invalid argument, on its path; a warning when the deprecated
/// `http3_supported` is set. Null and unknown values are skipped.
pub fn validate_config(config: &Value) -> Diagnostics {
    let mut diags = Diagnostics::new();
    for (name, checks) in ARGUMENT_CHECKS {
        let value = config.attr(name).unwrap_or(&Value::Null);
        validate(&mut diags, &AttributePath::attribute(name), value, checks);
    }
    if config
        .attr(a::HTTP3_SUPPORTED)
        .is_some_and(|v| !v.is_null())
    {
        diags.add_attribute_warning(
            AttributePath::attribute(a::HTTP3_SUPPORTED),
            "Deprecated Attribute",
            "Attribute http3_supported is deprecated: the CheckProxyCreate API ignores it, so it \
             does not change the result. Remove it from the configuration.",
        );
    }
    diags
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocol::Severity;
    use crate::provider::test_support::{minimal_check, n, s};

    /// (attribute, value) → the detail of its one error, or None when valid.
    #[test]
    fn table() {
        let cases: Vec<(&str, Value, Option<&str>)> = vec![
            ("bandwidth", n("0"), Some("Attribute bandwidth value must be a whole number at least 1, got: 0")),
            ("bandwidth", n("1.5"), Some("Attribute bandwidth value must be a whole number at least 1, got: 1.5")),
            ("concurrent", n("-1"), Some("Attribute concurrent value must be a whole number at least 1, got: -1")),
            ("concurrent", n("10000"), None),
            ("access_region", s(""), Some("Attribute access_region value must be a non-empty string of letters, digits, \"_\" and \"-\", got: \"\"")),
            ("real_server_region", s("East China"), Some("Attribute real_server_region value must be a non-empty string of letters, digits, \"_\" and \"-\", got: \"East China\"")),
            ("ip_address_version", s("IPv4"), None),
            ("ip_address_version", s("v4"), Some("Attribute ip_address_version value must be one of: \"IPv4\", \"IPv6\", got: \"v4\"")),
            ("network_type", s("cn2"), None),
            ("network_type", s("CN2"), Some("Attribute network_type value must be one of: \"normal\", \"cn2\", got: \"CN2\"")),
            ("package_type", s("CrossBorder"), None),
            ("package_type", s("Premium"), Some("Attribute package_type value must be one of: \"Thunder\", \"Accelerator\", \"CrossBorder\", got: \"Premium\"")),
            ("result_output_file", s(""), Some("Attribute result_output_file value must not be empty, got: \"\"")),
            ("result_output_file", s("out.json"), None),
            ("group_id", s("lg-1"), None),
        ];
        for (name, value, want) in cases {
            let diags = validate_config(&minimal_check(&[(name, value.clone())]));
            let errors: Vec<_> = diags
                .iter()
                .filter(|d| d.severity == Severity::Error)
                .collect();
            match want {
                None => assert!(errors.is_empty(), "{name}={value:?}: {errors:?}"),
                Some(detail) => {
                    assert_eq!(errors.len(), 1, "{name}: {errors:?}");
                    assert_eq!(errors[0].detail, detail);
                    assert_eq!(errors[0].attribute, Some(AttributePath::attribute(name)));
                }
            }
        }
    }

    #[test]
    fn minimal_config_is_valid() {
        assert!(validate_config(&minimal_check(&[])).is_empty());
    }

    #[test]
    fn unknown_values_are_skipped() {
        let config = minimal_check(&[
            ("bandwidth", Value::Unknown),
            ("access_region", Value::Unknown),
            ("network_type", Value::Unknown),
        ]);
        assert!(validate_config(&config).is_empty());
    }

    #[test]
    fn each_problem_is_one_diagnostic() {
        let config = minimal_check(&[
            ("bandwidth", n("0")),
            ("concurrent", n("0.5")),
            ("package_type", s("x")),
        ]);
        let diags = validate_config(&config);
        let paths: Vec<String> = diags
            .iter()
            .map(|d| d.attribute.as_ref().unwrap().to_string())
            .collect();
        assert_eq!(paths, ["bandwidth", "concurrent", "package_type"]);
    }

    #[test]
    fn http3_supported_warns_when_set() {
        let diags = validate_config(&minimal_check(&[("http3_supported", n("1"))]));
        assert_eq!(diags.len(), 1);
        let d = &diags.0[0];
        assert_eq!(d.severity, Severity::Warning);
        assert_eq!(
            d.attribute,
            Some(AttributePath::attribute("http3_supported"))
        );
        assert!(!diags.has_errors());
        let diags = validate_config(&minimal_check(&[("http3_supported", n("2"))]));
        assert_eq!(diags.len(), 2);
        assert!(diags.has_errors());
    }
}
