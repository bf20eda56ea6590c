//! `DescribeDestRegions` and `DescribeAccessRegionsByDestRegion` (GAAP, version
//! 2018-05-29): the answers of the emulator's catalogue ([`Catalogue`], built in or
//! recorded), in the API's response shapes (`DestRegionSet` of `RegionDetail`,
//! `AccessRegionSet` of `AccessRegionDetial`, each with `TotalCount`), every recorded
//! field as recorded.
//!
//! Parameters, as documented: `DescribeDestRegions` takes `QualityType` (integer 0 or
//! 1, optional; 0 is the default, answered as unset). `DescribeAccessRegionsByDestRegion`
//! takes `DestRegion` (string, required; an id that is no origin of the catalogue is
//! `InvalidParameterValue.UnknownDestRegion`), `IPAddressVersion` (`IPv4`|`IPv6`;
//! `IPv4` is the default, answered as unset) and `PackageType`
//! (`Thunder`|`Accelerator`|`CrossBorder`) (strings, optional; another value is
//! `InvalidParameterValue`). A request the recorded catalogue has no answer for is
//! `FailedOperation`, saying so (see [`Catalogue::access_regions`]).

use serde_json::{Map, Value};

use super::answers::{self, AccessOptions, Catalogue};
use super::check_proxy_create::{check_enum, IP_VERSIONS, PACKAGE_TYPES};
use super::params::Params;
use super::response::{codes, ApiFailure};

pub use tencentcloud_client::gaap::describe_access_regions_by_dest_region::ACTION as ACCESS_REGIONS_ACTION;
pub use tencentcloud_client::gaap::describe_dest_regions::ACTION as DEST_REGIONS_ACTION;

/// `DescribeDestRegions`: every origin region.
pub fn dest_regions(
    catalogue: &Catalogue,
    body: &Map<String, Value>,
) -> Result<Map<String, Value>, ApiFailure> {
    let p = Params::new(body, &["QualityType"])?;
    let quality_type = p.integer("QualityType")?;
    if let Some(q) = quality_type {
        if !(0..=1).contains(&q) {
            return Err(ApiFailure::new(
                codes::INVALID_PARAMETER_VALUE,
                format!("The value {q} of `QualityType` is invalid; allowed: 0, 1."),
            ));
        }
    }
    answers::served(catalogue.dest_regions(quality_type)?)
}

/// `DescribeAccessRegionsByDestRegion`: the access regions offered for an origin.
pub fn access_regions(
    catalogue: &Catalogue,
    body: &Map<String, Value>,
) -> Result<Map<String, Value>, ApiFailure> {
    let p = Params::new(body, &["DestRegion", "IPAddressVersion", "PackageType"])?;
    let dest = p.required_string("DestRegion")?;
    let ip_version = p.string("IPAddressVersion")?;
    let package = p.string("PackageType")?;
    if !catalogue.is_origin(dest) {
        return Err(answers::unknown_dest_region("DestRegion", dest));
    }
    check_enum("IPAddressVersion", ip_version, IP_VERSIONS)?;
    check_enum("PackageType", package, PACKAGE_TYPES)?;
    answers::served(catalogue.access_regions(dest, &AccessOptions::new(ip_version, package))?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::params::parse_body;

    use crate::catalogue;
    use serde_json::json;

    type Handler = fn(&Catalogue, &Map<String, Value>) -> Result<Map<String, Value>, ApiFailure>;

    fn run(f: Handler, body: &str) -> Result<Value, String> {
        let map = parse_body(body.as_bytes()).map_err(|e| e.code)?;
        f(&Catalogue::built_in(), &map)
            .map(Value::Object)
            .map_err(|e| e.code)
    }

    #[test]
    fn dest_regions_lists_the_catalogue() {
        let v = run(dest_regions, "{}").unwrap();
        assert_eq!(v["TotalCount"], catalogue::REGIONS.len());
        let first = &v["DestRegionSet"][0];
        assert_eq!(first["RegionId"], "SouthChina");
        assert_eq!(
            first["SupportFeature"]["NetworkType"],
            json!(["normal", "cn2"])
        );
        assert!(run(dest_regions, r#"{"QualityType":1}"#).is_ok());
        assert_eq!(
            run(dest_regions, r#"{"QualityType":2}"#),
            Err("InvalidParameterValue".into())
        );
        assert_eq!(
            run(dest_regions, r#"{"DestRegion":"x"}"#),
            Err("UnknownParameter".into())
        );
    }

    #[test]
    fn access_regions_follow_the_rules() {
        let v = run(access_regions, r#"{"DestRegion":"EastChina"}"#).unwrap();
        let ids: Vec<&str> = v["AccessRegionSet"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["RegionId"].as_str().unwrap())
            .collect();
        assert!(ids.contains(&"SouthChina") && ids.contains(&"Chengdu"));
        assert!(!ids.contains(&"EastChina") && !ids.contains(&"Bangkok"));
        assert_eq!(v["TotalCount"], ids.len());
        let v6 = run(
            access_regions,
            r#"{"DestRegion":"Tokyo","IPAddressVersion":"IPv6"}"#,
        )
        .unwrap();
        assert!(v6["AccessRegionSet"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["FeatureBitmap"].as_u64().unwrap() & 8 != 0));
        assert_eq!(
            run(access_regions, r#"{"DestRegion":"Atlantis"}"#),
            Err("InvalidParameterValue.UnknownDestRegion".into())
        );
        assert_eq!(run(access_regions, "{}"), Err("MissingParameter".into()));
        assert_eq!(
            run(
                access_regions,
                r#"{"DestRegion":"Tokyo","PackageType":"Gold"}"#
            ),
            Err("InvalidParameterValue".into())
        );
    }
}
