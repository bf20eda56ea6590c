//! Credentials: what signs a request ([`Credential`], [`CredentialSource`]), the
//! settings, and the sources that need no API call: static keys, tccli profile files,
//! the CVM role (instance metadata), and the refreshing cache of temporary ones; and
//! the size limits of every credential input (`limits`).
//!
//! A low module: it never imports the call path. The sources that do call an API
//! (STS `AssumeRole`) and the chain that picks a source
//! (`chain::build_credential_source`) sit above the call path, in `chain`.

mod assume_role;
mod clock;
mod cvm_role;
mod env;
mod http;
pub(crate) mod limits;
pub(crate) mod profile;
mod refreshing;
mod settings;
mod source;
pub(crate) mod static_keys;

pub use crate::error::CredentialError;
pub use crate::sts::assume_role::{
    query_escape, DEFAULT_SESSION_DURATION, DEFAULT_STS_ENDPOINT, MAX_SESSION_DURATION,
};
pub use assume_role::{normalize_assume_role, DEFAULT_SESSION_NAME};
pub use clock::{Clock, SystemClock};
#[cfg(feature = "fuzzing")]
pub(crate) use cvm_role::parse_metadata_credentials;
pub use cvm_role::{CvmRoleFetcher, DEFAULT_METADATA_ENDPOINT};
pub use env::*;
pub use limits::{PROFILE_FILE_MAX_BYTES, SAML_ASSERTION_MAX_BYTES, WEB_IDENTITY_TOKEN_MAX_BYTES};
pub use profile::{profile_region, DEFAULT_PROFILE, DEFAULT_SHARED_CREDENTIALS_DIR};
pub use refreshing::{
    Fetcher, RefreshingSource, TemporaryCredential, EXPIRY_GRACE_SECS, REFRESH_AT_PERCENT,
    REFRESH_MIN_REMAINING_SECS,
};
pub use settings::{
    AssumeRoleSettings, CredentialSettings, LoginStep, MfaSettings, SamlSettings,
    WebIdentitySettings, WebIdentityToken,
};
pub(crate) use source::identity_digest;
pub use source::{BoxFuture, Credential, CredentialSource};
pub use static_keys::StaticSource;
