//! STS `AssumeRole` on top of a base credential.
//!
//! API facts: host `sts.tencentcloudapi.com`, service `sts`, action `AssumeRole`,
//! version `2018-08-13`, region `ap-guangzhou`, TC3-signed like any API 3.0 call.
//! Parameters `RoleArn`, `RoleSessionName` (2 to 128 of `[\w+=,.@-]`),
//! `DurationSeconds` (default 7200, at most 43200), `Policy` (URL-encoded, as the
//! official provider does with Go's `url.QueryEscape`), `ExternalId`. Answer:
//! `Response.Credentials.{TmpSecretId,TmpSecretKey,Token}`, `Response.ExpiredTime`
//! (Unix seconds); errors as `Response.Error.{Code,Message}` with `Response.RequestId`.

use std::fmt::Write as _;
use std::sync::Arc;

use reqwest::Url;
use serde_json::{Map, Value};

use super::clock::Clock;
use super::env::{
    ENV_ASSUME_ROLE_ARN, ENV_ASSUME_ROLE_SESSION_DURATION, ENV_ASSUME_ROLE_SESSION_NAME,
    ENV_STS_ENDPOINT,
};
use super::http::{self, describe};
use super::refreshing::{Fetcher, TemporaryCredential};
use super::{AssumeRoleSettings, BoxFuture, Credential, CredentialError, CredentialSource};
use crate::signer::{self, RequestToSign, SignedHeader, DEFAULT_SIGNED_HEADERS};

/// STS's public endpoint.
pub const DEFAULT_STS_ENDPOINT: &str = "https://sts.tencentcloudapi.com";
/// Service name in the credential scope.
pub const STS_SERVICE: &str = "sts";
pub const STS_ACTION: &str = "AssumeRole";
pub const STS_VERSION: &str = "2018-08-13";
/// STS is a global service; the SDKs send this region.
pub const STS_REGION: &str = "ap-guangzhou";
/// `DurationSeconds` when none (or 0) is given.
pub const DEFAULT_SESSION_DURATION: u64 = 7200;
/// The API's maximum `DurationSeconds`.
pub const MAX_SESSION_DURATION: u64 = 43_200;
/// `RoleSessionName` when none is given (tccli profiles may omit it).
pub const DEFAULT_SESSION_NAME: &str = "terraform-provider-gaap";
const CONTENT_TYPE: &str = "application/json";

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

fn valid_session_name(name: &str) -> bool {
    (2..=128).contains(&name.len())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "_+=,.@-".contains(c))
}

/// Checks the settings and fills the defaults (session name, duration 0 → 7200).
pub(crate) fn normalize(
    mut settings: AssumeRoleSettings,
) -> Result<AssumeRoleSettings, CredentialError> {
    if settings.role_arn.trim() != settings.role_arn || settings.role_arn.is_empty() {
        return Err(CredentialError::Invalid(format!(
            "assume_role.role_arn (or {ENV_ASSUME_ROLE_ARN}) {:?} must be a non-empty role ARN \
             without whitespace around it, such as qcs::cam::uin/100000000001:roleName/my-role",
            settings.role_arn
        )));
    }
    if settings.session_name.is_empty() {
        settings.session_name = DEFAULT_SESSION_NAME.to_owned();
    }
    if !valid_session_name(&settings.session_name) {
        return Err(CredentialError::Invalid(format!(
            "assume_role.session_name (or {ENV_ASSUME_ROLE_SESSION_NAME}) {:?} is not allowed: \
             expected 2 to 128 letters, digits or any of _+=,.@-",
            settings.session_name
        )));
    }
    if settings.session_duration == 0 {
        settings.session_duration = DEFAULT_SESSION_DURATION;
    }
    if settings.session_duration > MAX_SESSION_DURATION {
        return Err(CredentialError::Invalid(format!(
            "assume_role.session_duration (or {ENV_ASSUME_ROLE_SESSION_DURATION}) is {} s; \
             STS allows at most {MAX_SESSION_DURATION} s (0 means the default {DEFAULT_SESSION_DURATION})",
            settings.session_duration
        )));
    }
    settings.policy = settings.policy.filter(|p| !p.is_empty());
    settings.external_id = settings.external_id.filter(|e| !e.is_empty());
    Ok(settings)
}

/// The JSON body of the `AssumeRole` call, parameters in a fixed order.
pub(crate) fn request_body(settings: &AssumeRoleSettings) -> Vec<u8> {
    let mut body = Map::new();
    body.insert("RoleArn".into(), Value::from(settings.role_arn.as_str()));
    body.insert(
        "RoleSessionName".into(),
        Value::from(settings.session_name.as_str()),
    );
    body.insert(
        "DurationSeconds".into(),
        Value::from(settings.session_duration),
    );
    if let Some(policy) = &settings.policy {
        body.insert("Policy".into(), Value::from(query_escape(policy)));
    }
    if let Some(external_id) = &settings.external_id {
        body.insert("ExternalId".into(), Value::from(external_id.as_str()));
    }
    Value::Object(body).to_string().into_bytes()
}

/// The headers of an `AssumeRole` request, `Authorization` included, signed with
/// `base` at `timestamp` over `content-type;host`.
pub(crate) fn request_headers(
    base: &Credential,
    host: &str,
    timestamp: i64,
    body: &[u8],
) -> Vec<(&'static str, String)> {
    let to_sign = RequestToSign {
        method: "POST",
        query: "",
        headers: vec![
            SignedHeader::new(DEFAULT_SIGNED_HEADERS[0], CONTENT_TYPE),
            SignedHeader::new(DEFAULT_SIGNED_HEADERS[1], host),
        ],
        payload: body,
    };
    let signed = signer::sign(
        &base.secret_id,
        &base.secret_key,
        STS_SERVICE,
        timestamp,
        &to_sign,
    );
    let mut headers = vec![
        ("Content-Type", CONTENT_TYPE.to_owned()),
        ("Host", host.to_owned()),
        ("X-TC-Action", STS_ACTION.to_owned()),
        ("X-TC-Version", STS_VERSION.to_owned()),
        ("X-TC-Timestamp", timestamp.to_string()),
        ("X-TC-Region", STS_REGION.to_owned()),
        ("X-TC-Language", "en-US".to_owned()),
        (
            "X-TC-RequestClient",
            format!("terraform-provider-gaap/{}", crate::VERSION),
        ),
    ];
    if let Some(token) = base.token.as_ref().filter(|t| !t.is_empty()) {
        headers.push(("X-TC-Token", token.clone()));
    }
    headers.push(("Authorization", signed.authorization));
    headers
}

/// Parses STS's answer; errors carry the code, message and RequestId but never the
/// body (it holds the keys).
pub(crate) fn parse_sts_response(body: &str) -> Result<TemporaryCredential, String> {
    let value: Value =
        serde_json::from_str(body).map_err(|e| format!("the answer is not JSON ({e})"))?;
    let response = value
        .get("Response")
        .ok_or_else(|| "the answer has no Response object".to_owned())?;
    let request_id = response
        .get("RequestId")
        .and_then(Value::as_str)
        .unwrap_or("none");
    if let Some(error) = response.get("Error") {
        let text = |name: &str| error.get(name).and_then(Value::as_str).unwrap_or("");
        return Err(format!(
            "[{}] {} (RequestId: {request_id})",
            text("Code"),
            text("Message")
        ));
    }
    let credentials = response
        .get("Credentials")
        .ok_or_else(|| format!("the answer has no Credentials (RequestId: {request_id})"))?;
    let field = |name: &str| {
        credentials
            .get(name)
            .and_then(Value::as_str)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .ok_or_else(|| {
                format!("the answer has no Credentials.{name} (RequestId: {request_id})")
            })
    };
    let credential = Credential {
        secret_id: field("TmpSecretId")?,
        secret_key: field("TmpSecretKey")?,
        token: Some(field("Token")?),
    };
    let expires_at = response
        .get("ExpiredTime")
        .and_then(|v| match v {
            Value::Number(n) => n.as_i64(),
            Value::String(s) => s.trim().parse().ok(),
            _ => None,
        })
        .ok_or_else(|| format!("the answer has no ExpiredTime (RequestId: {request_id})"))?;
    Ok(TemporaryCredential {
        credential,
        expires_at,
    })
}

/// Calls `AssumeRole` with the base credential; wrap it in a
/// [`RefreshingSource`](super::RefreshingSource) to cache and refresh the result.
pub struct AssumeRoleFetcher {
    settings: AssumeRoleSettings,
    base: Arc<dyn CredentialSource>,
    url: Url,
    host: String,
    client: reqwest::Client,
    clock: Arc<dyn Clock>,
}

impl std::fmt::Debug for AssumeRoleFetcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AssumeRoleFetcher")
            .field("role_arn", &self.settings.role_arn)
            .field("session_name", &self.settings.session_name)
            .field("url", &self.url.as_str())
            .field("base", &self.base.identity())
            .finish()
    }
}

impl AssumeRoleFetcher {
    /// `sts_endpoint` overrides [`DEFAULT_STS_ENDPOINT`]; plain http only for loopback.
    pub fn new(
        settings: AssumeRoleSettings,
        base: Arc<dyn CredentialSource>,
        sts_endpoint: Option<&str>,
        clock: Arc<dyn Clock>,
    ) -> Result<Self, CredentialError> {
        let settings = normalize(settings)?;
        let endpoint = sts_endpoint
            .filter(|e| !e.is_empty())
            .unwrap_or(DEFAULT_STS_ENDPOINT);
        let url = http::parse_endpoint(ENV_STS_ENDPOINT, endpoint, false)?;
        if url.path() != "/" {
            return Err(CredentialError::Invalid(format!(
                "{ENV_STS_ENDPOINT} {endpoint:?} is not usable: API 3.0 is served at the root \
                 path; give only scheme, host and port"
            )));
        }
        let host = http::host_header(&url);
        let client = http::client(http::is_loopback(&url))?;
        Ok(AssumeRoleFetcher {
            settings,
            base,
            url,
            host,
            client,
            clock,
        })
    }

    async fn fetch_once(&self) -> Result<TemporaryCredential, CredentialError> {
        let base = self.base.credential().await?;
        let fail = |what: String| {
            CredentialError::Fetch(format!(
                "STS AssumeRole of role {} at {} failed: {what}",
                self.settings.role_arn, self.url
            ))
        };
        let body = request_body(&self.settings);
        let headers = request_headers(&base, &self.host, self.clock.now_unix(), &body);
        let mut request = self.client.post(self.url.clone());
        for (name, value) in headers {
            request = request.header(name, value);
        }
        let response = request
            .body(body)
            .send()
            .await
            .map_err(|e| fail(describe(&e)))?;
        let status = response.status();
        if status != reqwest::StatusCode::OK {
            return Err(fail(format!("HTTP status {}", status.as_u16())));
        }
        let text = response.text().await.map_err(|e| fail(describe(&e)))?;
        parse_sts_response(&text).map_err(fail)
    }
}

impl Fetcher for AssumeRoleFetcher {
    fn fetch(&self) -> BoxFuture<'_, Result<TemporaryCredential, CredentialError>> {
        Box::pin(self.fetch_once())
    }

    /// `role:<arn>/<session>@<base identity>`, plus `#<hash>` of the policy and
    /// external id when set (they change what the role may do, and the external id
    /// is not shown).
    fn identity(&self) -> String {
        let s = &self.settings;
        let mut identity = format!("role:{}/{}", s.role_arn, s.session_name);
        if s.policy.is_some() || s.external_id.is_some() {
            let material = format!(
                "{}\u{0}{}",
                s.policy.as_deref().unwrap_or(""),
                s.external_id.as_deref().unwrap_or("")
            );
            let digest = signer::sha256_hex(material.as_bytes());
            identity.push('#');
            identity.push_str(digest.get(..16).unwrap_or(&digest));
        }
        identity.push('@');
        identity.push_str(&self.base.identity());
        identity
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings() -> AssumeRoleSettings {
        AssumeRoleSettings {
            role_arn: "qcs::cam::uin/100000000001:roleName/tf".into(),
            session_name: String::new(),
            session_duration: 0,
            policy: None,
            external_id: None,
        }
    }

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
    fn defaults_and_limits() {
        let s = normalize(settings()).unwrap();
        assert_eq!(s.session_name, DEFAULT_SESSION_NAME);
        assert_eq!(s.session_duration, 7200);
        let mut bad = settings();
        bad.session_duration = 43_201;
        let e = normalize(bad).unwrap_err().to_string();
        assert!(e.contains("43201") && e.contains("43200"), "{e}");
        let mut bad = settings();
        bad.session_name = "a b".into();
        assert!(normalize(bad)
            .unwrap_err()
            .to_string()
            .contains("session_name"));
        let mut bad = settings();
        bad.role_arn = " qcs::x".into();
        assert!(normalize(bad).unwrap_err().to_string().contains("role_arn"));
    }

    #[test]
    fn body_has_fixed_order_and_escaped_policy() {
        let mut s = settings();
        s.session_name = "sess".into();
        s.session_duration = 900;
        s.policy = Some(r#"{"a":"b c"}"#.into());
        s.external_id = Some("ext".into());
        let body = String::from_utf8(request_body(&normalize(s).unwrap())).unwrap();
        assert_eq!(
            body,
            r#"{"RoleArn":"qcs::cam::uin/100000000001:roleName/tf","RoleSessionName":"sess","DurationSeconds":900,"Policy":"%7B%22a%22%3A%22b+c%22%7D","ExternalId":"ext"}"#
        );
    }

    #[test]
    fn headers_are_signed_for_sts_and_carry_the_token() {
        let base = Credential {
            secret_id: "AKIDbase".into(),
            secret_key: "basekey".into(),
            token: Some("basetoken".into()),
        };
        let body = br#"{"RoleArn":"x"}"#;
        let headers = request_headers(&base, "sts.tencentcloudapi.com", 1_700_000_000, body);
        let get = |n: &str| {
            headers
                .iter()
                .find(|(k, _)| *k == n)
                .map(|(_, v)| v.as_str())
        };
        assert_eq!(get("X-TC-Action"), Some("AssumeRole"));
        assert_eq!(get("X-TC-Version"), Some("2018-08-13"));
        assert_eq!(get("X-TC-Region"), Some("ap-guangzhou"));
        assert_eq!(get("X-TC-Timestamp"), Some("1700000000"));
        assert_eq!(get("X-TC-Token"), Some("basetoken"));
        let expected = signer::sign(
            "AKIDbase",
            "basekey",
            "sts",
            1_700_000_000,
            &RequestToSign {
                method: "POST",
                query: "",
                headers: vec![
                    SignedHeader::new("content-type", "application/json"),
                    SignedHeader::new("host", "sts.tencentcloudapi.com"),
                ],
                payload: body,
            },
        );
        assert_eq!(get("Authorization"), Some(expected.authorization.as_str()));
        assert!(expected
            .authorization
            .starts_with("TC3-HMAC-SHA256 Credential=AKIDbase/2023-11-14/sts/tc3_request, SignedHeaders=content-type;host, "));

        let no_token = Credential {
            token: None,
            ..base
        };
        let headers = request_headers(&no_token, "h", 1, body);
        assert!(headers.iter().all(|(k, _)| *k != "X-TC-Token"));
    }

    #[test]
    fn parses_answers_and_errors() {
        let ok = parse_sts_response(
            r#"{"Response":{"Credentials":{"Token":"tok","TmpSecretId":"AKIDsts","TmpSecretKey":"sk"},"ExpiredTime":1700007200,"Expiration":"2023-11-15T00:13:20Z","RequestId":"r1"}}"#,
        )
        .unwrap();
        assert_eq!(ok.credential.secret_id, "AKIDsts");
        assert_eq!(ok.credential.token.as_deref(), Some("tok"));
        assert_eq!(ok.expires_at, 1_700_007_200);
        let e = parse_sts_response(
            r#"{"Response":{"Error":{"Code":"InvalidParameter.AccountNotAvaliable","Message":"role not found"},"RequestId":"req-9"}}"#,
        )
        .unwrap_err();
        assert_eq!(
            e,
            "[InvalidParameter.AccountNotAvaliable] role not found (RequestId: req-9)"
        );
        let e = parse_sts_response(
            r#"{"Response":{"Credentials":{"TmpSecretKey":"hunter2"},"RequestId":"r"}}"#,
        )
        .unwrap_err();
        assert!(e.contains("TmpSecretId") && !e.contains("hunter2"), "{e}");
    }
}
