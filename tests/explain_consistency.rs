//! The explanation and the emulator agree: for systematic requests the emulator's
//! `CheckProxyCreate` answers 0 for, the explanation built from its
//! `DescribeAccessRegionsByDestRegion` answers has a reason, and following every
//! suggestion (the other arguments unchanged) makes the emulator answer 1. Both sides
//! in their API shapes: JSON bodies in, JSON answers out, decoded by the client's
//! types.

use gaap_emulator::catalogue::REGIONS;
use gaap_emulator::{check_proxy_create, describe, Catalogue};
use serde_json::{json, Map, Value};
use tencentcloud_client::{CheckProxyCreateRequest, DescribeAccessRegionsByDestRegionResponse};
use terraform_provider_gaap::provider::catalogue::explain::explain;

fn body(v: Value) -> Map<String, Value> {
    match v {
        Value::Object(m) => m,
        _ => unreachable!(),
    }
}

fn check_flag(request: &CheckProxyCreateRequest) -> i64 {
    let answer = check_proxy_create::handle(
        &Catalogue::built_in(),
        &body(serde_json::to_value(request).unwrap()),
    )
    .unwrap_or_else(|e| panic!("{request:?}: {}", e.code));
    answer["CheckFlag"].as_i64().unwrap()
}

fn catalogue(
    origin: &str,
    ip: Option<&str>,
    package: Option<&str>,
) -> DescribeAccessRegionsByDestRegionResponse {
    let mut request = json!({ "DestRegion": origin });
    if let Some(ip) = ip {
        request["IPAddressVersion"] = json!(ip);
    }
    if let Some(p) = package {
        request["PackageType"] = json!(p);
    }
    // English names, as the provider asks (`X-TC-Language: en-US`).
    let answer =
        describe::access_regions(&Catalogue::built_in(), &body(request)).expect("known origin");
    serde_json::from_value(Value::Object(answer)).expect("the client's shape")
}

#[test]
fn following_every_suggestion_gives_check_flag_one() {
    let bandwidths = [1, 7, 10, 100, 150, 200, 250, 1000, 1500, 10_000];
    let concurrents = [1, 2, 3, 10, 15, 20, 25, 30, 50, 60, 100, 300];
    let options: [(Option<&str>, Option<&str>); 5] = [
        (None, None),
        (Some("IPv6"), None),
        (None, Some("Accelerator")),
        (None, Some("CrossBorder")),
        (Some("IPv6"), Some("CrossBorder")),
    ];
    let (mut zeros, mut suggestions_followed) = (0, 0);
    for origin in REGIONS {
        for (ip, package) in options {
            let offered = catalogue(origin.id, ip, package);
            let unfiltered = catalogue(origin.id, None, None);
            for access in REGIONS {
                for (i, bandwidth) in bandwidths.iter().enumerate() {
                    // every concurrency for some bandwidths, one for the others
                    let cs: Vec<u64> = if i % 3 == 0 {
                        concurrents.to_vec()
                    } else {
                        vec![concurrents[(i + access.id.len()) % concurrents.len()]]
                    };
                    for concurrent in cs {
                        let request = CheckProxyCreateRequest {
                            access_region: access.id.to_owned(),
                            real_server_region: origin.id.to_owned(),
                            bandwidth: *bandwidth,
                            concurrent,
                            group_id: None,
                            ip_address_version: ip.map(str::to_owned),
                            network_type: None,
                            package_type: package.map(str::to_owned),
                            http3_supported: None,
                        };
                        if check_flag(&request) == 1 {
                            continue;
                        }
                        zeros += 1;
                        let e = explain(
                            &request,
                            offered.access_region_set.as_deref(),
                            unfiltered.access_region_set.as_deref(),
                        );
                        assert!(!e.reasons.is_empty(), "{request:?}");
                        assert!(!e.suggestions.is_empty(), "{request:?}: {e:?}");
                        for s in &e.suggestions {
                            let followed = CheckProxyCreateRequest {
                                access_region: s.access_region.clone(),
                                bandwidth: s.bandwidth,
                                concurrent: s.concurrent,
                                ..request.clone()
                            };
                            assert_eq!(
                                check_flag(&followed),
                                1,
                                "{request:?} suggested {s:?}: {e:?}"
                            );
                            suggestions_followed += 1;
                        }
                    }
                }
            }
        }
    }
    assert!(
        zeros > 1000 && suggestions_followed > zeros,
        "{zeros} {suggestions_followed}"
    );
}
