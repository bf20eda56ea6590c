//! The catalogue over loopback HTTP: `DescribeDestRegions` and
//! `DescribeAccessRegionsByDestRegion` in the API's shapes, and `CheckProxyCreate`
//! following them. A separate test binary from `emulator.rs`, whose timing-sensitive
//! rate-limit test must not share the CPU with these calls.

// The signed call the emulator tests share; this binary needs only part of it.
#[allow(dead_code)]
#[path = "emulator/call.rs"]
mod call;

use call::{code, start, Call};
use serde_json::json;

#[tokio::test]
async fn the_describe_actions_serve_the_catalogue_the_check_follows() {
    let emu = start().await;
    let call = |action: &str, body: &str| Call {
        action: action.into(),
        ..Call::check(body)
    };
    let dest = call("DescribeDestRegions", "{}").send(&emu.url()).await;
    let r = dest["Response"].as_object().unwrap();
    assert_eq!(
        r.keys().collect::<Vec<_>>(),
        ["TotalCount", "DestRegionSet", "RequestId"]
    );
    let set = r["DestRegionSet"].as_array().unwrap();
    assert_eq!(r["TotalCount"], set.len());
    let north = set.iter().find(|x| x["RegionId"] == "NorthChina").unwrap();
    for field in [
        "RegionName",
        "RegionArea",
        "RegionAreaName",
        "IDCType",
        "FeatureBitmap",
        "SupportFeature",
    ] {
        assert!(!north[field].is_null(), "{field}: {north}");
    }

    let by_dest = "DescribeAccessRegionsByDestRegion";
    let access = call(by_dest, r#"{"DestRegion":"EastChina"}"#)
        .send(&emu.url())
        .await;
    let offered = access["Response"]["AccessRegionSet"].as_array().unwrap();
    let south = offered
        .iter()
        .find(|x| x["RegionId"] == "SouthChina")
        .unwrap();
    let bandwidths: Vec<i64> = south["BandwidthList"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b.as_i64().unwrap())
        .collect();
    assert_eq!(bandwidths.last(), Some(&1000));
    assert!(south["ConcurrentList"]
        .as_array()
        .unwrap()
        .contains(&json!(2)));
    assert!(south["IDCType"] == "dc" && south["FeatureBitmap"].is_u64());
    // every offered value checks 1; a value between two offers checks 0
    for b in [1, 10, 100, 1000] {
        let body = format!(
            r#"{{"AccessRegion":"SouthChina","RealServerRegion":"EastChina","Bandwidth":{b},"Concurrent":2}}"#
        );
        assert_eq!(
            Call::check(&body).send(&emu.url()).await["Response"]["CheckFlag"],
            1
        );
    }
    let between = r#"{"AccessRegion":"SouthChina","RealServerRegion":"EastChina","Bandwidth":150,"Concurrent":2}"#;
    assert_eq!(
        Call::check(between).send(&emu.url()).await["Response"]["CheckFlag"],
        0
    );

    let unknown_dest = "InvalidParameterValue.UnknownDestRegion";
    let unknown = call(by_dest, r#"{"DestRegion":"Atlantis"}"#)
        .send(&emu.url())
        .await;
    assert_eq!(code(&unknown), unknown_dest);
    let stats = emu.stats();
    assert_eq!(stats.count("DescribeDestRegions", "ok"), 1);
    assert_eq!(stats.count(by_dest, unknown_dest), 1);
    emu.shutdown().await;
}
