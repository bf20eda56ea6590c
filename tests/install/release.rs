//! Running `scripts/release.sh` on an already-built binary, and the release the
//! install tests share.
//!
//! The tests never run a release build themselves: `RELEASE_BINARY` makes the
//! script package a given binary. That is the binary in `GAAP_INSTALL_BINARY`
//! when set (CI points it at `target/release/terraform-provider-gaap` after
//! `make release-unsigned`), else a stripped copy of the binary Cargo built for
//! this test run (stripped as the release profile does, so zipping stays quick).

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::OnceLock;

use sha2::{Digest, Sha256};

use super::gpg::Gpg;

/// Binary to package instead of the test build.
pub const BINARY_ENV: &str = "GAAP_INSTALL_BINARY";

/// Zip timestamp of the shared release (any fixed value works).
pub const EPOCH: &str = "1700000000";

pub const NAME: &str = "terraform-provider-gaap";
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

pub use crate::e2e::tools::platform;

pub fn zip_name() -> String {
    format!("{NAME}_{VERSION}_{}.zip", platform())
}

pub fn manifest_name() -> String {
    format!("{NAME}_{VERSION}_manifest.json")
}

pub fn sums_name() -> String {
    format!("{NAME}_{VERSION}_SHA256SUMS")
}

pub fn sig_name() -> String {
    format!("{}.sig", sums_name())
}

/// The executable inside the zip.
pub fn member_name() -> String {
    format!("{NAME}_v{VERSION}")
}

pub fn repo_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

pub fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// `scripts/release.sh` packaging `binary` into `dist` with zip time `epoch`;
/// the caller adds the signing environment. Inherited signing settings are removed.
pub fn release_command(binary: &Path, dist: &Path, epoch: &str) -> Command {
    let mut cmd = Command::new(repo_root().join("scripts/release.sh"));
    cmd.env("RELEASE_BINARY", binary)
        .env("DIST", dist)
        .env("SOURCE_DATE_EPOCH", epoch)
        .env_remove("GPG_FINGERPRINT")
        .env_remove("RELEASE_UNSIGNED")
        .env_remove("GNUPGHOME")
        .stdin(Stdio::null());
    cmd
}

/// Runs a release command; panics with its output unless it succeeded.
pub fn run_ok(mut cmd: Command) -> Output {
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("cannot run scripts/release.sh: {e}"));
    assert!(
        out.status.success(),
        "scripts/release.sh failed: {}\n--- stdout\n{}\n--- stderr\n{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// A signed release of the provider, shared by the tests of this binary.
pub struct Shared {
    /// The binary that was packaged.
    pub binary: PathBuf,
    /// `dist/` as `scripts/release.sh` wrote it, signed by `signer`.
    pub dist: PathBuf,
    pub signer: Gpg,
    /// The same SHA256SUMS signed by a key the registry does not announce.
    pub rogue_signature: Vec<u8>,
    /// A valid zip of the same version holding another executable (the
    /// binary with bytes appended: it still runs, but its hashes differ).
    pub other_zip: Vec<u8>,
}

impl Shared {
    pub fn file(&self, name: &str) -> Vec<u8> {
        read(&self.dist.join(name))
    }

    pub fn zip(&self) -> Vec<u8> {
        self.file(&zip_name())
    }

    pub fn sums(&self) -> String {
        String::from_utf8(self.file(&sums_name()))
            .unwrap_or_else(|e| panic!("SHA256SUMS is not UTF-8: {e}"))
    }
}

/// The shared release, made once per test binary.
pub fn shared() -> &'static Shared {
    static SHARED: OnceLock<Shared> = OnceLock::new();
    SHARED.get_or_init(make_shared)
}

fn make_shared() -> Shared {
    let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join("install_paths");
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(&root).unwrap_or_else(|e| panic!("mkdir {}: {e}", root.display()));

    let binary = binary_to_package(&root);
    let signer = Gpg::generate(&root.join("gnupg-signer"), "gaap release test key");
    let rogue = Gpg::generate(&root.join("gnupg-rogue"), "gaap rogue test key");

    let dist = root.join("dist");
    let mut cmd = release_command(&binary, &dist, EPOCH);
    cmd.env("GNUPGHOME", signer.home())
        .env("GPG_FINGERPRINT", &signer.fingerprint);
    run_ok(cmd);

    let rogue_sig = root.join("rogue.sig");
    rogue.detach_sign(&dist.join(sums_name()), &rogue_sig);
    signer.stop_agent();
    rogue.stop_agent();

    let other_binary = root.join("other").join(NAME);
    std::fs::create_dir_all(root.join("other")).unwrap_or_else(|e| panic!("mkdir: {e}"));
    let mut bytes = read(&binary);
    bytes.extend_from_slice(b"\0not the released binary\0");
    std::fs::write(&other_binary, bytes).unwrap_or_else(|e| panic!("write: {e}"));
    set_executable(&other_binary);
    let other = root.join("dist-other");
    let mut cmd = release_command(&other_binary, &other, EPOCH);
    cmd.env("RELEASE_UNSIGNED", "1");
    run_ok(cmd);

    Shared {
        binary,
        rogue_signature: read(&rogue_sig),
        other_zip: read(&other.join(zip_name())),
        dist,
        signer,
    }
}

/// `GAAP_INSTALL_BINARY`, or a stripped copy of this run's provider binary.
fn binary_to_package(root: &Path) -> PathBuf {
    if let Some(path) = std::env::var_os(BINARY_ENV).filter(|p| !p.is_empty()) {
        eprintln!("install: packaging {BINARY_ENV}={}", path.to_string_lossy());
        return PathBuf::from(path);
    }
    let built = PathBuf::from(env!("CARGO_BIN_EXE_terraform-provider-gaap"));
    let copy = root.join(NAME);
    std::fs::copy(&built, &copy).unwrap_or_else(|e| panic!("cannot copy {}: {e}", built.display()));
    match Command::new("strip").arg(&copy).status() {
        Ok(status) if status.success() => {}
        other => eprintln!("install: packaging the unstripped binary (strip: {other:?})"),
    }
    copy
}

pub fn set_executable(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755))
        .unwrap_or_else(|e| panic!("chmod {}: {e}", path.display()));
}

/// Unpacks `zip` into `dir` with `unzip`, keeping the stored modes.
pub fn unzip(zip: &Path, dir: &Path) {
    std::fs::create_dir_all(dir).unwrap_or_else(|e| panic!("mkdir {}: {e}", dir.display()));
    let out = Command::new("unzip")
        .arg("-q")
        .arg("-o")
        .arg(zip)
        .arg("-d")
        .arg(dir)
        .output()
        .unwrap_or_else(|e| panic!("cannot run unzip (install unzip): {e}"));
    assert!(
        out.status.success(),
        "unzip {} failed: {}",
        zip.display(),
        String::from_utf8_lossy(&out.stderr)
    );
}
