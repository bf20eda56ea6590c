//! TC3-HMAC-SHA256, Tencent Cloud API 3.0's request signature.
//!
//! Pure: the clock and the secret are inputs. Each step of the specification is a
//! function whose output can be checked against the published vectors:
//! canonical request, string to sign, signing key, signature, Authorization.

use hmac::{Hmac, Mac};
use sensitive::Sensitive;
use sha2::{Digest, Sha256};
use std::fmt::Write as _;
use time::{OffsetDateTime, PrimitiveDateTime};

/// The algorithm name, first line of the string to sign and of `Authorization`.
pub const ALGORITHM: &str = "TC3-HMAC-SHA256";

/// The headers the official SDKs sign. The API accepts any list that includes these two.
pub const DEFAULT_SIGNED_HEADERS: [&str; 2] = ["content-type", "host"];

/// Lowercase hex of SHA-256.
pub fn sha256_hex(data: &[u8]) -> String {
    hex::encode(Sha256::digest(data))
}

fn hmac_sha256(key: &[u8], data: &[u8]) -> [u8; 32] {
    // HMAC accepts keys of any length, so this cannot fail.
    let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("HMAC takes any key length");
    mac.update(data);
    mac.finalize().into_bytes().into()
}

/// `YYYY-MM-DD` of a Unix timestamp, in UTC. (Local time breaks signing for hours
/// every day in any zone but UTC.)
pub fn utc_date(timestamp: i64) -> String {
    // A timestamp past the years `time` represents (±9999) comes from a broken clock,
    // and the API refuses it whatever the scope says: the nearest date will do.
    let at = OffsetDateTime::from_unix_timestamp(timestamp).unwrap_or_else(|_| {
        let edge = if timestamp.is_negative() {
            PrimitiveDateTime::MIN
        } else {
            PrimitiveDateTime::MAX
        };
        edge.assume_utc()
    });
    // `Date`'s Display is ISO 8601: at least four year digits, month and day in two.
    at.date().to_string()
}

/// The service name is the first label of the API host: `gaap` for
/// `gaap.intl.tencentcloudapi.com`, `sts` for `sts.tencentcloudapi.com`.
pub fn service_from_host(host: &str) -> &str {
    host.split('.').next().unwrap_or(host)
}

/// One header that takes part in the signature.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedHeader {
    /// Lowercase name.
    pub name: String,
    /// The value as it goes into the canonical request.
    pub value: String,
}

impl SignedHeader {
    /// Canonical form: name lowercased, value trimmed; `x-tc-action` is lowercased
    /// too, as the API documentation specifies.
    pub fn new(name: &str, value: &str) -> Self {
        let name = name.trim().to_ascii_lowercase();
        let value = if name == "x-tc-action" {
            value.trim().to_ascii_lowercase()
        } else {
            value.trim().to_owned()
        };
        SignedHeader { name, value }
    }
}

/// What a request contributes to its signature.
#[derive(Debug, Clone)]
pub struct RequestToSign<'a> {
    pub method: &'a str,
    /// Always empty for POST.
    pub query: &'a str,
    pub headers: Vec<SignedHeader>,
    /// The exact body bytes that are sent.
    pub payload: &'a [u8],
}

impl RequestToSign<'_> {
    fn sorted_headers(&self) -> Vec<&SignedHeader> {
        let mut headers: Vec<&SignedHeader> = self.headers.iter().collect();
        headers.sort_by(|a, b| a.name.cmp(&b.name));
        headers
    }

    /// `content-type;host`: the signed header names, sorted, joined by `;`.
    pub fn signed_headers(&self) -> String {
        let names: Vec<&str> = self
            .sorted_headers()
            .iter()
            .map(|h| h.name.as_str())
            .collect();
        names.join(";")
    }

    /// The canonical request:
    /// `METHOD\n/\nQUERY\nCanonicalHeaders\nSignedHeaders\nhex(sha256(payload))`,
    /// where every canonical header line ends in `\n`, the last one too.
    pub fn canonical_request(&self) -> String {
        let mut headers = String::new();
        for h in self.sorted_headers() {
            let _ = writeln!(headers, "{}:{}", h.name, h.value);
        }
        format!(
            "{}\n/\n{}\n{}\n{}\n{}",
            self.method,
            self.query,
            headers,
            self.signed_headers(),
            sha256_hex(self.payload)
        )
    }
}

/// `TC3-HMAC-SHA256\nTIMESTAMP\nDATE/SERVICE/tc3_request\nhex(sha256(CanonicalRequest))`.
pub fn string_to_sign(timestamp: i64, service: &str, canonical_request: &str) -> String {
    format!(
        "{ALGORITHM}\n{timestamp}\n{}\n{}",
        credential_scope(timestamp, service),
        sha256_hex(canonical_request.as_bytes())
    )
}

/// `DATE/SERVICE/tc3_request`.
pub fn credential_scope(timestamp: i64, service: &str) -> String {
    format!("{}/{service}/tc3_request", utc_date(timestamp))
}

/// The chain of derived keys; each stage is exposed so the vectors can check it.
/// Debug output never shows them: each signs requests for a whole day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SigningKeys {
    pub secret_date: Sensitive<[u8; 32]>,
    pub secret_service: Sensitive<[u8; 32]>,
    pub secret_signing: Sensitive<[u8; 32]>,
}

/// `SecretDate = HMAC("TC3"+SecretKey, DATE)`, `SecretService = HMAC(SecretDate, SERVICE)`,
/// `SecretSigning = HMAC(SecretService, "tc3_request")`.
pub fn signing_keys(secret_key: &str, date: &str, service: &str) -> SigningKeys {
    let secret_date = hmac_sha256(format!("TC3{secret_key}").as_bytes(), date.as_bytes());
    let secret_service = hmac_sha256(&secret_date, service.as_bytes());
    let secret_signing = hmac_sha256(&secret_service, b"tc3_request");
    SigningKeys {
        secret_date: secret_date.into(),
        secret_service: secret_service.into(),
        secret_signing: secret_signing.into(),
    }
}

/// Lowercase hex of `HMAC(SecretSigning, StringToSign)`.
pub fn signature(secret_signing: &[u8; 32], string_to_sign: &str) -> String {
    hex::encode(hmac_sha256(secret_signing, string_to_sign.as_bytes()))
}

/// The `Authorization` header value.
pub fn authorization(
    secret_id: &str,
    timestamp: i64,
    service: &str,
    signed_headers: &str,
    signature: &str,
) -> String {
    format!(
        "{ALGORITHM} Credential={secret_id}/{}, SignedHeaders={signed_headers}, Signature={signature}",
        credential_scope(timestamp, service)
    )
}

/// A finished signature.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signed {
    pub signature: String,
    pub authorization: String,
}

/// Signs a request: every step above, in order.
pub fn sign(
    secret_id: &str,
    secret_key: &str,
    service: &str,
    timestamp: i64,
    request: &RequestToSign<'_>,
) -> Signed {
    let canonical = request.canonical_request();
    let to_sign = string_to_sign(timestamp, service, &canonical);
    let keys = signing_keys(secret_key, &utc_date(timestamp), service);
    let signature = signature(keys.secret_signing.expose(), &to_sign);
    let authorization = authorization(
        secret_id,
        timestamp,
        service,
        &request.signed_headers(),
        &signature,
    );
    Signed {
        signature,
        authorization,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The derived keys sign requests for a whole day: Debug must not print them.
    #[test]
    fn signing_keys_debug_shows_no_key() {
        let keys = signing_keys("topsecret", "2024-01-01", "gaap");
        let debug = format!("{keys:?}");
        for key in [keys.secret_date, keys.secret_service, keys.secret_signing] {
            let key = key.into_inner();
            assert!(!debug.contains(&format!("{key:?}")), "{debug}");
            assert!(!debug.contains(&hex::encode(key)), "{debug}");
        }
        assert!(debug.contains("redacted"), "{debug}");
    }

    #[test]
    fn utc_dates_at_day_edges() {
        assert_eq!(utc_date(0), "1970-01-01");
        assert_eq!(utc_date(1_551_113_065), "2019-02-25");
        assert_eq!(utc_date(1_704_067_199), "2023-12-31");
        assert_eq!(utc_date(1_704_067_200), "2024-01-01");
        assert_eq!(utc_date(951_782_400), "2000-02-29");
        assert_eq!(utc_date(-1), "1969-12-31");
        // Century edges: 1900 and 2100 are not leap years, 2400 is.
        assert_eq!(utc_date(-2_203_804_801), "1900-03-01");
        assert_eq!(utc_date(4_107_542_399), "2100-02-28");
        assert_eq!(utc_date(4_107_628_799), "2100-03-01");
        assert_eq!(utc_date(13_574_649_599), "2400-02-29");
        assert_eq!(utc_date(13_574_735_999), "2400-03-01");
        assert_eq!(utc_date(-62_135_596_800), "0001-01-01");
    }

    /// A clock far off either way still gives a date, never a panic.
    #[test]
    fn utc_dates_beyond_year_9999_are_the_nearest_edge() {
        assert_eq!(utc_date(253_402_300_799), "9999-12-31");
        assert_eq!(utc_date(253_402_300_800), "9999-12-31");
        assert_eq!(utc_date(i64::MAX), "9999-12-31");
        assert_eq!(utc_date(-377_705_116_800), "-9999-01-01");
        assert_eq!(utc_date(-377_705_116_801), "-9999-01-01");
        assert_eq!(utc_date(i64::MIN), "-9999-01-01");
    }

    #[test]
    fn service_is_first_host_label() {
        assert_eq!(service_from_host("gaap.intl.tencentcloudapi.com"), "gaap");
        assert_eq!(service_from_host("sts.tencentcloudapi.com"), "sts");
        assert_eq!(service_from_host("localhost"), "localhost");
    }

    #[test]
    fn action_header_value_is_lowercased_others_trimmed() {
        assert_eq!(
            SignedHeader::new("X-TC-Action", "CheckProxyCreate").value,
            "checkproxycreate"
        );
        assert_eq!(
            SignedHeader::new("Content-Type", " application/json ").value,
            "application/json"
        );
        assert_eq!(SignedHeader::new("Host", "gaap.x.com").name, "host");
    }
}
