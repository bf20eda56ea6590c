//! The recorded-catalogue file, `format_version` 1: what `gaap-emulator record`
//! writes and `gaap-emulator --catalogue FILE` serves (the layout is documented in the
//! crate's README, "Recorded catalogues"). A JSON object:
//!
//! - `format_version`: 1. A change of the layout that an older emulator could
//!   misread gets a new number; this emulator refuses any other.
//! - `endpoint`: the API the answers came from (`scheme://host[:port]`).
//! - `recorded_at`: when, RFC 3339 in UTC.
//! - `dest_regions`: `DescribeDestRegions` answers, a list of
//!   `{"request": {...}, "response": {...}}`, the request as sent (`{}` or
//!   `{"QualityType": 1}`);
//! - `access_regions`: `DescribeAccessRegionsByDestRegion` answers, the same shape
//!   (`{"DestRegion": "...", "IPAddressVersion": "IPv6", "PackageType": "..."}`, the
//!   options only when sent).
//!
//! A `response` is the API's `Response` object as answered, every field kept (nulls
//! and fields no SDK models included), without `RequestId` (a fresh one is served on
//! every call); or an answered error, `{"Error": {"Code": "...", "Message": "..."}}`.
//!
//! Written deterministically: the entries sorted by request (unset first), the keys
//! of every response sorted, lists of numbers and strings on one line; so the same
//! catalogue recorded twice gives the same file but for `recorded_at`.
//!
//! Read strictly where the emulator relies on the shape (the keys above, the
//! requests, the region lists and the fields `CheckProxyCreate` reads: `RegionId`,
//! `BandwidthList`, `ConcurrentList`, `SupportFeature.NetworkType`, each of which may
//! be null) and verbatim elsewhere. A problem is an error naming where it is, never a
//! panic.

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::{Map, Value};
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

use super::answers::{
    quality_key, AccessOptions, Answer, Catalogue, ACCESS_REGION_SET, DEST_REGION_SET, IP_VERSIONS,
    PACKAGE_TYPES,
};

/// The layout this emulator reads and writes.
pub const FORMAT_VERSION: u64 = 1;

/// The top-level keys, in the order they are written.
const KEYS: [&str; 5] = [
    "format_version",
    "endpoint",
    "recorded_at",
    "dest_regions",
    "access_regions",
];

/// A recorded catalogue and where and when it was recorded.
#[derive(Debug, Clone, PartialEq)]
pub struct CatalogueFile {
    /// `scheme://host[:port]` of the API answering.
    pub endpoint: String,
    pub recorded_at: OffsetDateTime,
    pub catalogue: Catalogue,
}

/// Why a catalogue file cannot be served.
#[derive(Debug, thiserror::Error)]
pub enum CatalogueError {
    #[error("cannot read the catalogue file {path}: {source}")]
    Read {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("the catalogue file is not valid JSON: {0}")]
    Json(#[source] serde_json::Error),
    #[error(
        "the catalogue file has format_version {found}; this gaap-emulator reads \
         format_version {FORMAT_VERSION} only (record the catalogue again with this \
         gaap-emulator, or use the gaap-emulator that wrote it)"
    )]
    Version { found: String },
    #[error("the catalogue file does not have the recorded layout: {at}: {problem}")]
    Shape { at: String, problem: String },
}

fn shape(at: impl Into<String>, problem: impl Into<String>) -> CatalogueError {
    CatalogueError::Shape {
        at: at.into(),
        problem: problem.into(),
    }
}

/// A JSON value's kind, for messages (never its content, which may be long).
fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

fn object<'a>(at: &str, v: &'a Value) -> Result<&'a Map<String, Value>, CatalogueError> {
    v.as_object()
        .ok_or_else(|| shape(at, format!("expected an object, got {}", kind(v))))
}

fn list<'a>(at: &str, v: Option<&'a Value>) -> Result<&'a [Value], CatalogueError> {
    match v {
        Some(Value::Array(items)) => Ok(items),
        Some(other) => Err(shape(at, format!("expected a list, got {}", kind(other)))),
        None => Err(shape(at, "missing")),
    }
}

/// Only `allowed` keys in `m`.
fn only(at: &str, m: &Map<String, Value>, allowed: &[&str]) -> Result<(), CatalogueError> {
    match m.keys().find(|k| !allowed.contains(&k.as_str())) {
        Some(k) => Err(shape(
            at,
            format!("unknown key `{k}`; allowed: {}", allowed.join(", ")),
        )),
        None => Ok(()),
    }
}

/// `m[key]` when it is present and not null.
fn present<'a>(m: &'a Map<String, Value>, key: &str) -> Option<&'a Value> {
    m.get(key).filter(|v| !v.is_null())
}

/// Null, absent, or a list whose items are null or pass `item`.
fn nullable_list(
    at: &str,
    v: Option<&Value>,
    what: &str,
    item: fn(&Value) -> bool,
) -> Result<(), CatalogueError> {
    match v {
        None | Some(Value::Null) => Ok(()),
        Some(Value::Array(items)) => match items.iter().position(|i| !i.is_null() && !item(i)) {
            Some(n) => Err(shape(
                format!("{at}[{n}]"),
                format!("expected {what} or null, got {}", kind(&items[n])),
            )),
            None => Ok(()),
        },
        Some(other) => Err(shape(
            at,
            format!("expected a list or null, got {}", kind(other)),
        )),
    }
}

fn is_integer(v: &Value) -> bool {
    v.as_i64().is_some()
}

fn nullable_string(at: &str, v: Option<&Value>) -> Result<Option<String>, CatalogueError> {
    match v {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(other) => Err(shape(
            at,
            format!("expected a string or null, got {}", kind(other)),
        )),
    }
}

/// The fields of one region entry that the emulator reads.
fn check_region(at: &str, entry: &Value, access: bool) -> Result<(), CatalogueError> {
    let entry = match entry {
        Value::Null => return Ok(()),
        other => object(at, other)?,
    };
    nullable_string(&format!("{at}.RegionId"), entry.get("RegionId"))?;
    if access {
        for key in ["BandwidthList", "ConcurrentList"] {
            nullable_list(
                &format!("{at}.{key}"),
                entry.get(key),
                "an integer",
                is_integer,
            )?;
        }
    } else if let Some(feature) = present(entry, "SupportFeature") {
        let at = format!("{at}.SupportFeature");
        let feature = object(&at, feature)?;
        nullable_list(
            &format!("{at}.NetworkType"),
            feature.get("NetworkType"),
            "a string",
            Value::is_string,
        )?;
    }
    Ok(())
}

/// One recorded `Response`: an error, or an answer whose region list (`set`) is null,
/// absent or a list of region entries.
fn check_response(at: &str, v: &Value, set: &str) -> Result<Answer, CatalogueError> {
    let response = object(at, v)?;
    if let Some(error) = response.get("Error") {
        let at = format!("{at}.Error");
        let error = object(&at, error)?;
        match error.get("Code") {
            Some(Value::String(code)) if !code.is_empty() => {}
            _ => return Err(shape(format!("{at}.Code"), "expected a non-empty string")),
        }
        nullable_string(&format!("{at}.Message"), error.get("Message"))?;
    } else if let Some(regions) = present(response, set) {
        let at = format!("{at}.{set}");
        for (n, entry) in list(&at, Some(regions))?.iter().enumerate() {
            check_region(&format!("{at}[{n}]"), entry, set == ACCESS_REGION_SET)?;
        }
    }
    let mut answer = response.clone();
    // Served with a fresh one every time.
    answer.shift_remove("RequestId");
    Ok(answer)
}

/// One `{"request": {...}, "response": {...}}` of a list, and where it is.
struct Entry<'a> {
    at: String,
    request: &'a Map<String, Value>,
    response: &'a Value,
}

/// Each entry of `list_key`, checked.
fn entries<'a>(
    top: &'a Map<String, Value>,
    list_key: &str,
) -> Result<Vec<Entry<'a>>, CatalogueError> {
    list(list_key, top.get(list_key))?
        .iter()
        .enumerate()
        .map(|(n, entry)| {
            let at = format!("{list_key}[{n}]");
            let m = object(&at, entry)?;
            only(&at, m, &["request", "response"])?;
            let request = m
                .get("request")
                .ok_or_else(|| shape(&at, "missing `request`"))?;
            let request = object(&format!("{at}.request"), request)?;
            let response = m
                .get("response")
                .ok_or_else(|| shape(&at, "missing `response`"))?;
            Ok(Entry {
                at,
                request,
                response,
            })
        })
        .collect()
}

fn enum_value(
    at: &str,
    request: &Map<String, Value>,
    key: &str,
    allowed: &[&str],
) -> Result<Option<String>, CatalogueError> {
    let at = format!("{at}.request.{key}");
    match nullable_string(&at, request.get(key))? {
        Some(v) if !allowed.contains(&v.as_str()) => Err(shape(
            at,
            format!("`{v}` is not one of {}", allowed.join(", ")),
        )),
        v => Ok(v),
    }
}

/// Reads a catalogue file's text.
pub fn parse(text: &str) -> Result<CatalogueFile, CatalogueError> {
    let value: Value = serde_json::from_str(text).map_err(CatalogueError::Json)?;
    let top = object("the top level", &value)?;
    match top.get("format_version") {
        None => {
            return Err(shape(
                "format_version",
                format!("missing; a recorded catalogue says \"format_version\": {FORMAT_VERSION}"),
            ))
        }
        Some(v) if v.as_u64() == Some(FORMAT_VERSION) => {}
        Some(other) => {
            return Err(CatalogueError::Version {
                found: other.to_string(),
            })
        }
    }
    only("the top level", top, &KEYS)?;
    let endpoint = match top.get("endpoint") {
        Some(Value::String(e)) => e.clone(),
        Some(other) => {
            return Err(shape(
                "endpoint",
                format!("expected a string, got {}", kind(other)),
            ))
        }
        None => return Err(shape("endpoint", "missing")),
    };
    let recorded_at = match top.get("recorded_at") {
        Some(Value::String(t)) => OffsetDateTime::parse(t, &Rfc3339)
            .map_err(|e| shape("recorded_at", format!("not an RFC 3339 time ({e})")))?,
        Some(other) => {
            return Err(shape(
                "recorded_at",
                format!("expected a string, got {}", kind(other)),
            ))
        }
        None => return Err(shape("recorded_at", "missing")),
    };

    let mut dest: BTreeMap<Option<i64>, Answer> = BTreeMap::new();
    let mut dest_at: BTreeMap<Option<i64>, String> = BTreeMap::new();
    for Entry {
        at,
        request,
        response,
    } in entries(top, "dest_regions")?
    {
        only(&format!("{at}.request"), request, &["QualityType"])?;
        let quality = match request.get("QualityType") {
            None | Some(Value::Null) => None,
            Some(v) => match v.as_i64() {
                Some(q @ 0..=1) => Some(q),
                _ => {
                    return Err(shape(
                        format!("{at}.request.QualityType"),
                        "expected 0, 1 or null",
                    ))
                }
            },
        };
        let answer = check_response(&format!("{at}.response"), response, DEST_REGION_SET)?;
        let key = quality_key(quality);
        if let Some(first) = dest_at.insert(key, at.clone()) {
            return Err(shape(
                at,
                format!(
                    "the same request as {first} (QualityType 0 is the default, the same as unset)"
                ),
            ));
        }
        dest.insert(key, answer);
    }

    let mut access: BTreeMap<String, BTreeMap<AccessOptions, Answer>> = BTreeMap::new();
    let mut access_at: BTreeMap<(String, AccessOptions), String> = BTreeMap::new();
    for Entry {
        at,
        request,
        response,
    } in entries(top, "access_regions")?
    {
        only(
            &format!("{at}.request"),
            request,
            &["DestRegion", "IPAddressVersion", "PackageType"],
        )?;
        let origin = match request.get("DestRegion") {
            Some(Value::String(d)) if !d.is_empty() => d.clone(),
            _ => {
                return Err(shape(
                    format!("{at}.request.DestRegion"),
                    "expected a non-empty string",
                ))
            }
        };
        let ip_version = enum_value(&at, request, "IPAddressVersion", IP_VERSIONS)?;
        let package = enum_value(&at, request, "PackageType", PACKAGE_TYPES)?;
        let options = AccessOptions::new(ip_version.as_deref(), package.as_deref());
        let answer = check_response(&format!("{at}.response"), response, ACCESS_REGION_SET)?;
        if let Some(first) = access_at.insert((origin.clone(), options.clone()), at.clone()) {
            return Err(shape(at, format!("the same request as {first} (IPAddressVersion IPv4 is the default, the same as unset)")));
        }
        access.entry(origin).or_default().insert(options, answer);
    }
    Ok(CatalogueFile {
        endpoint,
        recorded_at,
        catalogue: Catalogue::from_answers(dest, access),
    })
}

/// Reads and checks the catalogue file at `path`.
pub fn load(path: &Path) -> Result<CatalogueFile, CatalogueError> {
    let text = std::fs::read_to_string(path).map_err(|source| CatalogueError::Read {
        path: path.display().to_string(),
        source,
    })?;
    parse(&text)
}

/// A copy of `v` with the keys of every object sorted.
fn sorted(v: &Value) -> Value {
    match v {
        Value::Object(m) => {
            let mut keys: Vec<&String> = m.keys().collect();
            keys.sort();
            Value::Object(
                keys.into_iter()
                    .map(|k| (k.clone(), sorted(&m[k])))
                    .collect(),
            )
        }
        Value::Array(items) => Value::Array(items.iter().map(sorted).collect()),
        other => other.clone(),
    }
}

fn entry(request: Map<String, Value>, response: &Answer) -> Value {
    let mut m = Map::new();
    m.insert("request".into(), Value::Object(request));
    m.insert("response".into(), sorted(&Value::Object(response.clone())));
    Value::Object(m)
}

/// The file's JSON value, in the documented order.
pub fn to_value(file: &CatalogueFile) -> Value {
    let catalogue = &file.catalogue;
    let dest: Vec<Value> = catalogue
        .dest_answers()
        .iter()
        .map(|(quality, answer)| {
            let mut request = Map::new();
            if let Some(q) = quality {
                request.insert("QualityType".into(), Value::from(*q));
            }
            entry(request, answer)
        })
        .collect();
    let access: Vec<Value> = catalogue
        .access_answers()
        .iter()
        .flat_map(|(origin, by_options)| {
            by_options.iter().map(move |(options, answer)| {
                let mut request = Map::new();
                request.insert("DestRegion".into(), Value::from(origin.as_str()));
                if let Some(ip) = &options.ip_version {
                    request.insert("IPAddressVersion".into(), Value::from(ip.as_str()));
                }
                if let Some(package) = &options.package {
                    request.insert("PackageType".into(), Value::from(package.as_str()));
                }
                entry(request, answer)
            })
        })
        .collect();
    let recorded_at = file
        .recorded_at
        .format(&Rfc3339)
        .unwrap_or_else(|_| file.recorded_at.unix_timestamp().to_string());
    let values = [
        Value::from(FORMAT_VERSION),
        Value::from(file.endpoint.as_str()),
        Value::from(recorded_at),
        Value::Array(dest),
        Value::Array(access),
    ];
    Value::Object(KEYS.iter().map(|k| k.to_string()).zip(values).collect())
}

/// The file's text: two-space indents, one key per line, a list of numbers, strings,
/// booleans and nulls on one line (so the bandwidth lists stay readable in a diff),
/// a final newline.
pub fn render(file: &CatalogueFile) -> String {
    let mut out = String::new();
    write_value(&mut out, &to_value(file), 0);
    out.push('\n');
    out
}

fn scalar(v: &Value) -> String {
    // Serializing a scalar cannot fail; the fallback keeps it so.
    serde_json::to_string(v).unwrap_or_else(|_| "null".to_owned())
}

fn indent(out: &mut String, depth: usize) {
    out.push('\n');
    out.extend(std::iter::repeat_n("  ", depth));
}

fn write_value(out: &mut String, v: &Value, depth: usize) {
    match v {
        Value::Object(m) if m.is_empty() => out.push_str("{}"),
        Value::Object(m) => {
            out.push('{');
            for (n, (k, v)) in m.iter().enumerate() {
                if n > 0 {
                    out.push(',');
                }
                indent(out, depth + 1);
                out.push_str(&scalar(&Value::String(k.clone())));
                out.push_str(": ");
                write_value(out, v, depth + 1);
            }
            indent(out, depth);
            out.push('}');
        }
        Value::Array(items) if items.iter().all(|i| !i.is_object() && !i.is_array()) => {
            let items: Vec<String> = items.iter().map(scalar).collect();
            out.push('[');
            out.push_str(&items.join(", "));
            out.push(']');
        }
        Value::Array(items) => {
            out.push('[');
            for (n, item) in items.iter().enumerate() {
                if n > 0 {
                    out.push(',');
                }
                indent(out, depth + 1);
                write_value(out, item, depth + 1);
            }
            indent(out, depth);
            out.push(']');
        }
        other => out.push_str(&scalar(other)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = r#"{"format_version":1,"endpoint":"https://gaap.intl.tencentcloudapi.com",
        "recorded_at":"2025-01-02T03:04:05Z","dest_regions":[],"access_regions":[]}"#;

    fn with(key: &str, value: &str) -> String {
        let mut v: Value = serde_json::from_str(MINIMAL).unwrap();
        v[key] = serde_json::from_str(value).unwrap();
        v.to_string()
    }

    fn problem(text: &str) -> String {
        parse(text).map(|_| ()).unwrap_err().to_string()
    }

    #[test]
    fn built_in_round_trips_and_renders_deterministically() {
        let file = CatalogueFile {
            endpoint: "http://127.0.0.1:1".into(),
            recorded_at: OffsetDateTime::from_unix_timestamp(1_700_000_000).unwrap(),
            catalogue: (*Catalogue::built_in()).clone(),
        };
        let text = render(&file);
        assert!(text.starts_with("{\n  \"format_version\": 1,\n  \"endpoint\": \"http://127.0.0.1:1\",\n  \"recorded_at\": \"2023-11-14T22:13:20Z\",\n"), "{}", &text[..200]);
        assert!(
            text.contains("\"BandwidthList\": [10, 20, 50,"),
            "lists on one line"
        );
        let back = parse(&text).unwrap();
        assert_eq!(back, file);
        assert_eq!(render(&back), text);
        // Keys sorted within responses, requests in the API's order.
        assert!(text.contains("\"request\": {\n        \"DestRegion\": \"EastChina\",\n        \"IPAddressVersion\": \"IPv6\",\n        \"PackageType\": \"Accelerator\"\n      }"));
        let first = text.find("\"BandwidthList\"").unwrap();
        assert!(text[first..].find("\"ConcurrentList\"") < text[first..].find("\"RegionId\""));
    }

    #[test]
    fn verbatim_answers_keep_nulls_and_unknown_fields_and_drop_request_id() {
        let text = with(
            "access_regions",
            r#"[{"request":{"DestRegion":"NorthChina","IPAddressVersion":"IPv4"},
                "response":{"AccessRegionSet":[null,{"RegionId":null,"BandwidthList":null,"ConcurrentList":[1,null],"Novel":{"x":[1]}}],
                "TotalCount":null,"RequestId":"old"}}]"#,
        );
        let file = parse(&text).unwrap();
        let answer = file
            .catalogue
            .access_regions("NorthChina", &AccessOptions::new(None, None))
            .unwrap();
        assert_eq!(
            Value::Object(answer.clone()),
            serde_json::json!({"AccessRegionSet":[null,{"RegionId":null,"BandwidthList":null,"ConcurrentList":[1,null],"Novel":{"x":[1]}}],"TotalCount":null})
        );
    }

    #[test]
    fn wrong_versions_json_and_shapes_are_refused_with_where() {
        let cases: Vec<(String, &str)> = vec![
            (
                with("format_version", "2"),
                "format_version 2; this gaap-emulator reads format_version 1",
            ),
            (with("format_version", "\"1\""), "format_version \"1\""),
            (
                MINIMAL.replace("\"format_version\":1,", ""),
                "format_version: missing",
            ),
            ("{\"format_version\":1,".to_owned(), "not valid JSON"),
            (
                "[]".to_owned(),
                "the top level: expected an object, got a list",
            ),
            (with("extra", "1"), "unknown key `extra`"),
            (with("endpoint", "3"), "endpoint: expected a string"),
            (
                with("recorded_at", "\"yesterday\""),
                "recorded_at: not an RFC 3339 time",
            ),
            (
                with("dest_regions", "{}"),
                "dest_regions: expected a list, got an object",
            ),
            (
                with("dest_regions", "[1]"),
                "dest_regions[0]: expected an object",
            ),
            (
                with("dest_regions", r#"[{"request":{}}]"#),
                "dest_regions[0]: missing `response`",
            ),
            (
                with(
                    "dest_regions",
                    r#"[{"request":{"QualityType":3},"response":{}}]"#,
                ),
                "dest_regions[0].request.QualityType",
            ),
            (
                with(
                    "dest_regions",
                    r#"[{"request":{},"response":{}},{"request":{"QualityType":0},"response":{}}]"#,
                ),
                "dest_regions[1]: the same request as dest_regions[0]",
            ),
            (
                with(
                    "dest_regions",
                    r#"[{"request":{},"response":{"DestRegionSet":"all"}}]"#,
                ),
                "dest_regions[0].response.DestRegionSet: expected a list, got a string",
            ),
            (
                with(
                    "dest_regions",
                    r#"[{"request":{},"response":{"DestRegionSet":[{"SupportFeature":{"NetworkType":[1]}}]}}]"#,
                ),
                "DestRegionSet[0].SupportFeature.NetworkType[0]: expected a string or null",
            ),
            (
                with("access_regions", r#"[{"request":{},"response":{}}]"#),
                "access_regions[0].request.DestRegion: expected a non-empty string",
            ),
            (
                with(
                    "access_regions",
                    r#"[{"request":{"DestRegion":"A","PackageType":"Gold"},"response":{}}]"#,
                ),
                "`Gold` is not one of Thunder",
            ),
            (
                with(
                    "access_regions",
                    r#"[{"request":{"DestRegion":"A","Region":"x"},"response":{}}]"#,
                ),
                "unknown key `Region`",
            ),
            (
                with(
                    "access_regions",
                    r#"[{"request":{"DestRegion":"A"},"response":[]}]"#,
                ),
                "access_regions[0].response: expected an object, got a list",
            ),
            (
                with(
                    "access_regions",
                    r#"[{"request":{"DestRegion":"A"},"response":{"AccessRegionSet":[{"RegionId":7}]}}]"#,
                ),
                "AccessRegionSet[0].RegionId: expected a string or null, got a number",
            ),
            (
                with(
                    "access_regions",
                    r#"[{"request":{"DestRegion":"A"},"response":{"AccessRegionSet":[{"BandwidthList":["10"]}]}}]"#,
                ),
                "AccessRegionSet[0].BandwidthList[0]: expected an integer or null, got a string",
            ),
            (
                with(
                    "access_regions",
                    r#"[{"request":{"DestRegion":"A"},"response":{"Error":{"Message":"x"}}}]"#,
                ),
                "response.Error.Code",
            ),
        ];
        for (text, expected) in cases {
            let got = problem(&text);
            assert!(got.contains(expected), "{expected:?} not in {got:?}");
        }
    }

    #[test]
    fn recorded_errors_are_kept() {
        let text = with(
            "access_regions",
            r#"[{"request":{"DestRegion":"A","PackageType":"CrossBorder"},"response":{"Error":{"Code":"UnsupportedOperation","Message":"m"}}}]"#,
        );
        let file = parse(&text).unwrap();
        let answer = file
            .catalogue
            .access_regions("A", &AccessOptions::new(None, Some("CrossBorder")))
            .unwrap();
        assert_eq!(
            crate::answers::served(answer).unwrap_err().code,
            "UnsupportedOperation"
        );
        assert_eq!(parse(&render(&file)).unwrap(), file);
    }
}
