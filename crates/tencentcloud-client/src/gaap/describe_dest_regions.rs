//! The `DescribeDestRegions` action (GAAP, version 2018-05-29): every origin server
//! region. Parameters and answer as in the API documentation ("DescribeDestRegions",
//! Global Application Acceleration Platform API 2018-05-29, model `RegionDetail`); its
//! documented request limit is 20 per second.

use serde::{Deserialize, Serialize};

use crate::action::{Action, RateLimit};

/// API action name, sent as `X-TC-Action`.
pub const ACTION: &str = "DescribeDestRegions";
pub use super::check_proxy_create::{SERVICE, VERSION};

/// The request body. The API documents one optional parameter, `QualityType`
/// (0: gold connections, the default; 1: silver); nothing else is accepted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct DescribeDestRegionsRequest {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quality_type: Option<i64>,
}

/// What a region supports beyond the bitmap (`SupportFeature`); the SDKs' model
/// documents `NetworkType`, the network types offered there (`normal`, `cn2`,
/// `triple`, `secure_eip`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct SupportFeature {
    #[serde(rename = "NetworkType", default)]
    pub network_type: Option<Vec<String>>,
}

/// `RegionDetail`: one region. Every field may be absent or null (`None`, kept apart
/// from an empty list); an entry without a `RegionId` cannot be used, and callers
/// leave it out.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct RegionDetail {
    #[serde(rename = "RegionId", default)]
    pub region_id: Option<String>,
    #[serde(rename = "RegionName", default)]
    pub region_name: Option<String>,
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
    #[serde(rename = "SupportFeature", default)]
    pub support_feature: Option<SupportFeature>,
}

/// The successful answer; `DestRegionSet` absent or null is `None`, not an empty
/// list.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct DescribeDestRegionsResponse {
    #[serde(rename = "TotalCount", default)]
    pub total_count: Option<u64>,
    #[serde(rename = "DestRegionSet", default)]
    pub dest_region_set: Option<Vec<RegionDetail>>,
    #[serde(rename = "RequestId", default)]
    pub request_id: String,
}

impl Action for DescribeDestRegionsRequest {
    const SERVICE: &'static str = SERVICE;
    const ACTION: &'static str = ACTION;
    const VERSION: &'static str = VERSION;
    const RATE_LIMIT: RateLimit = RateLimit::Configured;
    /// The catalogue does not change within a plan.
    const SHARE_IDENTICAL: bool = true;
    type Response = DescribeDestRegionsResponse;

    fn outcome(response: &DescribeDestRegionsResponse) -> String {
        match &response.dest_region_set {
            Some(set) => format!("ok regions={}", set.len()),
            None => "ok regions=null".to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_and_answer_shapes() {
        let empty = DescribeDestRegionsRequest::default();
        assert_eq!(serde_json::to_string(&empty).unwrap(), "{}");
        let silver = DescribeDestRegionsRequest {
            quality_type: Some(1),
        };
        assert_eq!(
            serde_json::to_string(&silver).unwrap(),
            r#"{"QualityType":1}"#
        );
        let answer: DescribeDestRegionsResponse = serde_json::from_str(
            r#"{"TotalCount":1,"DestRegionSet":[{"RegionId":"NorthChina","RegionName":"中国大陆-华北",
            "RegionArea":"NorthChina","RegionAreaName":"中国大陆-华北","IDCType":"dc","FeatureBitmap":1,
            "SupportFeature":{"NetworkType":["normal","cn2"]}}],"RequestId":"r"}"#,
        )
        .unwrap();
        let r = &answer.dest_region_set.as_ref().unwrap()[0];
        assert_eq!(r.region_id.as_deref(), Some("NorthChina"));
        assert_eq!(r.feature_bitmap, Some(1));
        assert_eq!(
            r.support_feature.as_ref().unwrap().network_type.as_deref(),
            Some(&["normal".to_owned(), "cn2".to_owned()][..])
        );
        // null and missing optional fields are accepted
        let sparse: DescribeDestRegionsResponse = serde_json::from_str(
            r#"{"DestRegionSet":[{"RegionId":"x","FeatureBitmap":null,"SupportFeature":null}],"RequestId":"r"}"#,
        )
        .unwrap();
        assert_eq!(sparse.dest_region_set.unwrap()[0].feature_bitmap, None);
    }
}
