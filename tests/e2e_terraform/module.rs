//! The reusable module `examples/modules/connection-guard`:
//!
//! - its `terraform test` files (the provider mocked) pass with every Terraform
//!   from 1.7 on that is found, with the built provider installed by `terraform
//!   init -plugin-dir` and through `dev_overrides` (no init), and they fail when
//!   an assertion, or the module's guard, is wrong;
//! - its emulator tests (`tests/emulator/`) pass against the real provider;
//! - a root module calls it with `for_each` (Terraform >= 1.2, OpenTofu);
//! - every example is `terraform fmt` clean, the ones that cannot be planned
//!   here too (examples/connection-fleet needs the official Tencent Cloud
//!   provider, which is not installed offline).
//!
//! Without a Terraform >= 1.7 the `terraform test` checks print a SKIPPED line;
//! with `GAAP_REQUIRE_TERRAFORM_TEST` set (CI) they fail instead.

use std::io::Write;
use std::path::{Path, PathBuf};

use gaap_emulator::Knobs;
use serde_json::Value;

use crate::e2e::emulator::{self, TestEmulator};
use crate::e2e::tools::{self, Terraform, EXTRA_BINS_ENV};
use crate::e2e::workspace::{provider_binary, Outcome};
use crate::e2e::{Workspace, MODULE_FOR_EACH_TF};
use crate::harness::{
    emulator_workspace, for_each_terraform, output_value, plan_and_show, point_at_emulator,
    runs_mocked_tests, runs_postconditions,
};

/// The module, from the repository root.
const MODULE: &str = "examples/modules/connection-guard";

/// When set, finding no Terraform >= 1.7 fails the tests instead of skipping them.
const REQUIRE_ENV: &str = "GAAP_REQUIRE_TERRAFORM_TEST";

/// What a run without Terraform >= 1.7 leaves out.
const TESTS_NOT_RUN: &str = "the module's `terraform test` files were not run";

/// Where the for_each fixture expects the module.
const MODULE_IN_ROOT: &str = "modules/connection-guard";

fn repo_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn module_dir() -> PathBuf {
    repo_root().join(MODULE)
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// Copies the folder `from` into `to` (created), with its subfolders.
fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap_or_else(|e| panic!("mkdir {}: {e}", to.display()));
    let entries =
        std::fs::read_dir(from).unwrap_or_else(|e| panic!("read_dir {}: {e}", from.display()));
    for entry in entries {
        let entry = entry.unwrap_or_else(|e| panic!("read_dir {}: {e}", from.display()));
        let (source, target) = (entry.path(), to.join(entry.file_name()));
        if source.is_dir() {
            copy_tree(&source, &target);
        } else {
            std::fs::copy(&source, &target)
                .unwrap_or_else(|e| panic!("copy {}: {e}", source.display()));
        }
    }
}

/// The clients that run the mocked tests. Says why each other one is skipped,
/// and prints a SKIPPED line saying what was `not_done` (or fails, with
/// [`REQUIRE_ENV`]) when none does.
fn mocked_test_clients(not_done: &str) -> Vec<Terraform> {
    let all = tools::all();
    for tf in all.iter().filter(|tf| !runs_mocked_tests(tf)) {
        eprintln!(
            "module tests: skipping {}: `terraform test` with mock_provider needs Terraform >= 1.7",
            tf.label()
        );
    }
    let clients: Vec<Terraform> = all
        .iter()
        .filter(|tf| runs_mocked_tests(tf))
        .cloned()
        .collect();
    if clients.is_empty() {
        let message = format!(
            "module tests: SKIPPED: no Terraform >= 1.7 found (put one on PATH or name it in {EXTRA_BINS_ENV}), \
             so {not_done}"
        );
        assert!(
            std::env::var_os(REQUIRE_ENV).is_none(),
            "{message}; {REQUIRE_ENV} is set"
        );
        // Straight to stderr: the test harness captures eprintln! of a passing
        // test, and this line must be seen in every run.
        let _ = writeln!(std::io::stderr(), "{message}");
    }
    clients
}

/// A workspace whose root is a copy of the module; its CLI config points
/// `dev_overrides` at the built provider.
fn module_workspace(tf: &Terraform) -> Workspace {
    let ws = Workspace::new(tf, &read(&module_dir().join("main.tf")));
    copy_tree(&module_dir(), ws.path());
    ws
}

/// Replaces the one occurrence of `from` in the workspace file `name`.
fn mutate(ws: &Workspace, name: &str, from: &str, to: &str) {
    let path = ws.path().join(name);
    let text = read(&path);
    assert_eq!(text.matches(from).count(), 1, "{from:?} once in {name}");
    ws.write(name, &text.replacen(from, to, 1));
}

/// The `run` blocks of the `.tftest.hcl` files directly in `dir` (the files
/// `terraform test -test-directory=dir` reads).
fn run_names(dir: &Path) -> Vec<String> {
    let mut names = Vec::new();
    let entries =
        std::fs::read_dir(dir).unwrap_or_else(|e| panic!("read_dir {}: {e}", dir.display()));
    for entry in entries {
        let path = entry
            .unwrap_or_else(|e| panic!("read_dir {}: {e}", dir.display()))
            .path();
        if !path.to_string_lossy().ends_with(".tftest.hcl") {
            continue;
        }
        for line in read(&path).lines() {
            if let Some(rest) = line.strip_prefix("run \"") {
                let name = rest.split('"').next().unwrap_or_default();
                names.push(name.to_string());
            }
        }
    }
    assert!(!names.is_empty(), "no run blocks in {}", dir.display());
    names
}

/// What one `terraform test` reported.
#[derive(Debug, PartialEq, Eq)]
struct Counts {
    passed: usize,
    failed: usize,
    skipped: usize,
}

/// The counts of the last line of `terraform test`: `Success! 11 passed, 0
/// failed.` or `Failure! 8 passed, 1 failed, 2 skipped.`
fn counts(out: &Outcome) -> Counts {
    let line = out
        .stdout
        .lines()
        .rev()
        .find(|l| l.starts_with("Success! ") || l.starts_with("Failure! "))
        .unwrap_or_else(|| panic!("no summary line\n{}", out.describe()));
    let words: Vec<&str> = line
        .split([' ', ',', '.'])
        .filter(|w| !w.is_empty())
        .collect();
    let count = |what: &str| {
        words.windows(2).find(|w| w[1] == what).map(|w| {
            w[0].parse::<usize>()
                .unwrap_or_else(|_| panic!("no number before {what} in {line:?}"))
        })
    };
    Counts {
        passed: count("passed").unwrap_or_else(|| panic!("no `N passed` in {line:?}")),
        failed: count("failed").unwrap_or_else(|| panic!("no `N failed` in {line:?}")),
        skipped: count("skipped").unwrap_or(0),
    }
}

fn test_args(directory: Option<&str>) -> Vec<String> {
    let mut args = vec!["test".to_string(), "-no-color".to_string()];
    if let Some(dir) = directory {
        args.push(format!("-test-directory={dir}"));
    }
    args
}

fn run_test(ws: &Workspace, directory: Option<&str>) -> Outcome {
    let args = test_args(directory);
    ws.run(&args.iter().map(String::as_str).collect::<Vec<_>>())
}

/// Every run of `runs` passed, and nothing else ran.
fn assert_all_pass(out: Outcome, runs: &[String]) {
    let out = out.success();
    let expected = Counts {
        passed: runs.len(),
        failed: 0,
        skipped: 0,
    };
    assert_eq!(counts(&out), expected, "{}", out.describe());
    for run in runs {
        assert!(
            out.stdout.contains(&format!("run \"{run}\"... pass")),
            "run {run} did not pass\n{}",
            out.describe()
        );
    }
}

/// `terraform test` failed because of `run` alone.
fn assert_only_failure(out: Outcome, runs: &[String], run: &str) {
    let out = out.failure();
    // Terraform skips the runs after a failed one in the same file.
    let got = counts(&out);
    assert_eq!(got.failed, 1, "{}", out.describe());
    assert_eq!(
        got.passed + got.failed + got.skipped,
        runs.len(),
        "{}",
        out.describe()
    );
    assert!(
        out.stdout.contains(&format!("run \"{run}\"... fail")),
        "run {run} should have failed\n{}",
        out.describe()
    );
}

#[test]
fn module_tests_pass_with_the_provider_installed_from_a_plugin_dir() {
    let runs = run_names(&module_dir().join("tests"));
    for tf in mocked_test_clients(TESTS_NOT_RUN) {
        eprintln!("--- {}", tf.label());
        let mut ws = module_workspace(&tf);
        // No dev_overrides: `init` installs the provider from the folder, in the
        // unpacked layout (HOSTNAME/NAMESPACE/TYPE/VERSION/OS_ARCH/executable).
        ws.write("cli.tfrc", "");
        let version = env!("CARGO_PKG_VERSION");
        let package = ws
            .path()
            .join("plugins/registry.terraform.io/gaap-community/gaap")
            .join(version)
            .join(tools::platform());
        std::fs::create_dir_all(&package).unwrap_or_else(|e| panic!("mkdir: {e}"));
        let executable = package.join(format!("terraform-provider-gaap_v{version}"));
        if std::fs::hard_link(provider_binary(), &executable).is_err() {
            std::fs::copy(provider_binary(), &executable)
                .unwrap_or_else(|e| panic!("copy the provider: {e}"));
        }
        ws.run(&["init", "-input=false", "-no-color", "-plugin-dir=plugins"])
            .success();
        ws.watch_provider(&executable);
        assert_all_pass(run_test(&ws, None), &runs);
    }
}

#[test]
fn module_tests_pass_with_dev_overrides_and_no_init() {
    let runs = run_names(&module_dir().join("tests"));
    for tf in mocked_test_clients(TESTS_NOT_RUN) {
        eprintln!("--- {}", tf.label());
        let ws = module_workspace(&tf);
        assert_all_pass(run_test(&ws, None), &runs);
    }
}

#[test]
fn module_tests_fail_on_a_wrong_assertion_and_on_a_module_without_its_guard() {
    let runs = run_names(&module_dir().join("tests"));
    for tf in mocked_test_clients(TESTS_NOT_RUN) {
        eprintln!("--- {}", tf.label());
        // An assertion that cannot hold.
        let ws = module_workspace(&tf);
        mutate(
            &ws,
            "tests/guard.tftest.hcl",
            "condition     = output.creatable == true",
            "condition     = output.creatable == false",
        );
        assert_only_failure(run_test(&ws, None), &runs, "a_one_is_creatable");

        // A module whose postcondition lets a 0 through: the expected failure is missing.
        let ws = module_workspace(&tf);
        mutate(
            &ws,
            "main.tf",
            "self.check_flag == 1",
            "self.check_flag >= 0",
        );
        assert_only_failure(run_test(&ws, None), &runs, "a_zero_stops_the_plan");
    }
}

#[test]
fn module_emulator_tests_pass_against_the_real_provider() {
    let runs = run_names(&module_dir().join("tests/emulator"));
    let emulator = TestEmulator::start(Knobs::default());
    for tf in mocked_test_clients(TESTS_NOT_RUN) {
        eprintln!("--- {}", tf.label());
        let before = emulator.stats().count("CheckProxyCreate", "ok");
        let mut ws = module_workspace(&tf);
        point_at_emulator(&mut ws, &emulator, emulator::SECRET_KEY);
        assert_all_pass(run_test(&ws, Some("tests/emulator")), &runs);
        let answered = emulator.stats().count("CheckProxyCreate", "ok") - before;
        assert!(
            answered >= 2,
            "the emulator answered {answered} checks; the 10 and the 2000 Mbps ones differ"
        );
    }
}

#[test]
fn the_module_is_called_with_for_each_and_guards_the_plan() {
    let emulator = TestEmulator::start(Knobs::default());
    for_each_terraform(|tf| {
        if !runs_postconditions(tf) {
            eprintln!(
                "module for_each: skipping {}: the module needs Terraform >= 1.2",
                tf.label()
            );
            return;
        }
        let ws = emulator_workspace(tf, MODULE_FOR_EACH_TF, &emulator);
        copy_tree(&module_dir(), &ws.path().join(MODULE_IN_ROOT));
        ws.run(&["get", "-no-color"]).success();

        let (out, shown) = plan_and_show(&ws, &[]);
        let planned = |name: &str| {
            output_value(&shown, &format!("/planned_values/outputs/{name}/value")).clone()
        };
        assert_eq!(
            planned("creatable"),
            serde_json::json!({"fits": true, "too_big": false}),
            "{}",
            out.describe()
        );
        let reasons = planned("reasons");
        assert_eq!(reasons["fits"], serde_json::json!([]));
        assert!(
            reasons["too_big"][0]
                .as_str()
                .is_some_and(|r| r.contains("above the largest offered")),
            "{reasons}"
        );
        assert_eq!(
            planned("suggestions")["too_big"][0]["bandwidth"],
            Value::from(1000)
        );
        assert!(
            planned("request_ids")["fits"]
                .as_str()
                .is_some_and(|id| id != "none"),
            "{shown}"
        );

        // fail_on_zero: the too-big connection stops the plan, saying why.
        let out = ws
            .run(&["plan", "-input=false", "-var", "fail_on_zero=true"])
            .failure();
        let shown = unwrapped(&out.shown());
        for needle in [
            "Resource postcondition failed",
            "GAAP cannot create a 2000 Mbps connection from SouthChina to EastChina",
            "above the largest offered at SouthChina for origin EastChina: 1000 Mbps",
        ] {
            assert!(shown.contains(needle), "{needle:?}\n{}", out.describe());
        }
    });
}

#[test]
fn examples_are_formatted() {
    let clients = mocked_test_clients("examples/ was not checked with `terraform fmt`");
    // `fmt` of Terraform >= 1.7 also formats the .tftest.hcl files.
    for tf in clients {
        let ws = Workspace::new(&tf, "");
        let examples = repo_root().join("examples");
        let examples = examples.to_string_lossy();
        let out = ws.run(&[
            "fmt",
            "-check",
            "-diff",
            "-recursive",
            "-no-color",
            &examples,
        ]);
        assert!(
            out.status.success(),
            "examples/ is not `terraform fmt` clean (run `terraform fmt -recursive examples`)\n{}",
            out.describe()
        );
    }
}

/// Terraform's message text with the line wrapping removed, so a check does not
/// depend on where a line was wrapped.
fn unwrapped(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
