//! Errors of the Tencent Cloud client. A low module: it imports nothing from the
//! crate, so every other module can use it (the credential errors live here too,
//! because an STS failure carries the same [`ApiError`] a GAAP failure does).

use std::fmt;
use std::time::Duration;

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

/// Why no usable credential could be had.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CredentialError {
    /// Nothing configured anywhere; the message lists every way to provide one.
    #[error("{0}")]
    NotFound(String),
    /// Something was configured but is unusable (whitespace around a key, bad file...).
    #[error("{0}")]
    Invalid(String),
    /// A source that was asked (metadata service, STS) failed without an API answer
    /// (network, HTTP status, unusable answer).
    #[error("{0}")]
    Fetch(String),
    /// STS answered an API error. `context` says which call (role, endpoint); the
    /// error is the API's own, so callers can explain its code like any other.
    #[error("{context}: {error}")]
    Api { context: String, error: ApiError },
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
    /// `request_id` is the answer's RequestId, empty when it had none or could not be
    /// read.
    #[error("the answer from {endpoint} is not a valid API response: {reason}{}", request_id_suffix(.request_id))]
    InvalidResponse {
        endpoint: String,
        reason: String,
        request_id: String,
    },
    #[error("cancelled: Terraform asked the provider to stop")]
    Cancelled,
    #[error("{0}")]
    Credentials(CredentialError),
    #[error("{0}")]
    Config(String),
    /// A call that was retried and still failed: `last` is the last attempt's error.
    /// Only the call path makes it, around the error that ended the call.
    #[error("{last} ({})", .attempts)]
    Retried {
        attempts: Attempts,
        last: Box<ClientError>,
    },
}

/// How many attempts a call made (the first included) and how long they took from
/// the first send to the last answer, backoff included.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Attempts {
    pub count: u32,
    pub elapsed: Duration,
}

impl fmt::Display for Attempts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.count == 1 {
            return write!(f, "after 1 attempt");
        }
        write!(
            f,
            "after {} attempts over {:.1} s",
            self.count,
            self.elapsed.as_secs_f64()
        )
    }
}

impl ClientError {
    /// The error to explain: the last attempt's, for a call that was retried.
    pub fn last(&self) -> &ClientError {
        match self {
            ClientError::Retried { last, .. } => last.last(),
            other => other,
        }
    }

    /// [`ClientError::last`], owned, and the attempts of a retried call.
    pub fn into_last(self) -> (ClientError, Option<Attempts>) {
        match self {
            ClientError::Retried { attempts, last } => (last.into_last().0, Some(attempts)),
            other => (other, None),
        }
    }

    /// The attempts of a call that was retried; `None` when it made one attempt or
    /// ended before sending.
    pub fn attempts(&self) -> Option<Attempts> {
        match self {
            ClientError::Retried { attempts, .. } => Some(*attempts),
            _ => None,
        }
    }
}

fn request_id_suffix(request_id: &str) -> String {
    if request_id.is_empty() {
        String::new()
    } else {
        format!(" (RequestId: {request_id})")
    }
}
