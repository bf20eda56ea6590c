//! `ValidateDataSourceConfig` for `gaap_proxy_create_check`: offline checks only.

use crate::protocol::{AttributePath, Diagnostics, Value};
use crate::provider::schema::{check_attr as a, IP_ADDRESS_VERSIONS, NETWORK_TYPES, PACKAGE_TYPES};
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
