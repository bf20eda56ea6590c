//! The fault knobs: latency, rate limit, injected API errors, transport faults,
//! hanging, and scoping them to one action.

use std::time::{Duration, Instant};

use gaap_emulator::{EmulatorConfig, InjectedError, Knobs, RunningEmulator};
use serde_json::Value;

use crate::call::{code, start, start_with, Call, GOOD};

#[tokio::test]
async fn latency_knob_delays_answers() {
    let emu = start_with(EmulatorConfig {
        knobs: Knobs {
            latency_ms: 300,
            ..Knobs::default()
        },
        ..EmulatorConfig::default()
    })
    .await;
    let t = Instant::now();
    assert_eq!(Call::check(GOOD).code(&emu.url()).await, "ok");
    assert!(
        t.elapsed() >= Duration::from_millis(300),
        "{:?}",
        t.elapsed()
    );
    emu.set_knobs(Knobs::default());
    let t = Instant::now();
    Call::check(GOOD).send(&emu.url()).await;
    assert!(t.elapsed() < Duration::from_millis(300));
    emu.shutdown().await;
}

/// Sends `n` checks at once; their answer codes and how long the batch took.
async fn burst(emu: &RunningEmulator, n: usize) -> (Vec<String>, Duration) {
    let url = emu.url();
    let started = Instant::now();
    let calls: Vec<_> = (0..n)
        .map(|_| {
            let url = url.clone();
            tokio::spawn(async move { Call::check(GOOD).code(&url).await })
        })
        .collect();
    let mut codes = Vec::new();
    for call in calls {
        codes.push(call.await.expect("call task"));
    }
    (codes, started.elapsed())
}

/// The limit is a bucket of `rate_limit` calls refilled at `rate_limit` per second.
/// The bounds hold however slow the machine is: a burst taking `t` seconds gets at
/// most `limit + limit * t` answers, and the rest are throttled.
#[tokio::test]
async fn rate_limit_answers_request_limit_exceeded_per_second() {
    let emu = start().await;
    emu.set_knobs(Knobs {
        rate_limit: 2,
        ..Knobs::default()
    });
    let (codes, took) = burst(&emu, 12).await;
    let ok = codes.iter().filter(|c| *c == "ok").count();
    let limited = codes
        .iter()
        .filter(|c| *c == "RequestLimitExceeded")
        .count();
    assert_eq!(ok + limited, 12, "{codes:?}");
    let most = 2 + (2.0 * took.as_secs_f64()).floor() as usize;
    assert!(
        ok >= 2 && ok <= most,
        "{ok} answered in {took:?}: {codes:?}"
    );
    // Twelve loopback calls never take the 5 s that refilling ten tokens would.
    assert!(limited >= 1, "{codes:?} in {took:?}");

    // The bucket refills: after a pause a call is answered again.
    tokio::time::sleep(Duration::from_millis(1100)).await;
    assert_eq!(Call::check(GOOD).code(&emu.url()).await, "ok");
    let s = emu.stats();
    assert_eq!(s.count("CheckProxyCreate", "ok"), ok as u64 + 1);
    assert_eq!(
        s.count("CheckProxyCreate", "RequestLimitExceeded"),
        limited as u64
    );

    // The throttling code is a knob too.
    emu.set_knobs(Knobs {
        rate_limit: 1,
        rate_limit_code: Some("RequestLimitExceeded.UinLimitExceeded".into()),
        ..Knobs::default()
    });
    tokio::time::sleep(Duration::from_millis(1100)).await;
    let (codes, took) = burst(&emu, 6).await;
    assert!(
        codes
            .iter()
            .any(|c| c == "RequestLimitExceeded.UinLimitExceeded"),
        "{codes:?} in {took:?}"
    );
    assert!(
        codes
            .iter()
            .all(|c| c == "ok" || c == "RequestLimitExceeded.UinLimitExceeded"),
        "{codes:?}"
    );
    emu.shutdown().await;
}

#[tokio::test]
async fn injected_error_queue_then_always() {
    let emu = start().await;
    emu.set_knobs(Knobs {
        errors: vec![
            InjectedError {
                code: "InternalError".into(),
                message: Some("boom".into()),
                count: Some(2),
            },
            InjectedError {
                code: "ResourceUnavailable.AccountViolation".into(),
                message: None,
                count: Some(1),
            },
        ],
        ..Knobs::default()
    });
    let url = emu.url();
    let first = Call::check(GOOD).send(&url).await;
    assert_eq!(code(&first), "InternalError");
    assert_eq!(first["Response"]["Error"]["Message"], "boom");
    // The queue drains in order, then the API answers again.
    for (i, want) in [
        "InternalError",
        "ResourceUnavailable.AccountViolation",
        "ok",
    ]
    .into_iter()
    .enumerate()
    {
        assert_eq!(Call::check(GOOD).code(&url).await, want, "call {}", i + 2);
    }
    assert!(emu.knobs().errors.is_empty());

    emu.set_knobs(Knobs {
        errors: vec![InjectedError {
            code: "FailedOperation".into(),
            message: None,
            count: None,
        }],
        ..Knobs::default()
    });
    for i in 0..3 {
        assert_eq!(
            Call::check(GOOD).code(&url).await,
            "FailedOperation",
            "call {i}"
        );
    }
    emu.shutdown().await;
}

#[tokio::test]
async fn http_5xx_reset_and_invalid_json_knobs() {
    let emu = start().await;
    let url = emu.url();
    emu.set_knobs(Knobs {
        http_5xx: 1,
        http_5xx_status: 502,
        reset: 1,
        invalid_json: 1,
        ..Knobs::default()
    });
    // Transport faults are taken in the order hang, reset, 5xx, invalid JSON.
    let reset = Call::check(GOOD).request(&url).send().await;
    assert!(reset.is_err(), "{reset:?}");
    let r = Call::check(GOOD).request(&url).send().await.unwrap();
    assert_eq!(r.status(), 502);
    let r = Call::check(GOOD).request(&url).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let text = r.text().await.unwrap();
    assert!(serde_json::from_str::<Value>(&text).is_err(), "{text}");
    assert_eq!(Call::check(GOOD).code(&url).await, "ok");
    let s = emu.stats();
    for outcome in ["reset", "http_5xx", "invalid_json", "ok"] {
        assert_eq!(s.count("CheckProxyCreate", outcome), 1, "{outcome}");
    }
    emu.shutdown().await;
}

#[tokio::test]
async fn hang_knob_never_answers_until_shutdown() {
    let emu = start().await;
    let url = emu.url();
    let hang_once = Knobs {
        hang: 1,
        ..Knobs::default()
    };
    emu.set_knobs(hang_once.clone());
    let hung = Call::check(GOOD)
        .request(&url)
        .timeout(Duration::from_millis(300))
        .send()
        .await;
    assert!(hung.unwrap_err().is_timeout());
    assert_eq!(Call::check(GOOD).code(&url).await, "ok");

    // A hanging request is ended by shutdown.
    emu.set_knobs(hang_once);
    let pending = tokio::spawn(Call::check(GOOD).request(&url).send());
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert_eq!(emu.stats().count("CheckProxyCreate", "hang"), 2);
    let t = Instant::now();
    emu.shutdown().await;
    let ended = tokio::time::timeout(Duration::from_secs(5), pending)
        .await
        .unwrap()
        .unwrap();
    assert!(ended.is_err());
    assert!(t.elapsed() < Duration::from_secs(3));
}

#[tokio::test]
async fn only_action_scopes_faults() {
    let emu = start().await;
    let url = emu.url();
    emu.set_knobs(Knobs {
        reset: 1,
        errors: vec![InjectedError {
            code: "InternalError".into(),
            message: None,
            count: Some(1),
        }],
        only_action: Some("CheckProxyCreate".into()),
        ..Knobs::default()
    });
    assert_eq!(Call::assume_role().code(&url).await, "ok");
    assert!(Call::check(GOOD).request(&url).send().await.is_err());
    assert_eq!(Call::check(GOOD).code(&url).await, "InternalError");
    assert_eq!(Call::check(GOOD).code(&url).await, "ok");
    emu.shutdown().await;
}
