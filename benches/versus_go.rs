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
#[path = "versus_go/measure.rs"]
mod measure;
#[path = "support/measured.rs"]
mod measured;
#[path = "versus_go/parts.rs"]
mod parts;
#[path = "versus_go/terraform.rs"]
mod terraform;

/// What Terraform 1.x offers in `PLUGIN_PROTOCOL_VERSIONS`.
const PROTOCOLS: &str = "5,6";

/// Whether `BENCH_PARTS` (default: every part) asks for the part lettered `part`.
fn wanted(part: char) -> bool {
    std::env::var("BENCH_PARTS").map_or(true, |parts| parts.contains(part))
}

/// One figure judged against its target.
struct Outcome {
    name: String,
    value: f64,
    unit: &'static str,
    target: f64,
    met: bool,
}

impl Outcome {
    /// A ratio that must not exceed `target`.
    fn ratio_at_most(name: &str, value: f64, target: f64) -> Self {
        Outcome {
            name: name.into(),
            value,
            unit: "x",
            target,
            met: value <= target,
        }
    }
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return; // `cargo test --benches` asks for a list; there are no unit tests here.
    }
    for (what, path) in [
        ("the null provider", terraform::null_provider()),
        ("Terraform 1.0.3", terraform::terraform()),
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
    let mut outcomes = Vec::new();
    if wanted('a') || wanted('b') {
        outcomes.extend(parts::handshake_and_memory());
    }
    if wanted('c') {
        outcomes.extend(parts::plan_against_null());
    }
    if wanted('d') {
        outcomes.extend(parts::throttled_plan());
    }
    if wanted('e') {
        outcomes.extend(parts::memory_by_plan_size());
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
