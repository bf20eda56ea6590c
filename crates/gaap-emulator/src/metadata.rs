//! The CVM instance metadata service's CAM role paths.
//!
//! - `GET /latest/meta-data/cam/security-credentials/` answers the role name as plain
//!   text, or 404 when no role is configured.
//! - `GET /latest/meta-data/cam/security-credentials/<role>` answers JSON
//!   `{"TmpSecretId","TmpSecretKey","Token","ExpiredTime","Expiration","Code":"Success"}`
//!   for the configured role (404 for any other name). Each call issues fresh
//!   temporary credentials, which the emulator then accepts with their token.

use serde_json::{json, Value};

use super::keys::KeyStore;
use super::sts::rfc3339;

/// The path prefix of the role credentials.
pub const CREDENTIALS_PATH: &str = "/latest/meta-data/cam/security-credentials/";

/// What a metadata path answers.
#[derive(Debug, PartialEq)]
pub enum MetadataAnswer {
    RoleName(String),
    Credentials(Value),
    NotFound,
}

/// Answers `path` (already known to start with [`CREDENTIALS_PATH`]).
pub fn handle(
    path: &str,
    role: Option<&str>,
    ttl_secs: i64,
    now: i64,
    keys: &KeyStore,
) -> MetadataAnswer {
    let rest = path.strip_prefix(CREDENTIALS_PATH).unwrap_or(path);
    match (rest, role) {
        (_, None) => MetadataAnswer::NotFound,
        ("", Some(role)) => MetadataAnswer::RoleName(role.to_owned()),
        (asked, Some(role)) if asked == role => {
            // Saturating: the TTL is a knob and the clock may be anything.
            let c = keys.issue(now, now.saturating_add(ttl_secs));
            MetadataAnswer::Credentials(json!({
                "TmpSecretId": c.tmp_secret_id,
                "TmpSecretKey": c.tmp_secret_key,
                "ExpiredTime": c.expired_time,
                "Expiration": rfc3339(c.expired_time),
                "Token": c.token,
                "Code": "Success",
            }))
        }
        _ => MetadataAnswer::NotFound,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn role_name_credentials_and_not_found() {
        let keys = KeyStore::new(vec![]);
        let p = |rest: &str| format!("{CREDENTIALS_PATH}{rest}");
        assert_eq!(handle(&p(""), None, 60, 0, &keys), MetadataAnswer::NotFound);
        assert_eq!(
            handle(&p(""), Some("r"), 60, 0, &keys),
            MetadataAnswer::RoleName("r".into())
        );
        assert_eq!(
            handle(&p("other"), Some("r"), 60, 0, &keys),
            MetadataAnswer::NotFound
        );
        let MetadataAnswer::Credentials(v) = handle(&p("r"), Some("r"), 60, 1_704_067_200, &keys)
        else {
            panic!("no credentials")
        };
        assert_eq!(v["Code"], "Success");
        assert_eq!(v["ExpiredTime"], 1_704_067_260);
        assert_eq!(v["Expiration"], "2024-01-01T00:01:00Z");
    }

    /// Any TTL (a knob) and any clock give an expiry, saturated, never an overflow.
    #[test]
    fn extreme_ttls_saturate() {
        let keys = KeyStore::new(vec![]);
        let path = format!("{CREDENTIALS_PATH}r");
        for (ttl, now, want) in [
            (i64::MAX, i64::MAX, i64::MAX),
            (i64::MAX, 1, i64::MAX),
            (i64::MIN, -1, i64::MIN),
            (i64::MIN, i64::MIN, i64::MIN),
            (60, 0, 60),
        ] {
            let MetadataAnswer::Credentials(v) = handle(&path, Some("r"), ttl, now, &keys) else {
                panic!("no credentials")
            };
            assert_eq!(v["ExpiredTime"], want, "ttl {ttl}, now {now}");
        }
    }
}
