//! `gaap_proxy_create_check` against the emulator: plan and apply, the API's errors
//! and keys, throttling, secrets kept out of logs, and the shipped examples.

use std::time::Duration;

use gaap_emulator::Knobs;
use serde_json::Value;

use crate::e2e::diagnostics::{attribute_line, has_request_id};
use crate::e2e::emulator::TestEmulator;
use crate::e2e::{Workspace, CHECKS_TF, MANY_TF, UNKNOWN_REGION_TF};
use crate::harness::{
    emulator_workspace, emulator_workspace_with_key, failed_plan_errors, for_each_terraform,
    output_value, plan_and_show, runs_check_blocks,
};

#[test]
fn plan_and_apply_report_check_flag_one_and_zero() {
    // (output, the check flag it must hold)
    let flags = [("creatable", 1), ("too_big", 0)];
    let emulator = TestEmulator::start(Knobs::default());
    for_each_terraform(|tf| {
        let ws = emulator_workspace(tf, CHECKS_TF, &emulator);

        ws.run_traced(&["plan", "-input=false", "-out=tfplan"])
            .success();
        let shown = ws.run(&["show", "-json", "tfplan"]).success().json();
        for (name, flag) in flags {
            assert_eq!(
                output_value(&shown, &format!("/planned_values/outputs/{name}/value")),
                &Value::from(flag),
                "planned {name}"
            );
        }

        ws.run_traced(&["apply", "-input=false", "-auto-approve"])
            .success();
        let outputs = ws.run(&["output", "-json"]).success().json();
        for (name, flag) in flags {
            assert_eq!(
                output_value(&outputs, &format!("/{name}/value")),
                &Value::from(flag),
                "applied {name}"
            );
        }
        let request_id = output_value(&outputs, "/request_id/value");
        assert!(
            request_id.as_str().is_some_and(has_request_id),
            "request_id should be the API's RequestId: {request_id}"
        );

        let written = std::fs::read_to_string(ws.path().join("creatable.json"))
            .unwrap_or_else(|e| panic!("result_output_file was not written: {e}"));
        serde_json::from_str::<Value>(&written)
            .unwrap_or_else(|e| panic!("result_output_file is not JSON ({e}): {written}"));
    });
    let stats = emulator.stats();
    assert!(
        stats.count("CheckProxyCreate", "ok") >= 2,
        "the emulator should have answered the checks: {stats:?}"
    );
}

#[test]
fn unknown_region_is_reported_on_access_region_with_code_and_request_id() {
    let emulator = TestEmulator::start(Knobs::default());
    for_each_terraform(|tf| {
        let ws = emulator_workspace(tf, UNKNOWN_REGION_TF, &emulator);
        let (out, errors) = failed_plan_errors(&ws);
        let line = attribute_line(UNKNOWN_REGION_TF, "nowhere", "access_region");
        let error = errors
            .iter()
            .find(|d| {
                d.text()
                    .contains("InvalidParameterValue.UnknownAccessRegion")
            })
            .unwrap_or_else(|| {
                panic!(
                    "no UnknownAccessRegion error: {errors:#?}\n{}",
                    out.describe()
                )
            });
        assert_eq!(
            error.line,
            Some(line),
            "the error should point at access_region: {error:?}"
        );
        assert!(
            has_request_id(&error.text()),
            "the error should carry the RequestId: {error:?}"
        );
        assert!(
            error.text().contains("Atlantis"),
            "the API's message should be shown: {error:?}"
        );
    });
}

#[test]
fn wrong_secret_key_gives_auth_failure_guidance_without_leaking_it() {
    const WRONG_KEY: &str = "WRONGgaapSecretKeyE2E00000000000000";
    let emulator = TestEmulator::start(Knobs::default());
    for_each_terraform(|tf| {
        let ws = emulator_workspace_with_key(tf, CHECKS_TF, &emulator, WRONG_KEY);
        let out = ws.run_traced(&["plan", "-input=false"]).failure();
        let shown = out.shown();
        assert!(
            shown.contains("AuthFailure"),
            "expected an AuthFailure error\n{}",
            out.describe()
        );
        let lower = shown.to_lowercase();
        assert!(
            lower.contains("secret_key") || lower.contains("secret key"),
            "an AuthFailure should say how to fix the keys\n{}",
            out.describe()
        );
        assert!(
            has_request_id(&shown),
            "the error should carry the RequestId\n{}",
            out.describe()
        );
        let log = out.log.as_deref().unwrap_or_default();
        assert!(
            !shown.contains(WRONG_KEY) && !log.contains(WRONG_KEY),
            "the secret key leaked into the output or the trace log"
        );
    });
}

#[test]
fn fifty_distinct_checks_under_a_rate_limit_all_succeed_without_throttling() {
    const CHECKS: u64 = 50;
    let emulator = TestEmulator::start(Knobs {
        rate_limit: 5,
        ..Knobs::default()
    });
    for_each_terraform(|tf| {
        emulator.reset();
        let mut ws = emulator_workspace(tf, MANY_TF, &emulator);
        // 50 calls at 5 per second take 10 s; leave room for a loaded machine.
        ws.timeout(Duration::from_secs(240));
        let (out, shown) = plan_and_show(&ws, &[]);
        let flags = output_value(&shown, "/planned_values/outputs/flags/value");
        let flags = flags
            .as_array()
            .unwrap_or_else(|| panic!("flags is not a list: {flags}"));
        assert_eq!(flags.len() as u64, CHECKS, "{}", out.describe());
        assert!(
            flags.iter().all(|f| f == &Value::from(1)),
            "every check is creatable: {flags:?}"
        );

        let stats = emulator.stats();
        assert_eq!(
            stats.count("CheckProxyCreate", "ok"),
            CHECKS,
            "one successful call per distinct check: {stats:?}"
        );
        assert_eq!(
            stats.total("CheckProxyCreate"),
            CHECKS,
            "the emulator throttled or failed some calls: {stats:?}"
        );
    });
}

#[test]
fn trace_log_never_contains_the_secret_key_or_token() {
    let emulator = TestEmulator::start(Knobs::default());
    for_each_terraform(|tf| {
        let creds = emulator.temporary_credentials();
        let mut ws = Workspace::new(tf, CHECKS_TF);
        ws.env("TENCENTCLOUD_GAAP_ENDPOINT", &emulator.url())
            .env("TENCENTCLOUD_SECRET_ID", &creds.secret_id)
            .env("TENCENTCLOUD_SECRET_KEY", &creds.secret_key)
            .env("TENCENTCLOUD_SECURITY_TOKEN", &creds.token);
        let out = ws.run_traced(&["plan", "-input=false"]).success();
        let log = out.log.as_deref().unwrap_or_default();
        // The provider logs each API call at DEBUG, so its logs are in this file.
        assert!(
            log.contains("CheckProxyCreate"),
            "the trace log should hold the provider's API call logs"
        );
        for (what, secret) in [("secret key", &creds.secret_key), ("token", &creds.token)] {
            assert!(
                !log.contains(secret.as_str()),
                "the {what} is in the trace log"
            );
            assert!(
                !out.shown().contains(secret.as_str()),
                "the {what} is in the output"
            );
        }
    });
}

#[test]
fn shipped_examples_plan_against_the_emulator() {
    let emulator = TestEmulator::start(Knobs::default());
    let quickstart = include_str!("../../examples/quickstart/main.tf");
    let fail_early = include_str!("../../examples/fail-early/main.tf");
    let nearest = include_str!("../../examples/nearest-access-region/main.tf");
    let planned = |shown: &Value, name: &str| {
        output_value(shown, &format!("/planned_values/outputs/{name}/value")).clone()
    };
    for_each_terraform(|tf| {
        let mut examples = vec![("quickstart", quickstart)];
        if runs_check_blocks(tf) {
            examples.push(("fail-early", fail_early));
        }
        for (name, config) in examples {
            let ws = emulator_workspace(tf, config, &emulator);
            let (out, shown) = plan_and_show(&ws, &[]);
            assert_eq!(
                planned(&shown, "planned_check_flag"),
                Value::from(1),
                "examples/{name}\n{}",
                out.describe()
            );
            assert_eq!(
                planned(&shown, "what_if_2gbps_check_flag"),
                Value::from(0),
                "examples/{name}"
            );
            if name == "fail-early" {
                // The check block's warning says why, from the reasons.
                assert!(
                    out.shown().contains("above the largest offered"),
                    "examples/fail-early should warn with the reasons\n{}",
                    out.describe()
                );
                let suggestions = planned(&shown, "what_if_2gbps_suggestions");
                assert_eq!(
                    suggestions[0]["bandwidth"],
                    Value::from(1000),
                    "{suggestions}"
                );
            }
        }
        if runs_check_blocks(tf) {
            let ws = emulator_workspace(tf, nearest, &emulator);
            let (out, shown) = plan_and_show(&ws, &[]);
            assert_eq!(
                planned(&shown, "access_region"),
                Value::from("Guangzhou"),
                "Chongqing (the first preference) offers concurrency up to 30, not 50\n{}",
                out.describe()
            );
            assert_eq!(planned(&shown, "check_flag"), Value::from(1));
            // Asking for more than any access region offers stops the plan, saying so.
            let out = ws
                .run(&["plan", "-input=false", "-var", "bandwidth=5000"])
                .failure();
            assert!(
                out.shown().contains("No access region offers 5000 Mbps"),
                "{}",
                out.describe()
            );
        }
    });
}

/// `result_output_file` as the official provider takes it: a leading `~/` is the
/// home directory, and missing parent directories are created, private.
#[test]
fn result_output_file_expands_home_and_creates_directories() {
    const HOME_TF: &str = r#"
terraform {
  required_providers {
    gaap = { source = "registry.terraform.io/gaap-community/gaap" }
  }
}
provider "gaap" {}
data "gaap_proxy_create_check" "home" {
  access_region      = "SouthChina"
  real_server_region = "EastChina"
  bandwidth          = 10
  concurrent         = 2
  result_output_file = "~/results/nested/check.json"
}
data "gaap_dest_regions" "home" {
  result_output_file = "~/results/regions.json"
}
"#;
    let emulator = TestEmulator::start(Knobs::default());
    for_each_terraform(|tf| {
        let mut ws = emulator_workspace(tf, HOME_TF, &emulator);
        let home = ws.path().join("home");
        std::fs::create_dir(&home).unwrap();
        ws.env("HOME", home.to_str().unwrap());
        ws.run_traced(&["plan", "-input=false"]).success();
        for file in ["results/nested/check.json", "results/regions.json"] {
            let written = std::fs::read_to_string(home.join(file))
                .unwrap_or_else(|e| panic!("{file} under HOME was not written: {e}"));
            serde_json::from_str::<Value>(&written)
                .unwrap_or_else(|e| panic!("{file} is not JSON ({e}): {written}"));
        }
        assert!(!ws.path().join("~").exists(), "no directory named ~");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = |p: &str| {
                std::fs::metadata(home.join(p))
                    .unwrap()
                    .permissions()
                    .mode()
                    & 0o777
            };
            assert_eq!(mode("results"), 0o700);
            assert_eq!(mode("results/nested"), 0o700);
            assert_eq!(mode("results/nested/check.json"), 0o600);
        }
    });
}

/// A call that is throttled to the end says how many attempts it made and over how
/// long, as the emulator counted them, not the configured retry count.
#[test]
fn throttling_error_counts_the_attempts_made() {
    const THROTTLED_TF: &str = r#"
terraform {
  required_providers {
    gaap = { source = "registry.terraform.io/gaap-community/gaap" }
  }
}
provider "gaap" {
  max_retries = 2
}
data "gaap_proxy_create_check" "throttled" {
  access_region      = "SouthChina"
  real_server_region = "EastChina"
  bandwidth          = 10
  concurrent         = 2
}
"#;
    let knobs = Knobs {
        errors: vec![gaap_emulator::InjectedError {
            code: "RequestLimitExceeded".into(),
            message: None,
            count: None,
        }],
        ..Knobs::default()
    };
    let emulator = TestEmulator::start(knobs);
    for_each_terraform(|tf| {
        emulator.reset();
        let mut ws = emulator_workspace(tf, THROTTLED_TF, &emulator);
        // No time budget for throttling: max_retries alone bounds the call.
        ws.env("TENCENTCLOUD_READ_RETRY_TIMEOUT", "0");
        let (out, errors) = failed_plan_errors(&ws);
        let sent = emulator.stats().total("CheckProxyCreate");
        assert_eq!(sent, 3, "one attempt and max_retries retries");
        let error = errors
            .iter()
            .find(|d| d.text().contains("RequestLimitExceeded"))
            .unwrap_or_else(|| panic!("no throttling error: {}", out.describe()));
        assert!(
            error
                .text()
                .contains(&format!("after {sent} attempts over ")),
            "{}",
            error.text()
        );
    });
}

/// A hostile endpoint's error code and message carry terminal controls (clear the
/// screen, bell, a carriage return forging "Apply complete!", a right-to-left
/// override): Terraform prints the provider's diagnostic with each one escaped.
#[test]
fn control_characters_from_the_api_never_reach_the_terminal() {
    let knobs = Knobs {
        errors: vec![gaap_emulator::InjectedError {
            code: "InternalError.\u{1b}[2J\u{7}".into(),
            message: Some("boom\rApply complete! Resources: 0 added.\u{202e}txt".into()),
            count: None,
        }],
        ..Knobs::default()
    };
    let emulator = TestEmulator::start(knobs);
    for_each_terraform(|tf| {
        let ws = emulator_workspace(tf, CHECKS_TF, &emulator);
        let out = ws.run(&["plan", "-input=false", "-no-color"]).failure();
        let shown = out.shown();
        for raw in ['\u{1b}', '\u{7}', '\r', '\u{202e}'] {
            assert!(
                !shown.contains(raw),
                "{raw:?} reached the terminal\n{}",
                out.describe()
            );
        }
        // Terraform wraps long lines: pieces without spaces.
        for escaped in ["\\u{1b}[2J\\u{7}", "boom\\u{d}Apply", "\\u{202e}txt"] {
            assert!(
                shown.contains(escaped),
                "{escaped} missing\n{}",
                out.describe()
            );
        }
    });
}

/// A hostile endpoint answering `CheckFlag` 2 (or -1, or 2^63-1): the read fails with
/// an error that says the answer is invalid and carries its RequestId, and nothing
/// reaches the state.
#[test]
fn a_check_flag_outside_zero_and_one_is_an_invalid_answer() {
    use std::io::{Read, Write};
    use std::net::TcpListener;

    const REQUEST_ID: &str = "0b5e4ad5-hostile-answer";
    for flag in ["2", "-1", "9223372036854775807"] {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
        let url = format!("http://{}", listener.local_addr().expect("address"));
        let body = format!(r#"{{"Response":{{"CheckFlag":{flag},"RequestId":"{REQUEST_ID}"}}}}"#);
        // Answers every request the same way until the test ends.
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let mut stream = stream;
                let mut buffer = [0u8; 65536];
                let _ = stream.read(&mut buffer);
                let answer = format!(
                    "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                    body.len()
                );
                let _ = stream.write_all(answer.as_bytes());
            }
        });
        for_each_terraform(|tf| {
            let mut ws = Workspace::new(tf, CHECKS_TF);
            ws.env("TENCENTCLOUD_GAAP_ENDPOINT", &url)
                .env("TENCENTCLOUD_SECRET_ID", "AKIDhostileTEST")
                .env("TENCENTCLOUD_SECRET_KEY", "hostileTESTkey");
            let (out, errors) = failed_plan_errors(&ws);
            let error = errors
                .iter()
                .find(|d| d.summary == "Invalid Answer From the GAAP API")
                .unwrap_or_else(|| panic!("CheckFlag {flag}: {}", out.describe()));
            let text = error.text();
            assert!(text.contains(&format!("CheckFlag is {flag}")), "{text}");
            assert!(text.contains(REQUEST_ID), "{text}");
        });
    }
}
