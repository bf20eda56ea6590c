//! Finding the Terraform-compatible CLIs to test against.
//!
//! The pinned oldest supported Terraform (installed by `make install-tools` into
//! `.tools/`) is always tested, so every run proves the compatibility floor.
//! Any `terraform` and `tofu` on `PATH`, and any binary listed in
//! `GAAP_E2E_TERRAFORM_BINS`, are tested too; two binaries that report the same
//! product and version are tested once.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;

/// Version of the pinned oldest supported Terraform; `scripts/install-terraform.sh` installs it.
pub const PINNED_VERSION: &str = "1.0.3";

/// Extra CLIs to test, separated by `:` (for example an older OpenTofu).
pub const EXTRA_BINS_ENV: &str = "GAAP_E2E_TERRAFORM_BINS";

/// Names looked up on `PATH`.
const PATH_NAMES: [&str; 2] = ["terraform", "tofu"];

/// One CLI under test.
#[derive(Debug, Clone)]
pub struct Terraform {
    pub path: PathBuf,
    /// `Terraform` or `OpenTofu`, from the first line of `version`.
    pub product: String,
    /// Without the leading `v`, e.g. `1.0.3`.
    pub version: String,
}

impl Terraform {
    /// A short label for messages: `Terraform v1.0.3 (/path/to/terraform)`.
    pub fn label(&self) -> String {
        format!(
            "{} v{} ({})",
            self.product,
            self.version,
            self.path.display()
        )
    }
}

/// Terraform's name for the platform these tests run on, e.g. `linux_amd64`.
pub fn platform() -> String {
    let os = std::env::consts::OS;
    let arch = match std::env::consts::ARCH {
        "x86_64" => "amd64",
        "aarch64" => "arm64",
        "x86" => "386",
        "arm" => "arm",
        other => other,
    };
    format!("{os}_{arch}")
}

/// Names a Terraform 1.0.3 binary to use as the pinned one instead of `.tools/`'s
/// linux_amd64 build: on other platforms (the macOS CI job) it comes from there.
pub const PINNED_OVERRIDE_ENV: &str = "GAAP_PINNED_TERRAFORM";

/// Path of the pinned Terraform: [`PINNED_OVERRIDE_ENV`] when set, else inside this
/// repository.
pub fn pinned_path() -> PathBuf {
    if let Some(path) = std::env::var_os(PINNED_OVERRIDE_ENV).filter(|p| !p.is_empty()) {
        return PathBuf::from(path);
    }
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(".tools")
        .join(format!("terraform-{PINNED_VERSION}"))
        .join("terraform")
}

/// Every CLI to test, pinned one first. Panics with instructions when the pinned one is missing.
pub fn all() -> &'static [Terraform] {
    static ALL: OnceLock<Vec<Terraform>> = OnceLock::new();
    ALL.get_or_init(discover)
}

fn discover() -> Vec<Terraform> {
    let pinned = pinned_path();
    assert!(
        pinned.is_file(),
        "the pinned Terraform {PINNED_VERSION} is missing at {}.\n\
         Run `make install-tools` (or scripts/install-terraform.sh) first.",
        pinned.display()
    );
    let mut candidates = vec![pinned];
    if let Ok(extra) = std::env::var(EXTRA_BINS_ENV) {
        candidates.extend(
            extra
                .split(':')
                .filter(|s| !s.is_empty())
                .map(PathBuf::from),
        );
    }
    for name in PATH_NAMES {
        candidates.extend(find_on_path(name));
    }

    let mut found: Vec<Terraform> = Vec::new();
    for path in candidates {
        let tf = match identify(&path) {
            Ok(tf) if found.is_empty() && tf.version != PINNED_VERSION => panic!(
                "the pinned Terraform {} reports version {}, expected {PINNED_VERSION}",
                tf.path.display(),
                tf.version
            ),
            Ok(tf) => tf,
            Err(why) if found.is_empty() => panic!("pinned Terraform unusable: {why}"),
            Err(why) => {
                eprintln!("e2e: skipping {}: {why}", path.display());
                continue;
            }
        };
        if found
            .iter()
            .any(|f| f.product == tf.product && f.version == tf.version)
        {
            continue;
        }
        eprintln!("e2e: testing {}", tf.label());
        found.push(tf);
    }
    found
}

fn find_on_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|candidate| is_executable(candidate))
}

fn is_executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path)
        .map(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
        .unwrap_or(false)
}

/// Runs `<bin> version` with an empty CLI config and parses `<Product> v<version>`.
fn identify(path: &Path) -> Result<Terraform, String> {
    let empty_config = tempfile::NamedTempFile::new().map_err(|e| e.to_string())?;
    let output = Command::new(path)
        .arg("version")
        .env("TF_CLI_CONFIG_FILE", empty_config.path())
        .env("CHECKPOINT_DISABLE", "1")
        .env_remove("TF_LOG")
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("cannot run: {e}"))?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    let first = stdout.lines().next().unwrap_or_default();
    let (product, version) = first
        .split_once(" v")
        .ok_or_else(|| format!("unexpected `version` output: {first:?}"))?;
    Ok(Terraform {
        path: path.to_path_buf(),
        product: product.trim().to_string(),
        version: version.trim().to_string(),
    })
}
