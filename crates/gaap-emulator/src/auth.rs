//! TC3-HMAC-SHA256 verification, as the API does it.
//!
//! Checks, in order, each with the API's error code:
//! 1. `Authorization` present and of the form
//!    `TC3-HMAC-SHA256 Credential=ID/DATE/SERVICE/tc3_request, SignedHeaders=a;b, Signature=hex`,
//!    with `SignedHeaders` including `content-type` and `host`, and `X-TC-Timestamp`
//!    an integer: else `AuthFailure.InvalidAuthorization`.
//! 2. `X-TC-Timestamp` within [`MAX_CLOCK_SKEW_SECS`] of the server clock: else
//!    `AuthFailure.SignatureExpire`.
//! 3. SecretId known (a configured key or an issued temporary one): else
//!    `AuthFailure.SecretIdNotFound`.
//! 4. A temporary SecretId needs its own, unexpired token in `X-TC-Token`: else
//!    `AuthFailure.TokenFailure`. (A token sent with a permanent key is ignored.)
//! 5. DATE equal to the timestamp's UTC date, SERVICE equal to the action's service,
//!    every signed header present, and the signature recomputed over the received
//!    header values and the exact body bytes equal to the given one: else
//!    `AuthFailure.SignatureFailure`.

use hyper::HeaderMap;

use super::keys::{KeyStore, Lookup};
use super::response::{codes, ApiFailure};
use tencentcloud_client::signer;

/// Largest accepted difference between `X-TC-Timestamp` and the server clock: 5 minutes.
pub const MAX_CLOCK_SKEW_SECS: i64 = 300;

/// What a client signs for a JSON POST of `body` to `host`: the two headers every
/// request must sign (`content-type`, `host`). Public so that tests can sign raw
/// requests to the emulator the way `GaapClient` does.
pub fn json_post_to_sign<'a>(host: &str, body: &'a [u8]) -> signer::RequestToSign<'a> {
    signer::RequestToSign {
        method: "POST",
        query: "",
        headers: vec![
            signer::SignedHeader::new("content-type", "application/json"),
            signer::SignedHeader::new("host", host),
        ],
        payload: body,
    }
}

/// The parts of an `Authorization` header.
#[derive(Debug, PartialEq, Eq)]
pub struct Authorization<'a> {
    pub secret_id: &'a str,
    pub date: &'a str,
    pub service: &'a str,
    pub signed_headers: Vec<&'a str>,
    pub signature: &'a str,
}

fn invalid(message: impl Into<String>) -> ApiFailure {
    ApiFailure::new(codes::INVALID_AUTHORIZATION, message)
}

/// Parses `TC3-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...`.
pub fn parse_authorization(value: &str) -> Result<Authorization<'_>, ApiFailure> {
    let rest = value
        .strip_prefix(signer::ALGORITHM)
        .and_then(|r| r.strip_prefix(' '))
        .ok_or_else(|| {
            invalid(format!(
                "The Authorization header must start with `{} `.",
                signer::ALGORITHM
            ))
        })?;
    let (mut credential, mut signed, mut signature) = (None, None, None);
    for part in rest.split(',') {
        let part = part.trim();
        let (key, val) = part
            .split_once('=')
            .ok_or_else(|| invalid(format!("Malformed Authorization element `{part}`.")))?;
        let slot = match key {
            "Credential" => &mut credential,
            "SignedHeaders" => &mut signed,
            "Signature" => &mut signature,
            other => return Err(invalid(format!("Unknown Authorization element `{other}`."))),
        };
        if slot.replace(val).is_some() {
            return Err(invalid(format!("Authorization element `{key}` repeated.")));
        }
    }
    let (Some(credential), Some(signed), Some(signature)) = (credential, signed, signature) else {
        return Err(invalid(
            "The Authorization header needs Credential, SignedHeaders and Signature.",
        ));
    };
    let scope: Vec<&str> = credential.split('/').collect();
    let [secret_id, date, service, "tc3_request"] = scope[..] else {
        return Err(invalid(
            "Credential must be SecretId/YYYY-MM-DD/service/tc3_request.",
        ));
    };
    if secret_id.is_empty() || date.is_empty() || service.is_empty() {
        return Err(invalid("Credential has an empty element."));
    }
    let signed_headers: Vec<&str> = signed.split(';').collect();
    for required in signer::DEFAULT_SIGNED_HEADERS {
        if !signed_headers.contains(&required) {
            return Err(invalid(format!(
                "SignedHeaders `{signed}` must include `content-type` and `host`."
            )));
        }
    }
    if signature.len() != 64 || !signature.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(invalid("Signature must be 64 hex digits."));
    }
    Ok(Authorization {
        secret_id,
        date,
        service,
        signed_headers,
        signature,
    })
}

/// Who signed a request that verified.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Caller {
    pub secret_id: String,
    pub temporary: bool,
}

fn header<'h>(headers: &'h HeaderMap, name: &str) -> Option<&'h str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

/// Verifies the signature of `POST /` with these headers and body bytes.
pub fn verify(
    headers: &HeaderMap,
    body: &[u8],
    now: i64,
    expected_service: &str,
    keys: &KeyStore,
) -> Result<Caller, ApiFailure> {
    let auth_value = header(headers, "authorization")
        .ok_or_else(|| invalid("The Authorization header is missing or not ASCII."))?;
    let auth = parse_authorization(auth_value)?;
    let timestamp: i64 = header(headers, "x-tc-timestamp")
        .and_then(|t| t.trim().parse().ok())
        .ok_or_else(|| invalid("X-TC-Timestamp must be a Unix time in seconds."))?;
    // `abs_diff`: the distance of any two i64 fits a u64, where `now - timestamp`
    // overflows for a timestamp far in the past or future.
    if now.abs_diff(timestamp) > MAX_CLOCK_SKEW_SECS.unsigned_abs() {
        return Err(ApiFailure::new(
            codes::SIGNATURE_EXPIRE,
            format!("Signature expired: X-TC-Timestamp {timestamp} differs from the server time {now} by more than {MAX_CLOCK_SKEW_SECS} seconds."),
        ));
    }
    let (secret_key, temporary) = match keys.lookup(auth.secret_id) {
        Lookup::Permanent { secret_key } => (secret_key, false),
        Lookup::Temporary(t) => {
            match header(headers, "x-tc-token") {
                Some(token) if token == t.token => {}
                Some(_) => {
                    return Err(ApiFailure::new(
                        codes::TOKEN_FAILURE,
                        "The X-TC-Token does not belong to this temporary SecretId.",
                    ))
                }
                None => {
                    return Err(ApiFailure::new(
                        codes::TOKEN_FAILURE,
                        "A temporary SecretId needs its token in X-TC-Token.",
                    ))
                }
            }
            if t.expired_time <= now {
                return Err(ApiFailure::new(
                    codes::TOKEN_FAILURE,
                    format!("The temporary credential expired at {}.", t.expired_time),
                ));
            }
            (t.tmp_secret_key, true)
        }
        Lookup::NotFound => {
            return Err(ApiFailure::new(
                codes::SECRET_ID_NOT_FOUND,
                format!(
                    "The SecretId `{}` is not found; check it has no whitespace around it.",
                    auth.secret_id
                ),
            ))
        }
    };
    let failure = |m: String| ApiFailure::new(codes::SIGNATURE_FAILURE, m);
    let date = signer::utc_date(timestamp);
    if auth.date != date {
        return Err(failure(format!(
            "The credential scope date `{}` is not the UTC date `{date}` of X-TC-Timestamp {timestamp}.",
            auth.date
        )));
    }
    if auth.service != expected_service {
        return Err(failure(format!(
            "The credential scope service `{}` should be `{expected_service}`.",
            auth.service
        )));
    }
    let mut signed = Vec::with_capacity(auth.signed_headers.len());
    for name in &auth.signed_headers {
        let value = header(headers, name)
            .ok_or_else(|| failure(format!("The signed header `{name}` is missing.")))?;
        signed.push(signer::SignedHeader::new(name, value));
    }
    let request = signer::RequestToSign {
        method: "POST",
        query: "",
        headers: signed,
        payload: body,
    };
    let expected = signer::sign(
        auth.secret_id,
        &secret_key,
        expected_service,
        timestamp,
        &request,
    );
    if expected.signature != auth.signature {
        return Err(failure(
            "The provided credentials could not be validated. Please check your signature is correct.".to_owned(),
        ));
    }
    Ok(Caller {
        secret_id: auth.secret_id.to_owned(),
        temporary,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::KeyPair;
    use hyper::header::HeaderValue;

    const ID: &str = "AKIDEXAMPLEgaapTEST0000000000000000";
    const KEY: &str = "EXAMPLEgaapSecretKeyTEST0000000000";
    const V1_BODY: &str = r#"{"AccessRegion": "SouthChina", "RealServerRegion": "EastChina", "Bandwidth": 10, "Concurrent": 2}"#;
    const V1_SIG: &str = "7c8dc5b13e11920d93fae6ae0f68f46fa4de8d56d464100ccd0616fd25e8f6c0";

    fn v1_headers(auth: &str, timestamp: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert("content-type", HeaderValue::from_static("application/json"));
        h.insert(
            "host",
            HeaderValue::from_static("gaap.intl.tencentcloudapi.com"),
        );
        h.insert("x-tc-timestamp", HeaderValue::from_str(timestamp).unwrap());
        h.insert("authorization", HeaderValue::from_str(auth).unwrap());
        h
    }

    fn v1_auth(id: &str, date: &str, service: &str, sig: &str) -> String {
        format!("TC3-HMAC-SHA256 Credential={id}/{date}/{service}/tc3_request, SignedHeaders=content-type;host, Signature={sig}")
    }

    fn code(r: Result<Caller, ApiFailure>) -> String {
        r.err().map(|e| e.code).unwrap_or_else(|| "ok".into())
    }

    #[test]
    fn accepts_the_published_v1_vector() {
        let keys = KeyStore::new(vec![KeyPair::new(ID, KEY)]);
        let h = v1_headers(&v1_auth(ID, "2023-11-14", "gaap", V1_SIG), "1700000000");
        let ok = verify(&h, V1_BODY.as_bytes(), 1_700_000_100, "gaap", &keys).unwrap();
        assert_eq!(ok.secret_id, ID);
        assert!(!ok.temporary);
    }

    /// The skew check must hold for any timestamp a client sends and any clock: an
    /// extreme one is expired, never an overflow (a panic in debug builds, a wrong
    /// answer in release ones).
    #[test]
    fn extreme_timestamps_are_expired_not_an_overflow() {
        let keys = KeyStore::new(vec![KeyPair::new(ID, KEY)]);
        let good = v1_auth(ID, "2023-11-14", "gaap", V1_SIG);
        let pairs = [
            (i64::MIN, i64::MAX),
            (i64::MAX, i64::MIN),
            (i64::MIN, 0),
            (i64::MAX, 0),
            (0, i64::MIN),
            (i64::MIN, i64::MIN + 1),
            (-1, i64::MAX),
        ];
        for (timestamp, now) in pairs {
            let got = verify(
                &v1_headers(&good, &timestamp.to_string()),
                V1_BODY.as_bytes(),
                now,
                "gaap",
                &keys,
            );
            let want = if timestamp.abs_diff(now) <= 300 {
                "AuthFailure.SignatureFailure"
            } else {
                "AuthFailure.SignatureExpire"
            };
            assert_eq!(code(got), want, "timestamp {timestamp}, now {now}");
        }
    }

    #[test]
    fn rejections_carry_the_apis_codes() {
        let keys = KeyStore::new(vec![KeyPair::new(ID, KEY)]);
        let body = V1_BODY.as_bytes();
        let good = v1_auth(ID, "2023-11-14", "gaap", V1_SIG);
        let at = |auth: &str, ts: &str, now: i64, body: &[u8]| {
            code(verify(&v1_headers(auth, ts), body, now, "gaap", &keys))
        };
        assert_eq!(at(&good, "1700000000", 1_700_000_300, body), "ok");
        assert_eq!(
            at(&good, "1700000000", 1_700_000_301, body),
            "AuthFailure.SignatureExpire"
        );
        assert_eq!(
            at(&good, "1700000000", 1_699_999_699, body),
            "AuthFailure.SignatureExpire"
        );
        assert_eq!(
            at(&good, "1700000000", 1_700_000_000, b"{}"),
            "AuthFailure.SignatureFailure"
        );
        assert_eq!(
            at(
                &v1_auth("AKIDnobody", "2023-11-14", "gaap", V1_SIG),
                "1700000000",
                1_700_000_000,
                body
            ),
            "AuthFailure.SecretIdNotFound"
        );
        assert_eq!(
            at(
                &v1_auth(ID, "2023-11-15", "gaap", V1_SIG),
                "1700000000",
                1_700_000_000,
                body
            ),
            "AuthFailure.SignatureFailure"
        );
        assert_eq!(
            at(
                &v1_auth(ID, "2023-11-14", "cvm", V1_SIG),
                "1700000000",
                1_700_000_000,
                body
            ),
            "AuthFailure.SignatureFailure"
        );
        assert_eq!(
            at("Bearer x", "1700000000", 1_700_000_000, body),
            "AuthFailure.InvalidAuthorization"
        );
        assert_eq!(
            at(&good, "soon", 1_700_000_000, body),
            "AuthFailure.InvalidAuthorization"
        );
        let mut missing = v1_headers(&good, "1700000000");
        missing.remove("authorization");
        assert_eq!(
            code(verify(&missing, body, 1_700_000_000, "gaap", &keys)),
            "AuthFailure.InvalidAuthorization"
        );
    }

    #[test]
    fn parses_and_rejects_authorization_forms() {
        let a = parse_authorization(
            "TC3-HMAC-SHA256 Credential=AKID/2023-11-14/gaap/tc3_request, SignedHeaders=content-type;host;x-tc-action, Signature=7c8dc5b13e11920d93fae6ae0f68f46fa4de8d56d464100ccd0616fd25e8f6c0",
        )
        .unwrap();
        assert_eq!(a.secret_id, "AKID");
        assert_eq!(a.signed_headers, ["content-type", "host", "x-tc-action"]);
        for bad in [
            "",
            "TC3-HMAC-SHA256",
            "HMAC-SHA256 Credential=a/b/c/tc3_request, SignedHeaders=content-type;host, Signature=00",
            "TC3-HMAC-SHA256 Credential=a/b/c/tc2, SignedHeaders=content-type;host, Signature=7c8dc5b13e11920d93fae6ae0f68f46fa4de8d56d464100ccd0616fd25e8f6c0",
            "TC3-HMAC-SHA256 Credential=a/b/c/tc3_request, SignedHeaders=host, Signature=7c8dc5b13e11920d93fae6ae0f68f46fa4de8d56d464100ccd0616fd25e8f6c0",
            "TC3-HMAC-SHA256 Credential=a/b/c/tc3_request, SignedHeaders=content-type;host, Signature=xyz",
            "TC3-HMAC-SHA256 Credential=a/b/c/tc3_request, Signature=7c8dc5b13e11920d93fae6ae0f68f46fa4de8d56d464100ccd0616fd25e8f6c0",
        ] {
            assert_eq!(parse_authorization(bad).err().map(|e| e.code).as_deref(), Some("AuthFailure.InvalidAuthorization"), "{bad}");
        }
    }

    #[test]
    fn temporary_keys_need_their_token() {
        let keys = KeyStore::new(vec![]);
        let t = keys.issue(1_700_000_000, 1_700_007_200);
        let ts = 1_700_000_000;
        let mut h = HeaderMap::new();
        h.insert("content-type", HeaderValue::from_static("application/json"));
        h.insert("host", HeaderValue::from_static("127.0.0.1:1"));
        h.insert(
            "x-tc-timestamp",
            HeaderValue::from_str(&ts.to_string()).unwrap(),
        );
        let req = json_post_to_sign("127.0.0.1:1", b"{}");
        let s = signer::sign(&t.tmp_secret_id, &t.tmp_secret_key, "gaap", ts, &req);
        h.insert(
            "authorization",
            HeaderValue::from_str(&s.authorization).unwrap(),
        );
        assert_eq!(
            code(verify(&h, b"{}", ts, "gaap", &keys)),
            "AuthFailure.TokenFailure"
        );
        h.insert("x-tc-token", HeaderValue::from_static("wrong"));
        assert_eq!(
            code(verify(&h, b"{}", ts, "gaap", &keys)),
            "AuthFailure.TokenFailure"
        );
        h.insert("x-tc-token", HeaderValue::from_str(&t.token).unwrap());
        assert_eq!(code(verify(&h, b"{}", ts, "gaap", &keys)), "ok");
        assert_eq!(
            code(verify(&h, b"{}", 1_700_007_200, "gaap", &keys)),
            "AuthFailure.SignatureExpire"
        );
    }
}
