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
//!
//! `RegionName` and `RegionAreaName` are in the request's [`Language`]: English for
//! `X-TC-Language: en-US`, else Chinese where a Chinese name is published (English
//! where none is).

use serde_json::{json, Map, Value};

use super::catalogue::{self, Region};
use super::check_proxy_create::{check_enum, IP_VERSIONS, PACKAGE_TYPES};
use super::language::Language;
use super::params::Params;
use super::response::{codes, ApiFailure};

pub use tencentcloud_client::gaap::describe_access_regions_by_dest_region::ACTION as ACCESS_REGIONS_ACTION;
pub use tencentcloud_client::gaap::describe_dest_regions::ACTION as DEST_REGIONS_ACTION;

fn region_fields(r: &Region, language: Language) -> Map<String, Value> {
    let mut m = Map::new();
    m.insert("RegionId".into(), json!(r.id));
    m.insert("RegionName".into(), json!(r.name.get(language)));
    m.insert("RegionArea".into(), json!(r.area));
    m.insert("RegionAreaName".into(), json!(r.area_name.get(language)));
    m.insert("IDCType".into(), json!(r.idc_type));
    m.insert("FeatureBitmap".into(), json!(r.feature_bitmap));
    m
}

/// `DescribeDestRegions`: every region of the catalogue.
pub fn dest_regions(
    body: &Map<String, Value>,
    language: Language,
) -> Result<Map<String, Value>, ApiFailure> {
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
            let mut m = region_fields(r, language);
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
pub fn access_regions(
    body: &Map<String, Value>,
    language: Language,
) -> Result<Map<String, Value>, ApiFailure> {
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
            let mut m = region_fields(r, language);
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

    type Handler = fn(&Map<String, Value>, Language) -> Result<Map<String, Value>, ApiFailure>;

    fn run_in(f: Handler, body: &str, language: Language) -> Result<Value, String> {
        let map = parse_body(body.as_bytes()).map_err(|e| e.code)?;
        f(&map, language).map(Value::Object).map_err(|e| e.code)
    }

    fn run(f: Handler, body: &str) -> Result<Value, String> {
        run_in(f, body, Language::English)
    }

    fn ids(set: &Value) -> Vec<&str> {
        set.as_array()
            .unwrap()
            .iter()
            .map(|r| r["RegionId"].as_str().unwrap())
            .collect()
    }

    #[test]
    fn dest_regions_lists_the_catalogue() {
        let v = run(dest_regions, "{}").unwrap();
        assert_eq!(v["TotalCount"], catalogue::REGIONS.len());
        let first = &v["DestRegionSet"][0];
        assert_eq!(first["RegionId"], "NorthChina");
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

    /// tccli's `DescribeDestRegions` example, field for field, in Chinese; the same
    /// entry in English.
    #[test]
    fn names_follow_the_language() {
        let zh = run_in(dest_regions, "{}", Language::Chinese).unwrap();
        assert_eq!(
            zh["DestRegionSet"][0],
            json!({
                "RegionId": "NorthChina",
                "RegionName": "中国大陆-华北",
                "RegionArea": "NorthChina",
                "RegionAreaName": "中国大陆-华北",
                "IDCType": "dc",
                "FeatureBitmap": 1,
                "SupportFeature": {"NetworkType": ["normal", "cn2"]}
            })
        );
        let en = run(dest_regions, "{}").unwrap();
        let north = &en["DestRegionSet"][0];
        assert_eq!(
            (&north["RegionName"], &north["RegionAreaName"]),
            (&json!("North China"), &json!("NorthChina"))
        );
        // No Chinese name published for SouthChina: the English one in both.
        let south = |v: &Value| {
            let set = v["DestRegionSet"].as_array().unwrap();
            set.iter().find(|r| r["RegionId"] == "SouthChina").unwrap()["RegionName"].clone()
        };
        assert_eq!(south(&zh), "South China");
        assert_eq!(south(&en), "South China");
        assert_eq!(
            zh["DestRegionSet"][2]["RegionAreaName"], "中国大陆-华南",
            "every area's Chinese name is published"
        );
    }

    /// tccli's `DescribeAccessRegionsByDestRegion` example: Chongqing for Hongkong,
    /// except `RegionAreaName`, which that example gives as "重庆" and tccli's
    /// `DescribeRegionAndPrice` example as "中国大陆-西南", the name of the area
    /// `SouthwestChina` everywhere else: one name per area here.
    #[test]
    fn access_regions_serve_the_published_example() {
        let v = run_in(
            access_regions,
            r#"{"DestRegion":"Hongkong"}"#,
            Language::Chinese,
        )
        .unwrap();
        let set = v["AccessRegionSet"].as_array().unwrap();
        let chongqing = set.iter().find(|r| r["RegionId"] == "Chongqing").unwrap();
        assert_eq!(
            chongqing,
            &json!({
                "RegionId": "Chongqing",
                "RegionName": "重庆",
                "RegionArea": "SouthwestChina",
                "RegionAreaName": "中国大陆-西南",
                "IDCType": "dc",
                "FeatureBitmap": 71,
                "ConcurrentList": [2, 5, 10, 20, 30],
                "BandwidthList": [10, 20, 50, 100, 200, 500, 1000]
            })
        );
        let en = run(access_regions, r#"{"DestRegion":"Hongkong"}"#).unwrap();
        let set = en["AccessRegionSet"].as_array().unwrap();
        let chongqing = set.iter().find(|r| r["RegionId"] == "Chongqing").unwrap();
        assert_eq!(chongqing["RegionName"], "Chongqing");
        assert_eq!(chongqing["RegionAreaName"], "SouthwestChina");
    }

    #[test]
    fn access_regions_follow_the_rules() {
        let v = run(access_regions, r#"{"DestRegion":"Japan"}"#).unwrap();
        let offered = ids(&v["AccessRegionSet"]);
        // edge nodes of the origin's area only
        assert!(offered.contains(&"SouthChina") && offered.contains(&"SL_VIET"));
        assert!(!offered.contains(&"Japan") && !offered.contains(&"SL_UK"));
        assert_eq!(v["TotalCount"], offered.len());
        let v6 = run(
            access_regions,
            r#"{"DestRegion":"Japan","IPAddressVersion":"IPv6"}"#,
        )
        .unwrap();
        assert_eq!(
            ids(&v6["AccessRegionSet"]),
            ["Beijing", "Shanghai", "Guangzhou", "Chengdu"]
        );
        let cross = run(
            access_regions,
            r#"{"DestRegion":"Japan","PackageType":"CrossBorder"}"#,
        )
        .unwrap();
        assert!(ids(&cross["AccessRegionSet"])
            .iter()
            .all(|id| catalogue::find(id).unwrap().in_mainland()));
        assert_eq!(
            run(access_regions, r#"{"DestRegion":"Atlantis"}"#),
            Err("InvalidParameterValue.UnknownDestRegion".into())
        );
        assert_eq!(run(access_regions, "{}"), Err("MissingParameter".into()));
        assert_eq!(
            run(
                access_regions,
                r#"{"DestRegion":"Japan","PackageType":"Gold"}"#
            ),
            Err("InvalidParameterValue".into())
        );
    }
}
