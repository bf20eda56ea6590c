//! The `CheckProxyCreate` action (GAAP, version 2018-05-29): whether an acceleration
//! connection with this configuration can be created. Parameters and answer as in
//! the API documentation ("CheckProxyCreate", Global Application Acceleration
//! Platform API 2018-05-29); its documented request limit is 20 per second.

use serde::{Deserialize, Serialize};

use crate::action::{Action, RateLimit};

/// API action name, sent as `X-TC-Action`.
pub const ACTION: &str = "CheckProxyCreate";
/// API version, sent as `X-TC-Version`.
pub const VERSION: &str = "2018-05-29";
/// TC3 service name (see [`Action::SERVICE`]).
pub const SERVICE: &str = "gaap";
/// The API's documented limit, requests per second: the default of the configured
/// rate this action runs at.
pub const DOCUMENTED_RATE_LIMIT: f64 = 20.0;

/// The request body. Field names are the API's; absent optionals are not sent
/// (the API answers `UnknownParameter` to anything outside its list, and an empty
/// string is not the same as "not given").
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct CheckProxyCreateRequest {
    pub access_region: String,
    pub real_server_region: String,
    /// Mbps, sent as a JSON number.
    pub bandwidth: u64,
    /// Units of 10,000 connections, sent as a JSON number.
    pub concurrent: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group_id: Option<String>,
    #[serde(rename = "IPAddressVersion", skip_serializing_if = "Option::is_none")]
    pub ip_address_version: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub network_type: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub package_type: Option<String>,
    /// Deprecated by the API (ignored), still accepted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub http3_supported: Option<i64>,
}

/// The successful answer (the `Response` fields; unknown ones are ignored).
/// `CheckFlag` is the answer itself: without it (absent or null), or with a value
/// other than 0 or 1, the answer is invalid.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct CheckProxyCreateResponse {
    /// 1: a connection with this configuration can be created; 0: it cannot.
    #[serde(rename = "CheckFlag")]
    pub check_flag: i64,
    #[serde(rename = "RequestId", default)]
    pub request_id: String,
}

impl Action for CheckProxyCreateRequest {
    const SERVICE: &'static str = SERVICE;
    const ACTION: &'static str = ACTION;
    const VERSION: &'static str = VERSION;
    const RATE_LIMIT: RateLimit = RateLimit::Configured;
    /// A plan often holds the same check many times; the answer is stable within it.
    const SHARE_IDENTICAL: bool = true;
    type Response = CheckProxyCreateResponse;

    fn validate(response: &CheckProxyCreateResponse) -> Result<(), String> {
        match response.check_flag {
            0 | 1 => Ok(()),
            other => Err(format!(
                "CheckFlag is {other}, but the API documents only 0 (cannot be created) \
                 and 1 (can be created)"
            )),
        }
    }

    fn outcome(response: &CheckProxyCreateResponse) -> String {
        format!("ok check_flag={}", response.check_flag)
    }
}
