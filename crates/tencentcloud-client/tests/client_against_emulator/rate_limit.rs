//! The client's rate limit keeps its calls under the emulator's own limit.

use std::time::{Duration, Instant};

use gaap_emulator::Knobs;

use crate::harness::{harness, ACTION, CLIENT_RATE};

/// `calls` concurrent checks with the client and the emulator both limited to
/// `rate` per second, the emulator answering after `latency_ms`, and no retries (a
/// throttled call would surface as an error instead of being hidden): every call
/// must succeed and none be throttled. Gives how long they took.
async fn concurrent_checks_under_one_limit(
    row: &str,
    rate: u32,
    latency_ms: u64,
    calls: usize,
) -> Duration {
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
        assert_eq!(
            r.as_ref().map(|a| a.check_flag).ok(),
            Some(1),
            "{row}: {t}: {r:?}"
        );
    }
    let s = h.emu.stats();
    assert_eq!(s.count(ACTION, "RequestLimitExceeded"), 0, "{row}: {s:?}");
    assert_eq!(s.count(ACTION, "ok"), calls as u64, "{row}: {s:?}");
    assert_eq!(s.total(ACTION), calls as u64, "{row}: {s:?}");
    h.emu.shutdown().await;
    elapsed
}

struct Case {
    name: &'static str,
    rate: u32,
    latency_ms: u64,
    calls: usize,
    /// The least the calls can take at `rate`.
    at_least: Duration,
}

#[tokio::test]
async fn client_rate_limit_stays_under_the_emulators() {
    // Alone: the limiter is process-wide, and this lowers its rate.
    let _alone = CLIENT_RATE.write().await;
    let cases = [
        // Two calls per second: the fifth leaves after two full seconds.
        Case {
            name: "instant answers",
            rate: 2,
            latency_ms: 0,
            calls: 5,
            at_least: Duration::from_millis(2000),
        },
        // The emulator counts a call only after its 200 ms of latency, so a limiter
        // that counted from the send would let the next batch meet a bucket still
        // refilling. Counting each place from the answer keeps every call under the
        // limit: three batches of three, each after the span that follows the last
        // answer, 2 x (200 ms + 1 s) + 200 ms.
        Case {
            name: "the server counts late",
            rate: 3,
            latency_ms: 200,
            calls: 9,
            at_least: Duration::from_millis(2600),
        },
    ];
    for case in cases {
        let elapsed =
            concurrent_checks_under_one_limit(case.name, case.rate, case.latency_ms, case.calls)
                .await;
        assert!(elapsed >= case.at_least, "{}: took {elapsed:?}", case.name);
    }
}
