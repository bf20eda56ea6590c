//! Recording a catalogue and replaying it: `gaap-emulator record` (the built binary)
//! against a running built-in emulator, then `gaap-emulator --catalogue FILE`
//! answering every recorded request and every sampled check as the built-in one did;
//! hand-written files full of nulls; bad files and missing credentials refused.
//! A separate test binary: the recordings are paced at 20 calls a second and must
//! not share the CPU with the timing-sensitive tests of `emulator.rs`.

// The signed call the emulator tests share; this binary needs only part of it.
#[allow(dead_code)]
#[path = "emulator/call.rs"]
mod call;

use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use call::{code, start, start_with, Call};
use gaap_emulator::{
    catalogue_file, EmulatorConfig, InjectedError, Knobs, RunningEmulator, DEMO_SECRET_ID,
    DEMO_SECRET_KEY,
};
use serde_json::{json, Value};

const DEST: &str = "DescribeDestRegions";
const ACCESS: &str = "DescribeAccessRegionsByDestRegion";
const CHECK: &str = "CheckProxyCreate";
/// A loopback port nothing listens on: any proxied call would fail.
const NOWHERE: &str = "http://127.0.0.1:9";

fn temp_dir() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("gaap-record-replay-{:016x}", fastrand::u64(..)));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// `gaap-emulator record --out out` with only `vars` in its environment, plus proxy
/// variables pointing nowhere and a home without tccli files; waited for off the
/// runtime the in-process emulators serve on.
async fn record(out: &Path, vars: &[(&str, &str)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_gaap-emulator"));
    command
        .args(["record", "--out"])
        .arg(out)
        .env_clear()
        .env("HOME", out.parent().unwrap())
        .envs(
            [
                "HTTPS_PROXY",
                "HTTP_PROXY",
                "ALL_PROXY",
                "https_proxy",
                "http_proxy",
            ]
            .map(|name| (name, NOWHERE)),
        )
        .envs(vars.iter().copied());
    tokio::task::spawn_blocking(move || command.output().unwrap())
        .await
        .unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A `gaap-emulator --catalogue FILE` process, killed on drop.
struct Replay {
    child: Child,
    url: String,
}

impl Drop for Replay {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn replay(path: &Path) -> Replay {
    let mut child = Command::new(env!("CARGO_BIN_EXE_gaap-emulator"))
        .arg("--catalogue")
        .arg(path)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let url = line
        .trim_end()
        .strip_prefix("gaap-emulator listening on ")
        .unwrap_or_else(|| panic!("no ready line: {line:?}"))
        .to_owned();
    Replay { child, url }
}

/// `gaap-emulator --catalogue path`, which must exit by itself: its status, stdout
/// and stderr.
async fn refused(path: &Path) -> (std::process::ExitStatus, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_gaap-emulator"))
        .arg("--catalogue")
        .arg(path)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("gaap-emulator served {}", path.display());
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let output = child.wait_with_output().unwrap();
    (
        output.status,
        String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr(&output),
    )
}

/// The `Response` of one signed call on `http` (one client per test: building one
/// per call is slow, and a client's connections belong to its test's runtime), and it
/// without its `RequestId`.
async fn answer(http: &reqwest::Client, url: &str, action: &str, body: &str) -> (Value, Value) {
    let call = Call {
        action: action.into(),
        ..Call::check(body)
    };
    let sent = call.request_with(http, url).send().await.unwrap();
    assert_eq!(sent.status(), 200);
    let response = sent.json::<Value>().await.unwrap()["Response"].clone();
    let mut without = response.clone();
    let request_id = without
        .as_object_mut()
        .unwrap()
        .shift_remove("RequestId")
        .unwrap();
    assert_eq!(request_id.as_str().map(str::len), Some(36), "{response}");
    (response, without)
}

/// `CheckFlag` as "0"/"1", or the error code.
async fn check(http: &reqwest::Client, url: &str, body: &str) -> String {
    let (response, _) = answer(http, url, CHECK, body).await;
    match response.get("CheckFlag") {
        Some(flag) => flag.to_string(),
        None => code(&json!({ "Response": response })).to_owned(),
    }
}

fn region_ids(set: &Value) -> Vec<String> {
    set.as_array()
        .unwrap()
        .iter()
        .map(|r| r["RegionId"].as_str().unwrap().to_owned())
        .collect()
}

/// The file without its `recorded_at` line.
fn timeless(text: &str) -> String {
    text.lines()
        .filter(|l| !l.trim_start().starts_with("\"recorded_at\""))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The request bodies a recording must hold: both QualityTypes, and every origin
/// with every option combination.
fn expected_requests(origins: &[String]) -> BTreeSet<(String, String)> {
    let mut requests = BTreeSet::from([
        (DEST.to_owned(), "{}".to_owned()),
        (DEST.to_owned(), r#"{"QualityType":1}"#.to_owned()),
    ]);
    for origin in origins {
        for ip in [None, Some("IPv6")] {
            for package in [
                None,
                Some("Thunder"),
                Some("Accelerator"),
                Some("CrossBorder"),
            ] {
                let mut body = serde_json::Map::new();
                body.insert("DestRegion".into(), json!(origin));
                if let Some(ip) = ip {
                    body.insert("IPAddressVersion".into(), json!(ip));
                }
                if let Some(package) = package {
                    body.insert("PackageType".into(), json!(package));
                }
                requests.insert((ACCESS.to_owned(), Value::Object(body).to_string()));
            }
        }
    }
    requests
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_recording_replays_every_answer_and_check_as_recorded() {
    let http = call::http();
    let built_in = start().await;
    let dir = temp_dir();
    // A temporary key with a token, from the emulator's STS: the recorder signs with
    // all three, and none of them may reach the file.
    let issued = Call::assume_role().send(&built_in.url()).await;
    let credentials = &issued["Response"]["Credentials"];
    let (id, key, token) = (
        credentials["TmpSecretId"].as_str().unwrap(),
        credentials["TmpSecretKey"].as_str().unwrap(),
        credentials["Token"].as_str().unwrap(),
    );
    let url = built_in.url();
    let vars = [
        ("TENCENTCLOUD_SECRET_ID", id),
        ("TENCENTCLOUD_SECRET_KEY", key),
        ("TENCENTCLOUD_SECURITY_TOKEN", token),
        ("TENCENTCLOUD_GAAP_ENDPOINT", url.as_str()),
        // The endpoint wins; this domain resolves nowhere.
        ("TENCENTCLOUD_DOMAIN", "gaap-record.invalid"),
    ];
    let (first, second) = (dir.join("first.json"), dir.join("second.json"));
    let started = time::OffsetDateTime::now_utc();
    let (a, b) = tokio::join!(record(&first, &vars), record(&second, &vars));
    for output in [&a, &b] {
        assert!(output.status.success(), "{}", stderr(output));
        assert!(stderr(output).contains("answers to"), "{}", stderr(output));
    }

    // Everything the recorders sent reached the emulator, and nothing else was asked.
    let (_, dest) = answer(&http, &url, DEST, "{}").await;
    let origins = region_ids(&dest["DestRegionSet"]);
    assert!(origins.len() >= 3, "{origins:?}");
    let stats = built_in.stats();
    assert_eq!(stats.count(DEST, "ok"), 2 * 2 + 1);
    assert_eq!(stats.total(DEST), 2 * 2 + 1);
    assert_eq!(stats.count(ACCESS, "ok"), 2 * 8 * origins.len() as u64);
    assert_eq!(stats.total(ACCESS), 2 * 8 * origins.len() as u64);
    let actions: Vec<&String> = stats.0.keys().collect();
    assert_eq!(actions, ["AssumeRole", ACCESS, DEST], "{stats:?}");

    // The file: no credential, the documented keys, the same twice but for the time.
    let text = std::fs::read_to_string(&first).unwrap();
    for secret in [id, key, token] {
        assert!(!text.contains(secret), "a credential is in the file");
    }
    assert_eq!(
        timeless(&text),
        timeless(&std::fs::read_to_string(&second).unwrap())
    );
    let file: Value = serde_json::from_str(&text).unwrap();
    let keys: Vec<&String> = file.as_object().unwrap().keys().collect();
    assert_eq!(
        keys,
        [
            "format_version",
            "endpoint",
            "recorded_at",
            "dest_regions",
            "access_regions"
        ]
    );
    assert_eq!(file["format_version"], 1);
    assert_eq!(file["endpoint"], url.as_str());
    let recorded_at = time::OffsetDateTime::parse(
        file["recorded_at"].as_str().unwrap(),
        &time::format_description::well_known::Rfc3339,
    )
    .unwrap();
    assert_eq!(recorded_at.offset(), time::UtcOffset::UTC);
    assert!(recorded_at >= started.replace_nanosecond(0).unwrap());
    assert!(recorded_at <= time::OffsetDateTime::now_utc());
    assert!(text.ends_with("}\n") && !text.contains("RequestId"));

    // Exactly the expected requests are recorded.
    let mut recorded = BTreeSet::new();
    let mut entries = Vec::new();
    for (list, action) in [("dest_regions", DEST), ("access_regions", ACCESS)] {
        for entry in file[list].as_array().unwrap() {
            let body = entry["request"].to_string();
            recorded.insert((action.to_owned(), body.clone()));
            entries.push((action, body, entry["response"].clone()));
        }
    }
    assert_eq!(recorded, expected_requests(&origins));

    // The replay answers every recorded request as the built-in emulator does, with
    // the recorded fields as recorded and a fresh RequestId each time.
    let replayed = replay(&first);
    for (action, body, response) in &entries {
        let (_, from_built_in) = answer(&http, &url, action, body).await;
        let (full, from_replay) = answer(&http, &replayed.url, action, body).await;
        assert_eq!(&from_replay, response, "{action} {body}");
        assert_eq!(from_built_in, from_replay, "{action} {body}");
        let (again, _) = answer(&http, &replayed.url, action, body).await;
        assert_ne!(full["RequestId"], again["RequestId"]);
    }
    // The API's defaults are the unset recordings.
    let origin = &origins[0];
    for (action, body) in [
        (DEST, r#"{"QualityType":0}"#.to_owned()),
        (
            ACCESS,
            format!(r#"{{"DestRegion":"{origin}","IPAddressVersion":"IPv4"}}"#),
        ),
        (ACCESS, r#"{"DestRegion":"Atlantis"}"#.to_owned()),
        (
            ACCESS,
            format!(r#"{{"DestRegion":"{origin}","PackageType":"Gold"}}"#),
        ),
    ] {
        let (_, from_built_in) = answer(&http, &url, action, &body).await;
        let (_, from_replay) = answer(&http, &replayed.url, action, &body).await;
        assert_eq!(from_built_in, from_replay, "{action} {body}");
    }

    // CheckProxyCreate agrees on a sample with ones, zeros and unknown regions.
    let mut ids = origins.clone();
    ids.push("Atlantis".into());
    let mut bodies = Vec::new();
    for origin in &ids {
        for access in &ids {
            bodies.push(format!(
                r#"{{"AccessRegion":"{access}","RealServerRegion":"{origin}","Bandwidth":10,"Concurrent":2}}"#
            ));
        }
    }
    let options = [
        "",
        r#","IPAddressVersion":"IPv6""#,
        r#","IPAddressVersion":"IPv4","PackageType":"CrossBorder""#,
        r#","PackageType":"Accelerator","NetworkType":"cn2""#,
        r#","IPAddressVersion":"IPv6","NetworkType":"cn2""#,
    ];
    for origin in ["NorthChina", "EastChina", "SouthChina"] {
        for access in &origins {
            for (bandwidth, concurrent) in [(1000, 50), (150, 2), (10, 15), (200, 20)] {
                for extra in options {
                    bodies.push(format!(
                        r#"{{"AccessRegion":"{access}","RealServerRegion":"{origin}","Bandwidth":{bandwidth},"Concurrent":{concurrent}{extra}}}"#
                    ));
                }
            }
        }
    }
    let mut outcomes: BTreeMap<String, usize> = BTreeMap::new();
    let (built_in_url, replay_url, http) = (url.as_str(), replayed.url.as_str(), &http);
    for chunk in bodies.chunks(16) {
        let answers = futures_util::future::join_all(chunk.iter().map(|body| async move {
            (
                check(http, built_in_url, body).await,
                check(http, replay_url, body).await,
                body,
            )
        }))
        .await;
        for (from_built_in, from_replay, body) in answers {
            assert_eq!(from_built_in, from_replay, "{body}");
            *outcomes.entry(from_replay).or_default() += 1;
        }
    }
    assert!(outcomes.get("1").is_some_and(|n| *n >= 50), "{outcomes:?}");
    assert!(outcomes.get("0").is_some_and(|n| *n >= 50), "{outcomes:?}");
    for unknown in [
        "InvalidParameterValue.UnknownAccessRegion",
        "InvalidParameterValue.UnknownDestRegion",
    ] {
        assert!(outcomes.contains_key(unknown), "{outcomes:?}");
    }
    assert_eq!(outcomes.len(), 4, "{outcomes:?}");

    drop(replayed);
    built_in.shutdown().await;
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Every nullable field null somewhere, an entry without a `RegionId`, a recorded
/// error, and gaps.
const NULLS: &str = r#"{
  "format_version": 1,
  "endpoint": "https://gaap.example.com",
  "recorded_at": "2025-01-02T03:04:05Z",
  "dest_regions": [
    {"request": {}, "response": {"TotalCount": null, "DestRegionSet": [
      null,
      {"RegionId": null, "RegionName": null, "RegionArea": null, "RegionAreaName": null,
       "IDCType": null, "FeatureBitmap": null, "SupportFeature": null},
      {"RegionId": "NorthChina", "RegionName": null, "RegionArea": null, "RegionAreaName": null,
       "IDCType": null, "FeatureBitmap": null, "SupportFeature": null},
      {"RegionId": "EastChina", "RegionName": "East China", "FeatureBitmap": 1,
       "SupportFeature": {"NetworkType": null}},
      {"RegionId": "SouthChina", "SupportFeature": {"NetworkType": ["normal", null, "cn2"]},
       "Novel": {"Field": [1, null]}}
    ]}}
  ],
  "access_regions": [
    {"request": {"DestRegion": "NorthChina"}, "response": {"TotalCount": 5, "AccessRegionSet": [
      null,
      {"RegionId": null, "RegionName": null, "ConcurrentList": [2], "BandwidthList": [10],
       "RegionArea": null, "RegionAreaName": null, "IDCType": null, "FeatureBitmap": null},
      {"RegionId": "EastChina", "RegionName": null, "ConcurrentList": null, "BandwidthList": [10],
       "RegionArea": null, "RegionAreaName": null, "IDCType": null, "FeatureBitmap": null},
      {"RegionId": "SouthChina", "RegionName": null, "ConcurrentList": [2, null], "BandwidthList": null,
       "RegionArea": null, "RegionAreaName": null, "IDCType": null, "FeatureBitmap": null},
      {"RegionId": "WestRecorded", "ConcurrentList": [2], "BandwidthList": [10, null]}
    ]}},
    {"request": {"DestRegion": "SouthChina"}, "response": {"TotalCount": 1, "AccessRegionSet": [
      {"RegionId": "NorthChina", "ConcurrentList": [2], "BandwidthList": [10], "FeatureBitmap": null}
    ]}},
    {"request": {"DestRegion": "SouthChina", "PackageType": "CrossBorder"},
     "response": {"Error": {"Code": "UnsupportedOperation", "Message": "Not offered from SouthChina."}}},
    {"request": {"DestRegion": "EastChina"}, "response": {"TotalCount": null, "AccessRegionSet": null}}
  ]
}"#;

#[tokio::test]
async fn a_catalogue_full_of_nulls_is_served_verbatim_and_checks_never_fail_on_it() {
    let http = call::http();
    let dir = temp_dir();
    let path = dir.join("nulls.json");
    std::fs::write(&path, NULLS).unwrap();
    let file = catalogue_file::load(&path).unwrap();
    let emu = start_with(EmulatorConfig {
        catalogue: Arc::new(file.catalogue),
        ..EmulatorConfig::default()
    })
    .await;
    let url = emu.url();
    let written: Value = serde_json::from_str(NULLS).unwrap();
    for (list, action) in [("dest_regions", DEST), ("access_regions", ACCESS)] {
        for entry in written[list].as_array().unwrap() {
            let body = entry["request"].to_string();
            let (_, served) = answer(&http, &url, action, &body).await;
            let recorded = &entry["response"];
            if recorded.get("Error").is_some() {
                assert_eq!(served["Error"]["Code"], recorded["Error"]["Code"]);
                assert_eq!(served["Error"]["Message"], recorded["Error"]["Message"]);
            } else {
                assert_eq!(&served, recorded, "{body}");
            }
        }
    }
    let gaps = [
        (DEST, r#"{"QualityType":1}"#, "FailedOperation"),
        (
            ACCESS,
            r#"{"DestRegion":"NorthChina","IPAddressVersion":"IPv6"}"#,
            "FailedOperation",
        ),
        (
            ACCESS,
            r#"{"DestRegion":"WestRecorded"}"#,
            "InvalidParameterValue.UnknownDestRegion",
        ),
        (
            ACCESS,
            r#"{"DestRegion":"Atlantis"}"#,
            "InvalidParameterValue.UnknownDestRegion",
        ),
    ];
    for (action, body, expected) in gaps {
        let (served, _) = answer(&http, &url, action, body).await;
        assert_eq!(code(&json!({ "Response": served })), expected, "{body}");
    }
    let (not_recorded, _) = answer(&http, &url, ACCESS, gaps[1].1).await;
    let message = not_recorded["Error"]["Message"].as_str().unwrap();
    assert!(
        message.contains("`NorthChina`")
            && message.contains("`IPv6`")
            && message.contains("gaap-emulator record"),
        "{message}"
    );

    let checks = [
        // origin NorthChina: SupportFeature null, so normal only
        ("WestRecorded", "NorthChina", "", "1"),
        ("WestRecorded", "NorthChina", r#","NetworkType":"cn2""#, "0"),
        ("EastChina", "NorthChina", "", "0"), // ConcurrentList null
        ("SouthChina", "NorthChina", "", "0"), // BandwidthList null
        ("NorthChina", "SouthChina", "", "1"),
        ("NorthChina", "SouthChina", r#","NetworkType":"cn2""#, "1"),
        (
            "NorthChina",
            "SouthChina",
            r#","NetworkType":"triple""#,
            "0",
        ),
        (
            "NorthChina",
            "SouthChina",
            r#","PackageType":"CrossBorder""#,
            "0",
        ),
        (
            "NorthChina",
            "SouthChina",
            r#","PackageType":"Thunder""#,
            "FailedOperation",
        ),
        ("NorthChina", "EastChina", "", "0"), // AccessRegionSet null
        ("NorthChina", "WestRecorded", "", "0"), // an access region only
        (
            "Atlantis",
            "NorthChina",
            "",
            "InvalidParameterValue.UnknownAccessRegion",
        ),
        (
            "NorthChina",
            "Atlantis",
            "",
            "InvalidParameterValue.UnknownDestRegion",
        ),
    ];
    for (access, origin, extra, expected) in checks {
        let body = format!(
            r#"{{"AccessRegion":"{access}","RealServerRegion":"{origin}","Bandwidth":10,"Concurrent":2{extra}}}"#
        );
        assert_eq!(check(&http, &url, &body).await, expected, "{body}");
    }
    emu.shutdown().await;
    std::fs::remove_dir_all(&dir).unwrap();
}

#[tokio::test]
async fn bad_catalogue_files_are_refused_at_start() {
    let dir = temp_dir();
    let cases = [
        (
            r#"{"format_version":7,"endpoint":"x","recorded_at":"2025-01-02T03:04:05Z","dest_regions":[],"access_regions":[]}"#,
            "format_version 7; this gaap-emulator reads format_version 1",
        ),
        (r#"{"format_version":1,"dest_regions":["#, "not valid JSON"),
        (
            r#"{"format_version":1,"endpoint":"x","recorded_at":"2025-01-02T03:04:05Z","dest_regions":[],"access_regions":{"NorthChina":{}}}"#,
            "access_regions: expected a list, got an object",
        ),
        (
            r#"{"format_version":1,"endpoint":"x","recorded_at":"2025-01-02T03:04:05Z","dest_regions":[],
               "access_regions":[{"request":{"DestRegion":"NorthChina"},"response":{"AccessRegionSet":[{"BandwidthList":"10"}]}}]}"#,
            "access_regions[0].response.AccessRegionSet[0].BandwidthList: expected a list or null, got a string",
        ),
    ];
    for (n, (text, expected)) in cases.iter().enumerate() {
        let path = dir.join(format!("bad-{n}.json"));
        std::fs::write(&path, text).unwrap();
        let (status, stdout, stderr) = refused(&path).await;
        assert!(!status.success(), "{text}");
        assert!(stdout.is_empty(), "{stdout}");
        assert!(stderr.contains(expected), "{expected:?} not in {stderr:?}");
        assert!(stderr.contains(&path.display().to_string()), "{stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
    let (status, _, stderr) = refused(&dir.join("missing.json")).await;
    assert!(
        !status.success() && stderr.contains("cannot read the catalogue file"),
        "{stderr}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_keys_or_with_a_failing_api_nothing_is_written() {
    let http = call::http();
    let emu = start().await;
    let url = emu.url();
    let dir = temp_dir();
    let out = dir.join("catalogue.json");
    // A tccli profile that would work: the recorder must not read it.
    let profiles = dir.join("tccli");
    std::fs::create_dir_all(&profiles).unwrap();
    std::fs::write(
        profiles.join("default.credential"),
        json!({ "secretId": DEMO_SECRET_ID, "secretKey": DEMO_SECRET_KEY }).to_string(),
    )
    .unwrap();
    let profile_dir = profiles.to_str().unwrap();
    let cases: [(&[(&str, &str)], &str); 3] = [
        (
            &[
                ("TENCENTCLOUD_SHARED_CREDENTIALS_DIR", profile_dir),
                ("TENCENTCLOUD_PROFILE", "default"),
            ],
            "TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY are not set",
        ),
        (
            &[("TENCENTCLOUD_SECRET_KEY", DEMO_SECRET_KEY)],
            "TENCENTCLOUD_SECRET_ID is not set",
        ),
        (
            &[("TENCENTCLOUD_SECRET_ID", DEMO_SECRET_ID)],
            "TENCENTCLOUD_SECRET_KEY is not set",
        ),
    ];
    for (vars, expected) in cases {
        let mut vars = vars.to_vec();
        vars.push(("TENCENTCLOUD_GAAP_ENDPOINT", url.as_str()));
        let output = record(&out, &vars).await;
        assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
        assert!(stderr(&output).contains(expected), "{}", stderr(&output));
        assert!(
            !stderr(&output).contains(DEMO_SECRET_KEY),
            "{}",
            stderr(&output)
        );
    }
    assert!(emu.stats().0.is_empty(), "{:?}", emu.stats());

    // An unknown key: the API's error, the key's permissions not the problem.
    let output = record(
        &out,
        &[
            (
                "TENCENTCLOUD_SECRET_ID",
                "AKIDunknownunknownunknownunknown0000",
            ),
            ("TENCENTCLOUD_SECRET_KEY", "topsecretkeytopsecretkey"),
            ("TENCENTCLOUD_GAAP_ENDPOINT", url.as_str()),
        ],
    )
    .await;
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(
        message.contains("AuthFailure.SecretIdNotFound") && !message.contains("topsecretkey"),
        "{message}"
    );
    // An API that keeps failing: retried, then given up.
    emu.set_knobs(Knobs {
        errors: vec![InjectedError {
            code: "InternalError".into(),
            message: None,
            count: None,
        }],
        ..Knobs::default()
    });
    let keys = [
        ("TENCENTCLOUD_SECRET_ID", DEMO_SECRET_ID),
        ("TENCENTCLOUD_SECRET_KEY", DEMO_SECRET_KEY),
        ("TENCENTCLOUD_GAAP_ENDPOINT", url.as_str()),
    ];
    let output = record(&out, &keys).await;
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("InternalError"),
        "{}",
        stderr(&output)
    );
    assert_eq!(emu.stats().count(DEST, "InternalError"), 2, "retried once");
    let names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["tccli"], "nothing written, no temporary file left");

    // An error that answers the request itself is recorded and replayed.
    emu.set_knobs(Knobs {
        errors: vec![InjectedError {
            code: "UnsupportedOperation".into(),
            message: Some("Not offered here.".into()),
            count: Some(1),
        }],
        only_action: Some(ACCESS.into()),
        ..Knobs::default()
    });
    let output = record(&out, &keys).await;
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("1 answered an error, recorded"),
        "{}",
        stderr(&output)
    );
    let file: Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    let errors: Vec<&Value> = file["access_regions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["response"].get("Error").is_some())
        .collect();
    assert_eq!(errors.len(), 1);
    assert_eq!(
        errors[0]["response"],
        json!({"Error": {"Code": "UnsupportedOperation", "Message": "Not offered here."}})
    );
    let replayed: RunningEmulator = start_with(EmulatorConfig {
        catalogue: Arc::new(catalogue_file::load(&out).unwrap().catalogue),
        ..EmulatorConfig::default()
    })
    .await;
    let (served, _) = answer(
        &http,
        &replayed.url(),
        ACCESS,
        &errors[0]["request"].to_string(),
    )
    .await;
    assert_eq!(served["Error"]["Code"], "UnsupportedOperation");
    replayed.shutdown().await;
    emu.shutdown().await;
    std::fs::remove_dir_all(&dir).unwrap();
}
