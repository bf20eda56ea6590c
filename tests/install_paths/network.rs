//! Installs over HTTPS from loopback servers with a CA of the test's own: a
//! `network_mirror`, and the provider registry protocol, where Terraform checks
//! the SHA256SUMS signature and the lock file then refuses another zip.

use crate::e2e::emulator::TestEmulator;
use crate::harness::{
    assert_asked, assert_installed_release, assert_plan_reports_check_flags,
    assert_unsigned_install_plans, emulator, filesystem_mirror_config, for_each_terraform, init,
    init_installs_the_version, install_workspace, installed_binary, read_lock, tempdir,
};
use crate::install::https::{Bound, Server, TestCa};
use crate::install::release::{self, sha256_hex, sig_name, sums_name, zip_name, VERSION};
use crate::install::{flatten, locked_hashes, RegistryRelease, NAMESPACE, TYPE};

/// The CLI configuration that installs from the registry named in the source.
const DIRECT: &str = "provider_installation {\n  direct {}\n}\n";

/// A CA of the test's own, and the folder holding its files (kept while it is used).
fn test_ca() -> (tempfile::TempDir, TestCa) {
    let certs = tempdir();
    let ca = TestCa::new(certs.path());
    (certs, ca)
}

#[test]
fn network_mirror_over_https_installs_then_plans() {
    let shared = release::shared();
    let emulator = emulator();
    let (_certs, ca) = test_ca();
    let hostname = "registry.terraform.io";
    let bound = Bound::new();
    let url = format!("https://127.0.0.1:{}/mirror/", bound.port);
    let server = Server::start(
        bound,
        &ca,
        crate::install::network_mirror_routes("/mirror/", hostname, &shared.zip()),
    );
    for_each_terraform(|tf| {
        let config = format!(
            "provider_installation {{\n  network_mirror {{\n    url = \"{url}\"\n  }}\n}}\n"
        );
        let mut ws = install_workspace(tf, hostname, &config, &emulator);
        ws.env("SSL_CERT_FILE", &ca.bundle().to_string_lossy());
        let before = server.requests().len();
        init_installs_the_version(&ws, &[]);
        let base = format!("/mirror/{hostname}/{NAMESPACE}/{TYPE}/");
        assert_asked(
            &server,
            before,
            "mirror",
            &[
                format!("{base}index.json"),
                format!("{base}{VERSION}.json"),
                format!("{base}{}", zip_name()),
            ],
        );
        assert_unsigned_install_plans(&mut ws, hostname, &emulator);
    });
}

/// A registry on `localhost:PORT` serving `release`, and the hostname to use.
fn start_registry(
    ca: &TestCa,
    release: impl FnOnce(u16) -> RegistryRelease<'static>,
) -> (Server, String) {
    let bound = Bound::new();
    let port = bound.port;
    let routes = crate::install::registry_routes(port, &release(port));
    (
        Server::start(bound, ca, routes),
        format!("localhost:{port}"),
    )
}

/// The release as the shared dist holds it, signed by the release key.
fn genuine(_port: u16) -> RegistryRelease<'static> {
    let shared = release::shared();
    RegistryRelease {
        zip: leak(shared.zip()),
        announced_shasum: sha256_hex(&shared.zip()),
        sums: leak(shared.sums().into_bytes()),
        signature: leak(shared.file(&sig_name())),
        key: (shared.signer.key_id(), shared.signer.armored_public_key()),
    }
}

fn leak(bytes: Vec<u8>) -> &'static [u8] {
    Box::leak(bytes.into_boxed_slice())
}

/// A workspace that installs from the registry at `hostname`, trusting `ca`.
fn registry_workspace(
    tf: &crate::e2e::tools::Terraform,
    hostname: &str,
    ca: &TestCa,
    emulator: &TestEmulator,
) -> crate::e2e::Workspace {
    let mut ws = install_workspace(tf, hostname, DIRECT, emulator);
    ws.env("SSL_CERT_FILE", &ca.bundle().to_string_lossy());
    ws
}

#[test]
fn registry_install_verifies_the_signature_locks_zh_hashes_and_plans() {
    let shared = release::shared();
    let emulator = emulator();
    let (_certs, ca) = test_ca();
    let (server, hostname) = start_registry(&ca, genuine);
    let sums_hashes: Vec<String> = {
        let mut v: Vec<String> = shared
            .sums()
            .lines()
            .map(|line| format!("zh:{}", line.split_whitespace().next().unwrap_or_default()))
            .collect();
        v.sort();
        v
    };
    for_each_terraform(|tf| {
        let mut ws = registry_workspace(tf, &hostname, &ca, &emulator);
        let before = server.requests().len();
        let out = init(&ws, &[]).success();
        let shown = flatten(&out.shown());
        assert!(
            shown.contains(&format!(
                "Installed {hostname}/{NAMESPACE}/{TYPE} v{VERSION}"
            )),
            "{}",
            out.describe()
        );
        // Terraform names the key it checked the signature with.
        assert!(
            shown.contains(&shared.signer.key_id()),
            "init does not mention key {}: {shown}",
            shared.signer.key_id()
        );
        assert_asked(
            &server,
            before,
            "registry",
            &[
                "/.well-known/terraform.json".to_string(),
                format!("/files/{}", sums_name()),
                format!("/files/{}", sig_name()),
                format!("/files/{}", zip_name()),
            ],
        );
        assert_installed_release(&ws, &hostname);

        // The lock file holds every checksum of the signed SHA256SUMS as zh:,
        // and the h1: of the package installed here.
        let lock = read_lock(&ws);
        assert!(
            lock.contains(&format!("provider \"{hostname}/{NAMESPACE}/{TYPE}\"")),
            "{lock}"
        );
        let hashes = locked_hashes(&lock);
        let mut zh: Vec<String> = hashes
            .iter()
            .filter(|h| h.starts_with("zh:"))
            .cloned()
            .collect();
        zh.sort();
        assert_eq!(zh, sums_hashes, "zh: hashes in the lock file\n{lock}");
        assert_eq!(
            hashes.iter().filter(|h| h.starts_with("h1:")).count(),
            1,
            "{lock}"
        );

        assert_plan_reports_check_flags(&mut ws, &hostname, &emulator);

        // Later, a mirror offers another zip for the same version: the lock file refuses it.
        let mirror = ws.path().join("other-mirror");
        crate::install::packed_mirror(&mirror, &hostname, &shared.other_zip);
        ws.write("cli.tfrc", &filesystem_mirror_config(&mirror));
        std::fs::remove_dir_all(ws.path().join(".terraform"))
            .unwrap_or_else(|e| panic!("rm .terraform: {e}"));
        let out = init(&ws, &[]).failure();
        let shown = flatten(&out.shown());
        assert!(
            shown.contains("checksums previously recorded in the dependency lock file"),
            "{}",
            out.describe()
        );
        assert!(
            !installed_binary(&ws, &hostname).exists(),
            "the refused package was installed"
        );
        assert_eq!(read_lock(&ws), lock, "a refused init changed the lock file");
    });
}

#[test]
fn registry_install_fails_on_a_bad_signature_or_a_tampered_zip() {
    let shared = release::shared();
    let (_certs, ca) = test_ca();

    // Signed by a key the registry does not announce.
    let (rogue, rogue_host) = start_registry(&ca, |port| RegistryRelease {
        signature: leak(shared.rogue_signature.clone()),
        ..genuine(port)
    });
    // The genuine signature with one byte of the RSA value flipped.
    let (corrupt, corrupt_host) = start_registry(&ca, |port| {
        let mut sig = shared.file(&sig_name());
        let last = sig.len() - 1;
        sig[last] ^= 0x01;
        RegistryRelease {
            signature: leak(sig),
            ..genuine(port)
        }
    });
    // Another zip than the one SHA256SUMS and `shasum` describe.
    let (tampered, tampered_host) = start_registry(&ca, |port| RegistryRelease {
        zip: leak(shared.other_zip.clone()),
        ..genuine(port)
    });
    let emulator = emulator();
    let tampered_message = format!(
        "archive has incorrect checksum zh:{} (expected zh:{})",
        sha256_hex(&shared.other_zip),
        sha256_hex(&shared.zip())
    );

    for_each_terraform(|tf| {
        // (case, registry, its hostname, what init must say)
        for (case, server, hostname, expected) in [
            (
                "unknown signing key",
                &rogue,
                &rogue_host,
                "authentication signature from unknown issuer",
            ),
            (
                "corrupt signature",
                &corrupt,
                &corrupt_host,
                "error checking signature",
            ),
            (
                "tampered zip",
                &tampered,
                &tampered_host,
                tampered_message.as_str(),
            ),
        ] {
            let ws = registry_workspace(tf, hostname, &ca, &emulator);
            let before = server.requests().len();
            let out = init(&ws, &[]).failure();
            let shown = flatten(&out.shown());
            eprintln!("{case} ({hostname}): {shown}");
            assert!(
                shown.contains(expected),
                "{case}: expected {expected:?}\n{}",
                out.describe()
            );
            let asked = server.requests()[before..].to_vec();
            assert!(
                asked.contains(&format!("/files/{}", zip_name())),
                "{case}: the failure came before the download: {asked:?}"
            );
            assert!(
                !installed_binary(&ws, hostname).exists(),
                "{case}: a rejected package was installed"
            );
            assert!(
                !ws.path().join(".terraform.lock.hcl").exists(),
                "{case}: a rejected package was locked"
            );
        }
    });
}
