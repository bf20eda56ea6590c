//! `gaap-emulator`: the loopback GAAP / STS / CVM-metadata emulator as a process, for
//! the demo and for module authors' CI. See `gaap_emulator` for
//! what it serves and its business rules.
//!
//! Prints `gaap-emulator listening on http://127.0.0.1:PORT` on stdout once ready and
//! serves until SIGINT or SIGTERM. `gaap-emulator record --out FILE` records a real
//! account's catalogue instead ([`gaap_emulator::record`]).

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use gaap_emulator::{
    catalogue_file, record, Emulator, EmulatorConfig, InjectedError, KeyPair, Knobs,
    DEMO_SECRET_ID, DEMO_SECRET_KEY,
};

const USAGE: &str = "\
Usage: gaap-emulator [OPTIONS]
       gaap-emulator record --out FILE

A loopback emulator of Tencent Cloud GAAP (CheckProxyCreate, DescribeDestRegions,
DescribeAccessRegionsByDestRegion, all from one region catalogue: built in, or
recorded from a real account; InquiryPriceCreateProxy, from a modelled price list
over that catalogue's regions), STS (AssumeRole, AssumeRoleWithWebIdentity,
AssumeRoleWithSAML, GetSessionToken, GetCallerIdentity) and the CVM metadata
credential paths, all on one URL. The permanent keys belong to account
100000000001; the demo MFA code is 123456.

Options:
  --catalogue FILE         serve the catalogue recorded in FILE (by `record`) instead
                           of the built-in one; a bad file is refused at start
  --port N                 port on the loopback address (default 0: any free port)
  --bind ADDR              loopback address to bind (default 127.0.0.1; ::1 works too)
  --secret-id ID --secret-key KEY
                           an accepted key pair; repeat the two flags for more pairs.
                           Default: the public demo pair
                           AKIDEXAMPLEgaapTEST0000000000000000 /
                           EXAMPLEgaapSecretKeyTEST0000000000
  --cam-role NAME          CVM role served by /latest/meta-data/cam/security-credentials/
  --metadata-ttl SECS      lifetime of metadata credentials (default 7200)
Knobs (also settable at run time: POST /_emulator/knobs):
  --latency-ms N           delay every answer
  --rate-limit N           calls per second per action, then RequestLimitExceeded
  --rate-limit-code CODE   code for throttled calls
  --error CODE[:COUNT]     queue an injected error for COUNT calls (no COUNT: always);
                           repeatable
  --http-5xx N             next N requests answer HTTP 5xx
  --http-5xx-status S      that status (default 503)
  --reset N                next N requests: connection closed without an answer
  --invalid-json N         next N requests answer a truncated JSON body
  --hang N                 next N requests are never answered
  --only-action ACTION     faults apply only to this X-TC-Action (`metadata`: metadata paths)
  --knobs JSON             all knobs as the JSON of POST /_emulator/knobs
  -h, --help               this text
  -V, --version            the version

record --out FILE:
  Records the catalogue of the account whose key is in the environment and writes
  it to FILE (atomically; progress on stderr): DescribeDestRegions with QualityType
  unset and 1, then DescribeAccessRegionsByDestRegion for every origin with
  IPAddressVersion unset|IPv6 and PackageType unset|Thunder|Accelerator|CrossBorder
  (2 + origins x 8 calls, at most 20 a second). Read-only CAM policy:
  gaap:DescribeDestRegions, gaap:DescribeAccessRegionsByDestRegion.
  TENCENTCLOUD_SECRET_ID, TENCENTCLOUD_SECRET_KEY (required) and
  TENCENTCLOUD_SECURITY_TOKEN: the key (no profile, no role).
  TENCENTCLOUD_GAAP_ENDPOINT: the API's URL; else https://gaap.<TENCENTCLOUD_DOMAIN>;
  else https://gaap.intl.tencentcloudapi.com.
";

enum Command {
    Help,
    Version,
    /// Serve, from the catalogue file when one is named.
    Run(Box<EmulatorConfig>, Option<PathBuf>),
    Record(PathBuf),
}

fn number<T: std::str::FromStr>(flag: &str, value: &str) -> Result<T, String> {
    value
        .parse()
        .map_err(|_| format!("{flag} needs a whole number, got `{value}`"))
}

/// The flags that set one knob each (`--knobs` sets all of them at once).
const KNOB_FLAGS: &[&str] = &[
    "--latency-ms",
    "--rate-limit",
    "--rate-limit-code",
    "--error",
    "--http-5xx",
    "--http-5xx-status",
    "--reset",
    "--invalid-json",
    "--hang",
    "--only-action",
];

/// `record --out FILE` (the words after `record`).
fn parse_record_args(args: &[String]) -> Result<Command, String> {
    let mut out = None;
    let mut it = args.iter();
    while let Some(flag) = it.next() {
        match flag.as_str() {
            "-h" | "--help" => return Ok(Command::Help),
            "--out" => {
                let value = it
                    .next()
                    .ok_or_else(|| "--out needs a value (see --help)".to_owned())?;
                out = Some(PathBuf::from(value));
            }
            other => return Err(format!("record: unknown option `{other}` (see --help)")),
        }
    }
    out.map(Command::Record)
        .ok_or_else(|| "record needs --out FILE (see --help)".to_owned())
}

fn parse_args(args: &[String]) -> Result<Command, String> {
    if args.first().map(String::as_str) == Some("record") {
        return parse_record_args(&args[1..]);
    }
    let mut catalogue = None;
    let mut config = EmulatorConfig::default();
    let mut port: u16 = 0;
    let mut ip = IpAddr::V4(Ipv4Addr::LOCALHOST);
    let mut ids: Vec<String> = Vec::new();
    let mut secrets: Vec<String> = Vec::new();
    let mut knobs = Knobs::default();
    let mut knob_flags = 0usize;
    let mut knobs_json = false;
    let mut it = args.iter();
    while let Some(flag) = it.next() {
        let flag = flag.as_str();
        match flag {
            "-h" | "--help" => return Ok(Command::Help),
            "-V" | "--version" => return Ok(Command::Version),
            _ => {}
        }
        let value = it
            .next()
            .ok_or_else(|| format!("{flag} needs a value (see --help)"))?;
        if flag == "--knobs" {
            knobs_json = true;
        } else if KNOB_FLAGS.contains(&flag) {
            knob_flags += 1;
        }
        if knobs_json && knob_flags > 0 {
            // --knobs replaces every knob, so it would silently undo the others.
            return Err(
                "--knobs sets every knob: use it alone, without the other knob flags".to_owned(),
            );
        }
        match flag {
            "--port" => port = number(flag, value)?,
            "--bind" => {
                ip = value
                    .parse()
                    .map_err(|_| format!("--bind needs an IP address, got `{value}`"))?
            }
            "--secret-id" => ids.push(value.clone()),
            "--secret-key" => secrets.push(value.clone()),
            "--cam-role" => config.cam_role = Some(value.clone()),
            "--catalogue" => catalogue = Some(PathBuf::from(value)),
            "--metadata-ttl" => config.metadata_ttl_secs = number(flag, value)?,
            "--latency-ms" => knobs.latency_ms = number(flag, value)?,
            "--rate-limit" => knobs.rate_limit = number(flag, value)?,
            "--rate-limit-code" => knobs.rate_limit_code = Some(value.clone()),
            "--error" => {
                let (code, count) = match value.split_once(':') {
                    Some((code, count)) => (code, Some(number(flag, count)?)),
                    None => (value.as_str(), None),
                };
                knobs.errors.push(InjectedError {
                    code: code.to_owned(),
                    message: None,
                    count,
                });
            }
            "--http-5xx" => knobs.http_5xx = number(flag, value)?,
            "--http-5xx-status" => knobs.http_5xx_status = number(flag, value)?,
            "--reset" => knobs.reset = number(flag, value)?,
            "--invalid-json" => knobs.invalid_json = number(flag, value)?,
            "--hang" => knobs.hang = number(flag, value)?,
            "--only-action" => knobs.only_action = Some(value.clone()),
            "--knobs" => {
                knobs = serde_json::from_str(value).map_err(|e| format!("--knobs: {e}"))?
            }
            other => return Err(format!("unknown option `{other}` (see --help)")),
        }
    }
    if ids.len() != secrets.len() {
        return Err(format!(
            "--secret-id and --secret-key come in pairs; got {} ids and {} keys",
            ids.len(),
            secrets.len()
        ));
    }
    config.keys = ids
        .into_iter()
        .zip(secrets)
        .map(|(id, key)| KeyPair::new(id, key))
        .collect();
    if config.keys.is_empty() {
        config.keys = vec![KeyPair::new(DEMO_SECRET_ID, DEMO_SECRET_KEY)];
    }
    config.addr = SocketAddr::new(ip, port);
    config.knobs = knobs;
    Ok(Command::Run(Box::new(config), catalogue))
}

async fn wait_for_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        if let Ok(mut term) = signal(SignalKind::terminate()) {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = term.recv() => {}
            }
            return;
        }
    }
    let _ = tokio::signal::ctrl_c().await;
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (mut config, catalogue) = match parse_args(&args) {
        Ok(Command::Help) => {
            print!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Ok(Command::Version) => {
            println!("gaap-emulator {}", env!("CARGO_PKG_VERSION"));
            return ExitCode::SUCCESS;
        }
        Ok(Command::Record(out)) => return run_record(&out).await,
        Ok(Command::Run(config, catalogue)) => (*config, catalogue),
        Err(e) => {
            eprintln!("gaap-emulator: {e}");
            return ExitCode::from(2);
        }
    };
    if let Some(path) = catalogue {
        match catalogue_file::load(&path) {
            Ok(file) => {
                eprintln!(
                    "gaap-emulator: serving the catalogue recorded from {} ({} origins)",
                    file.endpoint,
                    file.catalogue.origins().count()
                );
                config.catalogue = Arc::new(file.catalogue);
            }
            Err(e) => {
                eprintln!("gaap-emulator: --catalogue {}: {e}", path.display());
                return ExitCode::FAILURE;
            }
        }
    }
    let running = match Emulator::start(config).await {
        Ok(r) => r,
        Err(e) => {
            eprintln!("gaap-emulator: {e}");
            return ExitCode::FAILURE;
        }
    };
    {
        use std::io::Write as _;
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, "gaap-emulator listening on {}", running.url());
        let _ = out.flush();
    }
    wait_for_signal().await;
    running.shutdown().await;
    ExitCode::SUCCESS
}

async fn run_record(out: &std::path::Path) -> ExitCode {
    let lookup = |name: &str| std::env::var(name).ok();
    let mut progress = std::io::stderr();
    match record::run(out, &lookup, &mut progress).await {
        Ok(_) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gaap-emulator record: {e}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(args: &[&str]) -> Result<EmulatorConfig, String> {
        let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
        match parse_args(&args)? {
            Command::Run(c, _) => Ok(*c),
            _ => Err("not run".into()),
        }
    }

    #[test]
    fn defaults_to_demo_pair_on_loopback() {
        let c = run(&[]).unwrap();
        assert_eq!(c.keys, [KeyPair::new(DEMO_SECRET_ID, DEMO_SECRET_KEY)]);
        assert_eq!(c.addr.to_string(), "127.0.0.1:0");
    }

    #[test]
    fn pairs_and_knobs() {
        let c = run(&[
            "--port",
            "8080",
            "--secret-id",
            "A",
            "--secret-key",
            "a",
            "--secret-id",
            "B",
            "--secret-key",
            "b",
            "--error",
            "InternalError:2",
            "--error",
            "FailedOperation",
            "--rate-limit",
            "20",
            "--hang",
            "1",
        ])
        .unwrap();
        assert_eq!(c.addr.port(), 8080);
        assert_eq!(c.keys, [KeyPair::new("A", "a"), KeyPair::new("B", "b")]);
        assert_eq!(c.knobs.errors[0].count, Some(2));
        assert_eq!(c.knobs.errors[1].count, None);
        assert_eq!((c.knobs.rate_limit, c.knobs.hang), (20, 1));
    }

    #[test]
    fn rejects_bad_flags() {
        assert!(run(&["--secret-id", "A"]).unwrap_err().contains("pairs"));
        assert!(run(&["--port", "x"]).unwrap_err().contains("`x`"));
        assert!(run(&["--port"]).unwrap_err().contains("needs a value"));
        assert!(run(&["--frobnicate", "1"])
            .unwrap_err()
            .contains("unknown option"));
        for mixed in [
            ["--latency-ms", "5", "--knobs", "{}"],
            ["--knobs", "{}", "--hang", "1"],
        ] {
            assert!(
                run(&mixed).unwrap_err().contains("use it alone"),
                "{mixed:?}"
            );
        }
    }

    #[test]
    fn record_and_catalogue_flags() {
        let args = |a: &[&str]| a.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        match parse_args(&args(&["record", "--out", "c.json"])) {
            Ok(Command::Record(out)) => assert_eq!(out, PathBuf::from("c.json")),
            _ => panic!("record"),
        }
        assert!(parse_args(&args(&["record"]))
            .err()
            .unwrap()
            .contains("needs --out"));
        assert!(parse_args(&args(&["record", "--port", "1"]))
            .err()
            .unwrap()
            .contains("unknown option `--port`"));
        match parse_args(&args(&["--catalogue", "c.json", "--port", "1"])) {
            Ok(Command::Run(c, Some(path))) => {
                assert_eq!((c.addr.port(), path), (1, PathBuf::from("c.json")))
            }
            _ => panic!("--catalogue"),
        }
    }
}
