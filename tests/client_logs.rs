//! The client's logs: one DEBUG event per attempt with action, attempt, duration,
//! RequestId and outcome; never a secret. Its own test binary, so no other test's
//! threads race the tracing callsite cache.

mod support;

use std::sync::Arc;

use support::*;
use terraform_provider_gaap::logging::{HclogLayer, MemorySink};
use terraform_provider_gaap::tencentcloud::GaapClient;
use tracing_subscriber::filter::LevelFilter;

#[tokio::test]
async fn attempts_are_logged_without_secrets() {
    use tracing_subscriber::layer::SubscriberExt;
    // The layer the binary installs, at DEBUG: what Terraform receives with TF_LOG=debug.
    let sink = MemorySink::default();
    let subscriber =
        tracing_subscriber::registry().with(HclogLayer::new(LevelFilter::DEBUG, sink.clone()));
    let _guard = tracing::subscriber::set_default(subscriber);

    let server = Server::start(vec![
        api_error("RequestLimitExceeded", "req-log-1"),
        success(1, "req-log-2"),
    ])
    .await;
    let mut req = request();
    req.group_id = Some("lg-logs".into());
    client_with(config(&server.url, None), Some(TOKEN))
        .check_proxy_create(&req, never())
        .await
        .expect("answer");

    let logs = sink.contents();
    let calls: Vec<serde_json::Value> = logs
        .lines()
        .map(|line| serde_json::from_str(line).expect("an hclog JSON line"))
        .filter(|entry: &serde_json::Value| entry["@message"] == "Tencent Cloud API call")
        .collect();
    assert_eq!(calls.len(), 2, "one line per attempt:\n{logs}");
    for (entry, (attempt, request_id)) in calls.iter().zip([(1, "req-log-1"), (2, "req-log-2")]) {
        assert_eq!(entry["@level"], "debug", "{entry}");
        assert_eq!(entry["@module"], "provider.tencentcloud", "{entry}");
        assert_eq!(entry["action"], "CheckProxyCreate", "{entry}");
        assert_eq!(entry["attempt"], attempt, "{entry}");
        assert_eq!(entry["request_id"], request_id, "{entry}");
        assert!(entry.get("duration_ms").is_some(), "{entry}");
    }
    for expected in ["api_error RequestLimitExceeded", "ok check_flag=1"] {
        assert!(logs.contains(expected), "missing {expected} in\n{logs}");
    }
    let signature = server.seen()[0]
        .headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .and_then(|a| a.rsplit("Signature=").next())
        .expect("signature")
        .to_owned();
    for secret in [SECRET_KEY, TOKEN, signature.as_str(), "TC3-HMAC-SHA256"] {
        assert!(!logs.contains(secret), "{secret} leaked into\n{logs}");
    }
}

#[test]
fn debug_output_has_no_secrets() {
    let client = GaapClient::new(
        config("http://127.0.0.1:1", Some("ap-hongkong")),
        Arc::new(StaticCredentials { token: Some(TOKEN) }),
    )
    .expect("client");
    let text = format!("{client:?}");
    assert!(text.contains("ap-hongkong"), "{text}");
    assert!(
        !text.contains(SECRET_KEY) && !text.contains(TOKEN),
        "{text}"
    );
}
