//! Environment variable names of the credential settings, named once. The provider
//! merges them into [`super::CredentialSettings`]; the chain quotes them in its
//! messages so a user knows which knob to turn.

/// API key id.
pub const ENV_SECRET_ID: &str = "TENCENTCLOUD_SECRET_ID";
/// API key secret.
pub const ENV_SECRET_KEY: &str = "TENCENTCLOUD_SECRET_KEY";
/// Token of a temporary credential, sent as `X-TC-Token`.
pub const ENV_SECURITY_TOKEN: &str = "TENCENTCLOUD_SECURITY_TOKEN";
/// Profile name in the shared credentials dir.
pub const ENV_PROFILE: &str = "TENCENTCLOUD_PROFILE";
/// tccli's directory.
pub const ENV_SHARED_CREDENTIALS_DIR: &str = "TENCENTCLOUD_SHARED_CREDENTIALS_DIR";
/// CVM instance role name.
pub const ENV_CAM_ROLE_NAME: &str = "TENCENTCLOUD_CAM_ROLE_NAME";
/// `assume_role.role_arn`.
pub const ENV_ASSUME_ROLE_ARN: &str = "TENCENTCLOUD_ASSUME_ROLE_ARN";
/// `assume_role.session_name`.
pub const ENV_ASSUME_ROLE_SESSION_NAME: &str = "TENCENTCLOUD_ASSUME_ROLE_SESSION_NAME";
/// `assume_role.session_duration`, seconds.
pub const ENV_ASSUME_ROLE_SESSION_DURATION: &str = "TENCENTCLOUD_ASSUME_ROLE_SESSION_DURATION";
/// `assume_role.external_id`.
pub const ENV_ASSUME_ROLE_EXTERNAL_ID: &str = "TENCENTCLOUD_ASSUME_ROLE_EXTERNAL_ID";
/// Full URL replacing `https://sts.tencentcloudapi.com` (tests, private networks).
pub const ENV_STS_ENDPOINT: &str = "TENCENTCLOUD_STS_ENDPOINT";
/// Full URL replacing `http://metadata.tencentyun.com` (tests, private networks).
pub const ENV_METADATA_ENDPOINT: &str = "TENCENTCLOUD_METADATA_ENDPOINT";
