//! The provider block's attributes, once: names, limits and validators. Decoding
//! (`config`), environment variable checks and schema descriptions all use these.

use super::decode::AttrSpec;
use super::defaults;
use super::validators::Check;

/// Provider attribute and block names (fixed by the contract).
pub mod attr {
    pub const SECRET_ID: &str = "secret_id";
    pub const SECRET_KEY: &str = "secret_key";
    pub const SECURITY_TOKEN: &str = "security_token";
    pub const REGION: &str = "region";
    pub const DOMAIN: &str = "domain";
    pub const ENDPOINT: &str = "endpoint";
    pub const PROFILE: &str = "profile";
    pub const SHARED_CREDENTIALS_DIR: &str = "shared_credentials_dir";
    pub const CAM_ROLE_NAME: &str = "cam_role_name";
    pub const REQUEST_TIMEOUT: &str = "request_timeout";
    pub const MAX_RETRIES: &str = "max_retries";
    pub const RATE_LIMIT: &str = "rate_limit";
    pub const EXPLAIN: &str = "explain";
    pub const ASSUME_ROLE: &str = "assume_role";
    pub const ROLE_ARN: &str = "role_arn";
    pub const SESSION_NAME: &str = "session_name";
    pub const SESSION_DURATION: &str = "session_duration";
    pub const POLICY: &str = "policy";
    pub const EXTERNAL_ID: &str = "external_id";
    pub const SOURCE_IDENTITY: &str = "source_identity";
    pub const SERIAL_NUMBER: &str = "serial_number";
    pub const TOKEN_CODE: &str = "token_code";
    pub const PROTOCOL: &str = "protocol";
    pub const COS_DOMAIN: &str = "cos_domain";
    pub const ENABLE_POD_OIDC: &str = "enable_pod_oidc";
    pub const ALLOWED_ACCOUNT_IDS: &str = "allowed_account_ids";
    pub const FORBIDDEN_ACCOUNT_IDS: &str = "forbidden_account_ids";
    pub const ASSUME_ROLE_WITH_SAML: &str = "assume_role_with_saml";
    pub const SAML_ASSERTION: &str = "saml_assertion";
    pub const PRINCIPAL_ARN: &str = "principal_arn";
    pub const ASSUME_ROLE_WITH_WEB_IDENTITY: &str = "assume_role_with_web_identity";
    pub const PROVIDER_ID: &str = "provider_id";
    pub const WEB_IDENTITY_TOKEN: &str = "web_identity_token";
    pub const WEB_IDENTITY_TOKEN_FILE: &str = "web_identity_token_file";
    pub const MFA_CERTIFICATION: &str = "mfa_certification";
    pub const DURATION_SECONDS: &str = "duration_seconds";
}

/// Upper bound of `max_retries`: beyond this a plan would spin for hours on a dead API.
pub const MAX_RETRIES_LIMIT: i64 = 100;
/// Upper bound of `request_timeout`, seconds: an attempt longer than an hour is a typo.
pub const MAX_REQUEST_TIMEOUT: i64 = 3600;
/// Lower bound of `request_timeout`, seconds: one millisecond. "Greater than 0" let
/// `1e-400` (or `1e-20`) through, which becomes a zero `Duration`: every attempt would
/// time out before it was sent. Decimal text, compared exactly.
pub const MIN_REQUEST_TIMEOUT: &str = "0.001";
/// Upper bound of `rate_limit`, requests per second (50 times the API's documented limit).
pub const MAX_RATE_LIMIT: i64 = 1000;
/// Lower bound of `rate_limit`, requests per second: one call every 10 seconds, the
/// client's `rate_limit::MIN_RATE` (which says why). Smaller values would stall a plan
/// for hours or years (`1e-20`), so validation refuses them before any read. Decimal
/// text, compared exactly: Terraform sends `0.1` as text, not as a float.
pub const MIN_RATE_LIMIT: &str = "0.1";
/// Upper bound of `assume_role.session_duration`, seconds (the STS limit).
pub const MAX_SESSION_DURATION: i64 = defaults::MAX_SESSION_DURATION as i64;

use attr as a;

pub const SECRET_ID: AttrSpec = AttrSpec::new(a::SECRET_ID, &[Check::NoSurroundingWhitespace]);
pub const SECRET_KEY: AttrSpec = AttrSpec::new(a::SECRET_KEY, &[Check::NoSurroundingWhitespace]);
pub const SECURITY_TOKEN: AttrSpec =
    AttrSpec::new(a::SECURITY_TOKEN, &[Check::NoSurroundingWhitespace]);
pub const REGION: AttrSpec = AttrSpec::new(a::REGION, &[Check::RegionNameOrEmpty]);
pub const DOMAIN: AttrSpec = AttrSpec::new(a::DOMAIN, &[Check::DomainName]);
pub const ENDPOINT: AttrSpec = AttrSpec::new(a::ENDPOINT, &[Check::ApiUrl]);
pub const PROFILE: AttrSpec = AttrSpec::new(a::PROFILE, &[Check::NonEmpty]);
pub const SHARED_CREDENTIALS_DIR: AttrSpec =
    AttrSpec::new(a::SHARED_CREDENTIALS_DIR, &[Check::NonEmpty]);
pub const CAM_ROLE_NAME: AttrSpec = AttrSpec::new(a::CAM_ROLE_NAME, &[]);
pub const REQUEST_TIMEOUT: AttrSpec = AttrSpec::new(
    a::REQUEST_TIMEOUT,
    &[Check::number_between(MIN_REQUEST_TIMEOUT, MAX_REQUEST_TIMEOUT).of(" of seconds")],
);
pub const MAX_RETRIES: AttrSpec =
    AttrSpec::new(a::MAX_RETRIES, &[Check::between(0, MAX_RETRIES_LIMIT)]);
pub const RATE_LIMIT: AttrSpec = AttrSpec::new(
    a::RATE_LIMIT,
    &[Check::number_between(MIN_RATE_LIMIT, MAX_RATE_LIMIT).of(" of requests per second")],
);
pub const EXPLAIN: AttrSpec = AttrSpec::new(a::EXPLAIN, &[]);
pub const ROLE_ARN: AttrSpec = AttrSpec::new(a::ROLE_ARN, &[Check::NonEmpty]);
pub const SESSION_NAME: AttrSpec = AttrSpec::new(a::SESSION_NAME, &[Check::SessionName]);
pub const SESSION_DURATION: AttrSpec = AttrSpec::new(
    a::SESSION_DURATION,
    &[Check::between(0, MAX_SESSION_DURATION).of(" of seconds")],
);
pub const POLICY: AttrSpec = AttrSpec::new(a::POLICY, &[]);
pub const EXTERNAL_ID: AttrSpec = AttrSpec::new(a::EXTERNAL_ID, &[]);

pub const SOURCE_IDENTITY: AttrSpec = AttrSpec::new(a::SOURCE_IDENTITY, &[]);
pub const SERIAL_NUMBER: AttrSpec = AttrSpec::new(a::SERIAL_NUMBER, &[Check::NonEmpty]);
/// MFA codes are secrets for their minute: never echoed.
pub const TOKEN_CODE: AttrSpec = AttrSpec::new(a::TOKEN_CODE, &[Check::NoSurroundingWhitespace]);
/// The official provider's values; see the schema for what each does here.
pub const PROTOCOLS: &[&str] = &["HTTP", "HTTPS"];
pub const PROTOCOL: AttrSpec = AttrSpec::new(a::PROTOCOL, &[Check::OneOf(PROTOCOLS)]);
pub const COS_DOMAIN: AttrSpec = AttrSpec::new(a::COS_DOMAIN, &[]);
pub const ENABLE_POD_OIDC: AttrSpec = AttrSpec::new(a::ENABLE_POD_OIDC, &[]);
pub const ALLOWED_ACCOUNT_IDS: AttrSpec = AttrSpec::new(a::ALLOWED_ACCOUNT_IDS, &[]);
pub const FORBIDDEN_ACCOUNT_IDS: AttrSpec = AttrSpec::new(a::FORBIDDEN_ACCOUNT_IDS, &[]);
pub const SAML_ASSERTION: AttrSpec =
    AttrSpec::new(a::SAML_ASSERTION, &[Check::NoSurroundingWhitespace]);
pub const PRINCIPAL_ARN: AttrSpec = AttrSpec::new(a::PRINCIPAL_ARN, &[Check::NonEmpty]);
pub const PROVIDER_ID: AttrSpec = AttrSpec::new(a::PROVIDER_ID, &[]);
pub const WEB_IDENTITY_TOKEN: AttrSpec =
    AttrSpec::new(a::WEB_IDENTITY_TOKEN, &[Check::NoSurroundingWhitespace]);
pub const WEB_IDENTITY_TOKEN_FILE: AttrSpec =
    AttrSpec::new(a::WEB_IDENTITY_TOKEN_FILE, &[Check::NonEmpty]);
/// Upper bound of `mfa_certification.duration_seconds` (a sub-account's limit).
pub const MAX_MFA_DURATION: i64 = 129_600;
pub const DURATION_SECONDS: AttrSpec = AttrSpec::new(
    a::DURATION_SECONDS,
    &[Check::between(0, MAX_MFA_DURATION).of(" of seconds")],
);

/// `TENCENTCLOUD_READ_RETRY_TIMEOUT` (environment only, as in the official provider):
/// minutes throttled calls are retried for.
pub const MAX_READ_RETRY_TIMEOUT: i64 = 60;
pub const READ_RETRY_TIMEOUT: AttrSpec = AttrSpec::new(
    "read_retry_timeout",
    &[Check::between(0, MAX_READ_RETRY_TIMEOUT).of(" of minutes")],
);

/// Endpoint overrides that exist only as environment variables.
pub const ENV_ONLY_URL: &[Check] = &[Check::HttpUrl];
