//! The provider's attribute validators ([`Check`]), each a framework [`Validator`]: it
//! skips null and unknown values, describes itself in one lowercase phrase (used in
//! error details and in docs), and reports at most one problem per value, on the
//! attribute's path, saying what was given ("Attribute bandwidth value must be at
//! least 1, got: 0").

use std::cmp::Ordering;

use crate::protocol::validator::{Validator, INVALID_VALUE, INVALID_VALUE_MATCH};
use crate::protocol::{Number, Value};
use tencentcloud_client::endpoint::{
    is_localhost_name, is_loopback_host, redacted, LOCALHOST_REFUSED,
};

/// One check of a known, non-null value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Check {
    /// A string equal to one of these (case-sensitive, as the API compares).
    OneOf(&'static [&'static str]),
    /// A whole number within `min..=max` (`max` `None` means no upper bound); `unit`
    /// (`" of seconds"`) is said after "a whole number".
    WholeInRange {
        min: i64,
        max: Option<i64>,
        unit: &'static str,
    },
    /// A number greater than 0 and at most `max` (fractions allowed); `unit` as above.
    PositiveUpTo { max: i64, unit: &'static str },
    /// A number within `min..=max` (fractions allowed); `min` is decimal text (such
    /// as `"0.1"`) compared exactly, as Terraform sends such a number as text;
    /// `unit` as above.
    NumberBetween {
        min: &'static str,
        max: i64,
        unit: &'static str,
    },
    /// A non-empty string.
    NonEmpty,
    /// A non-empty string of ASCII letters, digits, `_` and `-` (GAAP region names).
    RegionName,
    /// A string that may be empty but is otherwise made of ASCII letters, digits, `_`
    /// and `-` (API regions such as `ap-guangzhou`).
    RegionNameOrEmpty,
    /// A string without whitespace at either end. The value is never echoed, as this
    /// guards secrets (a pasted key with a trailing newline is a common mistake).
    NoSurroundingWhitespace,
    /// An absolute `https://` URL, or `http://` to a literal loopback address (not
    /// the name `localhost`, which a resolver may send elsewhere).
    ApiUrl,
    /// A DNS name such as `tencentcloudapi.com`: no scheme, path or port.
    DomainName,
    /// Between 2 and 128 characters of letters, digits and `+=,.@_-` (STS `RoleSessionName`).
    SessionName,
    /// Any absolute `http://` or `https://` URL (STS and metadata endpoint overrides:
    /// the CVM metadata service itself is plain http on a link-local name).
    HttpUrl,
}

impl Check {
    /// A whole number at least `min`.
    pub const fn at_least(min: i64) -> Check {
        Check::WholeInRange {
            min,
            max: None,
            unit: "",
        }
    }

    /// A whole number within `min..=max`.
    pub const fn between(min: i64, max: i64) -> Check {
        Check::WholeInRange {
            min,
            max: Some(max),
            unit: "",
        }
    }

    /// A number greater than 0 and at most `max`.
    pub const fn positive_up_to(max: i64) -> Check {
        Check::PositiveUpTo { max, unit: "" }
    }

    /// A number within `min..=max`, `min` given as decimal text (see
    /// [`Check::NumberBetween`]).
    pub const fn number_between(min: &'static str, max: i64) -> Check {
        Check::NumberBetween { min, max, unit: "" }
    }

    /// The same numeric check, saying what is counted (`" of seconds"`); other checks
    /// are returned unchanged.
    pub const fn of(self, unit: &'static str) -> Check {
        match self {
            Check::WholeInRange { min, max, .. } => Check::WholeInRange { min, max, unit },
            Check::PositiveUpTo { max, .. } => Check::PositiveUpTo { max, unit },
            Check::NumberBetween { min, max, .. } => Check::NumberBetween { min, max, unit },
            other => other,
        }
    }
}

impl Validator for Check {
    fn description(&self) -> String {
        match self {
            Check::OneOf(values) => {
                let quoted: Vec<String> = values.iter().map(|v| format!("{v:?}")).collect();
                format!("value must be one of: {}", quoted.join(", "))
            }
            Check::WholeInRange {
                min,
                max: None,
                unit,
            } => format!("value must be a whole number{unit} at least {min}"),
            Check::WholeInRange {
                min,
                max: Some(max),
                unit,
            } => format!("value must be a whole number{unit} between {min} and {max}"),
            Check::PositiveUpTo { max, unit } => {
                format!("value must be a number{unit} greater than 0 and at most {max}")
            }
            Check::NumberBetween { min, max, unit } => {
                format!("value must be a number{unit} between {min} and {max}")
            }
            Check::NonEmpty => "value must not be empty".to_owned(),
            Check::RegionName => {
                "value must be a non-empty string of letters, digits, \"_\" and \"-\"".to_owned()
            }
            Check::RegionNameOrEmpty => {
                "value must consist of letters, digits, \"_\" and \"-\"".to_owned()
            }
            Check::NoSurroundingWhitespace => {
                "value must not start or end with whitespace".to_owned()
            }
            Check::ApiUrl => "value must be an https:// URL (http:// only for a loopback \
                              address: 127.0.0.1 or ::1)"
                .to_owned(),
            Check::DomainName => {
                "value must be a domain name such as \"tencentcloudapi.com\", without scheme, \
                 port or path"
                    .to_owned()
            }
            Check::SessionName => "value must be 2 to 128 characters of letters, digits and \
                                   \"+=,.@_-\""
                .to_owned(),
            Check::HttpUrl => "value must be an absolute http:// or https:// URL".to_owned(),
        }
    }

    fn violation(&self, value: &Value) -> Option<String> {
        match value {
            Value::Null | Value::Unknown => None,
            Value::String(s) => self.check_string(s),
            Value::Number(n) => self.check_number(n),
            other => Some(format!("a value of the wrong kind ({})", kind(other))),
        }
    }

    fn summary(&self) -> &'static str {
        match self {
            Check::OneOf(_) => INVALID_VALUE_MATCH,
            _ => INVALID_VALUE,
        }
    }
}

impl Check {
    fn check_string(&self, s: &str) -> Option<String> {
        let given = || Some(format!("{s:?}"));
        let region_chars = |s: &str| {
            s.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        };
        match self {
            Check::OneOf(values) => (!values.contains(&s)).then(given).flatten(),
            Check::NonEmpty => s.is_empty().then(given).flatten(),
            Check::RegionName => (s.is_empty() || !region_chars(s)).then(given).flatten(),
            Check::RegionNameOrEmpty => (!region_chars(s)).then(given).flatten(),
            Check::NoSurroundingWhitespace => {
                let leading = s.len() - s.trim_start().len();
                let trailing = s.len() - s.trim_end().len();
                if leading == 0 && trailing == 0 {
                    return None;
                }
                Some(format!(
                    "a value with {leading} leading and {trailing} trailing whitespace \
                     character(s) (the value itself is not shown)"
                ))
            }
            Check::ApiUrl => api_url_problem(s).map(|why| format!("{:?} ({why})", redacted(s))),
            Check::DomainName => (!is_domain_name(s)).then(given).flatten(),
            Check::SessionName => {
                let ok = (2..=128).contains(&s.chars().count())
                    && s.chars()
                        .all(|c| c.is_ascii_alphanumeric() || "+=,.@_-".contains(c));
                (!ok).then(given).flatten()
            }
            Check::HttpUrl => {
                let ok = reqwest::Url::parse(s).is_ok_and(|u| {
                    matches!(u.scheme(), "http" | "https") && u.host_str().is_some()
                });
                (!ok).then(|| format!("{:?}", redacted(s)))
            }
            Check::WholeInRange { .. }
            | Check::PositiveUpTo { .. }
            | Check::NumberBetween { .. } => Some(format!("the string {s:?}, not a number")),
        }
    }

    fn check_number(&self, n: &Number) -> Option<String> {
        let ok = match self {
            Check::WholeInRange { min, max, .. } => {
                n.is_whole()
                    && n.cmp_i64(*min) != Ordering::Less
                    && max.is_none_or(|max| n.cmp_i64(max) != Ordering::Greater)
            }
            Check::PositiveUpTo { max, .. } => {
                n.cmp_i64(0) == Ordering::Greater && n.cmp_i64(*max) != Ordering::Greater
            }
            Check::NumberBetween { min, max, .. } => {
                // A constant of ours; an unparsable one fails every value, loudly.
                Number::parse(min).is_some_and(|min| *n >= min)
                    && n.cmp_i64(*max) != Ordering::Greater
            }
            _ => return Some(format!("the number {n}, not a string")),
        };
        (!ok).then(|| n.to_string())
    }
}

/// Why `s` is not an acceptable API URL, if it is not.
pub fn api_url_problem(s: &str) -> Option<&'static str> {
    let Ok(url) = reqwest::Url::parse(s) else {
        return Some("not an absolute URL");
    };
    let Some(host) = url.host_str() else {
        return Some("no host");
    };
    if !url.username().is_empty() || url.password().is_some() {
        return Some("credentials in a URL are not allowed");
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Some("a query or fragment is not allowed");
    }
    if url.path() != "/" && !url.path().is_empty() {
        return Some("the API is served at the root path \"/\"");
    }
    match url.scheme() {
        "https" => None,
        "http" if is_loopback_host(host) => None,
        "http" if is_localhost_name(host) => Some(LOCALHOST_REFUSED),
        "http" => Some("http:// is allowed only for loopback hosts"),
        _ => Some("the scheme must be https:// or http://"),
    }
}

/// Labels of letters, digits and inner hyphens, separated by dots, at least two labels.
pub fn is_domain_name(s: &str) -> bool {
    let labels: Vec<&str> = s.split('.').collect();
    s.len() <= 253
        && labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
                && !l.starts_with('-')
                && !l.ends_with('-')
        })
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Unknown => "unknown",
        Value::Null => "null",
        Value::Bool(_) => "bool",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::List(_) => "list",
        Value::Set(_) => "set",
        Value::Map(_) => "map",
        Value::Object(_) => "object",
        Value::Tuple(_) => "tuple",
        Value::Dynamic(..) => "dynamic",
    }
}

#[cfg(test)]
#[path = "validators_tests.rs"]
mod tests;
