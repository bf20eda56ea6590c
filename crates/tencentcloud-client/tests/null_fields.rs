//! Every field of every response may be JSON `null` (the SDKs model every response
//! field as nullable), and a `null` is the field being absent: for each action's
//! answer, each field and each list element in turn is set to `null`, and the answer
//! must parse exactly as it does with that field left out, or, for the few fields an
//! answer cannot do without, be an invalid answer that carries the RequestId.

use serde_json::{json, Value};
use tencentcloud_client::action::Action;
use tencentcloud_client::gaap::check_proxy_create::CheckProxyCreateRequest;
use tencentcloud_client::gaap::describe_access_regions_by_dest_region::DescribeAccessRegionsByDestRegionRequest;
use tencentcloud_client::gaap::describe_dest_regions::DescribeDestRegionsRequest;
use tencentcloud_client::gaap::inquiry_price_create_proxy::InquiryPriceCreateProxyRequest;
use tencentcloud_client::response::parse_answer;
use tencentcloud_client::sts::assume_role::AssumeRoleRequest;
use tencentcloud_client::sts::assume_role_with_saml::AssumeRoleWithSamlRequest;
use tencentcloud_client::sts::assume_role_with_web_identity::AssumeRoleWithWebIdentityRequest;
use tencentcloud_client::sts::get_caller_identity::GetCallerIdentityRequest;
use tencentcloud_client::sts::get_session_token::GetSessionTokenRequest;
use tencentcloud_client::ClientError;

const ENDPOINT: &str = "https://gaap.example";
const REQUEST_ID: &str = "6ae2a1d7-6b2f-4bf0-a2c5-3a3b1c0e2f11";

/// One step into a JSON value: an object member or an array element.
#[derive(Debug, Clone)]
enum Step {
    Member(String),
    Element(usize),
}

/// Every path in `value`, parents before children.
fn paths(value: &Value, prefix: Vec<Step>, out: &mut Vec<Vec<Step>>) {
    let children: Vec<(Step, &Value)> = match value {
        Value::Object(m) => m
            .iter()
            .map(|(k, v)| (Step::Member(k.clone()), v))
            .collect(),
        Value::Array(a) => a
            .iter()
            .enumerate()
            .map(|(i, v)| (Step::Element(i), v))
            .collect(),
        _ => return,
    };
    for (step, child) in children {
        let mut path = prefix.clone();
        path.push(step);
        out.push(path.clone());
        paths(child, path, out);
    }
}

/// `value` with the node at `path` replaced (`Some`) or removed (`None`).
fn edit(value: &Value, path: &[Step], replacement: Option<Value>) -> Value {
    let mut copy = value.clone();
    let mut node = &mut copy;
    for step in &path[..path.len() - 1] {
        node = match step {
            Step::Member(k) => &mut node[k.as_str()],
            Step::Element(i) => &mut node[*i],
        };
    }
    match (path.last().unwrap(), replacement, node) {
        (Step::Member(k), Some(v), Value::Object(m)) => {
            m.insert(k.clone(), v);
        }
        (Step::Member(k), None, Value::Object(m)) => {
            m.remove(k);
        }
        (Step::Element(i), Some(v), Value::Array(a)) => a[*i] = v,
        (Step::Element(i), None, Value::Array(a)) => {
            a.remove(*i);
        }
        (step, _, node) => panic!("{step:?} does not fit {node}"),
    }
    copy
}

fn dotted(path: &[Step]) -> String {
    path.iter()
        .map(|s| match s {
            Step::Member(k) => k.clone(),
            Step::Element(i) => format!("[{i}]"),
        })
        .collect::<Vec<_>>()
        .join(".")
}

fn parse<A: Action>(response: &Value) -> Result<A::Response, ClientError>
where
    A::Response: std::fmt::Debug,
{
    let body = serde_json::to_vec(&json!({ "Response": response })).unwrap();
    parse_answer::<A>(ENDPOINT, 200, &body).map(|(answer, _)| answer)
}

/// The rule, for action `A`: `full` is an answer with every field the action's
/// models document; `required` the dotted paths an answer cannot do without.
fn every_field_may_be_null<A: Action>(full: Value, required: &[&str])
where
    A::Response: std::fmt::Debug + PartialEq,
{
    assert!(
        parse::<A>(&full).is_ok(),
        "{}: the full answer parses",
        A::ACTION
    );
    let mut all = Vec::new();
    paths(&full, Vec::new(), &mut all);
    assert!(all.len() >= 2, "{}: a sample with fields", A::ACTION);
    for path in &all {
        let name = dotted(path);
        let nulled = parse::<A>(&edit(&full, path, Some(Value::Null)));
        if required.contains(&name.as_str()) {
            match nulled {
                Err(ClientError::InvalidResponse { request_id, .. }) => {
                    assert_eq!(request_id, REQUEST_ID, "{}: {name}", A::ACTION)
                }
                other => panic!("{}: null {name} must be invalid, got {other:?}", A::ACTION),
            }
            continue;
        }
        let absent = parse::<A>(&edit(&full, path, None));
        match (nulled, absent) {
            (Ok(nulled), Ok(absent)) => {
                assert_eq!(nulled, absent, "{}: null {name} is absent", A::ACTION)
            }
            (nulled, absent) => panic!(
                "{}: null {name} must parse as absent: {nulled:?} / {absent:?}",
                A::ACTION
            ),
        }
    }
    // Every field that may be null, null at once (the top-level members: their
    // children go with them).
    let mut sparse = full.clone();
    for (key, value) in sparse.as_object_mut().unwrap() {
        if !required
            .iter()
            .any(|r| r == key || r.starts_with(&format!("{key}.")))
        {
            *value = Value::Null;
        }
    }
    assert!(
        parse::<A>(&sparse).is_ok(),
        "{}: every optional field null: {sparse}",
        A::ACTION
    );
}

#[test]
fn check_proxy_create() {
    every_field_may_be_null::<CheckProxyCreateRequest>(
        json!({ "CheckFlag": 1, "RequestId": REQUEST_ID }),
        &["CheckFlag"],
    );
}

fn region(extra: Value) -> Value {
    let mut r = json!({
        "RegionId": "NorthChina",
        "RegionName": "North China",
        "RegionArea": "NorthChina",
        "RegionAreaName": "North China",
        "IDCType": "dc",
        "FeatureBitmap": 207,
    });
    r.as_object_mut()
        .unwrap()
        .extend(extra.as_object().unwrap().clone());
    r
}

#[test]
fn describe_dest_regions() {
    let entry = region(json!({ "SupportFeature": { "NetworkType": ["normal", "cn2"] } }));
    every_field_may_be_null::<DescribeDestRegionsRequest>(
        json!({ "TotalCount": 2, "DestRegionSet": [entry.clone(), entry], "RequestId": REQUEST_ID }),
        &[],
    );
}

#[test]
fn describe_access_regions_by_dest_region() {
    let entry = region(json!({
        "ConcurrentList": [2, 5, 10, 20, 30],
        "BandwidthList": [10, 20, 50, 100, 200, 500, 1000],
    }));
    every_field_may_be_null::<DescribeAccessRegionsByDestRegionRequest>(
        json!({ "TotalCount": 2, "AccessRegionSet": [entry.clone(), entry], "RequestId": REQUEST_ID }),
        &[],
    );
}

#[test]
fn inquiry_price_create_proxy() {
    let tier = |range: Value, price: f64| json!({ "BandwidthRange": range, "BandwidthUnitPrice": price, "DiscountBandwidthUnitPrice": price * 0.8 });
    every_field_may_be_null::<InquiryPriceCreateProxyRequest>(
        json!({
            "ProxyDailyPrice": 80.64,
            "DiscountProxyDailyPrice": 64.512,
            "BandwidthUnitPrice": [tier(json!([0, 20]), 130.0), tier(json!([20, -1]), 90.0)],
            "Currency": "CNY",
            "FlowUnitPrice": 0.8,
            "DiscountFlowUnitPrice": 0.64,
            "Cn2BandwidthPrice": 20,
            "Cn2BandwidthPriceWithDiscount": 16,
            "RequestId": REQUEST_ID,
        }),
        &[],
    );
}

fn temporary_credential() -> Value {
    json!({
        "Credentials": {
            "Token": "token-value",
            "TmpSecretId": "AKIDtemporary",
            "TmpSecretKey": "temporary-key",
        },
        "ExpiredTime": 1_800_000_000,
        "Expiration": "2027-01-15T08:00:00Z",
        "RequestId": REQUEST_ID,
    })
}

/// What a login cannot do without: the credential and when it expires.
const CREDENTIAL_FIELDS: &[&str] = &[
    "Credentials",
    "Credentials.Token",
    "Credentials.TmpSecretId",
    "Credentials.TmpSecretKey",
    "ExpiredTime",
];

#[test]
fn sts_logins() {
    every_field_may_be_null::<AssumeRoleRequest>(temporary_credential(), CREDENTIAL_FIELDS);
    every_field_may_be_null::<AssumeRoleWithSamlRequest>(temporary_credential(), CREDENTIAL_FIELDS);
    every_field_may_be_null::<AssumeRoleWithWebIdentityRequest>(
        temporary_credential(),
        CREDENTIAL_FIELDS,
    );
    every_field_may_be_null::<GetSessionTokenRequest>(temporary_credential(), CREDENTIAL_FIELDS);
}

#[test]
fn sts_get_caller_identity() {
    every_field_may_be_null::<GetCallerIdentityRequest>(
        json!({
            "Arn": "qcs::cam::uin/100000000001:uin/100000000001",
            "AccountId": "100000000001",
            "UserId": "100000000001",
            "PrincipalId": "100000000001",
            "Type": "RootAccount",
            "RequestId": REQUEST_ID,
        }),
        &["AccountId"],
    );
}

/// A null envelope, or a `CheckFlag` the API does not document, is an invalid answer.
#[test]
fn null_envelope_and_undocumented_check_flags_are_invalid() {
    let parsed = parse_answer::<CheckProxyCreateRequest>(ENDPOINT, 200, br#"{"Response":null}"#);
    assert!(
        matches!(parsed, Err(ClientError::InvalidResponse { .. })),
        "{parsed:?}"
    );
    for flag in [json!(2), json!(-1), json!(i64::MAX), json!(1.5), json!("1")] {
        let answer = json!({ "CheckFlag": flag, "RequestId": REQUEST_ID });
        match parse::<CheckProxyCreateRequest>(&answer) {
            Err(ClientError::InvalidResponse {
                request_id, reason, ..
            }) => {
                assert_eq!(request_id, REQUEST_ID);
                // An integer is checked by value, and the reason names it.
                assert!(!flag.is_i64() || reason.contains("CheckFlag"), "{reason}");
            }
            other => panic!("CheckFlag {flag}: {other:?}"),
        }
    }
}
