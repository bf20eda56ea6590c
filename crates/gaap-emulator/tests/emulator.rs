//! Drives the emulator over loopback HTTP with raw reqwest and the TC3 signer: each
//! auth rejection, each knob, STS and metadata flows, stats counting.

use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use gaap_emulator::{
    Emulator, EmulatorConfig, EmulatorError, InjectedError, KeyPair, Knobs, RunningEmulator,
    DEMO_SECRET_ID, DEMO_SECRET_KEY,
};
use serde_json::{json, Value};
use tencentcloud_client::signer;

const GOOD: &str =
    r#"{"AccessRegion":"SouthChina","RealServerRegion":"EastChina","Bandwidth":10,"Concurrent":2}"#;

fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

fn http() -> reqwest::Client {
    reqwest::Client::builder()
        .no_proxy()
        .timeout(Duration::from_secs(10))
        .build()
        .unwrap()
}

/// One signed API request; every field can be bent by a test.
#[derive(Clone)]
struct Call {
    id: String,
    key: String,
    token: Option<String>,
    action: String,
    version: String,
    service: String,
    timestamp: i64,
    /// Overrides the scope date (else the timestamp's UTC date).
    scope_date: Option<String>,
    body: String,
    region: Option<String>,
}

impl Call {
    fn check(body: &str) -> Self {
        Call {
            id: DEMO_SECRET_ID.into(),
            key: DEMO_SECRET_KEY.into(),
            token: None,
            action: "CheckProxyCreate".into(),
            version: "2018-05-29".into(),
            service: "gaap".into(),
            timestamp: now(),
            scope_date: None,
            body: body.into(),
            region: None,
        }
    }

    fn assume_role() -> Self {
        Call {
            action: "AssumeRole".into(),
            version: "2018-08-13".into(),
            service: "sts".into(),
            ..Call::check(
                r#"{"RoleArn":"qcs::cam::uin/100000000001:roleName/gaap","RoleSessionName":"tf-test","DurationSeconds":900}"#,
            )
        }
    }

    fn with_temporary(mut self, creds: &Value) -> Self {
        self.id = creds["TmpSecretId"].as_str().unwrap().into();
        self.key = creds["TmpSecretKey"].as_str().unwrap().into();
        self.token = Some(creds["Token"].as_str().unwrap().into());
        self
    }

    fn request(&self, url: &str) -> reqwest::RequestBuilder {
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
        let canonical = req.canonical_request();
        let date = self
            .scope_date
            .clone()
            .unwrap_or_else(|| signer::utc_date(self.timestamp));
        let scope = format!("{date}/{}/tc3_request", self.service);
        let to_sign = format!(
            "TC3-HMAC-SHA256\n{}\n{scope}\n{}",
            self.timestamp,
            signer::sha256_hex(canonical.as_bytes())
        );
        let keys = signer::signing_keys(&self.key, &date, &self.service);
        let sig = signer::signature(keys.secret_signing.expose(), &to_sign);
        let auth = format!(
            "TC3-HMAC-SHA256 Credential={}/{scope}, SignedHeaders=content-type;host, Signature={sig}",
            self.id
        );
        let mut b = http()
            .post(format!("{url}/"))
            .header("Content-Type", "application/json")
            .header("X-TC-Action", &self.action)
            .header("X-TC-Version", &self.version)
            .header("X-TC-Timestamp", self.timestamp.to_string())
            .header("X-TC-Language", "en-US")
            .header("Authorization", auth)
            .body(self.body.clone());
        if let Some(t) = &self.token {
            b = b.header("X-TC-Token", t);
        }
        if let Some(r) = &self.region {
            b = b.header("X-TC-Region", r);
        }
        b
    }

    async fn send(&self, url: &str) -> Value {
        let r = self.request(url).send().await.unwrap();
        assert_eq!(r.status(), 200);
        r.json().await.unwrap()
    }
}

/// Sends `call` with one header replaced after signing.
async fn send_replacing(call: &Call, url: &str, name: &'static str, value: &str) -> Value {
    let mut req = call.request(url).build().unwrap();
    req.headers_mut()
        .insert(name, reqwest::header::HeaderValue::from_str(value).unwrap());
    http().execute(req).await.unwrap().json().await.unwrap()
}

fn code(v: &Value) -> &str {
    v["Response"]["Error"]["Code"].as_str().unwrap_or("ok")
}

async fn start() -> RunningEmulator {
    Emulator::start(EmulatorConfig::default()).await.unwrap()
}

async fn start_with(config: EmulatorConfig) -> RunningEmulator {
    Emulator::start(config).await.unwrap()
}

#[tokio::test]
async fn check_proxy_create_answers_the_real_shape() {
    let emu = start().await;
    let v = Call::check(GOOD).send(&emu.url()).await;
    let r = v["Response"].as_object().unwrap();
    assert_eq!(r.keys().collect::<Vec<_>>(), ["CheckFlag", "RequestId"]);
    assert_eq!(r["CheckFlag"], 1);
    assert!(uuid::Uuid::parse_str(r["RequestId"].as_str().unwrap()).is_ok());

    let zero = Call::check(
        r#"{"AccessRegion":"Tokyo","RealServerRegion":"Seoul","Bandwidth":"2000","Concurrent":"2"}"#,
    )
    .send(&emu.url())
    .await;
    assert_eq!(zero["Response"]["CheckFlag"], 0);

    let err = Call::check(
        r#"{"AccessRegion":"Mars","RealServerRegion":"EastChina","Bandwidth":10,"Concurrent":2}"#,
    )
    .send(&emu.url())
    .await;
    assert_eq!(code(&err), "InvalidParameterValue.UnknownAccessRegion");
    let r = err["Response"].as_object().unwrap();
    assert_eq!(r.keys().collect::<Vec<_>>(), ["Error", "RequestId"]);
    assert!(r["Error"]["Message"].as_str().unwrap().contains("Mars"));
    emu.shutdown().await;
}

#[tokio::test]
async fn every_auth_rejection_has_the_apis_code() {
    let emu = start_with(EmulatorConfig {
        keys: vec![
            KeyPair::new("AKIDtestOne", "keyOne"),
            KeyPair::new("AKIDtestTwo", "keyTwo"),
        ],
        ..EmulatorConfig::default()
    })
    .await;
    let url = emu.url();
    let base = Call {
        id: "AKIDtestTwo".into(),
        key: "keyTwo".into(),
        ..Call::check(GOOD)
    };
    assert_eq!(code(&base.send(&url).await), "ok");

    let cases: Vec<(&str, Call)> = vec![
        (
            "AuthFailure.SecretIdNotFound",
            Call {
                id: "AKIDnobody".into(),
                ..base.clone()
            },
        ),
        (
            "AuthFailure.SecretIdNotFound",
            Call {
                id: " AKIDtestTwo".into(),
                ..base.clone()
            },
        ),
        (
            "AuthFailure.SignatureFailure",
            Call {
                key: "keyOne".into(),
                ..base.clone()
            },
        ),
        (
            "AuthFailure.SignatureExpire",
            Call {
                timestamp: now() - 301,
                ..base.clone()
            },
        ),
        (
            "AuthFailure.SignatureExpire",
            Call {
                timestamp: now() + 400,
                ..base.clone()
            },
        ),
        (
            "AuthFailure.SignatureFailure",
            Call {
                scope_date: Some("2001-01-01".into()),
                ..base.clone()
            },
        ),
        (
            "AuthFailure.SignatureFailure",
            Call {
                service: "cvm".into(),
                ..base.clone()
            },
        ),
        (
            "AuthFailure.SignatureFailure",
            Call {
                service: "sts".into(),
                ..base.clone()
            },
        ),
    ];
    for (want, call) in cases {
        assert_eq!(code(&call.send(&url).await), want, "{}", call.id);
    }

    // A body changed after signing.
    let tampered = base
        .request(&url)
        .body(GOOD.replace("10", "11"))
        .send()
        .await
        .unwrap();
    assert_eq!(
        code(&tampered.json().await.unwrap()),
        "AuthFailure.SignatureFailure"
    );
    // Content-Type changed after signing (the charset trouble).
    let charset = send_replacing(
        &base,
        &url,
        "content-type",
        "application/json; charset=utf-8",
    )
    .await;
    assert_eq!(code(&charset), "AuthFailure.SignatureFailure");

    for auth in [
        "",
        "Basic dXNlcg==",
        "TC3-HMAC-SHA256 Credential=AKIDtestTwo/2024-01-01/gaap/tc3_request, SignedHeaders=host, Signature=0000000000000000000000000000000000000000000000000000000000000000",
    ] {
        let r = send_replacing(&base, &url, "authorization", auth).await;
        assert_eq!(code(&r), "AuthFailure.InvalidAuthorization", "{auth}");
    }
    let no_auth = http()
        .post(format!("{url}/"))
        .header("X-TC-Action", "CheckProxyCreate")
        .header("Content-Type", "application/json")
        .body(GOOD)
        .send()
        .await
        .unwrap();
    assert_eq!(
        code(&no_auth.json().await.unwrap()),
        "AuthFailure.InvalidAuthorization"
    );
    emu.shutdown().await;
}

#[tokio::test]
async fn action_version_region_and_parameter_errors() {
    let emu = start().await;
    let url = emu.url();
    let with_body = |b: &str| Call::check(b);
    let cases: Vec<(&str, Call)> = vec![
        (
            "InvalidAction",
            Call {
                action: "DescribeProxies".into(),
                ..Call::check(GOOD)
            },
        ),
        (
            "NoSuchVersion",
            Call {
                version: "2017-01-01".into(),
                ..Call::check(GOOD)
            },
        ),
        (
            "UnsupportedRegion",
            Call {
                region: Some(String::new()),
                ..Call::check(GOOD)
            },
        ),
        (
            "ok",
            Call {
                region: Some("ap-guangzhou".into()),
                ..Call::check(GOOD)
            },
        ),
        (
            "UnknownParameter",
            with_body(
                r#"{"AccessRegion":"SouthChina","RealServerRegion":"EastChina","Bandwidth":10,"Concurrent":2,"Foo":1}"#,
            ),
        ),
        (
            "MissingParameter",
            with_body(r#"{"AccessRegion":"SouthChina","Bandwidth":10,"Concurrent":2}"#),
        ),
        (
            "InvalidParameter",
            with_body(r#"{"AccessRegion":"SouthChina""#),
        ),
        ("InvalidParameter", with_body("")),
        (
            "InvalidParameterValue.InvalidBandwidth",
            with_body(
                r#"{"AccessRegion":"SouthChina","RealServerRegion":"EastChina","Bandwidth":0,"Concurrent":2}"#,
            ),
        ),
        (
            "InvalidParameterValue.InvalidConcurrency",
            with_body(
                r#"{"AccessRegion":"SouthChina","RealServerRegion":"EastChina","Bandwidth":1,"Concurrent":"101"}"#,
            ),
        ),
        (
            "InvalidParameterValue.UnknownDestRegion",
            with_body(
                r#"{"AccessRegion":"SouthChina","RealServerRegion":"Atlantis","Bandwidth":1,"Concurrent":1}"#,
            ),
        ),
        (
            "InvalidParameterValue",
            with_body(
                r#"{"AccessRegion":"SouthChina","RealServerRegion":"EastChina","Bandwidth":1,"Concurrent":1,"NetworkType":"fast"}"#,
            ),
        ),
    ];
    for (want, call) in cases {
        assert_eq!(code(&call.send(&url).await), want, "{}", call.body);
    }
    let big = Call::check(&format!(r#"{{"x":"{}"}}"#, "a".repeat(2 * 1024 * 1024)));
    assert_eq!(code(&big.send(&url).await), "RequestSizeLimitExceeded");
    let get = http().get(format!("{url}/")).send().await.unwrap();
    assert_eq!(get.status(), 200);
    assert_eq!(code(&get.json().await.unwrap()), "UnsupportedOperation");
    let nowhere = http().get(format!("{url}/elsewhere")).send().await.unwrap();
    assert_eq!(nowhere.status(), 404);
    emu.shutdown().await;
}

#[tokio::test]
async fn assume_role_credentials_are_accepted_with_their_token() {
    let emu = start().await;
    let url = emu.url();
    let v = Call::assume_role().send(&url).await;
    let r = &v["Response"];
    assert_eq!(code(&v), "ok");
    let expired = r["ExpiredTime"].as_i64().unwrap();
    assert!((expired - now() - 900).abs() <= 2, "{expired}");
    assert!(r["Expiration"].as_str().unwrap().ends_with('Z'));
    let creds = &r["Credentials"];

    let with_token = Call::check(GOOD).with_temporary(creds);
    assert_eq!(with_token.send(&url).await["Response"]["CheckFlag"], 1);
    let no_token = Call {
        token: None,
        ..with_token.clone()
    };
    assert_eq!(code(&no_token.send(&url).await), "AuthFailure.TokenFailure");
    let wrong_token = Call {
        token: Some("x".into()),
        ..with_token.clone()
    };
    assert_eq!(
        code(&wrong_token.send(&url).await),
        "AuthFailure.TokenFailure"
    );

    // STS signed for the wrong service, and STS's own parameter rules.
    let wrong_service = Call {
        service: "gaap".into(),
        ..Call::assume_role()
    };
    assert_eq!(
        code(&wrong_service.send(&url).await),
        "AuthFailure.SignatureFailure"
    );
    let bad_name = Call {
        body: r#"{"RoleArn":"qcs::cam::uin/1:roleName/r","RoleSessionName":"x"}"#.into(),
        ..Call::assume_role()
    };
    assert_eq!(code(&bad_name.send(&url).await), "InvalidParameterValue");

    let s = emu.stats();
    assert_eq!(s.count("AssumeRole", "ok"), 1);
    assert_eq!(s.count("AssumeRole", "AuthFailure.SignatureFailure"), 1);
    assert_eq!(s.count("CheckProxyCreate", "AuthFailure.TokenFailure"), 2);
    emu.shutdown().await;
}

#[tokio::test]
async fn metadata_role_and_credentials() {
    let none = start().await;
    let r = http()
        .get(format!(
            "{}/latest/meta-data/cam/security-credentials/",
            none.url()
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
    none.shutdown().await;

    let emu = start_with(EmulatorConfig {
        cam_role: Some("gaap-reader".into()),
        metadata_ttl_secs: 600,
        ..EmulatorConfig::default()
    })
    .await;
    let base = format!("{}/latest/meta-data/cam/security-credentials/", emu.url());
    let name = http().get(&base).send().await.unwrap();
    assert_eq!(name.status(), 200);
    assert_eq!(name.text().await.unwrap(), "gaap-reader");
    let other = http()
        .get(format!("{base}someone-else"))
        .send()
        .await
        .unwrap();
    assert_eq!(other.status(), 404);
    let creds: Value = http()
        .get(format!("{base}gaap-reader"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(creds["Code"], "Success");
    assert!((creds["ExpiredTime"].as_i64().unwrap() - now() - 600).abs() <= 2);
    assert!(creds["Expiration"].is_string());
    let call = Call::check(GOOD).with_temporary(&creds);
    assert_eq!(call.send(&emu.url()).await["Response"]["CheckFlag"], 1);
    let s = emu.stats();
    assert_eq!(s.count("metadata", "ok"), 2);
    assert_eq!(s.count("metadata", "not_found"), 1);
    emu.shutdown().await;
}

#[tokio::test]
async fn latency_knob_delays_answers() {
    let emu = start_with(EmulatorConfig {
        knobs: Knobs {
            latency_ms: 300,
            ..Knobs::default()
        },
        ..EmulatorConfig::default()
    })
    .await;
    let t = Instant::now();
    assert_eq!(code(&Call::check(GOOD).send(&emu.url()).await), "ok");
    assert!(
        t.elapsed() >= Duration::from_millis(300),
        "{:?}",
        t.elapsed()
    );
    emu.set_knobs(Knobs::default());
    let t = Instant::now();
    Call::check(GOOD).send(&emu.url()).await;
    assert!(t.elapsed() < Duration::from_millis(300));
    emu.shutdown().await;
}

/// Sends `n` checks at once; their answer codes and how long the batch took.
async fn burst(emu: &RunningEmulator, n: usize) -> (Vec<String>, Duration) {
    let url = emu.url();
    let started = Instant::now();
    let calls: Vec<_> = (0..n)
        .map(|_| {
            let url = url.clone();
            tokio::spawn(async move { code(&Call::check(GOOD).send(&url).await).to_owned() })
        })
        .collect();
    let mut codes = Vec::new();
    for call in calls {
        codes.push(call.await.expect("call task"));
    }
    (codes, started.elapsed())
}

/// The limit is a bucket of `rate_limit` calls refilled at `rate_limit` per second.
/// The bounds hold however slow the machine is: a burst taking `t` seconds gets at
/// most `limit + limit * t` answers, and the rest are throttled.
#[tokio::test]
async fn rate_limit_answers_request_limit_exceeded_per_second() {
    let emu = start().await;
    emu.set_knobs(Knobs {
        rate_limit: 2,
        ..Knobs::default()
    });
    let (codes, took) = burst(&emu, 12).await;
    let ok = codes.iter().filter(|c| *c == "ok").count();
    let limited = codes
        .iter()
        .filter(|c| *c == "RequestLimitExceeded")
        .count();
    assert_eq!(ok + limited, 12, "{codes:?}");
    let most = 2 + (2.0 * took.as_secs_f64()).floor() as usize;
    assert!(
        ok >= 2 && ok <= most,
        "{ok} answered in {took:?}: {codes:?}"
    );
    // Twelve loopback calls never take the 5 s that refilling ten tokens would.
    assert!(limited >= 1, "{codes:?} in {took:?}");

    // The bucket refills: after a pause a call is answered again.
    tokio::time::sleep(Duration::from_millis(1100)).await;
    assert_eq!(code(&Call::check(GOOD).send(&emu.url()).await), "ok");
    let s = emu.stats();
    assert_eq!(s.count("CheckProxyCreate", "ok"), ok as u64 + 1);
    assert_eq!(
        s.count("CheckProxyCreate", "RequestLimitExceeded"),
        limited as u64
    );

    // The throttling code is a knob too.
    emu.set_knobs(Knobs {
        rate_limit: 1,
        rate_limit_code: Some("RequestLimitExceeded.UinLimitExceeded".into()),
        ..Knobs::default()
    });
    tokio::time::sleep(Duration::from_millis(1100)).await;
    let (codes, took) = burst(&emu, 6).await;
    assert!(
        codes
            .iter()
            .any(|c| c == "RequestLimitExceeded.UinLimitExceeded"),
        "{codes:?} in {took:?}"
    );
    assert!(
        codes
            .iter()
            .all(|c| c == "ok" || c == "RequestLimitExceeded.UinLimitExceeded"),
        "{codes:?}"
    );
    emu.shutdown().await;
}

#[tokio::test]
async fn injected_error_queue_then_always() {
    let emu = start().await;
    emu.set_knobs(Knobs {
        errors: vec![
            InjectedError {
                code: "InternalError".into(),
                message: Some("boom".into()),
                count: Some(2),
            },
            InjectedError {
                code: "ResourceUnavailable.AccountViolation".into(),
                message: None,
                count: Some(1),
            },
        ],
        ..Knobs::default()
    });
    let url = emu.url();
    let first = Call::check(GOOD).send(&url).await;
    assert_eq!(code(&first), "InternalError");
    assert_eq!(first["Response"]["Error"]["Message"], "boom");
    assert_eq!(code(&Call::check(GOOD).send(&url).await), "InternalError");
    assert_eq!(
        code(&Call::check(GOOD).send(&url).await),
        "ResourceUnavailable.AccountViolation"
    );
    assert_eq!(code(&Call::check(GOOD).send(&url).await), "ok");
    assert!(emu.knobs().errors.is_empty());

    emu.set_knobs(Knobs {
        errors: vec![InjectedError {
            code: "FailedOperation".into(),
            message: None,
            count: None,
        }],
        ..Knobs::default()
    });
    for _ in 0..3 {
        assert_eq!(code(&Call::check(GOOD).send(&url).await), "FailedOperation");
    }
    emu.shutdown().await;
}

#[tokio::test]
async fn http_5xx_reset_and_invalid_json_knobs() {
    let emu = start().await;
    let url = emu.url();
    emu.set_knobs(Knobs {
        http_5xx: 1,
        http_5xx_status: 502,
        reset: 1,
        invalid_json: 1,
        ..Knobs::default()
    });
    // Transport faults are taken in the order hang, reset, 5xx, invalid JSON.
    let reset = Call::check(GOOD).request(&url).send().await;
    assert!(reset.is_err(), "{reset:?}");
    let r = Call::check(GOOD).request(&url).send().await.unwrap();
    assert_eq!(r.status(), 502);
    let r = Call::check(GOOD).request(&url).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let text = r.text().await.unwrap();
    assert!(serde_json::from_str::<Value>(&text).is_err(), "{text}");
    assert_eq!(code(&Call::check(GOOD).send(&url).await), "ok");
    let s = emu.stats();
    for outcome in ["reset", "http_5xx", "invalid_json", "ok"] {
        assert_eq!(s.count("CheckProxyCreate", outcome), 1, "{outcome}");
    }
    emu.shutdown().await;
}

#[tokio::test]
async fn hang_knob_never_answers_until_shutdown() {
    let emu = start().await;
    let url = emu.url();
    emu.set_knobs(Knobs {
        hang: 1,
        ..Knobs::default()
    });
    let hung = Call::check(GOOD)
        .request(&url)
        .timeout(Duration::from_millis(300))
        .send()
        .await;
    assert!(hung.unwrap_err().is_timeout());
    assert_eq!(code(&Call::check(GOOD).send(&url).await), "ok");

    // A hanging request is ended by shutdown.
    emu.set_knobs(Knobs {
        hang: 1,
        ..Knobs::default()
    });
    let pending = tokio::spawn(Call::check(GOOD).request(&url).send());
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert_eq!(emu.stats().count("CheckProxyCreate", "hang"), 2);
    let t = Instant::now();
    emu.shutdown().await;
    let ended = tokio::time::timeout(Duration::from_secs(5), pending)
        .await
        .unwrap()
        .unwrap();
    assert!(ended.is_err());
    assert!(t.elapsed() < Duration::from_secs(3));
}

#[tokio::test]
async fn only_action_scopes_faults() {
    let emu = start().await;
    let url = emu.url();
    emu.set_knobs(Knobs {
        reset: 1,
        errors: vec![InjectedError {
            code: "InternalError".into(),
            message: None,
            count: Some(1),
        }],
        only_action: Some("CheckProxyCreate".into()),
        ..Knobs::default()
    });
    let creds = Call::assume_role().send(&url).await;
    assert_eq!(code(&creds), "ok");
    assert!(Call::check(GOOD).request(&url).send().await.is_err());
    assert_eq!(code(&Call::check(GOOD).send(&url).await), "InternalError");
    assert_eq!(code(&Call::check(GOOD).send(&url).await), "ok");
    emu.shutdown().await;
}

#[tokio::test]
async fn control_endpoints_knobs_stats_reset() {
    let emu = start_with(EmulatorConfig {
        knobs: Knobs {
            latency_ms: 1,
            ..Knobs::default()
        },
        ..EmulatorConfig::default()
    })
    .await;
    let url = emu.url();
    let c = http();
    let posted = c
        .post(format!("{url}/_emulator/knobs"))
        .body(r#"{"errors":[{"code":"InternalError","count":1}],"rate_limit":50}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(posted.status(), 200);
    assert_eq!(emu.knobs().rate_limit, 50);
    let bad = c
        .post(format!("{url}/_emulator/knobs"))
        .body(r#"{"latency":5}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), 400);
    assert!(bad.text().await.unwrap().contains("latency"));

    assert_eq!(code(&Call::check(GOOD).send(&url).await), "InternalError");
    Call::check(GOOD).send(&url).await;
    Call::check(GOOD).send(&url).await;
    let knobs: Value = c
        .get(format!("{url}/_emulator/knobs"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(knobs["errors"], json!([]));
    let stats: Value = c
        .get(format!("{url}/_emulator/stats"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        stats,
        json!({"CheckProxyCreate": {"InternalError": 1, "ok": 2}})
    );

    let reset = c
        .post(format!("{url}/_emulator/reset"))
        .send()
        .await
        .unwrap();
    assert_eq!(reset.status(), 200);
    assert_eq!(emu.stats().total("CheckProxyCreate"), 0);
    assert_eq!(
        emu.knobs(),
        Knobs {
            latency_ms: 1,
            ..Knobs::default()
        }
    );
    emu.shutdown().await;
}

#[tokio::test]
async fn refuses_non_loopback_addresses() {
    for addr in ["0.0.0.0:0", "192.0.2.1:0", "[::]:0"] {
        let err = Emulator::start(EmulatorConfig {
            addr: addr.parse().unwrap(),
            ..EmulatorConfig::default()
        })
        .await
        .err()
        .unwrap();
        assert!(matches!(err, EmulatorError::NotLoopback(_)), "{addr}");
        assert!(err.to_string().contains("loopback"));
    }
    let emu = start().await;
    assert!(emu.url().starts_with("http://127.0.0.1:"));
    emu.shutdown().await;
}

#[tokio::test]
async fn binary_prints_ready_line_and_stops_on_sigterm() {
    use std::io::BufRead;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_gaap-emulator"))
        .args(["--cam-role", "r"])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    // The child answers on its own runtime, so a blocking read here is fine.
    let mut line = String::new();
    std::io::BufReader::new(stdout)
        .read_line(&mut line)
        .unwrap();
    let url = line
        .trim_end()
        .strip_prefix("gaap-emulator listening on ")
        .unwrap()
        .to_owned();
    assert!(url.starts_with("http://127.0.0.1:"), "{line}");
    assert_eq!(
        Call::check(GOOD).send(&url).await["Response"]["CheckFlag"],
        1
    );
    // SAFETY: plain kill(2) on our own child process.
    unsafe { libc::kill(child.id() as i32, libc::SIGTERM) };
    let deadline = Instant::now() + Duration::from_secs(5);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("gaap-emulator did not stop on SIGTERM");
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    };
    assert!(status.success(), "{status:?}");
}
