//! The emulator's built-in catalogue of what GAAP offers: the regions (each both an
//! origin and an access region), and for an origin, the access regions a connection
//! can use with the bandwidths and concurrencies that can be chosen there. It is
//! generated into the Describe actions' answers ([`crate::answers::Catalogue::built_in`]),
//! which `DescribeDestRegions` and `DescribeAccessRegionsByDestRegion` serve
//! ([`crate::describe`]) and `CheckProxyCreate` decides from
//! ([`crate::check_proxy_create`]), as it does from a recorded catalogue: a check
//! answers 1 exactly when the catalogue offers it ([`creatable`] states the same rules
//! directly).
//!
//! Only ids the real API has: the 23 region ids the official provider documented for
//! `tencentcloud_gaap_proxy` (`website/docs/r/gaap_proxy.html.markdown`, until
//! 2023-07), the city-style ids its `gaap_proxies` data source accepts beside them
//! (`Beijing`, `Shanghai`, `Guangzhou`, `Chengdu`) and `Chongqing` (tccli's
//! `DescribeAccessRegionsByDestRegion` example). Areas are the API's own
//! `RegionArea` values: the Chinese mainland's `NorthChina`, `EastChina`,
//! `SouthChina`, `SouthwestChina`, and elsewhere `Asia`, `Europe`, `NorthAmerica`,
//! `SouthAmerica`, `Oceania` (tccli's `DescribeRegionAndPrice` example). Where a
//! public answer shows a value it is used as shown; the rest is modelled in the same
//! style. `crates/gaap-emulator/README.md` says, value by value, which is which.
//!
//! Rules (deterministic):
//! - an access region is offered for every origin but itself, except that an edge
//!   node (`IDCType` `ec`) is offered only for origins in its own area;
//! - `IPAddressVersion` `IPv6`: only access regions whose `FeatureBitmap` has the IPv6
//!   bit (the published bitmaps have it only at the mainland cities Beijing,
//!   Shanghai, Guangzhou and Chengdu);
//! - `PackageType` `Accelerator`: only data centers (`dc`); `CrossBorder`: only access
//!   regions in the Chinese mainland; `Thunder` (or none): every offered region;
//! - bandwidth (Mbps) and concurrency (×10,000 connections) must be one of the offered
//!   values (`BandwidthList`, `ConcurrentList` are the selectable values), per access
//!   region: [`DC`] (the published lists), [`LARGE_DC`] or [`EDGE`];
//! - `NetworkType` must be one the origin supports (`SupportFeature.NetworkType`:
//!   `normal` everywhere, `cn2` for origins in the Chinese mainland), and `cn2` is
//!   offered with IPv4 only. `triple` and `secure_eip` are listed by no region.

use crate::language::Names;

/// `FeatureBitmap` bits, from the right, as the API documents them. Published
/// bitmaps also carry bit 8 (128), which no document names.
pub mod feature {
    pub const LAYER4: u64 = 1 << 0;
    pub const LAYER7: u64 = 1 << 1;
    pub const HTTP3: u64 = 1 << 2;
    pub const IPV6: u64 = 1 << 3;
    pub const PREMIUM_BGP: u64 = 1 << 4;
    pub const THREE_NETWORK: u64 = 1 << 5;
    pub const ACCESS_QOS: u64 = 1 << 6;
}

use feature::*;

/// The values a connection can choose at an access region: `BandwidthList` (Mbps)
/// and `ConcurrentList` (×10,000 connections), ascending.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Offers {
    pub bandwidths: &'static [i64],
    pub concurrents: &'static [i64],
}

/// The published lists: tccli's `DescribeAccessRegionsByDestRegion` example
/// (`Chongqing`) and the international tccli's (an access region in `Asia`).
pub const DC: Offers = Offers {
    bandwidths: &[10, 20, 50, 100, 200, 500, 1000],
    concurrents: &[2, 5, 10, 20, 30],
};

/// A larger data center (modelled): the values the official provider documents for
/// `tencentcloud_gaap_proxy` without a whitelist (2000, 5000 and 10000 Mbps and 150
/// to 300 concurrency need one, so a plain account is not offered them).
pub const LARGE_DC: Offers = Offers {
    bandwidths: &[10, 20, 50, 100, 200, 500, 1000],
    concurrents: &[2, 5, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100],
};

/// An edge node (modelled): the smaller values of the published lists.
pub const EDGE: Offers = Offers {
    bandwidths: &[10, 20, 50, 100, 200],
    concurrents: &[2, 5, 10, 20],
};

/// An area: `RegionArea` and its `RegionAreaName`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Area {
    pub id: &'static str,
    pub name: Names,
}

const fn area(id: &'static str, chinese: &'static str) -> Area {
    // The English area names published are the ids themselves (`Asia`, `SouthChina`,
    // `EastChina`); the others follow them.
    Area {
        id,
        name: Names {
            english: id,
            chinese: Some(chinese),
        },
    }
}

pub const NORTH_CHINA: Area = area("NorthChina", "中国大陆-华北");
pub const EAST_CHINA: Area = area("EastChina", "中国大陆-华东");
pub const SOUTH_CHINA: Area = area("SouthChina", "中国大陆-华南");
pub const SOUTHWEST_CHINA: Area = area("SouthwestChina", "中国大陆-西南");
pub const ASIA: Area = area("Asia", "亚洲");
pub const EUROPE: Area = area("Europe", "欧洲");
pub const NORTH_AMERICA: Area = area("NorthAmerica", "北美洲");
pub const SOUTH_AMERICA: Area = area("SouthAmerica", "南美洲");
pub const OCEANIA: Area = area("Oceania", "大洋洲");

/// Every area, the Chinese mainland's first.
pub const AREAS: [Area; 9] = [
    NORTH_CHINA,
    EAST_CHINA,
    SOUTH_CHINA,
    SOUTHWEST_CHINA,
    ASIA,
    EUROPE,
    NORTH_AMERICA,
    SOUTH_AMERICA,
    OCEANIA,
];

/// The areas of the Chinese mainland.
pub const MAINLAND_AREAS: &[&str] = &[
    NORTH_CHINA.id,
    EAST_CHINA.id,
    SOUTH_CHINA.id,
    SOUTHWEST_CHINA.id,
];

/// One region of the catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Region {
    pub id: &'static str,
    /// `RegionName`.
    pub name: Names,
    /// `RegionArea`.
    pub area: &'static str,
    /// `RegionAreaName`.
    pub area_name: Names,
    /// `dc` (data center) or `ec` (edge computing node).
    pub idc_type: &'static str,
    /// `FeatureBitmap`, as answered (bits no document names kept).
    pub feature_bitmap: u64,
    /// What a connection can choose with this region as its access region.
    pub offers: Offers,
}

const fn region(
    id: &'static str,
    english: &'static str,
    chinese: Option<&'static str>,
    area: Area,
    idc_type: &'static str,
    feature_bitmap: u64,
    offers: Offers,
) -> Region {
    Region {
        id,
        name: Names { english, chinese },
        area: area.id,
        area_name: area.name,
        idc_type,
        feature_bitmap,
        offers,
    }
}

/// Every region, in the order `DescribeDestRegions` lists them: the official
/// provider's 23 ids in its order, then the city-style ids. Bitmaps are decimal, as
/// answers show them: 1 is layer 4 only; 7 layers 4 and 7 and HTTP/3; 71 that and
/// access QoS; 79 that and IPv6; 135 is 7 and bit 8; 151 is 135 and premium BGP.
// One row per region: the table reads by columns, which rustfmt's wrapping would break.
#[rustfmt::skip]
pub const REGIONS: &[Region] = &[
    region("NorthChina",      "North China",                                          Some("中国大陆-华北"),             NORTH_CHINA,     "dc", 1,   LARGE_DC),
    region("EastChina",       "East China",                                           Some("中国大陆-华东"),             EAST_CHINA,      "dc", 1,   LARGE_DC),
    region("SouthChina",      "South China",                                          None,                              SOUTH_CHINA,     "dc", 1,   LARGE_DC),
    region("SouthwestChina",  "Southwest China",                                      None,                              SOUTHWEST_CHINA, "dc", 1,   LARGE_DC),
    region("Hongkong",        "Hong Kong, China",                                     Some("中国香港"),                  ASIA,            "dc", 151, LARGE_DC),
    region("SL_TAIWAN",       "Taiwan, China",                                        None,                              ASIA,            "ec", 7,   EDGE),
    region("SoutheastAsia",   "Singapore",                                            Some("新加坡"),                    ASIA,            "dc", 135, DC),
    region("Korea",           "South Korea (Seoul)",                                  Some("韩国首尔"),                  ASIA,            "dc", 135, DC),
    region("SL_India",        "India",                                                None,                              ASIA,            "ec", 7,   EDGE),
    region("SL_Australia",    "Australia (Sydney)",                                   None,                              OCEANIA,         "dc", 7,   DC),
    region("Europe",          "Germany (Frankfurt)",                                  Some("德国法兰克福"),              EUROPE,          "dc", 135, DC),
    region("SL_UK",           "United Kingdom",                                       None,                              EUROPE,          "ec", 7,   EDGE),
    region("SL_SouthAmerica", "South America",                                        None,                              SOUTH_AMERICA,   "dc", 7,   DC),
    region("NorthAmerica",    "Western US (Silicon Valley)",                          Some("美国西部硅谷"),              NORTH_AMERICA,   "dc", 135, DC),
    region("SL_MiddleUSA",    "Central US",                                           None,                              NORTH_AMERICA,   "ec", 7,   EDGE),
    region("Canada",          "Canada",                                               None,                              NORTH_AMERICA,   "dc", 135, DC),
    region("SL_VIET",         "Vietnam",                                              None,                              ASIA,            "ec", 7,   EDGE),
    region("WestIndia",       "Western India (Mumbai)",                               Some("印度西部孟买"),              ASIA,            "dc", 135, DC),
    region("Thailand",        "Thailand (Bangkok)",                                   Some("泰国曼谷"),                  ASIA,            "dc", 135, DC),
    region("Virginia",        "Eastern US (Virginia)",                                Some("美国东部弗吉尼亚"),          NORTH_AMERICA,   "dc", 135, DC),
    region("Russia",          "Russia",                                               None,                              EUROPE,          "dc", 135, DC),
    region("Japan",           "Japan (Tokyo)",                                        Some("日本东京"),                  ASIA,            "dc", 135, DC),
    region("SL_Indonesia",    "Indonesia",                                            None,                              ASIA,            "ec", 7,   EDGE),
    region("Beijing",         "Beijing (formerly Chinese mainland - North China)",    Some("北京（原中国大陆-华北大区）"), NORTH_CHINA,     "dc", 79,  LARGE_DC),
    region("Shanghai",        "Shanghai (formerly Chinese mainland - East China)",    Some("上海（原中国大陆-华东大区）"), EAST_CHINA,      "dc", 79,  LARGE_DC),
    region("Guangzhou",       "Guangzhou (formerly Chinese mainland - South China)",  Some("广州（原中国大陆-华南大区）"), SOUTH_CHINA,     "dc", 79,  LARGE_DC),
    region("Chengdu",         "Chengdu (formerly Chinese mainland - Southwest China)", Some("成都（原中国大陆-西南地区）"), SOUTHWEST_CHINA, "dc", 79,  LARGE_DC),
    region("Chongqing",       "Chongqing",                                            Some("重庆"),                      SOUTHWEST_CHINA, "dc", 71,  DC),
];

/// The region with this id (case-sensitive, as the API).
pub fn find(id: &str) -> Option<&'static Region> {
    REGIONS.iter().find(|r| r.id == id)
}

impl Region {
    pub fn in_mainland(&self) -> bool {
        MAINLAND_AREAS.contains(&self.area)
    }

    pub fn is_edge(&self) -> bool {
        self.idc_type == "ec"
    }

    /// `SupportFeature.NetworkType` of the region as an origin.
    pub fn network_types(&self) -> &'static [&'static str] {
        if self.in_mainland() {
            &["normal", "cn2"]
        } else {
            &["normal"]
        }
    }

    /// The selectable bandwidths (Mbps), ascending.
    pub fn bandwidths(&self) -> &'static [i64] {
        self.offers.bandwidths
    }

    /// The selectable concurrencies (×10,000 connections), ascending.
    pub fn concurrents(&self) -> &'static [i64] {
        self.offers.concurrents
    }
}

/// Whether `access` is offered for `origin` with these options (`None`: the API's
/// defaults, IPv4 and any package).
pub fn offered(
    origin: &Region,
    access: &Region,
    ip_version: Option<&str>,
    package: Option<&str>,
) -> bool {
    if access.id == origin.id || (access.is_edge() && access.area != origin.area) {
        return false;
    }
    if ip_version == Some("IPv6") && access.feature_bitmap & IPV6 == 0 {
        return false;
    }
    match package {
        Some("Accelerator") => !access.is_edge(),
        Some("CrossBorder") => access.in_mainland(),
        _ => true,
    }
}

/// The access regions offered for `origin`, in catalogue order.
pub fn access_regions(
    origin: &Region,
    ip_version: Option<&str>,
    package: Option<&str>,
) -> Vec<&'static Region> {
    REGIONS
        .iter()
        .filter(|a| offered(origin, a, ip_version, package))
        .collect()
}

/// A `CheckProxyCreate` request, its regions already known to the catalogue.
#[derive(Debug, Clone, Copy)]
pub struct Check<'a> {
    pub access: &'a Region,
    pub origin: &'a Region,
    pub bandwidth: i64,
    pub concurrent: i64,
    pub ip_version: Option<&'a str>,
    pub network_type: Option<&'a str>,
    pub package: Option<&'a str>,
}

/// Whether the catalogue offers this connection: `CheckFlag` 1.
pub fn creatable(c: &Check<'_>) -> bool {
    let network = c.network_type.unwrap_or("normal");
    offered(c.origin, c.access, c.ip_version, c.package)
        && c.access.bandwidths().contains(&c.bandwidth)
        && c.access.concurrents().contains(&c.concurrent)
        && c.origin.network_types().contains(&network)
        && !(network == "cn2" && c.ip_version == Some("IPv6"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::language::Language;

    fn check<'a>(access: &'a str, origin: &'a str, bandwidth: i64, concurrent: i64) -> Check<'a> {
        Check {
            access: find(access).unwrap(),
            origin: find(origin).unwrap(),
            bandwidth,
            concurrent,
            ip_version: None,
            network_type: None,
            package: None,
        }
    }

    #[test]
    fn documented_examples_hold() {
        // The API reference's and tccli's CheckProxyCreate examples, with a bandwidth
        // and concurrency the published lists offer.
        assert!(creatable(&check("EastChina", "SouthChina", 10, 2)));
        assert!(creatable(&check("SouthChina", "EastChina", 10, 2)));
        // tccli's DescribeAccessRegionsByDestRegion example: Chongqing for Hongkong,
        // with exactly the published lists.
        for b in [10, 20, 50, 100, 200, 500, 1000] {
            for c in [2, 5, 10, 20, 30] {
                assert!(creatable(&check("Chongqing", "Hongkong", b, c)), "{b} {c}");
            }
        }
        assert!(!creatable(&check("Chongqing", "Hongkong", 10, 40)));
        assert!(creatable(&check("SouthChina", "EastChina", 1000, 50)));
        for b in [1, 2, 9, 11, 150, 1001, 2000, 10_000] {
            assert!(!creatable(&check("SouthChina", "EastChina", b, 2)), "{b}");
        }
        for c in [1, 3, 15, 101] {
            assert!(!creatable(&check("SouthChina", "EastChina", 10, c)), "{c}");
        }
        assert!(!creatable(&check("Japan", "Japan", 10, 2)));
        assert!(!creatable(&check("Japan", "Korea", 2000, 2)));
        // an edge node is offered only for origins in its area, and offers less
        assert!(creatable(&check("SL_VIET", "Japan", 200, 20)));
        assert!(!creatable(&check("SL_VIET", "Japan", 500, 2)));
        assert!(!creatable(&check("SL_VIET", "Japan", 10, 30)));
        assert!(!creatable(&check("SL_VIET", "Europe", 10, 2)));
        let mut c = check("SouthChina", "EastChina", 10, 2);
        c.network_type = Some("cn2");
        c.ip_version = Some("IPv6");
        assert!(!creatable(&c));
        c.ip_version = Some("IPv4");
        c.package = Some("CrossBorder");
        assert!(creatable(&c));
        let mut c = check("Japan", "Europe", 10, 2);
        c.network_type = Some("cn2");
        assert!(!creatable(&c), "cn2 only for mainland origins");
        c.network_type = None;
        c.ip_version = Some("IPv6");
        assert!(!creatable(&c), "IPv6 only where the bitmap has it");
        let mut c = check("Guangzhou", "Europe", 10, 2);
        c.ip_version = Some("IPv6");
        assert!(creatable(&c));
        c.access = find("Chongqing").unwrap();
        assert!(!creatable(&c), "71 has no IPv6 bit");
        c.ip_version = None;
        c.package = Some("CrossBorder");
        assert!(creatable(&c));
        c.access = find("Hongkong").unwrap();
        assert!(
            !creatable(&c),
            "CrossBorder only at mainland access regions"
        );
    }

    #[test]
    fn published_values_are_kept() {
        let north = find("NorthChina").unwrap();
        assert_eq!(
            (
                north.name.get(Language::Chinese),
                north.area,
                north.area_name.get(Language::Chinese),
                north.idc_type,
                north.feature_bitmap,
                north.network_types(),
            ),
            (
                "中国大陆-华北",
                "NorthChina",
                "中国大陆-华北",
                "dc",
                1,
                &["normal", "cn2"][..]
            )
        );
        let chongqing = find("Chongqing").unwrap();
        assert_eq!(
            (chongqing.area, chongqing.feature_bitmap, chongqing.offers),
            ("SouthwestChina", 71, DC)
        );
        assert_eq!(DC.bandwidths, [10, 20, 50, 100, 200, 500, 1000]);
        assert_eq!(DC.concurrents, [2, 5, 10, 20, 30]);
        assert_eq!(find("Hongkong").unwrap().feature_bitmap, 151);
        assert_eq!(find("Hongkong").unwrap().area, "Asia");
        assert_eq!(find("Guangzhou").unwrap().feature_bitmap & IPV6, IPV6);
        assert_eq!(find("Japan").unwrap().feature_bitmap & IPV6, 0);
    }

    #[test]
    fn ids_are_the_official_ones() {
        const OFFICIAL: [&str; 23] = [
            "NorthChina",
            "EastChina",
            "SouthChina",
            "SouthwestChina",
            "Hongkong",
            "SL_TAIWAN",
            "SoutheastAsia",
            "Korea",
            "SL_India",
            "SL_Australia",
            "Europe",
            "SL_UK",
            "SL_SouthAmerica",
            "NorthAmerica",
            "SL_MiddleUSA",
            "Canada",
            "SL_VIET",
            "WestIndia",
            "Thailand",
            "Virginia",
            "Russia",
            "Japan",
            "SL_Indonesia",
        ];
        let ids: Vec<&str> = REGIONS.iter().map(|r| r.id).collect();
        assert_eq!(ids[..23], OFFICIAL);
        assert_eq!(
            ids[23..],
            ["Beijing", "Shanghai", "Guangzhou", "Chengdu", "Chongqing"]
        );
        for r in REGIONS {
            let area = AREAS.iter().find(|a| a.id == r.area).unwrap();
            assert_eq!(area.name, r.area_name, "{}", r.id);
        }
    }

    #[test]
    fn lists_are_sorted_and_every_region_has_access_regions() {
        for r in REGIONS {
            for list in [r.bandwidths(), r.concurrents()] {
                assert!(list.windows(2).all(|w| w[0] < w[1]), "{}", r.id);
            }
            // within what the official provider documents: 10..=10000 Mbps, 2..=100
            assert!(r.bandwidths().iter().all(|b| (10..=10_000).contains(b)));
            assert!(r.concurrents().iter().all(|c| (2..=100).contains(c)));
            assert!(!access_regions(r, None, None).is_empty(), "{}", r.id);
            assert!(!access_regions(r, Some("IPv6"), Some("CrossBorder")).is_empty());
            assert!(!access_regions(r, None, Some("Accelerator")).is_empty());
        }
        // every edge node is offered for some origin
        for edge in REGIONS.iter().filter(|r| r.is_edge()) {
            assert!(
                REGIONS.iter().any(|o| offered(o, edge, None, None)),
                "{}",
                edge.id
            );
        }
    }
}
