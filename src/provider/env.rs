//! Environment variable names the provider reads. Names follow the official Tencent
//! Cloud provider so a provider block (and a CI environment) can move over unchanged.
//! The credential settings' names are defined by the credentials module, which
//! quotes them in its messages.

use tencentcloud_client::credentials;

pub const SECRET_ID: &str = credentials::ENV_SECRET_ID;
pub const SECRET_KEY: &str = credentials::ENV_SECRET_KEY;
pub const SECURITY_TOKEN: &str = credentials::ENV_SECURITY_TOKEN;
pub const REGION: &str = "TENCENTCLOUD_REGION";
pub const DOMAIN: &str = credentials::ENV_DOMAIN;
pub const GAAP_ENDPOINT: &str = credentials::ENV_GAAP_ENDPOINT;
pub const PROFILE: &str = credentials::ENV_PROFILE;
pub const SHARED_CREDENTIALS_DIR: &str = credentials::ENV_SHARED_CREDENTIALS_DIR;
pub const CAM_ROLE_NAME: &str = credentials::ENV_CAM_ROLE_NAME;
pub const ASSUME_ROLE_ARN: &str = credentials::ENV_ASSUME_ROLE_ARN;
pub const ASSUME_ROLE_SESSION_NAME: &str = credentials::ENV_ASSUME_ROLE_SESSION_NAME;
pub const ASSUME_ROLE_SESSION_DURATION: &str = credentials::ENV_ASSUME_ROLE_SESSION_DURATION;
pub const ASSUME_ROLE_EXTERNAL_ID: &str = credentials::ENV_ASSUME_ROLE_EXTERNAL_ID;
pub const REQUEST_TIMEOUT: &str = "TENCENTCLOUD_REQUEST_TIMEOUT";
pub const MAX_RETRIES: &str = "TENCENTCLOUD_MAX_RETRIES";
pub const RATE_LIMIT: &str = "TENCENTCLOUD_RATE_LIMIT";
/// Redirects STS `AssumeRole` (tests, private networks).
pub const STS_ENDPOINT: &str = credentials::ENV_STS_ENDPOINT;
/// Redirects the CVM instance metadata service (tests, private networks).
pub const METADATA_ENDPOINT: &str = credentials::ENV_METADATA_ENDPOINT;
pub const PROTOCOL: &str = "TENCENTCLOUD_PROTOCOL";
pub const COS_DOMAIN: &str = "TENCENTCLOUD_COS_DOMAIN";
pub const ASSUME_ROLE_SOURCE_IDENTITY: &str = credentials::ENV_ASSUME_ROLE_SOURCE_IDENTITY;
pub const ASSUME_ROLE_SERIAL_NUMBER: &str = credentials::ENV_ASSUME_ROLE_SERIAL_NUMBER;
pub const ASSUME_ROLE_TOKEN_CODE: &str = credentials::ENV_ASSUME_ROLE_TOKEN_CODE;
pub const ASSUME_ROLE_SAML_ASSERTION: &str = credentials::ENV_ASSUME_ROLE_SAML_ASSERTION;
pub const ASSUME_ROLE_PRINCIPAL_ARN: &str = credentials::ENV_ASSUME_ROLE_PRINCIPAL_ARN;
pub const ASSUME_ROLE_WEB_IDENTITY_TOKEN: &str = credentials::ENV_ASSUME_ROLE_WEB_IDENTITY_TOKEN;
pub const ASSUME_ROLE_WEB_IDENTITY_TOKEN_FILE: &str =
    credentials::ENV_ASSUME_ROLE_WEB_IDENTITY_TOKEN_FILE;
pub const ASSUME_ROLE_PROVIDER_ID: &str = credentials::ENV_ASSUME_ROLE_PROVIDER_ID;
pub const MFA_CERTIFICATION_SERIAL_NUMBER: &str = credentials::ENV_MFA_CERTIFICATION_SERIAL_NUMBER;
pub const MFA_CERTIFICATION_TOKEN_CODE: &str = credentials::ENV_MFA_CERTIFICATION_TOKEN_CODE;
pub const MFA_CERTIFICATION_DURATION_SECONDS: &str =
    credentials::ENV_MFA_CERTIFICATION_DURATION_SECONDS;
pub const TKE_REGION: &str = credentials::ENV_TKE_REGION;
pub const TKE_PROVIDER_ID: &str = credentials::ENV_TKE_PROVIDER_ID;
pub const TKE_WEB_IDENTITY_TOKEN_FILE: &str = credentials::ENV_TKE_WEB_IDENTITY_TOKEN_FILE;
pub const TKE_ROLE_ARN: &str = credentials::ENV_TKE_ROLE_ARN;
/// Minutes throttled calls are retried for (the official provider's name).
pub const READ_RETRY_TIMEOUT: &str = "TENCENTCLOUD_READ_RETRY_TIMEOUT";
