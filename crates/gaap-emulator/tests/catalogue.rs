//! The catalogue over loopback HTTP: `DescribeDestRegions` and
//! `DescribeAccessRegionsByDestRegion` in the API's shapes, and `CheckProxyCreate`
//! following them. A separate test binary from `emulator.rs`, whose timing-sensitive
//! rate-limit test must not share the CPU with these calls.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use gaap_emulator::{Emulator, EmulatorConfig, RunningEmulator, DEMO_SECRET_ID, DEMO_SECRET_KEY};
use serde_json::{json, Value};
use tencentcloud_client::signer;

/// One signed GAAP call with the demo keys.
struct Call {
    action: String,
    body: String,
}

impl Call {
    fn check(body: &str) -> Self {
        Call {
            action: "CheckProxyCreate".into(),
            body: body.into(),
        }
    }

    async fn send(&self, url: &str) -> Value {
        let timestamp = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap()
            .as_secs() as i64;
        let host = url.trim_start_matches("http://");
        let req = signer::RequestToSign {
            method: "POST",
            query: "",
            headers: vec![
                signer::SignedHeader::new("content-type", "application/json"),
                signer::SignedHeader::new("host", host),
            ],
            payload: self.body.as_bytes(),
        };
        let date = signer::utc_date(timestamp);
        let scope = format!("{date}/gaap/tc3_request");
        let to_sign = format!(
            "TC3-HMAC-SHA256\n{timestamp}\n{scope}\n{}",
            signer::sha256_hex(req.canonical_request().as_bytes())
        );
        let keys = signer::signing_keys(DEMO_SECRET_KEY, &date, "gaap");
        let sig = signer::signature(keys.secret_signing.expose(), &to_sign);
        let auth = format!(
            "TC3-HMAC-SHA256 Credential={DEMO_SECRET_ID}/{scope}, SignedHeaders=content-type;host, Signature={sig}"
        );
        let client = reqwest::Client::builder()
            .no_proxy()
            .timeout(Duration::from_secs(10))
            .build()
            .unwrap();
        let r = client
            .post(format!("{url}/"))
            .header("Content-Type", "application/json")
            .header("X-TC-Action", &self.action)
            .header("X-TC-Version", "2018-05-29")
            .header("X-TC-Timestamp", timestamp.to_string())
            .header("Authorization", auth)
            .body(self.body.clone())
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200);
        r.json().await.unwrap()
    }
}

fn code(v: &Value) -> &str {
    v["Response"]["Error"]["Code"].as_str().unwrap_or("ok")
}

async fn start() -> RunningEmulator {
    Emulator::start(EmulatorConfig::default()).await.unwrap()
}

#[tokio::test]
async fn the_describe_actions_serve_the_catalogue_the_check_follows() {
    let emu = start().await;
    let call = |action: &str, body: &str| Call {
        action: action.into(),
        body: body.into(),
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

    let access = call(
        "DescribeAccessRegionsByDestRegion",
        r#"{"DestRegion":"EastChina"}"#,
    )
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

    let unknown = call(
        "DescribeAccessRegionsByDestRegion",
        r#"{"DestRegion":"Atlantis"}"#,
    )
    .send(&emu.url())
    .await;
    assert_eq!(code(&unknown), "InvalidParameterValue.UnknownDestRegion");
    let stats = emu.stats();
    assert_eq!(stats.count("DescribeDestRegions", "ok"), 1);
    assert_eq!(
        stats.count(
            "DescribeAccessRegionsByDestRegion",
            "InvalidParameterValue.UnknownDestRegion"
        ),
        1
    );
    emu.shutdown().await;
}
