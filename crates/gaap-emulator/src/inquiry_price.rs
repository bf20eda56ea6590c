//! `InquiryPriceCreateProxy` (GAAP, version 2018-05-29): what a connection would
//! cost, from the emulator's modelled price list ([`crate::price`]).
//!
//! Parameters, as documented (API reference and the SDKs' `InquiryPriceCreateProxyRequest`):
//! `AccessRegion` (string) and `Bandwidth` (integer, Mbps), required;
//! `RealServerRegion` (string) and `Concurrent` (integer, ×10,000 connections), each
//! with its deprecated name the API still takes (`DestRegion`, `Concurrency`): one of
//! the two must be given, and when both are they must agree (modelled);
//! `BillingType` (integer: 0 by bandwidth, the default; 1 by traffic),
//! `IPAddressVersion`, `NetworkType`, `PackageType` (strings) and `Http3Supported`
//! (integer 0 or 1, disused), optional. Integers may come as numeric strings.
//!
//! Validation, as `CheckProxyCreate`'s where the parameters are the same, in this
//! order: an unknown region (`InvalidParameterValue.UnknownAccessRegion`,
//! `.UnknownDestRegion`), `Bandwidth` and `Concurrent` outside the check's ranges
//! (`.InvalidBandwidth`, `.InvalidConcurrency`), then `InvalidParameterValue` for an
//! enum value outside its list or `Http3Supported` other than 0 or 1 (all as the
//! check's `validate`), and for `BillingType` other than 0 or 1. These codes are among
//! those the SDKs list for the action (tencentcloud-sdk-go, `gaap/v20180529/client.go`).
//!
//! Any pair of regions the catalogue knows is priced, whether or not the catalogue
//! offers the connection (`CheckProxyCreate` answers that).

use std::fmt::Display;

use serde_json::{Map, Value};

use super::answers::{Catalogue, Connection};
use super::check_proxy_create::{check_range, validate};
use super::params::Params;
use super::price::{self, Inquiry};
use super::response::{codes, ApiFailure};

pub use tencentcloud_client::gaap::inquiry_price_create_proxy::{
    ACTION, BILLING_BY_BANDWIDTH, BILLING_BY_TRAFFIC,
};

const PARAMETERS: &[&str] = &[
    "AccessRegion",
    "Bandwidth",
    "DestRegion",
    "Concurrency",
    "RealServerRegion",
    "Concurrent",
    "BillingType",
    "IPAddressVersion",
    "NetworkType",
    "PackageType",
    "Http3Supported",
];

/// The value of a parameter given under its current name or its deprecated one:
/// `MissingParameter` (naming the current one) when neither is given,
/// `InvalidParameterValue` when both are and differ.
fn current_or_deprecated<T: PartialEq + Display>(
    (current, current_value): (&str, Option<T>),
    (deprecated, deprecated_value): (&str, Option<T>),
) -> Result<T, ApiFailure> {
    match (current_value, deprecated_value) {
        (Some(a), Some(b)) if a != b => Err(ApiFailure::new(
            codes::INVALID_PARAMETER_VALUE,
            format!(
                "`{current}` ({a}) and the deprecated `{deprecated}` ({b}) differ; give \
                 `{current}` only."
            ),
        )),
        (Some(value), _) | (None, Some(value)) => Ok(value),
        (None, None) => Err(ApiFailure::new(
            codes::MISSING_PARAMETER,
            format!("The request is missing a required parameter `{current}`."),
        )),
    }
}

/// Validates the body and answers the price fields.
pub fn handle(
    catalogue: &Catalogue,
    body: &Map<String, Value>,
) -> Result<Map<String, Value>, ApiFailure> {
    let p = Params::new(body, PARAMETERS)?;
    let access = p.required_string("AccessRegion")?;
    let bandwidth = p.required_integer("Bandwidth")?;
    let origin = current_or_deprecated(
        ("RealServerRegion", p.string("RealServerRegion")?),
        ("DestRegion", p.string("DestRegion")?),
    )?;
    let concurrent = current_or_deprecated(
        ("Concurrent", p.integer("Concurrent")?),
        ("Concurrency", p.integer("Concurrency")?),
    )?;
    let billing = p.integer("BillingType")?;
    let ip_version = p.string("IPAddressVersion")?;
    let network = p.string("NetworkType")?;
    let package = p.string("PackageType")?;
    let http3 = p.integer("Http3Supported")?;

    let origin_parameter = if p.string("RealServerRegion")?.is_some() {
        "RealServerRegion"
    } else {
        "DestRegion"
    };
    let connection = Connection {
        access,
        origin,
        bandwidth,
        concurrent,
        ip_version,
        network_type: network,
        package,
    };
    validate(catalogue, &connection, origin_parameter, http3)?;
    let billing = billing.unwrap_or(BILLING_BY_BANDWIDTH);
    check_range(
        codes::INVALID_PARAMETER_VALUE,
        "BillingType",
        billing,
        &(BILLING_BY_BANDWIDTH..=BILLING_BY_TRAFFIC),
    )?;

    let inquiry = Inquiry {
        access,
        origin,
        concurrent,
        by_traffic: billing == BILLING_BY_TRAFFIC,
        cn2: network == Some("cn2"),
    };
    Ok(price::quote(catalogue, &inquiry).answer())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::params::parse_body;

    fn run(body: &str) -> Result<Map<String, Value>, String> {
        let map = parse_body(body.as_bytes()).map_err(|e| e.code)?;
        handle(&Catalogue::built_in(), &map).map_err(|e| e.code)
    }

    const BASE: &str = r#""AccessRegion":"Guangzhou","RealServerRegion":"Shanghai","Bandwidth":10"#;

    #[test]
    fn prices_with_current_or_deprecated_names() {
        let current = run(&format!(r#"{{{BASE},"Concurrent":2}}"#)).unwrap();
        assert_eq!(current["ProxyDailyPrice"].to_string(), "80.64");
        // tccli's published request: the deprecated `Concurrency`, or both names.
        let deprecated = run(&format!(r#"{{{BASE},"Concurrency":2}}"#)).unwrap();
        assert_eq!(deprecated, current);
        let both = run(&format!(r#"{{{BASE},"Concurrent":"2","Concurrency":2}}"#)).unwrap();
        assert_eq!(both, current);
        let old_origin = run(
            r#"{"AccessRegion":"Guangzhou","DestRegion":"Shanghai","Bandwidth":10,"Concurrent":2}"#,
        )
        .unwrap();
        assert_eq!(old_origin, current);
        // Any known pair is priced, even one the catalogue does not offer (itself).
        let itself = run(
            r#"{"AccessRegion":"Japan","RealServerRegion":"Japan","Bandwidth":10000,"Concurrent":300}"#,
        )
        .unwrap();
        assert_eq!(itself["Currency"], "CNY");
    }

    #[test]
    fn billing_by_traffic_has_no_tiers() {
        let answer = run(&format!(r#"{{{BASE},"Concurrent":2,"BillingType":1}}"#)).unwrap();
        assert_eq!(answer["BandwidthUnitPrice"], Value::Null);
        assert_eq!(answer["FlowUnitPrice"].to_string(), "0.8");
        let answer = run(&format!(r#"{{{BASE},"Concurrent":2,"BillingType":0}}"#)).unwrap();
        assert_eq!(answer["FlowUnitPrice"], Value::Null);
        assert!(answer["BandwidthUnitPrice"].is_array());
    }

    #[test]
    fn validation_codes() {
        let cases = [
            (r#"{"AccessRegion":"Mars","RealServerRegion":"Shanghai","Bandwidth":10,"Concurrent":2}"#.to_owned(), "InvalidParameterValue.UnknownAccessRegion"),
            (r#"{"AccessRegion":"Guangzhou","RealServerRegion":"Mars","Bandwidth":10,"Concurrent":2}"#.to_owned(), "InvalidParameterValue.UnknownDestRegion"),
            (r#"{"AccessRegion":"Guangzhou","DestRegion":"Mars","Bandwidth":10,"Concurrent":2}"#.to_owned(), "InvalidParameterValue.UnknownDestRegion"),
            (r#"{"AccessRegion":"Guangzhou","RealServerRegion":"Shanghai","Bandwidth":0,"Concurrent":2}"#.to_owned(), "InvalidParameterValue.InvalidBandwidth"),
            (format!(r#"{{{BASE},"Concurrent":301}}"#), "InvalidParameterValue.InvalidConcurrency"),
            (format!(r#"{{{BASE},"Concurrency":0}}"#), "InvalidParameterValue.InvalidConcurrency"),
            (format!(r#"{{{BASE},"Concurrent":2,"Concurrency":5}}"#), "InvalidParameterValue"),
            (r#"{"AccessRegion":"Guangzhou","RealServerRegion":"Shanghai","DestRegion":"Beijing","Bandwidth":10,"Concurrent":2}"#.to_owned(), "InvalidParameterValue"),
            (format!(r#"{{{BASE},"Concurrent":2,"BillingType":2}}"#), "InvalidParameterValue"),
            (format!(r#"{{{BASE},"Concurrent":2,"NetworkType":"fast"}}"#), "InvalidParameterValue"),
            (format!(r#"{{{BASE},"Concurrent":2,"IPAddressVersion":"v6"}}"#), "InvalidParameterValue"),
            (format!(r#"{{{BASE},"Concurrent":2,"PackageType":"Gold"}}"#), "InvalidParameterValue"),
            (format!(r#"{{{BASE},"Concurrent":2,"Http3Supported":3}}"#), "InvalidParameterValue"),
            (format!(r#"{{{BASE},"Concurrent":2.5}}"#), "InvalidParameter"),
            (format!(r#"{{{BASE},"Concurrent":2,"GroupId":"lg-1"}}"#), "UnknownParameter"),
            (format!(r#"{{{BASE}}}"#), "MissingParameter"),
            (r#"{"AccessRegion":"Guangzhou","Bandwidth":10,"Concurrent":2}"#.to_owned(), "MissingParameter"),
            (r#"{"RealServerRegion":"Shanghai","Bandwidth":10,"Concurrent":2}"#.to_owned(), "MissingParameter"),
        ];
        for (body, code) in cases {
            assert_eq!(run(&body).err().as_deref(), Some(code), "{body}");
        }
    }
}
