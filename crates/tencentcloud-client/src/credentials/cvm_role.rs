//! The CVM instance role: temporary keys from the instance metadata service.
//!
//! `GET <metadata>/latest/meta-data/cam/security-credentials/<role>` answers JSON
//! `TmpSecretId`, `TmpSecretKey`, `Token`, `ExpiredTime` (Unix seconds),
//! `Expiration` and `Code: "Success"`; a role that is not bound gives 404.

use reqwest::Url;
use serde_json::Value;

use super::env::{ENV_CAM_ROLE_NAME, ENV_METADATA_ENDPOINT};
use super::http::{self, describe};
use super::refreshing::{Fetcher, TemporaryCredential};
use super::source::{BoxFuture, Credential};
use crate::error::CredentialError;
use crate::transport::{read_capped, BodyError};

/// The metadata service every CVM instance reaches (plain http, link-local).
pub const DEFAULT_METADATA_ENDPOINT: &str = "http://metadata.tencentyun.com";
const CREDENTIALS_PATH: &str = "latest/meta-data/cam/security-credentials/";
/// CAM role names: letters, digits and `+=,.@_-`, at most 128.
const MAX_ROLE_NAME_LEN: usize = 128;

/// Fetches the role's temporary keys; wrap it in a
/// [`RefreshingSource`](super::RefreshingSource) to cache and refresh them.
pub struct CvmRoleFetcher {
    role: String,
    endpoint: String,
    url: Url,
    client: reqwest::Client,
}

impl std::fmt::Debug for CvmRoleFetcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CvmRoleFetcher")
            .field("role", &self.role)
            .field("url", &self.url.as_str())
            .finish()
    }
}

fn valid_role_name(role: &str) -> bool {
    !role.is_empty()
        && role.len() <= MAX_ROLE_NAME_LEN
        && role
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+=,.@_-".contains(c))
}

impl CvmRoleFetcher {
    /// `metadata_endpoint` overrides [`DEFAULT_METADATA_ENDPOINT`].
    pub fn new(role: &str, metadata_endpoint: Option<&str>) -> Result<Self, CredentialError> {
        if !valid_role_name(role) {
            return Err(CredentialError::Invalid(format!(
                "cam_role_name (provider attribute or {ENV_CAM_ROLE_NAME}) {role:?} is not a CAM \
                 role name: expected 1 to {MAX_ROLE_NAME_LEN} letters, digits or any of +=,.@_-"
            )));
        }
        let endpoint = metadata_endpoint
            .filter(|e| !e.is_empty())
            .unwrap_or(DEFAULT_METADATA_ENDPOINT);
        let base = http::parse_endpoint(ENV_METADATA_ENDPOINT, endpoint, true)?;
        let joined = format!(
            "{}/{CREDENTIALS_PATH}{role}",
            base.as_str().trim_end_matches('/')
        );
        let url = Url::parse(&joined).map_err(|e| {
            CredentialError::Invalid(format!("cannot build the metadata URL {joined:?}: {e}"))
        })?;
        Ok(CvmRoleFetcher {
            role: role.to_owned(),
            endpoint: base.as_str().trim_end_matches('/').to_owned(),
            url,
            client: http::client(true)?,
        })
    }

    async fn fetch_once(&self) -> Result<TemporaryCredential, CredentialError> {
        let fail = |what: String| {
            CredentialError::Fetch(format!(
                "cannot get the credentials of the CVM role {:?} from the instance metadata \
                 service {}: {what}",
                self.role, self.url
            ))
        };
        let mut response = self
            .client
            .get(self.url.clone())
            .send()
            .await
            .map_err(|e| {
                fail(format!(
                "{}. cam_role_name works only on a Tencent Cloud CVM instance with that role bound",
                describe(&e)
            ))
            })?;
        let status = response.status();
        if status == reqwest::StatusCode::NOT_FOUND {
            return Err(fail(format!(
                "HTTP 404: no such role on this instance; check cam_role_name / \
                 {ENV_CAM_ROLE_NAME} and that the role is bound to the instance"
            )));
        }
        if !status.is_success() {
            return Err(fail(format!("HTTP status {}", status.as_u16())));
        }
        // Size-capped like every API answer: the answer is a few hundred bytes.
        let body = read_capped(&mut response).await.map_err(|e| match e {
            BodyError::TooLarge => fail(e.to_string()),
            BodyError::Http(e) => fail(describe(&e)),
        })?;
        let body =
            String::from_utf8(body).map_err(|_| fail("the answer is not UTF-8 text".to_owned()))?;
        parse_metadata_credentials(&body).map_err(fail)
    }
}

fn unix_seconds(value: &Value) -> Option<i64> {
    match value {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// Parses the metadata service's answer. Errors never quote the body (it holds the keys).
pub(crate) fn parse_metadata_credentials(body: &str) -> Result<TemporaryCredential, String> {
    let value: Value =
        serde_json::from_str(body).map_err(|e| format!("the answer is not JSON ({e})"))?;
    let code = value.get("Code").and_then(Value::as_str);
    if code != Some("Success") {
        return Err(format!(
            "the answer's Code is {}, not \"Success\"",
            code.map_or_else(|| "missing".to_owned(), |c| format!("{c:?}"))
        ));
    }
    let field = |name: &str| {
        value
            .get(name)
            .and_then(Value::as_str)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .ok_or_else(|| format!("the answer has no {name}"))
    };
    let credential = Credential {
        secret_id: field("TmpSecretId")?,
        secret_key: field("TmpSecretKey")?.into(),
        token: Some(field("Token")?.into()),
    };
    let expires_at = value
        .get("ExpiredTime")
        .and_then(unix_seconds)
        .ok_or_else(|| "the answer has no ExpiredTime in Unix seconds".to_owned())?;
    Ok(TemporaryCredential {
        credential,
        expires_at,
    })
}

impl Fetcher for CvmRoleFetcher {
    fn fetch(&self) -> BoxFuture<'_, Result<TemporaryCredential, CredentialError>> {
        Box::pin(self.fetch_once())
    }

    /// `cvm-role:<role>@<metadata endpoint>`.
    fn identity(&self) -> String {
        format!("cvm-role:{}@{}", self.role, self.endpoint)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_a_success_answer() {
        let got = parse_metadata_credentials(
            r#"{"TmpSecretId":"AKIDtmp","TmpSecretKey":"sk","ExpiredTime":1700007200,"Expiration":"2023-11-15T00:13:20Z","Token":"tok","Code":"Success"}"#,
        )
        .unwrap();
        assert_eq!(got.credential.secret_id, "AKIDtmp");
        assert_eq!(got.credential.secret_key.expose(), "sk");
        assert_eq!(got.credential.exposed_token(), Some("tok"));
        assert_eq!(got.expires_at, 1_700_007_200);
    }

    #[test]
    fn rejects_failures_without_quoting_secrets() {
        let e = parse_metadata_credentials(r#"{"Code":"Failed","TmpSecretKey":"hunter2"}"#)
            .unwrap_err();
        assert!(e.contains("\"Failed\""), "{e}");
        assert!(!e.contains("hunter2"), "{e}");
        let e = parse_metadata_credentials(
            r#"{"Code":"Success","TmpSecretId":"a","TmpSecretKey":"hunter2","Token":"t"}"#,
        )
        .unwrap_err();
        assert!(e.contains("ExpiredTime"), "{e}");
        assert!(!e.contains("hunter2"), "{e}");
        assert!(parse_metadata_credentials("<html>")
            .unwrap_err()
            .contains("not JSON"));
    }

    #[test]
    fn role_names_and_urls() {
        let f = CvmRoleFetcher::new("tf-role", None).unwrap();
        assert_eq!(
            f.url.as_str(),
            "http://metadata.tencentyun.com/latest/meta-data/cam/security-credentials/tf-role"
        );
        assert_eq!(
            f.identity(),
            "cvm-role:tf-role@http://metadata.tencentyun.com"
        );
        let f = CvmRoleFetcher::new("r", Some("http://127.0.0.1:9/")).unwrap();
        assert_eq!(
            f.url.as_str(),
            "http://127.0.0.1:9/latest/meta-data/cam/security-credentials/r"
        );
        for bad in ["", "a/b", "a b", "../x", "r?x"] {
            let e = CvmRoleFetcher::new(bad, None).unwrap_err();
            assert!(matches!(e, CredentialError::Invalid(_)), "{bad}: {e}");
        }
    }
}
