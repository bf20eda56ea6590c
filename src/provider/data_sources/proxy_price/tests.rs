//! `gaap_proxy_price`: its table, validation, request, `id` and prices.

use super::*;
use crate::protocol::decode::{argument_names, TypedBlock};
use crate::protocol::{AttributePath, Number, Severity, Type};
use crate::provider::data_sources::api_errors::action_error_diagnostic;
use crate::provider::data_sources::code_advice::TEST_CONTEXT as CTX;
use crate::provider::data_sources::gaap_data_source::{decode, schema_of};
use crate::provider::data_sources::proxy_create_check::schema as check;
use crate::provider::data_sources::read::state;
use crate::provider::test_support::{assert_well_formed, attribute_names, config, n, s};
use tencentcloud_client::{ApiError, BandwidthPriceGradient};

const NAMES: &[&str] = &[
    "access_region",
    "real_server_region",
    "bandwidth",
    "concurrent",
    "ip_address_version",
    "network_type",
    "package_type",
    "billing_type",
    "result_output_file",
    "request_id",
    "currency",
    "daily_price",
    "discount_daily_price",
    "bandwidth_price_tiers",
    "bandwidth_unit_price",
    "discount_bandwidth_unit_price",
    "flow_unit_price",
    "discount_flow_unit_price",
    "cn2_bandwidth_unit_price",
    "discount_cn2_bandwidth_unit_price",
    "id",
];

/// A configuration with the required arguments and `set`.
fn with(set: &[(&str, Value)]) -> Value {
    let mut all = vec![
        ("access_region", s("Guangzhou")),
        ("real_server_region", s("Shanghai")),
        ("bandwidth", n("10")),
        ("concurrent", n("2")),
    ];
    all.extend(set.iter().cloned());
    config(NAMES, &all)
}

fn request_of(set: &[(&str, Value)]) -> InquiryPriceCreateProxyRequest {
    let decoded = decode::<ProxyPrice>(&with(set));
    assert!(
        !decoded.diagnostics.has_errors(),
        "{:?}",
        decoded.diagnostics
    );
    ProxyPrice::request(&decoded.value.expect("valid")).expect("a request")
}

#[test]
fn schema_reuses_the_checks_arguments() {
    let schema = schema_of::<ProxyPrice>();
    assert_eq!(attribute_names(&schema.block), NAMES);
    assert_well_formed(&schema.block, TYPE_NAME);
    let attrs = &schema.block.attributes;
    let by_name = |name: &str| attrs.iter().find(|a| a.name == name).expect(name);
    // The connection arguments are the check's own, word for word.
    for def in [
        check::ACCESS_REGION,
        check::REAL_SERVER_REGION,
        check::BANDWIDTH,
        check::CONCURRENT,
        check::IP_ADDRESS_VERSION,
        check::NETWORK_TYPE,
        check::PACKAGE_TYPE,
    ] {
        assert_eq!(by_name(def.name), &def.schema_attribute(), "{}", def.name);
    }
    assert_eq!(
        argument_names(ProxyPriceConfig::ATTRIBUTES).collect::<Vec<_>>(),
        &NAMES[..9]
    );
    for name in &NAMES[9..] {
        assert!(by_name(name).computed && !by_name(name).optional, "{name}");
    }
    let tiers = by_name("bandwidth_price_tiers");
    assert_eq!(
        tiers.ty,
        Type::List(Box::new(Type::Object(
            ["from_mbps", "to_mbps", "unit_price", "discount_unit_price"]
                .iter()
                .map(|n| ((*n).to_owned(), Type::Number))
                .collect()
        )))
    );
    for name in [
        "daily_price",
        "discount_daily_price",
        "bandwidth_unit_price",
        "flow_unit_price",
        "cn2_bandwidth_unit_price",
    ] {
        assert_eq!(by_name(name).ty, Type::Number, "{name}");
    }
    assert!(by_name("billing_type").description.ends_with(
        "the value must be one of: \"bandwidth\", \"traffic\". Defaults to `\"bandwidth\"`."
    ));
}

/// (attribute, value) → the detail of its one error, or None when valid.
#[test]
fn validation_is_the_checks() {
    let cases: Vec<(&str, Value, Option<&str>)> = vec![
        ("bandwidth", n("0"), Some("Attribute bandwidth value must be a whole number at least 1, got: 0")),
        ("concurrent", n("1.5"), Some("Attribute concurrent value must be a whole number at least 1, got: 1.5")),
        ("access_region", s("South China"), Some("Attribute access_region value must be a non-empty string of letters, digits, \"_\" and \"-\", got: \"South China\"")),
        ("real_server_region", s(""), Some("Attribute real_server_region value must be a non-empty string of letters, digits, \"_\" and \"-\", got: \"\"")),
        ("package_type", s("Gold"), Some("Attribute package_type value must be one of: \"Thunder\", \"Accelerator\", \"CrossBorder\", got: \"Gold\"")),
        ("billing_type", s("monthly"), Some("Attribute billing_type value must be one of: \"bandwidth\", \"traffic\", got: \"monthly\"")),
        ("billing_type", s("traffic"), None),
        ("result_output_file", s(""), Some("Attribute result_output_file value must not be empty, got: \"\"")),
        ("network_type", s("cn2"), None),
    ];
    for (name, value, want) in cases {
        let diags = decode::<ProxyPrice>(&with(&[(name, value.clone())])).diagnostics;
        let errors: Vec<_> = diags
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .collect();
        match want {
            None => assert!(errors.is_empty(), "{name}={value:?}: {errors:?}"),
            Some(detail) => {
                assert_eq!(errors.len(), 1, "{name}: {errors:?}");
                assert_eq!(errors[0].detail, detail);
                assert_eq!(errors[0].attribute, Some(AttributePath::attribute(name)));
            }
        }
    }
    let diags = decode::<ProxyPrice>(&with(&[("network_type", s("triple"))])).diagnostics;
    assert_eq!(diags.len(), 1, "{diags:?}");
    let warning = &diags.0[0];
    assert_eq!(warning.severity, Severity::Warning);
    assert_eq!(
        warning.attribute,
        Some(AttributePath::attribute("network_type"))
    );
    assert!(
        warning
            .detail
            .contains("InquiryPriceCreateProxy's API reference"),
        "{}",
        warning.detail
    );
}

#[test]
fn request_sends_current_names_and_billing_only_when_set() {
    let plain = request_of(&[]);
    assert_eq!(
        serde_json::to_string(&plain).unwrap(),
        r#"{"AccessRegion":"Guangzhou","RealServerRegion":"Shanghai","Bandwidth":10,"Concurrent":2}"#
    );
    assert_eq!(
        request_of(&[("billing_type", s("bandwidth"))]).billing_type,
        Some(0)
    );
    let full = request_of(&[
        ("billing_type", s("traffic")),
        ("ip_address_version", s("IPv6")),
        ("network_type", s("cn2")),
        ("package_type", s("Thunder")),
        ("result_output_file", s("price.json")),
    ]);
    assert_eq!(
        serde_json::to_string(&full).unwrap(),
        r#"{"AccessRegion":"Guangzhou","RealServerRegion":"Shanghai","Bandwidth":10,"Concurrent":2,"BillingType":1,"IPAddressVersion":"IPv6","NetworkType":"cn2","PackageType":"Thunder"}"#
    );
    let missing = decode::<ProxyPrice>(&with(&[("access_region", Value::Null)]));
    let err = ProxyPrice::request(&missing.value.unwrap()).unwrap_err();
    assert_eq!(err.0[0].summary, "Missing Required Argument");
    assert_eq!(
        err.0[0].attribute,
        Some(AttributePath::attribute("access_region"))
    );
}

#[test]
fn id_names_the_effective_billing() {
    let plain = id(&request_of(&[]));
    assert_eq!(
        plain,
        "Guangzhou,Shanghai,bandwidth=10,concurrent=2,billing_type=bandwidth"
    );
    assert_eq!(plain, id(&request_of(&[("billing_type", s("bandwidth"))])));
    assert_eq!(plain, id(&request_of(&[("bandwidth", n("10.0"))])));
    assert_eq!(
        plain,
        id(&request_of(&[("result_output_file", s("x.json"))]))
    );
    assert_eq!(
        id(&request_of(&[
            ("billing_type", s("traffic")),
            ("package_type", s("CrossBorder")),
            ("ip_address_version", s("IPv4")),
        ])),
        "Guangzhou,Shanghai,bandwidth=10,concurrent=2,billing_type=traffic,\
         ip_address_version=IPv4,package_type=CrossBorder"
    );
}

fn number(text: &str) -> serde_json::Number {
    text.parse().expect("a JSON number")
}

fn tier(range: &[i64], price: &str, discount: &str) -> BandwidthPriceGradient {
    BandwidthPriceGradient {
        bandwidth_range: Some(range.to_vec()),
        bandwidth_unit_price: Some(number(price)),
        discount_bandwidth_unit_price: Some(number(discount)),
    }
}

/// tccli's published answer, with an exact long decimal in place of one price.
fn published() -> InquiryPriceCreateProxyResponse {
    InquiryPriceCreateProxyResponse {
        proxy_daily_price: Some(number("80.64")),
        bandwidth_unit_price: Some(vec![
            tier(&[0, 20], "130", "130"),
            tier(&[20, 100], "90", "90"),
            tier(&[100, 500], "70", "70"),
            tier(&[500, 2000], "60", "60"),
            tier(&[2000, -1], "50", "50"),
        ]),
        discount_proxy_daily_price: Some(number("0.1000000000000000055511151231257827")),
        currency: Some("CNY".into()),
        flow_unit_price: None,
        discount_flow_unit_price: None,
        cn2_bandwidth_price: Some(number("0")),
        cn2_bandwidth_price_with_discount: Some(number("0")),
        request_id: "req-1".into(),
    }
}

/// The state of a read of `answer` for `set`, and its diagnostics.
fn read(set: &[(&str, Value)], answer: &InquiryPriceCreateProxyResponse) -> (Value, Diagnostics) {
    let config = with(set);
    let request = ProxyPrice::request(&decode::<ProxyPrice>(&config).value.unwrap()).unwrap();
    let mut diags = Diagnostics::new();
    let computed = ProxyPrice::computed(&request, answer, &mut diags);
    (
        state(ProxyPriceConfig::ATTRIBUTES, &config, Some(computed)),
        diags,
    )
}

/// The exact form of a number in state (Debug keeps `10.0` apart from `10`).
fn exact(v: Option<&Value>) -> String {
    format!("{v:?}")
}

#[test]
fn prices_pass_through_exactly_with_nulls_kept() {
    let (st, diags) = read(&[], &published());
    assert!(diags.is_empty(), "{diags:?}");
    assert!(st.is_wholly_known());
    let num = |text: &str| Value::Number(Number::parse(text).unwrap());
    assert_eq!(exact(st.attr("daily_price")), exact(Some(&num("80.64"))));
    assert_eq!(
        exact(st.attr("discount_daily_price")),
        exact(Some(&num("0.1000000000000000055511151231257827")))
    );
    assert_eq!(st.attr("currency"), Some(&s("CNY")));
    assert_eq!(st.attr("request_id"), Some(&s("req-1")));
    assert_eq!(st.attr("flow_unit_price"), Some(&Value::Null));
    assert_eq!(st.attr("discount_flow_unit_price"), Some(&Value::Null));
    assert_eq!(st.attr("cn2_bandwidth_unit_price"), Some(&n("0")));
    assert_eq!(st.attr("bandwidth_unit_price"), Some(&n("130")));
    assert_eq!(st.attr("discount_bandwidth_unit_price"), Some(&n("130")));
    let tiers = st.attr("bandwidth_price_tiers").unwrap().as_list().unwrap();
    assert_eq!(tiers.len(), 5);
    assert_eq!(tiers[1].attr("from_mbps"), Some(&n("20")));
    assert_eq!(tiers[1].attr("to_mbps"), Some(&n("100")));
    assert_eq!(tiers[1].attr("unit_price"), Some(&n("90")));
    assert_eq!(
        tiers[4].attr("to_mbps"),
        Some(&Value::Null),
        "-1: no upper bound"
    );
    assert_eq!(
        st.attr("id"),
        Some(&s(
            "Guangzhou,Shanghai,bandwidth=10,concurrent=2,billing_type=bandwidth"
        ))
    );
    let Value::Object(attrs) = &st else { panic!() };
    assert_eq!(attrs.len(), NAMES.len());
}

#[test]
fn the_tier_holding_the_bandwidth_gives_the_unit_price() {
    // (bandwidth, the unit price of the tier from < bandwidth <= to)
    for (bandwidth, price) in [
        ("1", "130"),
        ("20", "130"),
        ("21", "90"),
        ("100", "90"),
        ("500", "70"),
        ("2000", "60"),
        ("10000", "50"),
    ] {
        let (st, diags) = read(&[("bandwidth", n(bandwidth))], &published());
        assert!(diags.is_empty());
        assert_eq!(
            st.attr("bandwidth_unit_price"),
            Some(&n(price)),
            "{bandwidth}"
        );
    }
    // A range of one element has no upper bound.
    let single = InquiryPriceCreateProxyResponse {
        bandwidth_unit_price: Some(vec![tier(&[0], "7.5", "6")]),
        ..published()
    };
    let (st, diags) = read(&[("bandwidth", n("100000"))], &single);
    assert!(diags.is_empty());
    assert_eq!(st.attr("discount_bandwidth_unit_price"), Some(&n("6")));
    let tiers = st.attr("bandwidth_price_tiers").unwrap().as_list().unwrap();
    assert_eq!(tiers[0].attr("to_mbps"), Some(&Value::Null));
}

#[test]
fn no_tiers_is_null_and_no_holding_tier_warns() {
    let traffic = InquiryPriceCreateProxyResponse {
        bandwidth_unit_price: None,
        flow_unit_price: Some(number("0.8")),
        discount_flow_unit_price: Some(number("0.64")),
        ..published()
    };
    let (st, diags) = read(&[("billing_type", s("traffic"))], &traffic);
    assert!(diags.is_empty(), "no tiers is no warning: {diags:?}");
    assert_eq!(st.attr("bandwidth_price_tiers"), Some(&Value::Null));
    assert_eq!(st.attr("bandwidth_unit_price"), Some(&Value::Null));
    assert_eq!(st.attr("flow_unit_price"), Some(&n("0.8")));
    assert!(st
        .attr("id")
        .unwrap()
        .as_str()
        .unwrap()
        .contains("billing_type=traffic"));
    let empty = InquiryPriceCreateProxyResponse {
        bandwidth_unit_price: Some(Vec::new()),
        ..published()
    };
    let (st, diags) = read(&[], &empty);
    assert!(diags.is_empty());
    assert_eq!(
        st.attr("bandwidth_price_tiers"),
        Some(&Value::List(Vec::new()))
    );
    assert_eq!(st.attr("bandwidth_unit_price"), Some(&Value::Null));

    let gap = InquiryPriceCreateProxyResponse {
        bandwidth_unit_price: Some(vec![
            tier(&[0, 20], "130", "104"),
            BandwidthPriceGradient::default(),
        ]),
        ..published()
    };
    let (st, diags) = read(&[("bandwidth", n("50"))], &gap);
    assert_eq!(st.attr("bandwidth_unit_price"), Some(&Value::Null));
    assert_eq!(st.attr("discount_bandwidth_unit_price"), Some(&Value::Null));
    let tiers = st.attr("bandwidth_price_tiers").unwrap().as_list().unwrap();
    assert_eq!(tiers[1].attr("from_mbps"), Some(&Value::Null));
    assert_eq!(tiers[1].attr("unit_price"), Some(&Value::Null));
    assert_eq!(diags.len(), 1, "{diags:?}");
    let warning = &diags.0[0];
    assert_eq!(warning.severity, Severity::Warning);
    assert_eq!(
        warning.attribute,
        Some(AttributePath::attribute("bandwidth"))
    );
    assert!(
        warning.detail.contains("0..20, ?..") && warning.detail.contains("50 Mbps"),
        "{}",
        warning.detail
    );
    assert!(
        warning.detail.contains("RequestId: req-1"),
        "{}",
        warning.detail
    );
}

#[test]
fn a_price_terraform_cannot_hold_is_null_with_a_warning() {
    let huge = InquiryPriceCreateProxyResponse {
        proxy_daily_price: Some(number("1e999999")),
        ..published()
    };
    let (st, diags) = read(&[], &huge);
    assert_eq!(st.attr("daily_price"), Some(&Value::Null));
    assert_eq!(diags.len(), 1);
    assert_eq!(
        diags.0[0].attribute,
        Some(AttributePath::attribute("daily_price"))
    );
    let detail = &diags.0[0].detail;
    assert!(
        detail.contains("ProxyDailyPrice 1e") && detail.ends_with("daily_price is null."),
        "{detail}"
    );
}

#[test]
fn api_errors_point_at_the_arguments() {
    for (code, attribute) in [
        (
            "InvalidParameterValue.UnknownAccessRegion",
            Some("access_region"),
        ),
        (
            "InvalidParameterValue.UnknownDestRegion",
            Some("real_server_region"),
        ),
        ("InvalidParameterValue.InvalidBandwidth", Some("bandwidth")),
        (
            "InvalidParameterValue.InvalidConcurrency",
            Some("concurrent"),
        ),
        ("FailedOperation.ResourceUpgrading", None),
    ] {
        let error = ClientError::Api(ApiError {
            code: code.to_owned(),
            message: "the API's own words".to_owned(),
            request_id: "req-9".to_owned(),
            http_status: 200,
        });
        let d = action_error_diagnostic(
            InquiryPriceCreateProxyRequest::ACTION,
            &error,
            &CTX,
            ProxyPrice::argument_of,
        );
        assert_eq!(
            d.attribute,
            attribute.map(AttributePath::attribute),
            "{code}"
        );
        assert!(
            d.detail.starts_with(&format!(
                "InquiryPriceCreateProxy failed: [{code}] the API's own words (RequestId: req-9)"
            )),
            "{}",
            d.detail
        );
    }
}
