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
//!
//! `RegionName` and `RegionAreaName` of the built-in catalogue are in the request's
//! [`Language`](crate::language::Language): English for `X-TC-Language: en-US`, else Chinese where a Chinese
//! name is published (English where none is). A recorded catalogue answers its names
//! as recorded, whatever the language (the recorder asks in English, as the provider
//! does).

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
    use crate::language::Language;
    use serde_json::json;

    type Handler = fn(&Catalogue, &Map<String, Value>) -> Result<Map<String, Value>, ApiFailure>;

    fn run_in(f: Handler, body: &str, language: Language) -> Result<Value, String> {
        let map = parse_body(body.as_bytes()).map_err(|e| e.code)?;
        f(&Catalogue::built_in_in(language), &map)
            .map(Value::Object)
            .map_err(|e| e.code)
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
