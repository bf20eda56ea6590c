//! Running the emulator: its `/_emulator/` control endpoints, the loopback-only
//! rule, and the binary's ready line and SIGTERM.

use std::time::{Duration, Instant};

use gaap_emulator::{Emulator, EmulatorConfig, EmulatorError, Knobs};
use serde_json::json;

use crate::call::{get_json, http, start, start_with, Call, GOOD};

#[tokio::test]
async fn control_endpoints_knobs_stats_reset() {
    let emu = start_with(EmulatorConfig {
        knobs: Knobs {
            latency_ms: 1,
            ..Knobs::default()
        },
        ..EmulatorConfig::default()
    })
    .await;
    let url = emu.url();
    let c = http();
    let post_knobs =
        |body: &'static str| c.post(format!("{url}/_emulator/knobs")).body(body).send();
    let posted = post_knobs(r#"{"errors":[{"code":"InternalError","count":1}],"rate_limit":50}"#)
        .await
        .unwrap();
    assert_eq!(posted.status(), 200);
    assert_eq!(emu.knobs().rate_limit, 50);
    let bad = post_knobs(r#"{"latency":5}"#).await.unwrap();
    assert_eq!(bad.status(), 400);
    assert!(bad.text().await.unwrap().contains("latency"));

    assert_eq!(Call::check(GOOD).code(&url).await, "InternalError");
    Call::check(GOOD).send(&url).await;
    Call::check(GOOD).send(&url).await;
    let knobs = get_json(&format!("{url}/_emulator/knobs")).await;
    assert_eq!(knobs["errors"], json!([]));
    let stats = get_json(&format!("{url}/_emulator/stats")).await;
    assert_eq!(
        stats,
        json!({"CheckProxyCreate": {"InternalError": 1, "ok": 2}})
    );

    let reset = c
        .post(format!("{url}/_emulator/reset"))
        .send()
        .await
        .unwrap();
    assert_eq!(reset.status(), 200);
    assert_eq!(emu.stats().total("CheckProxyCreate"), 0);
    assert_eq!(
        emu.knobs(),
        Knobs {
            latency_ms: 1,
            ..Knobs::default()
        }
    );
    emu.shutdown().await;
}

#[tokio::test]
async fn refuses_non_loopback_addresses() {
    for addr in ["0.0.0.0:0", "192.0.2.1:0", "[::]:0"] {
        let err = Emulator::start(EmulatorConfig {
            addr: addr.parse().unwrap(),
            ..EmulatorConfig::default()
        })
        .await
        .err()
        .unwrap();
        assert!(matches!(err, EmulatorError::NotLoopback(_)), "{addr}");
        assert!(err.to_string().contains("loopback"), "{addr}");
    }
    let emu = start().await;
    assert!(emu.url().starts_with("http://127.0.0.1:"));
    emu.shutdown().await;
}

#[tokio::test]
async fn binary_prints_ready_line_and_stops_on_sigterm() {
    use std::io::BufRead;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_gaap-emulator"))
        .args(["--cam-role", "r"])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    // The child answers on its own runtime, so a blocking read here is fine.
    let mut line = String::new();
    std::io::BufReader::new(stdout)
        .read_line(&mut line)
        .unwrap();
    let url = line
        .trim_end()
        .strip_prefix("gaap-emulator listening on ")
        .unwrap()
        .to_owned();
    assert!(url.starts_with("http://127.0.0.1:"), "{line}");
    assert_eq!(
        Call::check(GOOD).send(&url).await["Response"]["CheckFlag"],
        1
    );
    // SAFETY: plain kill(2) on our own child process.
    unsafe { libc::kill(child.id() as i32, libc::SIGTERM) };
    let deadline = Instant::now() + Duration::from_secs(5);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("gaap-emulator did not stop on SIGTERM");
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    };
    assert!(status.success(), "{status:?}");
}
