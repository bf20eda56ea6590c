//! Throwaway OpenPGP keys made with the real `gpg`, each in its own GNUPGHOME.
//!
//! RSA 2048: Terraform 1.0.3 cannot read an Ed25519 key (tried: `terraform init`
//! fails with "error decoding signing key: openpgp: unsupported feature: public
//! key type: 22"), so release keys must be RSA, and so are these.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// A key pair in a private keyring.
pub struct Gpg {
    home: PathBuf,
    /// 40 hex digits, upper case.
    pub fingerprint: String,
}

impl Gpg {
    /// Generates an unprotected RSA 2048 signing key in a new keyring at `home`.
    pub fn generate(home: &Path, name: &str) -> Self {
        std::fs::create_dir_all(home).unwrap_or_else(|e| panic!("mkdir {}: {e}", home.display()));
        set_private(home);
        let params = home.join("key-params");
        std::fs::write(
            &params,
            format!(
                "%no-protection\nKey-Type: RSA\nKey-Length: 2048\nKey-Usage: sign\n\
                 Name-Real: {name}\nName-Email: release-test@example.invalid\n\
                 Expire-Date: 0\n%commit\n"
            ),
        )
        .unwrap_or_else(|e| panic!("cannot write {}: {e}", params.display()));
        let mut gpg = Gpg {
            home: home.to_path_buf(),
            fingerprint: String::new(),
        };
        gpg.run(&["--gen-key", &params.to_string_lossy()]);
        let listing = gpg.run(&["--with-colons", "--list-secret-keys"]);
        let listing = String::from_utf8_lossy(&listing.stdout);
        gpg.fingerprint = listing
            .lines()
            .find_map(|line| line.strip_prefix("fpr:"))
            .map(|rest| rest.trim_matches(':').to_string())
            .unwrap_or_else(|| panic!("no fingerprint in gpg's listing:\n{listing}"));
        gpg
    }

    pub fn home(&self) -> &Path {
        &self.home
    }

    /// The long key ID (last 16 hex digits of the fingerprint), as registries report it.
    pub fn key_id(&self) -> String {
        self.fingerprint[self.fingerprint.len() - 16..].to_string()
    }

    /// The ASCII-armored public key.
    pub fn armored_public_key(&self) -> String {
        let out = self.run(&["--armor", "--export", &self.fingerprint]);
        String::from_utf8(out.stdout).unwrap_or_else(|e| panic!("armor is not UTF-8: {e}"))
    }

    /// A detached binary signature of `file`, written to `signature`.
    pub fn detach_sign(&self, file: &Path, signature: &Path) {
        self.run(&[
            "--yes",
            "--local-user",
            &self.fingerprint,
            "--output",
            &signature.to_string_lossy(),
            "--detach-sign",
            &file.to_string_lossy(),
        ]);
    }

    /// `gpg --verify signature file` in this keyring (not asserted).
    pub fn verify(&self, signature: &Path, file: &Path) -> Output {
        self.command()
            .args(["--verify"])
            .arg(signature)
            .arg(file)
            .output()
            .unwrap_or_else(|e| panic!("cannot run gpg: {e}"))
    }

    /// Stops the gpg-agent that key generation and signing started for this keyring.
    pub fn stop_agent(&self) {
        let _ = Command::new("gpgconf")
            .args(["--kill", "gpg-agent"])
            .env("GNUPGHOME", &self.home)
            .stdin(Stdio::null())
            .output();
    }

    fn command(&self) -> Command {
        let mut cmd = Command::new("gpg");
        cmd.arg("--batch")
            .env("GNUPGHOME", &self.home)
            .stdin(Stdio::null());
        cmd
    }

    fn run(&self, args: &[&str]) -> Output {
        let out = self
            .command()
            .args(args)
            .output()
            .unwrap_or_else(|e| panic!("cannot run gpg (install gnupg): {e}"));
        assert!(
            out.status.success(),
            "gpg {args:?} failed: {}\n{}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        );
        out
    }
}

impl Drop for Gpg {
    fn drop(&mut self) {
        self.stop_agent();
    }
}

fn set_private(dir: &Path) {
    use std::os::unix::fs::PermissionsExt;
    let _ = std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700));
}
