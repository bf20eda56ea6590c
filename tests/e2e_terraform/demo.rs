//! `make demo`, the README's first command: `scripts/demo.sh --emulator` builds the
//! binaries, starts the emulator and plans the quickstart with real Terraform. Piped,
//! as CI and a redirect to a file see it, its output is plain text.

use std::process::Command;

use crate::e2e::tools::pinned_path;
use crate::e2e::workspace::provider_binary;

#[test]
fn the_demo_plans_the_quickstart_with_plain_output_when_piped() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    // The target directory this test's binaries were built in: the demo runs them
    // without building (a build here could replace a binary other tests are running).
    let target = provider_binary()
        .parent()
        .and_then(|debug| debug.parent())
        .expect("target/debug/terraform-provider-gaap")
        .to_path_buf();
    let emulator = target.join("debug").join("gaap-emulator");
    assert!(
        emulator.is_file(),
        "{} is missing: `make test` (or `cargo build --workspace --bins`) builds it",
        emulator.display()
    );
    let out = Command::new("bash")
        .arg(root.join("scripts/demo.sh"))
        .arg("--emulator")
        .env("CARGO_TARGET_DIR", &target)
        .env("GAAP_DEMO_SKIP_BUILD", "1")
        .env("TERRAFORM", pinned_path())
        .env_remove("TF_CLI_CONFIG_FILE")
        .output()
        .expect("bash runs the demo");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "the demo failed\n{stdout}\n{stderr}");
    assert!(stdout.contains("planned_check_flag = 1"), "{stdout}");
    assert!(stdout.contains("what_if_2gbps_check_flag = 0"), "{stdout}");
    assert!(
        !stdout.contains('\u{1b}'),
        "colour codes in piped output:\n{stdout}"
    );
}
