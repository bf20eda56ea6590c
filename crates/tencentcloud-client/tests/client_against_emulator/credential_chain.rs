//! The credential chain gets credentials the emulator issued (STS AssumeRole, CVM
//! role), and they sign calls the emulator accepts; AssumeRole's API errors are typed
//! and its throttling is retried.

use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use gaap_emulator::auth::json_post_to_sign;
use gaap_emulator::{
    Emulator, EmulatorConfig, InjectedError, Knobs, RunningEmulator, DEMO_SECRET_ID,
    DEMO_SECRET_KEY,
};
use serde_json::Value;
use tencentcloud_client::cancel::never;
use tencentcloud_client::chain::{build_credential_source, build_credential_source_with};
use tencentcloud_client::credentials::{
    AssumeRoleSettings, Credential, CredentialSettings, CredentialSource, SystemClock,
};
use tencentcloud_client::signer;
use tencentcloud_client::{ClientError, CredentialError, GaapClient};

use crate::harness::{call_config, errors, request, settings, CLIENT_RATE};

const GOOD: &str =
    r#"{"AccessRegion":"SouthChina","RealServerRegion":"EastChina","Bandwidth":10,"Concurrent":2}"#;

/// Signs and sends one `CheckProxyCreate` with `credential`; answers the JSON.
async fn check_with(url: &str, credential: &Credential) -> Value {
    let host = url.trim_start_matches("http://");
    let timestamp = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    let req = json_post_to_sign(host, GOOD.as_bytes());
    let signed = signer::sign(
        &credential.secret_id,
        credential.secret_key.expose(),
        "gaap",
        timestamp,
        &req,
    );
    let mut b = reqwest::Client::builder()
        .no_proxy()
        .timeout(Duration::from_secs(10))
        .build()
        .unwrap()
        .post(format!("{url}/"))
        .header("Content-Type", "application/json")
        .header("X-TC-Action", "CheckProxyCreate")
        .header("X-TC-Version", "2018-05-29")
        .header("X-TC-Timestamp", timestamp.to_string())
        .header("Authorization", signed.authorization)
        .body(GOOD);
    if let Some(token) = credential.exposed_token() {
        b = b.header("X-TC-Token", token);
    }
    b.send().await.unwrap().json().await.unwrap()
}

fn assume_role() -> AssumeRoleSettings {
    AssumeRoleSettings {
        role_arn: "qcs::cam::uin/100000000001:roleName/gaap-reader".into(),
        session_name: "terraform-provider-gaap".into(),
        session_duration: 7200,
        policy: None,
        external_id: None,
        ..Default::default()
    }
}

/// The demo keys' AssumeRole against `emu`.
fn assume_role_settings(emu: &RunningEmulator, dir: &tempfile::TempDir) -> CredentialSettings {
    CredentialSettings {
        secret_id: Some(DEMO_SECRET_ID.into()),
        secret_key: Some(DEMO_SECRET_KEY.into()),
        assume_role: Some(assume_role()),
        ..settings(emu, dir)
    }
}

/// An emulator that answers every call, or only `only_action`'s, with `error`.
async fn failing(error: InjectedError, only_action: Option<&str>) -> RunningEmulator {
    Emulator::start(EmulatorConfig {
        knobs: Knobs {
            errors: vec![error],
            only_action: only_action.map(str::to_owned),
            ..Knobs::default()
        },
        ..EmulatorConfig::default()
    })
    .await
    .unwrap()
}

async fn credential(source: &Arc<dyn CredentialSource>) -> Credential {
    source.credential().await.unwrap()
}

#[tokio::test]
async fn assume_role_from_static_keys_signs_accepted_calls() {
    let emu = Emulator::start(EmulatorConfig::default()).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let source = build_credential_source(assume_role_settings(&emu, &dir))
        .await
        .unwrap();
    let c = credential(&source).await;
    assert!(c.token.is_some());
    assert_ne!(c.secret_id, DEMO_SECRET_ID);
    let v = check_with(&emu.url(), &c).await;
    assert_eq!(v["Response"]["CheckFlag"], 1, "{v}");
    let s = emu.stats();
    assert_eq!(s.count("AssumeRole", "ok"), 1, "{s:?}");
    assert_eq!(s.count("CheckProxyCreate", "ok"), 1);
    emu.shutdown().await;
}

#[tokio::test]
async fn assume_role_errors_reach_the_chain() {
    let emu = failing(errors("AuthFailure.UnauthorizedOperation", None), None).await;
    let dir = tempfile::tempdir().unwrap();
    let source = build_credential_source(assume_role_settings(&emu, &dir))
        .await
        .unwrap();
    let err = source.credential().await.unwrap_err();
    assert!(
        err.to_string()
            .contains("AuthFailure.UnauthorizedOperation"),
        "{err}"
    );
    emu.shutdown().await;
}

#[tokio::test]
async fn cvm_role_credentials_sign_accepted_calls() {
    let emu = Emulator::start(EmulatorConfig {
        cam_role: Some("gaap-reader".into()),
        ..EmulatorConfig::default()
    })
    .await
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let source = build_credential_source(CredentialSettings {
        cam_role_name: Some("gaap-reader".into()),
        ..settings(&emu, &dir)
    })
    .await
    .unwrap();
    let c = credential(&source).await;
    let v = check_with(&emu.url(), &c).await;
    assert_eq!(v["Response"]["CheckFlag"], 1, "{v}");
    assert!(emu.stats().count("metadata", "ok") >= 1);
    emu.shutdown().await;
}

/// A GAAP client of `emu` whose credential is the demo keys' AssumeRole, the STS
/// calls made with the same call settings (fast backoff, 3 retries).
async fn role_client(emu: &RunningEmulator, dir: &tempfile::TempDir) -> GaapClient {
    let config = call_config(emu);
    let source = build_credential_source_with(
        assume_role_settings(emu, dir),
        &config,
        Arc::new(SystemClock),
    )
    .await
    .unwrap();
    GaapClient::new(config, source).unwrap()
}

#[tokio::test]
async fn assume_role_api_errors_are_typed_api_errors() {
    let _shared = CLIENT_RATE.read().await;
    let error = InjectedError {
        message: Some("the role does not exist".into()),
        ..errors("InvalidParameter.AccountNotAvaliable", None)
    };
    let emu = failing(error, Some("AssumeRole")).await;
    let dir = tempfile::tempdir().unwrap();
    let client = role_client(&emu, &dir).await;
    let mut req = request("sts-api-error");
    req.group_id = Some("lg-sts-api-error".into());
    match client.check_proxy_create(&req, never()).await {
        Err(ClientError::Credentials(CredentialError::Api { context, error })) => {
            assert_eq!(error.code, "InvalidParameter.AccountNotAvaliable");
            assert_eq!(error.message, "the role does not exist");
            assert!(!error.request_id.is_empty());
            assert!(context.contains("STS AssumeRole of role"), "{context}");
            assert!(context.contains(&emu.url()), "{context}");
        }
        other => panic!("expected a typed STS API error, got {other:?}"),
    }
    let s = emu.stats();
    assert_eq!(
        s.count("AssumeRole", "InvalidParameter.AccountNotAvaliable"),
        1,
        "not retried: {s:?}"
    );
    assert_eq!(s.total("CheckProxyCreate"), 0, "{s:?}");
    emu.shutdown().await;
}

#[tokio::test]
async fn throttled_assume_role_is_retried() {
    let _shared = CLIENT_RATE.read().await;
    let emu = failing(errors("RequestLimitExceeded", Some(2)), Some("AssumeRole")).await;
    let dir = tempfile::tempdir().unwrap();
    let client = role_client(&emu, &dir).await;
    let answer = client
        .check_proxy_create(&request("sts-throttled"), never())
        .await
        .expect("the role's credential after two throttled AssumeRole calls");
    assert_eq!(answer.check_flag, 1);
    let s = emu.stats();
    assert_eq!(s.count("AssumeRole", "RequestLimitExceeded"), 2, "{s:?}");
    assert_eq!(s.count("AssumeRole", "ok"), 1, "{s:?}");
    assert_eq!(s.count("CheckProxyCreate", "ok"), 1, "{s:?}");
    emu.shutdown().await;
}
