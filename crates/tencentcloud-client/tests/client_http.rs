//! The call path (`ApiClient::call`, through `GaapClient` for GAAP) against a scripted
//! HTTP server on 127.0.0.1 (see `support`): headers, body and signature of every
//! request (GAAP and STS), retries, timeouts, cancellation, sharing.

mod support;

use std::sync::Arc;
use std::time::{Duration, Instant};

use support::*;
use tencentcloud_client::backoff::{Backoff, Jitter};
use tencentcloud_client::credentials::CredentialSource;
use tencentcloud_client::{
    ApiClient, AssumeRoleRequest, ClientConfig, ClientError, CredentialError, GaapClient,
};

// ---------- tests ----------

#[tokio::test]
async fn sends_exact_headers_and_body_and_parses_the_answer() {
    let server = Server::start(vec![success(1, "req-ok")]).await;
    let answer = client(&server.url)
        .check_proxy_create(&request(), never())
        .await
        .expect("answer");
    assert_eq!(answer.check_flag, 1);
    assert_eq!(answer.request_id, "req-ok");

    let seen = server.seen();
    assert_eq!(seen.len(), 1);
    assert_signed(&seen);
    let s = &seen[0];
    assert_eq!(
        String::from_utf8_lossy(&s.body),
        r#"{"AccessRegion":"SouthChina","RealServerRegion":"EastChina","Bandwidth":10,"Concurrent":2}"#
    );
    let host = server.url.trim_start_matches("http://");
    assert_eq!(header(s, "content-type"), Some("application/json"));
    assert_eq!(header(s, "host"), Some(host));
    assert_eq!(header(s, "x-tc-action"), Some("CheckProxyCreate"));
    assert_eq!(header(s, "x-tc-version"), Some("2018-05-29"));
    assert_eq!(header(s, "x-tc-region"), Some("ap-guangzhou"));
    assert_eq!(header(s, "x-tc-language"), Some("en-US"));
    assert_eq!(
        header(s, "x-tc-requestclient"),
        Some(concat!("tencentcloud-client/", env!("CARGO_PKG_VERSION")))
    );
    assert_eq!(s.headers.get("x-tc-token"), None);
    let timestamp: i64 = header(s, "x-tc-timestamp")
        .expect("timestamp")
        .parse()
        .expect("number");
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("clock")
        .as_secs() as i64;
    assert!((now - timestamp).abs() <= 5);
    let auth = header(s, "authorization").expect("authorization");
    assert!(
        auth.starts_with(&format!("TC3-HMAC-SHA256 Credential={SECRET_ID}/")),
        "{auth}"
    );
    assert!(auth.contains("/gaap/tc3_request, SignedHeaders=content-type;host, Signature="));
    // Nothing beyond the API's headers and HTTP framing.
    let allowed = [
        "content-type",
        "host",
        "x-tc-action",
        "x-tc-version",
        "x-tc-timestamp",
        "authorization",
        "x-tc-region",
        "x-tc-language",
        "x-tc-requestclient",
        "content-length",
        "accept",
    ];
    for name in s.headers.keys() {
        assert!(allowed.contains(&name.as_str()), "unexpected header {name}");
    }
}

#[tokio::test]
async fn optional_arguments_are_sent_as_given() {
    let server = Server::start(vec![success(0, "req-opt")]).await;
    let mut req = request();
    req.group_id = Some("lg-1".into());
    req.ip_address_version = Some("IPv6".into());
    req.network_type = Some("cn2".into());
    req.package_type = Some("CrossBorder".into());
    req.http3_supported = Some(0);
    let answer = client(&server.url)
        .check_proxy_create(&req, never())
        .await
        .expect("answer");
    assert_eq!(answer.check_flag, 0, "0 is an answer, not an error");
    let seen = server.seen();
    assert_signed(&seen);
    assert_eq!(
        String::from_utf8_lossy(&seen[0].body),
        r#"{"AccessRegion":"SouthChina","RealServerRegion":"EastChina","Bandwidth":10,"Concurrent":2,"GroupId":"lg-1","IPAddressVersion":"IPv6","NetworkType":"cn2","PackageType":"CrossBorder","Http3Supported":0}"#
    );
}

#[tokio::test]
async fn throttling_is_retried_then_succeeds() {
    let server = Server::start(vec![
        api_error("RequestLimitExceeded", "req-t1"),
        api_error("RequestLimitExceeded.UinLimitExceeded", "req-t2"),
        success(1, "req-t3"),
    ])
    .await;
    let answer = client(&server.url)
        .check_proxy_create(&request(), never())
        .await
        .expect("answer");
    assert_eq!(answer.request_id, "req-t3");
    let seen = server.seen();
    assert_eq!(seen.len(), 3);
    assert_signed(&seen);
}

#[tokio::test]
async fn http_500_is_retried_then_succeeds() {
    let server = Server::start(vec![Reply::Ok(500, "oops"), success(1, "req-500")]).await;
    let answer = client(&server.url)
        .check_proxy_create(&request(), never())
        .await
        .expect("answer");
    assert_eq!(answer.request_id, "req-500");
    assert_eq!(server.seen().len(), 2);
}

#[tokio::test]
async fn retries_are_bounded_by_max_retries() {
    let server = Server::start(vec![Reply::Ok(503, "busy"); 10]).await;
    let mut cfg = config(&server.url, None);
    cfg.max_retries = 2;
    let err = client_with(cfg, None)
        .check_proxy_create(&request(), never())
        .await
        .expect_err("fails");
    assert!(
        matches!(err, ClientError::HttpStatus { status: 503, .. }),
        "{err:?}"
    );
    assert_eq!(server.seen().len(), 3);
}

#[tokio::test]
async fn non_retryable_error_is_sent_exactly_once() {
    let server = Server::start(vec![
        api_error("InvalidParameterValue.InvalidBandwidth", "req-bw"),
        success(1, "never"),
    ])
    .await;
    let err = client(&server.url)
        .check_proxy_create(&request(), never())
        .await
        .expect_err("fails");
    match err {
        ClientError::Api(api) => {
            assert_eq!(api.code, "InvalidParameterValue.InvalidBandwidth");
            assert_eq!(
                api.message,
                "message for InvalidParameterValue.InvalidBandwidth"
            );
            assert_eq!(api.request_id, "req-bw");
            assert_eq!(api.http_status, 200);
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(server.seen().len(), 1);
}

#[tokio::test]
async fn internal_error_is_retried_once_only() {
    let server = Server::start(vec![
        api_error("InternalError", "req-i1"),
        api_error("InternalError", "req-i2"),
        success(1, "never"),
    ])
    .await;
    let err = client(&server.url)
        .check_proxy_create(&request(), never())
        .await
        .expect_err("fails");
    assert!(
        matches!(&err, ClientError::Api(a) if a.request_id == "req-i2"),
        "{err:?}"
    );
    assert_eq!(server.seen().len(), 2);
}

#[tokio::test]
async fn invalid_json_is_retried_once_then_reported() {
    let server = Server::start(vec![
        Reply::Ok(200, "<html>"),
        Reply::Ok(200, r#"{"Response":{"RequestId":"no-flag"}}"#),
        success(1, "never"),
    ])
    .await;
    let err = client(&server.url)
        .check_proxy_create(&request(), never())
        .await
        .expect_err("fails");
    assert!(
        matches!(err, ClientError::InvalidResponse { .. }),
        "{err:?}"
    );
    assert_eq!(server.seen().len(), 2);
}

#[tokio::test]
async fn a_hang_is_cut_by_the_timeout() {
    let server = Server::start(vec![Reply::Hang, Reply::Hang]).await;
    let mut cfg = config(&server.url, None);
    cfg.request_timeout = Duration::from_millis(300);
    cfg.max_retries = 0;
    let started = Instant::now();
    let err = client_with(cfg, None)
        .check_proxy_create(&request(), never())
        .await
        .expect_err("times out");
    assert!(
        matches!(err, ClientError::Timeout { seconds, .. } if seconds == 0.3),
        "{err:?}"
    );
    assert!(started.elapsed() < Duration::from_secs(3));
    assert_eq!(server.seen().len(), 1);
}

#[tokio::test]
async fn a_timed_out_attempt_is_retried_with_a_fresh_request() {
    let server = Server::start(vec![Reply::Hang, success(1, "req-after-hang")]).await;
    let mut cfg = config(&server.url, None);
    cfg.request_timeout = Duration::from_millis(300);
    let answer = client_with(cfg, None)
        .check_proxy_create(&request(), never())
        .await
        .expect("answer");
    assert_eq!(answer.request_id, "req-after-hang");
    let seen = server.seen();
    assert_eq!(seen.len(), 2);
    assert_signed(&seen);
}

#[tokio::test]
async fn cancel_aborts_an_attempt_in_flight() {
    let server = Server::start(vec![Reply::Hang]).await;
    let client = client(&server.url);
    let (tx, rx) = tokio::sync::watch::channel(false);
    let started = Instant::now();
    let call = tokio::spawn(async move { client.check_proxy_create(&request(), rx).await });
    tokio::time::sleep(Duration::from_millis(200)).await;
    tx.send_replace(true);
    let err = call.await.expect("task").expect_err("cancelled");
    assert!(matches!(err, ClientError::Cancelled), "{err:?}");
    assert!(started.elapsed() < Duration::from_secs(3));
}

#[tokio::test]
async fn cancel_aborts_a_backoff_wait() {
    let server = Server::start(vec![Reply::Ok(502, "bad gateway"); 5]).await;
    let client = client(&server.url).with_backoff(Backoff {
        base: Duration::from_secs(60),
        cap: Duration::from_secs(60),
        jitter: Jitter::Equal,
    });
    let (tx, rx) = tokio::sync::watch::channel(false);
    let call = tokio::spawn(async move { client.check_proxy_create(&request(), rx).await });
    tokio::time::sleep(Duration::from_millis(300)).await;
    tx.send_replace(true);
    let err = tokio::time::timeout(Duration::from_secs(3), call)
        .await
        .expect("returns promptly")
        .expect("task")
        .expect_err("cancelled");
    assert!(matches!(err, ClientError::Cancelled), "{err:?}");
    assert_eq!(server.seen().len(), 1);
}

#[tokio::test]
async fn region_header_is_absent_when_empty() {
    for region in [None, Some(""), Some("   ")] {
        let server = Server::start(vec![success(1, "req-r")]).await;
        client_with(config(&server.url, region), None)
            .check_proxy_create(&request(), never())
            .await
            .expect("answer");
        let seen = server.seen();
        assert_signed(&seen);
        assert_eq!(seen[0].headers.get("x-tc-region"), None, "{region:?}");
    }
}

#[tokio::test]
async fn token_header_only_with_a_token() {
    let server = Server::start(vec![success(1, "req-tok")]).await;
    client_with(config(&server.url, None), Some(TOKEN))
        .check_proxy_create(&request(), never())
        .await
        .expect("answer");
    let seen = server.seen();
    assert_signed(&seen);
    assert_eq!(header(&seen[0], "x-tc-token"), Some(TOKEN));

    for token in [None, Some("")] {
        let server = Server::start(vec![success(1, "req-notok")]).await;
        client_with(config(&server.url, None), token)
            .check_proxy_create(&request(), never())
            .await
            .expect("answer");
        assert_eq!(server.seen()[0].headers.get("x-tc-token"), None);
    }
}

#[tokio::test]
async fn identical_concurrent_checks_share_one_call() {
    let server = Server::start(vec![
        Reply::Slow(
            Duration::from_millis(200),
            r#"{"Response":{"CheckFlag":1,"RequestId":"req-shared"}}"#,
        ),
        success(0, "req-other"),
    ])
    .await;
    let client = Arc::new(client(&server.url));
    let mut calls = Vec::new();
    for _ in 0..10 {
        let client = client.clone();
        calls.push(tokio::spawn(async move {
            client.check_proxy_create(&request(), never()).await
        }));
    }
    for call in calls {
        let answer = call.await.expect("task").expect("answer");
        assert_eq!(answer.request_id, "req-shared");
    }
    // Another client with the same endpoint, region and credential reuses the answer.
    let again = self::client(&server.url)
        .check_proxy_create(&request(), never())
        .await
        .expect("answer");
    assert_eq!(again.request_id, "req-shared");
    assert_eq!(server.seen().len(), 1);

    // A different request is a different check.
    let mut other = request();
    other.bandwidth = 20;
    let answer = client
        .check_proxy_create(&other, never())
        .await
        .expect("answer");
    assert_eq!(answer.request_id, "req-other");
    assert_eq!(server.seen().len(), 2);
}

#[tokio::test]
async fn failures_are_not_reused() {
    let server = Server::start(vec![
        api_error("FailedOperation", "req-f"),
        success(1, "req-s"),
    ])
    .await;
    let client = client(&server.url);
    let mut req = request();
    req.concurrent = 7;
    assert!(client.check_proxy_create(&req, never()).await.is_err());
    let answer = client
        .check_proxy_create(&req, never())
        .await
        .expect("answer");
    assert_eq!(answer.request_id, "req-s");
    assert_eq!(server.seen().len(), 2);
}

#[tokio::test]
async fn unreachable_endpoint_is_a_transport_error() {
    // Bind then drop, so the port is (very likely) closed.
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        l.local_addr().expect("addr").port()
    };
    let mut cfg = config(&format!("http://127.0.0.1:{port}"), None);
    cfg.max_retries = 1;
    let err = client_with(cfg, None)
        .check_proxy_create(&request(), never())
        .await
        .expect_err("fails");
    assert!(matches!(err, ClientError::Transport { .. }), "{err:?}");
    assert!(
        err.to_string().contains(&format!("127.0.0.1:{port}")),
        "{err}"
    );
}

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
            Err(ClientError::Config(msg)) => assert!(msg.contains(why), "{msg}"),
            other => panic!("{why}: {other:?}"),
        }
    }
}

#[tokio::test]
async fn request_client_is_whatever_the_caller_configures() {
    let server = Server::start(vec![success(1, "req-rc")]).await;
    let cfg = ClientConfig {
        request_client: "terraform-provider-gaap/9.9.9".into(),
        ..config(&server.url, None)
    };
    let mut req = request();
    req.group_id = Some("lg-request-client".into());
    client_with(cfg, None)
        .check_proxy_create(&req, never())
        .await
        .expect("answer");
    let seen = server.seen();
    assert_signed(&seen);
    assert_eq!(
        header(&seen[0], "x-tc-requestclient"),
        Some("terraform-provider-gaap/9.9.9")
    );
}

// ---------- STS AssumeRole through the same path ----------

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
    let s = &seen[0];
    assert_eq!(
        String::from_utf8_lossy(&s.body),
        r#"{"RoleArn":"qcs::cam::uin/100000000001:roleName/tf","RoleSessionName":"tf-session","DurationSeconds":900,"Policy":"%7B%22version%22%3A%222.0%22%7D"}"#
    );
    let host = server.url.trim_start_matches("http://");
    assert_eq!(header(s, "content-type"), Some("application/json"));
    assert_eq!(header(s, "host"), Some(host));
    assert_eq!(header(s, "x-tc-action"), Some("AssumeRole"));
    assert_eq!(header(s, "x-tc-version"), Some("2018-08-13"));
    assert_eq!(header(s, "x-tc-region"), Some("ap-guangzhou"));
    assert_eq!(header(s, "x-tc-language"), Some("en-US"));
    assert_eq!(header(s, "x-tc-token"), Some(TOKEN));
    assert_eq!(
        header(s, "x-tc-requestclient"),
        Some("terraform-provider-gaap/1.2.3")
    );
    let auth = header(s, "authorization").expect("authorization");
    assert!(
        auth.starts_with(&format!("TC3-HMAC-SHA256 Credential={SECRET_ID}/")),
        "{auth}"
    );
    assert!(auth.contains("/sts/tc3_request, SignedHeaders=content-type;host, Signature="));
    let allowed = [
        "content-type",
        "host",
        "x-tc-action",
        "x-tc-version",
        "x-tc-timestamp",
        "authorization",
        "x-tc-region",
        "x-tc-token",
        "x-tc-language",
        "x-tc-requestclient",
        "content-length",
        "accept",
    ];
    for name in s.headers.keys() {
        assert!(allowed.contains(&name.as_str()), "unexpected header {name}");
    }
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
    use tencentcloud_client::chain::build_credential_source_with;
    use tencentcloud_client::credentials::{AssumeRoleSettings, CredentialSettings, SystemClock};

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

#[tokio::test]
async fn sustained_throttling_is_retried_for_the_time_budget_not_the_count() {
    let mut script: Vec<Reply> = (0..8)
        .map(|i| {
            api_error(
                "RequestLimitExceeded",
                Box::leak(format!("t{i}").into_boxed_str()),
            )
        })
        .collect();
    script.push(success(1, "req-after-throttling"));
    let server = Server::start(script).await;
    let budget = ClientConfig {
        max_retries: 1,
        throttle_retry_budget: Duration::from_secs(30),
        ..config(&server.url, None)
    };
    let answer = client_with(budget, None)
        .check_proxy_create(&request(), never())
        .await
        .expect("answer after 8 throttled attempts");
    assert_eq!(answer.request_id, "req-after-throttling");
    assert_eq!(server.seen().len(), 9);

    // Without a budget, max_retries alone decides: 2 attempts.
    let server = Server::start(vec![
        api_error("RequestLimitExceeded", "a"),
        api_error("RequestLimitExceeded", "b"),
        success(1, "never"),
    ])
    .await;
    let plain = ClientConfig {
        max_retries: 1,
        ..config(&server.url, None)
    };
    let error = client_with(plain, None)
        .check_proxy_create(&request(), never())
        .await
        .unwrap_err();
    assert!(
        error.to_string().contains("RequestLimitExceeded"),
        "{error}"
    );
    assert_eq!(server.seen().len(), 2);
}

#[tokio::test]
async fn the_throttle_budget_ends_and_stop_cuts_it_short() {
    // Always throttled: a 300 ms budget ends the call after a few attempts.
    let script: Vec<Reply> = (0..200)
        .map(|i| {
            api_error(
                "RequestLimitExceeded",
                Box::leak(format!("t{i}").into_boxed_str()),
            )
        })
        .collect();
    let server = Server::start(script).await;
    let cfg = ClientConfig {
        max_retries: 0,
        throttle_retry_budget: Duration::from_millis(300),
        ..config(&server.url, None)
    };
    let started = std::time::Instant::now();
    let error = client_with(cfg.clone(), None)
        .check_proxy_create(&request(), never())
        .await
        .unwrap_err();
    assert!(
        error.to_string().contains("RequestLimitExceeded"),
        "{error}"
    );
    assert!(started.elapsed() < Duration::from_secs(5));
    let attempts = server.seen().len();
    assert!((2..200).contains(&attempts), "{attempts}");

    // A long budget is still cut short by the stop signal.
    let long = ClientConfig {
        throttle_retry_budget: Duration::from_secs(600),
        ..cfg
    };
    let (stop, signal) = tokio::sync::watch::channel(false);
    let call = tokio::spawn(async move {
        client_with(long, None)
            .check_proxy_create(&request(), signal)
            .await
    });
    tokio::time::sleep(Duration::from_millis(200)).await;
    stop.send_replace(true);
    let result = tokio::time::timeout(Duration::from_secs(5), call)
        .await
        .expect("stopped promptly")
        .unwrap();
    assert!(
        matches!(result, Err(tencentcloud_client::ClientError::Cancelled)),
        "{result:?}"
    );
}
