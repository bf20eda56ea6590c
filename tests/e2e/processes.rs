//! Finding provider processes that outlived the Terraform command that started them.
//!
//! Terraform passes its environment to the plugins it starts, so every command
//! gets a unique marker variable; a live process whose executable is our
//! provider binary and whose environment holds that marker was started by that
//! command, not by a test running in parallel.

use std::path::Path;
use std::time::{Duration, Instant};

/// Environment variable that tags the processes of one Terraform command.
pub const RUN_MARKER_ENV: &str = "GAAP_E2E_RUN_ID";

/// How long a provider may take to disappear after Terraform exited. Terraform
/// waits for its plugins before exiting, so this only absorbs scheduling noise.
const GRACE: Duration = Duration::from_secs(3);

/// Live (non-zombie) processes running `binary` with `RUN_MARKER_ENV=run_id`,
/// as `pid: cmdline` lines, after waiting up to [`GRACE`] for them to exit.
#[cfg(target_os = "linux")]
pub fn leftovers(binary: &Path, run_id: &str) -> Vec<String> {
    let binary = std::fs::canonicalize(binary).unwrap_or_else(|_| binary.to_path_buf());
    let marker = format!("{RUN_MARKER_ENV}={run_id}");
    let deadline = Instant::now() + GRACE;
    loop {
        let found = scan(&binary, &marker);
        if found.is_empty() || Instant::now() >= deadline {
            return found;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// Without `/proc` there is nothing to scan; Terraform's own log check still applies.
#[cfg(not(target_os = "linux"))]
pub fn leftovers(_binary: &Path, _run_id: &str) -> Vec<String> {
    let _ = (GRACE, Instant::now());
    Vec::new()
}

#[cfg(target_os = "linux")]
fn scan(binary: &Path, marker: &str) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    let mut found = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name
            .to_str()
            .filter(|n| n.bytes().all(|b| b.is_ascii_digit()))
        else {
            continue;
        };
        let proc_dir = entry.path();
        // Zombies have no exe link, and a rebuilt binary shows as "<path> (deleted)".
        let Ok(exe) = std::fs::read_link(proc_dir.join("exe")) else {
            continue;
        };
        let exe = exe.to_string_lossy();
        let exe = exe.trim_end_matches(" (deleted)");
        if Path::new(exe) != binary {
            continue;
        }
        let Ok(environ) = std::fs::read(proc_dir.join("environ")) else {
            continue;
        };
        if !environ.split(|b| *b == 0).any(|kv| kv == marker.as_bytes()) {
            continue;
        }
        if is_zombie(&proc_dir) {
            continue;
        }
        let cmdline = std::fs::read(proc_dir.join("cmdline"))
            .map(|c| String::from_utf8_lossy(&c).replace('\0', " "))
            .unwrap_or_default();
        found.push(format!("{pid}: {}", cmdline.trim()));
    }
    found
}

#[cfg(target_os = "linux")]
fn is_zombie(proc_dir: &Path) -> bool {
    // /proc/<pid>/stat is "pid (comm) S ..."; comm may hold spaces and parentheses.
    std::fs::read_to_string(proc_dir.join("stat"))
        .ok()
        .and_then(|stat| {
            stat.rsplit_once(')')
                .map(|(_, rest)| rest.trim_start().starts_with('Z'))
        })
        .unwrap_or(false)
}
