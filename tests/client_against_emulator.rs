//! The project's own Tencent Cloud code against the emulator: the credential chain
//! (STS AssumeRole, CVM role) gets credentials the emulator issued, and they sign a
//! `CheckProxyCreate` the emulator accepts.
//!
//! The `GaapClient` retry/timeout cases (throttling absorbed, 5xx and resets retried,
//! invalid JSON, a hang cut by the timeout, a non-retryable error sent once) are
//! added once the client lands on this branch.

use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde_json::Value;
use terraform_provider_gaap::emulator::{
    Emulator, EmulatorConfig, InjectedError, Knobs, RunningEmulator, DEMO_SECRET_ID,
    DEMO_SECRET_KEY,
};
use terraform_provider_gaap::tencentcloud::credentials::{
    build_credential_source, AssumeRoleSettings, Credential, CredentialSettings, CredentialSource,
};
use terraform_provider_gaap::tencentcloud::signer;

const GOOD: &str =
    r#"{"AccessRegion":"SouthChina","RealServerRegion":"EastChina","Bandwidth":10,"Concurrent":2}"#;

/// Signs and sends one `CheckProxyCreate` with `credential`; answers the JSON.
async fn check_with(url: &str, credential: &Credential) -> Value {
    let host = url.trim_start_matches("http://");
    let timestamp = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    let req = signer::RequestToSign {
        method: "POST",
        query: "",
        headers: vec![
            signer::SignedHeader::new("content-type", "application/json"),
            signer::SignedHeader::new("host", host),
        ],
        payload: GOOD.as_bytes(),
    };
    let signed = signer::sign(
        &credential.secret_id,
        &credential.secret_key,
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
    if let Some(token) = &credential.token {
        b = b.header("X-TC-Token", token);
    }
    b.send().await.unwrap().json().await.unwrap()
}

fn settings(emu: &RunningEmulator, dir: &tempfile::TempDir) -> CredentialSettings {
    CredentialSettings {
        // An empty directory, so no real ~/.tccli profile is read.
        shared_credentials_dir: Some(dir.path().to_path_buf()),
        sts_endpoint: Some(emu.url()),
        metadata_endpoint: Some(emu.url()),
        ..CredentialSettings::default()
    }
}

fn assume_role() -> AssumeRoleSettings {
    AssumeRoleSettings {
        role_arn: "qcs::cam::uin/100000000001:roleName/gaap-reader".into(),
        session_name: "terraform-provider-gaap".into(),
        session_duration: 7200,
        policy: None,
        external_id: None,
    }
}

async fn credential(source: &Arc<dyn CredentialSource>) -> Credential {
    source.credential().await.unwrap()
}

#[tokio::test]
async fn assume_role_from_static_keys_signs_accepted_calls() {
    let emu = Emulator::start(EmulatorConfig::default()).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let source = build_credential_source(CredentialSettings {
        secret_id: Some(DEMO_SECRET_ID.into()),
        secret_key: Some(DEMO_SECRET_KEY.into()),
        assume_role: Some(assume_role()),
        ..settings(&emu, &dir)
    })
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
    let emu = Emulator::start(EmulatorConfig {
        knobs: Knobs {
            errors: vec![InjectedError {
                code: "AuthFailure.UnauthorizedOperation".into(),
                message: None,
                count: None,
            }],
            ..Knobs::default()
        },
        ..EmulatorConfig::default()
    })
    .await
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let source = build_credential_source(CredentialSettings {
        secret_id: Some(DEMO_SECRET_ID.into()),
        secret_key: Some(DEMO_SECRET_KEY.into()),
        assume_role: Some(assume_role()),
        ..settings(&emu, &dir)
    })
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
    .unwrap();
    let c = credential(&source).await;
    let v = check_with(&emu.url(), &c).await;
    assert_eq!(v["Response"]["CheckFlag"], 1, "{v}");
    assert!(emu.stats().count("metadata", "ok") >= 1);
    emu.shutdown().await;
}
