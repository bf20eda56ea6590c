//! Install-path tests: the release `scripts/release.sh` writes (zips,
//! manifest, SHA256SUMS and its OpenPGP signature) installed by the real
//! `terraform init` (the pinned 1.0.3, plus any `terraform`/`tofu` on PATH)
//! through every route a user has, each followed by a `terraform plan` against
//! the in-process GAAP emulator:
//!
//! - `terraform init -plugin-dir` with the packed layout;
//! - a `filesystem_mirror`, packed and unpacked;
//! - a `network_mirror` over HTTPS (loopback, a CA of the test's own);
//! - the provider registry protocol over HTTPS, where Terraform checks the
//!   SHA256SUMS signature itself and records every `zh:` hash in the lock file,
//!   which then refuses a different zip for the same version.
//!
//! Each test has a fresh CLI config (`TF_CLI_CONFIG_FILE`), no plugin cache and
//! `CHECKPOINT_DISABLE=1`; nothing leaves the machine. The tests package the
//! binary Cargo built for this run (or `GAAP_INSTALL_BINARY`): see
//! tests/install/release.rs.

#[allow(dead_code)]
mod e2e;
mod install;

use std::path::{Path, PathBuf};

use e2e::emulator::{self, TestEmulator};
use e2e::tools::{self, Terraform};
use e2e::workspace::PROVIDER_ADDRESS;
use e2e::{Workspace, CHECKS_TF};
use gaap_emulator::Knobs;
use install::https::{Bound, Server, TestCa};
use install::release::{
    self, manifest_name, member_name, platform, sha256_hex, sig_name, sums_name, zip_name, VERSION,
};
use install::{flatten, locked_hashes, RegistryRelease, NAMESPACE, TYPE};
use serde_json::Value;

fn for_each_terraform(test: impl Fn(&Terraform)) {
    for tf in tools::all() {
        eprintln!("--- {}", tf.label());
        test(tf);
    }
}

/// A workspace whose configuration asks for `HOSTNAME/gaap-community/gaap`
/// at exactly this version, with `cli_config` as its CLI configuration and
/// the provider pointed at `emulator`.
fn install_workspace(
    tf: &Terraform,
    hostname: &str,
    cli_config: &str,
    emulator: &TestEmulator,
) -> Workspace {
    let source = format!("{hostname}/{NAMESPACE}/{TYPE}");
    let main_tf = CHECKS_TF.replace(
        &format!("source = \"{PROVIDER_ADDRESS}\""),
        &format!("source  = \"{source}\"\n      version = \"= {VERSION}\""),
    );
    assert!(main_tf.contains(&source), "fixture has no source line");
    let mut ws = Workspace::new(tf, &main_tf);
    // Replaces the dev_overrides config Workspace writes.
    ws.write("cli.tfrc", cli_config);
    ws.env("TENCENTCLOUD_GAAP_ENDPOINT", &emulator.url())
        .env("TENCENTCLOUD_SECRET_ID", emulator::SECRET_ID)
        .env("TENCENTCLOUD_SECRET_KEY", emulator::SECRET_KEY);
    ws
}

fn init(ws: &Workspace, extra: &[&str]) -> e2e::workspace::Outcome {
    let mut args = vec!["init", "-input=false", "-no-color"];
    args.extend_from_slice(extra);
    ws.run(&args)
}

/// Where `init` put the provider executable.
fn installed_binary(ws: &Workspace, hostname: &str) -> PathBuf {
    ws.path()
        .join(".terraform/providers")
        .join(hostname)
        .join(NAMESPACE)
        .join(TYPE)
        .join(VERSION)
        .join(platform())
        .join(member_name())
}

/// The executable `init` installed is the released one, byte for byte, and
/// executable.
fn assert_installed_release(ws: &Workspace, hostname: &str) {
    use std::os::unix::fs::PermissionsExt;
    let path = installed_binary(ws, hostname);
    let meta = std::fs::metadata(&path)
        .unwrap_or_else(|e| panic!("init did not install {}: {e}", path.display()));
    assert!(
        meta.permissions().mode() & 0o111 != 0,
        "{} is not executable",
        path.display()
    );
    assert!(
        release::read(&path) == release::read(&release::shared().binary),
        "{} differs from the packaged binary",
        path.display()
    );
}

/// `plan` runs the installed provider against the emulator: one creatable
/// check (flag 1), one too big (flag 0); no process of it outlives a command.
fn assert_plan_reports_check_flags(ws: &mut Workspace, hostname: &str, emulator: &TestEmulator) {
    let installed = installed_binary(ws, hostname);
    ws.watch_provider(&installed);
    let before = emulator.stats();
    ws.run(&["plan", "-input=false", "-out=tfplan"]).success();
    let shown = ws.run(&["show", "-json", "tfplan"]).success().json();
    let output = |name: &str| {
        shown
            .pointer(&format!("/planned_values/outputs/{name}/value"))
            .cloned()
            .unwrap_or_else(|| panic!("no planned output {name} in {shown}"))
    };
    assert_eq!(output("creatable"), Value::from(1));
    assert_eq!(output("too_big"), Value::from(0));
    // Both checks were answered by the API (identical checks may share a call,
    // these two differ).
    let answered =
        emulator.stats().count("CheckProxyCreate", "ok") - before.count("CheckProxyCreate", "ok");
    assert!(
        answered >= 2,
        "the emulator answered {answered} CheckProxyCreate calls during plan, expected 2"
    );
}

/// Without a signed SHA256SUMS, Terraform locks only the `h1:` checksum of
/// the package it installed (what README "Lock files for teams" says).
fn assert_locked_h1_only(ws: &Workspace) {
    let lock = std::fs::read_to_string(ws.path().join(".terraform.lock.hcl"))
        .unwrap_or_else(|e| panic!("no lock file: {e}"));
    let hashes = locked_hashes(&lock);
    assert!(
        hashes.len() == 1 && hashes[0].starts_with("h1:"),
        "expected one h1: checksum\n{lock}"
    );
}

fn filesystem_mirror_config(dir: &Path) -> String {
    format!(
        "provider_installation {{\n  filesystem_mirror {{\n    path = \"{}\"\n  }}\n}}\n",
        dir.display()
    )
}

// ---- The release itself ------------------------------------------------------

#[test]
fn release_is_reproducible_checksummed_signed_and_registry_shaped() {
    let shared = release::shared();
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));

    // Same binary, same timestamp, another folder: the same bytes.
    let again = dir.path().join("again");
    let mut cmd = release::release_command(&shared.binary, &again, release::EPOCH);
    cmd.env("GNUPGHOME", shared.signer.home())
        .env("GPG_FINGERPRINT", &shared.signer.fingerprint);
    release::run_ok(cmd);
    shared.signer.stop_agent();
    let mut names: Vec<String> = std::fs::read_dir(&again)
        .unwrap_or_else(|e| panic!("read_dir: {e}"))
        .map(|e| e.map(|e| e.file_name().to_string_lossy().into_owned()))
        .collect::<Result<_, _>>()
        .unwrap_or_else(|e| panic!("read_dir: {e}"));
    names.sort();
    let mut expected = vec![zip_name(), manifest_name(), sums_name(), sig_name()];
    expected.sort();
    assert_eq!(names, expected, "files in dist/");
    for name in [zip_name(), manifest_name(), sums_name()] {
        assert!(
            release::read(&again.join(&name)) == shared.file(&name),
            "{name} differs between two releases of the same binary"
        );
    }

    // The zip: one entry, the versioned executable, mode 0755, no extra fields.
    let zip_path = shared.dist.join(zip_name());
    let listing = std::process::Command::new("unzip")
        .arg("-Z")
        .arg("-v")
        .arg(&zip_path)
        .output()
        .unwrap_or_else(|e| panic!("cannot run unzip (install unzip): {e}"));
    let listing = String::from_utf8_lossy(&listing.stdout);
    assert!(
        listing.contains("central directory contains 1 entry"),
        "{listing}"
    );
    assert!(listing.contains(&member_name()), "{listing}");
    assert!(listing.contains("(100755 octal)"), "{listing}");
    assert!(
        listing.contains("length of extra field:                          0 bytes"),
        "{listing}"
    );
    assert!(
        listing.contains("2023 Nov 14 22:13:20"),
        "zip time is SOURCE_DATE_EPOCH={} in UTC: {listing}",
        release::EPOCH
    );

    // The manifest is the repository's, protocol 5.0.
    let manifest: Value = serde_json::from_slice(&shared.file(&manifest_name()))
        .unwrap_or_else(|e| panic!("manifest is not JSON: {e}"));
    assert_eq!(
        manifest.pointer("/metadata/protocol_versions"),
        Some(&serde_json::json!(["5.0"]))
    );
    assert!(
        shared.file(&manifest_name())
            == release::read(&release::repo_root().join("terraform-registry-manifest.json"))
    );

    // SHA256SUMS: sha256sum's format over the zip and the manifest, and `-c` agrees.
    let expected_sums = format!(
        "{}  {}\n{}  {}\n",
        sha256_hex(&shared.zip()),
        zip_name(),
        sha256_hex(&shared.file(&manifest_name())),
        manifest_name()
    );
    assert_eq!(shared.sums(), expected_sums);
    let check = std::process::Command::new("sha256sum")
        .args(["-c", "--strict", &sums_name()])
        .current_dir(&shared.dist)
        .output()
        .unwrap_or_else(|e| panic!("cannot run sha256sum: {e}"));
    assert!(check.status.success(), "{check:?}");

    // The signature is a detached binary OpenPGP signature by the release key.
    let sig = shared.file(&sig_name());
    assert!(
        !sig.starts_with(b"-----BEGIN"),
        "the signature must be binary, not armored"
    );
    let verified = shared.signer.verify(
        &shared.dist.join(sig_name()),
        &shared.dist.join(sums_name()),
    );
    let stderr = String::from_utf8_lossy(&verified.stderr);
    assert!(verified.status.success(), "gpg --verify: {stderr}");
    assert!(stderr.contains("Good signature"), "{stderr}");
    assert!(
        stderr.contains(&shared.signer.fingerprint[24..]),
        "{stderr}"
    );
}

#[test]
fn release_refuses_to_run_unsigned_by_accident_or_with_a_wrong_version() {
    let shared = release::shared();
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));

    // No GPG_FINGERPRINT: a clear error, and nothing written.
    let dist = dir.path().join("unsigned");
    let out = release::release_command(&shared.binary, &dist, release::EPOCH)
        .output()
        .unwrap_or_else(|e| panic!("cannot run scripts/release.sh: {e}"));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "release without a key succeeded");
    assert!(
        stderr.contains("GPG_FINGERPRINT is not set") && stderr.contains("release-unsigned"),
        "{stderr}"
    );
    assert!(!dist.exists(), "a refused release wrote {}", dist.display());

    // RELEASE_UNSIGNED=1 (`make release-unsigned`): everything but the .sig.
    let mut cmd = release::release_command(&shared.binary, &dist, release::EPOCH);
    cmd.env("RELEASE_UNSIGNED", "1");
    release::run_ok(cmd);
    assert!(release::read(&dist.join(sums_name())) == shared.file(&sums_name()));
    assert!(!dist.join(sig_name()).exists());

    // A binary whose --version is not Cargo.toml's version is refused.
    let fake = dir.path().join("fake-provider");
    std::fs::write(&fake, "#!/bin/sh\necho terraform-provider-gaap 9.9.9\n")
        .unwrap_or_else(|e| panic!("write: {e}"));
    release::set_executable(&fake);
    let mut cmd = release::release_command(&fake, &dir.path().join("wrong"), release::EPOCH);
    cmd.env("RELEASE_UNSIGNED", "1");
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("cannot run scripts/release.sh: {e}"));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !out.status.success(),
        "a 9.9.9 binary was released as {VERSION}"
    );
    assert!(
        stderr.contains("9.9.9") && stderr.contains(&format!("terraform-provider-gaap {VERSION}")),
        "{stderr}"
    );
    assert!(!dir.path().join("wrong").join(zip_name()).exists());
}

/// The release workflow builds each OS's zips in its own job, gathers them into one
/// folder and runs `RELEASE_SUMS_ONLY=1`: the sums it writes are those of a
/// one-machine release, and it refuses a folder with no zip of this version.
#[test]
fn sums_only_checksums_gathered_zips_like_a_whole_release() {
    let shared = release::shared();
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let gathered = dir.path().join("gathered");
    std::fs::create_dir_all(&gathered).unwrap_or_else(|e| panic!("mkdir: {e}"));
    std::fs::write(gathered.join(zip_name()), shared.zip()).unwrap_or_else(|e| panic!("{e}"));

    let sums_only = |dist: &Path| {
        // The binary must not be used: a path that does not exist proves it.
        let mut cmd = release::release_command(&dir.path().join("absent"), dist, release::EPOCH);
        cmd.env("RELEASE_UNSIGNED", "1")
            .env("RELEASE_SUMS_ONLY", "1");
        cmd
    };
    release::run_ok(sums_only(&gathered));
    assert_eq!(
        release::read(&gathered.join(sums_name())),
        shared.file(&sums_name())
    );
    assert_eq!(
        release::read(&gathered.join(manifest_name())),
        shared.file(&manifest_name())
    );
    assert_eq!(release::read(&gathered.join(zip_name())), shared.zip());

    let empty = dir.path().join("empty");
    let out = sums_only(&empty)
        .output()
        .unwrap_or_else(|e| panic!("cannot run scripts/release.sh: {e}"));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "sums of no zip succeeded");
    assert!(stderr.contains("no terraform-provider-gaap_"), "{stderr}");
}

// ---- Filesystem installs ---------------------------------------------------------

#[test]
fn init_with_plugin_dir_installs_the_packed_zip_then_plans() {
    let shared = release::shared();
    let emulator = TestEmulator::start(Knobs::default());
    for_each_terraform(|tf| {
        let hostname = "registry.terraform.io";
        let mut ws = install_workspace(tf, hostname, "", &emulator);
        let plugins = ws.path().join("plugins");
        install::packed_mirror(&plugins, hostname, &shared.zip());
        let plugin_dir = format!("-plugin-dir={}", plugins.display());
        let out = init(&ws, &[&plugin_dir]).success();
        assert!(
            out.shown()
                .contains(&format!("gaap-community/gaap v{VERSION}")),
            "{}",
            out.describe()
        );
        assert_installed_release(&ws, hostname);
        assert_locked_h1_only(&ws);
        assert_plan_reports_check_flags(&mut ws, hostname, &emulator);
    });
}

#[test]
fn filesystem_mirror_packed_and_unpacked_install_then_plan() {
    let shared = release::shared();
    let emulator = TestEmulator::start(Knobs::default());
    for_each_terraform(|tf| {
        let hostname = "registry.terraform.io";
        for packed in [true, false] {
            eprintln!("filesystem_mirror, packed: {packed}");
            let mirror = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
            if packed {
                install::packed_mirror(mirror.path(), hostname, &shared.zip());
            } else {
                install::unpacked_mirror(mirror.path(), hostname, &shared.dist.join(zip_name()));
            }
            let mut ws = install_workspace(
                tf,
                hostname,
                &filesystem_mirror_config(mirror.path()),
                &emulator,
            );
            let out = init(&ws, &[]).success();
            assert!(
                out.shown()
                    .contains(&format!("gaap-community/gaap v{VERSION}")),
                "{}",
                out.describe()
            );
            assert_installed_release(&ws, hostname);
            assert_locked_h1_only(&ws);
            assert_plan_reports_check_flags(&mut ws, hostname, &emulator);
        }
    });
}

// ---- Network installs ------------------------------------------------------------

#[test]
fn network_mirror_over_https_installs_then_plans() {
    let shared = release::shared();
    let emulator = TestEmulator::start(Knobs::default());
    let certs = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let ca = TestCa::new(certs.path());
    let hostname = "registry.terraform.io";
    let bound = Bound::new();
    let url = format!("https://127.0.0.1:{}/mirror/", bound.port);
    let server = Server::start(
        bound,
        &ca,
        install::network_mirror_routes("/mirror/", hostname, &shared.zip()),
    );
    for_each_terraform(|tf| {
        let config = format!(
            "provider_installation {{\n  network_mirror {{\n    url = \"{url}\"\n  }}\n}}\n"
        );
        let mut ws = install_workspace(tf, hostname, &config, &emulator);
        ws.env("SSL_CERT_FILE", &ca.bundle().to_string_lossy());
        let before = server.requests().len();
        let out = init(&ws, &[]).success();
        assert!(
            out.shown()
                .contains(&format!("gaap-community/gaap v{VERSION}")),
            "{}",
            out.describe()
        );
        let asked = server.requests()[before..].to_vec();
        let base = format!("/mirror/{hostname}/{NAMESPACE}/{TYPE}/");
        for path in [
            format!("{base}index.json"),
            format!("{base}{VERSION}.json"),
            format!("{base}{}", zip_name()),
        ] {
            assert!(
                asked.contains(&path),
                "the mirror was not asked for {path}: {asked:?}"
            );
        }
        assert_installed_release(&ws, hostname);
        assert_locked_h1_only(&ws);
        assert_plan_reports_check_flags(&mut ws, hostname, &emulator);
    });
}

/// A registry on `localhost:PORT` serving `release`, and the hostname to use.
fn start_registry(
    ca: &TestCa,
    release: impl FnOnce(u16) -> RegistryRelease<'static>,
) -> (Server, String) {
    let bound = Bound::new();
    let port = bound.port;
    let routes = install::registry_routes(port, &release(port));
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

#[test]
fn registry_install_verifies_the_signature_locks_zh_hashes_and_plans() {
    let shared = release::shared();
    let emulator = TestEmulator::start(Knobs::default());
    let certs = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let ca = TestCa::new(certs.path());
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
        let mut ws = install_workspace(
            tf,
            &hostname,
            "provider_installation {\n  direct {}\n}\n",
            &emulator,
        );
        ws.env("SSL_CERT_FILE", &ca.bundle().to_string_lossy());
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
        let asked = server.requests()[before..].to_vec();
        for path in [
            "/.well-known/terraform.json".to_string(),
            format!("/files/{}", sums_name()),
            format!("/files/{}", sig_name()),
            format!("/files/{}", zip_name()),
        ] {
            assert!(
                asked.contains(&path),
                "the registry was not asked for {path}: {asked:?}"
            );
        }
        assert_installed_release(&ws, &hostname);

        // The lock file holds every checksum of the signed SHA256SUMS as zh:,
        // and the h1: of the package installed here.
        let lock = std::fs::read_to_string(ws.path().join(".terraform.lock.hcl"))
            .unwrap_or_else(|e| panic!("no lock file: {e}"));
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
        install::packed_mirror(&mirror, &hostname, &shared.other_zip);
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
        let lock_after = std::fs::read_to_string(ws.path().join(".terraform.lock.hcl"))
            .unwrap_or_else(|e| panic!("no lock file: {e}"));
        assert_eq!(lock_after, lock, "a refused init changed the lock file");
    });
}

#[test]
fn registry_install_fails_on_a_bad_signature_or_a_tampered_zip() {
    let shared = release::shared();
    let certs = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let ca = TestCa::new(certs.path());

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
    let emulator = TestEmulator::start(Knobs::default());
    let tampered_message = format!(
        "archive has incorrect checksum zh:{} (expected zh:{})",
        sha256_hex(&shared.other_zip),
        sha256_hex(&shared.zip())
    );

    for_each_terraform(|tf| {
        for (server, hostname, expected) in [
            (
                &rogue,
                &rogue_host,
                vec!["authentication signature from unknown issuer"],
            ),
            (&corrupt, &corrupt_host, vec!["error checking signature"]),
            (&tampered, &tampered_host, vec![tampered_message.as_str()]),
        ] {
            let mut ws = install_workspace(
                tf,
                hostname,
                "provider_installation {\n  direct {}\n}\n",
                &emulator,
            );
            ws.env("SSL_CERT_FILE", &ca.bundle().to_string_lossy());
            let before = server.requests().len();
            let out = init(&ws, &[]).failure();
            let shown = flatten(&out.shown());
            eprintln!("{hostname}: {shown}");
            for needle in expected {
                assert!(
                    shown.contains(needle),
                    "expected {needle:?}\n{}",
                    out.describe()
                );
            }
            let asked = server.requests()[before..].to_vec();
            assert!(
                asked.contains(&format!("/files/{}", zip_name())),
                "the failure came before the download: {asked:?}"
            );
            assert!(
                !installed_binary(&ws, hostname).exists(),
                "a rejected package was installed"
            );
            assert!(
                !ws.path().join(".terraform.lock.hcl").exists(),
                "a rejected package was locked"
            );
        }
    });
}
