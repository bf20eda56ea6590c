//! The `CheckProxyCreate` action (GAAP, version 2018-05-29): its parameters and answer.

use serde::{Deserialize, Serialize};

/// API action name, sent as `X-TC-Action`.
pub const ACTION: &str = "CheckProxyCreate";
/// API version, sent as `X-TC-Version`.
pub const VERSION: &str = "2018-05-29";
/// TC3 service name. The SDKs fix it per API rather than reading the host, so it
/// stays `gaap` for custom endpoints (a private host name, the loopback emulator).
pub const SERVICE: &str = "gaap";

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

/// The successful answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckProxyCreateResponse {
    /// 1: a connection with this configuration can be created; 0: it cannot.
    pub check_flag: i64,
    pub request_id: String,
}

/// The `Response` fields of a successful answer (unknown fields are ignored).
#[derive(Debug, Deserialize)]
pub(crate) struct Answer {
    #[serde(rename = "CheckFlag")]
    pub check_flag: i64,
    #[serde(rename = "RequestId", default)]
    pub request_id: String,
}
