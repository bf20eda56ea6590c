//! The `GaapClient` against each of the emulator's fault knobs: which faults are
//! retried, how often, and what the caller gets. The emulator's stats count the calls
//! that really reached it.

use std::ops::Range;
use std::time::{Duration, Instant};

use gaap_emulator::{InjectedError, Knobs};
use tencentcloud_client::{ClientConfig, ClientError};

use crate::harness::{errors, harness, ACTION, CLIENT_RATE};

/// What the check ends with.
enum Outcome {
    /// CheckFlag 1.
    Accepted,
    /// The API's error; its message when the knob names one.
    Api {
        code: &'static str,
        message: Option<String>,
    },
    InvalidResponse,
}

impl Outcome {
    /// The API's error `code`, whatever its message.
    fn api(code: &'static str) -> Outcome {
        Outcome::Api {
            code,
            message: None,
        }
    }
}

/// One emulator with `knobs`, one check with the harness config changed by `tweak`.
struct Case {
    /// Also the check's `GroupId`.
    name: String,
    knobs: Knobs,
    tweak: fn(&mut ClientConfig),
    outcome: Outcome,
    /// The emulator's count of calls by outcome.
    counts: Vec<(&'static str, u64)>,
    /// Every call that reached the emulator.
    total: u64,
    /// How long the check takes, where the knob is about time.
    took: Option<Range<Duration>>,
}

impl Case {
    fn new(name: &str, knobs: Knobs, outcome: Outcome) -> Case {
        Case {
            name: name.to_owned(),
            knobs,
            tweak: |_| {},
            outcome,
            counts: Vec::new(),
            total: 0,
            took: None,
        }
    }

    fn tweak(self, tweak: fn(&mut ClientConfig)) -> Case {
        Case { tweak, ..self }
    }

    fn calls(self, counts: &[(&'static str, u64)], total: u64) -> Case {
        Case {
            counts: counts.to_vec(),
            total,
            ..self
        }
    }
}

/// The default knobs, with `set` applied.
fn knobs(set: fn(&mut Knobs)) -> Knobs {
    let mut knobs = Knobs::default();
    set(&mut knobs);
    knobs
}

fn injected(code: &str, message: &str) -> Knobs {
    Knobs {
        errors: vec![InjectedError {
            code: code.into(),
            message: Some(message.into()),
            count: None,
        }],
        ..Knobs::default()
    }
}

fn cases() -> Vec<Case> {
    let mut cases = vec![
        Case::new(
            "throttled",
            knobs(|k| {
                k.errors = vec![
                    errors("RequestLimitExceeded", Some(1)),
                    errors("RequestLimitExceeded.UinLimitExceeded", Some(1)),
                ]
            }),
            Outcome::Accepted,
        )
        .calls(
            &[
                ("RequestLimitExceeded", 1),
                ("RequestLimitExceeded.UinLimitExceeded", 1),
                ("ok", 1),
            ],
            3,
        ),
        Case::new(
            "5xx",
            knobs(|k| {
                k.http_5xx = 2;
                k.http_5xx_status = 502;
            }),
            Outcome::Accepted,
        )
        .calls(&[("http_5xx", 2), ("ok", 1)], 3),
        Case::new("reset", knobs(|k| k.reset = 2), Outcome::Accepted)
            .calls(&[("reset", 2), ("ok", 1)], 3),
        Case::new(
            "invalid-once",
            knobs(|k| k.invalid_json = 1),
            Outcome::Accepted,
        )
        .calls(&[("invalid_json", 1), ("ok", 1)], 2),
        // Reported after two calls, however many retries are allowed.
        Case::new(
            "invalid-always",
            knobs(|k| k.invalid_json = 1000),
            Outcome::InvalidResponse,
        )
        .tweak(|c| c.max_retries = 5)
        .calls(&[("invalid_json", 2)], 2),
        // Cut by the request timeout and retried.
        Case {
            took: Some(Duration::from_millis(300)..Duration::from_secs(3)),
            ..Case::new("hang", knobs(|k| k.hang = 1), Outcome::Accepted)
                .tweak(|c| c.request_timeout = Duration::from_millis(300))
                .calls(&[("hang", 1), ("ok", 1)], 2)
        },
        // InternalError is retried at most once.
        Case::new(
            "internal",
            knobs(|k| k.errors = vec![errors("InternalError", None)]),
            Outcome::api("InternalError"),
        )
        .tweak(|c| c.max_retries = 5)
        .calls(&[("InternalError", 2)], 2),
        Case::new(
            "bounded",
            knobs(|k| k.errors = vec![errors("RequestLimitExceeded", None)]),
            Outcome::api("RequestLimitExceeded"),
        )
        .tweak(|c| c.max_retries = 2)
        .calls(&[("RequestLimitExceeded", 3)], 3),
    ];
    // Non-retryable errors are sent once, however many retries are allowed.
    for code in [
        "InvalidParameterValue.InvalidBandwidth",
        "AuthFailure.UnauthorizedOperation",
        "ResourceUnavailable.AccountViolation",
    ] {
        let message = format!("injected {code}");
        cases.push(
            Case::new(
                &format!("never-{code}"),
                injected(code, &message),
                Outcome::Api {
                    code,
                    message: Some(message.clone()),
                },
            )
            .tweak(|c| c.max_retries = 5)
            .calls(&[(code, 1)], 1),
        );
    }
    cases
}

#[tokio::test]
async fn each_fault_is_retried_per_the_policy() {
    let _shared = CLIENT_RATE.read().await;
    for case in cases() {
        let name = case.name.as_str();
        let h = harness(case.knobs, case.tweak).await;
        let started = Instant::now();
        let result = h.check(name).await;
        let elapsed = started.elapsed();
        // A retried call's error says how many attempts it made; match on the last one.
        let attempts = result.as_ref().err().and_then(ClientError::attempts);
        let result = result.map_err(|e| e.into_last().0);
        match (case.outcome, result) {
            (Outcome::Accepted, Ok(answer)) => {
                assert_eq!(answer.check_flag, 1, "{name}");
                assert!(!answer.request_id.is_empty(), "{name}");
            }
            (Outcome::Api { code, message }, Err(ClientError::Api(api))) => {
                assert_eq!(api.code, code, "{name}");
                if let Some(message) = message {
                    assert_eq!(api.message, message, "{name}");
                }
                assert_eq!(api.request_id.len(), 36, "{name}: a UUID: {api:?}");
            }
            (Outcome::InvalidResponse, Err(ClientError::InvalidResponse { .. })) => {}
            (_, other) => panic!("{name}: unexpected result {other:?}"),
        }
        if let Some(took) = case.took {
            assert!(took.contains(&elapsed), "{name}: took {elapsed:?}");
        }
        let s = h.emu.stats();
        for (outcome, count) in case.counts {
            assert_eq!(s.count(ACTION, outcome), count, "{name}: {outcome}: {s:?}");
        }
        if let Some(attempts) = attempts {
            assert_eq!(
                u64::from(attempts.count),
                s.total(ACTION),
                "{name}: the attempts the error reports are the requests the emulator saw"
            );
            assert!(attempts.elapsed <= elapsed, "{name}: {attempts:?}");
        }
        assert_eq!(s.total(ACTION), case.total, "{name}: total: {s:?}");
        h.emu.shutdown().await;
    }
}
