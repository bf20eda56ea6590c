//! The STS `AssumeRole` action: temporary credentials of a role, requested with a
//! base credential.
//!
//! API facts (Tencent Cloud API documentation, "AssumeRole", STS API 2018-08-13, and
//! the SDKs' `sts` packages): host `sts.tencentcloudapi.com`, service `sts`, version
//! `2018-08-13`; STS is a global service and the SDKs send region `ap-guangzhou`.
//! Parameters `RoleArn`, `RoleSessionName` (2 to 128 of `[\w+=,.@-]`),
//! `DurationSeconds` (default 7200, at most 43200), `Policy` (URL-encoded, as the
//! official Terraform provider does with Go's `url.QueryEscape`), `ExternalId`.
//! Answer: `Credentials.{TmpSecretId,TmpSecretKey,Token}`, `ExpiredTime` (Unix
//! seconds), `Expiration` (RFC 3339). The documented request limit is 600 per second
//! ("STS related APIs" in the CAM API documentation's request frequency limits).

use std::fmt::Write as _;

use sensitive::Sensitive;
use serde::Serialize;

use crate::action::{Action, RateLimit};

use super::secret_fields::expose_option;
pub use super::temporary_credential::StsCredentials;
use super::temporary_credential::TemporaryCredentialAnswer;

/// STS's public endpoint.
pub const DEFAULT_STS_ENDPOINT: &str = "https://sts.tencentcloudapi.com";
/// TC3 service name.
pub const SERVICE: &str = "sts";
pub const ACTION: &str = "AssumeRole";
pub const VERSION: &str = "2018-08-13";
/// STS is a global service; the SDKs send this region.
pub const REGION: &str = "ap-guangzhou";
/// The documented limit of `AssumeRole`, requests per second.
pub const DOCUMENTED_RATE_LIMIT: f64 = 600.0;
/// `DurationSeconds` when none (or 0) is given.
pub const DEFAULT_SESSION_DURATION: u64 = 7200;
/// The API's maximum `DurationSeconds`.
pub const MAX_SESSION_DURATION: u64 = 43_200;

/// Go's `url.QueryEscape`: letters, digits and `-_.~` stay, space becomes `+`,
/// every other byte `%XX` (uppercase hex). STS expects `Policy` encoded this way.
pub fn query_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 3);
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(char::from(byte))
            }
            b' ' => out.push('+'),
            _ => {
                let _ = write!(out, "%{byte:02X}");
            }
        }
    }
    out
}

/// The request body, parameters in this fixed order. `policy` is sent as given:
/// build it with [`query_escape`] (see [`AssumeRoleRequest::new`]).
///
/// The external id is a shared secret between the role's owner and the caller, the
/// MFA code a one-time password: Debug shows neither.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct AssumeRoleRequest {
    pub role_arn: String,
    pub role_session_name: String,
    pub duration_seconds: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub policy: Option<String>,
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "expose_option"
    )]
    pub external_id: Option<Sensitive<String>>,
    /// The caller's own identity carried into the session (`source_identity`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_identity: Option<String>,
    /// MFA device of the calling CAM user, `qcs::cam:uin/<uin>::mfa/<type>`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub serial_number: Option<String>,
    /// The MFA code shown by that device now.
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "expose_option"
    )]
    pub token_code: Option<Sensitive<String>>,
}

impl AssumeRoleRequest {
    /// The request for these values, the policy URL-encoded as STS expects.
    pub fn new(
        role_arn: &str,
        session_name: &str,
        duration_seconds: u64,
        policy: Option<&str>,
        external_id: Option<&str>,
    ) -> Self {
        AssumeRoleRequest {
            role_arn: role_arn.to_owned(),
            role_session_name: session_name.to_owned(),
            duration_seconds,
            policy: policy.map(query_escape),
            external_id: external_id.map(|id| id.to_owned().into()),
            source_identity: None,
            serial_number: None,
            token_code: None,
        }
    }
}

/// The successful answer: the role's temporary credential.
pub type AssumeRoleResponse = TemporaryCredentialAnswer;

impl Action for AssumeRoleRequest {
    const SERVICE: &'static str = SERVICE;
    const ACTION: &'static str = ACTION;
    const VERSION: &'static str = VERSION;
    const RATE_LIMIT: RateLimit = RateLimit::Documented(DOCUMENTED_RATE_LIMIT);
    type Response = AssumeRoleResponse;

    fn outcome(response: &AssumeRoleResponse) -> String {
        response.outcome()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ClientError;
    use crate::response;

    #[test]
    fn query_escape_matches_go() {
        // Expected values worked out by hand from Go's rules.
        assert_eq!(
            query_escape(r#"{"version":"2.0","action":["gaap:*"], "a b":"~-_."}"#),
            "%7B%22version%22%3A%222.0%22%2C%22action%22%3A%5B%22gaap%3A%2A%22%5D%2C+%22a+b%22%3A%22~-_.%22%7D"
        );
        assert_eq!(query_escape("é/?&="), "%C3%A9%2F%3F%26%3D");
    }

    #[test]
    fn body_has_fixed_order_and_escaped_policy() {
        let request = AssumeRoleRequest::new(
            "qcs::cam::uin/100000000001:roleName/tf",
            "sess",
            900,
            Some(r#"{"a":"b c"}"#),
            Some("ext"),
        );
        assert_eq!(
            serde_json::to_string(&request).unwrap(),
            r#"{"RoleArn":"qcs::cam::uin/100000000001:roleName/tf","RoleSessionName":"sess","DurationSeconds":900,"Policy":"%7B%22a%22%3A%22b+c%22%7D","ExternalId":"ext"}"#
        );
        let bare = AssumeRoleRequest::new("qcs::x", "ss", 7200, None, None);
        assert_eq!(
            serde_json::to_string(&bare).unwrap(),
            r#"{"RoleArn":"qcs::x","RoleSessionName":"ss","DurationSeconds":7200}"#
        );
        assert!(!format!("{request:?}").contains("ext\""));
    }

    #[test]
    fn parses_answers_and_errors() {
        let e = "http://127.0.0.1:1";
        let (ok, id) = response::parse_with_request_id::<AssumeRoleResponse>(
            e,
            200,
            br#"{"Response":{"Credentials":{"Token":"tok","TmpSecretId":"AKIDsts","TmpSecretKey":"sk"},"ExpiredTime":1700007200,"Expiration":"2023-11-15T00:13:20Z","RequestId":"r1"}}"#,
        )
        .unwrap();
        assert_eq!(ok.credentials.tmp_secret_id, "AKIDsts");
        assert_eq!(ok.credentials.token.expose(), "tok");
        assert_eq!(ok.expired_time, 1_700_007_200);
        assert_eq!(id, "r1");
        let debug = format!("{ok:?}");
        assert!(debug.contains("AKIDsts"), "{debug}");
        assert!(
            !debug.contains("\"sk\"") && !debug.contains("\"tok\""),
            "{debug}"
        );
        let text_time = response::parse::<AssumeRoleResponse>(
            e,
            200,
            br#"{"Response":{"Credentials":{"Token":"t","TmpSecretId":"a","TmpSecretKey":"k"},"ExpiredTime":"1700007200","RequestId":"r"}}"#,
        )
        .unwrap();
        assert_eq!(text_time.expired_time, 1_700_007_200);

        match response::parse::<AssumeRoleResponse>(
            e,
            200,
            br#"{"Response":{"Error":{"Code":"InvalidParameter.AccountNotAvaliable","Message":"role not found"},"RequestId":"req-9"}}"#,
        ) {
            Err(ClientError::Api(api)) => {
                assert_eq!(api.code, "InvalidParameter.AccountNotAvaliable");
                assert_eq!(api.message, "role not found");
                assert_eq!(api.request_id, "req-9");
            }
            other => panic!("{other:?}"),
        }
        let err = response::parse::<AssumeRoleResponse>(
            e,
            200,
            br#"{"Response":{"Credentials":{"TmpSecretKey":"hunter2"},"RequestId":"r"}}"#,
        )
        .unwrap_err()
        .to_string();
        assert!(
            err.contains("TmpSecretId") && !err.contains("hunter2"),
            "{err}"
        );
    }
}
