//! The API's response envelopes.
//!
//! Tencent Cloud API 3.0 answers HTTP 200 for success and for errors alike; a
//! response is an error exactly when `Response.Error` exists. Every answer carries a
//! fresh `RequestId` (a UUID).

use serde_json::{json, Map, Value};

/// An API error: a code from the API's documented lists and a human message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiFailure {
    pub code: String,
    pub message: String,
}

impl ApiFailure {
    pub fn new(code: &str, message: impl Into<String>) -> Self {
        ApiFailure {
            code: code.to_owned(),
            message: message.into(),
        }
    }
}

/// A fresh `RequestId`.
pub fn request_id() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// `{"Response":{...fields,"RequestId":"<uuid>"}}`.
pub fn success(fields: Map<String, Value>) -> Value {
    let mut response = fields;
    response.insert("RequestId".to_owned(), Value::String(request_id()));
    json!({ "Response": response })
}

/// `{"Response":{"Error":{"Code":"...","Message":"..."},"RequestId":"<uuid>"}}`.
pub fn error(failure: &ApiFailure) -> Value {
    json!({
        "Response": {
            "Error": { "Code": failure.code, "Message": failure.message },
            "RequestId": request_id(),
        }
    })
}

/// Error codes the emulator answers, named once.
pub mod codes {
    pub const INVALID_AUTHORIZATION: &str = "AuthFailure.InvalidAuthorization";
    pub const SECRET_ID_NOT_FOUND: &str = "AuthFailure.SecretIdNotFound";
    pub const SIGNATURE_EXPIRE: &str = "AuthFailure.SignatureExpire";
    pub const SIGNATURE_FAILURE: &str = "AuthFailure.SignatureFailure";
    pub const TOKEN_FAILURE: &str = "AuthFailure.TokenFailure";
    pub const INVALID_ACTION: &str = "InvalidAction";
    pub const NO_SUCH_VERSION: &str = "NoSuchVersion";
    pub const UNSUPPORTED_REGION: &str = "UnsupportedRegion";
    pub const UNSUPPORTED_OPERATION: &str = "UnsupportedOperation";
    pub const FAILED_OPERATION: &str = "FailedOperation";
    pub const UNKNOWN_PARAMETER: &str = "UnknownParameter";
    pub const MISSING_PARAMETER: &str = "MissingParameter";
    pub const INVALID_PARAMETER: &str = "InvalidParameter";
    pub const INVALID_PARAMETER_VALUE: &str = "InvalidParameterValue";
    pub const REQUEST_SIZE_LIMIT_EXCEEDED: &str = "RequestSizeLimitExceeded";
    pub const REQUEST_LIMIT_EXCEEDED: &str = "RequestLimitExceeded";
    pub const INVALID_BANDWIDTH: &str = "InvalidParameterValue.InvalidBandwidth";
    pub const INVALID_CONCURRENCY: &str = "InvalidParameterValue.InvalidConcurrency";
    pub const UNKNOWN_ACCESS_REGION: &str = "InvalidParameterValue.UnknownAccessRegion";
    pub const UNKNOWN_DEST_REGION: &str = "InvalidParameterValue.UnknownDestRegion";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_shape_is_the_apis() {
        let v = error(&ApiFailure::new("InvalidAction", "no such action"));
        let r = &v["Response"];
        assert_eq!(r["Error"]["Code"], "InvalidAction");
        assert_eq!(r["Error"]["Message"], "no such action");
        assert_eq!(r["RequestId"].as_str().map(str::len), Some(36));
        assert_eq!(r.as_object().map(Map::len), Some(2));
    }

    #[test]
    fn success_shape_appends_request_id() {
        let mut m = Map::new();
        m.insert("CheckFlag".into(), json!(1));
        let v = success(m);
        let keys: Vec<&String> = v["Response"].as_object().unwrap().keys().collect();
        assert_eq!(keys, ["CheckFlag", "RequestId"]);
    }
}
