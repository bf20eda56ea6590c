//! The release `scripts/release.sh` writes, before any install: reproducible,
//! checksummed, signed and registry-shaped, and its refusals.

use std::path::Path;
use std::process::Command;

use serde_json::Value;

use crate::harness::tempdir;
use crate::install::release::{
    self, emulator_sig_name, emulator_sums_name, emulator_zip_name, manifest_name, member_name,
    sha256_hex, sig_name, sums_name, zip_name, VERSION,
};

/// Runs the release script expecting a refusal; its stderr.
fn refused(mut cmd: Command, what: &str) -> String {
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("cannot run scripts/release.sh: {e}"));
    assert!(!out.status.success(), "{what} succeeded");
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn release_is_reproducible_checksummed_signed_and_registry_shaped() {
    let shared = release::shared();
    let dir = tempdir();

    // Same binary, same timestamp, another folder: the same bytes.
    let again = dir.path().join("again");
    let mut cmd =
        release::release_command(&shared.binary, &shared.emulator, &again, release::EPOCH);
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
    let mut expected = vec![
        zip_name(),
        manifest_name(),
        sums_name(),
        sig_name(),
        emulator_zip_name(),
        emulator_sums_name(),
        emulator_sig_name(),
    ];
    expected.sort();
    assert_eq!(names, expected, "files in dist/");
    for name in [
        zip_name(),
        manifest_name(),
        sums_name(),
        emulator_zip_name(),
        emulator_sums_name(),
    ] {
        assert!(
            release::read(&again.join(&name)) == shared.file(&name),
            "{name} differs between two releases of the same binary"
        );
    }

    // The zip: one entry, the versioned executable, mode 0755, no extra fields.
    let listing = release::assert_one_executable(&shared.dist.join(zip_name()), &member_name());
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
    release::assert_sums_check(&shared.dist, &sums_name());

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
    let dir = tempdir();

    // No GPG_FINGERPRINT: a clear error, and nothing written.
    let dist = dir.path().join("unsigned");
    let stderr = refused(
        release::release_command(&shared.binary, &shared.emulator, &dist, release::EPOCH),
        "release without a key",
    );
    assert!(
        stderr.contains("GPG_FINGERPRINT is not set") && stderr.contains("release-unsigned"),
        "{stderr}"
    );
    assert!(!dist.exists(), "a refused release wrote {}", dist.display());

    // RELEASE_UNSIGNED=1 (`make release-unsigned`): everything but the .sigs.
    let mut cmd = release::release_command(&shared.binary, &shared.emulator, &dist, release::EPOCH);
    cmd.env("RELEASE_UNSIGNED", "1");
    release::run_ok(cmd);
    assert!(release::read(&dist.join(sums_name())) == shared.file(&sums_name()));
    assert!(release::read(&dist.join(emulator_sums_name())) == shared.file(&emulator_sums_name()));
    assert!(!dist.join(sig_name()).exists());
    assert!(!dist.join(emulator_sig_name()).exists());

    // A prebuilt provider without a prebuilt emulator (or the reverse) is refused
    // before anything is built.
    let half = dir.path().join("half");
    for (set, unset) in [
        ("RELEASE_BINARY", "RELEASE_EMULATOR_BINARY"),
        ("RELEASE_EMULATOR_BINARY", "RELEASE_BINARY"),
    ] {
        let mut cmd =
            release::release_command(&shared.binary, &shared.emulator, &half, release::EPOCH);
        cmd.env("RELEASE_UNSIGNED", "1").env_remove(unset);
        let stderr = refused(cmd, &format!("a release with {set} alone"));
        assert!(
            stderr.contains("RELEASE_BINARY and RELEASE_EMULATOR_BINARY go together"),
            "{stderr}"
        );
        assert!(!half.exists(), "a refused release wrote {}", half.display());
    }

    // A binary whose --version is not Cargo.toml's version is refused.
    let fake = dir.path().join("fake-provider");
    std::fs::write(&fake, "#!/bin/sh\necho terraform-provider-gaap 9.9.9\n")
        .unwrap_or_else(|e| panic!("write: {e}"));
    release::set_executable(&fake);
    let mut cmd = release::release_command(
        &fake,
        &shared.emulator,
        &dir.path().join("wrong"),
        release::EPOCH,
    );
    cmd.env("RELEASE_UNSIGNED", "1");
    let stderr = refused(cmd, &format!("a 9.9.9 binary released as {VERSION}"));
    assert!(
        stderr.contains("9.9.9") && stderr.contains(&format!("terraform-provider-gaap {VERSION}")),
        "{stderr}"
    );
    assert!(!dir.path().join("wrong").join(zip_name()).exists());

    // So is an emulator that is not this version.
    let fake_emulator = dir.path().join("fake-emulator");
    std::fs::write(&fake_emulator, "#!/bin/sh\necho gaap-emulator 9.9.9\n")
        .unwrap_or_else(|e| panic!("write: {e}"));
    release::set_executable(&fake_emulator);
    let mut cmd = release::release_command(
        &shared.binary,
        &fake_emulator,
        &dir.path().join("wrong-emulator"),
        release::EPOCH,
    );
    cmd.env("RELEASE_UNSIGNED", "1");
    let stderr = refused(cmd, &format!("a 9.9.9 emulator released as {VERSION}"));
    assert!(
        stderr.contains("9.9.9") && stderr.contains(&format!("gaap-emulator {VERSION}")),
        "{stderr}"
    );
    assert!(!dir
        .path()
        .join("wrong-emulator")
        .join(emulator_zip_name())
        .exists());
}

/// The release workflow builds each OS's zips in its own job, gathers them into one
/// folder and runs `RELEASE_SUMS_ONLY=1`: the sums it writes (the provider's and
/// the emulator's) are those of a one-machine release, and it refuses a folder
/// without the provider's or the emulator's zips of this version.
#[test]
fn sums_only_checksums_gathered_zips_like_a_whole_release() {
    let shared = release::shared();
    let dir = tempdir();
    let gathered = dir.path().join("gathered");
    std::fs::create_dir_all(&gathered).unwrap_or_else(|e| panic!("mkdir: {e}"));
    for name in [zip_name(), emulator_zip_name()] {
        std::fs::write(gathered.join(&name), shared.file(&name)).unwrap_or_else(|e| panic!("{e}"));
    }

    let sums_only = |dist: &Path| {
        // The binaries must not be used: paths that do not exist prove it.
        let absent = dir.path().join("absent");
        let mut cmd = release::release_command(&absent, &absent, dist, release::EPOCH);
        cmd.env("RELEASE_UNSIGNED", "1")
            .env("RELEASE_SUMS_ONLY", "1");
        cmd
    };
    release::run_ok(sums_only(&gathered));
    for (name, expected) in [
        (sums_name(), shared.file(&sums_name())),
        (manifest_name(), shared.file(&manifest_name())),
        (zip_name(), shared.zip()),
        (emulator_sums_name(), shared.file(&emulator_sums_name())),
        (emulator_zip_name(), shared.file(&emulator_zip_name())),
    ] {
        assert!(
            release::read(&gathered.join(&name)) == expected,
            "{name} differs from the one-machine release's"
        );
    }

    let stderr = refused(sums_only(&dir.path().join("empty")), "sums of no zip");
    assert!(stderr.contains("no terraform-provider-gaap_"), "{stderr}");

    // The provider's zips without the emulator's: refused too.
    let provider_only = dir.path().join("provider-only");
    std::fs::create_dir_all(&provider_only).unwrap_or_else(|e| panic!("mkdir: {e}"));
    std::fs::write(provider_only.join(zip_name()), shared.zip()).unwrap_or_else(|e| panic!("{e}"));
    let stderr = refused(
        sums_only(&provider_only),
        "sums without the emulator's zips",
    );
    assert!(stderr.contains("no gaap-emulator_"), "{stderr}");
}
