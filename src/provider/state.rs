//! The provider's shared state: what `Configure` left behind, the client built from
//! it, and the stop signal. The provider writes it; data sources are constructed with
//! an `Arc` of it (as terraform-plugin-framework hands `ProviderData` to data sources
//! in their `Configure`) and only read it. It sits below both, so neither imports
//! the other.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use tokio::sync::{watch, OnceCell};

use crate::protocol::AttributePath;
use tencentcloud_client::client::CancelSignal;
use tencentcloud_client::{ClientError, GaapClient};

use super::config::ProviderSettings;
use super::credentials_glue;

/// Reads an environment variable; injectable so tests never touch the process env.
pub type EnvLookup = Arc<dyn Fn(&str) -> Option<String> + Send + Sync>;

/// What `Configure` left behind.
#[derive(Clone)]
pub enum ConfigState {
    /// `Configure` has not been called (Terraform always calls it before a read).
    NotConfigured,
    /// The provider block had unknown values (plan time): these paths.
    Unknown(Vec<AttributePath>),
    /// `Configure` reported errors.
    Failed,
    Ready(Arc<Configured>),
}

/// A configured provider: merged settings and the client, built on first use.
pub struct Configured {
    pub settings: ProviderSettings,
    /// Built by the first read that gets this far; a build cut short (Terraform's
    /// stop dropped it) leaves it empty for the next read.
    client: OnceCell<Result<Arc<GaapClient>, ClientError>>,
    /// Whether a read already reported the full "no credentials" help.
    credentials_help_given: AtomicBool,
}

impl Configured {
    pub fn new(settings: ProviderSettings) -> Self {
        Configured {
            settings,
            client: OnceCell::new(),
            credentials_help_given: AtomicBool::new(false),
        }
    }

    /// True for the first caller only: the first read without credentials lists every
    /// way to provide one; the others point at it instead of repeating it per check.
    pub fn claim_credentials_help(&self) -> bool {
        !self.credentials_help_given.swap(true, Ordering::SeqCst)
    }

    /// The client, built once per provider instance (not during `Configure`, so a
    /// plan without reads never touches credential files or the metadata service).
    /// Building reads the shared profile file off the event loop, within
    /// `local_file`'s time bound; race this with the stop signal to stop waiting.
    pub async fn client(&self) -> Result<Arc<GaapClient>, ClientError> {
        self.client
            .get_or_init(|| async {
                let credentials = credentials_glue::credential_source(
                    &self.settings.credentials,
                    &self.settings.client,
                )
                .await?;
                GaapClient::new(self.settings.client.clone(), credentials).map(Arc::new)
            })
            .await
            .clone()
    }
}

/// One provider instance's shared state (Terraform starts one instance per provider
/// configuration).
pub struct ProviderData {
    env: EnvLookup,
    config: Mutex<ConfigState>,
    /// Flipped to `true` by `Stop`; in-flight API calls watch it.
    stop: watch::Sender<bool>,
}

impl ProviderData {
    pub fn new(env: EnvLookup) -> Self {
        let (stop, _) = watch::channel(false);
        ProviderData {
            env,
            config: Mutex::new(ConfigState::NotConfigured),
            stop,
        }
    }

    /// The environment variables, as the provider was told to read them.
    pub fn env(&self) -> &(dyn Fn(&str) -> Option<String> + Send + Sync) {
        self.env.as_ref()
    }

    pub fn set_config_state(&self, state: ConfigState) {
        // A poisoned lock only means another thread panicked mid-assignment of a
        // plain enum; the value is still whole.
        *self.config.lock().unwrap_or_else(|e| e.into_inner()) = state;
    }

    pub fn config_state(&self) -> ConfigState {
        self.config
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// Cancels in-flight calls and makes later ones fail fast.
    pub fn stop(&self) {
        self.stop.send_replace(true);
    }

    /// A signal that turns `true` when the provider is stopped.
    pub fn stop_signal(&self) -> CancelSignal {
        self.stop.subscribe()
    }
}
