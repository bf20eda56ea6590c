//! The STS `GetCallerIdentity` action: who signed the request. The account guards
//! (`allowed_account_ids`, `forbidden_account_ids`) compare its `AccountId`, as the
//! official provider's `verifyAccountIDAllowed` does.
//!
//! No parameters. Answer (tencentcloud-sdk-go `sts/v20180813/models.go`,
//! `GetCallerIdentityResponseParams`): `Arn`, `AccountId` (the root account's uin),
//! `UserId`, `PrincipalId`, `Type`.

use serde::{Deserialize, Serialize};

use super::assume_role::{DOCUMENTED_RATE_LIMIT, SERVICE, VERSION};
use crate::action::{Action, RateLimit};

pub const ACTION: &str = "GetCallerIdentity";

/// The (empty) request body: `{}`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct GetCallerIdentityRequest {}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct GetCallerIdentityResponse {
    #[serde(rename = "Arn", default)]
    pub arn: String,
    #[serde(rename = "AccountId")]
    pub account_id: String,
    #[serde(rename = "UserId", default)]
    pub user_id: String,
    #[serde(rename = "PrincipalId", default)]
    pub principal_id: String,
    #[serde(rename = "Type", default)]
    pub kind: String,
    #[serde(rename = "RequestId", default)]
    pub request_id: String,
}

impl Action for GetCallerIdentityRequest {
    const SERVICE: &'static str = SERVICE;
    const ACTION: &'static str = ACTION;
    const VERSION: &'static str = VERSION;
    const RATE_LIMIT: RateLimit = RateLimit::Documented(DOCUMENTED_RATE_LIMIT);
    type Response = GetCallerIdentityResponse;

    fn outcome(response: &Self::Response) -> String {
        format!("ok account_id={}", response.account_id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::response;

    #[test]
    fn body_and_answer() {
        assert_eq!(
            serde_json::to_string(&GetCallerIdentityRequest {}).unwrap(),
            "{}"
        );
        let ok = response::parse::<GetCallerIdentityResponse>(
            "http://127.0.0.1:1",
            200,
            br#"{"Response":{"Arn":"qcs::cam::uin/100000000001:uin/100000000001","AccountId":"100000000001","UserId":"100000000001","PrincipalId":"100000000001","Type":"RootAccount","RequestId":"r"}}"#,
        )
        .unwrap();
        assert_eq!(ok.account_id, "100000000001");
        assert_eq!(ok.kind, "RootAccount");
    }
}
