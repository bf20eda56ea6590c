//! CheckProxyCreate's answers, and every way the API refuses a request: signature,
//! action, version, region and parameters.

use gaap_emulator::{EmulatorConfig, KeyPair};

use crate::call::{code, http, now, start, start_with, Call, GOOD};

#[tokio::test]
async fn check_proxy_create_answers_the_real_shape() {
    let emu = start().await;
    let v = Call::check(GOOD).send(&emu.url()).await;
    let r = v["Response"].as_object().unwrap();
    assert_eq!(r.keys().collect::<Vec<_>>(), ["CheckFlag", "RequestId"]);
    assert_eq!(r["CheckFlag"], 1);
    assert!(uuid::Uuid::parse_str(r["RequestId"].as_str().unwrap()).is_ok());

    let zero = Call::check(
        r#"{"AccessRegion":"Japan","RealServerRegion":"Korea","Bandwidth":"2000","Concurrent":"2"}"#,
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

/// What a test changes in a request after it was signed.
enum AfterSigning {
    Body(String),
    Header(&'static str, &'static str),
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
    assert_eq!(base.code(&url).await, "ok");

    // (case, expected code, the request signed that way)
    let signed: Vec<(&str, &str, Call)> = vec![
        (
            "unknown secret id",
            "AuthFailure.SecretIdNotFound",
            Call {
                id: "AKIDnobody".into(),
                ..base.clone()
            },
        ),
        (
            "secret id with a leading space",
            "AuthFailure.SecretIdNotFound",
            Call {
                id: " AKIDtestTwo".into(),
                ..base.clone()
            },
        ),
        (
            "another key's secret",
            "AuthFailure.SignatureFailure",
            Call {
                key: "keyOne".into(),
                ..base.clone()
            },
        ),
        (
            "timestamp 301 s old",
            "AuthFailure.SignatureExpire",
            Call {
                timestamp: now() - 301,
                ..base.clone()
            },
        ),
        (
            "timestamp 400 s ahead",
            "AuthFailure.SignatureExpire",
            Call {
                timestamp: now() + 400,
                ..base.clone()
            },
        ),
        (
            "scope date not the timestamp's",
            "AuthFailure.SignatureFailure",
            Call {
                scope_date: Some("2001-01-01".into()),
                ..base.clone()
            },
        ),
        (
            "signed for cvm",
            "AuthFailure.SignatureFailure",
            Call {
                service: "cvm".into(),
                ..base.clone()
            },
        ),
        (
            "signed for sts",
            "AuthFailure.SignatureFailure",
            Call {
                service: "sts".into(),
                ..base.clone()
            },
        ),
    ];
    for (case, want, call) in signed {
        assert_eq!(call.code(&url).await, want, "{case}");
    }

    // (case, expected code, what changes after a valid signature)
    let bent = [
        (
            "body changed",
            "AuthFailure.SignatureFailure",
            AfterSigning::Body(GOOD.replace("10", "11")),
        ),
        // The charset trouble.
        (
            "content-type with a charset",
            "AuthFailure.SignatureFailure",
            AfterSigning::Header("content-type", "application/json; charset=utf-8"),
        ),
        (
            "empty authorization",
            "AuthFailure.InvalidAuthorization",
            AfterSigning::Header("authorization", ""),
        ),
        (
            "basic authorization",
            "AuthFailure.InvalidAuthorization",
            AfterSigning::Header("authorization", "Basic dXNlcg=="),
        ),
        (
            "authorization not signing content-type",
            "AuthFailure.InvalidAuthorization",
            AfterSigning::Header(
                "authorization",
                "TC3-HMAC-SHA256 Credential=AKIDtestTwo/2024-01-01/gaap/tc3_request, SignedHeaders=host, Signature=0000000000000000000000000000000000000000000000000000000000000000",
            ),
        ),
    ];
    for (case, want, change) in bent {
        let mut req = base.request(&url).build().unwrap();
        match change {
            AfterSigning::Body(body) => *req.body_mut() = Some(body.into()),
            AfterSigning::Header(name, value) => {
                req.headers_mut()
                    .insert(name, reqwest::header::HeaderValue::from_str(value).unwrap());
            }
        }
        let answer = http().execute(req).await.unwrap().json().await.unwrap();
        assert_eq!(code(&answer), want, "{case}");
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
    // (case, expected code, request)
    let cases: Vec<(&str, &str, Call)> = vec![
        (
            "unknown action",
            "InvalidAction",
            Call {
                action: "DescribeProxies".into(),
                ..Call::check(GOOD)
            },
        ),
        (
            "unknown version",
            "NoSuchVersion",
            Call {
                version: "2017-01-01".into(),
                ..Call::check(GOOD)
            },
        ),
        (
            "empty region",
            "UnsupportedRegion",
            Call {
                region: Some(String::new()),
                ..Call::check(GOOD)
            },
        ),
        (
            "a real region",
            "ok",
            Call {
                region: Some("ap-guangzhou".into()),
                ..Call::check(GOOD)
            },
        ),
        (
            "extra parameter",
            "UnknownParameter",
            with_body(
                r#"{"AccessRegion":"SouthChina","RealServerRegion":"EastChina","Bandwidth":10,"Concurrent":2,"Foo":1}"#,
            ),
        ),
        (
            "no RealServerRegion",
            "MissingParameter",
            with_body(r#"{"AccessRegion":"SouthChina","Bandwidth":10,"Concurrent":2}"#),
        ),
        (
            "truncated JSON",
            "InvalidParameter",
            with_body(r#"{"AccessRegion":"SouthChina""#),
        ),
        ("empty body", "InvalidParameter", with_body("")),
        (
            "bandwidth 0",
            "InvalidParameterValue.InvalidBandwidth",
            with_body(
                r#"{"AccessRegion":"SouthChina","RealServerRegion":"EastChina","Bandwidth":0,"Concurrent":2}"#,
            ),
        ),
        (
            "concurrent 101",
            "InvalidParameterValue.InvalidConcurrency",
            with_body(
                r#"{"AccessRegion":"SouthChina","RealServerRegion":"EastChina","Bandwidth":1,"Concurrent":"301"}"#,
            ),
        ),
        (
            "unknown origin",
            "InvalidParameterValue.UnknownDestRegion",
            with_body(
                r#"{"AccessRegion":"SouthChina","RealServerRegion":"Atlantis","Bandwidth":1,"Concurrent":1}"#,
            ),
        ),
        (
            "unknown network type",
            "InvalidParameterValue",
            with_body(
                r#"{"AccessRegion":"SouthChina","RealServerRegion":"EastChina","Bandwidth":1,"Concurrent":1,"NetworkType":"fast"}"#,
            ),
        ),
    ];
    for (case, want, call) in cases {
        assert_eq!(call.code(&url).await, want, "{case}: {}", call.body);
    }
    let big = Call::check(&format!(r#"{{"x":"{}"}}"#, "a".repeat(2 * 1024 * 1024)));
    assert_eq!(big.code(&url).await, "RequestSizeLimitExceeded");
    let get = http().get(format!("{url}/")).send().await.unwrap();
    assert_eq!(get.status(), 200);
    assert_eq!(code(&get.json().await.unwrap()), "UnsupportedOperation");
    let nowhere = http().get(format!("{url}/elsewhere")).send().await.unwrap();
    assert_eq!(nowhere.status(), 404);
    emu.shutdown().await;
}
