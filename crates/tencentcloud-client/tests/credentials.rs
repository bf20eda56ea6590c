//! The credential chain against tiny loopback servers playing the CVM metadata
//! service and STS: request shapes, the TC3 signature of AssumeRole (made through the
//! one call path), the token of a temporary base credential, refresh timing on a
//! fake clock, shared refreshes, typed STS errors and retried STS failures.

use std::collections::BTreeMap;
use std::convert::Infallible;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use http_body_util::{BodyExt, Full};
use hyper::body::{Bytes, Incoming};
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;
use serde_json::Value;

use tencentcloud_client::backoff::{Backoff, Jitter};
use tencentcloud_client::chain::{
    build_credential_source_with, build_credential_source_with_clock,
};
use tencentcloud_client::credentials::{
    AssumeRoleSettings, Clock, CredentialError, CredentialSettings, CredentialSource,
};
use tencentcloud_client::signer::{self, RequestToSign, SignedHeader};
use tencentcloud_client::ClientConfig;

const T0: i64 = 1_700_000_000;

struct FakeClock(AtomicI64);

impl Clock for FakeClock {
    fn now_unix(&self) -> i64 {
        self.0.load(Ordering::SeqCst)
    }
}

fn clock() -> Arc<FakeClock> {
    Arc::new(FakeClock(AtomicI64::new(T0)))
}

#[derive(Debug, Clone)]
struct Recorded {
    method: String,
    path: String,
    headers: BTreeMap<String, String>,
    body: String,
}

type Log = Arc<Mutex<Vec<Recorded>>>;

/// Serves on 127.0.0.1; `answer(request, n)` gives status and body for the n-th
/// request (1-based), sent after `delay`.
async fn serve<H>(delay: Duration, answer: H) -> (String, Log)
where
    H: Fn(&Recorded, usize) -> (u16, String) + Send + Sync + 'static,
{
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let log: Log = Arc::default();
    let answer = Arc::new(answer);
    let server_log = log.clone();
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let log = server_log.clone();
            let answer = answer.clone();
            tokio::spawn(async move {
                let service = hyper::service::service_fn(move |req: Request<Incoming>| {
                    let log = log.clone();
                    let answer = answer.clone();
                    async move {
                        let (parts, body) = req.into_parts();
                        let body = body.collect().await.unwrap().to_bytes();
                        let recorded = Recorded {
                            method: parts.method.to_string(),
                            path: parts.uri.path().to_owned(),
                            headers: parts
                                .headers
                                .iter()
                                .map(|(k, v)| {
                                    (k.as_str().to_owned(), v.to_str().unwrap().to_owned())
                                })
                                .collect(),
                            body: String::from_utf8(body.to_vec()).unwrap(),
                        };
                        let n = {
                            let mut log = log.lock().unwrap();
                            log.push(recorded.clone());
                            log.len()
                        };
                        let (status, text) = answer(&recorded, n);
                        tokio::time::sleep(delay).await;
                        Ok::<_, Infallible>(
                            Response::builder()
                                .status(status)
                                .header("content-type", "application/json")
                                .body(Full::new(Bytes::from(text)))
                                .unwrap(),
                        )
                    }
                });
                let _ = hyper::server::conn::http1::Builder::new()
                    .serve_connection(TokioIo::new(stream), service)
                    .await;
            });
        }
    });
    (format!("http://{addr}"), log)
}

fn metadata_answer(n: usize, expires_at: i64) -> String {
    serde_json::json!({
        "TmpSecretId": format!("AKIDcvm{n}"),
        "TmpSecretKey": format!("cvmkey{n}"),
        "Token": format!("cvmtoken{n}"),
        "ExpiredTime": expires_at,
        "Expiration": "2023-11-15T00:13:20Z",
        "Code": "Success",
    })
    .to_string()
}

fn sts_answer(n: usize, expires_at: i64) -> String {
    serde_json::json!({"Response": {
        "Credentials": {
            "Token": format!("ststoken{n}"),
            "TmpSecretId": format!("AKIDsts{n}"),
            "TmpSecretKey": format!("stskey{n}"),
        },
        "ExpiredTime": expires_at,
        "Expiration": "2023-11-15T02:13:20Z",
        "RequestId": format!("sts-req-{n}"),
    }})
    .to_string()
}

fn empty_dir_settings(dir: &tempfile::TempDir) -> CredentialSettings {
    CredentialSettings {
        shared_credentials_dir: Some(dir.path().to_path_buf()),
        ..Default::default()
    }
}

fn role(arn: &str) -> AssumeRoleSettings {
    AssumeRoleSettings {
        role_arn: arn.to_owned(),
        session_name: "tf-session".to_owned(),
        session_duration: 3600,
        policy: Some(r#"{"version":"2.0","statement":[{"effect":"allow","action":["gaap:*"],"resource":["*"]}]}"#.to_owned()),
        external_id: Some("ext-42".to_owned()),
        ..Default::default()
    }
}

const TARGET_ROLE: &str = "qcs::cam::uin/1:roleName/target";

/// Static base keys that assume [`TARGET_ROLE`], reading only the empty `dir`.
fn static_keys_assuming_target(dir: &tempfile::TempDir) -> CredentialSettings {
    CredentialSettings {
        secret_id: Some("AKIDbase".into()),
        secret_key: Some("basekey".into()),
        assume_role: Some(role(TARGET_ROLE)),
        ..empty_dir_settings(dir)
    }
}

/// A source of [`static_keys_assuming_target`] whose STS is at `sts`, on the fake
/// clock at [`T0`].
async fn target_role_source(sts: String, dir: &tempfile::TempDir) -> Arc<dyn CredentialSource> {
    let settings = CredentialSettings {
        sts_endpoint: Some(sts),
        ..static_keys_assuming_target(dir)
    };
    build_credential_source_with_clock(settings, clock())
        .await
        .unwrap()
}

/// The CVM role `name` of the metadata service at `metadata`, reading only the
/// empty `dir`.
fn cvm_role(name: &str, metadata: &str, dir: &tempfile::TempDir) -> CredentialSettings {
    CredentialSettings {
        cam_role_name: Some(name.into()),
        metadata_endpoint: Some(metadata.to_owned()),
        ..empty_dir_settings(dir)
    }
}

/// When the n-th answer of a service expires: the first is issued at [`T0`], later
/// ones at `T0 + reissued`, and each lives `lifetime` seconds.
fn expiry(n: usize, reissued: i64, lifetime: i64) -> i64 {
    let issued = if n == 1 { T0 } else { T0 + reissued };
    issued + lifetime
}

/// Recomputes the TC3 signature of a recorded STS request with `secret_key`.
fn assert_signed_by(request: &Recorded, secret_id: &str, secret_key: &str) {
    let timestamp: i64 = request.headers["x-tc-timestamp"].parse().unwrap();
    let to_sign = RequestToSign {
        method: "POST",
        query: "",
        headers: vec![
            SignedHeader::new("content-type", &request.headers["content-type"]),
            SignedHeader::new("host", &request.headers["host"]),
        ],
        payload: request.body.as_bytes(),
    };
    let expected = signer::sign(secret_id, secret_key, "sts", timestamp, &to_sign);
    assert_eq!(request.headers["authorization"], expected.authorization);
}

#[tokio::test]
async fn cvm_role_credentials_come_from_metadata_and_refresh_at_ninety_percent() {
    // Each answer lives 1000 s from the time of its request.
    let (metadata, log) = serve(Duration::ZERO, |_, n| {
        (200, metadata_answer(n, expiry(n, 900, 1000)))
    })
    .await;
    let dir = tempfile::tempdir().unwrap();
    let clock = clock();
    let settings = cvm_role("tf-role", &metadata, &dir);
    let source = build_credential_source_with_clock(settings, clock.clone())
        .await
        .unwrap();
    assert_eq!(source.identity(), format!("cvm-role:tf-role@{metadata}"));

    let c = source.credential().await.unwrap();
    assert_eq!(c.secret_id, "AKIDcvm1");
    assert_eq!(c.secret_key.expose(), "cvmkey1");
    assert_eq!(c.exposed_token(), Some("cvmtoken1"));
    {
        let log = log.lock().unwrap();
        assert_eq!(log.len(), 1);
        assert_eq!(log[0].method, "GET");
        assert_eq!(
            log[0].path,
            "/latest/meta-data/cam/security-credentials/tf-role"
        );
    }

    clock.0.store(T0 + 899, Ordering::SeqCst);
    assert_eq!(source.credential().await.unwrap().secret_id, "AKIDcvm1");
    assert_eq!(log.lock().unwrap().len(), 1);
    clock.0.store(T0 + 900, Ordering::SeqCst);
    assert_eq!(source.credential().await.unwrap().secret_id, "AKIDcvm2");
    assert_eq!(log.lock().unwrap().len(), 2);
}

#[tokio::test]
async fn assume_role_with_static_keys_is_signed_and_shaped_as_sts_expects() {
    let (sts, log) = serve(Duration::ZERO, |_, n| (200, sts_answer(n, T0 + 3600))).await;
    let dir = tempfile::tempdir().unwrap();
    let settings = CredentialSettings {
        secret_id: Some("AKIDbase".into()),
        secret_key: Some("basekey".into()),
        assume_role: Some(role("qcs::cam::uin/100000000001:roleName/tf")),
        sts_endpoint: Some(sts.clone()),
        ..empty_dir_settings(&dir)
    };
    let source = build_credential_source_with_clock(settings, clock())
        .await
        .unwrap();
    let c = source.credential().await.unwrap();
    assert_eq!(c.secret_id, "AKIDsts1");
    assert_eq!(c.secret_key.expose(), "stskey1");
    assert_eq!(c.exposed_token(), Some("ststoken1"));

    let log = log.lock().unwrap();
    assert_eq!(log.len(), 1);
    let request = &log[0];
    assert_eq!(request.method, "POST");
    assert_eq!(request.path, "/");
    assert_eq!(request.headers["content-type"], "application/json");
    assert_eq!(request.headers["host"], sts.trim_start_matches("http://"));
    assert_eq!(request.headers["x-tc-action"], "AssumeRole");
    assert_eq!(request.headers["x-tc-version"], "2018-08-13");
    assert_eq!(request.headers["x-tc-region"], "ap-guangzhou");
    assert_eq!(request.headers["x-tc-timestamp"], T0.to_string());
    assert!(!request.headers.contains_key("x-tc-token"));
    assert!(request.headers["authorization"]
        .starts_with("TC3-HMAC-SHA256 Credential=AKIDbase/2023-11-14/sts/tc3_request, SignedHeaders=content-type;host, Signature="));
    assert_signed_by(request, "AKIDbase", "basekey");

    let body: Value = serde_json::from_str(&request.body).unwrap();
    assert_eq!(body["RoleArn"], "qcs::cam::uin/100000000001:roleName/tf");
    assert_eq!(body["RoleSessionName"], "tf-session");
    assert_eq!(body["DurationSeconds"].to_string(), "3600");
    assert_eq!(body["ExternalId"], "ext-42");
    assert_eq!(
        body["Policy"],
        "%7B%22version%22%3A%222.0%22%2C%22statement%22%3A%5B%7B%22effect%22%3A%22allow%22%2C%22action%22%3A%5B%22gaap%3A%2A%22%5D%2C%22resource%22%3A%5B%22%2A%22%5D%7D%5D%7D"
    );
}

#[tokio::test]
async fn assume_role_on_a_cvm_role_sends_its_token_and_both_refresh() {
    let (metadata, metadata_log) = serve(Duration::ZERO, |_, n| {
        (200, metadata_answer(n, T0 + 100_000))
    })
    .await;
    let (sts, sts_log) = serve(Duration::ZERO, |_, n| {
        (200, sts_answer(n, expiry(n, 1_800, 2_000)))
    })
    .await;
    let dir = tempfile::tempdir().unwrap();
    let clock = clock();
    let settings = CredentialSettings {
        assume_role: Some(role(TARGET_ROLE)),
        sts_endpoint: Some(sts),
        ..cvm_role("base-role", &metadata, &dir)
    };
    let source = build_credential_source_with_clock(settings, clock.clone())
        .await
        .unwrap();
    assert_eq!(
        source.identity().split('#').next().unwrap(),
        "role:qcs::cam::uin/1:roleName/target/tf-session"
    );
    assert!(source
        .identity()
        .ends_with(&format!("@cvm-role:base-role@{metadata}")));

    assert_eq!(source.credential().await.unwrap().secret_id, "AKIDsts1");
    {
        let sts_log = sts_log.lock().unwrap();
        assert_eq!(sts_log[0].headers["x-tc-token"], "cvmtoken1");
        assert_signed_by(&sts_log[0], "AKIDcvm1", "cvmkey1");
    }

    clock.0.store(T0 + 1_799, Ordering::SeqCst);
    assert_eq!(source.credential().await.unwrap().secret_id, "AKIDsts1");
    clock.0.store(T0 + 1_800, Ordering::SeqCst);
    assert_eq!(source.credential().await.unwrap().secret_id, "AKIDsts2");
    assert_eq!(sts_log.lock().unwrap().len(), 2);
    // The base role credential was still fresh: fetched once.
    assert_eq!(metadata_log.lock().unwrap().len(), 1);
    let second = sts_log.lock().unwrap()[1].clone();
    assert_eq!(second.headers["x-tc-timestamp"], (T0 + 1_800).to_string());
    assert_signed_by(&second, "AKIDcvm1", "cvmkey1");
}

#[tokio::test]
async fn sts_errors_carry_code_message_and_request_id() {
    let (sts, _log) = serve(Duration::ZERO, |_, _| {
        (
            200,
            r#"{"Response":{"Error":{"Code":"AuthFailure.SecretIdNotFound","Message":"The SecretId is not found"},"RequestId":"req-err-1"}}"#.into(),
        )
    })
    .await;
    let dir = tempfile::tempdir().unwrap();
    let source = target_role_source(sts, &dir).await;
    let err = source.credential().await.unwrap_err();
    let CredentialError::Api { error, .. } = &err else {
        panic!("expected a typed STS API error, got {err:?}");
    };
    assert_eq!(error.code, "AuthFailure.SecretIdNotFound");
    assert_eq!(error.message, "The SecretId is not found");
    assert_eq!(error.request_id, "req-err-1");
    let message = err.to_string();
    assert!(
        message.contains("AuthFailure.SecretIdNotFound"),
        "{message}"
    );
    assert!(message.contains("The SecretId is not found"), "{message}");
    assert!(message.contains("req-err-1"), "{message}");
    assert!(message.contains(TARGET_ROLE), "{message}");
    assert!(!message.contains("basekey"), "{message}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_readers_share_one_sts_call() {
    let (sts, log) = serve(Duration::from_millis(150), |_, n| {
        (200, sts_answer(n, T0 + 7200))
    })
    .await;
    let dir = tempfile::tempdir().unwrap();
    let source = target_role_source(sts, &dir).await;
    let calls = (0..12).map(|_| {
        let source = source.clone();
        tokio::spawn(async move { source.credential().await.map(|c| c.secret_id) })
    });
    for result in futures_util::future::join_all(calls).await {
        assert_eq!(result.unwrap().unwrap(), "AKIDsts1");
    }
    assert_eq!(log.lock().unwrap().len(), 1);
}

#[tokio::test]
async fn profile_role_arn_assumes_the_role_with_the_profile_keys() {
    let (sts, log) = serve(Duration::ZERO, |_, n| (200, sts_answer(n, T0 + 7200))).await;
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("ops.credential"),
        r#"{"secretId":"AKIDprofile","secretKey":"profilekey","role-arn":"qcs::cam::uin/1:roleName/ops","role-session-name":"ops-session"}"#,
    )
    .unwrap();
    let settings = CredentialSettings {
        profile: Some("ops".into()),
        sts_endpoint: Some(sts),
        ..empty_dir_settings(&dir)
    };
    let source = build_credential_source_with_clock(settings, clock())
        .await
        .unwrap();
    assert_eq!(source.credential().await.unwrap().secret_id, "AKIDsts1");
    let log = log.lock().unwrap();
    let body: Value = serde_json::from_str(&log[0].body).unwrap();
    assert_eq!(body["RoleArn"], "qcs::cam::uin/1:roleName/ops");
    assert_eq!(body["RoleSessionName"], "ops-session");
    assert_eq!(body["DurationSeconds"].to_string(), "7200");
    assert!(body.get("Policy").is_none());
    assert_signed_by(&log[0], "AKIDprofile", "profilekey");
}

/// How one service answers: status and body for the n-th request (1-based).
type Answer = fn(&Recorded, usize) -> (u16, String);

/// Valid JSON followed by spaces up to one byte past the transport's cap.
fn oversized(json: String) -> String {
    let cap = tencentcloud_client::transport::MAX_RESPONSE_BYTES;
    let padding = (cap + 1).saturating_sub(json.len());
    format!("{json}{}", " ".repeat(padding))
}

/// A credential that cannot be had: the chain's settings, the services it reaches,
/// and the Fetch error it must end with.
struct FetchFailure {
    name: &'static str,
    /// The CVM metadata service, when the row runs one.
    metadata: Option<Answer>,
    /// STS, when the row runs one.
    sts: Option<Answer>,
    /// The settings without the endpoints, which the row's services fill in.
    settings: fn(&tempfile::TempDir) -> CredentialSettings,
    /// The call settings of the chain's STS calls.
    api: ClientConfig,
    /// Each must appear in the error message.
    fragments: &'static [&'static str],
    /// STS requests made, where the row is about them.
    sts_calls: Option<usize>,
}

fn missing_cvm_role(dir: &tempfile::TempDir) -> CredentialSettings {
    CredentialSettings {
        cam_role_name: Some("missing-role".into()),
        ..empty_dir_settings(dir)
    }
}

fn fetch_failures() -> Vec<FetchFailure> {
    vec![
        FetchFailure {
            name: "an unknown CVM role is named",
            metadata: Some(|_, _| (404, "not found".into())),
            sts: None,
            settings: missing_cvm_role,
            api: ClientConfig::default(),
            fragments: &["\"missing-role\"", "404"],
            sts_calls: None,
        },
        // The metadata service's answer is read with the transport's size cap: a huge
        // answer is refused instead of filling memory.
        FetchFailure {
            name: "an oversized metadata answer is refused",
            metadata: Some(|_, n| (200, oversized(metadata_answer(n, T0 + 3600)))),
            sts: None,
            settings: |dir| CredentialSettings {
                cam_role_name: Some("tf-role".into()),
                ..empty_dir_settings(dir)
            },
            api: ClientConfig::default(),
            fragments: &["larger than"],
            sts_calls: None,
        },
        // STS answers go through the one call path, so they have its size cap too.
        FetchFailure {
            name: "an oversized STS answer is refused",
            metadata: None,
            sts: Some(|_, n| (200, oversized(sts_answer(n, T0 + 3600)))),
            settings: static_keys_assuming_target,
            api: ClientConfig {
                max_retries: 0,
                ..ClientConfig::default()
            },
            fragments: &["larger than"],
            sts_calls: None,
        },
        // The retry policy of every action: an HTTP status is retried up to
        // max_retries; the call settings given to the chain apply to its STS calls.
        FetchFailure {
            name: "STS HTTP failures are retried, then a Fetch error",
            metadata: None,
            sts: Some(|_, _| (502, "bad gateway".into())),
            settings: static_keys_assuming_target,
            api: ClientConfig {
                max_retries: 2,
                backoff: Backoff {
                    base: Duration::from_millis(10),
                    cap: Duration::from_millis(20),
                    jitter: Jitter::Equal,
                },
                request_client: "test-client/1".into(),
                ..ClientConfig::default()
            },
            fragments: &["HTTP status 502", TARGET_ROLE],
            sts_calls: Some(3),
        },
        // STS is not called unsigned: the base credential's own error is the answer.
        FetchFailure {
            name: "a failing base credential fails AssumeRole with its own error",
            metadata: Some(|_, _| (404, "not found".into())),
            sts: Some(|_, n| (200, sts_answer(n, T0 + 7200))),
            settings: |dir| CredentialSettings {
                assume_role: Some(role(TARGET_ROLE)),
                ..missing_cvm_role(dir)
            },
            api: ClientConfig::default(),
            fragments: &["\"missing-role\"", "404"],
            sts_calls: Some(0),
        },
    ]
}

#[tokio::test]
async fn credentials_that_cannot_be_had_are_fetch_errors() {
    for case in fetch_failures() {
        let name = case.name;
        let metadata = match case.metadata {
            Some(answer) => Some(serve(Duration::ZERO, answer).await),
            None => None,
        };
        let sts = match case.sts {
            Some(answer) => Some(serve(Duration::ZERO, answer).await),
            None => None,
        };
        let dir = tempfile::tempdir().unwrap();
        let settings = CredentialSettings {
            metadata_endpoint: metadata.as_ref().map(|(url, _)| url.clone()),
            sts_endpoint: sts.as_ref().map(|(url, _)| url.clone()),
            ..(case.settings)(&dir)
        };
        let source = build_credential_source_with(settings, &case.api, clock())
            .await
            .unwrap();
        let message = match source.credential().await {
            Err(CredentialError::Fetch(message)) => message,
            other => panic!("{name}: expected a Fetch error, got {other:?}"),
        };
        for fragment in case.fragments {
            assert!(message.contains(fragment), "{name}: {message}");
        }
        let sts_log = sts.map(|(_, log)| log.lock().unwrap().clone());
        if let Some(calls) = case.sts_calls {
            assert_eq!(
                sts_log.as_ref().map(Vec::len),
                Some(calls),
                "{name}: STS calls"
            );
        }
        for request in sts_log.iter().flatten() {
            assert_eq!(
                request.headers["x-tc-requestclient"], case.api.request_client,
                "{name}"
            );
        }
    }
}
