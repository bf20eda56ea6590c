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
    assert_eq!(bandwidths, [10, 20, 50, 100, 200, 500, 1000]);
    assert!(south["ConcurrentList"]
        .as_array()
        .unwrap()
        .contains(&json!(2)));
    assert!(south["IDCType"] == "dc" && south["FeatureBitmap"].is_u64());
    // every offered value checks 1; a value between two offers, or below the
    // smallest, checks 0
    let url = emu.url();
    let flag = |b: i64| {
        let body = format!(
            r#"{{"AccessRegion":"SouthChina","RealServerRegion":"EastChina","Bandwidth":{b},"Concurrent":2}}"#
        );
        let url = url.clone();
        async move { Call::check(&body).send(&url).await["Response"]["CheckFlag"].clone() }
    };
    for b in bandwidths {
        assert_eq!(flag(b).await, 1, "{b}");
    }
    for b in [1, 150] {
        assert_eq!(flag(b).await, 0, "{b}");
    }

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

/// `X-TC-Language`: English names for `en-US`, Chinese ones (where published) for
/// `zh-CN` and for a request without the header; ids and everything else the same.
#[tokio::test]
async fn names_follow_x_tc_language() {
    let emu = start().await;
    let dest = |language: Option<&str>| Call {
        action: "DescribeDestRegions".into(),
        language: language.map(str::to_owned),
        ..Call::check("{}")
    };
    let region = |answer: &serde_json::Value, id: &str| {
        answer["Response"]["DestRegionSet"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["RegionId"] == id)
            .unwrap()
            .clone()
    };
    let english = dest(Some("en-US")).send(&emu.url()).await;
    let chinese = dest(Some("zh-CN")).send(&emu.url()).await;
    let default = dest(None).send(&emu.url()).await;
    let north = region(&english, "NorthChina");
    assert_eq!(
        (&north["RegionName"], &north["RegionAreaName"]),
        (&json!("North China"), &json!("NorthChina"))
    );
    let north = region(&chinese, "NorthChina");
    assert_eq!(
        (&north["RegionName"], &north["RegionAreaName"]),
        (&json!("中国大陆-华北"), &json!("中国大陆-华北"))
    );
    assert_eq!(region(&default, "NorthChina"), north, "no header: zh-CN");
    // no Chinese name published: English in both
    assert_eq!(region(&chinese, "SL_VIET")["RegionName"], "Vietnam");
    assert_eq!(region(&english, "Japan")["RegionName"], "Japan (Tokyo)");
    assert_eq!(region(&chinese, "Japan")["RegionName"], "日本东京");
    let without_names = |answer: &serde_json::Value| {
        let mut set = answer["Response"]["DestRegionSet"].clone();
        for r in set.as_array_mut().unwrap() {
            let r = r.as_object_mut().unwrap();
            r.remove("RegionName");
            r.remove("RegionAreaName");
        }
        set
    };
    assert_eq!(without_names(&english), without_names(&chinese));

    let access = Call {
        action: "DescribeAccessRegionsByDestRegion".into(),
        language: Some("zh-CN".into()),
        ..Call::check(r#"{"DestRegion":"Hongkong"}"#)
    }
    .send(&emu.url())
    .await;
    let chongqing = access["Response"]["AccessRegionSet"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["RegionId"] == "Chongqing")
        .unwrap()
        .clone();
    assert_eq!(chongqing["RegionName"], "重庆");
    assert_eq!(chongqing["RegionAreaName"], "中国大陆-西南");
    emu.shutdown().await;
}
