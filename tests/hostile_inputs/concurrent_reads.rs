//! 200 concurrent reads against an emulator that misbehaves in every way it can.

use std::sync::Arc;
use std::time::{Duration, Instant};

use gaap_emulator::{Emulator, EmulatorConfig, InjectedError, Knobs};
use terraform_provider_gaap::protocol::wire;
use terraform_provider_gaap::protocol::{msgpack, Number, Value};
use terraform_provider_gaap::provider::PROXY_CREATE_CHECK;

use crate::harness::{call, start_plugin};
use crate::has_error;
use crate::values::{mp, n, object, s, schema_types};

/// The emulator's answer for `CheckFlag`: whether its region catalogue offers the
/// connection (the same rule its `CheckProxyCreate` uses).
pub(crate) fn expected_flag(access: &str, real: &str, bandwidth: i64, concurrent: i64) -> i64 {
    let region = |id: &str| {
        gaap_emulator::catalogue::find(id).unwrap_or_else(|| panic!("{id} is in the catalogue"))
    };
    i64::from(gaap_emulator::catalogue::creatable(
        &gaap_emulator::catalogue::Check {
            access: region(access),
            origin: region(real),
            bandwidth,
            concurrent,
            ip_version: None,
            network_type: None,
            package: None,
        },
    ))
}

/// One read's arguments.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct Args {
    pub(crate) access: &'static str,
    pub(crate) real: &'static str,
    pub(crate) bandwidth: i64,
    pub(crate) concurrent: i64,
}

/// 200 reads: 6 with an unknown access region (a non-retryable API error whatever the
/// faults), 6 identical ones (single-flight may share their call), and 188 distinct
/// ones whose flags are a mix of 0 and 1. Deterministic: no randomness in the test.
pub(crate) fn read_plan() -> Vec<Args> {
    (0..200i64)
        .map(|i| match i {
            0..6 => Args {
                access: "Atlantis",
                real: "EastChina",
                bandwidth: 100 + i,
                concurrent: 1,
            },
            6..12 => Args {
                access: "SouthChina",
                real: "EastChina",
                bandwidth: 10,
                concurrent: 2,
            },
            // Every third one a bandwidth and concurrency the catalogue offers (a 1
            // unless the origin is the access region itself), the others mostly not.
            _ if i % 3 == 0 => {
                let offers = gaap_emulator::catalogue::find("SouthChina")
                    .expect("SouthChina is in the catalogue")
                    .offers;
                let (b, c) = (offers.bandwidths, offers.concurrents);
                let k = (i / 3) as usize;
                Args {
                    access: "SouthChina",
                    real: if i % 17 == 0 {
                        "SouthChina"
                    } else {
                        "NorthChina"
                    },
                    bandwidth: b[k % b.len()],
                    concurrent: c[k / b.len() % c.len()],
                }
            }
            _ => Args {
                access: "SouthChina",
                real: if i % 17 == 0 {
                    "SouthChina"
                } else {
                    "NorthChina"
                },
                bandwidth: (i * 7) % 1500 + 1,
                concurrent: i % 60 + 1,
            },
        })
        .collect()
}

/// Words an error diagnostic about a failed call must contain one of.
pub(crate) const FAILURE_WORDS: &[&str] = &[
    "RequestLimitExceeded",
    "InternalError",
    "UnauthorizedOperation",
    "ServiceUnavailable",
    "UnknownAccessRegion",
    "timed out",
    "HTTP",
    "503",
    "JSON",
    "connection",
];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_hundred_concurrent_reads_against_a_faulty_emulator() {
    const MAX_RETRIES: u32 = 6;
    const REQUEST_TIMEOUT: Duration = Duration::from_secs(2);
    // (1 + retries) attempts of at most the timeout, each followed by at most the
    // backoff cap (tencentcloud-client `backoff::DEFAULT_CAP`, 5 s), plus slack for a
    // loaded 2-core machine.
    let budget =
        (REQUEST_TIMEOUT + Duration::from_secs(5)) * (1 + MAX_RETRIES) + Duration::from_secs(20);

    let knobs = Knobs {
        latency_ms: 15,
        rate_limit: 60,
        errors: vec![
            InjectedError {
                code: "RequestLimitExceeded".into(),
                message: None,
                count: Some(6),
            },
            InjectedError {
                code: "InternalError".into(),
                message: None,
                count: Some(4),
            },
            InjectedError {
                code: "UnauthorizedOperation".into(),
                message: Some("injected: not allowed".into()),
                count: Some(3),
            },
            InjectedError {
                code: "ServiceUnavailable".into(),
                message: None,
                count: Some(4),
            },
        ],
        http_5xx: 8,
        reset: 6,
        invalid_json: 5,
        hang: 2,
        only_action: Some("CheckProxyCreate".into()),
        ..Knobs::default()
    };
    let emulator = Emulator::start(EmulatorConfig {
        knobs: knobs.clone(),
        ..EmulatorConfig::default()
    })
    .await
    .unwrap();
    let mut h = start_plugin().await;
    let (provider_ty, ds_ty) = schema_types();
    let config = object(
        &provider_ty,
        &[
            ("endpoint", s(&emulator.url())),
            ("secret_id", s(gaap_emulator::DEMO_SECRET_ID)),
            ("secret_key", s(gaap_emulator::DEMO_SECRET_KEY)),
            ("region", s("ap-guangzhou")),
            ("request_timeout", n(REQUEST_TIMEOUT.as_secs() as i64)),
            ("max_retries", n(i64::from(MAX_RETRIES))),
            ("rate_limit", n(1000)),
        ],
    );
    let diags = call(&mut h, "Configure", "", Some(mp(&config, &provider_ty)))
        .await
        .expect("Configure");
    assert!(!has_error(&diags), "Configure: {diags:?}");

    let plan = read_plan();
    let started = Instant::now();
    let ds_ty = Arc::new(ds_ty);
    let reads = plan.iter().cloned().map(|args| {
        let mut client = h.client.clone();
        let ds_ty = ds_ty.clone();
        async move {
            let config = object(
                &ds_ty,
                &[
                    ("access_region", s(args.access)),
                    ("real_server_region", s(args.real)),
                    ("bandwidth", n(args.bandwidth)),
                    ("concurrent", n(args.concurrent)),
                ],
            );
            let request = wire::read_data_source::Request {
                type_name: PROXY_CREATE_CHECK.into(),
                config: Some(mp(&config, &ds_ty)),
                ..Default::default()
            };
            let begun = Instant::now();
            let answer = tokio::time::timeout(budget, client.read_data_source(request)).await;
            (args, begun.elapsed(), answer)
        }
    });
    let results = futures_util::future::join_all(reads).await;
    let wall = started.elapsed();
    assert_eq!(results.len(), 200, "every read answered");

    let stats = emulator.stats();
    let mut failures = Vec::new();
    let mut ok_keys = std::collections::BTreeSet::new();
    let (mut ok_reads, mut unauthorized_reads, mut atlantis_failed) = (0, 0, 0);
    let mut unauthorized_keys = std::collections::BTreeSet::new();
    let mut slowest = Duration::ZERO;
    let mut failed_other = Vec::new();
    for (args, elapsed, answer) in results {
        slowest = slowest.max(elapsed);
        let case = format!("{args:?}");
        let response = match answer {
            Err(_) => {
                failures.push(format!("{case}: no answer within {budget:?}"));
                continue;
            }
            Ok(Err(status)) => {
                failures.push(format!("{case}: gRPC error {status:?}"));
                continue;
            }
            Ok(Ok(r)) => r.into_inner(),
        };
        if elapsed > budget {
            failures.push(format!("{case}: took {elapsed:?}, budget {budget:?}"));
        }
        if has_error(&response.diagnostics) {
            let text: String = response
                .diagnostics
                .iter()
                .map(|d| format!("{} {}", d.summary, d.detail))
                .collect();
            if !FAILURE_WORDS.iter().any(|w| text.contains(w)) {
                failures.push(format!("{case}: error names no failure: {text}"));
            }
            if response.state.is_some() {
                failures.push(format!("{case}: a state with an error"));
            }
            if text.contains("UnauthorizedOperation") {
                unauthorized_reads += 1;
                unauthorized_keys.insert(args.clone());
            } else if args.access == "Atlantis" {
                if text.contains("UnknownAccessRegion") {
                    atlantis_failed += 1;
                } else {
                    failed_other.push(format!("{case}: {text}"));
                }
            } else {
                failed_other.push(format!("{case}: {text}"));
            }
            continue;
        }
        if args.access == "Atlantis" {
            failures.push(format!("{case}: an unknown region must fail"));
            continue;
        }
        let state = match response.state {
            Some(state) => msgpack::decode(&state.msgpack, &ds_ty).expect("state decodes"),
            None => {
                failures.push(format!("{case}: no state and no error"));
                continue;
            }
        };
        let flag = state
            .attr("check_flag")
            .and_then(Value::as_number)
            .and_then(Number::to_i64_exact);
        let want = expected_flag(args.access, args.real, args.bandwidth, args.concurrent);
        if flag != Some(want) {
            failures.push(format!("{case}: check_flag {flag:?}, want {want}"));
        }
        ok_reads += 1;
        ok_keys.insert(args);
    }

    // The emulator's view agrees with the answers.
    let action = "CheckProxyCreate";
    let ok_calls = stats.count(action, "ok") as usize;
    let check = |cond: bool, what: String, failures: &mut Vec<String>| {
        if !cond {
            failures.push(what);
        }
    };
    check(
        ok_keys.len() <= ok_calls && ok_calls <= ok_reads,
        format!("ok calls {ok_calls}: between distinct successful arguments {} and successful reads {ok_reads}", ok_keys.len()),
        &mut failures,
    );
    for (outcome, want) in [
        ("hang", 2),
        ("reset", 6),
        ("http_5xx", 8),
        ("invalid_json", 5),
        ("UnauthorizedOperation", 3),
        ("InternalError", 4),
        ("ServiceUnavailable", 4),
    ] {
        let got = stats.count(action, outcome);
        check(
            got == want,
            format!("stats {outcome}: {got}, every injected fault consumed: {want}"),
            &mut failures,
        );
    }
    check(
        stats.count(action, "RequestLimitExceeded") >= 6,
        format!(
            "stats RequestLimitExceeded {} < 6 injected",
            stats.count(action, "RequestLimitExceeded")
        ),
        &mut failures,
    );
    // A non-retryable answer ends the read(s) waiting on that call: at least one read per
    // such call, at most one argument set per call.
    check(
        unauthorized_reads >= 3 && unauthorized_keys.len() <= 3,
        format!(
            "UnauthorizedOperation: {unauthorized_reads} reads, {} argument sets, for 3 calls",
            unauthorized_keys.len()
        ),
        &mut failures,
    );
    let unknown_region = stats.count(action, "InvalidParameterValue.UnknownAccessRegion");
    check(
        unknown_region == atlantis_failed as u64
            && atlantis_failed
                + unauthorized_keys
                    .iter()
                    .filter(|a| a.access == "Atlantis")
                    .count()
                == 6,
        format!("unknown region: {unknown_region} calls, {atlantis_failed} reads"),
        &mut failures,
    );
    let left = emulator.knobs();
    check(
        left.errors.is_empty() && left.hang + left.reset + left.http_5xx + left.invalid_json == 0,
        format!("faults left over: {left:?}"),
        &mut failures,
    );
    // Retryable faults are few next to the retries: reads failing for them are rare.
    check(
        failed_other.len() <= 10,
        format!(
            "{} reads failed on retryable faults:\n{}",
            failed_other.len(),
            failed_other.join("\n")
        ),
        &mut failures,
    );

    h.assert_alive("after 200 reads");
    let stderr = h.plugin.stderr();
    assert!(!stderr.contains("panic: "), "panic on stderr:\n{stderr}");
    assert!(
        failures.is_empty(),
        "{} problems:\n{}\nstats: {stats:?}",
        failures.len(),
        failures.join("\n")
    );
    eprintln!(
        "200 reads in {wall:?} (slowest {slowest:?}, budget {budget:?}): {ok_reads} ok, {} failed on retryable faults; stats {stats:?}",
        failed_other.len()
    );
    emulator.shutdown().await;
}
