//! The client's logs through the provider's hclog layer: one DEBUG event per attempt
//! of every action (GAAP and STS) with action, endpoint, attempt, duration, RequestId
//! and outcome; never a secret. Its own test binary, so no other test's threads race
//! the tracing callsite cache.

use std::sync::Arc;
use std::time::Duration;

use gaap_emulator::{Emulator, EmulatorConfig, InjectedError, KeyPair, Knobs};
use tencentcloud_client::backoff::{Backoff, Jitter};
use tencentcloud_client::chain::build_credential_source_with;
use tencentcloud_client::credentials::{
    AssumeRoleSettings, Credential, CredentialSettings, StaticSource, SystemClock,
};
use tencentcloud_client::{CheckProxyCreateRequest, ClientConfig, GaapClient};
use terraform_provider_gaap::logging::{HclogLayer, MemorySink, ModuleNames};
use tracing_subscriber::filter::LevelFilter;

const SECRET_ID: &str = "AKIDlogs00000000000000000000000000";
const SECRET_KEY: &str = "logsSecretKeyNeverLogged0000000000";

fn client(url: &str, region: Option<&str>) -> GaapClient {
    let credentials = StaticSource::new(Credential {
        secret_id: SECRET_ID.to_owned(),
        secret_key: SECRET_KEY.into(),
        token: None,
    });
    let config = ClientConfig {
        region: region.map(str::to_owned),
        request_timeout: Duration::from_secs(5),
        max_retries: 3,
        rate_limit: 1000.0,
        ..ClientConfig::default()
    }
    .with_endpoint("gaap", url);
    GaapClient::new(config, Arc::new(credentials))
        .expect("client")
        .with_backoff(Backoff {
            base: Duration::from_millis(10),
            cap: Duration::from_millis(40),
            jitter: Jitter::Equal,
        })
}

#[tokio::test]
async fn attempts_are_logged_without_secrets() {
    use tracing_subscriber::layer::SubscriberExt;
    // The layer the binary installs, at DEBUG: what Terraform receives with TF_LOG=debug.
    // The modules are the binary's (`log_options` in src/main.rs); the client logs
    // under its own crate's target, `tencentcloud_client`.
    let modules = ModuleNames::new()
        .with_layers("terraform_provider_gaap", "provider")
        .with("terraform_provider_gaap::provider", "provider")
        .with("tencentcloud_client", "provider.tencentcloud");
    let sink = MemorySink::default();
    let subscriber = tracing_subscriber::registry().with(HclogLayer::new(
        LevelFilter::DEBUG,
        modules,
        sink.clone(),
    ));
    let _guard = tracing::subscriber::set_default(subscriber);

    let emulator = Emulator::start(EmulatorConfig {
        keys: vec![KeyPair::new(SECRET_ID, SECRET_KEY)],
        knobs: Knobs {
            errors: vec![InjectedError {
                code: "RequestLimitExceeded".into(),
                message: None,
                count: Some(1),
            }],
            ..Knobs::default()
        },
        ..EmulatorConfig::default()
    })
    .await
    .expect("emulator");
    let request = CheckProxyCreateRequest {
        access_region: "SouthChina".into(),
        real_server_region: "EastChina".into(),
        bandwidth: 10,
        concurrent: 2,
        group_id: Some("lg-logs".into()),
        ip_address_version: None,
        network_type: None,
        package_type: None,
        http3_supported: None,
    };
    let answer = client(&emulator.url(), None)
        .check_proxy_create(&request, tokio::sync::watch::channel(false).1)
        .await
        .expect("answer");

    // STS AssumeRole goes through the same path: throttled once, then answered.
    emulator.set_knobs(Knobs {
        errors: vec![InjectedError {
            code: "RequestLimitExceeded".into(),
            message: None,
            count: Some(1),
        }],
        only_action: Some("AssumeRole".into()),
        ..Knobs::default()
    });
    let dir = tempfile::tempdir().expect("dir");
    let sts_config = ClientConfig {
        backoff: Backoff {
            base: Duration::from_millis(10),
            cap: Duration::from_millis(40),
            jitter: Jitter::Equal,
        },
        ..ClientConfig::default()
    };
    let role = build_credential_source_with(
        CredentialSettings {
            secret_id: Some(SECRET_ID.into()),
            secret_key: Some(SECRET_KEY.into()),
            shared_credentials_dir: Some(dir.path().to_path_buf()),
            assume_role: Some(AssumeRoleSettings {
                role_arn: "qcs::cam::uin/100000000001:roleName/logs".into(),
                session_name: "logs".into(),
                session_duration: 900,
                policy: None,
                external_id: Some("external-id-never-logged".into()),
                ..Default::default()
            }),
            sts_endpoint: Some(emulator.url()),
            ..CredentialSettings::default()
        },
        &sts_config,
        Arc::new(SystemClock),
    )
    .await
    .expect("chain");
    let temporary = role.credential().await.expect("role credential");
    let emulator_url = emulator.url();
    emulator.shutdown().await;

    let logs = sink.contents();
    let all_calls: Vec<serde_json::Value> = logs
        .lines()
        .map(|line| serde_json::from_str(line).expect("an hclog JSON line"))
        .filter(|entry: &serde_json::Value| entry["@message"] == "Tencent Cloud API call")
        .collect();
    let calls: Vec<&serde_json::Value> = all_calls
        .iter()
        .filter(|entry| entry["action"] == "CheckProxyCreate")
        .collect();
    assert_eq!(calls.len(), 2, "one line per attempt:\n{logs}");
    for (entry, attempt) in calls.iter().zip([1, 2]) {
        assert_eq!(entry["@level"], "debug", "{entry}");
        assert_eq!(entry["@module"], "provider.tencentcloud", "{entry}");
        assert_eq!(entry["action"], "CheckProxyCreate", "{entry}");
        assert_eq!(entry["endpoint"], emulator_url.as_str(), "{entry}");
        assert_eq!(entry["attempt"], attempt, "{entry}");
        assert!(entry.get("duration_ms").is_some(), "{entry}");
        let request_id = entry["request_id"].as_str().unwrap_or_default();
        assert!(!request_id.is_empty(), "{entry}");
    }
    assert_eq!(calls[1]["request_id"], answer.request_id.as_str());
    for expected in ["api_error RequestLimitExceeded", "ok check_flag=1"] {
        assert!(logs.contains(expected), "missing {expected} in\n{logs}");
    }
    let sts_calls: Vec<&serde_json::Value> = all_calls
        .iter()
        .filter(|entry| entry["action"] == "AssumeRole")
        .collect();
    assert_eq!(sts_calls.len(), 2, "one line per STS attempt:\n{logs}");
    for (entry, attempt) in sts_calls.iter().zip([1, 2]) {
        assert_eq!(entry["@level"], "debug", "{entry}");
        assert_eq!(entry["attempt"], attempt, "{entry}");
        assert_eq!(entry["endpoint"], emulator_url.as_str(), "{entry}");
        assert!(entry.get("duration_ms").is_some(), "{entry}");
        assert!(
            !entry["request_id"].as_str().unwrap_or_default().is_empty(),
            "{entry}"
        );
    }
    assert_eq!(sts_calls[0]["outcome"], "api_error RequestLimitExceeded");
    assert!(
        sts_calls[1]["outcome"]
            .as_str()
            .unwrap_or_default()
            .starts_with("ok"),
        "{}",
        sts_calls[1]
    );
    for secret in [
        SECRET_KEY,
        "Signature=",
        "TC3-HMAC-SHA256",
        "external-id-never-logged",
        temporary.secret_key.expose().as_str(),
        temporary.exposed_token().unwrap_or("no token"),
    ] {
        assert!(!logs.contains(secret), "{secret} leaked into\n{logs}");
    }
}

#[test]
fn debug_output_has_no_secrets() {
    let text = format!("{:?}", client("http://127.0.0.1:1", Some("ap-hongkong")));
    assert!(text.contains("ap-hongkong"), "{text}");
    assert!(!text.contains(SECRET_KEY), "{text}");
}
