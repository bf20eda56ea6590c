//! What the end-to-end tests share: running each test under every Terraform,
//! workspaces pointed at the emulator, planned outputs and error diagnostics.

use serde_json::Value;

use crate::e2e::diagnostics::{from_json_lines, Diagnostic};
use crate::e2e::emulator::{self, TestEmulator};
use crate::e2e::tools::{self, Terraform};
use crate::e2e::workspace::Outcome;
use crate::e2e::Workspace;

pub(crate) fn for_each_terraform(test: impl Fn(&Terraform)) {
    for tf in tools::all() {
        eprintln!("--- {}", tf.label());
        test(tf);
    }
}

/// A workspace whose provider talks to `emulator` with the given keys.
pub(crate) fn emulator_workspace_with_key(
    tf: &Terraform,
    main_tf: &str,
    emulator: &TestEmulator,
    secret_key: &str,
) -> Workspace {
    let mut ws = Workspace::new(tf, main_tf);
    point_at_emulator(&mut ws, emulator, secret_key);
    ws
}

/// Points the provider of `ws` at `emulator`, with the given secret key.
pub(crate) fn point_at_emulator(ws: &mut Workspace, emulator: &TestEmulator, secret_key: &str) {
    // STS too: a login or an account guard must never leave the loopback emulator.
    ws.env("TENCENTCLOUD_GAAP_ENDPOINT", &emulator.url())
        .env("TENCENTCLOUD_STS_ENDPOINT", &emulator.url())
        .env("TENCENTCLOUD_SECRET_ID", emulator::SECRET_ID)
        .env("TENCENTCLOUD_SECRET_KEY", secret_key);
}

/// A workspace whose provider talks to `emulator` with the emulator's keys.
pub(crate) fn emulator_workspace(
    tf: &Terraform,
    main_tf: &str,
    emulator: &TestEmulator,
) -> Workspace {
    emulator_workspace_with_key(tf, main_tf, emulator, emulator::SECRET_KEY)
}

/// True for clients at least `1.minor`; every OpenTofu is.
fn at_least(tf: &Terraform, minor: u64) -> bool {
    let mut parts = tf.version.split('.').map(|p| p.parse::<u64>().unwrap_or(0));
    let (major, got) = (parts.next().unwrap_or(0), parts.next().unwrap_or(0));
    tf.product == "OpenTofu" || major > 1 || (major == 1 && got >= minor)
}

/// True for clients that run `check` blocks: Terraform >= 1.5 and every OpenTofu.
pub(crate) fn runs_check_blocks(tf: &Terraform) -> bool {
    at_least(tf, 5)
}

/// True for clients that run `postcondition` blocks: Terraform >= 1.2 and OpenTofu.
pub(crate) fn runs_postconditions(tf: &Terraform) -> bool {
    at_least(tf, 2)
}

/// True for clients whose `test` command has `mock_provider` and `override_data`:
/// Terraform >= 1.7. (OpenTofu has them from 1.8 but its `test` output is not
/// what these tests read, so it is not counted.)
pub(crate) fn runs_mocked_tests(tf: &Terraform) -> bool {
    tf.product == "Terraform" && at_least(tf, 7)
}

pub(crate) fn output_value<'a>(doc: &'a Value, pointer: &str) -> &'a Value {
    doc.pointer(pointer)
        .unwrap_or_else(|| panic!("no {pointer} in {doc:#}"))
}

/// `plan -out` (with `extra` arguments) then `show -json`: the plan's outcome and
/// the shown plan.
pub(crate) fn plan_and_show(ws: &Workspace, extra: &[&str]) -> (Outcome, Value) {
    let mut args = vec!["plan", "-input=false"];
    args.extend_from_slice(extra);
    args.push("-out=tfplan");
    let out = ws.run(&args).success();
    let shown = ws.run(&["show", "-json", "tfplan"]).success().json();
    (out, shown)
}

/// `plan -out` then `show -json`: the planned outputs.
pub(crate) fn planned_outputs(ws: &Workspace) -> Value {
    let (out, shown) = plan_and_show(ws, &[]);
    shown
        .pointer("/planned_values/outputs")
        .cloned()
        .unwrap_or_else(|| panic!("no planned outputs\n{}", out.describe()))
}

pub(crate) fn strings(v: &Value) -> Vec<String> {
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

pub(crate) fn errors(diags: Vec<Diagnostic>) -> Vec<Diagnostic> {
    diags
        .into_iter()
        .filter(|d| d.severity == "error")
        .collect()
}

/// A `plan -json` that must fail: its outcome and its error diagnostics.
pub(crate) fn failed_plan_errors(ws: &Workspace) -> (Outcome, Vec<Diagnostic>) {
    let out = ws.run(&["plan", "-input=false", "-json"]).failure();
    let errors = errors(from_json_lines(&out.stdout));
    (out, errors)
}
