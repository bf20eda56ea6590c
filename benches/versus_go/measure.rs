//! Figures: median/min/max summaries, a process's memory from /proc, and one
//! provider process measured from spawn to GetSchema.

use std::collections::HashMap;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use terraform_provider_gaap::protocol::wire::get_provider_schema;
use terraform_provider_gaap::protocol::wire::provider_client::ProviderClient;

use crate::common::plugin_client::{client_config, tls_channel, ClientIdentity, Plugin};
use crate::PROTOCOLS;

/// Median, min and max of a set of samples.
pub(crate) struct Summary {
    pub(crate) median: f64,
    pub(crate) min: f64,
    pub(crate) max: f64,
}

pub(crate) fn summarize(samples: &[f64]) -> Summary {
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

/// Prints one figure's line and returns its summary.
pub(crate) fn show(name: &str, unit: &str, samples: &[f64]) -> Summary {
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
pub(crate) struct ProcessSample {
    pub(crate) handshake_ms: f64,
    pub(crate) hwm_mib: f64,
    /// Current anonymous (heap, stacks) and file-backed (mapped binary) resident MiB.
    pub(crate) anon_mib: f64,
    pub(crate) file_mib: f64,
}

/// a + b for one binary: ms to the handshake line, then memory after GetSchema.
pub(crate) async fn handshake_and_rss(binary: &Path, identity: &ClientIdentity) -> ProcessSample {
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

/// Polls /proc while `work` runs for processes executing `binary`; returns the largest
/// VmHWM (MiB) seen and how many such processes there were.
pub(crate) fn peak_of_processes<T>(binary: &Path, work: impl FnOnce() -> T) -> (T, f64, usize) {
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
