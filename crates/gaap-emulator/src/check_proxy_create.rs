//! `CheckProxyCreate` (GAAP, version 2018-05-29): the emulator's business rules.
//!
//! Parameters, as documented: `AccessRegion`, `RealServerRegion` (strings, required),
//! `Bandwidth` (Mbps), `Concurrent` (units of 10,000 connections) (integers, required;
//! JSON numbers or numeric strings), `GroupId`, `IPAddressVersion` (`IPv4`|`IPv6`),
//! `NetworkType` (`normal`|`cn2`; also `triple`|`secure_eip`, the other values of
//! `SupportFeature.NetworkType`), `PackageType` (`Thunder`|`Accelerator`|`CrossBorder`)
//! (strings, optional), `Http3Supported` (integer 0 or 1, optional, ignored).
//!
//! Validation, in this order:
//! - a region that appears nowhere in the catalogue ([`Catalogue::knows`],
//!   case-sensitive): `InvalidParameterValue.UnknownAccessRegion` or
//!   `.UnknownDestRegion`;
//! - `Bandwidth` outside [`BANDWIDTH_RANGE`]: `InvalidParameterValue.InvalidBandwidth`;
//! - `Concurrent` outside [`CONCURRENT_RANGE`]: `InvalidParameterValue.InvalidConcurrency`;
//! - an enum value outside its list, or `Http3Supported` not 0/1: `InvalidParameterValue`.
//!   `GroupId` is not checked.
//!
//! `CheckFlag` is 1 exactly when the catalogue the emulator serves (built in or
//! recorded) offers the connection: the access region is offered for the origin with
//! this IP version and package, the bandwidth and concurrency are offered values
//! there, and the network type is supported (see [`Catalogue::offers`]).

use std::ops::RangeInclusive;

use serde_json::{Map, Value};

use super::answers::{self, Catalogue, Connection};
use super::params::Params;
use super::response::{codes, ApiFailure};

/// The action's name, version and credential-scope service: the API's facts, named
/// once by the client.
pub use tencentcloud_client::gaap::check_proxy_create::{ACTION, SERVICE, VERSION};

/// The bandwidths (Mbps) outside which `InvalidParameterValue.InvalidBandwidth` is
/// answered. The API does not publish its range: the top is the largest value the
/// official provider documents (10000, with a whitelist), the bottom is modelled.
/// Values inside it that the catalogue does not offer answer `CheckFlag` 0.
pub const BANDWIDTH_RANGE: RangeInclusive<i64> = 1..=10_000;
/// The concurrencies (×10,000 connections) outside which
/// `InvalidParameterValue.InvalidConcurrency` is answered: likewise, the top is the
/// largest value the official provider documents (300, with a whitelist).
pub const CONCURRENT_RANGE: RangeInclusive<i64> = 1..=300;

const PARAMETERS: &[&str] = &[
    "AccessRegion",
    "RealServerRegion",
    "Bandwidth",
    "Concurrent",
    "GroupId",
    "IPAddressVersion",
    "NetworkType",
    "PackageType",
    "Http3Supported",
];
pub use super::answers::{IP_VERSIONS, PACKAGE_TYPES};
/// The reference of `CheckProxyCreate` names `normal` and `cn2`; `triple` and
/// `secure_eip` are the other values of `SupportFeature.NetworkType`
/// (tencentcloud-sdk-python, `gaap/v20180529/models.py`, class `SupportFeature`). They
/// are accepted and answered like the others: 1 only where the origin's
/// `SupportFeature` lists them, which no built-in region does (modelled).
pub const NETWORK_TYPES: &[&str] = &["normal", "cn2", "triple", "secure_eip"];

pub(crate) fn check_enum(
    name: &str,
    value: Option<&str>,
    allowed: &[&str],
) -> Result<(), ApiFailure> {
    match value {
        Some(v) if !allowed.contains(&v) => Err(ApiFailure::new(
            codes::INVALID_PARAMETER_VALUE,
            format!(
                "The value `{v}` of parameter `{name}` is invalid; allowed: {}.",
                allowed.join(", ")
            ),
        )),
        _ => Ok(()),
    }
}

fn check_region(
    catalogue: &Catalogue,
    code: &str,
    name: &str,
    value: &str,
) -> Result<(), ApiFailure> {
    if catalogue.knows(value) {
        Ok(())
    } else {
        Err(answers::unknown_region(code, name, value))
    }
}

pub(crate) fn check_range(
    code: &str,
    name: &str,
    value: i64,
    range: &RangeInclusive<i64>,
) -> Result<(), ApiFailure> {
    if range.contains(&value) {
        Ok(())
    } else {
        Err(ApiFailure::new(
            code,
            format!(
                "The value {value} of `{name}` is not in the range {}..={}.",
                range.start(),
                range.end()
            ),
        ))
    }
}

/// The checks of a connection's parameters, in the order the module doc gives, as
/// `CheckProxyCreate` and `InquiryPriceCreateProxy` share them; `origin_parameter`
/// names the parameter the origin came in (for the message).
pub(crate) fn validate(
    catalogue: &Catalogue,
    c: &Connection<'_>,
    origin_parameter: &str,
    http3: Option<i64>,
) -> Result<(), ApiFailure> {
    check_region(
        catalogue,
        codes::UNKNOWN_ACCESS_REGION,
        "AccessRegion",
        c.access,
    )?;
    check_region(
        catalogue,
        codes::UNKNOWN_DEST_REGION,
        origin_parameter,
        c.origin,
    )?;
    check_range(
        codes::INVALID_BANDWIDTH,
        "Bandwidth",
        c.bandwidth,
        &BANDWIDTH_RANGE,
    )?;
    check_range(
        codes::INVALID_CONCURRENCY,
        "Concurrent",
        c.concurrent,
        &CONCURRENT_RANGE,
    )?;
    check_enum("IPAddressVersion", c.ip_version, IP_VERSIONS)?;
    check_enum("NetworkType", c.network_type, NETWORK_TYPES)?;
    check_enum("PackageType", c.package, PACKAGE_TYPES)?;
    match http3 {
        Some(h) => check_range(
            codes::INVALID_PARAMETER_VALUE,
            "Http3Supported",
            h,
            &(0..=1),
        ),
        None => Ok(()),
    }
}

/// Validates the body and answers the response fields (`CheckFlag`).
pub fn handle(
    catalogue: &Catalogue,
    body: &Map<String, Value>,
) -> Result<Map<String, Value>, ApiFailure> {
    let p = Params::new(body, PARAMETERS)?;
    let access = p.required_string("AccessRegion")?;
    let dest = p.required_string("RealServerRegion")?;
    let bandwidth = p.required_integer("Bandwidth")?;
    let concurrent = p.required_integer("Concurrent")?;
    p.string("GroupId")?;
    let ip_version = p.string("IPAddressVersion")?;
    let network = p.string("NetworkType")?;
    let package = p.string("PackageType")?;
    let http3 = p.integer("Http3Supported")?;

    let connection = Connection {
        access,
        origin: dest,
        bandwidth,
        concurrent,
        ip_version,
        network_type: network,
        package,
    };
    validate(catalogue, &connection, "RealServerRegion", http3)?;
    let creatable = catalogue.offers(&connection)?;
    let mut out = Map::new();
    out.insert("CheckFlag".to_owned(), Value::from(u8::from(creatable)));
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::params::parse_body;

    fn run(body: &str) -> Result<i64, String> {
        let map = parse_body(body.as_bytes()).map_err(|e| e.code)?;
        handle(&Catalogue::built_in(), &map)
            .map(|m| m["CheckFlag"].as_i64().unwrap())
            .map_err(|e| e.code)
    }

    #[test]
    fn check_flag_rules() {
        let base = r#""AccessRegion":"SouthChina","RealServerRegion":"EastChina""#;
        assert_eq!(
            run(&format!(r#"{{{base},"Bandwidth":10,"Concurrent":2}}"#)),
            Ok(1)
        );
        assert_eq!(
            run(&format!(r#"{{{base},"Bandwidth":"10","Concurrent":"2"}}"#)),
            Ok(1)
        );
        assert_eq!(
            run(&format!(r#"{{{base},"Bandwidth":1000,"Concurrent":50}}"#)),
            Ok(1)
        );
        assert_eq!(
            run(&format!(r#"{{{base},"Bandwidth":1001,"Concurrent":2}}"#)),
            Ok(0)
        );
        assert_eq!(
            run(&format!(r#"{{{base},"Bandwidth":10,"Concurrent":51}}"#)),
            Ok(0)
        );
        // Inside the ranges but not offered: 0, not an error.
        assert_eq!(
            run(&format!(r#"{{{base},"Bandwidth":1,"Concurrent":2}}"#)),
            Ok(0)
        );
        assert_eq!(
            run(&format!(r#"{{{base},"Bandwidth":10,"Concurrent":300}}"#)),
            Ok(0)
        );
        assert_eq!(
            run(
                r#"{"AccessRegion":"Japan","RealServerRegion":"Japan","Bandwidth":10,"Concurrent":2}"#
            ),
            Ok(0)
        );
        assert_eq!(
            run(&format!(
                r#"{{{base},"Bandwidth":10,"Concurrent":2,"NetworkType":"cn2","IPAddressVersion":"IPv6"}}"#
            )),
            Ok(0)
        );
        assert_eq!(
            run(&format!(
                r#"{{{base},"Bandwidth":10,"Concurrent":2,"NetworkType":"cn2","IPAddressVersion":"IPv4","PackageType":"CrossBorder","GroupId":"lg-1","Http3Supported":0}}"#
            )),
            Ok(1)
        );
    }

    /// `triple` and `secure_eip` are accepted, and answer 0: no built-in origin lists
    /// them in its `SupportFeature`.
    #[test]
    fn network_types_beyond_the_reference_are_accepted_and_unoffered() {
        let base = r#""AccessRegion":"SouthChina","RealServerRegion":"EastChina""#;
        for network in ["triple", "secure_eip"] {
            let body =
                format!(r#"{{{base},"Bandwidth":10,"Concurrent":2,"NetworkType":"{network}"}}"#);
            assert_eq!(run(&body), Ok(0), "{network}");
        }
    }

    #[test]
    fn validation_codes() {
        let base = r#""AccessRegion":"SouthChina","RealServerRegion":"EastChina""#;
        let cases = [
            (r#"{"AccessRegion":"Mars","RealServerRegion":"EastChina","Bandwidth":1,"Concurrent":1}"#.to_owned(), "InvalidParameterValue.UnknownAccessRegion"),
            (r#"{"AccessRegion":"EastChina","RealServerRegion":"Mars","Bandwidth":1,"Concurrent":1}"#.to_owned(), "InvalidParameterValue.UnknownDestRegion"),
            (format!(r#"{{{base},"Bandwidth":0,"Concurrent":1}}"#), "InvalidParameterValue.InvalidBandwidth"),
            (format!(r#"{{{base},"Bandwidth":10001,"Concurrent":1}}"#), "InvalidParameterValue.InvalidBandwidth"),
            (format!(r#"{{{base},"Bandwidth":1,"Concurrent":301}}"#), "InvalidParameterValue.InvalidConcurrency"),
            (format!(r#"{{{base},"Bandwidth":1,"Concurrent":-1}}"#), "InvalidParameterValue.InvalidConcurrency"),
            (format!(r#"{{{base},"Bandwidth":1,"Concurrent":1,"NetworkType":"fast"}}"#), "InvalidParameterValue"),
            (format!(r#"{{{base},"Bandwidth":1,"Concurrent":1,"IPAddressVersion":"ipv4"}}"#), "InvalidParameterValue"),
            (format!(r#"{{{base},"Bandwidth":1,"Concurrent":1,"PackageType":"Gold"}}"#), "InvalidParameterValue"),
            (format!(r#"{{{base},"Bandwidth":1,"Concurrent":1,"Http3Supported":2}}"#), "InvalidParameterValue"),
            (format!(r#"{{{base},"Bandwidth":1.5,"Concurrent":1}}"#), "InvalidParameter"),
            (format!(r#"{{{base},"Bandwidth":1,"Concurrent":1,"Region":"x"}}"#), "UnknownParameter"),
            (format!(r#"{{{base},"Bandwidth":1}}"#), "MissingParameter"),
        ];
        for (body, code) in cases {
            assert_eq!(run(&body), Err(code.to_owned()), "{body}");
        }
    }
}
