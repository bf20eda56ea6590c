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

use tencentcloud_client::signer::sha256_hex;
use tencentcloud_client::sts::assume_role as client;
use tencentcloud_client::sts::{
    assume_role_with_saml, assume_role_with_web_identity, get_caller_identity, get_session_token,
};

use super::keys::{Lookup, DEMO_ACCOUNT_ID};

pub const WEB_IDENTITY_ACTION: &str = assume_role_with_web_identity::ACTION;
pub const SAML_ACTION: &str = assume_role_with_saml::ACTION;
pub const SESSION_TOKEN_ACTION: &str = get_session_token::ACTION;
pub const CALLER_IDENTITY_ACTION: &str = get_caller_identity::ACTION;
/// Every STS action the emulator serves.
pub const ACTIONS: &[&str] = &[
    ACTION,
    WEB_IDENTITY_ACTION,
    SAML_ACTION,
    SESSION_TOKEN_ACTION,
    CALLER_IDENTITY_ACTION,
];
/// The actions that may come unsigned (`Authorization: SKIP`).
pub const UNSIGNED_ACTIONS: &[&str] = &[WEB_IDENTITY_ACTION, SAML_ACTION];
/// The MFA code the emulator's MFA devices show.
pub const DEMO_MFA_TOKEN_CODE: &str = "123456";
/// The key the demo identity provider "signs" its tokens and assertions with.
const DEMO_IDP_KEY: &str = "gaap-emulator-demo-idp";
const JWT_HEADER: &str = "eyJhbGciOiJFTVUiLCJ0eXAiOiJKV1QifQ";

fn hex(text: &str) -> String {
    text.bytes().map(|b| format!("{b:02x}")).collect()
}

fn idp_signature(kind: &str, signed: &str) -> String {
    sha256_hex(format!("{DEMO_IDP_KEY}\0{kind}\0{signed}").as_bytes())
}

/// An OIDC token of the emulator's demo identity provider for `subject`
/// (JWT-shaped: header, payload, signature). Different subjects give different
/// tokens, all valid (a rotated token file).
pub fn mint_web_identity_token(subject: &str) -> String {
    let signed = format!("{JWT_HEADER}.{}", hex(subject));
    format!("{signed}.{}", idp_signature("oidc", &signed))
}

/// A SAML assertion of the emulator's demo identity provider for `subject`.
pub fn mint_saml_assertion(subject: &str) -> String {
    let body = hex(subject);
    format!("PHNhbWw.{body}.{}", idp_signature("saml", &body))
}

fn web_identity_token_valid(token: &str) -> bool {
    match token.rsplit_once('.') {
        Some((signed, signature)) => {
            signed.starts_with(JWT_HEADER) && idp_signature("oidc", signed) == signature
        }
        None => false,
    }
}

fn saml_assertion_valid(assertion: &str) -> bool {
    let mut parts = assertion.split('.');
    match (parts.next(), parts.next(), parts.next(), parts.next()) {
        (Some("PHNhbWw"), Some(body), Some(signature), None) => {
            idp_signature("saml", body) == signature
        }
        _ => false,
    }
}

/// STS's facts, named once by the client's `AssumeRole` action.
pub const ACTION: &str = client::ACTION;
pub const VERSION: &str = client::VERSION;
pub const SERVICE: &str = client::SERVICE;
/// Lifetime when `DurationSeconds` is absent or 0.
pub const DEFAULT_DURATION_SECS: i64 = client::DEFAULT_SESSION_DURATION as i64;
pub const MAX_DURATION_SECS: i64 = client::MAX_SESSION_DURATION as i64;

const ASSUME_ROLE_PARAMETERS: &[&str] = &[
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
    let p = Params::new(body, ASSUME_ROLE_PARAMETERS)?;
    p.string("Policy")?;
    p.string("ExternalId")?;
    p.string("SourceIdentity")?;
    if let Some(serial) = p.string("SerialNumber")? {
        check_mfa(serial, p.string("TokenCode")?.unwrap_or(""))?;
    }
    issue_for_role(&p, now, keys)
}

/// `RoleArn`, `RoleSessionName`, `DurationSeconds` checked, then a credential of the
/// role, acting in the ARN's account.
fn issue_for_role(
    p: &Params<'_>,
    now: i64,
    keys: &KeyStore,
) -> Result<Map<String, Value>, ApiFailure> {
    let arn = p.required_string("RoleArn")?;
    let session = p.required_string("RoleSessionName")?;
    let duration = p.integer("DurationSeconds")?.unwrap_or(0);
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
    let account = role_account(arn);
    let role = arn.rsplit('/').next().unwrap_or(arn);
    let c = keys.issue_as(
        now,
        // Saturating: a clock at the end of time must not overflow.
        now.saturating_add(duration),
        &account,
        &format!("qcs::sts:{account}:assumed-role/{role}/{session}"),
    );
    Ok(answer(&c))
}

/// The uin in `qcs::cam::uin/<uin>:roleName/<name>`, else the demo account.
fn role_account(arn: &str) -> String {
    arn.strip_prefix("qcs::cam::uin/")
        .and_then(|rest| rest.split(':').next())
        .filter(|uin| !uin.is_empty() && uin.bytes().all(|b| b.is_ascii_digit()))
        .unwrap_or(DEMO_ACCOUNT_ID)
        .to_owned()
}

fn check_mfa(serial: &str, code: &str) -> Result<(), ApiFailure> {
    if !(serial.starts_with("qcs::cam:uin/") || serial.starts_with("qcs::cam::uin/"))
        || !serial.contains("::mfa/")
    {
        return Err(ApiFailure::new(
            "InvalidParameter.ParamError",
            format!("SerialNumber `{serial}` is not an MFA device like `qcs::cam:uin/100000000001::mfa/softToken`."),
        ));
    }
    if code != DEMO_MFA_TOKEN_CODE {
        return Err(ApiFailure::new(
            "InvalidParameter.TempCodeNotAvaliable",
            "The MFA code (TokenCode) is wrong or expired.",
        ));
    }
    Ok(())
}

/// Handles `AssumeRoleWithWebIdentity` (unsigned).
pub fn handle_web_identity(
    body: &Map<String, Value>,
    now: i64,
    keys: &KeyStore,
) -> Result<Map<String, Value>, ApiFailure> {
    let proof = ["ProviderId", "WebIdentityToken"];
    handle_login(body, now, keys, proof, |provider, token| {
        if provider.trim().is_empty() {
            return Err(ApiFailure::new(
                "InvalidParameter.ParamError",
                "ProviderId is empty.",
            ));
        }
        if !web_identity_token_valid(token) {
            return Err(ApiFailure::new(
                "InvalidParameter.WebIdentityTokenError",
                "The WebIdentityToken is not valid: not issued by a trusted identity provider, tampered with or expired.",
            ));
        }
        Ok(())
    })
}

/// Handles `AssumeRoleWithSAML` (unsigned).
pub fn handle_saml(
    body: &Map<String, Value>,
    now: i64,
    keys: &KeyStore,
) -> Result<Map<String, Value>, ApiFailure> {
    let proof = ["SAMLAssertion", "PrincipalArn"];
    handle_login(body, now, keys, proof, |assertion, principal| {
        if !principal.starts_with("qcs::cam::uin/") || !principal.contains(":saml-provider/") {
            return Err(ApiFailure::new(
                "InvalidParameter.ParamError",
                format!("PrincipalArn `{principal}` is not a SAML provider like `qcs::cam::uin/100000000001:saml-provider/idp`."),
            ));
        }
        if !saml_assertion_valid(assertion) {
            return Err(ApiFailure::new(
                "InvalidParameter.ParamError",
                "The SAMLAssertion is not valid: not issued by the identity provider, tampered with or expired.",
            ));
        }
        Ok(())
    })
}

/// An unsigned login: the two required parameters that prove it (in this order),
/// `check`ed, then the role's parameters as for `AssumeRole`.
fn handle_login(
    body: &Map<String, Value>,
    now: i64,
    keys: &KeyStore,
    proof: [&str; 2],
    check: impl FnOnce(&str, &str) -> Result<(), ApiFailure>,
) -> Result<Map<String, Value>, ApiFailure> {
    let p = Params::new(
        body,
        &[
            proof[0],
            proof[1],
            "RoleArn",
            "RoleSessionName",
            "DurationSeconds",
        ],
    )?;
    let first = p.required_string(proof[0])?;
    let second = p.required_string(proof[1])?;
    check(first, second)?;
    issue_for_role(&p, now, keys)
}

/// Handles `GetSessionToken`, signed by `caller`.
pub fn handle_session_token(
    body: &Map<String, Value>,
    now: i64,
    keys: &KeyStore,
    caller: &str,
) -> Result<Map<String, Value>, ApiFailure> {
    let p = Params::new(body, &["SerialNumber", "TokenCode", "DurationSeconds"])?;
    let serial = p.required_string("SerialNumber")?;
    let code = p.required_string("TokenCode")?;
    let duration = p
        .integer("DurationSeconds")?
        .unwrap_or(get_session_token::DEFAULT_DURATION as i64);
    let max = get_session_token::MAX_DURATION as i64;
    if !(0..=max).contains(&duration) {
        return Err(bad_value(format!(
            "DurationSeconds {duration} must be between 0 and {max}."
        )));
    }
    let duration = if duration == 0 {
        get_session_token::DEFAULT_DURATION as i64
    } else {
        duration
    };
    if !matches!(keys.lookup(caller), Lookup::Permanent { .. }) {
        return Err(ApiFailure::new(
            "InvalidParameter.AccessKeyNotSupport",
            "GetSessionToken must be signed with a CAM user's permanent key, not a temporary one.",
        ));
    }
    check_mfa(serial, code)?;
    let c = keys.issue_as(
        now,
        now + duration,
        DEMO_ACCOUNT_ID,
        &format!("qcs::cam::uin/{DEMO_ACCOUNT_ID}:uin/{DEMO_ACCOUNT_ID}"),
    );
    Ok(answer(&c))
}

/// Handles `GetCallerIdentity`: who `caller` (the SecretId that signed) is.
pub fn handle_caller_identity(
    body: &Map<String, Value>,
    keys: &KeyStore,
    caller: &str,
) -> Result<Map<String, Value>, ApiFailure> {
    Params::new(body, &[])?;
    let (account, arn, kind) = match keys.lookup(caller) {
        Lookup::Temporary(t) => (t.account_id, t.arn, "AssumedRole"),
        _ => (
            DEMO_ACCOUNT_ID.to_owned(),
            format!("qcs::cam::uin/{DEMO_ACCOUNT_ID}:uin/{DEMO_ACCOUNT_ID}"),
            "RootAccount",
        ),
    };
    let mut out = Map::new();
    out.insert("Arn".to_owned(), json!(arn));
    out.insert("AccountId".to_owned(), json!(account));
    out.insert("UserId".to_owned(), json!(account));
    out.insert("PrincipalId".to_owned(), json!(account));
    out.insert("Type".to_owned(), json!(kind));
    Ok(out)
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
    fn login_actions_check_what_proves_the_login() {
        let keys = KeyStore::new(vec![crate::keys::KeyPair::new("AKIDperm", "k")]);
        let now = 1_704_067_200;
        let body = |json: String| parse_body(json.as_bytes()).unwrap();
        let role = "qcs::cam::uin/200000000002:roleName/r";
        let web = |token: &str| {
            body(format!(
                r#"{{"ProviderId":"OIDC","WebIdentityToken":"{token}","RoleArn":"{role}","RoleSessionName":"ci"}}"#
            ))
        };
        let ok = handle_web_identity(&web(&mint_web_identity_token("a")), now, &keys).unwrap();
        let id = ok["Credentials"]["TmpSecretId"].as_str().unwrap();
        match keys.lookup(id) {
            Lookup::Temporary(t) => assert_eq!(t.account_id, "200000000002"),
            _ => panic!("not issued"),
        }
        let forged = format!("{}0", mint_web_identity_token("a"));
        for token in ["", "eyJ.a.b", forged.as_str()] {
            let code = handle_web_identity(&web(token), now, &keys).map_err(|e| e.code);
            assert!(code.is_err(), "{token}");
        }
        let saml = |assertion: &str, principal: &str| {
            body(format!(
                r#"{{"SAMLAssertion":"{assertion}","PrincipalArn":"{principal}","RoleArn":"{role}","RoleSessionName":"alice"}}"#
            ))
        };
        let idp = "qcs::cam::uin/200000000002:saml-provider/idp";
        assert!(handle_saml(&saml(&mint_saml_assertion("alice"), idp), now, &keys).is_ok());
        assert_eq!(
            handle_saml(&saml("PHNhbWw.00.00", idp), now, &keys)
                .unwrap_err()
                .code,
            "InvalidParameter.ParamError"
        );
        assert!(handle_saml(&saml(&mint_saml_assertion("alice"), "qcs::x"), now, &keys).is_err());
        let mfa = |code: &str| {
            body(format!(
                r#"{{"SerialNumber":"qcs::cam:uin/100000000001::mfa/softToken","TokenCode":"{code}"}}"#
            ))
        };
        let session =
            handle_session_token(&mfa(DEMO_MFA_TOKEN_CODE), now, &keys, "AKIDperm").unwrap();
        assert_eq!(session["ExpiredTime"], now + 1800);
        assert_eq!(
            handle_session_token(&mfa("000001"), now, &keys, "AKIDperm")
                .unwrap_err()
                .code,
            "InvalidParameter.TempCodeNotAvaliable"
        );
        let temp = session["Credentials"]["TmpSecretId"].as_str().unwrap();
        assert_eq!(
            handle_session_token(&mfa(DEMO_MFA_TOKEN_CODE), now, &keys, temp)
                .unwrap_err()
                .code,
            "InvalidParameter.AccessKeyNotSupport"
        );
        let me = handle_caller_identity(&body("{}".into()), &keys, "AKIDperm").unwrap();
        assert_eq!(me["AccountId"], DEMO_ACCOUNT_ID);
        assert_eq!(me["Type"], "RootAccount");
        assert_eq!(
            handle_caller_identity(&body(r#"{"X":1}"#.into()), &keys, "AKIDperm")
                .unwrap_err()
                .code,
            "UnknownParameter"
        );
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
