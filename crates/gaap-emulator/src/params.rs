//! Reading API parameters from a JSON body the way the API does: unknown names are
//! `UnknownParameter`, absent required ones `MissingParameter`, wrong JSON types
//! `InvalidParameter`. Integers may come as JSON numbers or numeric strings.

use serde_json::{Map, Value};

use super::response::{codes, ApiFailure};

/// A parsed request body: a JSON object whose names were checked against a list.
pub struct Params<'a> {
    body: &'a Map<String, Value>,
}

impl<'a> Params<'a> {
    /// Fails with `UnknownParameter` on the first name outside `allowed`.
    pub fn new(body: &'a Map<String, Value>, allowed: &[&str]) -> Result<Self, ApiFailure> {
        if let Some(name) = body.keys().find(|k| !allowed.contains(&k.as_str())) {
            return Err(ApiFailure::new(
                codes::UNKNOWN_PARAMETER,
                format!(
                    "The parameter `{name}` is not recognized. Allowed parameters: {}.",
                    allowed.join(", ")
                ),
            ));
        }
        Ok(Params { body })
    }

    fn missing(name: &str) -> ApiFailure {
        ApiFailure::new(
            codes::MISSING_PARAMETER,
            format!("The request is missing a required parameter `{name}`."),
        )
    }

    /// An optional string parameter.
    pub fn string(&self, name: &str) -> Result<Option<&'a str>, ApiFailure> {
        match self.body.get(name) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.as_str())),
            Some(other) => Err(ApiFailure::new(
                codes::INVALID_PARAMETER,
                format!("The parameter `{name}` must be a string, got: {other}."),
            )),
        }
    }

    /// A required string parameter.
    pub fn required_string(&self, name: &str) -> Result<&'a str, ApiFailure> {
        self.string(name)?.ok_or_else(|| Self::missing(name))
    }

    /// An optional integer, as a JSON number or a numeric string. Values beyond
    /// `i64` come back as `i64::MAX`/`MIN` so range checks reject them.
    pub fn integer(&self, name: &str) -> Result<Option<i64>, ApiFailure> {
        let bad = |given: &Value| {
            ApiFailure::new(
                codes::INVALID_PARAMETER,
                format!("The parameter `{name}` must be an integer, got: {given}."),
            )
        };
        match self.body.get(name) {
            None | Some(Value::Null) => Ok(None),
            Some(v @ Value::Number(n)) => parse_integer(&n.to_string())
                .map(Some)
                .ok_or_else(|| bad(v)),
            Some(v @ Value::String(s)) => parse_integer(s.trim()).map(Some).ok_or_else(|| bad(v)),
            Some(other) => Err(bad(other)),
        }
    }

    /// A required integer.
    pub fn required_integer(&self, name: &str) -> Result<i64, ApiFailure> {
        self.integer(name)?.ok_or_else(|| Self::missing(name))
    }
}

/// Decimal digits with an optional sign; saturates instead of overflowing.
fn parse_integer(text: &str) -> Option<i64> {
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(match digits.parse::<i64>() {
        Ok(n) if negative => -n,
        Ok(n) => n,
        Err(_) if negative => i64::MIN,
        Err(_) => i64::MAX,
    })
}

/// Parses a body as a JSON object; anything else is `InvalidParameter`.
pub fn parse_body(body: &[u8]) -> Result<Map<String, Value>, ApiFailure> {
    match serde_json::from_slice::<Value>(body) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(_) => Err(ApiFailure::new(
            codes::INVALID_PARAMETER,
            "The request body must be a JSON object.",
        )),
        Err(e) => Err(ApiFailure::new(
            codes::INVALID_PARAMETER,
            format!("The request body is not valid JSON: {e}."),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_from_numbers_and_strings() {
        assert_eq!(parse_integer("10"), Some(10));
        assert_eq!(parse_integer("-3"), Some(-3));
        assert_eq!(parse_integer("99999999999999999999999"), Some(i64::MAX));
        assert_eq!(parse_integer("1.5"), None);
        assert_eq!(parse_integer("1e3"), None);
        assert_eq!(parse_integer(""), None);
        assert_eq!(parse_integer("ten"), None);
    }

    #[test]
    fn unknown_missing_and_wrong_types() {
        let body = parse_body(br#"{"A":"x","B":"12","C":true,"D":2.5}"#).unwrap();
        assert_eq!(
            Params::new(&body, &["A"]).err().unwrap().code,
            "UnknownParameter"
        );
        let p = Params::new(&body, &["A", "B", "C", "D", "E"]).unwrap();
        assert_eq!(p.required_string("A").unwrap(), "x");
        assert_eq!(p.required_integer("B").unwrap(), 12);
        assert_eq!(p.string("C").err().unwrap().code, "InvalidParameter");
        assert_eq!(p.integer("D").err().unwrap().code, "InvalidParameter");
        assert_eq!(
            p.required_string("E").err().unwrap().code,
            "MissingParameter"
        );
        assert_eq!(parse_body(b"[1]").err().unwrap().code, "InvalidParameter");
        assert_eq!(parse_body(b"{").err().unwrap().code, "InvalidParameter");
    }
}
