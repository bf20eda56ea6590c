//! `DescribeDestRegions` and `DescribeAccessRegionsByDestRegion` (GAAP, version
//! 2018-05-29): the [`catalogue`](crate::catalogue) in the API's response shapes
//! (`DestRegionSet` of `RegionDetail`, `AccessRegionSet` of `AccessRegionDetial`,
//! each with `TotalCount`).
//!
//! Parameters, as documented: `DescribeDestRegions` takes `QualityType` (integer 0 or
//! 1, optional; the emulator's catalogue is the same for both).
//! `DescribeAccessRegionsByDestRegion` takes `DestRegion` (string, required; an id
//! outside the catalogue is `InvalidParameterValue.UnknownDestRegion`),
//! `IPAddressVersion` (`IPv4`|`IPv6`) and `PackageType`
//! (`Thunder`|`Accelerator`|`CrossBorder`) (strings, optional; another value is
//! `InvalidParameterValue`).

use serde_json::{json, Map, Value};

use super::catalogue::{self, Region};
use super::check_proxy_create::{check_enum, IP_VERSIONS, PACKAGE_TYPES};
use super::params::Params;
use super::response::{codes, ApiFailure};

pub use tencentcloud_client::gaap::describe_access_regions_by_dest_region::ACTION as ACCESS_REGIONS_ACTION;
pub use tencentcloud_client::gaap::describe_dest_regions::ACTION as DEST_REGIONS_ACTION;

fn region_fields(r: &Region) -> Map<String, Value> {
    let mut m = Map::new();
    m.insert("RegionId".into(), json!(r.id));
    m.insert("RegionName".into(), json!(r.name));
    m.insert("RegionArea".into(), json!(r.area));
    m.insert("RegionAreaName".into(), json!(r.area_name));
    m.insert("IDCType".into(), json!(r.idc_type));
    m.insert("FeatureBitmap".into(), json!(r.feature_bitmap));
    m
}

/// `DescribeDestRegions`: every region of the catalogue.
pub fn dest_regions(body: &Map<String, Value>) -> Result<Map<String, Value>, ApiFailure> {
    let p = Params::new(body, &["QualityType"])?;
    if let Some(q) = p.integer("QualityType")? {
        if !(0..=1).contains(&q) {
            return Err(ApiFailure::new(
                codes::INVALID_PARAMETER_VALUE,
                format!("The value {q} of `QualityType` is invalid; allowed: 0, 1."),
            ));
        }
    }
    let set: Vec<Value> = catalogue::REGIONS
        .iter()
        .map(|r| {
            let mut m = region_fields(r);
            m.insert(
                "SupportFeature".into(),
                json!({ "NetworkType": r.network_types() }),
            );
            Value::Object(m)
        })
        .collect();
    let mut out = Map::new();
    out.insert("TotalCount".into(), json!(set.len()));
    out.insert("DestRegionSet".into(), Value::Array(set));
    Ok(out)
}

/// `DescribeAccessRegionsByDestRegion`: the access regions offered for an origin.
pub fn access_regions(body: &Map<String, Value>) -> Result<Map<String, Value>, ApiFailure> {
    let p = Params::new(body, &["DestRegion", "IPAddressVersion", "PackageType"])?;
    let dest = p.required_string("DestRegion")?;
    let ip_version = p.string("IPAddressVersion")?;
    let package = p.string("PackageType")?;
    let origin = catalogue::find(dest).ok_or_else(|| {
        ApiFailure::new(
            codes::UNKNOWN_DEST_REGION,
            format!("The region `{dest}` given in `DestRegion` is not found or you have no access permission to it."),
        )
    })?;
    check_enum("IPAddressVersion", ip_version, IP_VERSIONS)?;
    check_enum("PackageType", package, PACKAGE_TYPES)?;
    let set: Vec<Value> = catalogue::access_regions(origin, ip_version, package)
        .into_iter()
        .map(|r| {
            let mut m = region_fields(r);
            m.insert("ConcurrentList".into(), json!(r.concurrents()));
            m.insert("BandwidthList".into(), json!(r.bandwidths()));
            Value::Object(m)
        })
        .collect();
    let mut out = Map::new();
    out.insert("TotalCount".into(), json!(set.len()));
    out.insert("AccessRegionSet".into(), Value::Array(set));
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::params::parse_body;

    type Handler = fn(&Map<String, Value>) -> Result<Map<String, Value>, ApiFailure>;

    fn run(f: Handler, body: &str) -> Result<Value, String> {
        let map = parse_body(body.as_bytes()).map_err(|e| e.code)?;
        f(&map).map(Value::Object).map_err(|e| e.code)
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
