//! The seam to the credential chain (`crate::tencentcloud::credentials`), in one place.

use std::sync::Arc;

use crate::tencentcloud::credentials::{
    BoxFuture, Credential, CredentialError, CredentialSettings, CredentialSource,
};

/// The credential source for merged settings.
pub fn credential_source(settings: &CredentialSettings) -> Arc<dyn CredentialSource> {
    // TODO(merge wt-credentials): crate::tencentcloud::credentials::build_credential_source.
    let _ = settings;
    Arc::new(Pending)
}

/// The region of the shared credentials profile (`<dir>/<profile>.configure`), if any.
pub fn profile_region(settings: &CredentialSettings) -> Option<String> {
    // TODO(merge wt-credentials): crate::tencentcloud::credentials::profile_region.
    let _ = settings;
    None
}

struct Pending;

impl CredentialSource for Pending {
    fn credential(&self) -> BoxFuture<'_, Result<Credential, CredentialError>> {
        Box::pin(async {
            Err(CredentialError::NotFound(
                "credential chain not linked yet".to_owned(),
            ))
        })
    }
    fn identity(&self) -> String {
        "pending".to_owned()
    }
}
