//! What every install route shares: a workspace asking for the released version,
//! `init`, and the checks that the released executable was installed, locked and
//! plans against the emulator.

use std::path::{Path, PathBuf};

use gaap_emulator::Knobs;
use serde_json::Value;

use crate::e2e::emulator::{self, TestEmulator};
use crate::e2e::tools::{self, Terraform};
use crate::e2e::workspace::{Outcome, PROVIDER_ADDRESS};
use crate::e2e::{Workspace, CHECKS_TF};
use crate::install::https::Server;
use crate::install::locked_hashes;
use crate::install::release::{self, member_name, platform, VERSION};
use crate::install::{NAMESPACE, TYPE};

pub(crate) fn for_each_terraform(test: impl Fn(&Terraform)) {
    for tf in tools::all() {
        eprintln!("--- {}", tf.label());
        test(tf);
    }
}

pub(crate) fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"))
}

/// The emulator every `plan` of these tests talks to.
pub(crate) fn emulator() -> TestEmulator {
    TestEmulator::start(Knobs::default())
}

/// A workspace whose configuration asks for `HOSTNAME/gaap-community/gaap`
/// at exactly this version, with `cli_config` as its CLI configuration and
/// the provider pointed at `emulator`.
pub(crate) fn install_workspace(
    tf: &Terraform,
    hostname: &str,
    cli_config: &str,
    emulator: &TestEmulator,
) -> Workspace {
    let source = format!("{hostname}/{NAMESPACE}/{TYPE}");
    let main_tf = CHECKS_TF.replace(
        &format!("source = \"{PROVIDER_ADDRESS}\""),
        &format!("source  = \"{source}\"\n      version = \"= {VERSION}\""),
    );
    assert!(main_tf.contains(&source), "fixture has no source line");
    let mut ws = Workspace::new(tf, &main_tf);
    // Replaces the dev_overrides config Workspace writes.
    ws.write("cli.tfrc", cli_config);
    ws.env("TENCENTCLOUD_GAAP_ENDPOINT", &emulator.url())
        .env("TENCENTCLOUD_SECRET_ID", emulator::SECRET_ID)
        .env("TENCENTCLOUD_SECRET_KEY", emulator::SECRET_KEY);
    ws
}

pub(crate) fn init(ws: &Workspace, extra: &[&str]) -> Outcome {
    let mut args = vec!["init", "-input=false", "-no-color"];
    args.extend_from_slice(extra);
    ws.run(&args)
}

/// `init` succeeds and says it installed this version.
pub(crate) fn init_installs_the_version(ws: &Workspace, extra: &[&str]) {
    let out = init(ws, extra).success();
    assert!(
        out.shown()
            .contains(&format!("gaap-community/gaap v{VERSION}")),
        "{}",
        out.describe()
    );
}

/// Where `init` put the provider executable.
pub(crate) fn installed_binary(ws: &Workspace, hostname: &str) -> PathBuf {
    ws.path()
        .join(".terraform/providers")
        .join(hostname)
        .join(NAMESPACE)
        .join(TYPE)
        .join(VERSION)
        .join(platform())
        .join(member_name())
}

/// The executable `init` installed is the released one, byte for byte, and
/// executable.
pub(crate) fn assert_installed_release(ws: &Workspace, hostname: &str) {
    use std::os::unix::fs::PermissionsExt;
    let path = installed_binary(ws, hostname);
    let meta = std::fs::metadata(&path)
        .unwrap_or_else(|e| panic!("init did not install {}: {e}", path.display()));
    assert!(
        meta.permissions().mode() & 0o111 != 0,
        "{} is not executable",
        path.display()
    );
    assert!(
        release::read(&path) == release::read(&release::shared().binary),
        "{} differs from the packaged binary",
        path.display()
    );
}

/// `plan` runs the installed provider against the emulator: one creatable
/// check (flag 1), one too big (flag 0); no process of it outlives a command.
pub(crate) fn assert_plan_reports_check_flags(
    ws: &mut Workspace,
    hostname: &str,
    emulator: &TestEmulator,
) {
    let installed = installed_binary(ws, hostname);
    ws.watch_provider(&installed);
    let before = emulator.stats();
    ws.run(&["plan", "-input=false", "-out=tfplan"]).success();
    let shown = ws.run(&["show", "-json", "tfplan"]).success().json();
    let output = |name: &str| {
        shown
            .pointer(&format!("/planned_values/outputs/{name}/value"))
            .cloned()
            .unwrap_or_else(|| panic!("no planned output {name} in {shown}"))
    };
    assert_eq!(output("creatable"), Value::from(1));
    assert_eq!(output("too_big"), Value::from(0));
    // Both checks were answered by the API (identical checks may share a call,
    // these two differ).
    let answered =
        emulator.stats().count("CheckProxyCreate", "ok") - before.count("CheckProxyCreate", "ok");
    assert!(
        answered >= 2,
        "the emulator answered {answered} CheckProxyCreate calls during plan, expected 2"
    );
}

/// What a route without a signed SHA256SUMS must leave after `init`: the released
/// executable, only its `h1:` in the lock file, and a working `plan`.
pub(crate) fn assert_unsigned_install_plans(
    ws: &mut Workspace,
    hostname: &str,
    emulator: &TestEmulator,
) {
    assert_installed_release(ws, hostname);
    assert_locked_h1_only(ws);
    assert_plan_reports_check_flags(ws, hostname, emulator);
}

pub(crate) fn read_lock(ws: &Workspace) -> String {
    std::fs::read_to_string(ws.path().join(".terraform.lock.hcl"))
        .unwrap_or_else(|e| panic!("no lock file: {e}"))
}

/// Without a signed SHA256SUMS, Terraform locks only the `h1:` checksum of
/// the package it installed (what README "Lock files for teams" says).
fn assert_locked_h1_only(ws: &Workspace) {
    let lock = read_lock(ws);
    let hashes = locked_hashes(&lock);
    assert!(
        hashes.len() == 1 && hashes[0].starts_with("h1:"),
        "expected one h1: checksum\n{lock}"
    );
}

/// The requests `server` received since it had received `before`, which must
/// include every one of `paths`.
pub(crate) fn assert_asked(server: &Server, before: usize, who: &str, paths: &[String]) {
    let asked = server.requests()[before..].to_vec();
    for path in paths {
        assert!(
            asked.contains(path),
            "the {who} was not asked for {path}: {asked:?}"
        );
    }
}

pub(crate) fn filesystem_mirror_config(dir: &Path) -> String {
    format!(
        "provider_installation {{\n  filesystem_mirror {{\n    path = \"{}\"\n  }}\n}}\n",
        dir.display()
    )
}
