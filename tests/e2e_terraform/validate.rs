//! `validate -json` without any API call: a valid configuration, each invalid value
//! reported on its own attribute, and the warnings (a deprecated attribute, an
//! undocumented network type).

use serde_json::Value;

use crate::e2e::diagnostics::{attribute_line, from_validate_json, Diagnostic};
use crate::e2e::emulator::TestEmulator;
use crate::e2e::workspace::Outcome;
use crate::e2e::{Workspace, DEPRECATED_TF, INVALID_TF, VALID_TF};
use crate::harness::{emulator_workspace, errors, for_each_terraform};
use gaap_emulator::Knobs;

/// The diagnostics of a `validate -json` whose `valid` must be `valid`.
fn diagnostics(out: &Outcome, valid: bool) -> Vec<Diagnostic> {
    let doc = out.json();
    assert_eq!(
        doc.get("valid"),
        Some(&Value::Bool(valid)),
        "{}",
        out.describe()
    );
    from_validate_json(&doc)
}

#[test]
fn validate_accepts_a_valid_configuration() {
    for_each_terraform(|tf| {
        let ws = Workspace::new(tf, VALID_TF);
        let out = ws.run_traced(&["validate", "-json"]).success();
        let errors = errors(diagnostics(&out, true));
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
        let errors = errors(diagnostics(&out, false));
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
fn validate_warns_of_a_deprecated_attribute_and_an_undocumented_network_type() {
    // (data source name in the fixture, attribute, words the warning must contain)
    let cases = [
        ("deprecated", "http3_supported", "deprecat"),
        ("triple", "network_type", "\"triple\""),
    ];
    for_each_terraform(|tf| {
        let ws = Workspace::new(tf, DEPRECATED_TF);
        let out = ws.run(&["validate", "-json"]).success();
        let diags = diagnostics(&out, true);
        for (name, attr, words) in cases {
            let line = attribute_line(DEPRECATED_TF, name, attr);
            let ours = diags.iter().any(|d| {
                d.severity == "warning"
                    && d.text().contains(attr)
                    && d.text().to_lowercase().contains(words)
                    && d.line == Some(line)
            });
            assert!(
                ours,
                "{name}: expected a warning on line {line} ({attr}): {diags:#?}"
            );
        }
    });
}

/// `allowed_account_ids = [var.account]`: the variable is unknown during validate
/// (even with a default), so the set has an unknown element. Validate skips it as
/// any unknown value, and the plan, where the variable is known, checks the account.
#[test]
fn account_guards_from_variables_validate_and_plan() {
    const GUARDED_TF: &str = r#"
terraform {
  required_providers {
    gaap = { source = "registry.terraform.io/gaap-community/gaap" }
  }
}
variable "account" {
  type    = string
  default = "100000000001"
}
provider "gaap" {
  allowed_account_ids = [var.account]
}
data "gaap_dest_regions" "all" {}
output "origins" {
  value = length(data.gaap_dest_regions.all.regions)
}
"#;
    let emulator = TestEmulator::start(Knobs::default());
    for_each_terraform(|tf| {
        let ws = emulator_workspace(tf, GUARDED_TF, &emulator);
        let out = ws.run_traced(&["validate", "-json"]).success();
        let errors = errors(diagnostics(&out, true));
        assert!(errors.is_empty(), "unexpected errors {errors:#?}");
        ws.run_traced(&["plan", "-input=false"]).success();
        // The guard ran on the known set: another account stops the plan.
        let out = ws
            .run(&["plan", "-input=false", "-var", "account=200000000002"])
            .failure();
        assert!(out.shown().contains("100000000001"), "{}", out.describe());
    });
}
