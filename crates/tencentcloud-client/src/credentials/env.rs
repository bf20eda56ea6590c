//! Environment variable names of the credential and endpoint settings, named once.
//! The provider merges them into [`super::CredentialSettings`] and the client's
//! configuration; the chain quotes them in its messages so a user knows which knob to
//! turn; the emulator's catalogue recorder reads the keys and the endpoint from them.

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
/// Root domain: the GAAP API is `https://gaap.<domain>` (the provider's `domain`).
pub const ENV_DOMAIN: &str = "TENCENTCLOUD_DOMAIN";
/// Full URL of the GAAP API, winning over the domain (the provider's `endpoint`).
pub const ENV_GAAP_ENDPOINT: &str = "TENCENTCLOUD_GAAP_ENDPOINT";
/// Full URL replacing `https://sts.tencentcloudapi.com` (tests, private networks).
pub const ENV_STS_ENDPOINT: &str = "TENCENTCLOUD_STS_ENDPOINT";
/// Full URL replacing `http://metadata.tencentyun.com` (tests, private networks).
pub const ENV_METADATA_ENDPOINT: &str = "TENCENTCLOUD_METADATA_ENDPOINT";
/// `assume_role.source_identity`.
pub const ENV_ASSUME_ROLE_SOURCE_IDENTITY: &str = "TENCENTCLOUD_ASSUME_ROLE_SOURCE_IDENTITY";
/// `assume_role.serial_number` (MFA device).
pub const ENV_ASSUME_ROLE_SERIAL_NUMBER: &str = "TENCENTCLOUD_ASSUME_ROLE_SERIAL_NUMBER";
/// `assume_role.token_code` (MFA code).
pub const ENV_ASSUME_ROLE_TOKEN_CODE: &str = "TENCENTCLOUD_ASSUME_ROLE_TOKEN_CODE";
/// `assume_role_with_saml.saml_assertion`.
pub const ENV_ASSUME_ROLE_SAML_ASSERTION: &str = "TENCENTCLOUD_ASSUME_ROLE_SAML_ASSERTION";
/// `assume_role_with_saml.principal_arn`.
pub const ENV_ASSUME_ROLE_PRINCIPAL_ARN: &str = "TENCENTCLOUD_ASSUME_ROLE_PRINCIPAL_ARN";
/// `assume_role_with_web_identity.web_identity_token`.
pub const ENV_ASSUME_ROLE_WEB_IDENTITY_TOKEN: &str = "TENCENTCLOUD_ASSUME_ROLE_WEB_IDENTITY_TOKEN";
/// `assume_role_with_web_identity.web_identity_token_file`.
pub const ENV_ASSUME_ROLE_WEB_IDENTITY_TOKEN_FILE: &str =
    "TENCENTCLOUD_ASSUME_ROLE_WEB_IDENTITY_TOKEN_FILE";
/// `assume_role_with_web_identity.provider_id`.
pub const ENV_ASSUME_ROLE_PROVIDER_ID: &str = "TENCENTCLOUD_ASSUME_ROLE_PROVIDER_ID";
/// `mfa_certification.serial_number`.
pub const ENV_MFA_CERTIFICATION_SERIAL_NUMBER: &str =
    "TENCENTCLOUD_MFA_CERTIFICATION_SERIAL_NUMBER";
/// `mfa_certification.token_code`.
pub const ENV_MFA_CERTIFICATION_TOKEN_CODE: &str = "TENCENTCLOUD_MFA_CERTIFICATION_TOKEN_CODE";
/// `mfa_certification.duration_seconds`.
pub const ENV_MFA_CERTIFICATION_DURATION_SECONDS: &str =
    "TENCENTCLOUD_MFA_CERTIFICATION_DURATION_SECONDS";
/// TKE pod identity (`enable_pod_oidc`): region, OIDC provider, token file, role.
pub const ENV_TKE_REGION: &str = "TKE_REGION";
pub const ENV_TKE_PROVIDER_ID: &str = "TKE_PROVIDER_ID";
pub const ENV_TKE_WEB_IDENTITY_TOKEN_FILE: &str = "TKE_WEB_IDENTITY_TOKEN_FILE";
pub const ENV_TKE_ROLE_ARN: &str = "TKE_ROLE_ARN";
