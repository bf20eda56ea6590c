//! What signs a request: a [`Credential`], and the [`CredentialSource`] that hands
//! out the one for the next request.

use std::future::Future;
use std::pin::Pin;

use crate::error::CredentialError;

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
