//! The example answers Tencent Cloud publishes for our GAAP actions
//! (`tests/data/golden/`, each file's source in its README), read through the client's
//! real path, `response::parse_answer`. Every field of each typed answer is asserted
//! against the published value, and every key of the published answer must be one the
//! typed struct reads: a type that drops, renames or mangles a field fails here.

use std::collections::BTreeSet;

use serde::de::{self, DeserializeOwned, Deserializer, Visitor};
use serde_json::{Map, Value};
use tencentcloud_client::action::Action;
use tencentcloud_client::gaap::check_proxy_create::{
    CheckProxyCreateRequest, CheckProxyCreateResponse,
};
use tencentcloud_client::gaap::describe_access_regions_by_dest_region::{
    AccessRegionDetail, DescribeAccessRegionsByDestRegionRequest,
    DescribeAccessRegionsByDestRegionResponse,
};
use tencentcloud_client::gaap::describe_dest_regions::{
    DescribeDestRegionsRequest, DescribeDestRegionsResponse, RegionDetail, SupportFeature,
};
use tencentcloud_client::gaap::inquiry_price_create_proxy::{
    BandwidthPriceGradient, InquiryPriceCreateProxyRequest, InquiryPriceCreateProxyResponse,
};
use tencentcloud_client::response::parse_answer;
use tencentcloud_client::Features;

const ENDPOINT: &str = "https://gaap.tencentcloudapi.com";

/// Every fixture, each asserted by one test below.
const FIXTURES: [&str; 8] = [
    "CheckProxyCreate.apidoc-intl.json",
    "CheckProxyCreate.tccli.json",
    "DescribeDestRegions.tccli.json",
    "DescribeDestRegions.tccli-4b1ff93-example1.json",
    "DescribeDestRegions.tccli-4b1ff93-example2.json",
    "DescribeAccessRegionsByDestRegion.tccli.json",
    "InquiryPriceCreateProxy.tccli.json",
    "InquiryPriceCreateProxy.tccli-a2353bd-example1.json",
];

/// The members of each answer and element in the API model the SDKs and tccli are
/// generated from (`tccli/services/gaap/v20180529/api.json`, objects of the same
/// names; `AccessRegionDetial` is the API's spelling).
const MODEL_CHECK_PROXY_CREATE_RESPONSE: &[&str] = &["CheckFlag", "RequestId"];
const MODEL_DESCRIBE_DEST_REGIONS_RESPONSE: &[&str] = &["TotalCount", "DestRegionSet", "RequestId"];
const MODEL_DESCRIBE_ACCESS_REGIONS_BY_DEST_REGION_RESPONSE: &[&str] =
    &["TotalCount", "AccessRegionSet", "RequestId"];
const MODEL_REGION_DETAIL: &[&str] = &[
    "RegionId",
    "RegionName",
    "RegionArea",
    "RegionAreaName",
    "IDCType",
    "FeatureBitmap",
    "SupportFeature",
];
const MODEL_ACCESS_REGION_DETIAL: &[&str] = &[
    "RegionId",
    "RegionName",
    "ConcurrentList",
    "BandwidthList",
    "RegionArea",
    "RegionAreaName",
    "IDCType",
    "FeatureBitmap",
];
const MODEL_SUPPORT_FEATURE: &[&str] = &["NetworkType"];
const MODEL_INQUIRY_PRICE_CREATE_PROXY_RESPONSE: &[&str] = &[
    "ProxyDailyPrice",
    "BandwidthUnitPrice",
    "DiscountProxyDailyPrice",
    "Currency",
    "FlowUnitPrice",
    "DiscountFlowUnitPrice",
    "Cn2BandwidthPrice",
    "Cn2BandwidthPriceWithDiscount",
    "RequestId",
];
const MODEL_BANDWIDTH_PRICE_GRADIENT: &[&str] = &[
    "BandwidthRange",
    "BandwidthUnitPrice",
    "DiscountBandwidthUnitPrice",
];

/// Keys a published answer carries that our types deliberately leave unread (they
/// pass through, unused), as (struct, key). None: every key of every published
/// answer is a member of the API model and a field of our types.
const PASSES_THROUGH: &[(&str, &str)] = &[];

/// The JSON keys `T`'s derived `Deserialize` reads (its fields as renamed), asked of
/// the type itself: serde hands them to `Deserializer::deserialize_struct`.
fn keys_read_by<T: DeserializeOwned>() -> BTreeSet<&'static str> {
    struct Probe<'a>(&'a mut &'static [&'static str]);

    impl<'de> Deserializer<'de> for Probe<'_> {
        type Error = de::value::Error;

        fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
            Err(de::Error::custom("not a struct"))
        }

        fn deserialize_struct<V: Visitor<'de>>(
            self,
            _name: &'static str,
            fields: &'static [&'static str],
            _visitor: V,
        ) -> Result<V::Value, Self::Error> {
            *self.0 = fields;
            Err(de::Error::custom("fields taken"))
        }

        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes
            byte_buf option unit unit_struct newtype_struct seq tuple tuple_struct map
            enum identifier ignored_any
        }
    }

    let mut fields: &'static [&'static str] = &[];
    let _ = T::deserialize(Probe(&mut fields));
    assert!(
        !fields.is_empty(),
        "{} reads no named fields",
        std::any::type_name::<T>()
    );
    fields.iter().copied().collect()
}

/// Fails on any key of `object` that `T` does not read and `PASSES_THROUGH` does not
/// list for it; `at` names the object in the fixture.
fn assert_every_key_read<T: DeserializeOwned>(fixture: &str, at: &str, object: &Value) {
    let object: &Map<String, Value> = object
        .as_object()
        .unwrap_or_else(|| panic!("{fixture}: {at} is not an object"));
    let read = keys_read_by::<T>();
    let type_name = std::any::type_name::<T>().rsplit("::").next().unwrap_or("");
    for key in object.keys() {
        assert!(
            read.contains(key.as_str()) || PASSES_THROUGH.contains(&(type_name, key.as_str())),
            "{fixture}: {at}.{key} is published but {type_name} does not read it"
        );
    }
}

/// A fixture's bytes, its answer through `parse_answer`, the RequestId the parser
/// gives with it, and the raw JSON.
fn parse<A: Action>(fixture: &str) -> (A::Response, String, Value) {
    let path = format!("{}/tests/data/golden/{fixture}", env!("CARGO_MANIFEST_DIR"));
    let body = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let (answer, request_id) = parse_answer::<A>(ENDPOINT, 200, &body)
        .unwrap_or_else(|e| panic!("{fixture} is a valid {} answer: {e}", A::ACTION));
    let raw: Value =
        serde_json::from_slice(&body).unwrap_or_else(|e| panic!("{fixture} is JSON: {e}"));
    (answer, request_id, raw)
}

/// The features of a bitmap with only the named flags set.
fn features(on: &[&str]) -> Features {
    let has = |name: &str| on.contains(&name);
    Features {
        layer4: has("layer4"),
        layer7: has("layer7"),
        http3: has("http3"),
        ipv6: has("ipv6"),
        premium_bgp: has("premium_bgp"),
        three_network: has("three_network"),
        access_qos: has("access_qos"),
    }
}

#[test]
fn every_fixture_has_its_test() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/golden");
    let on_disk: BTreeSet<String> = std::fs::read_dir(dir)
        .expect("the golden folder is readable")
        .map(|entry| {
            entry
                .expect("entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|name| name.ends_with(".json"))
        .collect();
    let listed: BTreeSet<String> = FIXTURES.iter().map(|s| s.to_string()).collect();
    assert_eq!(on_disk, listed);
}

#[test]
fn the_types_read_every_member_of_the_api_model() {
    let model = |members: &[&'static str]| members.iter().copied().collect::<BTreeSet<_>>();
    assert_eq!(
        keys_read_by::<CheckProxyCreateResponse>(),
        model(MODEL_CHECK_PROXY_CREATE_RESPONSE)
    );
    assert_eq!(
        keys_read_by::<DescribeDestRegionsResponse>(),
        model(MODEL_DESCRIBE_DEST_REGIONS_RESPONSE)
    );
    assert_eq!(
        keys_read_by::<DescribeAccessRegionsByDestRegionResponse>(),
        model(MODEL_DESCRIBE_ACCESS_REGIONS_BY_DEST_REGION_RESPONSE)
    );
    assert_eq!(keys_read_by::<RegionDetail>(), model(MODEL_REGION_DETAIL));
    assert_eq!(
        keys_read_by::<AccessRegionDetail>(),
        model(MODEL_ACCESS_REGION_DETIAL)
    );
    assert_eq!(
        keys_read_by::<SupportFeature>(),
        model(MODEL_SUPPORT_FEATURE)
    );
    assert_eq!(
        keys_read_by::<InquiryPriceCreateProxyResponse>(),
        model(MODEL_INQUIRY_PRICE_CREATE_PROXY_RESPONSE)
    );
    assert_eq!(
        keys_read_by::<BandwidthPriceGradient>(),
        model(MODEL_BANDWIDTH_PRICE_GRADIENT)
    );
}

#[test]
fn check_proxy_create_published_answers() {
    // (fixture, CheckFlag, RequestId) as published.
    let published = [
        (
            "CheckProxyCreate.apidoc-intl.json",
            1,
            "5c680029-66b2-4be8-9630-7bd316ce70dd",
        ),
        (
            "CheckProxyCreate.tccli.json",
            1,
            "50cfe60e-2cc8-4ff7-ba08-03769ea7259a",
        ),
    ];
    for (fixture, flag, id) in published {
        let (answer, request_id, raw) = parse::<CheckProxyCreateRequest>(fixture);
        let CheckProxyCreateResponse {
            check_flag,
            request_id: answered_id,
        } = answer;
        assert_eq!(check_flag, flag, "{fixture}: CheckFlag");
        assert_eq!(answered_id, id, "{fixture}: RequestId");
        assert_eq!(request_id, id, "{fixture}: RequestId given with the answer");
        assert_every_key_read::<CheckProxyCreateResponse>(fixture, "Response", &raw["Response"]);
    }
}

#[test]
fn describe_dest_regions_tccli() {
    let fixture = "DescribeDestRegions.tccli.json";
    let (answer, request_id, raw) = parse::<DescribeDestRegionsRequest>(fixture);
    let DescribeDestRegionsResponse {
        total_count,
        dest_region_set,
        request_id: answered_id,
    } = answer;
    assert_eq!(total_count, Some(1));
    assert_eq!(answered_id, "dad2a717-3c7d-444d-8f98-0cca9c897ff3");
    assert_eq!(request_id, answered_id);
    let set = dest_region_set.expect("DestRegionSet");
    assert_eq!(set.len(), 1);
    let RegionDetail {
        region_id,
        region_name,
        region_area,
        region_area_name,
        idc_type,
        feature_bitmap,
        support_feature,
    } = &set[0];
    assert_eq!(region_id.as_deref(), Some("NorthChina"));
    assert_eq!(region_name.as_deref(), Some("中国大陆-华北"));
    assert_eq!(region_area.as_deref(), Some("NorthChina"));
    assert_eq!(region_area_name.as_deref(), Some("中国大陆-华北"));
    assert_eq!(idc_type.as_deref(), Some("dc"));
    assert_eq!(*feature_bitmap, Some(1));
    assert_eq!(
        Features::from_bitmap(*feature_bitmap),
        features(&["layer4"])
    );
    let SupportFeature { network_type } = support_feature.as_ref().expect("SupportFeature");
    assert_eq!(
        network_type.as_deref(),
        Some(&["normal".to_owned(), "cn2".to_owned()][..])
    );

    let response = &raw["Response"];
    assert_every_key_read::<DescribeDestRegionsResponse>(fixture, "Response", response);
    let region = &response["DestRegionSet"][0];
    assert_every_key_read::<RegionDetail>(fixture, "DestRegionSet[0]", region);
    assert_every_key_read::<SupportFeature>(
        fixture,
        "DestRegionSet[0].SupportFeature",
        &region["SupportFeature"],
    );
}

/// The placeholder region of the 2022 to 2024 examples (the English API reference
/// still shows it): every string `"xx"`, bitmap 1, no `SupportFeature`.
fn assert_placeholder_region(fixture: &str, index: usize, region: &RegionDetail) {
    let RegionDetail {
        region_id,
        region_name,
        region_area,
        region_area_name,
        idc_type,
        feature_bitmap,
        support_feature,
    } = region;
    let at = format!("{fixture}: DestRegionSet[{index}]");
    assert_eq!(region_id.as_deref(), Some("xx"), "{at}");
    assert_eq!(region_name.as_deref(), Some("xx"), "{at}");
    assert_eq!(region_area.as_deref(), Some("xx"), "{at}");
    assert_eq!(region_area_name.as_deref(), Some("xx"), "{at}");
    assert_eq!(idc_type.as_deref(), Some("xx"), "{at}");
    assert_eq!(*feature_bitmap, Some(1), "{at}");
    assert_eq!(
        Features::from_bitmap(*feature_bitmap),
        features(&["layer4"]),
        "{at}"
    );
    assert_eq!(*support_feature, None, "{at}: not published");
}

#[test]
fn describe_dest_regions_placeholder_examples() {
    // (fixture, regions published). Example 2 publishes twelve regions under
    // "TotalCount": 1; the client keeps both as answered and does not reconcile them.
    for (fixture, regions) in [
        ("DescribeDestRegions.tccli-4b1ff93-example1.json", 1),
        ("DescribeDestRegions.tccli-4b1ff93-example2.json", 12),
    ] {
        let (answer, request_id, raw) = parse::<DescribeDestRegionsRequest>(fixture);
        let DescribeDestRegionsResponse {
            total_count,
            dest_region_set,
            request_id: answered_id,
        } = answer;
        assert_eq!(total_count, Some(1), "{fixture}: TotalCount");
        assert_eq!(answered_id, "xx", "{fixture}: RequestId");
        assert_eq!(
            request_id, "xx",
            "{fixture}: RequestId given with the answer"
        );
        let set = dest_region_set.expect("DestRegionSet");
        assert_eq!(set.len(), regions, "{fixture}: DestRegionSet");
        for (index, region) in set.iter().enumerate() {
            assert_placeholder_region(fixture, index, region);
        }

        let response = &raw["Response"];
        assert_every_key_read::<DescribeDestRegionsResponse>(fixture, "Response", response);
        let published = response["DestRegionSet"].as_array().expect("a list");
        for (index, region) in published.iter().enumerate() {
            assert_every_key_read::<RegionDetail>(
                fixture,
                &format!("DestRegionSet[{index}]"),
                region,
            );
        }
    }
}

#[test]
fn describe_access_regions_by_dest_region_tccli() {
    let fixture = "DescribeAccessRegionsByDestRegion.tccli.json";
    let (answer, request_id, raw) = parse::<DescribeAccessRegionsByDestRegionRequest>(fixture);
    let DescribeAccessRegionsByDestRegionResponse {
        total_count,
        access_region_set,
        request_id: answered_id,
    } = answer;
    assert_eq!(total_count, Some(1));
    assert_eq!(answered_id, "5c680029-66b2-4be8-9630-7bd316ce70dd");
    assert_eq!(request_id, answered_id);
    let set = access_region_set.expect("AccessRegionSet");
    assert_eq!(set.len(), 1);
    let AccessRegionDetail {
        region_id,
        region_name,
        concurrent_list,
        bandwidth_list,
        region_area,
        region_area_name,
        idc_type,
        feature_bitmap,
    } = &set[0];
    assert_eq!(region_id.as_deref(), Some("Chongqing"));
    assert_eq!(region_name.as_deref(), Some("重庆"));
    assert_eq!(concurrent_list.as_deref(), Some(&[2, 5, 10, 20, 30][..]));
    assert_eq!(
        bandwidth_list.as_deref(),
        Some(&[10, 20, 50, 100, 200, 500, 1000][..])
    );
    assert_eq!(region_area.as_deref(), Some("SouthwestChina"));
    assert_eq!(region_area_name.as_deref(), Some("重庆"));
    assert_eq!(idc_type.as_deref(), Some("dc"));
    assert_eq!(*feature_bitmap, Some(71));
    // 71 = 0b100_0111: bits 1, 2, 3 and 7 from the right.
    assert_eq!(
        Features::from_bitmap(*feature_bitmap),
        features(&["layer4", "layer7", "http3", "access_qos"])
    );

    let response = &raw["Response"];
    assert_every_key_read::<DescribeAccessRegionsByDestRegionResponse>(
        fixture, "Response", response,
    );
    assert_every_key_read::<AccessRegionDetail>(
        fixture,
        "AccessRegionSet[0]",
        &response["AccessRegionSet"][0],
    );
}

/// A price as published, by its exact decimal text (`None`: absent or null).
fn price(n: &Option<serde_json::Number>) -> Option<String> {
    n.as_ref().map(serde_json::Number::to_string)
}

/// Every key of a published price answer and of each of its tiers is read.
fn assert_price_keys_read(fixture: &str, raw: &Value) {
    let response = &raw["Response"];
    assert_every_key_read::<InquiryPriceCreateProxyResponse>(fixture, "Response", response);
    let tiers = response["BandwidthUnitPrice"].as_array().expect("a list");
    for (index, tier) in tiers.iter().enumerate() {
        assert_every_key_read::<BandwidthPriceGradient>(
            fixture,
            &format!("BandwidthUnitPrice[{index}]"),
            tier,
        );
    }
}

#[test]
fn inquiry_price_create_proxy_tccli() {
    let fixture = "InquiryPriceCreateProxy.tccli.json";
    let (answer, request_id, raw) = parse::<InquiryPriceCreateProxyRequest>(fixture);
    let InquiryPriceCreateProxyResponse {
        proxy_daily_price,
        bandwidth_unit_price,
        discount_proxy_daily_price,
        currency,
        flow_unit_price,
        discount_flow_unit_price,
        cn2_bandwidth_price,
        cn2_bandwidth_price_with_discount,
        request_id: answered_id,
    } = answer;
    assert_eq!(price(&proxy_daily_price).as_deref(), Some("80.64"));
    assert_eq!(price(&discount_proxy_daily_price).as_deref(), Some("80.64"));
    assert_eq!(currency.as_deref(), Some("CNY"));
    // Published as null: absent, not zero.
    assert_eq!(flow_unit_price, None);
    assert_eq!(discount_flow_unit_price, None);
    assert_eq!(price(&cn2_bandwidth_price).as_deref(), Some("0"));
    assert_eq!(
        price(&cn2_bandwidth_price_with_discount).as_deref(),
        Some("0")
    );
    assert_eq!(answered_id, "d04ffc2a-5c92-455c-b1b1-1d4e460a63e2");
    assert_eq!(request_id, answered_id);

    // (BandwidthRange, BandwidthUnitPrice, DiscountBandwidthUnitPrice, from, to) as
    // published; -1 is no upper bound.
    type Tier = (
        &'static [i64],
        &'static str,
        &'static str,
        Option<i64>,
        Option<i64>,
    );
    let published: [Tier; 5] = [
        (&[0, 20], "130", "130", Some(0), Some(20)),
        (&[20, 100], "90", "90", Some(20), Some(100)),
        (&[100, 500], "70", "70", Some(100), Some(500)),
        (&[500, 2000], "60", "60", Some(500), Some(2000)),
        (&[2000, -1], "50", "50", Some(2000), None),
    ];
    let tiers = bandwidth_unit_price.expect("BandwidthUnitPrice");
    assert_eq!(tiers.len(), published.len());
    for (tier, (range, unit, discount, from, to)) in tiers.iter().zip(published) {
        let BandwidthPriceGradient {
            bandwidth_range,
            bandwidth_unit_price,
            discount_bandwidth_unit_price,
        } = tier;
        assert_eq!(bandwidth_range.as_deref(), Some(range));
        assert_eq!(price(bandwidth_unit_price).as_deref(), Some(unit));
        assert_eq!(
            price(discount_bandwidth_unit_price).as_deref(),
            Some(discount)
        );
        assert_eq!((tier.from_mbps(), tier.to_mbps()), (from, to), "{range:?}");
    }
    // The request's 10 Mbps is in the first tier only.
    let holding: Vec<usize> = (0..tiers.len()).filter(|i| tiers[*i].holds(10)).collect();
    assert_eq!(holding, [0]);
    assert_price_keys_read(fixture, &raw);
}

#[test]
fn inquiry_price_create_proxy_placeholder_example() {
    let fixture = "InquiryPriceCreateProxy.tccli-a2353bd-example1.json";
    let (answer, request_id, raw) = parse::<InquiryPriceCreateProxyRequest>(fixture);
    let InquiryPriceCreateProxyResponse {
        proxy_daily_price,
        bandwidth_unit_price,
        discount_proxy_daily_price,
        currency,
        flow_unit_price,
        discount_flow_unit_price,
        cn2_bandwidth_price,
        cn2_bandwidth_price_with_discount,
        request_id: answered_id,
    } = answer;
    for (name, value) in [
        ("ProxyDailyPrice", &proxy_daily_price),
        ("DiscountProxyDailyPrice", &discount_proxy_daily_price),
        ("FlowUnitPrice", &flow_unit_price),
        ("DiscountFlowUnitPrice", &discount_flow_unit_price),
        ("Cn2BandwidthPrice", &cn2_bandwidth_price),
        (
            "Cn2BandwidthPriceWithDiscount",
            &cn2_bandwidth_price_with_discount,
        ),
    ] {
        assert_eq!(price(value).as_deref(), Some("0"), "{fixture}: {name}");
    }
    assert_eq!(currency.as_deref(), Some("abc"));
    assert_eq!(answered_id, "abc");
    assert_eq!(request_id, "abc");
    let tiers = bandwidth_unit_price.expect("BandwidthUnitPrice");
    assert_eq!(tiers.len(), 1);
    let BandwidthPriceGradient {
        bandwidth_range,
        bandwidth_unit_price,
        discount_bandwidth_unit_price,
    } = &tiers[0];
    assert_eq!(bandwidth_range.as_deref(), Some(&[0][..]));
    assert_eq!(price(bandwidth_unit_price).as_deref(), Some("0"));
    assert_eq!(price(discount_bandwidth_unit_price).as_deref(), Some("0"));
    // A range of one element has no upper bound: every bandwidth is in it.
    assert_eq!((tiers[0].from_mbps(), tiers[0].to_mbps()), (Some(0), None));
    assert!(tiers[0].holds(10) && tiers[0].holds(100_000));
    assert_price_keys_read(fixture, &raw);
}
