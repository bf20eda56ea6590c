//! Credentials: what signs a request ([`Credential`], [`CredentialSource`]), the
//! settings, and the sources that need no API call: static keys, tccli profile files,
//! the CVM role (instance metadata), and the refreshing cache of temporary ones.
//!
//! A low module: it never imports the call path. The sources that do call an API
//! (STS `AssumeRole`) and the chain that picks a source
//! (`chain::build_credential_source`) sit above the call path, in `chain`.

use std::future::Future;
use std::pin::Pin;

mod assume_role;
mod clock;
mod cvm_role;
mod env;
mod http;
pub(crate) mod profile;
mod refreshing;
pub(crate) mod static_keys;

pub use crate::error::CredentialError;
pub use crate::sts::assume_role::{
    query_escape, DEFAULT_SESSION_DURATION, DEFAULT_STS_ENDPOINT, MAX_SESSION_DURATION,
};
pub use assume_role::{normalize_assume_role, DEFAULT_SESSION_NAME};
pub use clock::{Clock, SystemClock};
pub use cvm_role::{CvmRoleFetcher, DEFAULT_METADATA_ENDPOINT};
pub use env::{
    ENV_ASSUME_ROLE_ARN, ENV_ASSUME_ROLE_EXTERNAL_ID, ENV_ASSUME_ROLE_SESSION_DURATION,
    ENV_ASSUME_ROLE_SESSION_NAME, ENV_CAM_ROLE_NAME, ENV_METADATA_ENDPOINT, ENV_PROFILE,
    ENV_SECRET_ID, ENV_SECRET_KEY, ENV_SECURITY_TOKEN, ENV_SHARED_CREDENTIALS_DIR,
    ENV_STS_ENDPOINT,
};
pub use profile::{profile_region, DEFAULT_PROFILE, DEFAULT_SHARED_CREDENTIALS_DIR};
pub use refreshing::{
    Fetcher, RefreshingSource, TemporaryCredential, EXPIRY_GRACE_SECS, REFRESH_AT_PERCENT,
    REFRESH_MIN_REMAINING_SECS,
};
pub use static_keys::StaticSource;

/// A credential used to sign one request. Debug output never shows the secrets.
#[derive(Clone, PartialEq, Eq)]
pub struct Credential {
    pub secret_id: String,
    pub secret_key: String,
    /// Temporary credentials only; sent as `X-TC-Token`.
    pub token: Option<String>,
}

impl std::fmt::Debug for Credential {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Credential")
            .field("secret_id", &self.secret_id)
            .field("secret_key", &"<redacted>")
            .field("token", &self.token.as_ref().map(|_| "<redacted>"))
            .finish()
    }
}

/// A boxed future, so sources can sit behind `dyn`.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// Anything that can produce the credential for the next request. Sources that hold
/// temporary credentials refresh them before they expire.
pub trait CredentialSource: Send + Sync {
    fn credential(&self) -> BoxFuture<'_, Result<Credential, CredentialError>>;
    /// A stable key identifying the credential in use (for sharing identical
    /// checks); never contains a secret.
    fn identity(&self) -> String;
}

/// `assume_role` settings, already merged from configuration and environment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssumeRoleSettings {
    pub role_arn: String,
    pub session_name: String,
    /// Seconds, 0..=43200; default 7200.
    pub session_duration: u64,
    pub policy: Option<String>,
    pub external_id: Option<String>,
}

/// Everything the chain needs, already merged from configuration and environment
/// by the provider (configuration wins). Empty strings count as absent.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct CredentialSettings {
    pub secret_id: Option<String>,
    pub secret_key: Option<String>,
    pub security_token: Option<String>,
    /// Profile name in the shared credentials dir; default `default`.
    pub profile: Option<String>,
    /// tccli's directory; default `~/.tccli`.
    pub shared_credentials_dir: Option<std::path::PathBuf>,
    pub cam_role_name: Option<String>,
    pub assume_role: Option<AssumeRoleSettings>,
    /// `TENCENTCLOUD_STS_ENDPOINT`: full URL overriding `https://sts.tencentcloudapi.com`.
    pub sts_endpoint: Option<String>,
    /// `TENCENTCLOUD_METADATA_ENDPOINT`: full URL overriding `http://metadata.tencentyun.com`.
    pub metadata_endpoint: Option<String>,
}

impl std::fmt::Debug for CredentialSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CredentialSettings")
            .field("secret_id", &self.secret_id)
            .field(
                "secret_key",
                &self.secret_key.as_ref().map(|_| "<redacted>"),
            )
            .field(
                "security_token",
                &self.security_token.as_ref().map(|_| "<redacted>"),
            )
            .field("profile", &self.profile)
            .field("shared_credentials_dir", &self.shared_credentials_dir)
            .field("cam_role_name", &self.cam_role_name)
            .field("assume_role", &self.assume_role)
            .field("sts_endpoint", &self.sts_endpoint)
            .field("metadata_endpoint", &self.metadata_endpoint)
            .finish()
    }
}
