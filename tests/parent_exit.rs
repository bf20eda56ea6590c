//! Process tests: the provider's life is tied to the process that started it.
//!
//! A managed provider whose parent is killed (Terraform SIGKILLed while connected)
//! exits and removes its socket directory; one started by a thread that then ends (the
//! parent process lives on) keeps serving; a `--debug` server outlives its launcher.
//! The parent here is a small `sh` that starts the provider in the background and
//! waits, as Terraform does; it prints the provider's pid so the test can follow it
//! once the provider has been handed to another parent.
#![cfg(unix)]

mod common;

use std::collections::VecDeque;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use common::plugin_client::{
    client_config, plain_channel, tls_channel, ClientIdentity, Handshake, Plugin, COOKIE, TIMEOUT,
};
use terraform_provider_gaap::host::parent::PARENT_CHECK_INTERVAL;
use tonic::transport::Channel;
use tonic_health::pb::health_check_response::ServingStatus;
use tonic_health::pb::health_client::HealthClient;
use tonic_health::pb::HealthCheckRequest;

/// How long an orphaned provider may take to exit: the parent check takes at most
/// [`PARENT_CHECK_INTERVAL`] (on Linux the kernel's signal is immediate); the rest is
/// room for a loaded machine.
const EXIT_DEADLINE: Duration = Duration::from_secs(10);

const PROVIDER: &str = env!("CARGO_BIN_EXE_terraform-provider-gaap");

/// Starts the provider in the background and waits for it: the parent to kill.
const LAUNCHER_SCRIPT: &str = r#""$0" "$@" & echo "pid $!"; wait"#;

/// A provider started by a `sh` parent, whose stdout the provider shares.
struct Launched {
    shell: Child,
    provider_pid: i32,
    stdout: Receiver<String>,
    /// Lines read while looking for another.
    pending: VecDeque<String>,
    /// The provider's stderr (its logs), for failure messages.
    log: PathBuf,
    _log_dir: tempfile::TempDir,
}

impl Launched {
    /// `sh -c LAUNCHER_SCRIPT provider args...` with a clean environment plus `env`.
    fn start(args: &[&str], env: &[(&str, &str)]) -> Self {
        let log_dir = tempfile::tempdir().expect("a temp dir");
        let log = log_dir.path().join("provider.log");
        let mut command = Command::new("sh");
        command
            .arg("-c")
            .arg(LAUNCHER_SCRIPT)
            .arg(PROVIDER)
            .args(args)
            .env_clear();
        for name in ["PATH", "TMPDIR", "HOME"] {
            if let Some(value) = std::env::var_os(name) {
                command.env(name, value);
            }
        }
        let mut shell = command
            .envs(env.iter().copied())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(std::fs::File::create(&log).expect("a log file"))
            .spawn()
            .expect("spawn sh");
        let out = shell.stdout.take().expect("piped stdout");
        let (tx, stdout) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(out).lines() {
                let Ok(line) = line else { break };
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let mut launched = Self {
            shell,
            provider_pid: 0,
            stdout,
            pending: VecDeque::new(),
            log,
            _log_dir: log_dir,
        };
        let pid_line = launched.line_where(|line| line.starts_with("pid "));
        launched.provider_pid = pid_line["pid ".len()..]
            .trim()
            .parse()
            .expect("the launcher prints the provider's pid");
        launched
    }

    /// The first stdout line (of the shell or the provider) matching `wanted`; the
    /// lines before it are kept for later calls.
    fn line_where(&mut self, wanted: impl Fn(&str) -> bool) -> String {
        if let Some(at) = self.pending.iter().position(|line| wanted(line)) {
            return self.pending.remove(at).expect("a pending line");
        }
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.stdout.recv_timeout(left) {
                Ok(line) if wanted(&line) => return line,
                Ok(line) => self.pending.push_back(line),
                Err(_) => panic!(
                    "no such line on stdout (got {:?}); provider log:\n{}",
                    self.pending,
                    self.log()
                ),
            }
        }
    }

    fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// SIGKILLs the parent (as when Terraform is killed) and reaps it.
    fn kill_parent(&mut self) {
        self.shell.kill().expect("SIGKILL the launcher");
        self.shell.wait().expect("reap the launcher");
    }

    /// Waits until the provider is gone; false if it still runs at the deadline.
    fn wait_provider_gone(&self, limit: Duration) -> bool {
        let deadline = Instant::now() + limit;
        while running(self.provider_pid) {
            if Instant::now() >= deadline {
                return false;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        true
    }
}

impl Drop for Launched {
    fn drop(&mut self) {
        if self.provider_pid > 0 && running(self.provider_pid) {
            // SAFETY: kill(2) on the pid of the provider this test started.
            unsafe { libc::kill(self.provider_pid, libc::SIGKILL) };
        }
        let _ = self.shell.kill();
        let _ = self.shell.wait();
    }
}

/// Whether `pid` runs: it exists and is not a zombie. Once its parent is gone, the
/// provider is not our child, and its new parent (PID 1 in a container) may never reap
/// it.
fn running(pid: i32) -> bool {
    // SAFETY: signal 0 only checks that the pid exists.
    if unsafe { libc::kill(pid, 0) } != 0 {
        return false;
    }
    #[cfg(target_os = "linux")]
    {
        // "pid (comm) S ...": the state follows the last ')'.
        let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
        if let Some((_, rest)) = stat.rsplit_once(')') {
            return !rest.trim_start().starts_with('Z');
        }
        false
    }
    #[cfg(not(target_os = "linux"))]
    true
}

/// A private parent for the plugin's socket directory (`PLUGIN_UNIX_SOCKET_DIR`),
/// short enough for `sun_path`, so the test sees what the plugin leaves behind.
fn socket_parent() -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix("px")
        .tempdir_in("/tmp")
        .expect("a temp dir")
}

fn entries(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .expect("read the socket parent")
        .map(|e| e.expect("an entry").path())
        .collect()
}

async fn assert_serving(channel: Channel) {
    let mut health = HealthClient::new(channel);
    let request = HealthCheckRequest {
        service: "plugin".to_owned(),
    };
    let status = tokio::time::timeout(TIMEOUT, health.check(request))
        .await
        .expect("the health check answers in time")
        .expect("health check")
        .into_inner()
        .status;
    assert_eq!(status, ServingStatus::Serving as i32);
}

/// Terraform SIGKILLed while the provider serves it: the provider must exit on its own
/// and remove its socket directory, even with a client connection still open.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_provider_exits_and_cleans_up_when_its_parent_is_killed() {
    let parent = socket_parent();
    let dir = parent.path().to_str().unwrap().to_owned();
    let terraform = ClientIdentity::terraform_like();
    let mut launched = Launched::start(
        &[],
        &[
            ("TF_PLUGIN_MAGIC_COOKIE", COOKIE),
            ("PLUGIN_PROTOCOL_VERSIONS", "5,6"),
            ("PLUGIN_MIN_PORT", "10000"),
            ("PLUGIN_MAX_PORT", "25000"),
            ("PLUGIN_CLIENT_CERT", &terraform.pem),
            ("PLUGIN_UNIX_SOCKET_DIR", &dir),
            ("TF_LOG_PROVIDER", "DEBUG"),
        ],
    );
    let handshake = Handshake::parse(&launched.line_where(|line| line.starts_with("1|")));
    let socket = handshake.socket();
    let socket_dir = socket.parent().expect("the socket's directory").to_owned();
    assert!(socket.starts_with(parent.path()), "{socket:?}");
    let server_cert = handshake.server_cert.clone().expect("AutoMTLS");
    let channel = tls_channel(&socket, client_config(&server_cert, Some(&terraform)))
        .await
        .expect("channel");
    assert_serving(channel.clone()).await;

    launched.kill_parent();
    let started = Instant::now();
    assert!(
        launched.wait_provider_gone(EXIT_DEADLINE),
        "the provider still runs {EXIT_DEADLINE:?} after its parent was killed; log:\n{}",
        launched.log()
    );
    assert!(
        !socket_dir.exists(),
        "socket directory {socket_dir:?} left behind; log:\n{}",
        launched.log()
    );
    assert_eq!(entries(parent.path()), Vec::<PathBuf>::new());
    assert!(
        launched
            .log()
            .contains("the process that started the plugin is gone"),
        "after {:?}; log:\n{}",
        started.elapsed(),
        launched.log()
    );
    drop(channel);
}

/// On Linux the kernel's parent-death signal comes when the *thread* that started the
/// provider ends, even though the process that started it lives on (as Go does with a
/// thread whose goroutine exits locked to it). The provider must notice that its parent
/// process is still there and keep serving.
#[cfg(target_os = "linux")]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_provider_keeps_serving_when_only_the_thread_that_started_it_ends() {
    let (mut plugin, handshake) =
        std::thread::spawn(|| Plugin::spawn_managed("5", None, &[("TF_LOG_PROVIDER", "DEBUG")]))
            .join()
            .expect("the starting thread");
    let deadline = Instant::now() + EXIT_DEADLINE;
    while !plugin
        .stderr()
        .contains("parent-death signal while the parent process lives")
    {
        assert!(
            Instant::now() < deadline,
            "no parent-death signal logged after the starting thread ended; stderr:\n{}",
            plugin.stderr()
        );
        assert!(
            plugin.child.try_wait().unwrap().is_none(),
            "the provider exited when the thread that started it ended; stderr:\n{}",
            plugin.stderr()
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(plugin.child.try_wait().unwrap().is_none());
    let channel = plain_channel(&handshake.socket())
        .await
        .expect("h2c channel");
    assert_serving(channel).await;
    plugin.signal(libc::SIGTERM);
    assert!(plugin.wait_exit(TIMEOUT).success());
    assert!(!handshake.socket().exists(), "socket left behind");
}

/// `--debug` serves whoever attaches, for as long as the user wants: it does not watch
/// its parent, and outlives the shell that started it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_debug_server_outlives_its_launcher() {
    let parent = socket_parent();
    let dir = parent.path().to_str().unwrap().to_owned();
    let mut launched = Launched::start(
        &["--debug"],
        &[
            ("PLUGIN_UNIX_SOCKET_DIR", &dir),
            ("TF_LOG_PROVIDER", "DEBUG"),
        ],
    );
    let line = launched.line_where(|line| line.trim().starts_with("TF_REATTACH_PROVIDERS='"));
    let config = line
        .trim()
        .trim_start_matches("TF_REATTACH_PROVIDERS='")
        .trim_end_matches('\'');
    let value: serde_json::Value = serde_json::from_str(config).expect("reattach JSON");
    let (_, entry) = value
        .as_object()
        .and_then(|providers| providers.iter().next())
        .expect("one provider");
    assert_eq!(entry["Pid"], launched.provider_pid);
    let socket = PathBuf::from(entry["Addr"]["String"].as_str().expect("a socket path"));

    launched.kill_parent();
    // A watched parent would have been found gone within one check (at once on Linux);
    // nothing to poll for, so wait for three.
    tokio::time::sleep(PARENT_CHECK_INTERVAL * 3).await;
    assert!(
        running(launched.provider_pid),
        "the debug server exited with its launcher; log:\n{}",
        launched.log()
    );
    assert_serving(plain_channel(&socket).await.expect("h2c channel")).await;

    // SAFETY: kill(2) on the pid of the provider this test started.
    assert_eq!(
        unsafe { libc::kill(launched.provider_pid, libc::SIGINT) },
        0
    );
    assert!(
        launched.wait_provider_gone(EXIT_DEADLINE),
        "SIGINT did not stop the debug server"
    );
    assert_eq!(entries(parent.path()), Vec::<PathBuf>::new());
}
