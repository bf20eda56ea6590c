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
//! Rules (deterministic, documented in the README):
//! - an access region is offered for every origin but itself, except that an edge
//!   node (`IDCType` `ec`) is offered only for origins in its own area;
//! - `IPAddressVersion` `IPv6`: only access regions whose `FeatureBitmap` has the IPv6
//!   bit (the Chinese mainland's);
//! - `PackageType` `Accelerator`: only data centers (`dc`); `CrossBorder`: only access
//!   regions in the Chinese mainland; `Thunder` (or none): every offered region;
//! - bandwidth (Mbps) and concurrency (×10,000 connections) must be one of the offered
//!   values (`BandwidthList`, `ConcurrentList` are the selectable values): data
//!   centers offer 1..=100 and 200..=1000 by 100 Mbps, 1..=10 and 20..=50 by 10;
//!   edge nodes 1..=100 and 200 Mbps, 1..=10 and 20;
//! - `NetworkType` must be one the origin supports (`SupportFeature.NetworkType`:
//!   `normal` everywhere, `cn2` for origins in the Chinese mainland), and `cn2` is
//!   offered with IPv4 only.

/// `FeatureBitmap` bits, from the right, as the API documents them.
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

/// One region of the catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Region {
    pub id: &'static str,
    pub name: &'static str,
    pub area: &'static str,
    pub area_name: &'static str,
    /// `dc` (data center) or `ec` (edge computing node).
    pub idc_type: &'static str,
    pub feature_bitmap: u64,
}

const MAINLAND: (&str, &str) = ("ChinaMainland", "Chinese mainland");
const ASIA: (&str, &str) = ("AsiaPacific", "Asia Pacific");
const EUROPE: (&str, &str) = ("Europe", "Europe");
const NORTH_AMERICA: (&str, &str) = ("NorthAmerica", "North America");
const SOUTH_AMERICA: (&str, &str) = ("SouthAmerica", "South America");

const fn region(
    id: &'static str,
    name: &'static str,
    area: (&'static str, &'static str),
    idc_type: &'static str,
    feature_bitmap: u64,
) -> Region {
    Region {
        id,
        name,
        area: area.0,
        area_name: area.1,
        idc_type,
        feature_bitmap,
    }
}

const MAINLAND_DC: u64 = LAYER4 | LAYER7 | HTTP3 | IPV6 | THREE_NETWORK;

/// Every region, in the order `DescribeDestRegions` lists them.
// One row per region: the table reads by columns, which rustfmt's wrapping would break.
#[rustfmt::skip]
pub const REGIONS: &[Region] = &[
    region("SouthChina",    "South China",      MAINLAND,      "dc", MAINLAND_DC | ACCESS_QOS),
    region("EastChina",     "East China",       MAINLAND,      "dc", MAINLAND_DC | ACCESS_QOS),
    region("NorthChina",    "North China",      MAINLAND,      "dc", MAINLAND_DC),
    region("Guangzhou",     "Guangzhou",        MAINLAND,      "dc", MAINLAND_DC),
    region("Shanghai",      "Shanghai",         MAINLAND,      "dc", MAINLAND_DC),
    region("Beijing",       "Beijing",          MAINLAND,      "dc", MAINLAND_DC),
    region("Chengdu",       "Chengdu",          MAINLAND,      "ec", LAYER4 | IPV6),
    region("HongKong",      "Hong Kong, China", ASIA,          "dc", LAYER4 | LAYER7 | HTTP3 | PREMIUM_BGP),
    region("Singapore",     "Singapore",        ASIA,          "dc", LAYER4 | LAYER7 | HTTP3),
    region("Tokyo",         "Tokyo",            ASIA,          "dc", LAYER4 | LAYER7 | HTTP3),
    region("Seoul",         "Seoul",            ASIA,          "dc", LAYER4 | LAYER7 | HTTP3),
    region("Bangkok",       "Bangkok",          ASIA,          "ec", LAYER4),
    region("Mumbai",        "Mumbai",           ASIA,          "dc", LAYER4 | LAYER7),
    region("Frankfurt",     "Frankfurt",        EUROPE,        "dc", LAYER4 | LAYER7 | HTTP3),
    region("SiliconValley", "Silicon Valley",   NORTH_AMERICA, "dc", LAYER4 | LAYER7 | HTTP3),
    region("Virginia",      "Virginia",         NORTH_AMERICA, "dc", LAYER4 | LAYER7 | HTTP3),
    region("Toronto",       "Toronto",          NORTH_AMERICA, "ec", LAYER4),
    region("SaoPaulo",      "Sao Paulo",        SOUTH_AMERICA, "ec", LAYER4),
    region("Moscow",        "Moscow",           EUROPE,        "dc", LAYER4 | LAYER7),
];

/// The region with this id (case-sensitive, as the API).
pub fn find(id: &str) -> Option<&'static Region> {
    REGIONS.iter().find(|r| r.id == id)
}

impl Region {
    pub fn in_mainland(&self) -> bool {
        self.area == MAINLAND.0
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
    pub fn bandwidths(&self) -> Vec<i64> {
        let top = if self.is_edge() { 200 } else { 1000 };
        (1..=100).chain((200..=top).step_by(100)).collect()
    }

    /// The selectable concurrencies (×10,000 connections), ascending.
    pub fn concurrents(&self) -> Vec<i64> {
        let top = if self.is_edge() { 20 } else { 50 };
        (1..=10).chain((20..=top).step_by(10)).collect()
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
        assert!(creatable(&check("SouthChina", "EastChina", 10, 2)));
        assert!(creatable(&check("SouthChina", "EastChina", 1000, 50)));
        for b in 1..=50 {
            assert!(creatable(&check("SouthChina", "EastChina", b, 2)), "{b}");
        }
        assert!(!creatable(&check("SouthChina", "EastChina", 2000, 2)));
        assert!(!creatable(&check("SouthChina", "EastChina", 1001, 2)));
        assert!(!creatable(&check("SouthChina", "EastChina", 150, 2)));
        assert!(!creatable(&check("SouthChina", "EastChina", 10, 51)));
        assert!(!creatable(&check("SouthChina", "EastChina", 10, 15)));
        assert!(!creatable(&check("Tokyo", "Tokyo", 10, 2)));
        assert!(!creatable(&check("Tokyo", "Seoul", 2000, 2)));
        // an edge node is offered only for origins in its area, and caps lower
        assert!(creatable(&check("Chengdu", "EastChina", 200, 20)));
        assert!(!creatable(&check("Chengdu", "EastChina", 300, 2)));
        assert!(!creatable(&check("Bangkok", "Frankfurt", 10, 2)));
        let mut c = check("SouthChina", "EastChina", 10, 2);
        c.network_type = Some("cn2");
        c.ip_version = Some("IPv6");
        assert!(!creatable(&c));
        c.ip_version = Some("IPv4");
        c.package = Some("CrossBorder");
        assert!(creatable(&c));
        let mut c = check("Tokyo", "Frankfurt", 10, 2);
        c.network_type = Some("cn2");
        assert!(!creatable(&c), "cn2 only for mainland origins");
        c.network_type = None;
        c.ip_version = Some("IPv6");
        assert!(!creatable(&c), "IPv6 only in the mainland");
    }

    #[test]
    fn lists_are_sorted_and_every_region_has_access_regions() {
        for r in REGIONS {
            let b = r.bandwidths();
            assert!(b.windows(2).all(|w| w[0] < w[1]));
            assert!(!access_regions(r, None, None).is_empty(), "{}", r.id);
            assert!(!access_regions(r, Some("IPv6"), Some("CrossBorder")).is_empty());
        }
    }
}
