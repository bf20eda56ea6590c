//! STS `AssumeRole` (service `sts`, version 2018-08-13), served on the same listener as
//! GAAP: the emulator routes by `X-TC-Action`.
//!
//! Parameters: `RoleArn` (required, `qcs::cam::...`), `RoleSessionName` (required, 2 to
//! 128 of `[A-Za-z0-9_+=,.@-]`), `DurationSeconds` (optional, 0 or absent means 7200,
//! at most 43200), `Policy`, `ExternalId`, `Tags`, `SourceIdentity`, `SerialNumber`,
//! `TokenCode` (accepted, ignored). Answer: `Credentials.{Token, TmpSecretId,
//! TmpSecretKey}`, `ExpiredTime` (unix seconds), `Expiration` (RFC 3339, UTC). The
//! issued credentials are then accepted by the emulator together with their token.

use serde_json::{json, Map, Value};

use super::keys::{KeyStore, TemporaryCredential};
use super::params::Params;
use super::response::{codes, ApiFailure};

use tencentcloud_client::sts::assume_role as client;

/// STS's facts, named once by the client's `AssumeRole` action.
pub const ACTION: &str = client::ACTION;
pub const VERSION: &str = client::VERSION;
pub const SERVICE: &str = client::SERVICE;
/// Lifetime when `DurationSeconds` is absent or 0.
pub const DEFAULT_DURATION_SECS: i64 = client::DEFAULT_SESSION_DURATION as i64;
pub const MAX_DURATION_SECS: i64 = client::MAX_SESSION_DURATION as i64;

const PARAMETERS: &[&str] = &[
    "RoleArn",
    "RoleSessionName",
    "DurationSeconds",
    "Policy",
    "ExternalId",
    "Tags",
    "SourceIdentity",
    "SerialNumber",
    "TokenCode",
];

fn bad_value(message: String) -> ApiFailure {
    ApiFailure::new(codes::INVALID_PARAMETER_VALUE, message)
}

/// RFC 3339 in UTC, e.g. `2024-01-01T02:00:00Z`.
pub fn rfc3339(unix: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp(unix)
        .ok()
        .and_then(|t| {
            t.format(&time::format_description::well_known::Rfc3339)
                .ok()
        })
        .unwrap_or_default()
}

/// Handles `AssumeRole`.
pub fn handle(
    body: &Map<String, Value>,
    now: i64,
    keys: &KeyStore,
) -> Result<Map<String, Value>, ApiFailure> {
    let p = Params::new(body, PARAMETERS)?;
    let arn = p.required_string("RoleArn")?;
    let session = p.required_string("RoleSessionName")?;
    let duration = p.integer("DurationSeconds")?.unwrap_or(0);
    p.string("Policy")?;
    p.string("ExternalId")?;
    if !arn.starts_with("qcs::cam::") {
        return Err(bad_value(format!(
            "RoleArn `{arn}` is not a role ARN like `qcs::cam::uin/100000000001:roleName/MyRole`."
        )));
    }
    let valid_char = |c: char| c.is_ascii_alphanumeric() || "_+=,.@-".contains(c);
    if !(2..=128).contains(&session.len()) || !session.chars().all(valid_char) {
        return Err(bad_value(format!(
            "RoleSessionName `{session}` must be 2 to 128 of letters, digits and _+=,.@-."
        )));
    }
    if !(0..=MAX_DURATION_SECS).contains(&duration) {
        return Err(bad_value(format!(
            "DurationSeconds {duration} must be between 0 and {MAX_DURATION_SECS}."
        )));
    }
    let duration = if duration == 0 {
        DEFAULT_DURATION_SECS
    } else {
        duration
    };
    // Saturating: a clock at the end of time must not overflow.
    let c = keys.issue(now, now.saturating_add(duration));
    Ok(answer(&c))
}

fn answer(c: &TemporaryCredential) -> Map<String, Value> {
    let mut out = Map::new();
    out.insert(
        "Credentials".to_owned(),
        json!({ "Token": c.token, "TmpSecretId": c.tmp_secret_id, "TmpSecretKey": c.tmp_secret_key }),
    );
    out.insert("ExpiredTime".to_owned(), json!(c.expired_time));
    out.insert("Expiration".to_owned(), json!(rfc3339(c.expired_time)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::params::parse_body;

    fn run(body: &str) -> Result<Map<String, Value>, String> {
        let keys = KeyStore::new(vec![]);
        handle(&parse_body(body.as_bytes()).unwrap(), 1_704_067_200, &keys).map_err(|e| e.code)
    }

    /// A clock at the end of time gives a saturated expiry, not an overflow.
    #[test]
    fn expiry_saturates_at_the_end_of_time() {
        let keys = KeyStore::new(vec![]);
        let body = r#"{"RoleArn":"qcs::cam::uin/1:roleName/r","RoleSessionName":"tf-gaap","DurationSeconds":60}"#;
        let out = handle(&parse_body(body.as_bytes()).unwrap(), i64::MAX - 1, &keys).unwrap();
        assert_eq!(out["ExpiredTime"], i64::MAX);
    }

    #[test]
    fn issues_credentials_with_default_lifetime() {
        let out =
            run(r#"{"RoleArn":"qcs::cam::uin/1:roleName/r","RoleSessionName":"tf-gaap"}"#).unwrap();
        assert_eq!(out["ExpiredTime"], 1_704_074_400);
        assert_eq!(out["Expiration"], "2024-01-01T02:00:00Z");
        assert!(out["Credentials"]["TmpSecretId"]
            .as_str()
            .unwrap()
            .starts_with("AKID"));
        let out = run(r#"{"RoleArn":"qcs::cam::uin/1:roleName/r","RoleSessionName":"tf","DurationSeconds":"900"}"#).unwrap();
        assert_eq!(out["ExpiredTime"], 1_704_068_100);
    }

    #[test]
    fn rejects_bad_parameters() {
        for (body, code) in [
            (r#"{"RoleSessionName":"tf"}"#, "MissingParameter"),
            (
                r#"{"RoleArn":"arn:aws:x","RoleSessionName":"tf"}"#,
                "InvalidParameterValue",
            ),
            (
                r#"{"RoleArn":"qcs::cam::uin/1:roleName/r","RoleSessionName":"t"}"#,
                "InvalidParameterValue",
            ),
            (
                r#"{"RoleArn":"qcs::cam::uin/1:roleName/r","RoleSessionName":"a b"}"#,
                "InvalidParameterValue",
            ),
            (
                r#"{"RoleArn":"qcs::cam::uin/1:roleName/r","RoleSessionName":"tf","DurationSeconds":43201}"#,
                "InvalidParameterValue",
            ),
            (
                r#"{"RoleArn":"qcs::cam::uin/1:roleName/r","RoleSessionName":"tf","Nope":1}"#,
                "UnknownParameter",
            ),
        ] {
            assert_eq!(run(body).err().as_deref(), Some(code), "{body}");
        }
    }
}
