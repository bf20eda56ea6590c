//! Support for the install-path tests: the release from `scripts/release.sh`
//! laid out as Terraform's mirrors and registry expect it.
//!
//! - [`release`]: packaging with the release script, the shared signed release.
//! - [`gpg`]: throwaway signing keys.
//! - [`https`]: a loopback HTTPS server with its own CA.
//! - here: the filesystem-mirror layouts, the network-mirror and
//!   provider-registry answers, and reading `.terraform.lock.hcl`.

pub mod gpg;
pub mod https;
pub mod release;

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::json;

use https::Body;
use release::{member_name, platform, zip_name, VERSION};

pub const NAMESPACE: &str = "gaap-community";
pub const TYPE: &str = "gaap";

/// The packed filesystem-mirror layout:
/// `dir/HOSTNAME/NAMESPACE/TYPE/terraform-provider-TYPE_VERSION_TARGET.zip`.
pub fn packed_mirror(dir: &Path, hostname: &str, zip: &[u8]) {
    let folder = dir.join(hostname).join(NAMESPACE).join(TYPE);
    std::fs::create_dir_all(&folder).unwrap_or_else(|e| panic!("mkdir {}: {e}", folder.display()));
    let path = folder.join(zip_name());
    std::fs::write(&path, zip).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
}

/// The unpacked filesystem-mirror layout:
/// `dir/HOSTNAME/NAMESPACE/TYPE/VERSION/TARGET/terraform-provider-gaap_vVERSION`.
pub fn unpacked_mirror(dir: &Path, hostname: &str, zip_path: &Path) {
    let folder = dir
        .join(hostname)
        .join(NAMESPACE)
        .join(TYPE)
        .join(VERSION)
        .join(platform());
    release::unzip(zip_path, &folder);
    assert!(
        folder.join(member_name()).is_file(),
        "the zip did not hold {}",
        member_name()
    );
}

/// The provider network mirror protocol under `prefix` (e.g. `/mirror/`) for
/// `hostname`: `index.json`, `VERSION.json` with a relative archive URL and its
/// `zh:` hash, and the archive.
pub fn network_mirror_routes(prefix: &str, hostname: &str, zip: &[u8]) -> BTreeMap<String, Body> {
    let base = format!("{prefix}{hostname}/{NAMESPACE}/{TYPE}/");
    let mut routes = BTreeMap::new();
    routes.insert(
        format!("{base}index.json"),
        Body::json(&json!({ "versions": { VERSION: {} } })),
    );
    routes.insert(
        format!("{base}{VERSION}.json"),
        Body::json(&json!({
            "archives": {
                platform(): {
                    "url": zip_name(),
                    "hashes": [format!("zh:{}", release::sha256_hex(zip))],
                }
            }
        })),
    );
    routes.insert(format!("{base}{}", zip_name()), Body::bytes(zip.to_vec()));
    routes
}

/// What a provider registry serves for one download.
pub struct RegistryRelease<'a> {
    /// The zip served at `download_url`.
    pub zip: &'a [u8],
    /// The `shasum` the download answer announces.
    pub announced_shasum: String,
    pub sums: &'a [u8],
    pub signature: &'a [u8],
    /// `(key_id, ascii_armor)` announced in `signing_keys`.
    pub key: (String, String),
}

/// The provider registry protocol at `https://localhost:PORT`: service
/// discovery, the versions list and one platform's download answer, plus the
/// files it points at.
pub fn registry_routes(port: u16, release: &RegistryRelease<'_>) -> BTreeMap<String, Body> {
    let (os, arch) = platform()
        .split_once('_')
        .map(|(o, a)| (o.to_string(), a.to_string()))
        .unwrap_or_else(|| panic!("platform without _"));
    let files = format!("https://localhost:{port}/files/");
    let api = format!("/v1/providers/{NAMESPACE}/{TYPE}/");
    let sums_name = release::sums_name();
    let mut routes = BTreeMap::new();
    routes.insert(
        "/.well-known/terraform.json".to_string(),
        Body::json(&json!({ "providers.v1": "/v1/providers/" })),
    );
    routes.insert(
        format!("{api}versions"),
        Body::json(&json!({
            "versions": [{
                "version": VERSION,
                "protocols": ["5.0"],
                "platforms": [{ "os": os, "arch": arch }],
            }]
        })),
    );
    routes.insert(
        format!("{api}{VERSION}/download/{os}/{arch}"),
        Body::json(&json!({
            "protocols": ["5.0"],
            "os": os,
            "arch": arch,
            "filename": zip_name(),
            "download_url": format!("{files}{}", zip_name()),
            "shasums_url": format!("{files}{sums_name}"),
            "shasums_signature_url": format!("{files}{sums_name}.sig"),
            "shasum": release.announced_shasum,
            "signing_keys": {
                "gpg_public_keys": [{
                    "key_id": release.key.0,
                    "ascii_armor": release.key.1,
                }]
            }
        })),
    );
    routes.insert(
        format!("/files/{}", zip_name()),
        Body::bytes(release.zip.to_vec()),
    );
    routes.insert(
        format!("/files/{sums_name}"),
        Body::bytes(release.sums.to_vec()),
    );
    routes.insert(
        format!("/files/{sums_name}.sig"),
        Body::bytes(release.signature.to_vec()),
    );
    routes
}

/// The `h1:`/`zh:` hashes recorded in `.terraform.lock.hcl` (one provider).
pub fn locked_hashes(lock_file: &str) -> Vec<String> {
    lock_file
        .split('"')
        .filter(|s| s.starts_with("h1:") || s.starts_with("zh:"))
        .map(str::to_string)
        .collect()
}

/// Terraform's message text with the diagnostic box and line wrapping removed,
/// so a check does not depend on where a line was wrapped.
pub fn flatten(text: &str) -> String {
    text.replace(['│', '╷', '╵'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}
