//! The `provider "gaap"` block's attribute table: each attribute's name, type,
//! validators, environment variable, description, secrecy and default, once. The
//! schema, the docs, `Configure`'s environment lookups and the decoded struct all
//! come from it. The nested login blocks have their tables in `login_blocks`.
//! Environment variable names follow the official provider (see `env`).

use super::validators::Check;
use super::{env, login_blocks};
use crate::protocol::decode::{AttrDef, BlockDef, Kind};

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
/// `TENCENTCLOUD_READ_RETRY_TIMEOUT`'s upper bound, minutes.
pub const MAX_READ_RETRY_TIMEOUT: i64 = 60;
/// The official provider's values of `protocol`; see its description for what each
/// does here.
pub const PROTOCOLS: &[&str] = &["HTTP", "HTTPS"];

/// The block's description.
pub const DESCRIPTION: &str = "The `gaap` provider checks with Tencent Cloud Global \
    Application Acceleration Platform (GAAP) whether acceleration connections can be \
    created, and what they would cost. Every argument is optional; a value in the configuration wins over its \
    environment variable. Credentials are resolved in the official `tencentcloud` \
    provider's order (see the provider page): `secret_id`/`secret_key` or the shared \
    profile, replaced by the CVM role when `cam_role_name` is set, then the profile's role, \
    the environment's role, `assume_role`, `assume_role_with_saml`, \
    `assume_role_with_web_identity`, MFA and `enable_pod_oidc`, each on top of the one \
    before.";

pub const SECRET_ID: AttrDef = AttrDef::optional("secret_id", Kind::String)
    .checks(&[&Check::NoSurroundingWhitespace])
    .env(env::SECRET_ID)
    .text("Tencent Cloud API key id (`SecretId`). Must be given together with `secret_key`.");
pub const SECRET_KEY: AttrDef = AttrDef::optional("secret_key", Kind::String)
    .checks(&[&Check::NoSurroundingWhitespace])
    .env(env::SECRET_KEY)
    .sensitive()
    .text(
        "Tencent Cloud API key secret (`SecretKey`). Must be given together with \
         `secret_id`.",
    );
pub const SECURITY_TOKEN: AttrDef = AttrDef::optional("security_token", Kind::String)
    .checks(&[&Check::NoSurroundingWhitespace])
    .env(env::SECURITY_TOKEN)
    .sensitive()
    .text("Token of temporary credentials, sent as the `X-TC-Token` header.");
pub const REGION: AttrDef = AttrDef::optional("region", Kind::String)
    .checks(&[&Check::RegionNameOrEmpty])
    .env(env::REGION)
    .text(
        "Region sent as `X-TC-Region` (for example `ap-guangzhou`). GAAP does not need one: \
         the header is sent only when a region is set here, in the environment or in the \
         profile's `.configure` file.",
    );
pub const DOMAIN: AttrDef = AttrDef::optional("domain", Kind::String)
    .checks(&[&Check::DomainName])
    .env(env::DOMAIN)
    .default("`intl.tencentcloudapi.com` (giving `https://gaap.intl.tencentcloudapi.com`)")
    .text(
        "Root domain of the API; use `tencentcloudapi.com` for the China site. Ignored for \
         GAAP when `endpoint` is set.",
    );
pub const ENDPOINT: AttrDef = AttrDef::optional("endpoint", Kind::String)
    .checks(&[&Check::ApiUrl])
    .env(env::GAAP_ENDPOINT)
    .text(
        "Full URL of the GAAP API, for example `https://gaap.tencentcloudapi.com`. Wins over \
         `domain`. `http://` is for the bundled emulator and tests.",
    );
pub const PROFILE: AttrDef = AttrDef::optional("profile", Kind::String)
    .checks(&[&Check::NonEmpty])
    .env(env::PROFILE)
    .default("`default`")
    .text("Profile name in the shared credentials directory.");
pub const SHARED_CREDENTIALS_DIR: AttrDef =
    AttrDef::optional("shared_credentials_dir", Kind::String)
        .checks(&[&Check::NonEmpty])
        .env(env::SHARED_CREDENTIALS_DIR)
        .default("`~/.tccli`")
        .text(
            "Directory of tccli's files: `<dir>/<profile>.credential` (JSON `secretId`, \
             `secretKey`, `token`, optional `role-arn`, `role-session-name`) and \
             `<dir>/<profile>.configure` (region at `_sys_param.region`). Each must be a \
             regular file (a symlink to one is followed) of at most 64 KiB, and is given \
             10 s to be read; anything else (a FIFO, a directory, a larger file) is an error \
             naming the file.",
        );
pub const CAM_ROLE_NAME: AttrDef = AttrDef::optional("cam_role_name", Kind::String)
    .env(env::CAM_ROLE_NAME)
    .text(
        "Name of the CAM role of the CVM instance the provider runs on; its temporary \
         credentials come from the instance metadata service and are refreshed before they \
         expire.",
    );
pub const REQUEST_TIMEOUT: AttrDef = AttrDef::optional("request_timeout", Kind::Number)
    .checks(&[&Check::number_between(MIN_REQUEST_TIMEOUT, MAX_REQUEST_TIMEOUT).of(" of seconds")])
    .env(env::REQUEST_TIMEOUT)
    .default("`30`")
    .text("Seconds to wait for each API attempt.");
pub const MAX_RETRIES: AttrDef = AttrDef::optional("max_retries", Kind::Number)
    .checks(&[&Check::between(0, MAX_RETRIES_LIMIT)])
    .env(env::MAX_RETRIES)
    .default("`5`")
    .text(
        "How many times a retryable failure (throttling, network errors, timeouts, HTTP \
         errors, `ServiceUnavailable`, `ResourceUnavailable`; `InternalError` and \
         `AuthFailure.SignatureExpire` at most once) is retried, with exponential backoff (at \
         most 5 s between attempts). Throttling (`RequestLimitExceeded`) is moreover retried \
         for up to 3 minutes from the start of a call without counting, as the official \
         provider retries throttled reads for 3 minutes; set that time with the \
         `TENCENTCLOUD_READ_RETRY_TIMEOUT` environment variable (whole minutes, `0` turns it \
         off). Terraform's stop (Ctrl-C) ends the waiting at once.",
    );
pub const RATE_LIMIT: AttrDef = AttrDef::optional("rate_limit", Kind::Number)
    .checks(&[&Check::number_between(MIN_RATE_LIMIT, MAX_RATE_LIMIT).of(" of requests per second")])
    .env(env::RATE_LIMIT)
    .default("`20`, the API's documented limit")
    .text(
        "Client-side limit of requests per second to each GAAP API action (each action has \
         its own), shared by every data source in the provider process.",
    );
pub const PROTOCOL: AttrDef = AttrDef::optional("protocol", Kind::String)
    .checks(&[&Check::OneOf(PROTOCOLS)])
    .env(env::PROTOCOL)
    .text(
        "The official provider's API protocol. Accepted so that a block written for the \
         official `tencentcloud` provider works unchanged, but it changes nothing here: API \
         calls to Tencent Cloud hosts always use HTTPS (`HTTP` is accepted and ignored with a \
         warning, since it would send signed requests in clear text). Plain `http://` is only \
         for a loopback `endpoint` such as the emulator.",
    );
pub const COS_DOMAIN: AttrDef = AttrDef::optional("cos_domain", Kind::String)
    .env(env::COS_DOMAIN)
    .text(
        "The official provider's COS endpoint. Accepted so that a block written for the \
         official provider works unchanged, and ignored: this provider makes no COS calls.",
    );
pub const ENABLE_POD_OIDC: AttrDef = AttrDef::optional("enable_pod_oidc", Kind::Bool).text(
    "Log in with the TKE pod's OIDC identity (STS `AssumeRoleWithWebIdentity`, unsigned): the \
     token file, role and identity provider come from the environment variables \
     `TKE_REGION`, `TKE_PROVIDER_ID`, `TKE_WEB_IDENTITY_TOKEN_FILE` and `TKE_ROLE_ARN`, which \
     TKE sets for a pod whose service account is bound to a CAM role; all four must be set. \
     The token file is read again on every refresh, as `web_identity_token_file` is: a \
     regular file (or a symlink to one, as TKE mounts it) of at most 64 KiB.",
);
pub const ALLOWED_ACCOUNT_IDS: AttrDef = AttrDef::optional("allowed_account_ids", Kind::StringSet)
    .text(
        "Account ids (root account uins) the credential may belong to. Before the first API \
         call of the provider process, STS `GetCallerIdentity` is asked once for the \
         credential's account; any other account stops every read with one error naming it, \
         and no GAAP call is sent. Conflicts with `forbidden_account_ids`.",
    );
pub const FORBIDDEN_ACCOUNT_IDS: AttrDef =
    AttrDef::optional("forbidden_account_ids", Kind::StringSet).text(
        "Account ids the credential must not belong to, checked like `allowed_account_ids`. \
         Conflicts with `allowed_account_ids`.",
    );
pub const EXPLAIN: AttrDef = AttrDef::optional("explain", Kind::Bool)
    .default("`true`")
    .text(
        "Whether a `gaap_proxy_create_check` answering `0` is explained: its `reasons` and \
         `suggestions` are read from GAAP's catalogue (`DescribeAccessRegionsByDestRegion`, at \
         most one call per distinct origin, IP version and package in a run), and an unknown \
         region error adds \"did you mean\" from it. `false` makes no catalogue call and \
         leaves `reasons` and `suggestions` empty.",
    );

/// The block's attributes, in schema order.
pub const ATTRIBUTES: &[AttrDef] = &[
    SECRET_ID,
    SECRET_KEY,
    SECURITY_TOKEN,
    REGION,
    DOMAIN,
    ENDPOINT,
    PROFILE,
    SHARED_CREDENTIALS_DIR,
    CAM_ROLE_NAME,
    REQUEST_TIMEOUT,
    MAX_RETRIES,
    RATE_LIMIT,
    PROTOCOL,
    COS_DOMAIN,
    ENABLE_POD_OIDC,
    ALLOWED_ACCOUNT_IDS,
    FORBIDDEN_ACCOUNT_IDS,
    EXPLAIN,
];

/// The block's nested login blocks, in schema order.
pub const BLOCKS: &[BlockDef] = &[
    login_blocks::assume_role::BLOCK,
    login_blocks::saml::BLOCK,
    login_blocks::web_identity::BLOCK,
    login_blocks::mfa::BLOCK,
];

/// Settings that exist only as environment variables (as in the official provider).
pub mod env_only {
    use super::*;

    /// Minutes throttled calls are retried for.
    pub const READ_RETRY_TIMEOUT: AttrDef = AttrDef::optional("read_retry_timeout", Kind::Number)
        .checks(&[&Check::between(0, MAX_READ_RETRY_TIMEOUT).of(" of minutes")])
        .env(env::READ_RETRY_TIMEOUT);
    /// Redirects STS (tests, private networks).
    pub const STS_ENDPOINT: AttrDef = AttrDef::optional("sts_endpoint", Kind::String)
        .checks(&[&Check::HttpUrl])
        .env(env::STS_ENDPOINT);
    /// Redirects the CVM instance metadata service (tests, private networks).
    pub const METADATA_ENDPOINT: AttrDef = AttrDef::optional("metadata_endpoint", Kind::String)
        .checks(&[&Check::HttpUrl])
        .env(env::METADATA_ENDPOINT);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::provider::defaults;
    use tencentcloud_client::credentials;
    use tencentcloud_client::local_file::LOCAL_READ_TIMEOUT;

    /// The descriptions quote defaults and limits as text; they must be the ones the
    /// code uses.
    #[test]
    fn described_defaults_are_the_real_ones() {
        let cases = [
            (DOMAIN, format!("`{}`", defaults::DOMAIN)),
            (PROFILE, format!("`{}`", defaults::PROFILE)),
            (
                REQUEST_TIMEOUT,
                format!("`{}`", defaults::REQUEST_TIMEOUT_SECONDS),
            ),
            (MAX_RETRIES, format!("`{}`", defaults::MAX_RETRIES)),
            (RATE_LIMIT, format!("`{}`", defaults::RATE_LIMIT)),
            (EXPLAIN, format!("`{}`", defaults::EXPLAIN)),
        ];
        for (attr, text) in cases {
            let default = attr.default.unwrap_or_default();
            assert!(default.starts_with(&text), "{}: {default}", attr.name);
        }
        let minutes = defaults::THROTTLE_RETRY_BUDGET.as_secs() / 60;
        assert!(MAX_RETRIES
            .text
            .contains(&format!("for up to {minutes} minutes")));
        assert!(MAX_RETRIES.text.contains(env::READ_RETRY_TIMEOUT));
        let shared = tencentcloud_client::credentials::DEFAULT_SHARED_CREDENTIALS_DIR;
        assert!(SHARED_CREDENTIALS_DIR
            .default
            .unwrap_or_default()
            .contains(shared));
        // The limits of local files and credential inputs, as `local_file` words them.
        let kib = |bytes: u64| format!("at most {} KiB", bytes / 1024);
        let profile = kib(credentials::PROFILE_FILE_MAX_BYTES);
        assert!(SHARED_CREDENTIALS_DIR.text.contains(&profile));
        let seconds = format!("{} s", LOCAL_READ_TIMEOUT.as_secs());
        assert!(SHARED_CREDENTIALS_DIR.text.contains(&seconds));
        let token = kib(credentials::WEB_IDENTITY_TOKEN_MAX_BYTES);
        assert!(ENABLE_POD_OIDC.text.contains(&token));
        for var in [
            env::TKE_REGION,
            env::TKE_PROVIDER_ID,
            env::TKE_WEB_IDENTITY_TOKEN_FILE,
            env::TKE_ROLE_ARN,
        ] {
            assert!(ENABLE_POD_OIDC.text.contains(var), "{var}");
        }
    }
}
