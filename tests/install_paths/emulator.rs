//! The emulator as a download: `gaap-emulator_<version>_<os>_<arch>.zip` beside
//! the provider's zips, with its own SHA256SUMS and signature, holding one
//! executable that starts; the provider's SHA256SUMS stays the provider's.

use std::io::{BufRead, BufReader};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use crate::harness::tempdir;
use crate::install::release::{
    self, emulator_sig_name, emulator_sums_name, emulator_zip_name, sha256_hex, EMULATOR, VERSION,
};

/// How long the unzipped emulator may take to print its listening line.
const START_TIMEOUT: Duration = Duration::from_secs(20);

/// What the emulator prints on stdout once it serves.
const LISTENING: &str = "gaap-emulator listening on http://127.0.0.1:";

#[test]
fn emulator_zip_has_its_own_checksums_and_signature_and_holds_one_executable_that_starts() {
    let shared = release::shared();

    // Released for the host platform.
    let zip_path = shared.dist.join(emulator_zip_name());
    let zip = shared.file(&emulator_zip_name());

    // Its own SHA256SUMS: one line per emulator zip, in sha256sum's format,
    // and `sha256sum -c` agrees.
    assert_eq!(
        shared.emulator_sums(),
        format!("{}  {}\n", sha256_hex(&zip), emulator_zip_name())
    );
    release::assert_sums_check(&shared.dist, &emulator_sums_name());

    // Signed by the release key, as the provider's sums are.
    let verified = shared.signer.verify(
        &shared.dist.join(emulator_sig_name()),
        &shared.dist.join(emulator_sums_name()),
    );
    let stderr = String::from_utf8_lossy(&verified.stderr);
    assert!(verified.status.success(), "gpg --verify: {stderr}");
    assert!(stderr.contains("Good signature"), "{stderr}");

    // Each SHA256SUMS lists only its own files: Terraform writes every line of
    // the provider's into users' lock files.
    let provider_sums = shared.sums();
    assert!(
        !provider_sums.contains(EMULATOR),
        "the provider's SHA256SUMS lists the emulator:\n{provider_sums}"
    );
    assert!(
        !shared.emulator_sums().contains("terraform-provider-gaap"),
        "{}",
        shared.emulator_sums()
    );

    // One entry, the executable `gaap-emulator`, mode 0755, no extra fields.
    release::assert_one_executable(&zip_path, EMULATOR);

    // Unzipped, it reports the release's version and starts serving.
    let dir = tempdir();
    release::unzip(&zip_path, dir.path());
    let executable = dir.path().join(EMULATOR);
    let version = Command::new(&executable)
        .arg("--version")
        .output()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", executable.display()));
    assert!(version.status.success(), "{version:?}");
    assert_eq!(
        String::from_utf8_lossy(&version.stdout).trim(),
        format!("{EMULATOR} {VERSION}")
    );
    assert_starts_and_listens(&executable);
}

/// Starts `executable --port 0`, waits for its listening line, connects to the
/// port it names, and stops it.
fn assert_starts_and_listens(executable: &std::path::Path) {
    let mut child = Command::new(executable)
        .args(["--port", "0"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {}: {e}", executable.display()));
    let stdout = child
        .stdout
        .take()
        .unwrap_or_else(|| panic!("no stdout pipe"));
    let (sender, receiver) = mpsc::channel();
    std::thread::spawn(move || {
        let mut line = String::new();
        let _ = BufReader::new(stdout).read_line(&mut line);
        let _ = sender.send(line);
    });
    let line = receiver.recv_timeout(START_TIMEOUT);
    let connected = line
        .as_ref()
        .ok()
        .and_then(|l| l.trim().strip_prefix(LISTENING))
        .and_then(|port| port.parse::<u16>().ok())
        .map(|port| TcpStream::connect(("127.0.0.1", port)).is_ok());
    let _ = child.kill();
    let _ = child.wait();
    assert_eq!(
        connected,
        Some(true),
        "the released emulator should print {LISTENING:?}PORT and accept connections there; it printed {line:?}"
    );
}
