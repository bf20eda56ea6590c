//! The seam to the credential chain (`tencentcloud_client::credentials`), in one place.

use std::sync::Arc;

use tencentcloud_client::credentials::{self, CredentialSettings, CredentialSource};
use tencentcloud_client::ClientError;

/// The credential source for merged settings (static > profile > CVM role, then
/// AssumeRole on top). Building touches no network; failures surface as diagnostics.
pub fn credential_source(
    settings: &CredentialSettings,
) -> Result<Arc<dyn CredentialSource>, ClientError> {
    credentials::build_credential_source(settings.clone()).map_err(ClientError::Credentials)
}

/// The region of the shared credentials profile (`<dir>/<profile>.configure`), if any.
pub fn profile_region(settings: &CredentialSettings) -> Option<String> {
    credentials::profile_region(settings)
}
