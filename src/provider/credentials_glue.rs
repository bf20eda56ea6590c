//! The seam to the credential chain (`tencentcloud_client::chain`), in one place.

use std::sync::Arc;

use tencentcloud_client::chain;
use tencentcloud_client::credentials::{self, CredentialSettings, CredentialSource, SystemClock};
use tencentcloud_client::{ClientConfig, ClientError};

/// The credential source for merged settings (static > profile > CVM role, then
/// AssumeRole on top). Its STS calls use `client`'s call settings (timeout, retries,
/// `X-TC-RequestClient`). Building touches no network; failures surface as
/// diagnostics.
pub fn credential_source(
    settings: &CredentialSettings,
    client: &ClientConfig,
) -> Result<Arc<dyn CredentialSource>, ClientError> {
    chain::build_credential_source_with(settings.clone(), client, Arc::new(SystemClock))
        .map_err(ClientError::Credentials)
}

/// The region of the shared credentials profile (`<dir>/<profile>.configure`), if any.
pub fn profile_region(settings: &CredentialSettings) -> Option<String> {
    credentials::profile_region(settings)
}
