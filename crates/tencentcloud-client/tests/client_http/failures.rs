//! How each kind of failure ends a call: which are retried, how often, and what the
//! caller gets.

use std::time::{Duration, Instant};

use crate::support::*;
use tencentcloud_client::{ClientConfig, ClientError};

/// What a call ends with.
enum Outcome {
    /// The answer, by its RequestId.
    Answer(&'static str),
    /// The API's error, as `support::api_error` scripts it.
    Api {
        code: &'static str,
        request_id: &'static str,
    },
    HttpStatus(u16),
    InvalidResponse,
    Timeout {
        seconds: f64,
    },
}

/// One scripted server, one call with the test config changed by `tweak`.
struct Case {
    name: &'static str,
    script: Vec<Reply>,
    tweak: fn(&mut ClientConfig),
    outcome: Outcome,
    /// Requests that reached the server.
    attempts: usize,
}

fn cases() -> Vec<Case> {
    vec![
        Case {
            name: "throttling is retried then succeeds",
            script: vec![
                api_error("RequestLimitExceeded", "req-t1"),
                api_error("RequestLimitExceeded.UinLimitExceeded", "req-t2"),
                success(1, "req-t3"),
            ],
            tweak: |_| {},
            outcome: Outcome::Answer("req-t3"),
            attempts: 3,
        },
        Case {
            name: "HTTP 500 is retried then succeeds",
            script: vec![Reply::Ok(500, "oops"), success(1, "req-500")],
            tweak: |_| {},
            outcome: Outcome::Answer("req-500"),
            attempts: 2,
        },
        Case {
            name: "retries are bounded by max_retries",
            script: vec![Reply::Ok(503, "busy"); 10],
            tweak: |c| c.max_retries = 2,
            outcome: Outcome::HttpStatus(503),
            attempts: 3,
        },
        Case {
            name: "a non-retryable error is sent exactly once",
            script: vec![
                api_error("InvalidParameterValue.InvalidBandwidth", "req-bw"),
                success(1, "never"),
            ],
            tweak: |_| {},
            outcome: Outcome::Api {
                code: "InvalidParameterValue.InvalidBandwidth",
                request_id: "req-bw",
            },
            attempts: 1,
        },
        Case {
            name: "InternalError is retried once only",
            script: vec![
                api_error("InternalError", "req-i1"),
                api_error("InternalError", "req-i2"),
                success(1, "never"),
            ],
            tweak: |_| {},
            outcome: Outcome::Api {
                code: "InternalError",
                request_id: "req-i2",
            },
            attempts: 2,
        },
        Case {
            name: "invalid JSON is retried once then reported",
            script: vec![
                Reply::Ok(200, "<html>"),
                Reply::Ok(200, r#"{"Response":{"RequestId":"no-flag"}}"#),
                success(1, "never"),
            ],
            tweak: |_| {},
            outcome: Outcome::InvalidResponse,
            attempts: 2,
        },
        Case {
            name: "a hang is cut by the timeout",
            script: vec![Reply::Hang, Reply::Hang],
            tweak: |c| {
                c.request_timeout = Duration::from_millis(300);
                c.max_retries = 0;
            },
            outcome: Outcome::Timeout { seconds: 0.3 },
            attempts: 1,
        },
        Case {
            name: "a timed-out attempt is retried with a fresh request",
            script: vec![Reply::Hang, success(1, "req-after-hang")],
            tweak: |c| c.request_timeout = Duration::from_millis(300),
            outcome: Outcome::Answer("req-after-hang"),
            attempts: 2,
        },
    ]
}

#[tokio::test]
async fn each_failure_is_retried_per_the_policy() {
    for case in cases() {
        let name = case.name;
        let server = Server::start(case.script).await;
        let mut cfg = config(&server.url, Some("ap-guangzhou"));
        (case.tweak)(&mut cfg);
        let started = Instant::now();
        let result = client_with(cfg, None)
            .check_proxy_create(&request(), never())
            .await;
        assert!(started.elapsed() < Duration::from_secs(3), "{name}: slow");
        // A call that made more than one attempt ends in `Retried` around the last
        // attempt's error, which is the one the case describes.
        if let Err(error) = &result {
            let made = error.attempts().map_or(1, |a| a.count as usize);
            assert_eq!(made, case.attempts, "{name}: attempts counted by the call");
        }
        let result = result.map_err(|error| error.into_last().0);
        match (case.outcome, result) {
            (Outcome::Answer(request_id), Ok(answer)) => {
                assert_eq!(answer.request_id, request_id, "{name}")
            }
            (Outcome::Api { code, request_id }, Err(ClientError::Api(api))) => {
                assert_eq!(api.code, code, "{name}");
                assert_eq!(api.message, format!("message for {code}"), "{name}");
                assert_eq!(api.request_id, request_id, "{name}");
                assert_eq!(api.http_status, 200, "{name}");
            }
            (Outcome::HttpStatus(want), Err(ClientError::HttpStatus { status, .. })) => {
                assert_eq!(status, want, "{name}")
            }
            (Outcome::InvalidResponse, Err(ClientError::InvalidResponse { .. })) => {}
            (Outcome::Timeout { seconds: want }, Err(ClientError::Timeout { seconds, .. })) => {
                assert_eq!(seconds, want, "{name}")
            }
            (_, other) => panic!("{name}: unexpected result {other:?}"),
        }
        let seen = server.seen();
        assert_eq!(seen.len(), case.attempts, "{name}: attempts");
        assert_signed_in(name, &seen);
    }
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
    // Retried once (max_retries 1): `Retried` around the transport error.
    assert_eq!(err.attempts().map(|a| a.count), Some(2), "{err:?}");
    assert!(
        matches!(err.last(), ClientError::Transport { .. }),
        "{err:?}"
    );
    assert!(
        err.to_string().contains(&format!("127.0.0.1:{port}")),
        "{err}"
    );
}
