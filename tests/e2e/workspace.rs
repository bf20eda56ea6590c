//! A throwaway Terraform working directory wired to the freshly built provider.
//!
//! Each workspace has its own CLI configuration with a `dev_overrides` entry
//! pointing at the folder of the provider binary Cargo built for this test run,
//! so no `terraform init`, registry or network is needed. The environment is
//! scrubbed of `TF_*` and `TENCENTCLOUD_*` variables from the caller (no real
//! credentials can leak in), and the API endpoint defaults to a closed loopback
//! port so nothing can ever reach a real Tencent Cloud host.

use std::fs::File;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use super::processes::{leftovers, RUN_MARKER_ENV};
use super::tools::Terraform;

/// Registry address of the provider, as in `required_providers` and `dev_overrides`.
pub const PROVIDER_ADDRESS: &str = "registry.terraform.io/gaap-community/gaap";

/// Log line go-plugin writes when it had to kill a plugin that did not stop by itself.
pub const UNGRACEFUL_EXIT: &str = "plugin failed to exit gracefully";

/// Default bound on one Terraform command; generous for a loaded 2-core CI machine.
const DEFAULT_TIMEOUT: Duration = Duration::from_secs(120);

/// Endpoint used unless a test sets one: port 9 (discard) on loopback is closed,
/// so an unexpected API call fails fast and locally.
const UNREACHABLE_ENDPOINT: &str = "http://127.0.0.1:9";

/// The provider binary Cargo built for this test target.
pub fn provider_binary() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_terraform-provider-gaap"))
}

/// A temporary directory with a CLI config, a Terraform to run, and extra environment.
pub struct Workspace {
    dir: tempfile::TempDir,
    tf: Terraform,
    env: Vec<(String, String)>,
    timeout: Duration,
    /// The provider executable whose leftover processes are checked for.
    provider: PathBuf,
}

/// What one command did.
pub struct Outcome {
    pub command: String,
    pub status: ExitStatus,
    pub stdout: String,
    pub stderr: String,
    /// The `TF_LOG=trace` log, when the command ran traced.
    pub log: Option<String>,
}

impl Workspace {
    /// A fresh workspace for `tf` holding the given `main.tf`.
    pub fn new(tf: &Terraform, main_tf: &str) -> Self {
        let dir = tempfile::Builder::new()
            .prefix("gaap-e2e-")
            .tempdir()
            .unwrap_or_else(|e| panic!("cannot create a temp dir: {e}"));
        let plugin_dir = provider_binary()
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| panic!("provider binary has no parent folder"));
        let cli_config = format!(
            "provider_installation {{\n  dev_overrides {{\n    \"{PROVIDER_ADDRESS}\" = \"{}\"\n  }}\n  direct {{}}\n}}\n",
            plugin_dir.display()
        );
        let ws = Workspace {
            dir,
            tf: tf.clone(),
            env: Vec::new(),
            timeout: DEFAULT_TIMEOUT,
            provider: provider_binary(),
        };
        ws.write("cli.tfrc", &cli_config);
        ws.write("main.tf", main_tf);
        std::fs::create_dir_all(ws.path().join("tccli"))
            .unwrap_or_else(|e| panic!("cannot create the credentials dir: {e}"));
        ws
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Writes a file relative to the workspace.
    pub fn write(&self, name: &str, contents: &str) {
        let path = self.path().join(name);
        std::fs::write(&path, contents)
            .unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
    }

    /// Adds an environment variable for every later command.
    pub fn env(&mut self, key: &str, value: &str) -> &mut Self {
        self.env.push((key.to_string(), value.to_string()));
        self
    }

    /// Checks later commands for leftover processes of `binary` (for example
    /// the provider `terraform init` installed) instead of the Cargo-built one.
    /// Used by tests/install_paths.rs, not by every test binary that shares this module.
    #[allow(dead_code)]
    pub fn watch_provider(&mut self, binary: &Path) -> &mut Self {
        self.provider = binary.to_path_buf();
        self
    }

    pub fn timeout(&mut self, timeout: Duration) -> &mut Self {
        self.timeout = timeout;
        self
    }

    /// Runs `terraform <args>` without Terraform logging.
    pub fn run(&self, args: &[&str]) -> Outcome {
        self.execute(args, false)
    }

    /// Runs `terraform <args>` with `TF_LOG=trace` written to a file, and checks
    /// that Terraform did not have to kill the provider.
    pub fn run_traced(&self, args: &[&str]) -> Outcome {
        let outcome = self.execute(args, true);
        if let Some(log) = &outcome.log {
            assert!(
                !log.contains(UNGRACEFUL_EXIT),
                "Terraform had to kill the provider ({UNGRACEFUL_EXIT:?} in the trace log):\n{}\n{}",
                excerpt_around(log, UNGRACEFUL_EXIT),
                outcome.describe()
            );
        }
        outcome
    }

    fn execute(&self, args: &[&str], traced: bool) -> Outcome {
        let run_id = uuid::Uuid::new_v4().to_string();
        let stdout_path = self.path().join(format!("{run_id}.stdout"));
        let stderr_path = self.path().join(format!("{run_id}.stderr"));
        let log_path = self.path().join(format!("{run_id}.log"));
        let command = format!("{} {}", self.tf.label(), args.join(" "));

        let mut cmd = Command::new(&self.tf.path);
        cmd.args(args)
            .current_dir(self.path())
            .stdin(Stdio::null())
            .stdout(create(&stdout_path))
            .stderr(create(&stderr_path))
            // Own process group, so a timeout kills Terraform and its plugins together.
            .process_group(0);
        for (key, _) in std::env::vars_os() {
            let key = key.to_string_lossy();
            if key.starts_with("TF_") || key.starts_with("TENCENTCLOUD_") {
                cmd.env_remove(key.as_ref());
            }
        }
        cmd.env("TF_CLI_CONFIG_FILE", self.path().join("cli.tfrc"))
            .env("TF_IN_AUTOMATION", "1")
            .env("TF_INPUT", "0")
            .env("CHECKPOINT_DISABLE", "1")
            .env("TENCENTCLOUD_GAAP_ENDPOINT", UNREACHABLE_ENDPOINT)
            .env(
                "TENCENTCLOUD_SHARED_CREDENTIALS_DIR",
                self.path().join("tccli"),
            )
            .env(RUN_MARKER_ENV, &run_id);
        // Plain text, so checks on what the user reads are not split by colour codes.
        for command in ["plan", "apply", "validate"] {
            cmd.env(format!("TF_CLI_ARGS_{command}"), "-no-color");
        }
        if traced {
            cmd.env("TF_LOG", "trace").env("TF_LOG_PATH", &log_path);
        }
        for (key, value) in &self.env {
            cmd.env(key, value);
        }

        let mut child = cmd
            .spawn()
            .unwrap_or_else(|e| panic!("{command}: cannot start: {e}"));
        let started = Instant::now();
        let status = loop {
            match child.try_wait() {
                Ok(Some(status)) => break status,
                Ok(None) if started.elapsed() > self.timeout => {
                    kill_group(child.id());
                    let _ = child.wait();
                    panic!(
                        "{command}: still running after {:?}; killed.\nstdout:\n{}\nstderr:\n{}",
                        self.timeout,
                        read(&stdout_path),
                        read(&stderr_path)
                    );
                }
                Ok(None) => std::thread::sleep(Duration::from_millis(20)),
                Err(e) => panic!("{command}: wait failed: {e}"),
            }
        };

        let outcome = Outcome {
            command,
            status,
            stdout: read(&stdout_path),
            stderr: read(&stderr_path),
            log: traced.then(|| read(&log_path)),
        };
        let left = leftovers(&self.provider, &run_id);
        if !left.is_empty() {
            kill_group(child.id());
            panic!(
                "{}: provider processes still running after Terraform exited:\n{}\n{}",
                outcome.command,
                left.join("\n"),
                outcome.describe()
            );
        }
        outcome
    }
}

impl Outcome {
    /// Panics with the full output unless the command exited with status 0.
    pub fn success(self) -> Self {
        assert!(
            self.status.success(),
            "expected success\n{}",
            self.describe()
        );
        self
    }

    /// Panics with the full output unless the command failed.
    pub fn failure(self) -> Self {
        assert!(
            !self.status.success(),
            "expected failure\n{}",
            self.describe()
        );
        self
    }

    /// Stdout parsed as JSON.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e})\n{}", self.describe()))
    }

    /// Stdout and stderr together, for "the user sees X" checks.
    pub fn shown(&self) -> String {
        format!("{}\n{}", self.stdout, self.stderr)
    }

    /// Command, status, stdout, stderr and the end of the log, for failure messages.
    pub fn describe(&self) -> String {
        let log_tail = self
            .log
            .as_deref()
            .map(|log| tail(log, 4000))
            .unwrap_or_default();
        format!(
            "command: {}\nstatus: {}\n--- stdout\n{}\n--- stderr\n{}\n--- log (tail)\n{}",
            self.command, self.status, self.stdout, self.stderr, log_tail
        )
    }
}

fn create(path: &Path) -> File {
    File::create(path).unwrap_or_else(|e| panic!("cannot create {}: {e}", path.display()))
}

fn read(path: &Path) -> String {
    std::fs::read(path)
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .unwrap_or_default()
}

fn kill_group(pid: u32) {
    if let Ok(pid) = libc::pid_t::try_from(pid) {
        // SAFETY: kill(2) with a negative pid signals the process group we created.
        unsafe {
            libc::kill(-pid, libc::SIGKILL);
        }
    }
}

fn tail(text: &str, max: usize) -> &str {
    let mut start = text.len().saturating_sub(max);
    while !text.is_char_boundary(start) {
        start += 1;
    }
    &text[start..]
}

/// A few hundred characters around the first occurrence of `needle`.
pub fn excerpt_around(text: &str, needle: &str) -> String {
    let Some(at) = text.find(needle) else {
        return String::new();
    };
    let mut start = at.saturating_sub(300);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = (at + needle.len() + 300).min(text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    text[start..end].to_string()
}
