//! [`GaapProvider`]: the provider instance the tfplugin5 service talks to, and the one
//! list of its data sources. A thin shell on top of the other modules: validation and
//! merging are in `config`, the shared state in `state`, each data source in its own
//! folder.

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::protocol::{
    ConfigureRequest, DataSource, DataSources, Diagnostics, Provider, ProviderSchemas, Schema,
    Value,
};

use tencentcloud_client::cancel::or_cancelled;
use tencentcloud_client::credentials::CredentialSettings;
use tencentcloud_client::ClientError;

use super::config;
use super::credentials_glue;
use super::data_sources::access_regions::AccessRegions;
use super::data_sources::dest_regions::DestRegions;
use super::data_sources::proxy_create_check::ProxyCreateCheck;
use super::data_sources::proxy_price::ProxyPrice;
use super::data_sources::Registered;
use super::schema;
use super::state::{ConfigState, Configured, EnvLookup, ProviderData};
use super::{env, spec};
use crate::protocol::unknowns::{join_paths, unknown_paths};

/// Every data source of the provider, each given the shared state. Adding a data
/// source means adding it here.
fn data_sources(provider: &Arc<ProviderData>) -> DataSources {
    let all: Vec<Box<dyn DataSource>> = vec![
        Registered::<ProxyCreateCheck>::boxed(provider),
        Registered::<DestRegions>::boxed(provider),
        Registered::<AccessRegions>::boxed(provider),
        Registered::<ProxyPrice>::boxed(provider),
    ];
    DataSources::new(all)
}

/// One provider instance (Terraform starts one per provider configuration).
pub struct GaapProvider {
    schema: Schema,
    data: Arc<ProviderData>,
    data_sources: DataSources,
}

impl GaapProvider {
    /// A provider with its schemas built, reading the process environment.
    pub fn new() -> Self {
        Self::with_env(Arc::new(|name: &str| std::env::var(name).ok()))
    }

    /// A provider reading environment variables through `env` (tests).
    pub fn with_env(env: EnvLookup) -> Self {
        let data = Arc::new(ProviderData::new(env));
        GaapProvider {
            schema: schema::provider_schema(),
            data_sources: data_sources(&data),
            data,
        }
    }

    /// A provider whose environment is exactly `vars` (tests).
    pub fn with_env_map(vars: BTreeMap<String, String>) -> Self {
        Self::with_env(Arc::new(move |name: &str| vars.get(name).cloned()))
    }
}

impl Default for GaapProvider {
    fn default() -> Self {
        Self::new()
    }
}

/// Every schema the provider reports (docs, benchmarks).
pub fn provider_schemas() -> ProviderSchemas {
    let provider = GaapProvider::with_env_map(BTreeMap::new());
    ProviderSchemas {
        provider: provider.schema.clone(),
        data_sources: provider
            .data_sources
            .schemas()
            .map(|(name, schema)| (name.clone(), schema.clone()))
            .collect(),
    }
}

impl GaapProvider {
    /// The shared profile's region (`<profile>.configure`), raced with Terraform's
    /// stop; a file that exists but cannot be read is an error diagnostic.
    async fn profile_region(
        &self,
        credentials: &CredentialSettings,
    ) -> Result<Option<String>, Diagnostics> {
        let read = async {
            credentials_glue::profile_region(credentials)
                .await
                .map_err(ClientError::Credentials)
        };
        let error = match or_cancelled(&mut self.data.stop_signal(), read).await {
            Ok(region) => return Ok(region),
            Err(error) => error,
        };
        let mut diags = Diagnostics::new();
        match error {
            ClientError::Cancelled => diags.add_error(
                "Provider Configuration Cancelled",
                "Terraform asked the provider to stop while it read the region from the shared \
                 profile's `.configure` file.",
            ),
            other => diags.add_error(
                "Cannot Read The Shared Profile",
                format!(
                    "{other}\n\nThe region is read from this file because `{}` (or {}) is not \
                     set; setting it skips the file.",
                    spec::REGION.name,
                    env::REGION
                ),
            ),
        }
        Err(diags)
    }
}

impl Provider for GaapProvider {
    fn schema(&self) -> &Schema {
        &self.schema
    }

    fn data_sources(&self) -> &DataSources {
        &self.data_sources
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
            self.data.set_config_state(ConfigState::Unknown(unknown));
            return Diagnostics::new();
        }
        match config::merge(&request.config, self.data.env()) {
            Ok(mut settings) => {
                if settings.client.region.is_none() {
                    match self.profile_region(&settings.credentials).await {
                        Ok(region) => settings.client.region = region,
                        Err(diags) => {
                            self.data.set_config_state(ConfigState::Failed);
                            return diags;
                        }
                    }
                }
                let warnings = std::mem::take(&mut settings.warnings);
                let configured = Arc::new(Configured::new(settings));
                self.data.set_config_state(ConfigState::Ready(configured));
                warnings
            }
            Err(diags) => {
                self.data.set_config_state(ConfigState::Failed);
                diags
            }
        }
    }

    fn stop(&self) {
        self.data.stop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocol::{
        AttributePath, ClientCapabilities, DeferredReason, ReadDataSourceRequest,
        ReadDataSourceResponse, Severity,
    };
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

    /// The check, as the protocol layer finds it.
    fn check(p: &GaapProvider) -> &dyn DataSource {
        p.data_sources()
            .get("gaap_proxy_create_check")
            .expect("registered")
            .0
    }

    impl GaapProvider {
        async fn read_data_source(&self, request: ReadDataSourceRequest) -> ReadDataSourceResponse {
            check(self).read(request).await
        }
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
                later.contains("another GAAP data source error of this run"),
                "{later}"
            );
            assert!(!later.contains("TENCENTCLOUD_SECRET_ID"), "{later}");
        }
    }

    #[cfg(unix)]
    fn mkfifo(path: &std::path::Path) {
        use std::os::unix::ffi::OsStrExt;
        let c_path = std::ffi::CString::new(path.as_os_str().as_bytes()).expect("no NUL");
        // SAFETY: mkfifo(3) with a NUL-terminated path that lives across the call.
        assert_eq!(unsafe { libc::mkfifo(c_path.as_ptr(), 0o600) }, 0);
    }

    /// A FIFO as a tccli profile file used to hang Configure (the region's
    /// `.configure`) or the first read (`.credential`) for ever, with the event loop,
    /// so that neither Stop nor SIGTERM could end the process.
    #[cfg(unix)]
    #[tokio::test]
    async fn fifo_profile_files_are_errors_not_hangs() {
        let bound = std::time::Duration::from_secs(5);
        let dir = tempfile::tempdir().expect("temp dir");
        mkfifo(&dir.path().join("default.configure"));
        let shared = s(dir.path().to_str().expect("utf-8 path"));
        let p = provider();
        let configure = p.configure(configure_request(&[(
            "shared_credentials_dir",
            shared.clone(),
        )]));
        let diags = tokio::time::timeout(bound, configure)
            .await
            .expect("Configure answered");
        assert!(diags.has_errors(), "{diags:?}");
        let d = &diags.0[0];
        assert_eq!(d.summary, "Cannot Read The Shared Profile");
        let fifo = dir.path().join("default.configure").display().to_string();
        assert!(
            d.detail.contains(&format!(
                "{fifo} is a FIFO (named pipe), not a regular file"
            )),
            "{}",
            d.detail
        );
        assert!(d.detail.contains("TENCENTCLOUD_REGION"), "{}", d.detail);

        // With a region the `.configure` file is not read; the `.credential` one is,
        // by the first read.
        mkfifo(&dir.path().join("default.credential"));
        let p = provider();
        let diags = p
            .configure(configure_request(&[
                ("shared_credentials_dir", shared),
                ("region", s("ap-guangzhou")),
            ]))
            .await;
        assert!(diags.is_empty(), "{diags:?}");
        let read = p.read_data_source(read_request(minimal_check(&[]), false));
        let resp = tokio::time::timeout(bound, read)
            .await
            .expect("read answered");
        let d = &resp.diagnostics.0[0];
        assert_eq!(d.summary, "Invalid Tencent Cloud Credentials");
        assert!(
            d.detail
                .contains("default.credential is a FIFO (named pipe), not a regular file"),
            "{}",
            d.detail
        );
    }

    #[test]
    fn validate_entry_points_use_the_pure_checks() {
        let p = provider();
        let diags = p.validate_provider_config(&config(PROVIDER_NAMES, &[("rate_limit", n("0"))]));
        assert_eq!(diags.len(), 1);
        let diags = check(&p).validate(&minimal_check(&[("network_type", s("x"))]));
        assert_eq!(diags.len(), 1);
    }

    #[test]
    fn schemas_are_deterministic_and_name_the_data_source() {
        let a = provider_schemas();
        assert_eq!(a, provider_schemas());
        assert_eq!(
            a.data_sources.keys().collect::<Vec<_>>(),
            [
                "gaap_access_regions",
                "gaap_dest_regions",
                "gaap_proxy_create_check",
                "gaap_proxy_price"
            ]
        );
        assert_eq!(a.provider, schema::provider_schema());
    }
}
