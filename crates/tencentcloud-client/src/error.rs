//! Errors of the Tencent Cloud client.
//!
//! SKELETON: the shape is the contract; the client work item may add variants.

use std::fmt;

use super::credentials::CredentialError;

/// An error the API answered (`Response.Error`), with its RequestId.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    pub code: String,
    pub message: String,
    pub request_id: String,
    pub http_status: u16,
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "[{}] {} (RequestId: {})",
            self.code, self.message, self.request_id
        )
    }
}

/// Everything a call can end with instead of an answer.
#[derive(Debug, Clone, thiserror::Error)]
pub enum ClientError {
    #[error("{0}")]
    Api(ApiError),
    #[error("HTTP status {status} from {endpoint}")]
    HttpStatus { status: u16, endpoint: String },
    #[error("could not reach {endpoint}: {reason}")]
    Transport { endpoint: String, reason: String },
    #[error("no answer from {endpoint} within {seconds} s")]
    Timeout { endpoint: String, seconds: f64 },
    #[error("the answer from {endpoint} is not a valid API response: {reason}")]
    InvalidResponse { endpoint: String, reason: String },
    #[error("cancelled: Terraform asked the provider to stop")]
    Cancelled,
    #[error("{0}")]
    Credentials(CredentialError),
    #[error("{0}")]
    Config(String),
}
