//! From a wholly known `gaap_proxy_create_check` configuration to the API request,
//! and from the API's answer to the state Terraform stores.

use std::collections::BTreeMap;

use super::schema::attr as a;
use crate::protocol::{AttributePath, Diagnostics, Number, Value};
use crate::provider::validators::INVALID_VALUE;
use tencentcloud_client::{CheckProxyCreateRequest, CheckProxyCreateResponse};

/// The arguments, in schema order (everything a user can set).
pub const ARGUMENTS: &[&str] = &[
    a::ACCESS_REGION,
    a::REAL_SERVER_REGION,
    a::BANDWIDTH,
    a::CONCURRENT,
    a::GROUP_ID,
    a::IP_ADDRESS_VERSION,
    a::NETWORK_TYPE,
    a::PACKAGE_TYPE,
    a::HTTP3_SUPPORTED,
    a::RESULT_OUTPUT_FILE,
];

/// Builds the API request. Validation has normally rejected anything that fails here;
/// the checks are repeated because a read must never trust that it ran.
pub fn build_request(config: &Value) -> Result<CheckProxyCreateRequest, Diagnostics> {
    let mut diags = Diagnostics::new();
    let string = |name: &str| config.attr(name).and_then(Value::as_str).map(str::to_owned);
    let required_string = |name: &str, diags: &mut Diagnostics| {
        string(name).unwrap_or_else(|| {
            diags.add_attribute_error(
                AttributePath::attribute(name),
                "Missing Required Argument",
                format!("The argument {name} is required, but no value was given."),
            );
            String::new()
        })
    };
    let access_region = required_string(a::ACCESS_REGION, &mut diags);
    let real_server_region = required_string(a::REAL_SERVER_REGION, &mut diags);
    let bandwidth = whole(config, a::BANDWIDTH, &mut diags);
    let concurrent = whole(config, a::CONCURRENT, &mut diags);
    let http3_supported = match config.attr(a::HTTP3_SUPPORTED).and_then(Value::as_number) {
        None => None,
        Some(n) => match n.to_i64_exact() {
            Some(v) => Some(v),
            None => {
                diags.add_attribute_error(
                    AttributePath::attribute(a::HTTP3_SUPPORTED),
                    INVALID_VALUE,
                    format!("Attribute http3_supported value must be 0 or 1, got: {n}"),
                );
                None
            }
        },
    };
    if diags.has_errors() {
        return Err(diags);
    }
    Ok(CheckProxyCreateRequest {
        access_region,
        real_server_region,
        bandwidth,
        concurrent,
        group_id: string(a::GROUP_ID),
        ip_address_version: string(a::IP_ADDRESS_VERSION),
        network_type: string(a::NETWORK_TYPE),
        package_type: string(a::PACKAGE_TYPE),
        http3_supported,
    })
}

fn whole(config: &Value, name: &str, diags: &mut Diagnostics) -> u64 {
    let value = config.attr(name).and_then(Value::as_number);
    match value.and_then(|n| n.to_u64_exact().filter(|v| *v >= 1)) {
        Some(v) => v,
        None => {
            let given = value.map_or_else(|| "null".to_owned(), Number::to_string);
            diags.add_attribute_error(
                AttributePath::attribute(name),
                INVALID_VALUE,
                format!("Attribute {name} value must be a whole number at least 1, got: {given}"),
            );
            0
        }
    }
}

/// The data source's `id`: the hex SHA-256 of the request body the arguments produce.
/// It depends on the arguments only (not on credentials, time or the answer), so it is
/// the same on every plan; `result_output_file` does not change the check and is left out.
pub fn check_id(request: &CheckProxyCreateRequest) -> String {
    // Field order is the struct's, and absent optionals are skipped: a canonical form.
    let canonical = serde_json::to_vec(request).unwrap_or_default();
    tencentcloud_client::signer::sha256_hex(&canonical)
}

/// The state: every argument echoed exactly as configured (numbers unchanged, nulls
/// kept), plus `check_flag`, `request_id` and `id`.
pub fn state(config: &Value, id: &str, answer: &CheckProxyCreateResponse) -> Value {
    with_computed(
        config,
        Value::Number(Number::from_i64(answer.check_flag)),
        Value::String(answer.request_id.clone()),
        Value::String(id.to_owned()),
    )
}

/// The state of a deferred read: the arguments as configured, the computed
/// attributes unknown.
pub fn deferred_state(config: &Value) -> Value {
    with_computed(config, Value::Unknown, Value::Unknown, Value::Unknown)
}

fn with_computed(config: &Value, check_flag: Value, request_id: Value, id: Value) -> Value {
    let mut attrs = BTreeMap::new();
    for name in ARGUMENTS {
        let value = config.attr(name).cloned().unwrap_or(Value::Null);
        attrs.insert((*name).to_owned(), value);
    }
    attrs.insert(a::CHECK_FLAG.to_owned(), check_flag);
    attrs.insert(a::REQUEST_ID.to_owned(), request_id);
    attrs.insert(a::ID.to_owned(), id);
    Value::Object(attrs)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::provider::test_support::{minimal_check, n, s};
    use sha2::{Digest, Sha256};

    #[test]
    fn request_carries_every_argument() {
        let config = minimal_check(&[
            ("group_id", s("lg-1")),
            ("ip_address_version", s("IPv6")),
            ("network_type", s("cn2")),
            ("package_type", s("Thunder")),
            ("http3_supported", n("0")),
            ("result_output_file", s("out.json")),
        ]);
        let req = build_request(&config).unwrap();
        assert_eq!(
            serde_json::to_string(&req).unwrap(),
            r#"{"AccessRegion":"SouthChina","RealServerRegion":"EastChina","Bandwidth":10,"Concurrent":2,"GroupId":"lg-1","IPAddressVersion":"IPv6","NetworkType":"cn2","PackageType":"Thunder","Http3Supported":0}"#
        );
        let minimal = build_request(&minimal_check(&[])).unwrap();
        assert_eq!(minimal.group_id, None);
        assert_eq!(minimal.http3_supported, None);
    }

    #[test]
    fn request_rejects_what_validation_would() {
        let err = build_request(&minimal_check(&[("bandwidth", n("2.5"))])).unwrap_err();
        assert_eq!(
            err.0[0].attribute,
            Some(AttributePath::attribute("bandwidth"))
        );
        assert!(err.0[0].detail.ends_with("got: 2.5"));
        let err = build_request(&minimal_check(&[("access_region", Value::Null)])).unwrap_err();
        assert_eq!(
            err.0[0].attribute,
            Some(AttributePath::attribute("access_region"))
        );
    }

    #[test]
    fn id_depends_on_the_arguments_only() {
        let id = |extra: &[(&str, Value)]| check_id(&build_request(&minimal_check(extra)).unwrap());
        let base = id(&[]);
        assert_eq!(base.len(), 64);
        assert!(base.chars().all(|c| c.is_ascii_hexdigit()));
        assert_eq!(base, id(&[]), "same on every plan");
        assert_eq!(
            base,
            id(&[("bandwidth", n("10.0"))]),
            "same number, same check"
        );
        assert_eq!(base, id(&[("result_output_file", s("x.json"))]));
        assert_ne!(base, id(&[("bandwidth", n("11"))]));
        assert_ne!(base, id(&[("group_id", s(""))]), "empty is not absent");
        assert_ne!(base, id(&[("network_type", s("cn2"))]));
        // Pinned: the id must not change between releases for the same arguments.
        assert_eq!(
            base,
            hex::encode(Sha256::digest(
                br#"{"AccessRegion":"SouthChina","RealServerRegion":"EastChina","Bandwidth":10,"Concurrent":2}"#
            ))
        );
    }

    #[test]
    fn state_echoes_arguments_unchanged() {
        let config = minimal_check(&[("bandwidth", n("10.0")), ("group_id", s("lg"))]);
        let answer = CheckProxyCreateResponse {
            check_flag: 0,
            request_id: "req-1".into(),
        };
        let st = state(&config, "the-id", &answer);
        assert!(st.is_wholly_known());
        for name in ARGUMENTS {
            // Debug shows the exact form (10.0 stays 10.0), not just numeric equality.
            assert_eq!(
                format!("{:?}", st.attr(name)),
                format!("{:?}", config.attr(name)),
                "{name}"
            );
        }
        assert_eq!(st.attr("check_flag"), Some(&n("0")));
        assert_eq!(st.attr("request_id"), Some(&s("req-1")));
        assert_eq!(st.attr("id"), Some(&s("the-id")));
        let Value::Object(attrs) = &st else { panic!() };
        assert_eq!(attrs.len(), 13);

        let deferred = deferred_state(&config);
        assert_eq!(deferred.attr("check_flag"), Some(&Value::Unknown));
        assert_eq!(deferred.attr("bandwidth"), config.attr("bandwidth"));
    }
}
