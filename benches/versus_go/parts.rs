//! The five measured parts; each returns the outcomes it judged against its targets.

use std::time::Duration;

use gaap_emulator::Knobs;

use crate::common::plugin_client::ClientIdentity;
use crate::measure::{handshake_and_rss, peak_of_processes, show, ProcessSample};
use crate::terraform::{null_provider, null_workspace, ours, ours_workspace, TestEmulator, PLAN};
use crate::Outcome;

const PROCESS_RUNS: usize = 15;
const PLAN_RUNS: usize = 7;
const THROTTLED_RUNS: usize = 3;
const MEMORY_RUNS: usize = 3;

/// One figure of a process sample.
type Field = fn(&ProcessSample) -> f64;

/// a + b: spawn to handshake and VmHWM after GetSchema, ours against null's.
pub(crate) fn handshake_and_memory() -> Vec<Outcome> {
    println!(
        "a/b. spawn to handshake, VmHWM after GetSchema ({PROCESS_RUNS} alternating runs each)"
    );
    let (ours_bin, null_bin) = (ours(), null_provider());
    let runtime = tokio::runtime::Runtime::new().expect("tokio runtime");
    let identity = ClientIdentity::terraform_like();
    let (mut ours_samples, mut null_samples) = (Vec::new(), Vec::new());
    runtime.block_on(async {
        // Warm the page cache for both binaries.
        handshake_and_rss(&ours_bin, &identity).await;
        handshake_and_rss(&null_bin, &identity).await;
        for _ in 0..PROCESS_RUNS {
            ours_samples.push(handshake_and_rss(&ours_bin, &identity).await);
            null_samples.push(handshake_and_rss(&null_bin, &identity).await);
        }
    });
    let field =
        |samples: &[ProcessSample], f: Field| -> Vec<f64> { samples.iter().map(f).collect() };
    // (label, unit, field): each shown for ours then null's, in this order.
    let compared: [(&str, &str, Field); 2] = [
        ("handshake", "ms", |s| s.handshake_ms),
        ("VmHWM after GetSchema", "MiB", |s| s.hwm_mib),
    ];
    let [handshake, hwm] = compared.map(|(label, unit, f)| {
        let mine = show(&format!("{label}, ours"), unit, &field(&ours_samples, f));
        let theirs = show(
            &format!("{label}, null 2.1.2"),
            unit,
            &field(&null_samples, f),
        );
        mine.median / theirs.median
    });
    for (who, samples) in [("ours", &ours_samples), ("null 2.1.2", &null_samples)] {
        show(
            &format!("  of which RssAnon now, {who}"),
            "MiB",
            &field(samples, |s| s.anon_mib),
        );
        show(
            &format!("  of which RssFile now, {who}"),
            "MiB",
            &field(samples, |s| s.file_mib),
        );
    }
    vec![
        Outcome::ratio_at_most("a. handshake, ours / null (medians)", handshake, 0.1),
        Outcome::ratio_at_most("b. VmHWM after GetSchema, ours / null", hwm, 0.35),
    ]
}

/// c: `terraform plan` of 100 checks against 100 `null_data_source`.
pub(crate) fn plan_against_null() -> Vec<Outcome> {
    println!(
        "c. terraform plan, 100 checks vs 100 null_data_source ({PLAN_RUNS} alternating runs each)"
    );
    let emulator = TestEmulator::start(Knobs::default());
    let env = emulator.env();
    let ours_ws = ours_workspace(100, 1000);
    let null_ws = null_workspace(100);
    ours_ws.plan(&env); // warm-up
    null_ws.plan(&[]);
    let (mut plan_ours, mut plan_null) = (Vec::new(), Vec::new());
    for _ in 0..PLAN_RUNS {
        plan_ours.push(ours_ws.plan(&env).0);
        plan_null.push(null_ws.plan(&[]).0);
    }
    let p_ours = show("plan, 100 gaap_proxy_create_check", "s", &plan_ours);
    let p_null = show("plan, 100 null_data_source", "s", &plan_null);
    vec![Outcome::ratio_at_most(
        "c. 100-check plan, ours / null",
        p_ours.median / p_null.median,
        1.0,
    )]
}

/// d: 200 checks under a 20/s limit against the ideal 10 s, with no errors.
pub(crate) fn throttled_plan() -> Vec<Outcome> {
    println!(
        "d. 200 checks, emulator limit 20/s, provider rate_limit = 20 ({THROTTLED_RUNS} runs)"
    );
    let emulator = TestEmulator::start(Knobs {
        rate_limit: 20,
        ..Knobs::default()
    });
    let env = emulator.env();
    let throttled_ws = ours_workspace(200, 20);
    let one_ws = ours_workspace(1, 20);
    let (mut throttled, mut one_check, mut errors) = (Vec::new(), Vec::new(), 0u64);
    for _ in 0..THROTTLED_RUNS {
        std::thread::sleep(Duration::from_millis(1500)); // the emulator's bucket refills
        emulator.reset();
        let (seconds, ok, text) = throttled_ws.run(PLAN, &env);
        let (good, all) = emulator.calls();
        let failed = u64::from(!ok) + (all - good) + 200u64.saturating_sub(good);
        if failed > 0 {
            eprintln!("throttled plan: ok={ok}, {good} of {all} calls answered:\n{text}");
        }
        errors += failed;
        throttled.push(seconds);
        std::thread::sleep(Duration::from_millis(1500));
        emulator.reset();
        one_check.push(one_ws.plan(&env).0);
    }
    let t = show("plan, 200 checks at 20/s", "s", &throttled);
    let one = show("plan, 1 check, same setup (fixed cost)", "s", &one_check);
    println!(
        "  (information, not the target) 200-check plan minus the 1-check plan: {:.2} s",
        t.median - one.median
    );
    println!("  errors (failed plans + throttled or failed calls + missing calls): {errors}");
    let ratio = t.median / 10.0;
    vec![
        Outcome {
            name: "d. 200 checks at 20/s, / ideal 10 s".into(),
            value: ratio,
            unit: "x",
            target: 1.05,
            met: ratio <= 1.05 && errors == 0,
        },
        Outcome {
            name: "d. errors in the throttled plans".into(),
            value: errors as f64,
            unit: "",
            target: 0.0,
            met: errors == 0,
        },
    ]
}

/// e: the provider's peak memory for a 1000-check plan against a 1-check plan.
pub(crate) fn memory_by_plan_size() -> Vec<Outcome> {
    println!("e. provider peak memory, 1000 vs 1 check ({MEMORY_RUNS} alternating runs each)");
    let ours_bin = ours();
    let emulator = TestEmulator::start(Knobs::default());
    let env = emulator.env();
    let big = ours_workspace(1000, 1000);
    let small = ours_workspace(1, 1000);
    let (mut mem_big, mut mem_small) = (Vec::new(), Vec::new());
    let (mut secs_big, mut secs_small) = (Vec::new(), Vec::new());
    let mut processes = (0, 0);
    for _ in 0..MEMORY_RUNS {
        let ((seconds, _), peak, n) = peak_of_processes(&ours_bin, || big.plan(&env));
        mem_big.push(peak);
        secs_big.push(seconds);
        processes.0 = n;
        let ((seconds, _), peak, n) = peak_of_processes(&ours_bin, || small.plan(&env));
        mem_small.push(peak);
        secs_small.push(seconds);
        processes.1 = n;
    }
    show("plan, 1000 checks (time)", "s", &secs_big);
    show("plan, 1 check (time)", "s", &secs_small);
    let m_big = show("provider peak VmHWM, 1000 checks", "MiB", &mem_big);
    let m_small = show("provider peak VmHWM, 1 check", "MiB", &mem_small);
    println!(
        "  provider processes seen per plan: {} (1000 checks), {} (1 check)",
        processes.0, processes.1
    );
    let ratio = m_big.median / m_small.median;
    // Strictly below the bound, unlike the other ratios.
    vec![Outcome {
        name: "e. peak memory, 1000 checks / 1 check".into(),
        value: ratio,
        unit: "x",
        target: 2.0,
        met: ratio < 2.0,
    }]
}
