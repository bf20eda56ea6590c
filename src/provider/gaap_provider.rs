//! [`GaapProvider`]: the provider instance the tfplugin5 service talks to. A thin
//! shell: validation, merging, request building and error mapping are pure functions
//! in their own files; this file holds the configured state, the lazily built client
//! and the stop signal.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use tokio::sync::watch;

use crate::protocol::{
    AttributePath, ConfigureRequest, Diagnostics, Provider, ProviderSchemas, ReadDataSourceRequest,
    ReadDataSourceResponse, Value,
};
use tencentcloud_client::{ClientError, GaapClient};

use super::api_diagnostics::CallContext;
use super::config::{self, ProviderSettings};
use super::unknowns::{join_paths, unknown_paths};
use super::{credentials_glue, proxy_create_check, schema};

/// Reads an environment variable; injectable so tests never touch the process env.
pub type EnvLookup = Arc<dyn Fn(&str) -> Option<String> + Send + Sync>;

/// What `Configure` left behind.
#[derive(Clone)]
pub(crate) enum ConfigState {
    /// `Configure` has not been called (Terraform always calls it before a read).
    NotConfigured,
    /// The provider block had unknown values (plan time): these paths.
    Unknown(Vec<AttributePath>),
    /// `Configure` reported errors.
    Failed,
    Ready(Arc<Configured>),
}

/// A configured provider: merged settings and the client, built on first use.
pub(crate) struct Configured {
    pub settings: ProviderSettings,
    client: OnceLock<Result<Arc<GaapClient>, ClientError>>,
    /// Whether a read already reported the full "no credentials" help.
    credentials_help_given: AtomicBool,
}

impl Configured {
    fn new(settings: ProviderSettings) -> Self {
        Configured {
            settings,
            client: OnceLock::new(),
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
    pub fn client(&self) -> Result<Arc<GaapClient>, ClientError> {
        self.client
            .get_or_init(|| {
                let credentials = credentials_glue::credential_source(
                    &self.settings.credentials,
                    &self.settings.client,
                )?;
                GaapClient::new(self.settings.client.clone(), credentials).map(Arc::new)
            })
            .clone()
    }

    pub fn call_context(&self) -> CallContext {
        let c = &self.settings.client;
        CallContext {
            max_retries: c.max_retries,
            rate_limit: c.rate_limit,
            request_timeout_seconds: c.request_timeout.as_secs_f64(),
        }
    }
}

/// One provider instance (Terraform starts one per provider configuration).
pub struct GaapProvider {
    schemas: ProviderSchemas,
    env: EnvLookup,
    state: Mutex<ConfigState>,
    /// Flipped to `true` by `Stop`; in-flight API calls watch it.
    stop: watch::Sender<bool>,
}

impl GaapProvider {
    /// A provider with its schemas built, reading the process environment.
    pub fn new() -> Self {
        Self::with_env(Arc::new(|name: &str| std::env::var(name).ok()))
    }

    /// A provider reading environment variables through `env` (tests).
    pub fn with_env(env: EnvLookup) -> Self {
        let (stop, _) = watch::channel(false);
        GaapProvider {
            schemas: schema::provider_schemas(),
            env,
            state: Mutex::new(ConfigState::NotConfigured),
            stop,
        }
    }

    /// A provider whose environment is exactly `vars` (tests).
    pub fn with_env_map(vars: BTreeMap<String, String>) -> Self {
        Self::with_env(Arc::new(move |name: &str| vars.get(name).cloned()))
    }

    fn set_state(&self, state: ConfigState) {
        // A poisoned lock only means another thread panicked mid-assignment of a
        // plain enum; the value is still whole.
        *self.state.lock().unwrap_or_else(|e| e.into_inner()) = state;
    }

    fn get_state(&self) -> ConfigState {
        self.state.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }
}

impl Default for GaapProvider {
    fn default() -> Self {
        Self::new()
    }
}

impl Provider for GaapProvider {
    fn schemas(&self) -> &ProviderSchemas {
        &self.schemas
    }

    fn validate_provider_config(&self, config: &Value) -> Diagnostics {
        config::validate_config(config)
    }

    async fn configure(&self, request: ConfigureRequest) -> Diagnostics {
        let unknown = unknown_paths(&request.config);
        if !unknown.is_empty() {
            // Plan time with values from resources not created yet: remember which,
            // and let each read defer (or explain) instead of failing here.
            tracing::debug!(
                unknown = %join_paths(&unknown),
                "provider configuration has unknown values"
            );
            self.set_state(ConfigState::Unknown(unknown));
            return Diagnostics::new();
        }
        match config::merge(&request.config, self.env.as_ref()) {
            Ok(mut settings) => {
                if settings.client.region.is_none() {
                    settings.client.region =
                        credentials_glue::profile_region(&settings.credentials);
                }
                self.set_state(ConfigState::Ready(Arc::new(Configured::new(settings))));
                Diagnostics::new()
            }
            Err(diags) => {
                self.set_state(ConfigState::Failed);
                diags
            }
        }
    }

    fn validate_data_source_config(&self, _type_name: &str, config: &Value) -> Diagnostics {
        proxy_create_check::validate_config(config)
    }

    async fn read_data_source(&self, request: ReadDataSourceRequest) -> ReadDataSourceResponse {
        let state = self.get_state();
        proxy_create_check::read(&state, &request, self.stop.subscribe()).await
    }

    fn stop(&self) {
        self.stop.send_replace(true);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocol::{ClientCapabilities, DeferredReason, Severity};
    use crate::provider::test_support::{config, minimal_check, n, s, PROVIDER_NAMES};

    fn configure_request(set: &[(&str, Value)]) -> ConfigureRequest {
        ConfigureRequest {
            terraform_version: "1.9.0".into(),
            config: config(PROVIDER_NAMES, set),
            client_capabilities: ClientCapabilities::default(),
        }
    }

    fn read_request(config: Value, deferral_allowed: bool) -> ReadDataSourceRequest {
        ReadDataSourceRequest {
            type_name: "gaap_proxy_create_check".into(),
            config,
            client_capabilities: ClientCapabilities {
                deferral_allowed,
                write_only_attributes_allowed: false,
            },
        }
    }

    fn provider() -> GaapProvider {
        GaapProvider::with_env_map(BTreeMap::new())
    }

    #[tokio::test]
    async fn unknown_provider_config_defers_or_explains() {
        let p = provider();
        let diags = p
            .configure(configure_request(&[
                ("secret_key", Value::Unknown),
                ("region", s("x")),
            ]))
            .await;
        assert!(diags.is_empty(), "{diags:?}");

        let resp = p
            .read_data_source(read_request(minimal_check(&[]), true))
            .await;
        assert_eq!(resp.deferred, Some(DeferredReason::ProviderConfigUnknown));
        assert!(resp.diagnostics.is_empty());
        let st = resp.state.unwrap();
        assert_eq!(st.attr("check_flag"), Some(&Value::Unknown));
        assert_eq!(st.attr("access_region"), Some(&s("SouthChina")));

        let resp = p
            .read_data_source(read_request(minimal_check(&[]), false))
            .await;
        assert_eq!(resp.deferred, None);
        assert!(resp.state.is_none());
        assert_eq!(resp.diagnostics.len(), 1);
        let d = &resp.diagnostics.0[0];
        assert_eq!(d.severity, Severity::Error);
        assert!(
            d.detail
                .contains("provider configuration values secret_key"),
            "{}",
            d.detail
        );
    }

    #[tokio::test]
    async fn unknown_data_source_config_defers_or_explains() {
        let p = provider();
        assert!(p.configure(configure_request(&[])).await.is_empty());
        let cfg = minimal_check(&[("bandwidth", Value::Unknown)]);
        let resp = p.read_data_source(read_request(cfg.clone(), true)).await;
        assert_eq!(resp.deferred, Some(DeferredReason::ResourceConfigUnknown));
        let resp = p.read_data_source(read_request(cfg, false)).await;
        assert!(resp.diagnostics.has_errors());
        assert!(resp.diagnostics.0[0]
            .detail
            .contains("the arguments bandwidth"));
    }

    #[tokio::test]
    async fn configure_errors_are_returned_and_reads_refuse() {
        let p = GaapProvider::with_env_map(BTreeMap::from([(
            "TENCENTCLOUD_MAX_RETRIES".to_owned(),
            "many".to_owned(),
        )]));
        let diags = p.configure(configure_request(&[])).await;
        assert!(diags.has_errors());
        assert!(diags.0[0].detail.contains("TENCENTCLOUD_MAX_RETRIES"));
        let resp = p
            .read_data_source(read_request(minimal_check(&[]), true))
            .await;
        assert_eq!(resp.diagnostics.0[0].summary, "Provider Not Configured");
    }

    #[tokio::test]
    async fn read_validates_before_calling() {
        let p = provider();
        assert!(p.configure(configure_request(&[])).await.is_empty());
        let resp = p
            .read_data_source(read_request(
                minimal_check(&[("concurrent", n("0"))]),
                false,
            ))
            .await;
        assert!(resp.state.is_none());
        assert_eq!(
            resp.diagnostics.0[0].attribute,
            Some(AttributePath::attribute("concurrent"))
        );
    }

    #[tokio::test]
    async fn stop_cancels_later_reads() {
        let p = provider();
        assert!(p.configure(configure_request(&[])).await.is_empty());
        p.stop();
        let resp = p
            .read_data_source(read_request(minimal_check(&[]), false))
            .await;
        assert_eq!(resp.diagnostics.0[0].summary, "GAAP Check Cancelled");
    }

    #[tokio::test]
    async fn only_the_first_read_without_credentials_lists_every_way() {
        let empty_dir = tempfile::tempdir().expect("temp dir");
        let p = provider();
        let dir = s(empty_dir.path().to_str().expect("utf-8 path"));
        let diags = p
            .configure(configure_request(&[("shared_credentials_dir", dir)]))
            .await;
        assert!(diags.is_empty(), "{diags:?}");
        let mut details = Vec::new();
        for _ in 0..3 {
            let resp = p
                .read_data_source(read_request(minimal_check(&[]), false))
                .await;
            assert_eq!(resp.diagnostics.len(), 1);
            assert_eq!(
                resp.diagnostics.0[0].summary,
                "No Tencent Cloud Credentials"
            );
            details.push(resp.diagnostics.0[0].detail.clone());
        }
        assert!(
            details[0].contains("TENCENTCLOUD_SECRET_ID"),
            "{}",
            details[0]
        );
        for later in &details[1..] {
            assert!(
                later.contains("another gaap_proxy_create_check error"),
                "{later}"
            );
            assert!(!later.contains("TENCENTCLOUD_SECRET_ID"), "{later}");
        }
    }

    #[test]
    fn validate_entry_points_use_the_pure_checks() {
        let p = provider();
        let diags = p.validate_provider_config(&config(PROVIDER_NAMES, &[("rate_limit", n("0"))]));
        assert_eq!(diags.len(), 1);
        let diags = p.validate_data_source_config(
            "gaap_proxy_create_check",
            &minimal_check(&[("network_type", s("x"))]),
        );
        assert_eq!(diags.len(), 1);
        assert!(p
            .schemas()
            .data_sources
            .contains_key("gaap_proxy_create_check"));
    }
}
