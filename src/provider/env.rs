//! Environment variable names the provider reads. Names follow the official Tencent
//! Cloud provider so a provider block (and a CI environment) can move over unchanged.

pub const SECRET_ID: &str = "TENCENTCLOUD_SECRET_ID";
pub const SECRET_KEY: &str = "TENCENTCLOUD_SECRET_KEY";
pub const SECURITY_TOKEN: &str = "TENCENTCLOUD_SECURITY_TOKEN";
pub const REGION: &str = "TENCENTCLOUD_REGION";
pub const DOMAIN: &str = "TENCENTCLOUD_DOMAIN";
pub const GAAP_ENDPOINT: &str = "TENCENTCLOUD_GAAP_ENDPOINT";
pub const PROFILE: &str = "TENCENTCLOUD_PROFILE";
pub const SHARED_CREDENTIALS_DIR: &str = "TENCENTCLOUD_SHARED_CREDENTIALS_DIR";
pub const CAM_ROLE_NAME: &str = "TENCENTCLOUD_CAM_ROLE_NAME";
pub const ASSUME_ROLE_ARN: &str = "TENCENTCLOUD_ASSUME_ROLE_ARN";
pub const ASSUME_ROLE_SESSION_NAME: &str = "TENCENTCLOUD_ASSUME_ROLE_SESSION_NAME";
pub const ASSUME_ROLE_SESSION_DURATION: &str = "TENCENTCLOUD_ASSUME_ROLE_SESSION_DURATION";
pub const ASSUME_ROLE_EXTERNAL_ID: &str = "TENCENTCLOUD_ASSUME_ROLE_EXTERNAL_ID";
pub const REQUEST_TIMEOUT: &str = "TENCENTCLOUD_REQUEST_TIMEOUT";
pub const MAX_RETRIES: &str = "TENCENTCLOUD_MAX_RETRIES";
pub const RATE_LIMIT: &str = "TENCENTCLOUD_RATE_LIMIT";
/// Redirects STS `AssumeRole` (tests, private networks).
pub const STS_ENDPOINT: &str = "TENCENTCLOUD_STS_ENDPOINT";
/// Redirects the CVM instance metadata service (tests, private networks).
pub const METADATA_ENDPOINT: &str = "TENCENTCLOUD_METADATA_ENDPOINT";
