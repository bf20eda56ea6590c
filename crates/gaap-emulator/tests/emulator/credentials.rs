//! Temporary credentials: STS AssumeRole and the CVM metadata service, and the API
//! accepting what they hand out.

use gaap_emulator::EmulatorConfig;

use crate::call::{code, get_json, http, now, start, start_with, Call, GOOD};

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
    // (case, expected code, request)
    let cases = [
        (
            "temporary keys without their token",
            "AuthFailure.TokenFailure",
            Call {
                token: None,
                ..with_token.clone()
            },
        ),
        (
            "temporary keys with another token",
            "AuthFailure.TokenFailure",
            Call {
                token: Some("x".into()),
                ..with_token.clone()
            },
        ),
        // STS signed for the wrong service, and STS's own parameter rules.
        (
            "AssumeRole signed for gaap",
            "AuthFailure.SignatureFailure",
            Call {
                service: "gaap".into(),
                ..Call::assume_role()
            },
        ),
        (
            "AssumeRole with a bad session name",
            "InvalidParameterValue",
            Call {
                body: r#"{"RoleArn":"qcs::cam::uin/1:roleName/r","RoleSessionName":"x"}"#.into(),
                ..Call::assume_role()
            },
        ),
    ];
    for (case, want, call) in cases {
        assert_eq!(call.code(&url).await, want, "{case}");
    }

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
    let creds = get_json(&format!("{base}gaap-reader")).await;
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
