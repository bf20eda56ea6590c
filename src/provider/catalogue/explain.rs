//! Why a check answered 0, and what would answer 1: pure functions of the check's
//! request and the catalogue's answer (`DescribeAccessRegionsByDestRegion` for the
//! check's origin, IP version and package).
//!
//! `BandwidthList` and `ConcurrentList` are the values that can be chosen, so a value
//! between two offers is not offered. Each suggestion is an offer of the catalogue:
//! an offered access region with an offered bandwidth and concurrency, the nearest to
//! what was asked (the smallest offer at least as large, else the largest).

use tencentcloud_client::{AccessRegionDetail, CheckProxyCreateRequest, Features, RegionDetail};

/// A configuration the catalogue offers, close to the one checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    pub access_region: String,
    pub bandwidth: u64,
    pub concurrent: u64,
}

/// Reasons (one sentence each) and suggestions.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Explanation {
    pub reasons: Vec<String>,
    pub suggestions: Vec<Suggestion>,
}

/// At most this many suggestions.
pub const MAX_SUGGESTIONS: usize = 3;

/// The smallest offer at least `wanted`, else the largest; `None` when nothing is
/// offered.
pub fn nearest_offer(offers: &[i64], wanted: u64) -> Option<u64> {
    let mut sorted: Vec<u64> = offers
        .iter()
        .filter_map(|v| u64::try_from(*v).ok())
        .collect();
    sorted.sort_unstable();
    sorted
        .iter()
        .copied()
        .find(|v| *v >= wanted)
        .or(sorted.last().copied())
}

/// The offers just below and just above `wanted` (for "the nearest are ...").
fn neighbours(offers: &[i64], wanted: u64) -> (Option<u64>, Option<u64>) {
    let mut sorted: Vec<u64> = offers
        .iter()
        .filter_map(|v| u64::try_from(*v).ok())
        .collect();
    sorted.sort_unstable();
    let below = sorted.iter().copied().rev().find(|v| *v < wanted);
    let above = sorted.iter().copied().find(|v| *v > wanted);
    (below, above)
}

fn options(request: &CheckProxyCreateRequest) -> String {
    let mut parts = Vec::new();
    if let Some(ip) = &request.ip_address_version {
        parts.push(ip.clone());
    }
    if let Some(p) = &request.package_type {
        parts.push(format!("package {p}"));
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!(" with {}", parts.join(" and "))
    }
}

fn suggestion_for(
    region: &AccessRegionDetail,
    bandwidth: u64,
    concurrent: u64,
) -> Option<Suggestion> {
    Some(Suggestion {
        access_region: region.region_id.clone()?,
        bandwidth: nearest_offer(region.bandwidth_list.as_deref()?, bandwidth)?,
        concurrent: nearest_offer(region.concurrent_list.as_deref()?, concurrent)?,
    })
}

fn is_region(region: &AccessRegionDetail, id: &str) -> bool {
    region.region_id.as_deref() == Some(id)
}

/// Offered regions other than `skip`, those in `area` first, then in catalogue order.
fn nearby<'a>(
    offered: &'a [AccessRegionDetail],
    area: Option<&str>,
    skip: &str,
) -> Vec<&'a AccessRegionDetail> {
    let mut regions: Vec<&AccessRegionDetail> =
        offered.iter().filter(|r| !is_region(r, skip)).collect();
    regions.sort_by_key(|r| area.is_none() || r.region_area.as_deref() != area);
    regions
}

fn unit_list(values: &[u64], unit: &str) -> String {
    values
        .iter()
        .map(|v| format!("{v}{unit}"))
        .collect::<Vec<_>>()
        .join(" and ")
}

/// Whether `wanted` is among `offers`; `None` when the API did not answer the list.
fn is_offered(offers: Option<&[i64]>, wanted: u64) -> Option<bool> {
    offers.map(|list| list.iter().any(|v| u64::try_from(*v) == Ok(wanted)))
}

/// Why `request` answered 0, from `offered` (the catalogue for its origin with its IP
/// version and package) and, when those options were given, `unfiltered` (the
/// catalogue for its origin without them), and what would answer 1.
///
/// Each reason rests on fields the catalogue answered: a list or bitmap it answered
/// null gives no reason (nothing is claimed about it), and an entry without a
/// `RegionId` is never matched or suggested.
pub fn explain(
    request: &CheckProxyCreateRequest,
    offered: Option<&[AccessRegionDetail]>,
    unfiltered: Option<&[AccessRegionDetail]>,
) -> Explanation {
    let access = request.access_region.as_str();
    let origin = request.real_server_region.as_str();
    let opts = options(request);
    let (b, c) = (request.bandwidth, request.concurrent);
    let mut out = Explanation::default();

    let Some(offered) = offered else {
        out.reasons.push(format!(
            "GAAP's catalogue answered no list of access regions for origin {origin}{opts} \
             (AccessRegionSet was null), so the answer cannot be explained from it."
        ));
        return out;
    };
    let Some(region) = offered.iter().find(|r| is_region(r, access)) else {
        let elsewhere = unfiltered.and_then(|all| all.iter().find(|r| is_region(r, access)));
        let listed: Vec<&str> = offered
            .iter()
            .filter_map(|r| r.region_id.as_deref())
            .collect();
        let reason = match elsewhere {
            Some(r)
                if request.ip_address_version.as_deref() == Some("IPv6")
                    && r.feature_bitmap
                        .is_some_and(|bits| !Features::from_bitmap(Some(bits)).ipv6) =>
            {
                format!("The access region {access} does not support IPv6 (it is offered for origin {origin} with IPv4).")
            }
            Some(_) => {
                format!("The access region {access} is offered for origin {origin}, but not{opts}.")
            }
            None if offered.is_empty() => {
                format!("No access region is offered for origin {origin}{opts}.")
            }
            None if listed.is_empty() => {
                format!("The access region {access} is not among those listed for origin {origin}{opts}.")
            }
            None => format!(
                "The access region {access} is not offered for origin {origin}{opts}; offered: {}.",
                listed.join(", ")
            ),
        };
        out.reasons.push(reason);
        let area = elsewhere.and_then(|r| r.region_area.as_deref());
        out.suggestions = nearby(offered, area, access)
            .into_iter()
            .filter_map(|r| suggestion_for(r, b, c))
            .take(MAX_SUGGESTIONS)
            .collect();
        return out;
    };

    let bandwidths = region.bandwidth_list.as_deref();
    let concurrents = region.concurrent_list.as_deref();
    let bandwidth_ok = is_offered(bandwidths, b);
    let concurrent_ok = is_offered(concurrents, c);
    if let (Some(false), Some(list)) = (bandwidth_ok, bandwidths) {
        out.reasons.push(match neighbours(list, b) {
            (_, _) if list.is_empty() => {
                format!("The access region {access} offers no bandwidth for origin {origin}{opts}.")
            }
            (Some(max), None) => format!(
                "The bandwidth {b} Mbps is above the largest offered at {access} for origin {origin}{opts}: {max} Mbps."
            ),
            (below, above) => format!(
                "The bandwidth {b} Mbps is not an offered value at {access} for origin {origin}{opts}; the nearest are {}.",
                unit_list(&below.into_iter().chain(above).collect::<Vec<_>>(), " Mbps")
            ),
        });
    }
    if let (Some(false), Some(list)) = (concurrent_ok, concurrents) {
        out.reasons.push(match neighbours(list, c) {
            (_, _) if list.is_empty() => format!(
                "The access region {access} offers no concurrency for origin {origin}{opts}."
            ),
            (Some(max), None) => format!(
                "The concurrency {c} (×10,000 connections) is above the largest offered at {access} for origin {origin}{opts}: {max}."
            ),
            (below, above) => format!(
                "The concurrency {c} (×10,000 connections) is not offered at {access} for origin {origin}{opts}; the nearest are {}.",
                unit_list(&below.into_iter().chain(above).collect::<Vec<_>>(), "")
            ),
        });
    }
    match (bandwidth_ok, concurrent_ok) {
        (Some(true), Some(true)) => {
            let network = match &request.network_type {
                Some(n) => format!("the network type {n}"),
                None => "the network type".to_owned(),
            };
            out.reasons.push(format!(
                "The catalogue offers {access} for origin {origin}{opts} with {b} Mbps and concurrency {c}, so the cause is outside it: {network}, the connection group or an account quota."
            ));
            return out;
        }
        (Some(false), _) | (_, Some(false)) => {}
        // Nothing wrong among the fields answered, and a list not answered.
        (bandwidth_ok, concurrent_ok) => {
            let missing = match (bandwidth_ok, concurrent_ok) {
                (None, None) => "bandwidths (BandwidthList) and concurrencies (ConcurrentList)",
                (None, _) => "bandwidths (BandwidthList)",
                _ => "concurrencies (ConcurrentList)",
            };
            out.reasons.push(format!(
                "GAAP's catalogue lists {access} for origin {origin}{opts} but answered null \
                 for its {missing}, so whether {b} Mbps and concurrency {c} are offered there \
                 is not known."
            ));
            return out;
        }
    }
    out.suggestions.extend(suggestion_for(region, b, c));
    // When this region cannot give what was asked, the nearest regions that can.
    let short_of = |list: Option<&[i64]>, wanted: u64| {
        list.and_then(|l| nearest_offer(l, wanted))
            .is_none_or(|v| v < wanted)
    };
    if short_of(bandwidths, b) || short_of(concurrents, c) {
        let more = nearby(offered, region.region_area.as_deref(), access)
            .into_iter()
            .filter_map(|r| suggestion_for(r, b, c))
            .filter(|s| s.bandwidth >= b && s.concurrent >= c);
        out.suggestions.extend(more);
    }
    out.suggestions.truncate(MAX_SUGGESTIONS);
    out
}

/// Whether an explanation found nothing wrong in the access-region catalogue (its
/// one reason says the cause is outside it).
pub fn cause_outside(explanation: &Explanation) -> bool {
    explanation.suggestions.is_empty()
        && explanation.reasons.len() == 1
        && explanation.reasons[0].contains("so the cause is outside it")
}

/// When the origin does not offer `request`'s network type (`SupportFeature.NetworkType`
/// of `DescribeDestRegions`), the reason saying so. No reason when the origin, its
/// `SupportFeature` or its `NetworkType` is not in the answer.
pub fn network_type_reason(
    request: &CheckProxyCreateRequest,
    origins: Option<&[RegionDetail]>,
) -> Option<String> {
    let network = request.network_type.as_deref()?;
    let origin = origins?
        .iter()
        .find(|r| r.region_id.as_deref() == Some(request.real_server_region.as_str()))?;
    let offered = origin.support_feature.as_ref()?.network_type.as_ref()?;
    if offered.iter().any(|n| n == network) {
        return None;
    }
    let listed = if offered.is_empty() {
        "none is listed".to_owned()
    } else {
        format!("offered: {}", offered.join(", "))
    };
    Some(format!(
        "The network type {network} is not offered for origin {}; {listed}.",
        request.real_server_region,
    ))
}

/// A check request with no option set, for the tests.
#[cfg(test)]
fn check_request(access: &str, origin: &str, b: u64, c: u64) -> CheckProxyCreateRequest {
    CheckProxyCreateRequest {
        access_region: access.into(),
        real_server_region: origin.into(),
        bandwidth: b,
        concurrent: c,
        group_id: None,
        ip_address_version: None,
        network_type: None,
        package_type: None,
        http3_supported: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn region(
        id: &str,
        area: &str,
        bandwidths: &[i64],
        concurrents: &[i64],
        bitmap: u64,
    ) -> AccessRegionDetail {
        AccessRegionDetail {
            region_id: Some(id.into()),
            region_name: Some(id.into()),
            concurrent_list: Some(concurrents.to_vec()),
            bandwidth_list: Some(bandwidths.to_vec()),
            region_area: Some(area.into()),
            region_area_name: None,
            idc_type: Some("dc".into()),
            feature_bitmap: Some(bitmap),
        }
    }

    fn request(access: &str, b: u64, c: u64) -> CheckProxyCreateRequest {
        check_request(access, "EastChina", b, c)
    }

    fn s(r: &str, b: u64, c: u64) -> Suggestion {
        Suggestion {
            access_region: r.into(),
            bandwidth: b,
            concurrent: c,
        }
    }

    /// Two regions of one area (`SouthChina`), two of another (`Asia`), with lists in
    /// the style of the published ones.
    // One region a row: the table reads by columns.
    #[rustfmt::skip]
    fn catalogue() -> Vec<AccessRegionDetail> {
        vec![
            region("SouthChina", "SouthChina", &[10, 20, 50, 100, 500, 1000], &[2, 5, 10, 50], 0b1011),
            region("Guangzhou", "SouthChina", &[10, 20, 50, 100, 200], &[2, 5, 10, 20], 0b1001),
            region("Japan", "Asia", &[10, 20, 50, 100, 500], &[2, 5, 10, 50], 0b11),
            region("Korea", "Asia", &[10, 20, 50, 100, 2000], &[2, 5, 10, 50], 0b11),
        ]
    }

    #[test]
    fn nearest_offers() {
        let offers = [100, 1, 10];
        let cases = [
            (0, Some(1)),
            (1, Some(1)),
            (5, Some(10)),
            (10, Some(10)),
            (11, Some(100)),
            (101, Some(100)),
        ];
        for (wanted, want) in cases {
            assert_eq!(nearest_offer(&offers, wanted), want, "{wanted}");
        }
        assert_eq!(nearest_offer(&[], 5), None);
        assert_eq!(neighbours(&offers, 5), (Some(1), Some(10)));
        assert_eq!(neighbours(&offers, 500), (Some(100), None));
    }

    #[test]
    fn table() {
        let cat = catalogue();
        let cases: Vec<(CheckProxyCreateRequest, &str, Vec<Suggestion>)> = vec![
            (
                request("SouthChina", 2000, 2),
                "The bandwidth 2000 Mbps is above the largest offered at SouthChina for origin EastChina: 1000 Mbps.",
                vec![s("SouthChina", 1000, 2), s("Korea", 2000, 2)],
            ),
            (
                request("SouthChina", 200, 2),
                "The bandwidth 200 Mbps is not an offered value at SouthChina for origin EastChina; the nearest are 100 Mbps and 500 Mbps.",
                vec![s("SouthChina", 500, 2)],
            ),
            (
                request("SouthChina", 10, 3),
                "The concurrency 3 (×10,000 connections) is not offered at SouthChina for origin EastChina; the nearest are 2 and 5.",
                vec![s("SouthChina", 10, 5)],
            ),
            (
                request("Guangzhou", 10, 30),
                "The concurrency 30 (×10,000 connections) is above the largest offered at Guangzhou for origin EastChina: 20.",
                vec![s("Guangzhou", 10, 20), s("SouthChina", 10, 50), s("Japan", 10, 50)],
            ),
            (
                request("Europe", 10, 2),
                "The access region Europe is not offered for origin EastChina; offered: SouthChina, Guangzhou, Japan, Korea.",
                vec![s("SouthChina", 10, 2), s("Guangzhou", 10, 2), s("Japan", 10, 2)],
            ),
            (
                request("SouthChina", 10, 2),
                "The catalogue offers SouthChina for origin EastChina with 10 Mbps and concurrency 2, so the cause is outside it: the network type, the connection group or an account quota.",
                vec![],
            ),
        ];
        for (req, reason, suggestions) in cases {
            let e = explain(&req, Some(&cat), None);
            assert_eq!(
                e.reasons.first().map(String::as_str),
                Some(reason),
                "{req:?}"
            );
            assert_eq!(e.suggestions, suggestions, "{req:?}");
        }
        // both wrong: two reasons, one suggestion fixing both
        let e = explain(&request("Japan", 600, 60), Some(&cat), None);
        assert_eq!(e.reasons.len(), 2);
        assert_eq!(e.suggestions[0], s("Japan", 500, 50));
        assert!(e.suggestions.len() <= MAX_SUGGESTIONS);
    }

    #[test]
    fn options_name_what_is_not_offered() {
        let all = catalogue();
        let v6: Vec<AccessRegionDetail> = all
            .iter()
            .filter(|r| r.feature_bitmap.unwrap() & 8 != 0)
            .cloned()
            .collect();
        let mut req = request("Japan", 10, 2);
        req.ip_address_version = Some("IPv6".into());
        let e = explain(&req, Some(&v6), Some(&all));
        assert_eq!(
            e.reasons,
            ["The access region Japan does not support IPv6 (it is offered for origin EastChina with IPv4)."]
        );
        // same area first: none in Asia offer IPv6, so the mainland ones
        assert_eq!(
            e.suggestions,
            [s("SouthChina", 10, 2), s("Guangzhou", 10, 2)]
        );

        let mut req = request("Japan", 10, 2);
        req.package_type = Some("CrossBorder".into());
        let e = explain(&req, Some(&v6), Some(&all));
        assert_eq!(
            e.reasons,
            ["The access region Japan is offered for origin EastChina, but not with package CrossBorder."]
        );
        let e = explain(&req, Some(&[]), None);
        assert_eq!(
            e.reasons,
            ["No access region is offered for origin EastChina with package CrossBorder."]
        );
        assert!(e.suggestions.is_empty());
    }
}

#[cfg(test)]
mod missing_fields_tests {
    use super::*;

    fn request(access: &str, b: u64, c: u64) -> CheckProxyCreateRequest {
        check_request(access, "NorthChina", b, c)
    }

    fn listed(
        id: Option<&str>,
        bandwidths: Option<&[i64]>,
        concurrents: Option<&[i64]>,
    ) -> AccessRegionDetail {
        AccessRegionDetail {
            region_id: id.map(str::to_owned),
            bandwidth_list: bandwidths.map(<[i64]>::to_vec),
            concurrent_list: concurrents.map(<[i64]>::to_vec),
            ..AccessRegionDetail::default()
        }
    }

    /// A catalogue with fields answered null: reasons rest on what is there, nothing is
    /// claimed about the rest, and an entry without an id is never suggested.
    #[test]
    fn reasons_rest_on_the_fields_answered() {
        let tiers: &[i64] = &[10, 20, 50, 100];
        let cat = vec![
            listed(Some("Chongqing"), None, Some(&[2, 5])),
            listed(None, Some(tiers), Some(&[2, 5])),
            listed(Some("EastChina"), Some(tiers), Some(&[2, 5])),
            listed(Some("SouthChina"), Some(tiers), None),
        ];
        // Bandwidths unknown, concurrency fine: no reason invented, and it says so.
        let e = explain(&request("Chongqing", 30, 2), Some(&cat), None);
        assert_eq!(e.reasons.len(), 1);
        assert!(
            e.reasons[0].contains("answered null for its bandwidths"),
            "{e:?}"
        );
        assert!(!cause_outside(&e));
        // Concurrency known wrong: that reason only; suggestions from regions whose
        // lists are known and with an id.
        let e = explain(&request("Chongqing", 30, 3), Some(&cat), None);
        assert_eq!(
            e.reasons,
            ["The concurrency 3 (×10,000 connections) is not offered at Chongqing for origin NorthChina; the nearest are 2 and 5."]
        );
        assert_eq!(
            e.suggestions,
            [Suggestion {
                access_region: "EastChina".into(),
                bandwidth: 50,
                concurrent: 5
            }]
        );
        // Not offered: the listed ids, without the entry that has none.
        let e = explain(&request("Hongkong", 10, 2), Some(&cat), None);
        assert_eq!(
            e.reasons,
            ["The access region Hongkong is not offered for origin NorthChina; offered: Chongqing, EastChina, SouthChina."]
        );
        assert_eq!(
            e.suggestions.len(),
            1,
            "only EastChina has both lists: {e:?}"
        );
        // No list at all.
        let e = explain(&request("Hongkong", 10, 2), None, None);
        assert!(e.reasons[0].contains("AccessRegionSet was null"), "{e:?}");
        assert!(e.suggestions.is_empty());
        // A null bitmap does not say "no IPv6".
        let mut v6 = request("SouthChina", 10, 2);
        v6.ip_address_version = Some("IPv6".into());
        let e = explain(&v6, Some(&[]), Some(&cat));
        assert_eq!(
            e.reasons,
            ["The access region SouthChina is offered for origin NorthChina, but not with IPv6."]
        );
    }
}

#[cfg(test)]
mod network_tests {
    use super::*;
    use tencentcloud_client::gaap::describe_dest_regions::SupportFeature;

    #[test]
    fn network_types_come_from_the_origin() {
        let origins = vec![
            RegionDetail {
                region_id: Some("EastChina".into()),
                support_feature: Some(SupportFeature {
                    network_type: Some(vec!["normal".into(), "cn2".into()]),
                }),
                ..RegionDetail::default()
            },
            RegionDetail {
                region_id: Some("Japan".into()),
                support_feature: Some(SupportFeature {
                    network_type: Some(vec!["normal".into()]),
                }),
                ..RegionDetail::default()
            },
            RegionDetail {
                region_id: Some("Korea".into()),
                ..RegionDetail::default()
            },
            RegionDetail {
                region_id: Some("Beijing".into()),
                support_feature: Some(SupportFeature {
                    network_type: Some(vec![]),
                }),
                ..RegionDetail::default()
            },
            RegionDetail {
                region_id: Some("Guangzhou".into()),
                support_feature: Some(SupportFeature { network_type: None }),
                ..RegionDetail::default()
            },
        ];
        let request = |origin: &str, network: Option<&str>| CheckProxyCreateRequest {
            network_type: network.map(str::to_owned),
            ..check_request("SouthChina", origin, 10, 2)
        };
        let cases = [
            (
                "Japan",
                Some("cn2"),
                Some("The network type cn2 is not offered for origin Japan; offered: normal."),
            ),
            ("Japan", Some("normal"), None),
            ("Japan", None, None),
            ("EastChina", Some("cn2"), None),
            ("Korea", Some("cn2"), None),
            (
                "Beijing",
                Some("cn2"),
                Some("The network type cn2 is not offered for origin Beijing; none is listed."),
            ),
            ("Guangzhou", Some("cn2"), None),
            ("Atlantis", Some("cn2"), None),
        ];
        for (origin, network, want) in cases {
            assert_eq!(
                network_type_reason(&request(origin, network), Some(&origins)).as_deref(),
                want,
                "{origin} {network:?}"
            );
        }
        let outside = Explanation {
            reasons: vec!["The catalogue offers X ..., so the cause is outside it: y.".into()],
            suggestions: vec![],
        };
        assert!(cause_outside(&outside));
        assert!(!cause_outside(&Explanation::default()));
    }
}
