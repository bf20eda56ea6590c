//! The `regions` objects of `gaap_dest_regions` and `gaap_access_regions`: their
//! type (for the schema) and their values (from the API's answers).

use std::collections::BTreeMap;

use crate::protocol::{Number, Type, Value};
use tencentcloud_client::gaap::features::FEATURE_BITS;
use tencentcloud_client::{AccessRegionDetail, Features, RegionDetail};

/// Object attribute names.
pub mod attr {
    pub const ID: &str = "id";
    pub const NAME: &str = "name";
    pub const AREA: &str = "area";
    pub const AREA_NAME: &str = "area_name";
    pub const IDC_TYPE: &str = "idc_type";
    pub const BANDWIDTHS: &str = "bandwidths";
    pub const CONCURRENTS: &str = "concurrents";
    pub const NETWORK_TYPES: &str = "network_types";
}

/// The boolean attribute of each documented `FeatureBitmap` bit, lowest bit first:
/// `supports_layer4`, `supports_layer7`, `supports_http3`, `supports_ipv6`,
/// `supports_premium_bgp`, `supports_three_network`, `supports_access_qos`.
pub fn feature_attributes() -> Vec<String> {
    FEATURE_BITS
        .iter()
        .map(|(_, name)| format!("supports_{name}"))
        .collect()
}

/// What each feature attribute means (the API's documentation of the bit).
pub const FEATURE_MEANINGS: [&str; 7] = [
    "layer-4 (TCP/UDP) acceleration",
    "layer-7 (HTTP/HTTPS) acceleration",
    "HTTP/3 access",
    "IPv6",
    "premium BGP access",
    "three-network access (China Telecom, China Unicom and China Mobile)",
    "QoS acceleration of the access segment",
];

/// Markdown listing the feature attributes, for descriptions.
pub fn features_markdown() -> String {
    feature_attributes()
        .iter()
        .zip(FEATURE_MEANINGS)
        .enumerate()
        .map(|(i, (name, meaning))| format!("`{name}` (bit {}: {meaning})", i + 1))
        .collect::<Vec<_>>()
        .join(", ")
}

fn common_types() -> BTreeMap<String, Type> {
    let mut t = BTreeMap::new();
    for name in [
        attr::ID,
        attr::NAME,
        attr::AREA,
        attr::AREA_NAME,
        attr::IDC_TYPE,
    ] {
        t.insert(name.to_owned(), Type::String);
    }
    for name in feature_attributes() {
        t.insert(name, Type::Bool);
    }
    t
}

/// The element type of `gaap_dest_regions.regions`.
pub fn dest_region_type() -> Type {
    let mut t = common_types();
    t.insert(
        attr::NETWORK_TYPES.to_owned(),
        Type::List(Box::new(Type::String)),
    );
    Type::Object(t)
}

/// The element type of `gaap_access_regions.regions`.
pub fn access_region_type() -> Type {
    let mut t = common_types();
    t.insert(
        attr::BANDWIDTHS.to_owned(),
        Type::List(Box::new(Type::Number)),
    );
    t.insert(
        attr::CONCURRENTS.to_owned(),
        Type::List(Box::new(Type::Number)),
    );
    Type::Object(t)
}

fn string(v: &str) -> Value {
    Value::String(v.to_owned())
}

fn optional(v: &Option<String>) -> Value {
    v.as_deref().map(string).unwrap_or(Value::Null)
}

fn common_values(
    id: &str,
    name: &str,
    area: &Option<String>,
    area_name: &Option<String>,
    idc_type: &Option<String>,
    bitmap: Option<u64>,
) -> BTreeMap<String, Value> {
    let mut m = BTreeMap::new();
    m.insert(attr::ID.to_owned(), string(id));
    m.insert(attr::NAME.to_owned(), string(name));
    m.insert(attr::AREA.to_owned(), optional(area));
    m.insert(attr::AREA_NAME.to_owned(), optional(area_name));
    m.insert(attr::IDC_TYPE.to_owned(), optional(idc_type));
    let features = Features::from_bitmap(bitmap);
    for (attr_name, (_, on)) in feature_attributes().into_iter().zip(features.named()) {
        m.insert(attr_name, Value::Bool(on));
    }
    m
}

/// Sorted, without duplicates, as numbers.
fn number_list(values: &[i64]) -> Value {
    let mut sorted = values.to_vec();
    sorted.sort_unstable();
    sorted.dedup();
    Value::List(
        sorted
            .into_iter()
            .map(|n| Value::Number(Number::from_i64(n)))
            .collect(),
    )
}

/// One `gaap_dest_regions.regions` element.
pub fn dest_region_value(r: &RegionDetail) -> Value {
    let mut m = common_values(
        &r.region_id,
        &r.region_name,
        &r.region_area,
        &r.region_area_name,
        &r.idc_type,
        r.feature_bitmap,
    );
    let networks = r
        .support_feature
        .as_ref()
        .map(|s| s.network_type.iter().map(|n| string(n)).collect())
        .unwrap_or_default();
    m.insert(attr::NETWORK_TYPES.to_owned(), Value::List(networks));
    Value::Object(m)
}

/// One `gaap_access_regions.regions` element.
pub fn access_region_value(r: &AccessRegionDetail) -> Value {
    let mut m = common_values(
        &r.region_id,
        &r.region_name,
        &r.region_area,
        &r.region_area_name,
        &r.idc_type,
        r.feature_bitmap,
    );
    m.insert(attr::BANDWIDTHS.to_owned(), number_list(&r.bandwidth_list));
    m.insert(
        attr::CONCURRENTS.to_owned(),
        number_list(&r.concurrent_list),
    );
    Value::Object(m)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_match_their_types() {
        let r = AccessRegionDetail {
            region_id: "Tokyo".into(),
            region_name: "Tokyo".into(),
            concurrent_list: vec![5, 1, 2, 2],
            bandwidth_list: vec![100, 10, 1],
            region_area: Some("AsiaPacific".into()),
            region_area_name: None,
            idc_type: Some("dc".into()),
            feature_bitmap: Some(0b1001),
        };
        let v = access_region_value(&r);
        let Type::Object(types) = access_region_type() else {
            panic!()
        };
        let Value::Object(attrs) = &v else { panic!() };
        assert_eq!(
            attrs.keys().collect::<Vec<_>>(),
            types.keys().collect::<Vec<_>>()
        );
        assert_eq!(
            v.attr("bandwidths"),
            Some(&number_list(&[1, 10, 100])),
            "sorted"
        );
        assert_eq!(v.attr("concurrents").unwrap().as_list().unwrap().len(), 3);
        assert_eq!(v.attr("supports_layer4"), Some(&Value::Bool(true)));
        assert_eq!(v.attr("supports_ipv6"), Some(&Value::Bool(true)));
        assert_eq!(v.attr("supports_layer7"), Some(&Value::Bool(false)));
        assert_eq!(v.attr("area_name"), Some(&Value::Null));

        let d = dest_region_value(&RegionDetail {
            region_id: "EastChina".into(),
            ..RegionDetail::default()
        });
        let Type::Object(types) = dest_region_type() else {
            panic!()
        };
        let Value::Object(attrs) = &d else { panic!() };
        assert_eq!(
            attrs.keys().collect::<Vec<_>>(),
            types.keys().collect::<Vec<_>>()
        );
        assert_eq!(d.attr("network_types"), Some(&Value::List(vec![])));
    }

    #[test]
    fn feature_names_follow_the_documented_bits() {
        assert_eq!(
            feature_attributes(),
            [
                "supports_layer4",
                "supports_layer7",
                "supports_http3",
                "supports_ipv6",
                "supports_premium_bgp",
                "supports_three_network",
                "supports_access_qos"
            ]
        );
    }
}
