//! The seam to the credential chain (`tencentcloud_client::chain`), in one place.

use std::sync::Arc;

use tencentcloud_client::chain;
use tencentcloud_client::credentials::{
    self, CredentialError, CredentialSettings, CredentialSource, SystemClock,
};
use tencentcloud_client::{ClientConfig, ClientError};

/// The credential source for merged settings (static > profile > CVM role, then
/// AssumeRole on top). Its STS calls use `client`'s call settings (timeout, retries,
/// `X-TC-RequestClient`). Building touches no network; it reads the shared profile
/// file (off the event loop, time-bounded; drop the future to stop waiting).
/// Failures surface as diagnostics.
pub async fn credential_source(
    settings: &CredentialSettings,
    client: &ClientConfig,
) -> Result<Arc<dyn CredentialSource>, ClientError> {
    chain::build_credential_source_with(settings.clone(), client, Arc::new(SystemClock))
        .await
        .map_err(ClientError::Credentials)
}

/// The region of the shared credentials profile (`<dir>/<profile>.configure`), if any;
/// an error when the file exists but cannot be read (off the event loop,
/// time-bounded; drop the future to stop waiting).
pub async fn profile_region(
    settings: &CredentialSettings,
) -> Result<Option<String>, CredentialError> {
    credentials::profile_region(settings).await
}
