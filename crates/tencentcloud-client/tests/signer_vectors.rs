//! The TC3-HMAC-SHA256 signer against every published vector (tests/data/tc3_vectors.json),
//! each stage asserted on its own: canonical request, its hash, the derived keys, the
//! string to sign, the signature and the `Authorization` line.

use serde::Deserialize;
use tencentcloud_client::signer::{
    authorization, credential_scope, sha256_hex, sign, signature, signing_keys, string_to_sign,
    utc_date, RequestToSign, SignedHeader,
};

#[derive(Debug, Deserialize)]
struct VectorFile {
    vectors: Vec<Vector>,
}

#[derive(Debug, Deserialize)]
struct Vector {
    id: String,
    secret_id: String,
    secret_key: String,
    service: String,
    host: String,
    timestamp: i64,
    date: String,
    content_type: String,
    action: String,
    signed_headers: String,
    body: String,
    signature: String,
    string_to_sign: String,
    authorization: String,
    body_sha256: Option<String>,
    canonical_request: Option<String>,
    canonical_request_sha256: Option<String>,
    secret_date: Option<String>,
    secret_service: Option<String>,
    secret_signing: Option<String>,
}

fn vectors() -> Vec<Vector> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/tc3_vectors.json");
    let text = std::fs::read_to_string(path).expect("vector file is readable");
    let file: VectorFile = serde_json::from_str(&text).expect("vector file is valid JSON");
    assert_eq!(file.vectors.len(), 10, "D1-D3 and V1-V4, V6-V8");
    file.vectors
}

/// The headers a vector signs, with the values as they were sent.
fn headers(v: &Vector) -> Vec<SignedHeader> {
    v.signed_headers
        .split(';')
        .map(|name| match name {
            "content-type" => SignedHeader::new("Content-Type", &v.content_type),
            "host" => SignedHeader::new("Host", &v.host),
            "x-tc-action" => SignedHeader::new("X-TC-Action", &v.action),
            other => panic!("{}: unexpected signed header {other}", v.id),
        })
        .collect()
}

fn request(v: &Vector) -> RequestToSign<'_> {
    RequestToSign {
        method: "POST",
        query: "",
        headers: headers(v),
        payload: v.body.as_bytes(),
    }
}

#[test]
fn documentation_body_keeps_its_literal_escapes() {
    let v = &vectors()[0];
    assert_eq!(v.id, "D1");
    assert_eq!(v.body.len(), 86);
    assert!(v.body.contains(r"\u672a\u547d\u540d"));
}

#[test]
fn body_hashes() {
    for v in vectors() {
        if let Some(expected) = &v.body_sha256 {
            assert_eq!(&sha256_hex(v.body.as_bytes()), expected, "{}", v.id);
        }
    }
}

#[test]
fn utc_date_and_scope() {
    for v in vectors() {
        assert_eq!(utc_date(v.timestamp), v.date, "{}", v.id);
        assert_eq!(
            credential_scope(v.timestamp, &v.service),
            format!("{}/{}/tc3_request", v.date, v.service),
            "{}",
            v.id
        );
    }
}

#[test]
fn canonical_requests_and_their_hashes() {
    for v in vectors() {
        let req = request(&v);
        assert_eq!(req.signed_headers(), v.signed_headers, "{}", v.id);
        let canonical = req.canonical_request();
        if let Some(expected) = &v.canonical_request {
            assert_eq!(&canonical, expected, "{}", v.id);
        }
        if let Some(expected) = &v.canonical_request_sha256 {
            assert_eq!(&sha256_hex(canonical.as_bytes()), expected, "{}", v.id);
        }
    }
}

#[test]
fn derived_keys() {
    let mut checked = 0;
    for v in vectors() {
        let keys = signing_keys(&v.secret_key, &v.date, &v.service);
        for (stage, got, expected) in [
            ("SecretDate", keys.secret_date, &v.secret_date),
            ("SecretService", keys.secret_service, &v.secret_service),
            ("SecretSigning", keys.secret_signing, &v.secret_signing),
        ] {
            if let Some(expected) = expected {
                assert_eq!(&hex::encode(got.expose()), expected, "{} {stage}", v.id);
                checked += 1;
            }
        }
    }
    assert_eq!(checked, 6, "D2 and V1 give all three keys");
}

#[test]
fn strings_to_sign_signatures_and_authorization() {
    for v in vectors() {
        let canonical = request(&v).canonical_request();
        let to_sign = string_to_sign(v.timestamp, &v.service, &canonical);
        assert_eq!(to_sign, v.string_to_sign, "{}", v.id);

        let keys = signing_keys(&v.secret_key, &v.date, &v.service);
        let sig = signature(keys.secret_signing.expose(), &to_sign);
        assert_eq!(sig, v.signature, "{}", v.id);

        let auth = authorization(
            &v.secret_id,
            v.timestamp,
            &v.service,
            &v.signed_headers,
            &sig,
        );
        assert_eq!(auth, v.authorization, "{}", v.id);
    }
}

#[test]
fn sign_runs_every_stage() {
    for v in vectors() {
        let signed = sign(
            &v.secret_id,
            &v.secret_key,
            &v.service,
            v.timestamp,
            &request(&v),
        );
        assert_eq!(signed.signature, v.signature, "{}", v.id);
        assert_eq!(signed.authorization, v.authorization, "{}", v.id);
    }
}

#[test]
fn header_order_does_not_matter() {
    let v = vectors()
        .into_iter()
        .find(|v| v.id == "V7")
        .expect("V7 present");
    let mut req = request(&v);
    req.headers.reverse();
    let signed = sign(&v.secret_id, &v.secret_key, &v.service, v.timestamp, &req);
    assert_eq!(signed.signature, v.signature);
}
