//! The `gaap_proxy_create_check` arguments, decoded once into typed fields from the
//! attribute table. The same decode answers `ValidateDataSourceConfig` (its
//! diagnostics) and starts a read (its value).

use crate::protocol::decode::{typed_block, Attr};
use crate::protocol::{AttributePath, Diagnostics, Value};

use super::schema::*;

typed_block! {
    /// Every argument, typed. Null and unknown values are kept as such.
    pub struct ProxyCreateCheckConfig in ATTRIBUTES {
        access_region: String = ACCESS_REGION,
        real_server_region: String = REAL_SERVER_REGION,
        bandwidth: u64 = BANDWIDTH,
        concurrent: u64 = CONCURRENT,
        group_id: String = GROUP_ID,
        ip_address_version: String = IP_ADDRESS_VERSION,
        network_type: String = NETWORK_TYPE,
        package_type: String = PACKAGE_TYPE,
        http3_supported: i64 = HTTP3_SUPPORTED,
        result_output_file: String = RESULT_OUTPUT_FILE,
    }
}

/// Warnings: the deprecated `http3_supported` is set (valid or not), or
/// `network_type` is a value `CheckProxyCreate`'s reference does not name.
pub fn warnings(arguments: &ProxyCreateCheckConfig, config: &Value, diags: &mut Diagnostics) {
    deprecations(config, diags);
    undocumented_network_type(
        &arguments.network_type,
        "CheckProxyCreate",
        "the check may refuse it or answer 0",
        diags,
    );
}

/// A warning on `network_type` (the check's, or a data source's that reuses it) when
/// its value is one the reference of `action` does not name; `outcome` says what the
/// API may do with it.
pub fn undocumented_network_type(
    network: &Attr<String>,
    action: &str,
    outcome: &str,
    diags: &mut Diagnostics,
) {
    let network = network.known();
    if let Some(network) = network.filter(|n| !DOCUMENTED_NETWORK_TYPES.contains(&n.as_str())) {
        diags.add_attribute_warning(
            AttributePath::attribute(NETWORK_TYPE.name),
            "Undocumented Network Type",
            format!(
                "network_type {network:?} is sent as given, but {action}'s API reference \
                 names only \"normal\" and \"cn2\"; {network:?} is a network type GAAP lists for \
                 regions (SupportFeature.NetworkType), and {outcome}."
            ),
        );
    }
}

/// A warning when the deprecated `http3_supported` is set (valid or not).
fn deprecations(config: &Value, diags: &mut Diagnostics) {
    let set = config
        .attr(HTTP3_SUPPORTED.name)
        .is_some_and(|v| !v.is_null());
    if set {
        diags.add_attribute_warning(
            AttributePath::attribute(HTTP3_SUPPORTED.name),
            "Deprecated Attribute",
            "Attribute http3_supported is deprecated: the CheckProxyCreate API ignores it, so it \
             does not change the result. Remove it from the configuration.",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocol::decode::{Attr, Decoded, TypedBlock};
    use crate::protocol::Severity;
    use crate::provider::test_support::{minimal_check, n, s};

    fn decode(config: &Value) -> Decoded<ProxyCreateCheckConfig> {
        ProxyCreateCheckConfig::decode_with(config, warnings)
    }

    fn validate_config(config: &Value) -> Diagnostics {
        decode(config).diagnostics
    }

    /// (attribute, value) → the detail of its one error, or None when valid.
    #[test]
    fn table() {
        let cases: Vec<(&str, Value, Option<&str>)> = vec![
            ("bandwidth", n("0"), Some("Attribute bandwidth value must be a whole number at least 1, got: 0")),
            ("bandwidth", n("1.5"), Some("Attribute bandwidth value must be a whole number at least 1, got: 1.5")),
            ("bandwidth", n("123456789012345678901234567890"), Some("Attribute bandwidth value must be a whole number between 0 and 18446744073709551615, got: 123456789012345678901234567890")),
            ("concurrent", n("-1"), Some("Attribute concurrent value must be a whole number at least 1, got: -1")),
            ("concurrent", n("10000"), None),
            ("access_region", s(""), Some("Attribute access_region value must be a non-empty string of letters, digits, \"_\" and \"-\", got: \"\"")),
            ("real_server_region", s("East China"), Some("Attribute real_server_region value must be a non-empty string of letters, digits, \"_\" and \"-\", got: \"East China\"")),
            ("ip_address_version", s("IPv4"), None),
            ("ip_address_version", s("v4"), Some("Attribute ip_address_version value must be one of: \"IPv4\", \"IPv6\", got: \"v4\"")),
            ("network_type", s("cn2"), None),
            ("network_type", s("CN2"), Some("Attribute network_type value must be one of: \"normal\", \"cn2\", \"triple\", \"secure_eip\", got: \"CN2\"")),
            ("package_type", s("CrossBorder"), None),
            ("package_type", s("Premium"), Some("Attribute package_type value must be one of: \"Thunder\", \"Accelerator\", \"CrossBorder\", got: \"Premium\"")),
            ("http3_supported", n("2"), Some("Attribute http3_supported value must be a whole number between 0 and 1, got: 2")),
            ("result_output_file", s(""), Some("Attribute result_output_file value must not be empty, got: \"\"")),
            ("result_output_file", s("out.json"), None),
            ("group_id", s("lg-1"), None),
        ];
        for (name, value, want) in cases {
            let decoded = decode(&minimal_check(&[(name, value.clone())]));
            let errors: Vec<_> = decoded
                .diagnostics
                .iter()
                .filter(|d| d.severity == Severity::Error)
                .collect();
            match want {
                None => {
                    assert!(errors.is_empty(), "{name}={value:?}: {errors:?}");
                    assert!(decoded.value.is_some(), "{name}");
                }
                Some(detail) => {
                    assert_eq!(errors.len(), 1, "{name}: {errors:?}");
                    assert_eq!(errors[0].detail, detail);
                    assert_eq!(errors[0].attribute, Some(AttributePath::attribute(name)));
                    assert!(decoded.value.is_none(), "{name}");
                }
            }
        }
    }

    #[test]
    fn minimal_config_is_valid() {
        assert!(validate_config(&minimal_check(&[])).is_empty());
    }

    #[test]
    fn minimal_config_decodes_to_typed_fields() {
        let decoded = decode(&minimal_check(&[("bandwidth", n("10.0"))]));
        assert!(decoded.diagnostics.is_empty());
        let config = decoded.value.expect("valid");
        assert_eq!(config.access_region, Attr::Known("SouthChina".to_owned()));
        assert_eq!(config.bandwidth, Attr::Known(10));
        assert_eq!(config.concurrent, Attr::Known(2));
        assert_eq!(config.group_id, Attr::Null);
        assert_eq!(config.http3_supported, Attr::Null);
    }

    #[test]
    fn unknown_values_are_skipped() {
        let config = minimal_check(&[
            ("bandwidth", Value::Unknown),
            ("access_region", Value::Unknown),
            ("network_type", Value::Unknown),
        ]);
        let decoded = decode(&config);
        assert!(decoded.diagnostics.is_empty());
        let config = decoded.value.expect("valid so far");
        assert_eq!(config.bandwidth, Attr::Unknown);
        assert_eq!(config.access_region, Attr::Unknown);
        assert_eq!(config.network_type, Attr::Unknown);
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

    /// `triple` and `secure_eip` decode and are sent, each with one warning on
    /// `network_type`; the documented values give none.
    #[test]
    fn undocumented_network_types_warn() {
        for network in ["triple", "secure_eip"] {
            let decoded = decode(&minimal_check(&[("network_type", s(network))]));
            let diags = &decoded.diagnostics;
            assert_eq!(diags.len(), 1, "{network}: {diags:?}");
            let d = &diags.0[0];
            assert_eq!(d.severity, Severity::Warning);
            assert_eq!(d.attribute, Some(AttributePath::attribute("network_type")));
            assert!(d.detail.contains(&format!("{network:?}")), "{}", d.detail);
            let value = decoded.value.expect("a warning only");
            assert_eq!(value.network_type, Attr::Known(network.to_owned()));
        }
        for network in ["normal", "cn2"] {
            let decoded = decode(&minimal_check(&[("network_type", s(network))]));
            assert!(decoded.diagnostics.is_empty(), "{network}");
        }
    }

    #[test]
    fn http3_supported_warns_when_set() {
        let decoded = decode(&minimal_check(&[("http3_supported", n("1"))]));
        let diags = &decoded.diagnostics;
        assert_eq!(diags.len(), 1);
        let d = &diags.0[0];
        assert_eq!(d.severity, Severity::Warning);
        assert_eq!(
            d.attribute,
            Some(AttributePath::attribute("http3_supported"))
        );
        assert!(!diags.has_errors());
        assert_eq!(
            decoded.value.expect("a warning only").http3_supported,
            Attr::Known(1)
        );
        let diags = validate_config(&minimal_check(&[("http3_supported", n("2"))]));
        assert_eq!(diags.len(), 2);
        assert!(diags.has_errors());
    }
}
