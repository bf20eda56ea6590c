//! The emulator through the official Tencent Cloud SDK for Python: its signer, its
//! request serialization and its response models (`InquiryPriceCreateProxyResponse`,
//! `BandwidthPriceGradient`, `CheckProxyCreateResponse`, `TencentCloudSDKException`)
//! must accept what the emulator answers, as they accept the real API's answers.
//!
//! The test installs the pinned SDK (`python_sdk/requirements.txt`) from PyPI into
//! its own virtual environment under the target directory (`python3 -m venv`, then
//! `pip install --no-deps`), once per set of pins. It needs `python3` with `venv`
//! and PyPI: without them it fails, saying what is missing (`.ci/run` installs
//! Python's venv module on Debian); it never passes without having run the SDK.
//! Everything else is loopback: the SDK calls the in-process emulator over plain
//! HTTP, with the emulator's public demo keys.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use gaap_emulator::price::{self, Inquiry};
use gaap_emulator::{Catalogue, Emulator, EmulatorConfig, DEMO_SECRET_ID, DEMO_SECRET_KEY};
use serde_json::{json, Value};

/// The pins, also the marker of an installed environment.
const REQUIREMENTS: &str = include_str!("python_sdk/requirements.txt");
/// The script that makes the SDK calls.
const SCRIPT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/python_sdk/calls.py");
/// Bound on creating the environment and installing the SDK, and on the calls.
const INSTALL_BOUND: Duration = Duration::from_secs(300);
const CALLS_BOUND: Duration = Duration::from_secs(120);

/// Runs `command` to its end within `bound`; its stdout, or why it failed.
fn run(command: &mut Command, stdin: &[u8], bound: Duration) -> Result<String, String> {
    let shown = format!("{command:?}");
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run {shown}: {e}"))?;
    if let Some(mut input) = child.stdin.take() {
        input
            .write_all(stdin)
            .map_err(|e| format!("{shown}: stdin: {e}"))?;
    }
    let started = Instant::now();
    while child
        .try_wait()
        .map_err(|e| format!("{shown}: {e}"))?
        .is_none()
    {
        if started.elapsed() > bound {
            let _ = child.kill();
            let _ = child.wait();
            return Err(format!("{shown} took longer than {bound:?}"));
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let out = child
        .wait_with_output()
        .map_err(|e| format!("{shown}: {e}"))?;
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    if out.status.success() {
        Ok(stdout)
    } else {
        Err(format!(
            "{shown} exited with {}\nstdout:\n{stdout}\nstderr:\n{}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        ))
    }
}

/// The Python of the test's environment, created and filled with the pinned SDK when
/// it is missing or holds other pins. Panics, saying what is missing, when it cannot.
fn python() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("python-sdk");
    let bin = if cfg!(windows) { "Scripts" } else { "bin" };
    let python = dir.join(bin).join("python");
    let marker = dir.join("installed-requirements.txt");
    if std::fs::read_to_string(&marker).ok().as_deref() == Some(REQUIREMENTS) {
        return python;
    }
    let _ = std::fs::remove_dir_all(&dir);
    if let Err(e) = run(
        Command::new("python3").args(["-m", "venv"]).arg(&dir),
        b"",
        INSTALL_BOUND,
    ) {
        panic!(
            "cannot create a Python virtual environment for the official SDK: {e}\n\
             Install Python 3 with its venv module (Debian: apt-get install python3-venv)."
        );
    }
    let requirements = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/python_sdk/requirements.txt"
    );
    let installed = run(
        Command::new(&python)
            .args(["-m", "pip", "install", "--quiet", "--no-deps", "--no-input"])
            .args([
                "--disable-pip-version-check",
                "--timeout",
                "30",
                "--retries",
                "2",
            ])
            .args(["--requirement", requirements]),
        b"",
        INSTALL_BOUND,
    );
    if let Err(e) = installed {
        let _ = std::fs::remove_dir_all(&dir);
        panic!(
            "cannot install the official Tencent Cloud SDK for Python from PyPI \
             ({requirements}): {e}\nThis test needs PyPI; it does not pass without the SDK."
        );
    }
    std::fs::write(&marker, REQUIREMENTS).expect("write the marker");
    python
}

/// The emulator's price of a connection, as its answer's fields.
fn quoted(access: &str, origin: &str, concurrent: i64, by_traffic: bool, cn2: bool) -> Value {
    let inquiry = Inquiry {
        access,
        origin,
        concurrent,
        by_traffic,
        cn2,
    };
    Value::Object(price::quote(&Catalogue::built_in(), &inquiry).answer())
}

/// `got` (what the SDK parsed, floats) holds `want` (the emulator's exact answer):
/// every field, numbers equal as the SDK's floats, nulls null.
fn assert_parsed(at: &str, got: &Value, want: &Value) {
    match (got, want) {
        (Value::Number(g), Value::Number(w)) => assert_eq!(
            g.as_f64(),
            w.to_string().parse::<f64>().ok(),
            "{at}: {g} for {w}"
        ),
        (Value::Array(g), Value::Array(w)) => {
            assert_eq!(g.len(), w.len(), "{at}: {got} for {want}");
            for (i, (g, w)) in g.iter().zip(w).enumerate() {
                assert_parsed(&format!("{at}[{i}]"), g, w);
            }
        }
        (Value::Object(_), Value::Object(w)) => {
            for (key, w) in w {
                assert_parsed(&format!("{at}.{key}"), &got[key], w);
            }
        }
        (g, w) => assert_eq!(g, w, "{at}"),
    }
}

fn request_id(at: &str, value: &Value) {
    assert_eq!(
        value.as_str().map(str::len),
        Some(36),
        "{at}: a RequestId: {value}"
    );
}

#[test]
fn the_official_python_sdk_parses_the_emulators_answers() {
    let python = python();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .expect("a runtime");
    let emulator = runtime
        .block_on(Emulator::start(EmulatorConfig::default()))
        .expect("the emulator starts");

    let mainland = json!({"AccessRegion": "Guangzhou", "RealServerRegion": "Shanghai", "Bandwidth": 10, "Concurrent": 2});
    let calls = json!([
        {"action": "InquiryPriceCreateProxy", "params": mainland},
        {"action": "InquiryPriceCreateProxy", "params": {
            "AccessRegion": "SL_India", "RealServerRegion": "Hongkong", "Bandwidth": 10,
            "Concurrent": 2, "BillingType": 1, "NetworkType": "cn2"}},
        // tccli's published request names the concurrency by its deprecated name.
        {"action": "InquiryPriceCreateProxy", "params": {
            "AccessRegion": "EastChina", "RealServerRegion": "SouthChina", "Bandwidth": 10,
            "Concurrency": 2}},
        {"action": "CheckProxyCreate", "params": {
            "AccessRegion": "SouthChina", "RealServerRegion": "EastChina", "Bandwidth": 10,
            "Concurrent": 2}},
        {"action": "InquiryPriceCreateProxy", "params": {
            "AccessRegion": "Atlantis", "RealServerRegion": "Shanghai", "Bandwidth": 10,
            "Concurrent": 2}},
        {"action": "CheckProxyCreate", "params": {
            "AccessRegion": "SouthChina", "RealServerRegion": "Atlantis", "Bandwidth": 10,
            "Concurrent": 2}},
    ]);
    let endpoint = emulator.addr().to_string();
    let out = run(
        Command::new(&python)
            .arg(SCRIPT)
            .env("GAAP_EMULATOR_ENDPOINT", &endpoint)
            .env("GAAP_EMULATOR_SECRET_ID", DEMO_SECRET_ID)
            .env("GAAP_EMULATOR_SECRET_KEY", DEMO_SECRET_KEY)
            // Loopback only: no proxy in between.
            .env_remove("HTTP_PROXY")
            .env_remove("http_proxy")
            .env_remove("HTTPS_PROXY")
            .env_remove("https_proxy")
            .env("NO_PROXY", "*"),
        calls.to_string().as_bytes(),
        CALLS_BOUND,
    )
    .unwrap_or_else(|e| panic!("the SDK calls failed: {e}"));
    let results: Vec<Value> =
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("not JSON ({e}): {out}"));
    assert_eq!(results.len(), 6, "{out}");

    // Billed by bandwidth: the SDK's models hold every price the emulator answered.
    let published_route = quoted("Guangzhou", "Shanghai", 2, false, false);
    let response = &results[0]["response"];
    assert_parsed("mainland", response, &published_route);
    assert_eq!(response["ProxyDailyPrice"], json!(80.64));
    assert_eq!(response["FlowUnitPrice"], Value::Null);
    request_id("mainland", &response["RequestId"]);
    assert_eq!(
        results[0]["types"]["BandwidthUnitPrice"],
        json!(vec!["BandwidthPriceGradient"; 5])
    );

    // Billed by traffic, cn2: no tiers, the flow and cn2 prices.
    let response = &results[1]["response"];
    assert_parsed(
        "traffic",
        response,
        &quoted("SL_India", "Hongkong", 2, true, true),
    );
    assert_eq!(response["BandwidthUnitPrice"], Value::Null);
    assert!(response["FlowUnitPrice"].as_f64().is_some_and(|p| p > 0.0));
    assert!(response["Cn2BandwidthPrice"]
        .as_f64()
        .is_some_and(|p| p > 0.0));

    // The deprecated parameter name prices the same mainland route.
    assert_parsed(
        "tccli's request",
        &results[2]["response"],
        &quoted("EastChina", "SouthChina", 2, false, false),
    );
    assert_eq!(
        results[3]["response"]["CheckFlag"],
        json!(1),
        "{}",
        results[3]
    );

    // Errors: a TencentCloudSDKException with the API's code and RequestId.
    for (index, code, region) in [
        (4, "InvalidParameterValue.UnknownAccessRegion", "Atlantis"),
        (5, "InvalidParameterValue.UnknownDestRegion", "Atlantis"),
    ] {
        let error = &results[index]["error"];
        assert_eq!(error["code"], json!(code), "{}", results[index]);
        assert!(
            error["message"]
                .as_str()
                .is_some_and(|m| m.contains(region)),
            "{error}"
        );
        request_id(code, &error["request_id"]);
    }

    let stats = emulator.stats();
    assert_eq!(stats.count("InquiryPriceCreateProxy", "ok"), 3, "{stats:?}");
    assert_eq!(stats.count("CheckProxyCreate", "ok"), 1, "{stats:?}");
    runtime.block_on(emulator.shutdown());
}
