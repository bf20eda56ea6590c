//! A `GaapClient` of a fresh emulator, with the demo keys through the real credential
//! chain, and the helpers the client tests share.

use std::time::Duration;

use gaap_emulator::{
    Emulator, EmulatorConfig, InjectedError, Knobs, RunningEmulator, DEMO_SECRET_ID,
    DEMO_SECRET_KEY,
};
use tencentcloud_client::backoff::{Backoff, Jitter};
use tencentcloud_client::cancel::never;
use tencentcloud_client::chain::build_credential_source;
use tencentcloud_client::credentials::CredentialSettings;
use tencentcloud_client::{
    CheckProxyCreateRequest, CheckProxyCreateResponse, ClientConfig, ClientError, GaapClient,
};

/// Held by every client test: shared by all but the rate-limit test, which lowers the
/// process-wide rate and must not slow the others down (or be sped up by them).
pub static CLIENT_RATE: tokio::sync::RwLock<()> = tokio::sync::RwLock::const_new(());

pub const ACTION: &str = "CheckProxyCreate";
/// Bound on any single call in these tests; the calls themselves take milliseconds.
pub const CALL_BOUND: Duration = Duration::from_secs(10);

/// Credential settings that reach only `emu` for STS and the metadata service.
pub fn settings(emu: &RunningEmulator, dir: &tempfile::TempDir) -> CredentialSettings {
    CredentialSettings {
        // An empty directory, so no real ~/.tccli profile is read.
        shared_credentials_dir: Some(dir.path().to_path_buf()),
        sts_endpoint: Some(emu.url()),
        metadata_endpoint: Some(emu.url()),
        ..CredentialSettings::default()
    }
}

/// GAAP at `emu` with a fast backoff, a generous rate limit and 3 retries.
pub fn call_config(emu: &RunningEmulator) -> ClientConfig {
    ClientConfig {
        request_timeout: Duration::from_secs(5),
        max_retries: 3,
        rate_limit: 1000.0,
        backoff: Backoff {
            base: Duration::from_millis(10),
            cap: Duration::from_millis(40),
            jitter: Jitter::Equal,
        },
        ..ClientConfig::default()
    }
    .with_endpoint("gaap", emu.url())
}

/// A client of `emu` with the demo keys (through the real credential chain) and
/// [`call_config`] in region ap-guangzhou, changed by `tweak`.
pub struct Harness {
    pub emu: RunningEmulator,
    pub client: GaapClient,
    _dir: tempfile::TempDir,
}

pub async fn harness(knobs: Knobs, tweak: impl FnOnce(&mut ClientConfig)) -> Harness {
    let emu = Emulator::start(EmulatorConfig {
        knobs,
        ..EmulatorConfig::default()
    })
    .await
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let source = build_credential_source(CredentialSettings {
        secret_id: Some(DEMO_SECRET_ID.into()),
        secret_key: Some(DEMO_SECRET_KEY.into()),
        ..settings(&emu, &dir)
    })
    .await
    .unwrap();
    let mut config = ClientConfig {
        region: Some("ap-guangzhou".into()),
        ..call_config(&emu)
    };
    tweak(&mut config);
    let client = GaapClient::new(config, source).unwrap();
    Harness {
        emu,
        client,
        _dir: dir,
    }
}

impl Harness {
    /// One check, bounded by [`CALL_BOUND`].
    pub async fn check(&self, test: &str) -> Result<CheckProxyCreateResponse, ClientError> {
        tokio::time::timeout(
            CALL_BOUND,
            self.client.check_proxy_create(&request(test), never()),
        )
        .await
        .unwrap_or_else(|_| panic!("{test}: no result within {CALL_BOUND:?}"))
    }
}

/// A valid request (CheckFlag 1) unique to `test`, so the process-wide single-flight
/// cache never hands one test another's answer.
pub fn request(test: &str) -> CheckProxyCreateRequest {
    CheckProxyCreateRequest {
        access_region: "SouthChina".into(),
        real_server_region: "EastChina".into(),
        bandwidth: 10,
        concurrent: 2,
        group_id: Some(format!("lg-knobs-{test}")),
        ip_address_version: None,
        network_type: None,
        package_type: None,
        http3_supported: None,
    }
}

/// The emulator's error `code` with its own message, `count` times (`None`: always).
pub fn errors(code: &str, count: Option<u32>) -> InjectedError {
    InjectedError {
        code: code.into(),
        message: None,
        count,
    }
}
