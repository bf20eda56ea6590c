//! The STS `GetSessionToken` action: a temporary credential of the calling CAM user
//! after an MFA check (the official provider's `mfa_certification`). Signed with the
//! user's own key.
//!
//! Parameters (tencentcloud-sdk-go `sts/v20180813/models.go`,
//! `GetSessionTokenRequestParams`): `SerialNumber` (the MFA device,
//! `qcs::cam:uin/<uin>::mfa/<type>`), `TokenCode` (the device's current code),
//! `DurationSeconds` (the official provider's default 1800; at most 7200 for a root
//! account and 129600 for a sub-account). Answer: `Credentials`, `ExpiredTime`,
//! `Expiration`. A wrong code is `InvalidParameter.TempCodeNotAvaliable`.

use sensitive::Sensitive;
use serde::Serialize;

use super::assume_role::{DOCUMENTED_RATE_LIMIT, SERVICE, VERSION};
use super::secret_fields::expose;
use super::temporary_credential::TemporaryCredentialAnswer;
use crate::action::{Action, RateLimit};

pub const ACTION: &str = "GetSessionToken";
/// `DurationSeconds` when none (or 0) is set, as the official provider sends it.
pub const DEFAULT_DURATION: u64 = 1800;
/// The largest `DurationSeconds` (a sub-account's limit).
pub const MAX_DURATION: u64 = 129_600;

/// The request body. Debug never shows the MFA code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct GetSessionTokenRequest {
    pub serial_number: String,
    #[serde(serialize_with = "expose")]
    pub token_code: Sensitive<String>,
    pub duration_seconds: u64,
}

/// The temporary credential (the same answer as `AssumeRole`'s).
pub type GetSessionTokenResponse = TemporaryCredentialAnswer;

impl Action for GetSessionTokenRequest {
    const SERVICE: &'static str = SERVICE;
    const ACTION: &'static str = ACTION;
    const VERSION: &'static str = VERSION;
    const RATE_LIMIT: RateLimit = RateLimit::Documented(DOCUMENTED_RATE_LIMIT);
    type Response = GetSessionTokenResponse;

    fn outcome(response: &Self::Response) -> String {
        response.outcome()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn body_and_debug() {
        let r = GetSessionTokenRequest {
            serial_number: "qcs::cam:uin/1::mfa/softToken".into(),
            token_code: "123456".into(),
            duration_seconds: 1800,
        };
        assert_eq!(
            serde_json::to_string(&r).unwrap(),
            r#"{"SerialNumber":"qcs::cam:uin/1::mfa/softToken","TokenCode":"123456","DurationSeconds":1800}"#
        );
        assert!(!format!("{r:?}").contains("123456"));
    }
}
