//! The answer every STS login action shares (`AssumeRole`, `AssumeRoleWithSAML`,
//! `AssumeRoleWithWebIdentity`, `GetSessionToken`): a temporary credential and when
//! it expires. The SDKs' models (`tencentcloud/sts/v20180813/models.go`) give the four
//! responses the same fields.

use sensitive::Sensitive;
use serde::{Deserialize, Deserializer};

use super::secret_fields::conceal;

/// The temporary credential in the answer. Debug never shows the key or token.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct StsCredentials {
    #[serde(rename = "TmpSecretId")]
    pub tmp_secret_id: String,
    #[serde(rename = "TmpSecretKey", deserialize_with = "conceal")]
    pub tmp_secret_key: Sensitive<String>,
    #[serde(rename = "Token", deserialize_with = "conceal")]
    pub token: Sensitive<String>,
}

/// A successful login answer.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct TemporaryCredentialAnswer {
    #[serde(rename = "Credentials")]
    pub credentials: StsCredentials,
    /// Unix seconds. A number in the API; a numeric string is accepted too.
    #[serde(rename = "ExpiredTime", deserialize_with = "unix_seconds")]
    pub expired_time: i64,
    #[serde(rename = "Expiration", default)]
    pub expiration: String,
    #[serde(rename = "RequestId", default)]
    pub request_id: String,
}

impl TemporaryCredentialAnswer {
    /// The per-attempt log's outcome: when it expires, never the credential.
    pub(crate) fn outcome(&self) -> String {
        format!("ok expired_time={}", self.expired_time)
    }
}

fn unix_seconds<'de, D: Deserializer<'de>>(deserializer: D) -> Result<i64, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Seconds {
        Number(i64),
        Text(String),
    }
    match Seconds::deserialize(deserializer)? {
        Seconds::Number(n) => Ok(n),
        Seconds::Text(s) => s
            .trim()
            .parse()
            .map_err(|_| serde::de::Error::custom("ExpiredTime is not a number of seconds")),
    }
}
