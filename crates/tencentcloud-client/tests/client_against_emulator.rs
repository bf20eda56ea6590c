//! The project's own Tencent Cloud code against the emulator, both real:
//! - the credential chain (STS AssumeRole, CVM role) gets credentials the emulator
//!   issued, and they sign a `CheckProxyCreate` the emulator accepts; AssumeRole goes
//!   through the same call path as GAAP: its API errors are typed, its throttling is
//!   retried;
//! - the `GaapClient`, one test per fault knob: throttling absorbed, the client's rate
//!   limit keeping under the emulator's, HTTP 5xx and connection resets retried,
//!   invalid JSON retried once, a hang cut by the per-attempt timeout, non-retryable
//!   errors sent once, `InternalError` retried once, retries bounded by `max_retries`,
//!   and cancellation cutting a hanging call short. The emulator's stats count the
//!   calls that really reached it.
//!
//! The client's rate limiter and its single-flight cache are process-wide: every test
//! asks with its own `GroupId` so no answer is shared between tests, and the one test
//! that lowers the rate runs alone (a write lock; the others hold read locks).

use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use gaap_emulator::{
    Emulator, EmulatorConfig, InjectedError, Knobs, RunningEmulator, DEMO_SECRET_ID,
    DEMO_SECRET_KEY,
};
use serde_json::Value;
use tencentcloud_client::backoff::{Backoff, Jitter};
use tencentcloud_client::cancel::never;
use tencentcloud_client::chain::{build_credential_source, build_credential_source_with};
use tencentcloud_client::credentials::{
    AssumeRoleSettings, Credential, CredentialSettings, CredentialSource, SystemClock,
};
use tencentcloud_client::signer;
use tencentcloud_client::{
    ApiError, CheckProxyCreateRequest, CheckProxyCreateResponse, ClientConfig, ClientError,
    CredentialError, GaapClient,
};

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
        ..Default::default()
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

/// A GAAP client of `emu` whose credential is the demo keys' AssumeRole, the STS
/// calls made with the same call settings (fast backoff, 3 retries).
async fn role_client(emu: &RunningEmulator, dir: &tempfile::TempDir) -> GaapClient {
    let config = ClientConfig {
        request_timeout: Duration::from_secs(5),
        max_retries: 3,
        rate_limit: 1000.0,
        backoff: Backoff {
            base: Duration::from_millis(10),
            cap: Duration::from_millis(40),
            jitter: Jitter::Equal,
        },
        ..ClientConfig::default()
    }
    .with_endpoint("gaap", emu.url());
    let source = build_credential_source_with(
        CredentialSettings {
            secret_id: Some(DEMO_SECRET_ID.into()),
            secret_key: Some(DEMO_SECRET_KEY.into()),
            assume_role: Some(assume_role()),
            ..settings(emu, dir)
        },
        &config,
        Arc::new(SystemClock),
    )
    .unwrap();
    GaapClient::new(config, source).unwrap()
}

#[tokio::test]
async fn assume_role_api_errors_are_typed_api_errors() {
    let _shared = CLIENT_RATE.read().await;
    let emu = Emulator::start(EmulatorConfig {
        knobs: Knobs {
            errors: vec![InjectedError {
                code: "InvalidParameter.AccountNotAvaliable".into(),
                message: Some("the role does not exist".into()),
                count: None,
            }],
            only_action: Some("AssumeRole".into()),
            ..Knobs::default()
        },
        ..EmulatorConfig::default()
    })
    .await
    .unwrap();
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
    let emu = Emulator::start(EmulatorConfig {
        knobs: Knobs {
            errors: vec![InjectedError {
                code: "RequestLimitExceeded".into(),
                message: None,
                count: Some(2),
            }],
            only_action: Some("AssumeRole".into()),
            ..Knobs::default()
        },
        ..EmulatorConfig::default()
    })
    .await
    .unwrap();
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

// ---------- the GaapClient against the emulator's knobs ----------

/// Held by every client test: shared by all but the rate-limit test, which lowers the
/// process-wide rate and must not slow the others down (or be sped up by them).
static CLIENT_RATE: tokio::sync::RwLock<()> = tokio::sync::RwLock::const_new(());

const ACTION: &str = "CheckProxyCreate";
/// Bound on any single call in these tests; the calls themselves take milliseconds.
const CALL_BOUND: Duration = Duration::from_secs(10);

/// A client of `emu` with the demo keys (through the real credential chain), a fast
/// backoff and, unless `tweak` changes them, a generous rate limit and 3 retries.
struct Harness {
    emu: RunningEmulator,
    client: GaapClient,
    _dir: tempfile::TempDir,
}

async fn harness(knobs: Knobs, tweak: impl FnOnce(&mut ClientConfig)) -> Harness {
    let emu = Emulator::start(EmulatorConfig {
        knobs,
        ..EmulatorConfig::default()
    })
    .await
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let source = build_credential_source(CredentialSettings {
        secret_id: Some(DEMO_SECRET_ID.into()),
        secret_key: Some(DEMO_SECRET_KEY.into()),
        ..settings(&emu, &dir)
    })
    .unwrap();
    let mut config = ClientConfig {
        region: Some("ap-guangzhou".into()),
        request_timeout: Duration::from_secs(5),
        max_retries: 3,
        rate_limit: 1000.0,
        ..ClientConfig::default()
    }
    .with_endpoint("gaap", emu.url());
    tweak(&mut config);
    let client = GaapClient::new(config, source)
        .unwrap()
        .with_backoff(Backoff {
            base: Duration::from_millis(10),
            cap: Duration::from_millis(40),
            jitter: Jitter::Equal,
        });
    Harness {
        emu,
        client,
        _dir: dir,
    }
}

/// A valid request (CheckFlag 1) unique to `test`, so the process-wide single-flight
/// cache never hands one test another's answer.
fn request(test: &str) -> CheckProxyCreateRequest {
    CheckProxyCreateRequest {
        access_region: "SouthChina".into(),
        real_server_region: "EastChina".into(),
        bandwidth: 10,
        concurrent: 2,
        group_id: Some(format!("lg-knobs-{test}")),
        ip_address_version: None,
        network_type: None,
        package_type: None,
        http3_supported: None,
    }
}

fn errors(code: &str, count: Option<u32>) -> InjectedError {
    InjectedError {
        code: code.into(),
        message: None,
        count,
    }
}

impl Harness {
    /// One check, bounded by [`CALL_BOUND`].
    async fn check(&self, test: &str) -> Result<CheckProxyCreateResponse, ClientError> {
        tokio::time::timeout(
            CALL_BOUND,
            self.client.check_proxy_create(&request(test), never()),
        )
        .await
        .unwrap_or_else(|_| panic!("{test}: no result within {CALL_BOUND:?}"))
    }
}

fn api_error(result: Result<CheckProxyCreateResponse, ClientError>) -> ApiError {
    match result {
        Err(ClientError::Api(api)) => api,
        other => panic!("expected an API error, got {other:?}"),
    }
}

#[tokio::test]
async fn throttling_is_absorbed() {
    let _shared = CLIENT_RATE.read().await;
    let knobs = Knobs {
        errors: vec![
            errors("RequestLimitExceeded", Some(1)),
            errors("RequestLimitExceeded.UinLimitExceeded", Some(1)),
        ],
        ..Knobs::default()
    };
    let h = harness(knobs, |_| {}).await;
    let answer = h.check("throttled").await.unwrap();
    assert_eq!(answer.check_flag, 1);
    assert!(!answer.request_id.is_empty());
    let s = h.emu.stats();
    assert_eq!(s.count(ACTION, "RequestLimitExceeded"), 1, "{s:?}");
    assert_eq!(s.count(ACTION, "RequestLimitExceeded.UinLimitExceeded"), 1);
    assert_eq!(s.count(ACTION, "ok"), 1);
    assert_eq!(s.total(ACTION), 3);
    h.emu.shutdown().await;
}

/// `calls` concurrent checks with the client and the emulator both limited to
/// `rate` per second, the emulator answering after `latency_ms`, and no retries (a
/// throttled call would surface as an error instead of being hidden): every call
/// must succeed and none be throttled. Gives how long they took.
async fn concurrent_checks_under_one_limit(rate: u32, latency_ms: u64, calls: usize) -> Duration {
    let _alone = CLIENT_RATE.write().await;
    let knobs = Knobs {
        rate_limit: rate,
        latency_ms,
        ..Knobs::default()
    };
    let h = harness(knobs, |c| {
        c.rate_limit = f64::from(rate);
        c.max_retries = 0;
    })
    .await;
    let tests: Vec<String> = (0..calls)
        .map(|i| format!("rate-{rate}-{latency_ms}-{i}"))
        .collect();
    let started = Instant::now();
    let results = futures_util::future::join_all(tests.iter().map(|t| h.check(t))).await;
    let elapsed = started.elapsed();
    for (t, r) in tests.iter().zip(&results) {
        assert_eq!(r.as_ref().map(|a| a.check_flag).ok(), Some(1), "{t}: {r:?}");
    }
    let s = h.emu.stats();
    assert_eq!(s.count(ACTION, "RequestLimitExceeded"), 0, "{s:?}");
    assert_eq!(s.count(ACTION, "ok"), calls as u64, "{s:?}");
    assert_eq!(s.total(ACTION), calls as u64, "{s:?}");
    h.emu.shutdown().await;
    elapsed
}

#[tokio::test]
async fn client_rate_limit_stays_under_the_emulators() {
    let elapsed = concurrent_checks_under_one_limit(2, 0, 5).await;
    // Two calls per second: the fifth leaves after two full seconds.
    assert!(elapsed >= Duration::from_millis(2000), "{elapsed:?}");
}

/// The emulator counts a call only after its 200 ms of latency, so a limiter that
/// counted from the send would let the next batch meet a bucket still refilling.
/// Counting each place from the answer keeps every call under the limit.
#[tokio::test]
async fn client_rate_limit_holds_when_the_server_counts_late() {
    let elapsed = concurrent_checks_under_one_limit(3, 200, 9).await;
    // Three batches of three; each after the span that follows the last answer:
    // 2 x (200 ms + 1 s) + 200 ms.
    assert!(elapsed >= Duration::from_millis(2600), "{elapsed:?}");
}

#[tokio::test]
async fn http_5xx_is_retried() {
    let _shared = CLIENT_RATE.read().await;
    let knobs = Knobs {
        http_5xx: 2,
        http_5xx_status: 502,
        ..Knobs::default()
    };
    let h = harness(knobs, |_| {}).await;
    assert_eq!(h.check("5xx").await.unwrap().check_flag, 1);
    let s = h.emu.stats();
    assert_eq!(s.count(ACTION, "http_5xx"), 2, "{s:?}");
    assert_eq!(s.count(ACTION, "ok"), 1);
    assert_eq!(s.total(ACTION), 3);
    h.emu.shutdown().await;
}

#[tokio::test]
async fn connection_resets_are_retried() {
    let _shared = CLIENT_RATE.read().await;
    let knobs = Knobs {
        reset: 2,
        ..Knobs::default()
    };
    let h = harness(knobs, |_| {}).await;
    assert_eq!(h.check("reset").await.unwrap().check_flag, 1);
    let s = h.emu.stats();
    assert_eq!(s.count(ACTION, "reset"), 2, "{s:?}");
    assert_eq!(s.count(ACTION, "ok"), 1);
    assert_eq!(s.total(ACTION), 3);
    h.emu.shutdown().await;
}

#[tokio::test]
async fn invalid_json_once_is_retried_once() {
    let _shared = CLIENT_RATE.read().await;
    let knobs = Knobs {
        invalid_json: 1,
        ..Knobs::default()
    };
    let h = harness(knobs, |_| {}).await;
    assert_eq!(h.check("invalid-once").await.unwrap().check_flag, 1);
    let s = h.emu.stats();
    assert_eq!(s.count(ACTION, "invalid_json"), 1, "{s:?}");
    assert_eq!(s.count(ACTION, "ok"), 1);
    assert_eq!(s.total(ACTION), 2);
    h.emu.shutdown().await;
}

#[tokio::test]
async fn invalid_json_always_is_reported_after_two_calls() {
    let _shared = CLIENT_RATE.read().await;
    let knobs = Knobs {
        invalid_json: 1000,
        ..Knobs::default()
    };
    let h = harness(knobs, |c| c.max_retries = 5).await;
    let result = h.check("invalid-always").await;
    assert!(
        matches!(result, Err(ClientError::InvalidResponse { .. })),
        "{result:?}"
    );
    let s = h.emu.stats();
    assert_eq!(s.count(ACTION, "invalid_json"), 2, "{s:?}");
    assert_eq!(s.total(ACTION), 2);
    h.emu.shutdown().await;
}

#[tokio::test]
async fn a_hang_is_cut_by_the_request_timeout_and_retried() {
    let _shared = CLIENT_RATE.read().await;
    let knobs = Knobs {
        hang: 1,
        ..Knobs::default()
    };
    let h = harness(knobs, |c| c.request_timeout = Duration::from_millis(300)).await;
    let started = Instant::now();
    assert_eq!(h.check("hang").await.unwrap().check_flag, 1);
    let elapsed = started.elapsed();
    assert!(elapsed >= Duration::from_millis(300), "{elapsed:?}");
    assert!(elapsed < Duration::from_secs(3), "{elapsed:?}");
    let s = h.emu.stats();
    assert_eq!(s.count(ACTION, "hang"), 1, "{s:?}");
    assert_eq!(s.count(ACTION, "ok"), 1);
    assert_eq!(s.total(ACTION), 2);
    h.emu.shutdown().await;
}

#[tokio::test]
async fn non_retryable_errors_are_sent_once() {
    let _shared = CLIENT_RATE.read().await;
    for code in [
        "InvalidParameterValue.InvalidBandwidth",
        "AuthFailure.UnauthorizedOperation",
        "ResourceUnavailable.AccountViolation",
    ] {
        let message = format!("injected {code}");
        let knobs = Knobs {
            errors: vec![InjectedError {
                code: code.into(),
                message: Some(message.clone()),
                count: None,
            }],
            ..Knobs::default()
        };
        let h = harness(knobs, |c| c.max_retries = 5).await;
        let api = api_error(h.check(&format!("never-{code}")).await);
        assert_eq!(api.code, code);
        assert_eq!(api.message, message);
        assert_eq!(api.request_id.len(), 36, "a UUID: {api:?}");
        let s = h.emu.stats();
        assert_eq!(s.count(ACTION, code), 1, "{s:?}");
        assert_eq!(s.total(ACTION), 1, "{code}: {s:?}");
        h.emu.shutdown().await;
    }
}

#[tokio::test]
async fn internal_error_is_retried_at_most_once() {
    let _shared = CLIENT_RATE.read().await;
    let knobs = Knobs {
        errors: vec![errors("InternalError", None)],
        ..Knobs::default()
    };
    let h = harness(knobs, |c| c.max_retries = 5).await;
    let api = api_error(h.check("internal").await);
    assert_eq!(api.code, "InternalError");
    let s = h.emu.stats();
    assert_eq!(s.count(ACTION, "InternalError"), 2, "{s:?}");
    assert_eq!(s.total(ACTION), 2);
    h.emu.shutdown().await;
}

#[tokio::test]
async fn retries_are_bounded_by_max_retries() {
    let _shared = CLIENT_RATE.read().await;
    let knobs = Knobs {
        errors: vec![errors("RequestLimitExceeded", None)],
        ..Knobs::default()
    };
    let h = harness(knobs, |c| c.max_retries = 2).await;
    let api = api_error(h.check("bounded").await);
    assert_eq!(api.code, "RequestLimitExceeded");
    assert!(!api.request_id.is_empty());
    let s = h.emu.stats();
    assert_eq!(s.count(ACTION, "RequestLimitExceeded"), 3, "{s:?}");
    assert_eq!(s.total(ACTION), 3);
    h.emu.shutdown().await;
}

#[tokio::test]
async fn cancel_cuts_a_hanging_call_short() {
    let _shared = CLIENT_RATE.read().await;
    let knobs = Knobs {
        hang: 1,
        ..Knobs::default()
    };
    let h = harness(knobs, |c| c.request_timeout = Duration::from_secs(60)).await;
    let (stop, cancel) = tokio::sync::watch::channel(false);
    let req = request("cancel");
    let call = tokio::time::timeout(CALL_BOUND, h.client.check_proxy_create(&req, cancel));
    let canceller = async {
        // Cancel only once the call is hanging inside the emulator.
        tokio::time::timeout(CALL_BOUND, async {
            while h.emu.stats().count(ACTION, "hang") == 0 {
                tokio::time::sleep(Duration::from_millis(10)).await;
            }
        })
        .await
        .expect("the call reaches the emulator");
        stop.send_replace(true);
        Instant::now()
    };
    let (result, cancelled_at) = tokio::join!(call, canceller);
    let result = result.expect("the call ends well before its 60 s timeout");
    let lag = cancelled_at.elapsed();
    assert!(matches!(result, Err(ClientError::Cancelled)), "{result:?}");
    assert!(
        lag < Duration::from_secs(1),
        "took {lag:?} after the cancel"
    );
    assert_eq!(h.emu.stats().total(ACTION), 1);
    h.emu.shutdown().await;
}

// ---------- the catalogue actions ----------

#[tokio::test]
async fn catalogue_actions_parse_the_emulators_answers_and_share_identical_calls() {
    use tencentcloud_client::{
        DescribeAccessRegionsByDestRegionRequest, DescribeDestRegionsRequest, Features,
    };
    let _shared = CLIENT_RATE.read().await;
    let h = harness(Knobs::default(), |_| {}).await;

    let dest = h
        .client
        .describe_dest_regions(&DescribeDestRegionsRequest::default(), never())
        .await
        .unwrap();
    assert_eq!(dest.total_count as usize, dest.dest_region_set.len());
    let east = dest
        .dest_region_set
        .iter()
        .find(|r| r.region_id == "EastChina")
        .expect("EastChina is an origin");
    assert_eq!(east.idc_type.as_deref(), Some("dc"));
    assert!(Features::from_bitmap(east.feature_bitmap).ipv6);
    assert_eq!(
        east.support_feature.as_ref().unwrap().network_type,
        ["normal", "cn2"]
    );

    let request = DescribeAccessRegionsByDestRegionRequest {
        dest_region: "EastChina".into(),
        ip_address_version: Some("IPv6".into()),
        package_type: None,
    };
    // Identical concurrent calls share one call; the answer is then reused.
    let answers = futures_util::future::join_all((0..8).map(|_| {
        h.client
            .describe_access_regions_by_dest_region(&request, never())
    }))
    .await;
    let first = answers[0].as_ref().unwrap();
    assert!(answers.iter().all(|a| a.as_ref().ok() == Some(first)));
    assert!(!first.access_region_set.is_empty());
    for region in &first.access_region_set {
        assert!(
            Features::from_bitmap(region.feature_bitmap).ipv6,
            "{region:?}"
        );
        assert!(region.bandwidth_list.windows(2).all(|w| w[0] < w[1]));
        assert!(!region.concurrent_list.is_empty());
    }
    h.client
        .describe_access_regions_by_dest_region(&request, never())
        .await
        .unwrap();
    let s = h.emu.stats();
    assert_eq!(
        s.total("DescribeAccessRegionsByDestRegion"),
        1,
        "one call for identical requests: {s:?}"
    );

    let unknown = h
        .client
        .describe_access_regions_by_dest_region(
            &DescribeAccessRegionsByDestRegionRequest {
                dest_region: "Atlantis".into(),
                ip_address_version: None,
                package_type: None,
            },
            never(),
        )
        .await;
    match unknown {
        Err(ClientError::Api(e)) => {
            assert_eq!(e.code, "InvalidParameterValue.UnknownDestRegion");
            assert!(e.message.contains("Atlantis") && !e.request_id.is_empty());
        }
        other => panic!("expected UnknownDestRegion, got {other:?}"),
    }
    h.emu.shutdown().await;
}
