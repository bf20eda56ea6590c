//! The API 3.0 response envelope: `{"Response": {...}}`, an error exactly when
//! `Response.Error` exists (also with HTTP 200); any other HTTP status is a transport
//! failure. Unknown fields are ignored.
//!
//! One rule for every action: a JSON `null` anywhere in `Response` is the field being
//! absent (the SDKs model every response field as nullable: pointers in Go, plain
//! attributes in Python, and the API reference marks many "may return null"). Null
//! members of an object are dropped and null elements of an array are left out
//! before the action's type sees the answer, so a type says once, with `Option` or a
//! default, what it does without a field; a field it cannot do without makes the
//! answer invalid, with the answer's RequestId.

use serde::de::DeserializeOwned;
use serde::Deserialize;

use super::action::Action;
use super::error::{ApiError, ClientError};

/// The only HTTP status the API answers with, errors included.
pub const HTTP_OK: u16 = 200;

#[derive(Deserialize)]
struct Envelope {
    #[serde(rename = "Response")]
    response: Option<serde_json::Map<String, serde_json::Value>>,
}

#[derive(Deserialize)]
struct ErrorBody {
    #[serde(rename = "Code")]
    code: Option<String>,
    #[serde(rename = "Message", default)]
    message: Option<String>,
}

/// Parses one HTTP answer into the action's fields `T` (deserialized from the
/// `Response` object), an [`ApiError`], or why the answer is not usable.
pub fn parse<T: DeserializeOwned>(
    endpoint: &str,
    status: u16,
    body: &[u8],
) -> Result<T, ClientError> {
    parse_with_request_id(endpoint, status, body).map(|(value, _)| value)
}

/// [`parse`], also giving `Response.RequestId` of a successful answer (empty when
/// absent), for the per-attempt log.
pub fn parse_with_request_id<T: DeserializeOwned>(
    endpoint: &str,
    status: u16,
    body: &[u8],
) -> Result<(T, String), ClientError> {
    parse_response(endpoint, status, body, false)
}

/// The envelope read, and the `Response` object as `T`: nulls dropped unless
/// `verbatim`.
fn parse_response<T: DeserializeOwned>(
    endpoint: &str,
    status: u16,
    body: &[u8],
    verbatim: bool,
) -> Result<(T, String), ClientError> {
    if status != HTTP_OK {
        return Err(ClientError::HttpStatus {
            status,
            endpoint: endpoint.to_owned(),
        });
    }
    let invalid_without_id = |reason: String| ClientError::InvalidResponse {
        endpoint: endpoint.to_owned(),
        reason,
        request_id: String::new(),
    };
    let envelope: Envelope = serde_json::from_slice(body)
        .map_err(|e| invalid_without_id(format!("not the expected JSON object ({e})")))?;
    let mut response = envelope
        .response
        .ok_or_else(|| invalid_without_id("no \"Response\" object".to_owned()))?;
    if !verbatim {
        drop_nulls_in_object(&mut response);
    }
    let request_id = response
        .get("RequestId")
        .and_then(|v| v.as_str())
        .unwrap_or_default()
        .to_owned();
    let invalid = |reason: String| ClientError::InvalidResponse {
        endpoint: endpoint.to_owned(),
        reason,
        request_id: request_id.clone(),
    };
    if let Some(error) = response.get("Error").filter(|e| !e.is_null()) {
        let error = ErrorBody::deserialize(error)
            .map_err(|e| invalid(format!("\"Response.Error\" is malformed ({e})")))?;
        let code = error
            .code
            .filter(|c| !c.is_empty())
            .ok_or_else(|| invalid("\"Response.Error\" has no Code".to_owned()))?;
        return Err(ClientError::Api(ApiError {
            code,
            message: error.message.unwrap_or_default(),
            request_id,
            http_status: status,
        }));
    }
    // serde's messages name fields and expected types, never a string's value, so a
    // key in an STS answer cannot reach an error message.
    let value = T::deserialize(serde_json::Value::Object(response))
        .map_err(|e| invalid(format!("unexpected \"Response\" fields ({e})")))?;
    Ok((value, request_id))
}

/// [`parse_with_request_id`] for action `A`, then the action's own check of the
/// values ([`Action::validate`]): what the call path gives callers.
pub fn parse_answer<A: Action>(
    endpoint: &str,
    status: u16,
    body: &[u8],
) -> Result<(A::Response, String), ClientError> {
    let (answer, request_id) = parse_response::<A::Response>(endpoint, status, body, A::VERBATIM)?;
    match A::validate(&answer) {
        Ok(()) => Ok((answer, request_id)),
        Err(reason) => Err(ClientError::InvalidResponse {
            endpoint: endpoint.to_owned(),
            reason,
            request_id,
        }),
    }
}

/// The null rule of this module, in place: null members and null array elements go,
/// at every depth.
fn drop_nulls_in_object(object: &mut serde_json::Map<String, serde_json::Value>) {
    object.retain(|_, value| !value.is_null());
    object.values_mut().for_each(drop_nulls);
}

fn drop_nulls(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Object(object) => drop_nulls_in_object(object),
        serde_json::Value::Array(items) => {
            items.retain(|item| !item.is_null());
            items.iter_mut().for_each(drop_nulls);
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Deserialize, PartialEq)]
    struct Answer {
        #[serde(rename = "CheckFlag")]
        check_flag: i64,
        #[serde(rename = "RequestId")]
        request_id: String,
    }

    const E: &str = "http://127.0.0.1:1";

    #[test]
    fn success_ignores_unknown_fields() {
        let body = br#"{"Response":{"CheckFlag":1,"RequestId":"r-1","Extra":[1]},"Other":true}"#;
        assert_eq!(
            parse::<Answer>(E, 200, body).expect("ok"),
            Answer {
                check_flag: 1,
                request_id: "r-1".into()
            }
        );
    }

    #[test]
    fn request_id_comes_with_the_answer() {
        let body = br#"{"Response":{"CheckFlag":0,"RequestId":"r-9"}}"#;
        let (answer, id) = parse_with_request_id::<Answer>(E, 200, body).expect("ok");
        assert_eq!(answer.check_flag, 0);
        assert_eq!(id, "r-9");
    }

    #[test]
    fn error_exactly_when_error_exists() {
        let body = br#"{"Response":{"Error":{"Code":"InvalidParameter","Message":"bad"},"RequestId":"r-2","CheckFlag":1}}"#;
        match parse::<Answer>(E, 200, body) {
            Err(ClientError::Api(api)) => {
                assert_eq!(api.code, "InvalidParameter");
                assert_eq!(api.message, "bad");
                assert_eq!(api.request_id, "r-2");
                assert_eq!(api.http_status, 200);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn non_200_is_http_status_even_with_an_api_body() {
        let body =
            br#"{"Response":{"Error":{"Code":"InternalError","Message":"x"},"RequestId":"r"}}"#;
        for status in [201, 301, 404, 500, 502, 503] {
            assert!(matches!(
                parse::<Answer>(E, status, body),
                Err(ClientError::HttpStatus { status: s, .. }) if s == status
            ));
        }
    }

    #[test]
    fn unusable_answers() {
        let table: [&[u8]; 9] = [
            b"",
            b"<html>busy</html>",
            br#"{"Response":{"CheckFlag":1,"RequestId":"r""#,
            b"[]",
            br#"{"NotResponse":{}}"#,
            br#"{"Response":{"RequestId":"r"}}"#,
            br#"{"Response":{"CheckFlag":"1","RequestId":"r"}}"#,
            br#"{"Response":{"Error":{"Message":"no code"},"RequestId":"r"}}"#,
            br#"{"Response":{"Error":"text","RequestId":"r"}}"#,
        ];
        for body in table {
            let got = parse::<Answer>(E, 200, body);
            assert!(
                matches!(got, Err(ClientError::InvalidResponse { .. })),
                "{}: {got:?}",
                String::from_utf8_lossy(body)
            );
        }
    }
}
