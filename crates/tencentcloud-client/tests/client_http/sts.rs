//! STS AssumeRole through the same call path as GAAP: the same headers with an STS
//! signature, retries, no sharing, and typed API errors up to the credential chain.

use std::sync::Arc;

use crate::headers::{assert_api_headers, ApiHeaders};
use crate::support::*;
use tencentcloud_client::chain::build_credential_source_with;
use tencentcloud_client::credentials::{AssumeRoleSettings, CredentialSettings, SystemClock};
use tencentcloud_client::{
    ApiClient, AssumeRoleRequest, ClientConfig, ClientError, CredentialError, GaapClient,
};

fn sts_client(url: &str) -> ApiClient {
    let cfg = ClientConfig {
        region: Some("ap-guangzhou".into()),
        request_client: "terraform-provider-gaap/1.2.3".into(),
        ..config("http://127.0.0.1:1", None)
    }
    .with_endpoint("sts", url);
    ApiClient::new(cfg).expect("client")
}

fn assume_role_request() -> AssumeRoleRequest {
    AssumeRoleRequest::new(
        "qcs::cam::uin/100000000001:roleName/tf",
        "tf-session",
        900,
        Some(r#"{"version":"2.0"}"#),
        None,
    )
}

#[tokio::test]
async fn sts_call_has_the_common_headers_and_an_sts_signature() {
    let server = Server::start(vec![sts_success("sts-ok", 1_900_000_000)]).await;
    let answer = sts_client(&server.url)
        .call(
            &StaticCredentials { token: Some(TOKEN) },
            &assume_role_request(),
            never(),
        )
        .await
        .expect("answer");
    assert_eq!(answer.credentials.tmp_secret_id, "AKIDsts");
    assert_eq!(answer.credentials.token.expose(), "ststoken");
    assert_eq!(answer.expired_time, 1_900_000_000);
    assert_eq!(answer.request_id, "sts-ok");

    let seen = server.seen();
    assert_eq!(seen.len(), 1);
    // Checked by the emulator's verifier for service `sts`.
    assert_signed(&seen);
    assert_eq!(
        String::from_utf8_lossy(&seen[0].body),
        r#"{"RoleArn":"qcs::cam::uin/100000000001:roleName/tf","RoleSessionName":"tf-session","DurationSeconds":900,"Policy":"%7B%22version%22%3A%222.0%22%7D"}"#
    );
    assert_api_headers(
        &seen[0],
        &ApiHeaders {
            host: server.url.trim_start_matches("http://"),
            action: "AssumeRole",
            version: "2018-08-13",
            service: "sts",
            region: "ap-guangzhou",
            token: Some(TOKEN),
            request_client: "terraform-provider-gaap/1.2.3",
        },
    );
}

#[tokio::test]
async fn sts_calls_are_retried_and_never_shared() {
    let server = Server::start(vec![
        api_error("RequestLimitExceeded", "sts-t1"),
        sts_success("sts-1", 1_900_000_000),
        sts_success("sts-2", 1_900_000_001),
    ])
    .await;
    let client = sts_client(&server.url);
    let creds = StaticCredentials { token: None };
    let first = client
        .call(&creds, &assume_role_request(), never())
        .await
        .expect("answer after a retry");
    assert_eq!(first.request_id, "sts-1");
    // An identical AssumeRole is a new call: credentials must never be reused here.
    let second = client
        .call(&creds, &assume_role_request(), never())
        .await
        .expect("answer");
    assert_eq!(second.request_id, "sts-2");
    let seen = server.seen();
    assert_eq!(seen.len(), 3);
    assert_signed(&seen);
}

#[tokio::test]
async fn sts_api_errors_are_typed_and_reach_the_credential_as_api_errors() {
    let server = Server::start(vec![api_error("AuthFailure.SecretIdNotFound", "sts-e1")]).await;
    let err = sts_client(&server.url)
        .call(
            &StaticCredentials { token: None },
            &assume_role_request(),
            never(),
        )
        .await
        .expect_err("fails");
    match err {
        ClientError::Api(api) => {
            assert_eq!(api.code, "AuthFailure.SecretIdNotFound");
            assert_eq!(api.request_id, "sts-e1");
        }
        other => panic!("{other:?}"),
    }

    let server = Server::start(vec![api_error("AuthFailure.SecretIdNotFound", "sts-e2")]).await;
    let dir = tempfile::tempdir().expect("dir");
    let source = build_credential_source_with(
        CredentialSettings {
            secret_id: Some(SECRET_ID.into()),
            secret_key: Some(SECRET_KEY.into()),
            shared_credentials_dir: Some(dir.path().to_path_buf()),
            assume_role: Some(AssumeRoleSettings {
                role_arn: "qcs::cam::uin/1:roleName/target".into(),
                session_name: "s1".into(),
                session_duration: 900,
                policy: None,
                external_id: None,
                ..Default::default()
            }),
            sts_endpoint: Some(server.url.clone()),
            ..CredentialSettings::default()
        },
        &config("http://127.0.0.1:1", None),
        Arc::new(SystemClock),
    )
    .await
    .expect("source");
    // Through the GAAP client: the STS failure is the credential error of the call.
    let gaap = GaapClient::new(config("http://127.0.0.1:1", None), source).expect("client");
    let mut req = request();
    req.group_id = Some("lg-sts-error".into());
    match gaap.check_proxy_create(&req, never()).await {
        Err(ClientError::Credentials(CredentialError::Api { context, error })) => {
            assert!(
                context.contains("qcs::cam::uin/1:roleName/target"),
                "{context}"
            );
            assert!(context.contains(&server.url), "{context}");
            assert_eq!(error.code, "AuthFailure.SecretIdNotFound");
            assert_eq!(error.request_id, "sts-e2");
        }
        other => panic!("{other:?}"),
    }
    let seen = server.seen();
    assert_eq!(seen.len(), 1, "not retried");
    assert_signed(&seen);
}
