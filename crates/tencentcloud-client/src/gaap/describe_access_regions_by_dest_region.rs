//! The `DescribeAccessRegionsByDestRegion` action (GAAP, version 2018-05-29): for an
//! origin server region, the access (acceleration) regions a connection can use, each
//! with the bandwidths and concurrencies that can be chosen there. Parameters and
//! answer as in the API documentation (model `AccessRegionDetial`, the API's spelling);
//! its documented request limit is 20 per second.

use serde::{Deserialize, Serialize};

use crate::action::{Action, RateLimit};

/// API action name, sent as `X-TC-Action`.
pub const ACTION: &str = "DescribeAccessRegionsByDestRegion";
pub use super::check_proxy_create::{SERVICE, VERSION};

/// The request body: `DestRegion` (a `RegionId` of `DescribeDestRegions`), and the
/// optional `IPAddressVersion` (`IPv4`, the default, or `IPv6`) and `PackageType`
/// (`Thunder`, `Accelerator`, `CrossBorder`). Absent optionals are not sent.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct DescribeAccessRegionsByDestRegionRequest {
    pub dest_region: String,
    #[serde(rename = "IPAddressVersion", skip_serializing_if = "Option::is_none")]
    pub ip_address_version: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub package_type: Option<String>,
}

/// `AccessRegionDetial`: one access region offered for the origin. Every field may
/// be absent or null (`None`, kept apart from an empty list); an entry without a
/// `RegionId` cannot be used, and callers leave it out.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct AccessRegionDetail {
    #[serde(rename = "RegionId", default)]
    pub region_id: Option<String>,
    #[serde(rename = "RegionName", default)]
    pub region_name: Option<String>,
    /// The selectable concurrency values (units of 10,000 connections).
    #[serde(rename = "ConcurrentList", default)]
    pub concurrent_list: Option<Vec<i64>>,
    /// The selectable bandwidth values (Mbps).
    #[serde(rename = "BandwidthList", default)]
    pub bandwidth_list: Option<Vec<i64>>,
    #[serde(rename = "RegionArea", default)]
    pub region_area: Option<String>,
    #[serde(rename = "RegionAreaName", default)]
    pub region_area_name: Option<String>,
    /// `dc` (data center) or `ec` (edge computing node).
    #[serde(rename = "IDCType", default)]
    pub idc_type: Option<String>,
    /// See [`super::features::Features`].
    #[serde(rename = "FeatureBitmap", default)]
    pub feature_bitmap: Option<u64>,
}

/// The successful answer; `AccessRegionSet` absent or null is `None`, not an empty
/// list.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct DescribeAccessRegionsByDestRegionResponse {
    #[serde(rename = "TotalCount", default)]
    pub total_count: Option<u64>,
    #[serde(rename = "AccessRegionSet", default)]
    pub access_region_set: Option<Vec<AccessRegionDetail>>,
    #[serde(rename = "RequestId", default)]
    pub request_id: String,
}

impl Action for DescribeAccessRegionsByDestRegionRequest {
    const SERVICE: &'static str = SERVICE;
    const ACTION: &'static str = ACTION;
    const VERSION: &'static str = VERSION;
    const RATE_LIMIT: RateLimit = RateLimit::Configured;
    /// The catalogue does not change within a plan: one call per origin and options.
    const SHARE_IDENTICAL: bool = true;
    type Response = DescribeAccessRegionsByDestRegionResponse;

    fn outcome(response: &DescribeAccessRegionsByDestRegionResponse) -> String {
        match &response.access_region_set {
            Some(set) => format!("ok access_regions={}", set.len()),
            None => "ok access_regions=null".to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_and_answer_shapes() {
        let req = DescribeAccessRegionsByDestRegionRequest {
            dest_region: "SouthChina".into(),
            ip_address_version: Some("IPv6".into()),
            package_type: None,
        };
        assert_eq!(
            serde_json::to_string(&req).unwrap(),
            r#"{"DestRegion":"SouthChina","IPAddressVersion":"IPv6"}"#
        );
        let answer: DescribeAccessRegionsByDestRegionResponse = serde_json::from_str(
            r#"{"TotalCount":1,"AccessRegionSet":[{"RegionId":"eu-moscow","RegionName":"Russia",
            "ConcurrentList":[1,2,5],"BandwidthList":[1,10,100],"RegionArea":"Europe","RegionAreaName":"Europe",
            "IDCType":"dc","FeatureBitmap":3}],"RequestId":"r"}"#,
        )
        .unwrap();
        let r = &answer.access_region_set.unwrap()[0];
        assert_eq!(r.bandwidth_list.as_deref(), Some(&[1, 10, 100][..]));
        assert_eq!(r.concurrent_list.as_deref(), Some(&[1, 2, 5][..]));
        assert_eq!(r.feature_bitmap, Some(3));
    }
}
