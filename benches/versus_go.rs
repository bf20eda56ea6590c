//! `make bench`, second part: this provider side by side with HashiCorp's Go
//! `terraform-provider-null` 2.1.2 (installed by `scripts/fetch-null-provider.sh`
//! into `.tools/null-2.1.2/`), on the release build. Runs alternate (ours, theirs,
//! ours, theirs, ...) in one process; each figure is the median with min and max.
//! Exits non-zero when a target is missed.
//!
//! - a. spawn to handshake line, both with go-plugin's environment as Terraform 1.x
//!   sets it (magic cookie, `PLUGIN_PROTOCOL_VERSIONS=5,6`, `PLUGIN_CLIENT_CERT` for
//!   AutoMTLS); both negotiate protocol 5 over gRPC. Target: ours <= 0.1x null's.
//! - b. VmHWM (peak RSS) of each process after it answered a tfplugin5 GetSchema
//!   over AutoMTLS. Target: ours <= 0.35x null's.
//! - c. `terraform plan` (the pinned 1.0.3) of 100 `gaap_proxy_create_check` against
//!   the in-process emulator vs 100 `null_data_source`. Target: ours <= null's.
//! - d. 200 checks under a 20/s emulator rate limit (provider `rate_limit = 20`)
//!   against the ideal 200 / 20 = 10 s. Target: <= 1.05x ideal, zero errors.
//! - e. the provider's peak memory (largest VmHWM of its processes, polled from /proc
//!   while Terraform runs) for a 1000-check plan vs a 1-check plan. Target: < 2x.
//!
//! `BENCH_PARTS=ab` (any of the letters `abcde`, `ab` counting as one part) runs only
//! those parts, e.g. to re-measure memory after a profile change; the default is all.

#[path = "../tests/common/mod.rs"]
mod common;
#[path = "support/measured.rs"]
mod measured;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use common::plugin_client::{client_config, tls_channel, ClientIdentity, Plugin};
use gaap_emulator::{Emulator, EmulatorConfig, Knobs, RunningEmulator};
use terraform_provider_gaap::protocol::wire::get_provider_schema;
use terraform_provider_gaap::protocol::wire::provider_client::ProviderClient;

const PROCESS_RUNS: usize = 15;
const PLAN_RUNS: usize = 7;
const THROTTLED_RUNS: usize = 3;
const MEMORY_RUNS: usize = 3;
const NULL_VERSION: &str = "2.1.2";
/// What Terraform 1.x offers in `PLUGIN_PROTOCOL_VERSIONS`.
const PROTOCOLS: &str = "5,6";
const PROVIDER_ADDRESS: &str = "registry.terraform.io/gaap-community/gaap";

/// Whether `BENCH_PARTS` (default: every part) asks for the part lettered `part`.
fn wanted(part: char) -> bool {
    std::env::var("BENCH_PARTS").map_or(true, |parts| parts.contains(part))
}

fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn ours() -> PathBuf {
    measured::provider_binary()
}

fn null_provider() -> PathBuf {
    repo_root().join(format!(
        ".tools/null-{NULL_VERSION}/terraform-provider-null_v{NULL_VERSION}_x4"
    ))
}

fn null_plugin_dir() -> PathBuf {
    repo_root().join(format!(".tools/null-{NULL_VERSION}/plugins"))
}

fn terraform() -> PathBuf {
    std::env::var_os("GAAP_PINNED_TERRAFORM")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo_root().join(".tools/terraform-1.0.3/terraform"))
}

/// Median, min and max of a set of samples.
struct Summary {
    median: f64,
    min: f64,
    max: f64,
}

fn summarize(samples: &[f64]) -> Summary {
    let mut sorted = samples.to_vec();
    sorted.sort_by(|a, b| a.total_cmp(b));
    let n = sorted.len();
    let median = if n % 2 == 1 {
        sorted[n / 2]
    } else {
        (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0
    };
    Summary {
        median,
        min: sorted[0],
        max: sorted[n - 1],
    }
}

fn show(name: &str, unit: &str, samples: &[f64]) -> Summary {
    let s = summarize(samples);
    let digits = if unit == "s" { 3 } else { 1 };
    println!(
        "  {name:<44} median {:>9.digits$} {unit:<3} (min {:>9.digits$}, max {:>9.digits$}, n={})",
        s.median,
        s.min,
        s.max,
        samples.len()
    );
    s
}

/// A `kB` field of /proc/PID/status (`VmHWM`, `RssAnon`, ...).
fn status_kib(pid: u32, field: &str) -> Option<f64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status
        .lines()
        .find(|l| l.split(':').next() == Some(field))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn vm_hwm_kib(pid: u32) -> Option<f64> {
    status_kib(pid, "VmHWM")
}

/// What one process measured in a/b.
struct ProcessSample {
    handshake_ms: f64,
    hwm_mib: f64,
    /// Current anonymous (heap, stacks) and file-backed (mapped binary) resident MiB.
    anon_mib: f64,
    file_mib: f64,
}

/// a + b for one binary: ms to the handshake line, then memory after GetSchema.
async fn handshake_and_rss(binary: &Path, identity: &ClientIdentity) -> ProcessSample {
    let start = Instant::now();
    let (plugin, handshake) =
        Plugin::spawn_managed_binary(binary, PROTOCOLS, Some(&identity.pem), &[]);
    let elapsed = start.elapsed().as_secs_f64() * 1000.0;
    assert_eq!(
        &handshake.fields[1..3],
        ["5", "unix"],
        "{}: {}",
        binary.display(),
        handshake.raw
    );
    assert_eq!(handshake.fields[4], "grpc", "{}", handshake.raw);
    let cert = handshake.server_cert.clone().expect("AutoMTLS certificate");
    let channel = tls_channel(&handshake.socket(), client_config(&cert, Some(identity)))
        .await
        .expect("TLS channel");
    ProviderClient::new(channel)
        .get_schema(get_provider_schema::Request {})
        .await
        .unwrap_or_else(|e| panic!("GetSchema of {}: {e}", binary.display()));
    let pid = plugin.child.id();
    let sample = ProcessSample {
        handshake_ms: elapsed,
        hwm_mib: vm_hwm_kib(pid).expect("VmHWM") / 1024.0,
        anon_mib: status_kib(pid, "RssAnon").unwrap_or(f64::NAN) / 1024.0,
        file_mib: status_kib(pid, "RssFile").unwrap_or(f64::NAN) / 1024.0,
    };
    drop(plugin); // killed (SIGKILL), the same for both providers
    sample
}

/// A Terraform working directory with its own CLI configuration.
struct Workspace {
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
    fn run(&self, args: &[&str], env: &[(&str, String)]) -> (f64, bool, String) {
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

    fn plan(&self, env: &[(&str, String)]) -> (f64, String) {
        let (seconds, ok, text) =
            self.run(&["plan", "-input=false", "-no-color", "-lock=false"], env);
        assert!(ok, "terraform plan failed:\n{text}");
        (seconds, text)
    }
}

fn ours_workspace(checks: usize, rate_limit: u32) -> Workspace {
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

fn null_workspace(count: usize) -> Workspace {
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
struct TestEmulator {
    running: Option<RunningEmulator>,
    runtime: tokio::runtime::Runtime,
}

impl TestEmulator {
    fn start(knobs: Knobs) -> Self {
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

    fn env(&self) -> Vec<(&'static str, String)> {
        let running = self.running.as_ref().expect("running");
        vec![
            ("TENCENTCLOUD_GAAP_ENDPOINT", running.url()),
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
    fn calls(&self) -> (u64, u64) {
        let stats = self.running.as_ref().expect("running").stats();
        (
            stats.count("CheckProxyCreate", "ok"),
            stats.total("CheckProxyCreate"),
        )
    }

    fn reset(&self) {
        self.running.as_ref().expect("running").reset();
    }
}

impl Drop for TestEmulator {
    fn drop(&mut self) {
        if let Some(running) = self.running.take() {
            self.runtime.block_on(running.shutdown());
        }
    }
}

/// Polls /proc while `work` runs for processes executing `binary`; returns the largest
/// VmHWM (MiB) seen and how many such processes there were.
fn peak_of_processes<T>(binary: &Path, work: impl FnOnce() -> T) -> (T, f64, usize) {
    let binary = std::fs::canonicalize(binary).expect("binary path");
    let stop = Arc::new(AtomicBool::new(false));
    let poller = {
        let stop = stop.clone();
        std::thread::spawn(move || {
            let mut peaks: HashMap<u32, f64> = HashMap::new();
            while !stop.load(Ordering::SeqCst) {
                if let Ok(entries) = std::fs::read_dir("/proc") {
                    for entry in entries.flatten() {
                        let Some(pid) = entry.file_name().to_str().and_then(|s| s.parse().ok())
                        else {
                            continue;
                        };
                        if std::fs::read_link(entry.path().join("exe")).ok().as_ref()
                            != Some(&binary)
                        {
                            continue;
                        }
                        if let Some(hwm) = vm_hwm_kib(pid) {
                            let peak = peaks.entry(pid).or_insert(0.0);
                            *peak = peak.max(hwm);
                        }
                    }
                }
                std::thread::sleep(Duration::from_millis(5));
            }
            peaks
        })
    };
    let result = work();
    stop.store(true, Ordering::SeqCst);
    let peaks = poller.join().expect("poller");
    let max = peaks.values().cloned().fold(0.0, f64::max) / 1024.0;
    (result, max, peaks.len())
}

struct Outcome {
    name: String,
    value: f64,
    unit: &'static str,
    target: f64,
    met: bool,
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return; // `cargo test --benches` asks for a list; there are no unit tests here.
    }
    for (what, path) in [
        ("the null provider", null_provider()),
        ("Terraform 1.0.3", terraform()),
    ] {
        if !path.is_file() {
            eprintln!(
                "{what} is missing at {}: run scripts/fetch-null-provider.sh and \
                 scripts/install-terraform.sh (make bench does)",
                path.display()
            );
            std::process::exit(2);
        }
    }
    let (ours_bin, null_bin) = (ours(), null_provider());
    let mut outcomes = Vec::new();

    if wanted('a') || wanted('b') {
        // a + b
        println!(
            "a/b. spawn to handshake, VmHWM after GetSchema ({PROCESS_RUNS} alternating runs each)"
        );
        let runtime = tokio::runtime::Runtime::new().expect("tokio runtime");
        let identity = ClientIdentity::terraform_like();
        let (mut ours_samples, mut null_samples) = (Vec::new(), Vec::new());
        runtime.block_on(async {
            // Warm the page cache for both binaries.
            handshake_and_rss(&ours_bin, &identity).await;
            handshake_and_rss(&null_bin, &identity).await;
            for _ in 0..PROCESS_RUNS {
                ours_samples.push(handshake_and_rss(&ours_bin, &identity).await);
                null_samples.push(handshake_and_rss(&null_bin, &identity).await);
            }
        });
        let field = |samples: &[ProcessSample], f: fn(&ProcessSample) -> f64| -> Vec<f64> {
            samples.iter().map(f).collect()
        };
        let h_ours = show(
            "handshake, ours",
            "ms",
            &field(&ours_samples, |s| s.handshake_ms),
        );
        let h_null = show(
            "handshake, null 2.1.2",
            "ms",
            &field(&null_samples, |s| s.handshake_ms),
        );
        let r_ours = show(
            "VmHWM after GetSchema, ours",
            "MiB",
            &field(&ours_samples, |s| s.hwm_mib),
        );
        let r_null = show(
            "VmHWM after GetSchema, null 2.1.2",
            "MiB",
            &field(&null_samples, |s| s.hwm_mib),
        );
        for (who, samples) in [("ours", &ours_samples), ("null 2.1.2", &null_samples)] {
            show(
                &format!("  of which RssAnon now, {who}"),
                "MiB",
                &field(samples, |s| s.anon_mib),
            );
            show(
                &format!("  of which RssFile now, {who}"),
                "MiB",
                &field(samples, |s| s.file_mib),
            );
        }
        let ratio = h_ours.median / h_null.median;
        outcomes.push(Outcome {
            name: "a. handshake, ours / null (medians)".into(),
            value: ratio,
            unit: "x",
            target: 0.1,
            met: ratio <= 0.1,
        });
        let ratio = r_ours.median / r_null.median;
        outcomes.push(Outcome {
            name: "b. VmHWM after GetSchema, ours / null".into(),
            value: ratio,
            unit: "x",
            target: 0.35,
            met: ratio <= 0.35,
        });
    }

    if wanted('c') {
        // c
        println!(
            "c. terraform plan, 100 checks vs 100 null_data_source ({PLAN_RUNS} alternating runs each)"
        );
        let emulator = TestEmulator::start(Knobs::default());
        let env = emulator.env();
        let ours_ws = ours_workspace(100, 1000);
        let null_ws = null_workspace(100);
        ours_ws.plan(&env); // warm-up
        null_ws.plan(&[]);
        let (mut plan_ours, mut plan_null) = (Vec::new(), Vec::new());
        for _ in 0..PLAN_RUNS {
            plan_ours.push(ours_ws.plan(&env).0);
            plan_null.push(null_ws.plan(&[]).0);
        }
        let p_ours = show("plan, 100 gaap_proxy_create_check", "s", &plan_ours);
        let p_null = show("plan, 100 null_data_source", "s", &plan_null);
        let ratio = p_ours.median / p_null.median;
        outcomes.push(Outcome {
            name: "c. 100-check plan, ours / null".into(),
            value: ratio,
            unit: "x",
            target: 1.0,
            met: ratio <= 1.0,
        });
        drop(emulator);
    }

    if wanted('d') {
        // d
        println!(
            "d. 200 checks, emulator limit 20/s, provider rate_limit = 20 ({THROTTLED_RUNS} runs)"
        );
        let emulator = TestEmulator::start(Knobs {
            rate_limit: 20,
            ..Knobs::default()
        });
        let env = emulator.env();
        let throttled_ws = ours_workspace(200, 20);
        let one_ws = ours_workspace(1, 20);
        let (mut throttled, mut one_check, mut errors) = (Vec::new(), Vec::new(), 0u64);
        for _ in 0..THROTTLED_RUNS {
            std::thread::sleep(Duration::from_millis(1500)); // the emulator's bucket refills
            emulator.reset();
            let (seconds, ok, text) =
                throttled_ws.run(&["plan", "-input=false", "-no-color", "-lock=false"], &env);
            let (good, all) = emulator.calls();
            let failed = u64::from(!ok) + (all - good) + 200u64.saturating_sub(good);
            if failed > 0 {
                eprintln!("throttled plan: ok={ok}, {good} of {all} calls answered:\n{text}");
            }
            errors += failed;
            throttled.push(seconds);
            std::thread::sleep(Duration::from_millis(1500));
            emulator.reset();
            one_check.push(one_ws.plan(&env).0);
        }
        let t = show("plan, 200 checks at 20/s", "s", &throttled);
        let one = show("plan, 1 check, same setup (fixed cost)", "s", &one_check);
        println!(
            "  (information, not the target) 200-check plan minus the 1-check plan: {:.2} s",
            t.median - one.median
        );
        println!("  errors (failed plans + throttled or failed calls + missing calls): {errors}");
        let ratio = t.median / 10.0;
        outcomes.push(Outcome {
            name: "d. 200 checks at 20/s, / ideal 10 s".into(),
            value: ratio,
            unit: "x",
            target: 1.05,
            met: ratio <= 1.05 && errors == 0,
        });
        outcomes.push(Outcome {
            name: "d. errors in the throttled plans".into(),
            value: errors as f64,
            unit: "",
            target: 0.0,
            met: errors == 0,
        });
        drop(emulator);
    }

    if wanted('e') {
        // e
        println!("e. provider peak memory, 1000 vs 1 check ({MEMORY_RUNS} alternating runs each)");
        let emulator = TestEmulator::start(Knobs::default());
        let env = emulator.env();
        let big = ours_workspace(1000, 1000);
        let small = ours_workspace(1, 1000);
        let (mut mem_big, mut mem_small) = (Vec::new(), Vec::new());
        let (mut secs_big, mut secs_small) = (Vec::new(), Vec::new());
        let mut processes = (0, 0);
        for _ in 0..MEMORY_RUNS {
            let ((seconds, _), peak, n) = peak_of_processes(&ours_bin, || big.plan(&env));
            mem_big.push(peak);
            secs_big.push(seconds);
            processes.0 = n;
            let ((seconds, _), peak, n) = peak_of_processes(&ours_bin, || small.plan(&env));
            mem_small.push(peak);
            secs_small.push(seconds);
            processes.1 = n;
        }
        show("plan, 1000 checks (time)", "s", &secs_big);
        show("plan, 1 check (time)", "s", &secs_small);
        let m_big = show("provider peak VmHWM, 1000 checks", "MiB", &mem_big);
        let m_small = show("provider peak VmHWM, 1 check", "MiB", &mem_small);
        println!(
            "  provider processes seen per plan: {} (1000 checks), {} (1 check)",
            processes.0, processes.1
        );
        let ratio = m_big.median / m_small.median;
        outcomes.push(Outcome {
            name: "e. peak memory, 1000 checks / 1 check".into(),
            value: ratio,
            unit: "x",
            target: 2.0,
            met: ratio < 2.0,
        });
        drop(emulator);
    }

    println!();
    println!("{:<42} {:>9} {:>9}  result", "target", "value", "bound");
    let mut missed = 0;
    for o in &outcomes {
        missed += usize::from(!o.met);
        println!(
            "{:<42} {:>8.3}{:<1} {:>8.2}{:<1}  {}",
            o.name,
            o.value,
            o.unit,
            o.target,
            o.unit,
            if o.met { "ok" } else { "MISSED" }
        );
    }
    if missed > 0 {
        eprintln!("{missed} benchmark target(s) missed");
        std::process::exit(1);
    }
}
