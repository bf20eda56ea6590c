//! Settings the client cannot work with are refused when it is built, before any call.

use std::sync::Arc;
use std::time::Duration;

use crate::support::*;
use tencentcloud_client::credentials::CredentialSource;
use tencentcloud_client::{ClientConfig, ClientError, GaapClient};

#[tokio::test]
async fn bad_configuration_is_rejected_up_front() {
    let creds = || -> Arc<dyn CredentialSource> { Arc::new(StaticCredentials { token: None }) };
    let cases = [
        (
            config("http://gaap.intl.tencentcloudapi.com", None),
            "only for loopback",
        ),
        (
            ClientConfig {
                rate_limit: 0.0,
                ..config("http://127.0.0.1:1", None)
            },
            "rate_limit",
        ),
        (
            ClientConfig {
                request_timeout: Duration::ZERO,
                ..config("http://127.0.0.1:1", None)
            },
            "request_timeout",
        ),
    ];
    for (cfg, why) in cases {
        match GaapClient::new(cfg, creds()) {
            Err(ClientError::Config(msg)) => assert!(msg.contains(why), "{why}: {msg}"),
            other => panic!("{why}: {other:?}"),
        }
    }
}
