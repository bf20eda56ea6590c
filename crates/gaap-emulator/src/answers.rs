//! The catalogue the emulator serves, held as the API's own answers: the `Response`
//! objects (without `RequestId`) of `DescribeDestRegions` per `QualityType` and of
//! `DescribeAccessRegionsByDestRegion` per origin and options. One representation for
//! both sources: the built-in catalogue ([`Catalogue::built_in`], generated from the
//! rules of [`crate::catalogue`]) and a recorded one ([`crate::catalogue_file`]), so
//! the two Describe actions serve, and `CheckProxyCreate` decides from, the same kind
//! of value ([`Catalogue::offers`]).
//!
//! Requests are keyed by what the API treats as the same request: `QualityType` 0 is
//! the API's default, the same as unset; `IPAddressVersion` `IPv4` is the default,
//! the same as unset. `PackageType` unset and `Thunder` are kept apart (answered
//! separately by the API). A recorded answer may be an API error
//! (`{"Error": {"Code", "Message"}}`): it is answered as that error.
//!
//! Answers may carry JSON null anywhere (the SDKs allow it): a null or absent list
//! offers nothing, an entry without a string `RegionId` matches no region, and a
//! null or absent `SupportFeature.NetworkType` allows only `normal`.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::sync::{Arc, LazyLock};

use serde_json::{json, Map, Value};

use super::catalogue::{self, Region, REGIONS};
use super::language::Language;
use super::response::{codes, ApiFailure};

/// `IPAddressVersion` values the API accepts.
pub const IP_VERSIONS: &[&str] = &["IPv4", "IPv6"];
/// `PackageType` values the API accepts.
pub const PACKAGE_TYPES: &[&str] = &["Thunder", "Accelerator", "CrossBorder"];
/// The `IPAddressVersion` of every recorded combination (unset is the API's IPv4).
pub const RECORDED_IP_VERSIONS: [Option<&str>; 2] = [None, Some("IPv6")];
/// The `PackageType` of every recorded combination.
pub const RECORDED_PACKAGE_TYPES: [Option<&str>; 4] = [
    None,
    Some("Thunder"),
    Some("Accelerator"),
    Some("CrossBorder"),
];
/// The `QualityType` of every recorded `DescribeDestRegions` answer (unset is the
/// API's 0, gold connections; 1 is silver).
pub const RECORDED_QUALITY_TYPES: [Option<i64>; 2] = [None, Some(1)];
/// The network type of a check that names none.
pub const DEFAULT_NETWORK_TYPE: &str = "normal";

/// The list of regions in a `DescribeDestRegions` answer.
pub const DEST_REGION_SET: &str = "DestRegionSet";
/// The list of regions in a `DescribeAccessRegionsByDestRegion` answer.
pub const ACCESS_REGION_SET: &str = "AccessRegionSet";

/// One `Response` object as answered, without `RequestId`.
pub type Answer = Map<String, Value>;

/// `QualityType` as a key: 0, the API's default, is unset.
pub fn quality_key(quality_type: Option<i64>) -> Option<i64> {
    quality_type.filter(|q| *q != 0)
}

/// The options of a `DescribeAccessRegionsByDestRegion` request, as a key.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct AccessOptions {
    /// `None`: unset or `IPv4` (the API's default).
    pub ip_version: Option<String>,
    pub package: Option<String>,
}

impl AccessOptions {
    pub fn new(ip_version: Option<&str>, package: Option<&str>) -> Self {
        AccessOptions {
            ip_version: ip_version.filter(|v| *v != "IPv4").map(str::to_owned),
            package: package.map(str::to_owned),
        }
    }

    /// The combinations the recorder asks for every origin, in that order.
    pub fn recorded() -> Vec<AccessOptions> {
        RECORDED_IP_VERSIONS
            .iter()
            .flat_map(|ip| {
                RECORDED_PACKAGE_TYPES
                    .iter()
                    .map(move |package| AccessOptions::new(*ip, *package))
            })
            .collect()
    }

    /// `IPAddressVersion IPv6 and PackageType (unset)`, for messages.
    pub fn describe(&self) -> String {
        let shown = |v: &Option<String>| match v {
            Some(v) => format!("`{v}`"),
            None => "(unset)".to_owned(),
        };
        format!(
            "IPAddressVersion {} and PackageType {}",
            shown(&self.ip_version),
            shown(&self.package)
        )
    }
}

/// A connection `CheckProxyCreate` asks about, its parameters already validated.
#[derive(Debug, Clone, Copy)]
pub struct Connection<'a> {
    pub access: &'a str,
    pub origin: &'a str,
    pub bandwidth: i64,
    pub concurrent: i64,
    pub ip_version: Option<&'a str>,
    pub network_type: Option<&'a str>,
    pub package: Option<&'a str>,
}

/// The catalogue the emulator serves.
#[derive(Clone, PartialEq)]
pub struct Catalogue {
    dest: BTreeMap<Option<i64>, Answer>,
    access: BTreeMap<String, BTreeMap<AccessOptions, Answer>>,
    /// Every `RegionId` of a `DescribeDestRegions` answer, and every recorded origin.
    origins: BTreeSet<String>,
    /// Every id anywhere: the origins and every `RegionId` of an access answer.
    known: BTreeSet<String>,
    /// What the answers say of each id, from its first entry (see [`RegionFacts`]).
    facts: BTreeMap<String, RegionFacts>,
}

/// What the catalogue's answers say of a region, from the first entry that names it
/// (the `DescribeDestRegions` answers first, then the access answers, in key order):
/// `RegionArea` and `IDCType`, `None` where that entry has none (absent, null, not a
/// string). The price model ([`crate::price`]) reads them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RegionFacts {
    pub area: Option<String>,
    pub idc_type: Option<String>,
}

impl fmt::Debug for Catalogue {
    /// Counts only: the answers run to megabytes.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Catalogue")
            .field("dest_answers", &self.dest.len())
            .field(
                "access_answers",
                &self.access.values().map(BTreeMap::len).sum::<usize>(),
            )
            .field("origins", &self.origins.len())
            .field("regions", &self.known.len())
            .finish()
    }
}

/// The built-in catalogue with English names, what the provider asks for, and with
/// Chinese names, generated on first use.
static BUILT_IN: LazyLock<Arc<Catalogue>> =
    LazyLock::new(|| Arc::new(generate_built_in(Language::English)));
static BUILT_IN_CHINESE: LazyLock<Arc<Catalogue>> =
    LazyLock::new(|| Arc::new(generate_built_in(Language::Chinese)));

/// The entries of a region list, skipping anything that is not an object (nulls).
fn entries<'a>(answer: &'a Answer, set: &str) -> impl Iterator<Item = &'a Map<String, Value>> {
    answer
        .get(set)
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_object)
}

fn region_id(entry: &Map<String, Value>) -> Option<&str> {
    entry.get("RegionId").and_then(Value::as_str)
}

/// Whether `entry[list]` is a list holding `value` (null or absent: it holds nothing).
fn lists(entry: &Map<String, Value>, list: &str, value: i64) -> bool {
    entry
        .get(list)
        .and_then(Value::as_array)
        .is_some_and(|l| l.iter().any(|v| v.as_i64() == Some(value)))
}

/// The error a recorded answer is, if it is one.
pub fn recorded_error(answer: &Answer) -> Option<ApiFailure> {
    let error = answer.get("Error")?.as_object()?;
    Some(ApiFailure {
        code: error
            .get("Code")
            .and_then(Value::as_str)
            .unwrap_or(codes::FAILED_OPERATION)
            .to_owned(),
        message: error
            .get("Message")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned(),
    })
}

/// What to answer for a recorded answer: its fields (the server adds a fresh
/// `RequestId`), or the error it records.
pub fn served(answer: &Answer) -> Result<Map<String, Value>, ApiFailure> {
    match recorded_error(answer) {
        Some(failure) => Err(failure),
        None => Ok(answer.clone()),
    }
}

impl Catalogue {
    /// A catalogue of these answers (keys as [`quality_key`] and [`AccessOptions`]
    /// make them).
    pub fn from_answers(
        dest: BTreeMap<Option<i64>, Answer>,
        access: BTreeMap<String, BTreeMap<AccessOptions, Answer>>,
    ) -> Self {
        let mut origins: BTreeSet<String> = dest
            .values()
            .flat_map(|answer| entries(answer, DEST_REGION_SET))
            .filter_map(region_id)
            .map(str::to_owned)
            .collect();
        origins.extend(access.keys().cloned());
        let mut known = origins.clone();
        known.extend(
            access
                .values()
                .flat_map(BTreeMap::values)
                .flat_map(|answer| entries(answer, ACCESS_REGION_SET))
                .filter_map(region_id)
                .map(str::to_owned),
        );
        let mut facts = BTreeMap::new();
        let every_entry = dest
            .values()
            .flat_map(|answer| entries(answer, DEST_REGION_SET))
            .chain(
                access
                    .values()
                    .flat_map(BTreeMap::values)
                    .flat_map(|answer| entries(answer, ACCESS_REGION_SET)),
            );
        for entry in every_entry {
            if let Some(id) = region_id(entry) {
                let text = |key: &str| entry.get(key).and_then(Value::as_str).map(str::to_owned);
                facts.entry(id.to_owned()).or_insert_with(|| RegionFacts {
                    area: text("RegionArea"),
                    idc_type: text("IDCType"),
                });
            }
        }
        Catalogue {
            dest,
            access,
            origins,
            known,
            facts,
        }
    }

    /// What the answers say of region `id` (see [`RegionFacts`]); `None` for an id
    /// the catalogue does not know, or knows only as a recorded origin without an
    /// entry of its own.
    pub fn facts(&self, id: &str) -> Option<&RegionFacts> {
        self.facts.get(id)
    }

    /// The built-in catalogue, generated once per process from [`catalogue::REGIONS`]
    /// and its rules: every region is an origin, with an answer for every recorded
    /// `QualityType` and option combination. Names in English, as the provider asks
    /// (`X-TC-Language: en-US`); [`Catalogue::in_language`] gives the others.
    pub fn built_in() -> Arc<Catalogue> {
        BUILT_IN.clone()
    }

    /// The built-in catalogue with names in `language`.
    pub fn built_in_in(language: Language) -> Arc<Catalogue> {
        match language {
            Language::English => BUILT_IN.clone(),
            Language::Chinese => BUILT_IN_CHINESE.clone(),
        }
    }

    /// What to serve a request in `language`: the built-in catalogue in that
    /// language, or a recorded catalogue as recorded (its names are in the language
    /// it was recorded in; the offers are the same in every language).
    pub fn in_language(catalogue: &Arc<Catalogue>, language: Language) -> Arc<Catalogue> {
        if Arc::ptr_eq(catalogue, &BUILT_IN) {
            Catalogue::built_in_in(language)
        } else {
            catalogue.clone()
        }
    }

    /// The `DescribeDestRegions` answers, by `QualityType` key.
    pub fn dest_answers(&self) -> &BTreeMap<Option<i64>, Answer> {
        &self.dest
    }

    /// The `DescribeAccessRegionsByDestRegion` answers, by origin then options.
    pub fn access_answers(&self) -> &BTreeMap<String, BTreeMap<AccessOptions, Answer>> {
        &self.access
    }

    /// Every origin: the `RegionId`s `DescribeDestRegions` answered, and every
    /// origin with a recorded answer.
    pub fn origins(&self) -> impl Iterator<Item = &str> {
        self.origins.iter().map(String::as_str)
    }

    pub fn is_origin(&self, id: &str) -> bool {
        self.origins.contains(id)
    }

    /// Whether `id` appears anywhere: as an origin or as an offered access region.
    pub fn knows(&self, id: &str) -> bool {
        self.known.contains(id)
    }

    /// The `DescribeDestRegions` answer for this `QualityType`.
    pub fn dest_regions(&self, quality_type: Option<i64>) -> Result<&Answer, ApiFailure> {
        let key = quality_key(quality_type);
        self.dest.get(&key).ok_or_else(|| {
            ApiFailure::new(
                codes::FAILED_OPERATION,
                format!(
                    "The emulator's recorded catalogue has no DescribeDestRegions answer for \
                     QualityType {}; record the catalogue again with `gaap-emulator record`.",
                    key.map_or("(unset)".to_owned(), |q| q.to_string())
                ),
            )
        })
    }

    /// The `DescribeAccessRegionsByDestRegion` answer for `origin` with `options`:
    /// `InvalidParameterValue.UnknownDestRegion` for an id that is no origin,
    /// `FailedOperation` for an origin without an answer for these options.
    pub fn access_regions(
        &self,
        origin: &str,
        options: &AccessOptions,
    ) -> Result<&Answer, ApiFailure> {
        if !self.is_origin(origin) {
            return Err(unknown_dest_region("DestRegion", origin));
        }
        self.access
            .get(origin)
            .and_then(|by_options| by_options.get(options))
            .ok_or_else(|| {
                ApiFailure::new(
                    codes::FAILED_OPERATION,
                    format!(
                        "The emulator's recorded catalogue has no \
                         DescribeAccessRegionsByDestRegion answer for DestRegion `{origin}` \
                         with {}; record the catalogue again with `gaap-emulator record`.",
                        options.describe()
                    ),
                )
            })
    }

    /// `SupportFeature.NetworkType` of `origin` in the `DescribeDestRegions` answers
    /// (the default `QualityType`'s first): `normal` only when the origin is not
    /// listed, or lists no `NetworkType` (null, absent).
    pub fn network_types(&self, origin: &str) -> Vec<&str> {
        let entry = self
            .dest
            .values()
            .flat_map(|answer| entries(answer, DEST_REGION_SET))
            .find(|entry| region_id(entry) == Some(origin));
        let listed = entry
            .and_then(|e| e.get("SupportFeature"))
            .and_then(|f| f.get("NetworkType"))
            .and_then(Value::as_array);
        match listed {
            Some(list) => list.iter().filter_map(Value::as_str).collect(),
            None => vec![DEFAULT_NETWORK_TYPE],
        }
    }

    /// `CheckFlag` of a connection whose regions the catalogue knows: 1 exactly when
    /// the origin's access answer for the check's IP version and package lists the
    /// access region with the bandwidth in its `BandwidthList` and the concurrency in
    /// its `ConcurrentList`, the network type (default `normal`) is one the origin
    /// supports ([`Catalogue::network_types`]), and it is not `cn2` with `IPv6` (the
    /// emulator's model: cn2 lines are IPv4). An id known only as an access region
    /// offers nothing as an origin; a recorded error answer offers nothing; a
    /// combination without an answer is the `FailedOperation` of
    /// [`Catalogue::access_regions`].
    pub fn offers(&self, c: &Connection<'_>) -> Result<bool, ApiFailure> {
        if !self.is_origin(c.origin) {
            return Ok(false);
        }
        let answer = self.access_regions(c.origin, &AccessOptions::new(c.ip_version, c.package))?;
        if recorded_error(answer).is_some() {
            return Ok(false);
        }
        let listed = entries(answer, ACCESS_REGION_SET)
            .filter(|entry| region_id(entry) == Some(c.access))
            .any(|entry| {
                lists(entry, "BandwidthList", c.bandwidth)
                    && lists(entry, "ConcurrentList", c.concurrent)
            });
        let network = c.network_type.unwrap_or(DEFAULT_NETWORK_TYPE);
        Ok(listed
            && self.network_types(c.origin).contains(&network)
            && !(network == "cn2" && c.ip_version == Some("IPv6")))
    }
}

/// `InvalidParameterValue.UnknownDestRegion` for `id` given in `parameter`.
pub fn unknown_dest_region(parameter: &str, id: &str) -> ApiFailure {
    unknown_region(codes::UNKNOWN_DEST_REGION, parameter, id)
}

/// An unknown-region error (`code` is `.UnknownAccessRegion` or `.UnknownDestRegion`).
pub fn unknown_region(code: &str, parameter: &str, id: &str) -> ApiFailure {
    ApiFailure::new(
        code,
        format!(
            "The region `{id}` given in `{parameter}` is not found or you have no access \
             permission to it."
        ),
    )
}

/// The fields every region answer carries, in the API's order, names in `language`.
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

/// `{"TotalCount": n, "<set>": [...]}`.
fn region_set(set: &str, regions: Vec<Value>) -> Answer {
    let mut out = Map::new();
    out.insert("TotalCount".into(), json!(regions.len()));
    out.insert(set.into(), Value::Array(regions));
    out
}

fn generate_built_in(language: Language) -> Catalogue {
    let dest_set: Vec<Value> = REGIONS
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
    let dest_answer = region_set(DEST_REGION_SET, dest_set);
    // The built-in catalogue is the same for gold and silver connections.
    let dest = RECORDED_QUALITY_TYPES
        .iter()
        .map(|q| (quality_key(*q), dest_answer.clone()))
        .collect();
    let access = REGIONS
        .iter()
        .map(|origin| {
            let by_options = AccessOptions::recorded()
                .into_iter()
                .map(|options| {
                    let set = catalogue::access_regions(
                        origin,
                        options.ip_version.as_deref(),
                        options.package.as_deref(),
                    )
                    .into_iter()
                    .map(|r| {
                        let mut m = region_fields(r, language);
                        m.insert("ConcurrentList".into(), json!(r.concurrents()));
                        m.insert("BandwidthList".into(), json!(r.bandwidths()));
                        Value::Object(m)
                    })
                    .collect();
                    (options, region_set(ACCESS_REGION_SET, set))
                })
                .collect();
            (origin.id.to_owned(), by_options)
        })
        .collect();
    Catalogue::from_answers(dest, access)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn connection<'a>(access: &'a str, origin: &'a str, bandwidth: i64) -> Connection<'a> {
        Connection {
            access,
            origin,
            bandwidth,
            concurrent: 2,
            ip_version: None,
            network_type: None,
            package: None,
        }
    }

    /// The built-in catalogue's answers decide every check exactly as the rules of
    /// `catalogue` do: the shared serving path loses nothing of the built-in source.
    #[test]
    fn built_in_answers_decide_as_the_rules() {
        let built_in = Catalogue::built_in();
        let mut ones = 0;
        let mut zeros = 0;
        for origin in REGIONS {
            for access in REGIONS {
                for ip_version in [None, Some("IPv4"), Some("IPv6")] {
                    for package in RECORDED_PACKAGE_TYPES {
                        for network_type in [None, Some("normal"), Some("cn2"), Some("triple")] {
                            for (bandwidth, concurrent) in [
                                (10, 2),
                                (150, 2),
                                (10, 15),
                                (100, 50),
                                (200, 20),
                                (1000, 50),
                            ] {
                                let c = Connection {
                                    access: access.id,
                                    origin: origin.id,
                                    bandwidth,
                                    concurrent,
                                    ip_version,
                                    network_type,
                                    package,
                                };
                                let rules = catalogue::creatable(&catalogue::Check {
                                    access,
                                    origin,
                                    bandwidth,
                                    concurrent,
                                    ip_version,
                                    network_type,
                                    package,
                                });
                                assert_eq!(built_in.offers(&c), Ok(rules), "{c:?}");
                                if rules {
                                    ones += 1;
                                } else {
                                    zeros += 1;
                                }
                            }
                        }
                    }
                }
            }
        }
        assert!(ones > 1000 && zeros > 1000, "{ones} ones, {zeros} zeros");
    }

    #[test]
    fn built_in_has_every_recorded_answer() {
        let c = Catalogue::built_in();
        assert_eq!(c.dest_answers().len(), RECORDED_QUALITY_TYPES.len());
        assert_eq!(c.origins().count(), REGIONS.len());
        for r in REGIONS {
            assert!(c.knows(r.id) && c.is_origin(r.id), "{}", r.id);
            for options in AccessOptions::recorded() {
                assert!(c.access_regions(r.id, &options).is_ok(), "{}", r.id);
            }
        }
        assert_eq!(AccessOptions::recorded().len(), 8);
    }

    #[test]
    fn request_keys_follow_the_api_defaults() {
        assert_eq!(quality_key(Some(0)), None);
        assert_eq!(quality_key(Some(1)), Some(1));
        assert_eq!(
            AccessOptions::new(Some("IPv4"), None),
            AccessOptions::new(None, None)
        );
        assert_ne!(
            AccessOptions::new(None, Some("Thunder")),
            AccessOptions::new(None, None)
        );
        let c = Catalogue::built_in();
        assert_eq!(c.dest_regions(Some(0)), c.dest_regions(None));
    }

    fn answer(text: &str) -> Answer {
        match serde_json::from_str(text).unwrap() {
            Value::Object(m) => m,
            other => panic!("{other}"),
        }
    }

    /// Nulls offer nothing and never fail; unrecorded combinations and unknown
    /// origins are the documented errors.
    #[test]
    fn nulls_offer_nothing_and_gaps_are_errors() {
        let dest = BTreeMap::from([(
            None,
            answer(
                r#"{"DestRegionSet":[null,{"RegionId":null},
                {"RegionId":"NorthChina","SupportFeature":null},
                {"RegionId":"EastChina","SupportFeature":{"NetworkType":["normal","cn2",null]}},
                {"RegionId":"SouthChina","SupportFeature":{"NetworkType":[]}}]}"#,
            ),
        )]);
        let unset = AccessOptions::new(None, None);
        let access = BTreeMap::from([
            (
                "NorthChina".to_owned(),
                BTreeMap::from([(
                    unset.clone(),
                    answer(
                        r#"{"AccessRegionSet":[null,{"RegionId":null,"BandwidthList":[10],"ConcurrentList":[2]},
                        {"RegionId":"EastChina","BandwidthList":[10,null],"ConcurrentList":[2]},
                        {"RegionId":"SouthChina","BandwidthList":null,"ConcurrentList":[2]},
                        {"RegionId":"Japan","BandwidthList":[10],"ConcurrentList":null}]}"#,
                    ),
                )]),
            ),
            (
                "EastChina".to_owned(),
                BTreeMap::from([
                    (
                        unset.clone(),
                        answer(
                            r#"{"AccessRegionSet":[{"RegionId":"NorthChina","BandwidthList":[10],"ConcurrentList":[2]}]}"#,
                        ),
                    ),
                    (
                        AccessOptions::new(Some("IPv6"), None),
                        answer(r#"{"AccessRegionSet":null,"TotalCount":null}"#),
                    ),
                    (
                        AccessOptions::new(None, Some("CrossBorder")),
                        answer(r#"{"Error":{"Code":"UnsupportedOperation","Message":"no"}}"#),
                    ),
                ]),
            ),
        ]);
        let c = Catalogue::from_answers(dest, access);
        assert!(c.knows("Japan") && !c.is_origin("Japan") && !c.knows("Atlantis"));
        assert!(c.is_origin("SouthChina"));
        assert_eq!(
            c.offers(&connection("EastChina", "NorthChina", 10)),
            Ok(true)
        );
        assert_eq!(
            c.offers(&connection("EastChina", "NorthChina", 11)),
            Ok(false)
        );
        assert_eq!(
            c.offers(&connection("SouthChina", "NorthChina", 10)),
            Ok(false)
        );
        assert_eq!(c.offers(&connection("Japan", "NorthChina", 10)), Ok(false));
        assert_eq!(c.offers(&connection("NorthChina", "Japan", 10)), Ok(false));
        let mut cn2 = connection("EastChina", "NorthChina", 10);
        cn2.network_type = Some("cn2");
        assert_eq!(
            c.offers(&cn2),
            Ok(false),
            "null SupportFeature: normal only"
        );
        let mut cn2 = connection("NorthChina", "EastChina", 10);
        cn2.network_type = Some("cn2");
        assert_eq!(c.offers(&cn2), Ok(true));
        assert_eq!(c.network_types("SouthChina"), Vec::<&str>::new());
        let mut v6 = connection("NorthChina", "EastChina", 10);
        v6.ip_version = Some("IPv6");
        assert_eq!(c.offers(&v6), Ok(false));
        let mut cross = connection("NorthChina", "EastChina", 10);
        cross.package = Some("CrossBorder");
        assert_eq!(
            c.offers(&cross),
            Ok(false),
            "a recorded error offers nothing"
        );
        assert_eq!(
            served(
                c.access_regions("EastChina", &AccessOptions::new(None, Some("CrossBorder")))
                    .unwrap()
            ),
            Err(ApiFailure::new("UnsupportedOperation", "no"))
        );
        let mut thunder = connection("EastChina", "NorthChina", 10);
        thunder.package = Some("Thunder");
        assert_eq!(c.offers(&thunder).unwrap_err().code, "FailedOperation");
        // SouthChina is an origin without any recorded answer.
        assert_eq!(
            c.offers(&connection("NorthChina", "SouthChina", 10))
                .unwrap_err()
                .code,
            "FailedOperation"
        );
        assert_eq!(
            c.access_regions("Atlantis", &unset).unwrap_err().code,
            "InvalidParameterValue.UnknownDestRegion"
        );
        assert_eq!(c.dest_regions(Some(1)).unwrap_err().code, "FailedOperation");
        let message = c.access_regions("SouthChina", &unset).unwrap_err().message;
        assert!(
            message.contains("`SouthChina`") && message.contains("(unset)"),
            "{message}"
        );
    }
}
