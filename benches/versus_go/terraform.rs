//! The two providers under Terraform: where the binaries are, a working directory
//! per configuration, and the emulator our provider talks to.

use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::Instant;

use gaap_emulator::{Emulator, EmulatorConfig, Knobs, RunningEmulator};

use crate::measured;

const NULL_VERSION: &str = "2.1.2";
const PROVIDER_ADDRESS: &str = "registry.terraform.io/gaap-community/gaap";

fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub(crate) fn ours() -> PathBuf {
    measured::provider_binary()
}

pub(crate) fn null_provider() -> PathBuf {
    repo_root().join(format!(
        ".tools/null-{NULL_VERSION}/terraform-provider-null_v{NULL_VERSION}_x4"
    ))
}

fn null_plugin_dir() -> PathBuf {
    repo_root().join(format!(".tools/null-{NULL_VERSION}/plugins"))
}

pub(crate) fn terraform() -> PathBuf {
    std::env::var_os("GAAP_PINNED_TERRAFORM")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo_root().join(".tools/terraform-1.0.3/terraform"))
}

/// A Terraform working directory with its own CLI configuration.
pub(crate) struct Workspace {
    dir: tempfile::TempDir,
}

impl Workspace {
    fn new(main_tf: &str, cli_config: &str) -> Self {
        let dir = tempfile::Builder::new()
            .prefix("gaap-bench-")
            .tempdir()
            .expect("temp dir");
        std::fs::write(dir.path().join("main.tf"), main_tf).expect("main.tf");
        std::fs::write(dir.path().join("cli.tfrc"), cli_config).expect("cli.tfrc");
        Self { dir }
    }

    /// Runs terraform; returns (seconds, success, combined output).
    pub(crate) fn run(&self, args: &[&str], env: &[(&str, String)]) -> (f64, bool, String) {
        let mut command = Command::new(terraform());
        command.args(args).current_dir(self.dir.path()).env_clear();
        for name in ["PATH", "HOME", "TMPDIR"] {
            if let Some(value) = std::env::var_os(name) {
                command.env(name, value);
            }
        }
        command
            .env("TF_CLI_CONFIG_FILE", self.dir.path().join("cli.tfrc"))
            .env("TF_IN_AUTOMATION", "1")
            .env("CHECKPOINT_DISABLE", "1")
            .envs(env.iter().map(|(k, v)| (*k, v.as_str())))
            .stdin(Stdio::null());
        let start = Instant::now();
        let output = command.output().expect("run terraform");
        let seconds = start.elapsed().as_secs_f64();
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        (seconds, output.status.success(), text)
    }

    pub(crate) fn plan(&self, env: &[(&str, String)]) -> (f64, String) {
        let (seconds, ok, text) = self.run(PLAN, env);
        assert!(ok, "terraform plan failed:\n{text}");
        (seconds, text)
    }
}

/// The plan every part times.
pub(crate) const PLAN: &[&str] = &["plan", "-input=false", "-no-color", "-lock=false"];

pub(crate) fn ours_workspace(checks: usize, rate_limit: u32) -> Workspace {
    let dir = ours().parent().expect("binary folder").to_path_buf();
    let cli = format!(
        "provider_installation {{\n  dev_overrides {{\n    \"{PROVIDER_ADDRESS}\" = \"{}\"\n  }}\n  direct {{}}\n}}\n",
        dir.display()
    );
    // Distinct checks (the provider would answer repeats from one call).
    let main = format!(
        r#"terraform {{
  required_providers {{
    gaap = {{ source = "{PROVIDER_ADDRESS}" }}
  }}
}}
provider "gaap" {{
  rate_limit = {rate_limit}
}}
data "gaap_proxy_create_check" "c" {{
  count              = {checks}
  access_region      = "SouthChina"
  real_server_region = "EastChina"
  bandwidth          = count.index % 100 + 1
  concurrent         = floor(count.index / 100) + 1
}}
output "flags" {{
  value = length(data.gaap_proxy_create_check.c[*].check_flag)
}}
"#
    );
    Workspace::new(&main, &cli)
}

pub(crate) fn null_workspace(count: usize) -> Workspace {
    let main = format!(
        r#"terraform {{
  required_providers {{
    null = {{
      source  = "registry.terraform.io/hashicorp/null"
      version = "{NULL_VERSION}"
    }}
  }}
}}
data "null_data_source" "n" {{
  count  = {count}
  inputs = {{ index = count.index }}
}}
output "outputs" {{
  value = length(data.null_data_source.n[*].outputs)
}}
"#
    );
    let ws = Workspace::new(&main, "");
    let plugin_dir = format!("-plugin-dir={}", null_plugin_dir().display());
    let (_, ok, text) = ws.run(&["init", "-input=false", "-no-color", &plugin_dir], &[]);
    assert!(ok, "terraform init with the null provider failed:\n{text}");
    ws
}

/// The emulator on loopback, with its own runtime.
pub(crate) struct TestEmulator {
    running: Option<RunningEmulator>,
    runtime: tokio::runtime::Runtime,
}

impl TestEmulator {
    pub(crate) fn start(knobs: Knobs) -> Self {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .expect("emulator runtime");
        let config = EmulatorConfig {
            knobs,
            ..EmulatorConfig::default()
        };
        let running = runtime
            .block_on(Emulator::start(config))
            .expect("start the emulator");
        Self {
            running: Some(running),
            runtime,
        }
    }

    fn running(&self) -> &RunningEmulator {
        self.running.as_ref().expect("running")
    }

    pub(crate) fn env(&self) -> Vec<(&'static str, String)> {
        vec![
            ("TENCENTCLOUD_GAAP_ENDPOINT", self.running().url()),
            (
                "TENCENTCLOUD_SECRET_ID",
                gaap_emulator::DEMO_SECRET_ID.into(),
            ),
            (
                "TENCENTCLOUD_SECRET_KEY",
                gaap_emulator::DEMO_SECRET_KEY.into(),
            ),
        ]
    }

    /// (successful CheckProxyCreate calls, all CheckProxyCreate calls) since the last reset.
    pub(crate) fn calls(&self) -> (u64, u64) {
        let stats = self.running().stats();
        (
            stats.count("CheckProxyCreate", "ok"),
            stats.total("CheckProxyCreate"),
        )
    }

    pub(crate) fn reset(&self) {
        self.running().reset();
    }
}

impl Drop for TestEmulator {
    fn drop(&mut self) {
        if let Some(running) = self.running.take() {
            self.runtime.block_on(running.shutdown());
        }
    }
}
