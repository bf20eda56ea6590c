//! The `regions` objects of `gaap_dest_regions` and `gaap_access_regions`: their
//! type (for the schema) and their values (from the API's answers).

use std::collections::BTreeMap;

use crate::protocol::decode::{AttrDef, Kind};
use crate::protocol::{AttributePath, Diagnostics, Number, Value};
use tencentcloud_client::{AccessRegionDetail, Features, RegionDetail};

/// The attributes both kinds of region objects have.
pub mod attr {
    use super::*;

    pub const ID: AttrDef = AttrDef::computed("id", Kind::String)
        .text("The region id (API field `RegionId`), the value arguments take.");
    pub const NAME: AttrDef =
        AttrDef::computed("name", Kind::String).text("The region's name (`RegionName`).");
    pub const AREA: AttrDef = AttrDef::computed("area", Kind::String)
        .text("The area the region belongs to (`RegionArea`).");
    pub const AREA_NAME: AttrDef =
        AttrDef::computed("area_name", Kind::String).text("The area's name (`RegionAreaName`).");
    pub const IDC_TYPE: AttrDef = AttrDef::computed("idc_type", Kind::String)
        .text("`dc` (data center) or `ec` (edge node) (`IDCType`).");
    pub const NETWORK_TYPES: AttrDef = AttrDef::computed("network_types", Kind::StringList).text(
        "The network types offered there (`SupportFeature.NetworkType`): `normal`, \
             `cn2`, `triple`, `secure_eip`. Null when the API answered no `SupportFeature` \
             or no `NetworkType`; `[]` only when it answered an empty list.",
    );
    pub const BANDWIDTHS: AttrDef = AttrDef::computed("bandwidths", Kind::NumberList)
        .text("The bandwidths in Mbps that can be chosen, ascending (`BandwidthList`).");
    pub const FEATURE_BITMAP: AttrDef = AttrDef::computed("feature_bitmap", Kind::Number).text(
        "The API's `FeatureBitmap` as answered, every bit kept (also bits no document names \
         yet); the `supports_*` attributes decode the documented ones. Null, with every \
         `supports_*`, when the API answered none.",
    );
    pub const CONCURRENTS: AttrDef = AttrDef::computed("concurrents", Kind::NumberList).text(
        "The concurrencies in units of 10,000 connections that can be chosen, ascending \
         (`ConcurrentList`).",
    );
}

/// The boolean attribute of each documented `FeatureBitmap` bit, lowest bit first, with
/// the API's documentation of the bit.
pub const FEATURES: [AttrDef; 7] = [
    feature("supports_layer4", "Bit 1: layer-4 (TCP/UDP) acceleration."),
    feature(
        "supports_layer7",
        "Bit 2: layer-7 (HTTP/HTTPS) acceleration.",
    ),
    feature("supports_http3", "Bit 3: HTTP/3 access."),
    feature("supports_ipv6", "Bit 4: IPv6."),
    feature("supports_premium_bgp", "Bit 5: premium BGP access."),
    feature(
        "supports_three_network",
        "Bit 6: three-network access (China Telecom, China Unicom and China Mobile).",
    ),
    feature(
        "supports_access_qos",
        "Bit 7: QoS acceleration of the access segment.",
    ),
];

const fn feature(name: &'static str, text: &'static str) -> AttrDef {
    AttrDef::computed(name, Kind::Bool).text(text)
}

use attr::*;

/// The table of a `gaap_dest_regions.regions` element.
#[rustfmt::skip]
pub const DEST_REGION: &[AttrDef] = &[
    ID, NAME, AREA, AREA_NAME, IDC_TYPE, NETWORK_TYPES, FEATURE_BITMAP,
    FEATURES[0], FEATURES[1], FEATURES[2], FEATURES[3], FEATURES[4], FEATURES[5], FEATURES[6],
];

/// The table of a `gaap_access_regions.regions` element.
#[rustfmt::skip]
pub const ACCESS_REGION: &[AttrDef] = &[
    ID, NAME, AREA, AREA_NAME, IDC_TYPE, BANDWIDTHS, CONCURRENTS, FEATURE_BITMAP,
    FEATURES[0], FEATURES[1], FEATURES[2], FEATURES[3], FEATURES[4], FEATURES[5], FEATURES[6],
];

fn string(v: &str) -> Value {
    Value::String(v.to_owned())
}

fn optional(v: &Option<String>) -> Value {
    v.as_deref().map(string).unwrap_or(Value::Null)
}

fn common_values(
    id: &str,
    name: &Option<String>,
    area: &Option<String>,
    area_name: &Option<String>,
    idc_type: &Option<String>,
    bitmap: Option<u64>,
) -> BTreeMap<String, Value> {
    let mut m = BTreeMap::new();
    m.insert(ID.name.to_owned(), string(id));
    m.insert(NAME.name.to_owned(), optional(name));
    m.insert(AREA.name.to_owned(), optional(area));
    m.insert(AREA_NAME.name.to_owned(), optional(area_name));
    m.insert(IDC_TYPE.name.to_owned(), optional(idc_type));
    // Without a bitmap nothing is known about the features: null, not false.
    let features = bitmap.map(|b| Features::from_bitmap(Some(b)).named());
    for (i, feature) in FEATURES.iter().enumerate() {
        let on = features.map_or(Value::Null, |named| Value::Bool(named[i].1));
        m.insert(feature.name.to_owned(), on);
    }
    let raw = bitmap.map_or(Value::Null, |b| Value::Number(Number::from_u64(b)));
    m.insert(FEATURE_BITMAP.name.to_owned(), raw);
    m
}

/// Sorted, without duplicates, as numbers; null when the API answered none (an empty
/// list stays empty).
fn number_list(values: &Option<Vec<i64>>) -> Value {
    let Some(values) = values else {
        return Value::Null;
    };
    let mut sorted = values.clone();
    sorted.sort_unstable();
    sorted.dedup();
    Value::List(
        sorted
            .into_iter()
            .map(|n| Value::Number(Number::from_i64(n)))
            .collect(),
    )
}

/// One `gaap_dest_regions.regions` element; `None` for an entry without a
/// `RegionId`, which no argument could name.
pub fn dest_region_value(r: &RegionDetail) -> Option<Value> {
    let mut m = common_values(
        r.region_id.as_deref()?,
        &r.region_name,
        &r.region_area,
        &r.region_area_name,
        &r.idc_type,
        r.feature_bitmap,
    );
    // `SupportFeature` or its `NetworkType` answered null: not known, so null.
    let networks = r
        .support_feature
        .as_ref()
        .and_then(|s| s.network_type.as_ref())
        .map_or(Value::Null, |types| {
            Value::List(types.iter().map(|n| string(n)).collect())
        });
    m.insert(NETWORK_TYPES.name.to_owned(), networks);
    Some(Value::Object(m))
}

/// One `gaap_access_regions.regions` element; `None` for an entry without a
/// `RegionId`.
pub fn access_region_value(r: &AccessRegionDetail) -> Option<Value> {
    let mut m = common_values(
        r.region_id.as_deref()?,
        &r.region_name,
        &r.region_area,
        &r.region_area_name,
        &r.idc_type,
        r.feature_bitmap,
    );
    m.insert(BANDWIDTHS.name.to_owned(), number_list(&r.bandwidth_list));
    m.insert(CONCURRENTS.name.to_owned(), number_list(&r.concurrent_list));
    Some(Value::Object(m))
}

/// How a data source lists an answer's region set: its `regions` attribute, the action
/// that answered (for the warning) and how one entry becomes a region object.
pub struct RegionList<T: 'static> {
    pub attribute: &'static AttrDef,
    pub action: &'static str,
    /// The entry's object; `None` for an entry without a `RegionId`.
    pub value_of: fn(&T) -> Option<Value>,
}

impl<T> RegionList<T> {
    /// The `regions` value: null when the API answered no set; entries without a
    /// `RegionId` left out, with one warning on the attribute that says how many.
    pub fn values(&self, set: Option<&[T]>, diags: &mut Diagnostics) -> Value {
        let Some(set) = set else {
            return Value::Null;
        };
        let values: Vec<Value> = set.iter().filter_map(self.value_of).collect();
        let left_out = set.len() - values.len();
        if left_out > 0 {
            diags.add_attribute_warning(
                AttributePath::attribute(self.attribute.name),
                "Regions Without an Id Left Out",
                format!(
                    "GAAP's {} answer had {left_out} of {} entries without a RegionId \
                     (null or absent). They are left out of {}, since no argument could \
                     name them; the other entries are listed as answered.",
                    self.action,
                    set.len(),
                    self.attribute.name
                ),
            );
        }
        Value::List(values)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocol::decode::object_type;
    use crate::protocol::{Severity, Type};
    use tencentcloud_client::gaap::describe_dest_regions::SupportFeature;
    use tencentcloud_client::gaap::features::FEATURE_BITS;

    fn access_region_type() -> Type {
        object_type(ACCESS_REGION)
    }

    fn dest_region_type() -> Type {
        object_type(DEST_REGION)
    }

    #[test]
    fn values_match_their_types() {
        let r = AccessRegionDetail {
            region_id: Some("Japan".into()),
            region_name: Some("Japan (Tokyo)".into()),
            concurrent_list: Some(vec![5, 30, 2, 2]),
            bandwidth_list: Some(vec![100, 10, 20]),
            region_area: Some("Asia".into()),
            region_area_name: None,
            idc_type: Some("dc".into()),
            feature_bitmap: Some(0b1001),
        };
        let v = access_region_value(&r).unwrap();
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
            Some(&number_list(&Some(vec![10, 20, 100]))),
            "sorted"
        );
        assert_eq!(v.attr("concurrents").unwrap().as_list().unwrap().len(), 3);
        assert_eq!(v.attr("supports_layer4"), Some(&Value::Bool(true)));
        assert_eq!(v.attr("supports_ipv6"), Some(&Value::Bool(true)));
        assert_eq!(v.attr("supports_layer7"), Some(&Value::Bool(false)));
        assert_eq!(v.attr("area_name"), Some(&Value::Null));

        let d = dest_region_value(&RegionDetail {
            region_id: Some("EastChina".into()),
            ..RegionDetail::default()
        })
        .unwrap();
        let Type::Object(types) = dest_region_type() else {
            panic!()
        };
        let Value::Object(attrs) = &d else { panic!() };
        assert_eq!(
            attrs.keys().collect::<Vec<_>>(),
            types.keys().collect::<Vec<_>>()
        );
        // What the API did not answer is null, not empty.
        assert_eq!(d.attr("network_types"), Some(&Value::Null));
        assert_eq!(d.attr("name"), Some(&Value::Null));
        // No bitmap answered: the raw value and every decoded feature are unknown to us.
        assert_eq!(d.attr("feature_bitmap"), Some(&Value::Null));
        assert_eq!(d.attr("supports_layer4"), Some(&Value::Null));
    }

    /// The raw bitmap is kept whole, bits no document names included (real answers
    /// have carried 207: bits 1, 2, 3, 4, 7 and 8).
    #[test]
    fn the_raw_bitmap_keeps_every_bit() {
        let d = dest_region_value(&RegionDetail {
            region_id: Some("NorthChina".into()),
            feature_bitmap: Some(207),
            ..RegionDetail::default()
        })
        .unwrap();
        assert_eq!(
            d.attr("feature_bitmap"),
            Some(&Value::Number(Number::from_i64(207)))
        );
        let on: Vec<bool> = FEATURES
            .iter()
            .map(|f| d.attr(f.name) == Some(&Value::Bool(true)))
            .collect();
        assert_eq!(on, [true, true, true, true, false, false, true]);
    }

    /// Null and empty stay apart: a list answered null is null, an empty list is
    /// empty, for `SupportFeature` and its `NetworkType` as for the offer lists.
    #[test]
    fn null_is_not_empty() {
        let network_types = |support_feature| {
            let d = dest_region_value(&RegionDetail {
                region_id: Some("NorthChina".into()),
                support_feature,
                ..RegionDetail::default()
            })
            .unwrap();
            d.attr("network_types").cloned()
        };
        assert_eq!(network_types(None), Some(Value::Null));
        assert_eq!(
            network_types(Some(SupportFeature { network_type: None })),
            Some(Value::Null)
        );
        assert_eq!(
            network_types(Some(SupportFeature {
                network_type: Some(vec![])
            })),
            Some(Value::List(vec![]))
        );
        let a = access_region_value(&AccessRegionDetail {
            region_id: Some("Chongqing".into()),
            bandwidth_list: Some(vec![]),
            ..AccessRegionDetail::default()
        })
        .unwrap();
        assert_eq!(a.attr("bandwidths"), Some(&Value::List(vec![])));
        assert_eq!(a.attr("concurrents"), Some(&Value::Null));
    }

    #[test]
    fn entries_without_an_id_are_left_out_with_one_warning() {
        let set = vec![
            AccessRegionDetail {
                region_id: Some("Chongqing".into()),
                ..AccessRegionDetail::default()
            },
            AccessRegionDetail::default(),
            AccessRegionDetail {
                region_name: Some("no id".into()),
                ..AccessRegionDetail::default()
            },
        ];
        const ATTRIBUTE: AttrDef = AttrDef::computed("regions", Kind::ObjectList(ACCESS_REGION));
        const LIST: RegionList<AccessRegionDetail> = RegionList {
            attribute: &ATTRIBUTE,
            action: "Describe",
            value_of: access_region_value,
        };
        let mut diags = Diagnostics::new();
        let list = LIST.values(Some(&set), &mut diags);
        let ids: Vec<_> = list
            .as_list()
            .unwrap()
            .iter()
            .map(|r| r.attr("id").and_then(Value::as_str).unwrap().to_owned())
            .collect();
        assert_eq!(ids, ["Chongqing"]);
        let warnings: Vec<_> = diags.iter().collect();
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].severity, Severity::Warning);
        assert!(
            warnings[0].detail.contains("2 of 3 entries"),
            "{}",
            warnings[0].detail
        );

        let mut diags = Diagnostics::new();
        assert_eq!(LIST.values(None, &mut diags), Value::Null);
        assert_eq!(LIST.values(Some(&[]), &mut diags), Value::List(vec![]));
        assert!(diags.is_empty());
    }

    #[test]
    fn feature_names_follow_the_documented_bits() {
        let names: Vec<String> = FEATURE_BITS
            .iter()
            .map(|(_, name)| format!("supports_{name}"))
            .collect();
        assert_eq!(FEATURES.map(|f| f.name), names.as_slice());
        assert_eq!(
            FEATURES.map(|f| f.name),
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
