//! End-to-end tests: the real `terraform` (pinned 1.0.3, plus any `terraform`
//! and `tofu` on PATH) drives the provider binary built for this run through a
//! `dev_overrides` CLI config. Every command is bounded in time and followed by
//! a check that no provider process outlived it; traced commands also check that
//! Terraform never had to kill the provider.
//!
//! Run `make install-tools` once to get the pinned Terraform.

mod e2e;

use e2e::diagnostics::{
    attribute_line, from_json_lines, from_validate_json, has_request_id, Diagnostic,
};
use e2e::emulator::{self, TestEmulator};
use e2e::tools::{self, Terraform};
use e2e::workspace::PROVIDER_ADDRESS;
use e2e::{
    Workspace, CATALOGUE_TF, CHECKS_TF, DEPRECATED_TF, EXPLAIN_TF, INVALID_TF, MANY_EXPLAINED_TF,
    MANY_TF, POSTCONDITION_REASONS_TF, TYPO_REGION_TF, UNKNOWN_DEST_REGION_TF, UNKNOWN_REGION_TF,
    VALID_TF,
};
use gaap_emulator::Knobs;
use serde_json::Value;
use std::time::Duration;

fn for_each_terraform(test: impl Fn(&Terraform)) {
    for tf in tools::all() {
        eprintln!("--- {}", tf.label());
        test(tf);
    }
}

/// `block.attributes.<name>`, or a panic listing the names that exist.
fn attribute<'a>(block: &'a Value, name: &str, what: &str) -> &'a Value {
    block
        .pointer(&format!("/attributes/{name}"))
        .unwrap_or_else(|| {
            let names: Vec<&String> = block
                .get("attributes")
                .and_then(Value::as_object)
                .map(|m| m.keys().collect())
                .unwrap_or_default();
            panic!("{what} has no attribute {name}; it has {names:?}")
        })
}

fn flag(attr: &Value, key: &str) -> bool {
    attr.get(key).and_then(Value::as_bool).unwrap_or(false)
}

#[test]
fn schema_shows_provider_configuration_and_data_source() {
    for_each_terraform(|tf| {
        let ws = Workspace::new(tf, VALID_TF);
        let out = ws.run_traced(&["providers", "schema", "-json"]).success();
        let doc = out.json();
        let schemas = doc
            .get("provider_schemas")
            .and_then(|s| s.get(PROVIDER_ADDRESS))
            .unwrap_or_else(|| panic!("no schema for {PROVIDER_ADDRESS}\n{}", out.describe()));

        let provider = schemas
            .pointer("/provider/block")
            .unwrap_or_else(|| panic!("no provider block\n{}", out.describe()));
        for (name, ty, sensitive) in [
            ("secret_id", "string", false),
            ("secret_key", "string", true),
            ("security_token", "string", true),
            ("region", "string", false),
            ("domain", "string", false),
            ("endpoint", "string", false),
            ("profile", "string", false),
            ("shared_credentials_dir", "string", false),
            ("cam_role_name", "string", false),
            ("request_timeout", "number", false),
            ("max_retries", "number", false),
            ("rate_limit", "number", false),
            ("explain", "bool", false),
        ] {
            let attr = attribute(provider, name, "provider");
            assert_eq!(attr.get("type"), Some(&Value::from(ty)), "type of {name}");
            assert!(flag(attr, "optional"), "{name} must be optional: {attr}");
            assert!(
                !flag(attr, "required"),
                "{name} must not be required: {attr}"
            );
            assert_eq!(
                flag(attr, "sensitive"),
                sensitive,
                "sensitive flag of {name}: {attr}"
            );
        }
        let assume_role = provider
            .pointer("/block_types/assume_role")
            .unwrap_or_else(|| panic!("provider has no assume_role block: {provider}"));
        let at_most_one = match assume_role.get("nesting_mode").and_then(Value::as_str) {
            Some("single") => true,
            Some("list") | Some("set") => assume_role.get("max_items") == Some(&Value::from(1)),
            _ => false,
        };
        assert!(
            at_most_one,
            "assume_role must allow at most one block: {assume_role}"
        );
        let assume_block = &assume_role["block"];
        for name in [
            "role_arn",
            "session_name",
            "session_duration",
            "policy",
            "external_id",
        ] {
            attribute(assume_block, name, "assume_role");
        }

        let data = schemas
            .pointer("/data_source_schemas/gaap_proxy_create_check/block")
            .unwrap_or_else(|| panic!("no gaap_proxy_create_check\n{}", out.describe()));
        for (name, ty, kind) in [
            ("access_region", "string", "required"),
            ("real_server_region", "string", "required"),
            ("bandwidth", "number", "required"),
            ("concurrent", "number", "required"),
            ("group_id", "string", "optional"),
            ("ip_address_version", "string", "optional"),
            ("network_type", "string", "optional"),
            ("package_type", "string", "optional"),
            ("http3_supported", "number", "optional"),
            ("result_output_file", "string", "optional"),
            ("check_flag", "number", "computed"),
            ("request_id", "string", "computed"),
            ("id", "string", "computed"),
        ] {
            let attr = attribute(data, name, "gaap_proxy_create_check");
            assert_eq!(attr.get("type"), Some(&Value::from(ty)), "type of {name}");
            assert!(flag(attr, kind), "{name} must be {kind}: {attr}");
            if kind == "computed" {
                assert!(
                    !flag(attr, "required"),
                    "{name} must not be required: {attr}"
                );
            }
            assert_eq!(
                flag(attr, "deprecated"),
                name == "http3_supported",
                "deprecated flag of {name}: {attr}"
            );
        }
        let reasons = attribute(data, "reasons", "gaap_proxy_create_check");
        assert_eq!(reasons["type"], serde_json::json!(["list", "string"]));
        assert!(flag(reasons, "computed"));
        let suggestions = attribute(data, "suggestions", "gaap_proxy_create_check");
        assert_eq!(
            suggestions["type"],
            serde_json::json!(["list", ["object", {
                "access_region": "string", "bandwidth": "number", "concurrent": "number"
            }]])
        );
        for (data_source, computed) in [
            ("gaap_dest_regions", "regions"),
            ("gaap_access_regions", "regions"),
        ] {
            let block = schemas
                .pointer(&format!("/data_source_schemas/{data_source}/block"))
                .unwrap_or_else(|| panic!("no {data_source}\n{}", out.describe()));
            let regions = attribute(block, computed, data_source);
            assert_eq!(regions["type"][0], "list", "{regions}");
            assert_eq!(regions["type"][1][0], "object", "{regions}");
            assert_eq!(regions["type"][1][1]["supports_ipv6"], "bool", "{regions}");
        }
    });
}

#[test]
fn validate_accepts_a_valid_configuration() {
    for_each_terraform(|tf| {
        let ws = Workspace::new(tf, VALID_TF);
        let out = ws.run_traced(&["validate", "-json"]).success();
        let doc = out.json();
        assert_eq!(
            doc.get("valid"),
            Some(&Value::Bool(true)),
            "{}",
            out.describe()
        );
        let errors: Vec<Diagnostic> = from_validate_json(&doc)
            .into_iter()
            .filter(|d| d.severity == "error")
            .collect();
        assert!(errors.is_empty(), "unexpected errors {errors:#?}");
    });
}

#[test]
fn validate_rejects_each_invalid_value_on_its_attribute() {
    // (data source name in the fixture, attribute, how the bad value must be shown)
    let cases: [(&str, &str, &[&str]); 8] = [
        ("bandwidth_zero", "bandwidth", &["0"]),
        ("bandwidth_fraction", "bandwidth", &["1.5"]),
        ("concurrent_zero", "concurrent", &["0"]),
        ("ip_v5", "ip_address_version", &["IPv5"]),
        ("network_fast", "network_type", &["fast"]),
        ("package_x", "package_type", &["\"x\"", "x,", "x."]),
        ("access_region_empty", "access_region", &["\"\"", "empty"]),
        ("region_space", "real_server_region", &["East China"]),
    ];
    for_each_terraform(|tf| {
        let ws = Workspace::new(tf, INVALID_TF);
        let out = ws.run(&["validate", "-json"]).failure();
        let doc = out.json();
        assert_eq!(
            doc.get("valid"),
            Some(&Value::Bool(false)),
            "{}",
            out.describe()
        );
        let errors: Vec<Diagnostic> = from_validate_json(&doc)
            .into_iter()
            .filter(|d| d.severity == "error")
            .collect();
        for (name, attr, shown) in cases {
            let line = attribute_line(INVALID_TF, name, attr);
            let on_line: Vec<&Diagnostic> =
                errors.iter().filter(|d| d.line == Some(line)).collect();
            assert_eq!(
                on_line.len(),
                1,
                "{name}: expected one error on line {line} ({attr}); all errors: {errors:#?}"
            );
            let text = on_line[0].text();
            assert!(
                text.contains(attr),
                "{name}: error does not name {attr}: {text}"
            );
            assert!(
                shown.iter().any(|s| text.contains(s)),
                "{name}: error does not show the value given (one of {shown:?}): {text}"
            );
        }
        assert_eq!(
            errors.len(),
            cases.len(),
            "exactly one error per invalid value expected: {errors:#?}"
        );
    });
}

#[test]
fn validate_warns_that_http3_supported_is_deprecated() {
    for_each_terraform(|tf| {
        let ws = Workspace::new(tf, DEPRECATED_TF);
        let out = ws.run(&["validate", "-json"]).success();
        let doc = out.json();
        assert_eq!(
            doc.get("valid"),
            Some(&Value::Bool(true)),
            "{}",
            out.describe()
        );
        let line = attribute_line(DEPRECATED_TF, "deprecated", "http3_supported");
        let diags = from_validate_json(&doc);
        let ours = diags.iter().any(|d| {
            d.severity == "warning"
                && d.text().contains("http3_supported")
                && d.text().to_lowercase().contains("deprecat")
                && d.line == Some(line)
        });
        assert!(
            ours,
            "expected a deprecation warning on line {line} (http3_supported): {diags:#?}"
        );
    });
}

// ---- Against the emulator -------------------------------------------------

/// A workspace whose provider talks to `emulator` with the given keys.
fn emulator_workspace(
    tf: &Terraform,
    main_tf: &str,
    emulator: &TestEmulator,
    secret_key: &str,
) -> Workspace {
    let mut ws = Workspace::new(tf, main_tf);
    ws.env("TENCENTCLOUD_GAAP_ENDPOINT", &emulator.url())
        .env("TENCENTCLOUD_SECRET_ID", emulator::SECRET_ID)
        .env("TENCENTCLOUD_SECRET_KEY", secret_key);
    ws
}

fn output_value<'a>(doc: &'a Value, pointer: &str) -> &'a Value {
    doc.pointer(pointer)
        .unwrap_or_else(|| panic!("no {pointer} in {doc:#}"))
}

#[test]
fn plan_and_apply_report_check_flag_one_and_zero() {
    let emulator = TestEmulator::start(Knobs::default());
    for_each_terraform(|tf| {
        let ws = emulator_workspace(tf, CHECKS_TF, &emulator, emulator::SECRET_KEY);

        ws.run_traced(&["plan", "-input=false", "-out=tfplan"])
            .success();
        let shown = ws.run(&["show", "-json", "tfplan"]).success().json();
        let planned = "/planned_values/outputs";
        assert_eq!(
            output_value(&shown, &format!("{planned}/creatable/value")),
            &Value::from(1)
        );
        assert_eq!(
            output_value(&shown, &format!("{planned}/too_big/value")),
            &Value::from(0)
        );

        ws.run_traced(&["apply", "-input=false", "-auto-approve"])
            .success();
        let outputs = ws.run(&["output", "-json"]).success().json();
        assert_eq!(output_value(&outputs, "/creatable/value"), &Value::from(1));
        assert_eq!(output_value(&outputs, "/too_big/value"), &Value::from(0));
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
        let ws = emulator_workspace(tf, UNKNOWN_REGION_TF, &emulator, emulator::SECRET_KEY);
        let out = ws.run(&["plan", "-input=false", "-json"]).failure();
        let line = attribute_line(UNKNOWN_REGION_TF, "nowhere", "access_region");
        let errors: Vec<Diagnostic> = from_json_lines(&out.stdout)
            .into_iter()
            .filter(|d| d.severity == "error")
            .collect();
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
        let ws = emulator_workspace(tf, CHECKS_TF, &emulator, WRONG_KEY);
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
        let mut ws = emulator_workspace(tf, MANY_TF, &emulator, emulator::SECRET_KEY);
        // 50 calls at 5 per second take 10 s; leave room for a loaded machine.
        ws.timeout(Duration::from_secs(240));
        let out = ws.run(&["plan", "-input=false", "-out=tfplan"]).success();
        let shown = ws.run(&["show", "-json", "tfplan"]).success().json();
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

/// True for clients that run `check` blocks: Terraform >= 1.5 and every OpenTofu.
fn runs_check_blocks(tf: &Terraform) -> bool {
    let mut parts = tf.version.split('.').map(|p| p.parse::<u64>().unwrap_or(0));
    let (major, minor) = (parts.next().unwrap_or(0), parts.next().unwrap_or(0));
    tf.product == "OpenTofu" || major > 1 || (major == 1 && minor >= 5)
}

#[test]
fn shipped_examples_plan_against_the_emulator() {
    let emulator = TestEmulator::start(Knobs::default());
    let quickstart = include_str!("../examples/quickstart/main.tf");
    let fail_early = include_str!("../examples/fail-early/main.tf");
    let nearest = include_str!("../examples/nearest-access-region/main.tf");
    for_each_terraform(|tf| {
        let mut examples = vec![("quickstart", quickstart)];
        if runs_check_blocks(tf) {
            examples.push(("fail-early", fail_early));
        }
        for (name, config) in examples {
            let ws = emulator_workspace(tf, config, &emulator, emulator::SECRET_KEY);
            let out = ws.run(&["plan", "-input=false", "-out=tfplan"]).success();
            let shown = ws.run(&["show", "-json", "tfplan"]).success().json();
            let planned = "/planned_values/outputs";
            assert_eq!(
                output_value(&shown, &format!("{planned}/planned_check_flag/value")),
                &Value::from(1),
                "examples/{name}\n{}",
                out.describe()
            );
            assert_eq!(
                output_value(&shown, &format!("{planned}/what_if_2gbps_check_flag/value")),
                &Value::from(0),
                "examples/{name}"
            );
            if name == "fail-early" {
                // The check block's warning says why, from the reasons.
                assert!(
                    out.shown().contains("above the largest offered"),
                    "examples/fail-early should warn with the reasons\n{}",
                    out.describe()
                );
                let suggestions = output_value(
                    &shown,
                    &format!("{planned}/what_if_2gbps_suggestions/value"),
                );
                assert_eq!(
                    suggestions[0]["bandwidth"],
                    Value::from(1000),
                    "{suggestions}"
                );
            }
        }
        if runs_check_blocks(tf) {
            let ws = emulator_workspace(tf, nearest, &emulator, emulator::SECRET_KEY);
            let out = ws.run(&["plan", "-input=false", "-out=tfplan"]).success();
            let shown = ws.run(&["show", "-json", "tfplan"]).success().json();
            let planned = "/planned_values/outputs";
            assert_eq!(
                output_value(&shown, &format!("{planned}/access_region/value")),
                &Value::from("Guangzhou"),
                "Chengdu (the first preference) offers at most 200 Mbps\n{}",
                out.describe()
            );
            assert_eq!(
                output_value(&shown, &format!("{planned}/check_flag/value")),
                &Value::from(1)
            );
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

// ---- The catalogue and explained checks -----------------------------------

const ACCESS_REGIONS: &str = "DescribeAccessRegionsByDestRegion";

/// True for clients that run `postcondition` blocks: Terraform >= 1.2 and OpenTofu.
fn runs_postconditions(tf: &Terraform) -> bool {
    let mut parts = tf.version.split('.').map(|p| p.parse::<u64>().unwrap_or(0));
    let (major, minor) = (parts.next().unwrap_or(0), parts.next().unwrap_or(0));
    tf.product == "OpenTofu" || major > 1 || (major == 1 && minor >= 2)
}

/// `plan -out` then `show -json`: the planned outputs.
fn planned_outputs(ws: &Workspace) -> Value {
    let out = ws.run(&["plan", "-input=false", "-out=tfplan"]).success();
    let shown = ws.run(&["show", "-json", "tfplan"]).success().json();
    shown
        .pointer("/planned_values/outputs")
        .cloned()
        .unwrap_or_else(|| panic!("no planned outputs\n{}", out.describe()))
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap_or_else(|| panic!("not a list: {v}"))
        .iter()
        .map(|x| {
            x.as_str()
                .unwrap_or_else(|| panic!("not a string: {x}"))
                .to_owned()
        })
        .collect()
}

#[test]
fn catalogue_data_sources_plan_and_show_values() {
    let emulator = TestEmulator::start(Knobs::default());
    for_each_terraform(|tf| {
        let ws = emulator_workspace(tf, CATALOGUE_TF, &emulator, emulator::SECRET_KEY);
        let outputs = planned_outputs(&ws);
        let origins = strings(&outputs["origins"]["value"]);
        assert!(
            origins.contains(&"EastChina".to_owned()) && origins.len() == 19,
            "{origins:?}"
        );
        assert_eq!(
            strings(&outputs["east_china_network_types"]["value"]),
            ["normal", "cn2"]
        );
        let access = strings(&outputs["access_regions"]["value"]);
        assert!(access.contains(&"SouthChina".to_owned()), "{access:?}");
        assert!(!access.contains(&"EastChina".to_owned()), "{access:?}");
        let ipv6 = strings(&outputs["ipv6_access_regions"]["value"]);
        assert!(
            !ipv6.is_empty() && ipv6.iter().all(|r| access.contains(r)),
            "{ipv6:?}"
        );
        assert!(!ipv6.contains(&"Tokyo".to_owned()), "{ipv6:?}");
        let bandwidths = outputs["south_china_bandwidths"]["value"]
            .as_array()
            .unwrap()
            .clone();
        assert_eq!(bandwidths.first(), Some(&Value::from(1)));
        assert_eq!(bandwidths.last(), Some(&Value::from(1000)));
        assert!(
            bandwidths.windows(2).all(|w| w[0].as_f64() < w[1].as_f64()),
            "sorted"
        );
        assert!(outputs["south_china_concurrents"]["value"]
            .as_array()
            .unwrap()
            .contains(&Value::from(50)));
        assert_eq!(
            outputs["south_china_supports_ipv6"]["value"],
            Value::Bool(true)
        );
        assert_eq!(
            outputs["access_regions_id"]["value"],
            "EastChina,ip_address_version=IPv6"
        );

        let ws = emulator_workspace(tf, UNKNOWN_DEST_REGION_TF, &emulator, emulator::SECRET_KEY);
        let out = ws.run(&["plan", "-input=false", "-json"]).failure();
        let line = attribute_line(UNKNOWN_DEST_REGION_TF, "nowhere", "dest_region");
        let errors: Vec<Diagnostic> = from_json_lines(&out.stdout)
            .into_iter()
            .filter(|d| d.severity == "error")
            .collect();
        let error = errors
            .iter()
            .find(|d| d.text().contains("InvalidParameterValue.UnknownDestRegion"))
            .unwrap_or_else(|| panic!("no UnknownDestRegion error: {errors:#?}"));
        assert_eq!(error.line, Some(line), "on dest_region: {error:?}");
        assert!(has_request_id(&error.text()), "{error:?}");
    });
}

#[test]
fn a_check_answering_zero_shows_reasons_and_suggestions() {
    let emulator = TestEmulator::start(Knobs::default());
    for_each_terraform(|tf| {
        let ws = emulator_workspace(tf, EXPLAIN_TF, &emulator, emulator::SECRET_KEY);
        let outputs = planned_outputs(&ws);
        assert_eq!(outputs["too_big_flag"]["value"], Value::from(0));
        let reasons = strings(&outputs["too_big_reasons"]["value"]);
        assert_eq!(
            reasons,
            ["The bandwidth 2000 Mbps is above the largest offered at SouthChina for origin EastChina: 1000 Mbps."]
        );
        let suggestions = outputs["too_big_suggestions"]["value"].as_array().unwrap();
        assert_eq!(
            suggestions[0],
            serde_json::json!({"access_region": "SouthChina", "bandwidth": 1000, "concurrent": 2})
        );
        let reasons = strings(&outputs["not_offered_reasons"]["value"]);
        assert!(
            reasons[0].starts_with(
                "The access region Bangkok is not offered for origin Frankfurt; offered: "
            ),
            "{reasons:?}"
        );
        let suggestions = outputs["not_offered_suggestions"]["value"]
            .as_array()
            .unwrap();
        assert!(!suggestions.is_empty());
        assert_eq!(
            strings(&outputs["cn2_overseas_reasons"]["value"]),
            ["The network type cn2 is not offered for origin Tokyo; offered: normal."]
        );
        assert!(strings(&outputs["creatable_reasons"]["value"]).is_empty());

        if runs_postconditions(tf) {
            let ws = emulator_workspace(
                tf,
                POSTCONDITION_REASONS_TF,
                &emulator,
                emulator::SECRET_KEY,
            );
            let out = ws.run(&["plan", "-input=false"]).failure();
            let shown = out.shown().split_whitespace().collect::<Vec<_>>().join(" ");
            assert!(
                shown.contains("GAAP cannot create this connection: The bandwidth 2000 Mbps is above the largest offered"),
                "the postcondition's message should print the reasons\n{}",
                out.describe()
            );
        }
    });
}

#[test]
fn explain_false_leaves_reasons_empty_and_reads_no_catalogue() {
    let emulator = TestEmulator::start(Knobs::default());
    for_each_terraform(|tf| {
        emulator.reset();
        let ws = emulator_workspace(tf, EXPLAIN_TF, &emulator, emulator::SECRET_KEY);
        let out = ws
            .run(&[
                "plan",
                "-input=false",
                "-var",
                "explain=false",
                "-out=tfplan",
            ])
            .success();
        let shown = ws.run(&["show", "-json", "tfplan"]).success().json();
        let outputs = shown
            .pointer("/planned_values/outputs")
            .cloned()
            .unwrap_or_default();
        assert_eq!(
            outputs["too_big_flag"]["value"],
            Value::from(0),
            "{}",
            out.describe()
        );
        for name in [
            "too_big_reasons",
            "too_big_suggestions",
            "not_offered_reasons",
        ] {
            assert_eq!(outputs[name]["value"], serde_json::json!([]), "{name}");
        }
        let stats = emulator.stats();
        assert_eq!(
            stats.total(ACCESS_REGIONS),
            0,
            "no catalogue call: {stats:?}"
        );
        assert_eq!(stats.total("DescribeDestRegions"), 0, "{stats:?}");
        assert_eq!(stats.count("CheckProxyCreate", "ok"), 4, "{stats:?}");
    });
}

#[test]
fn many_checks_read_the_catalogue_once_per_origin() {
    let emulator = TestEmulator::start(Knobs::default());
    for_each_terraform(|tf| {
        emulator.reset();
        let mut ws = emulator_workspace(tf, MANY_EXPLAINED_TF, &emulator, emulator::SECRET_KEY);
        ws.timeout(Duration::from_secs(240));
        let outputs = planned_outputs(&ws);
        let flags = outputs["flags"]["value"].as_array().unwrap();
        let counts = outputs["reason_counts"]["value"].as_array().unwrap();
        assert_eq!(flags.len(), 40);
        for (i, (flag, count)) in flags.iter().zip(counts).enumerate() {
            let zero = i >= 20;
            assert_eq!(flag, &Value::from(u8::from(!zero)), "check {i}");
            assert_eq!(count, &Value::from(u8::from(zero)), "reasons of check {i}");
        }
        let stats = emulator.stats();
        assert_eq!(stats.count("CheckProxyCreate", "ok"), 40, "{stats:?}");
        assert_eq!(
            stats.total(ACCESS_REGIONS),
            2,
            "one catalogue call per distinct origin (EastChina, Tokyo): {stats:?}"
        );
    });
}

#[test]
fn unknown_region_errors_say_did_you_mean() {
    let emulator = TestEmulator::start(Knobs::default());
    for_each_terraform(|tf| {
        let ws = emulator_workspace(tf, TYPO_REGION_TF, &emulator, emulator::SECRET_KEY);
        let out = ws.run(&["plan", "-input=false", "-json"]).failure();
        let errors: Vec<Diagnostic> = from_json_lines(&out.stdout)
            .into_iter()
            .filter(|d| d.severity == "error")
            .collect();
        for (name, attribute, code, meant) in [
            (
                "typo_access",
                "access_region",
                "UnknownAccessRegion",
                "SouthChina",
            ),
            (
                "typo_origin",
                "real_server_region",
                "UnknownDestRegion",
                "EastChina",
            ),
        ] {
            let line = attribute_line(TYPO_REGION_TF, name, attribute);
            let error = errors
                .iter()
                .find(|d| d.line == Some(line))
                .unwrap_or_else(|| panic!("no error on {attribute} of {name}: {errors:#?}"));
            assert!(error.text().contains(code), "{error:?}");
            assert!(
                error.text().contains(&format!("Did you mean \"{meant}\"?")),
                "{error:?}"
            );
        }
    });
}

#[test]
fn a_failing_catalogue_leaves_one_reason_and_the_check_unchanged() {
    let emulator = TestEmulator::start(Knobs {
        errors: vec![gaap_emulator::InjectedError {
            code: "UnauthorizedOperation".into(),
            message: Some("No permission for gaap:DescribeAccessRegionsByDestRegion.".into()),
            count: None,
        }],
        only_action: Some(ACCESS_REGIONS.into()),
        ..Knobs::default()
    });
    for_each_terraform(|tf| {
        let ws = emulator_workspace(tf, EXPLAIN_TF, &emulator, emulator::SECRET_KEY);
        let outputs = planned_outputs(&ws);
        assert_eq!(outputs["too_big_flag"]["value"], Value::from(0));
        let reasons = strings(&outputs["too_big_reasons"]["value"]);
        assert_eq!(reasons.len(), 1, "{reasons:?}");
        assert!(
            reasons[0].starts_with("The answer could not be explained: reading GAAP's catalogue (DescribeAccessRegionsByDestRegion) failed: [UnauthorizedOperation]"),
            "{reasons:?}"
        );
        assert_eq!(
            outputs["too_big_suggestions"]["value"],
            serde_json::json!([])
        );
        assert!(strings(&outputs["creatable_reasons"]["value"]).is_empty());
    });
}
