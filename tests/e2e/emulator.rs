//! The project's GAAP API emulator, run in-process on loopback for one test.
//!
//! The emulator is async; the tests are plain threads that wait on Terraform, so
//! the emulator gets its own small tokio runtime that lives as long as this value.

use std::sync::Arc;

use gaap_emulator::{
    Catalogue, Emulator, EmulatorConfig, Knobs, RunningEmulator, Stats, DEMO_SECRET_ID,
    DEMO_SECRET_KEY,
};

/// The emulator's demo key pair (public; valid only against the emulator).
pub const SECRET_ID: &str = DEMO_SECRET_ID;
pub const SECRET_KEY: &str = DEMO_SECRET_KEY;

/// CVM role the emulator's metadata paths serve, for temporary credentials.
pub const CAM_ROLE: &str = "gaap-e2e-role";

/// Temporary credentials issued by the emulator (with a token).
pub struct TemporaryCredentials {
    pub secret_id: String,
    pub secret_key: String,
    pub token: String,
}

/// A running emulator and the runtime that drives it; stopped on drop.
pub struct TestEmulator {
    running: Option<RunningEmulator>,
    runtime: tokio::runtime::Runtime,
}

impl TestEmulator {
    /// Starts on 127.0.0.1 with a free port, the demo keys, and `knobs`.
    pub fn start(knobs: Knobs) -> Self {
        Self::start_with(EmulatorConfig {
            knobs,
            ..EmulatorConfig::default()
        })
    }

    /// Starts serving `catalogue` (a recorded one, say) instead of the built-in one.
    pub fn serving(catalogue: Catalogue) -> Self {
        Self::start_with(EmulatorConfig {
            catalogue: Arc::new(catalogue),
            ..EmulatorConfig::default()
        })
    }

    fn start_with(config: EmulatorConfig) -> Self {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .unwrap_or_else(|e| panic!("cannot build a tokio runtime: {e}"));
        let config = EmulatorConfig {
            cam_role: Some(CAM_ROLE.to_string()),
            ..config
        };
        let running = runtime
            .block_on(Emulator::start(config))
            .unwrap_or_else(|e| panic!("cannot start the emulator: {e}"));
        TestEmulator {
            running: Some(running),
            runtime,
        }
    }

    fn running(&self) -> &RunningEmulator {
        self.running
            .as_ref()
            .unwrap_or_else(|| panic!("emulator already stopped"))
    }

    /// `http://127.0.0.1:PORT`.
    pub fn url(&self) -> String {
        self.running().url()
    }

    pub fn stats(&self) -> Stats {
        self.running().stats()
    }

    /// Stats and knobs back to how the emulator started.
    pub fn reset(&self) {
        self.running().reset();
    }

    /// Fresh temporary credentials from the emulator's CVM metadata path.
    pub fn temporary_credentials(&self) -> TemporaryCredentials {
        let url = format!(
            "{}/latest/meta-data/cam/security-credentials/{CAM_ROLE}",
            self.url()
        );
        let body: serde_json::Value = self.runtime.block_on(async {
            let response = reqwest::get(&url)
                .await
                .unwrap_or_else(|e| panic!("GET {url}: {e}"));
            response
                .json()
                .await
                .unwrap_or_else(|e| panic!("GET {url}: not JSON: {e}"))
        });
        let field = |name: &str| {
            body.get(name)
                .and_then(serde_json::Value::as_str)
                .unwrap_or_else(|| panic!("metadata answer has no {name}"))
                .to_string()
        };
        TemporaryCredentials {
            secret_id: field("TmpSecretId"),
            secret_key: field("TmpSecretKey"),
            token: field("Token"),
        }
    }
}

impl Drop for TestEmulator {
    fn drop(&mut self) {
        if let Some(running) = self.running.take() {
            self.runtime.block_on(running.shutdown());
        }
    }
}
