//! Running `scripts/release.sh` on already-built binaries, and the release the
//! install tests share.
//!
//! The tests never run a release build themselves: `RELEASE_BINARY` and
//! `RELEASE_EMULATOR_BINARY` make the script package given binaries. Those are
//! the binaries in `GAAP_INSTALL_BINARY` and `GAAP_INSTALL_EMULATOR` when set (CI
//! points them at the release builds of `make release-unsigned`), else stripped
//! copies of the provider Cargo built for this test run and of the
//! `gaap-emulator` built beside it (stripped as the release profile does, so
//! zipping stays quick).

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::OnceLock;

use sha2::{Digest, Sha256};

use super::gpg::Gpg;

/// Binary to package instead of the test build.
pub const BINARY_ENV: &str = "GAAP_INSTALL_BINARY";
/// Emulator binary to package instead of the debug build.
pub const EMULATOR_ENV: &str = "GAAP_INSTALL_EMULATOR";

/// Zip timestamp of the shared release (any fixed value works).
pub const EPOCH: &str = "1700000000";

pub const NAME: &str = "terraform-provider-gaap";
pub const EMULATOR: &str = "gaap-emulator";
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

pub fn emulator_zip_name() -> String {
    format!("{EMULATOR}_{VERSION}_{}.zip", platform())
}

pub fn emulator_sums_name() -> String {
    format!("{EMULATOR}_{VERSION}_SHA256SUMS")
}

pub fn emulator_sig_name() -> String {
    format!("{}.sig", emulator_sums_name())
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

/// `scripts/release.sh` packaging `binary` and `emulator` into `dist` with zip
/// time `epoch`; the caller adds the signing environment. Inherited signing
/// settings are removed.
pub fn release_command(binary: &Path, emulator: &Path, dist: &Path, epoch: &str) -> Command {
    let mut cmd = Command::new(repo_root().join("scripts/release.sh"));
    cmd.env("RELEASE_BINARY", binary)
        .env("RELEASE_EMULATOR_BINARY", emulator)
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

/// A signed release of the provider and the emulator, shared by the tests of
/// this binary.
pub struct Shared {
    /// The binary that was packaged.
    pub binary: PathBuf,
    /// The emulator binary that was packaged.
    pub emulator: PathBuf,
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

    pub fn emulator_sums(&self) -> String {
        String::from_utf8(self.file(&emulator_sums_name()))
            .unwrap_or_else(|e| panic!("the emulator's SHA256SUMS is not UTF-8: {e}"))
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
    let emulator = emulator_to_package(&root);
    let signer = Gpg::generate(&root.join("gnupg-signer"), "gaap release test key");
    let rogue = Gpg::generate(&root.join("gnupg-rogue"), "gaap rogue test key");

    let dist = root.join("dist");
    let mut cmd = release_command(&binary, &emulator, &dist, EPOCH);
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
    let mut cmd = release_command(&other_binary, &emulator, &other, EPOCH);
    cmd.env("RELEASE_UNSIGNED", "1");
    run_ok(cmd);

    Shared {
        binary,
        emulator,
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
    stripped_copy(&provider_build(), &root.join(NAME))
}

/// `GAAP_INSTALL_EMULATOR`, or a stripped copy of the `gaap-emulator` Cargo
/// built beside this run's provider (another package's binary, so Cargo names
/// no path for it: `make test-install` and `make test` build it).
fn emulator_to_package(root: &Path) -> PathBuf {
    if let Some(path) = std::env::var_os(EMULATOR_ENV).filter(|p| !p.is_empty()) {
        eprintln!(
            "install: packaging {EMULATOR_ENV}={}",
            path.to_string_lossy()
        );
        return PathBuf::from(path);
    }
    let built =
        provider_build().with_file_name(format!("{EMULATOR}{}", std::env::consts::EXE_SUFFIX));
    assert!(
        built.is_file(),
        "{} is missing: build it first (`cargo build -p {EMULATOR} --bin {EMULATOR}`; \
         `make test-install` and `make test` do), or name a build in {EMULATOR_ENV}",
        built.display()
    );
    stripped_copy(&built, &root.join(EMULATOR))
}

fn provider_build() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_terraform-provider-gaap"))
}

/// Copies `built` to `copy` and strips the copy (as the release profile does).
fn stripped_copy(built: &Path, copy: &Path) -> PathBuf {
    std::fs::copy(built, copy).unwrap_or_else(|e| panic!("cannot copy {}: {e}", built.display()));
    match Command::new("strip").arg(copy).status() {
        Ok(status) if status.success() => {}
        other => eprintln!(
            "install: packaging the unstripped {} (strip: {other:?})",
            built.display()
        ),
    }
    copy.to_path_buf()
}

pub fn set_executable(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755))
        .unwrap_or_else(|e| panic!("chmod {}: {e}", path.display()));
}

/// Asserts that `zip` is shaped as the release's zips are: one entry, named
/// `member`, mode 0755, no extra fields. Returns `unzip -Z -v`'s listing.
pub fn assert_one_executable(zip: &Path, member: &str) -> String {
    let unzip = |args: &[&str]| {
        let out = Command::new("unzip")
            .args(args)
            .arg(zip)
            .output()
            .unwrap_or_else(|e| panic!("cannot run unzip (install unzip): {e}"));
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let listing = unzip(&["-Z", "-v"]);
    for needle in [
        "central directory contains 1 entry",
        "(100755 octal)",
        "length of extra field:                          0 bytes",
    ] {
        assert!(listing.contains(needle), "{needle:?} in {listing}");
    }
    assert_eq!(unzip(&["-Z1"]), format!("{member}\n"), "{}", zip.display());
    listing
}

/// `sha256sum -c --strict sums` in `dir` succeeds.
pub fn assert_sums_check(dir: &Path, sums: &str) {
    let check = Command::new("sha256sum")
        .args(["-c", "--strict", sums])
        .current_dir(dir)
        .output()
        .unwrap_or_else(|e| panic!("cannot run sha256sum: {e}"));
    assert!(check.status.success(), "{check:?}");
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
