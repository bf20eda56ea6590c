//! What signs a request: a [`Credential`], and the [`CredentialSource`] that hands
//! out the one for the next request.

use sensitive::Sensitive;

use crate::error::CredentialError;

/// A credential used to sign one request. Debug output never shows the secrets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Credential {
    pub secret_id: String,
    pub secret_key: Sensitive<String>,
    /// Temporary credentials only; sent as `X-TC-Token`.
    pub token: Option<Sensitive<String>>,
}

impl Credential {
    /// The token to send as `X-TC-Token`, if any.
    pub fn exposed_token(&self) -> Option<&str> {
        self.token.as_ref().map(|t| t.expose().as_str())
    }
}

/// A boxed future, so sources can sit behind `dyn`.
pub use futures_util::future::BoxFuture;

/// Anything that can produce the credential for the next request. Sources that hold
/// temporary credentials refresh them before they expire.
pub trait CredentialSource: Send + Sync {
    fn credential(&self) -> BoxFuture<'_, Result<Credential, CredentialError>>;
    /// A stable key identifying the credential in use (for sharing identical
    /// checks); never contains a secret.
    fn identity(&self) -> String;
}

/// A short digest of `parts` for an identity: the first 16 hex digits of the SHA-256
/// of the parts, each prefixed with its length (so no two lists give the same input).
/// Identities key shared calls, so they must tell apart everything that makes two
/// credentials different, yet never show a secret: 64 bits of a hash do both.
pub(crate) fn identity_digest(parts: &[&str]) -> String {
    let mut material = String::new();
    for part in parts {
        material.push_str(&format!("{}:{part};", part.len()));
    }
    let digest = crate::signer::sha256_hex(material.as_bytes());
    digest.get(..16).unwrap_or(&digest).to_owned()
}
