//! From an `InquiryPriceCreateProxy` answer to the computed attributes: every price
//! passed through exactly as the API wrote it (its decimal text becomes a Terraform
//! number without `f64` in between), null where it answered null, and the unit price
//! of the tier that holds the requested bandwidth.

use std::collections::BTreeMap;

use serde_json::Number as JsonNumber;
use tencentcloud_client::{
    Action, BandwidthPriceGradient, InquiryPriceCreateProxyRequest, InquiryPriceCreateProxyResponse,
};

use crate::protocol::decode::AttrDef;
use crate::protocol::{AttributePath, Diagnostics, Number, Value};
use crate::provider::data_sources::gaap_data_source::Computed;

use super::schema::{self as a, tier as t};

/// `price` as a Terraform number, exactly as the API wrote it; null when the API
/// answered none. A number Terraform cannot hold (an exponent beyond what a provider
/// accepts) is null too, with a warning on `attribute` naming the API's `field`.
pub fn price(
    attribute: &str,
    field: &str,
    price: Option<&JsonNumber>,
    diags: &mut Diagnostics,
) -> Value {
    let Some(price) = price else {
        return Value::Null;
    };
    let text = price.to_string();
    match Number::parse(&text) {
        Some(number) => Value::Number(number),
        None => {
            diags.add_attribute_warning(
                AttributePath::attribute(attribute),
                "Price Out of Range",
                format!(
                    "{} answered {field} {text}, a number outside what Terraform values \
                     hold here; {attribute} is null.",
                    InquiryPriceCreateProxyRequest::ACTION
                ),
            );
            Value::Null
        }
    }
}

/// A bound of a tier, Mbps.
fn mbps(bound: Option<i64>) -> Value {
    bound.map_or(Value::Null, |b| Value::Number(Number::from_i64(b)))
}

/// One `bandwidth_price_tiers` element.
fn tier_value(tier: &BandwidthPriceGradient, diags: &mut Diagnostics) -> Value {
    let attribute = a::BANDWIDTH_PRICE_TIERS.name;
    Value::Object(BTreeMap::from([
        (t::FROM_MBPS.name.to_owned(), mbps(tier.from_mbps())),
        (t::TO_MBPS.name.to_owned(), mbps(tier.to_mbps())),
        (
            t::UNIT_PRICE.name.to_owned(),
            price(
                attribute,
                "BandwidthUnitPrice",
                tier.bandwidth_unit_price.as_ref(),
                diags,
            ),
        ),
        (
            t::DISCOUNT_UNIT_PRICE.name.to_owned(),
            price(
                attribute,
                "DiscountBandwidthUnitPrice",
                tier.discount_bandwidth_unit_price.as_ref(),
                diags,
            ),
        ),
    ]))
}

/// `from..to` of a tier for messages (`20..100`, `2000..`, `?..` without a range).
fn shown(tier: &BandwidthPriceGradient) -> String {
    let from = tier.from_mbps().map_or("?".to_owned(), |f| f.to_string());
    let to = tier.to_mbps().map_or(String::new(), |t| t.to_string());
    format!("{from}..{to}")
}

/// The tier that holds `bandwidth` (the first, should tiers overlap); `None` when
/// there are no tiers, and `None` with a warning on `bandwidth` when none holds it.
fn holding<'a>(
    tiers: &'a [BandwidthPriceGradient],
    bandwidth: u64,
    request_id: &str,
    diags: &mut Diagnostics,
) -> Option<&'a BandwidthPriceGradient> {
    if tiers.is_empty() {
        return None;
    }
    let found = tiers.iter().find(|tier| tier.holds(bandwidth));
    if found.is_none() {
        let ranges: Vec<String> = tiers.iter().map(shown).collect();
        diags.add_attribute_warning(
            AttributePath::attribute(a::BANDWIDTH.name),
            "No Price Tier Holds the Bandwidth",
            format!(
                "{} answered {} bandwidth price tiers (Mbps, from exclusive to inclusive: {}; \
                 RequestId: {request_id}), and none holds {bandwidth} Mbps. {} and {} are null; \
                 {} lists the tiers as answered.",
                InquiryPriceCreateProxyRequest::ACTION,
                tiers.len(),
                ranges.join(", "),
                a::BANDWIDTH_UNIT_PRICE.name,
                a::DISCOUNT_BANDWIDTH_UNIT_PRICE.name,
                a::BANDWIDTH_PRICE_TIERS.name,
            ),
        );
    }
    found
}

/// The computed attributes of an answer to `request`, `id` given.
pub fn computed(
    id: String,
    request: &InquiryPriceCreateProxyRequest,
    answer: &InquiryPriceCreateProxyResponse,
    diags: &mut Diagnostics,
) -> Computed {
    let tiers = answer.bandwidth_unit_price.as_deref();
    let tier_values = tiers.map_or(Value::Null, |tiers| {
        Value::List(tiers.iter().map(|tier| tier_value(tier, diags)).collect())
    });
    let held = tiers.and_then(|tiers| holding(tiers, request.bandwidth, &answer.request_id, diags));
    let mut priced = |attribute: &AttrDef, field: &str, value: Option<&JsonNumber>| {
        (attribute.name, price(attribute.name, field, value, diags))
    };
    let values = [
        priced(
            &a::DAILY_PRICE,
            "ProxyDailyPrice",
            answer.proxy_daily_price.as_ref(),
        ),
        priced(
            &a::DISCOUNT_DAILY_PRICE,
            "DiscountProxyDailyPrice",
            answer.discount_proxy_daily_price.as_ref(),
        ),
        priced(
            &a::BANDWIDTH_UNIT_PRICE,
            "BandwidthUnitPrice",
            held.and_then(|t| t.bandwidth_unit_price.as_ref()),
        ),
        priced(
            &a::DISCOUNT_BANDWIDTH_UNIT_PRICE,
            "DiscountBandwidthUnitPrice",
            held.and_then(|t| t.discount_bandwidth_unit_price.as_ref()),
        ),
        priced(
            &a::FLOW_UNIT_PRICE,
            "FlowUnitPrice",
            answer.flow_unit_price.as_ref(),
        ),
        priced(
            &a::DISCOUNT_FLOW_UNIT_PRICE,
            "DiscountFlowUnitPrice",
            answer.discount_flow_unit_price.as_ref(),
        ),
        priced(
            &a::CN2_BANDWIDTH_UNIT_PRICE,
            "Cn2BandwidthPrice",
            answer.cn2_bandwidth_price.as_ref(),
        ),
        priced(
            &a::DISCOUNT_CN2_BANDWIDTH_UNIT_PRICE,
            "Cn2BandwidthPriceWithDiscount",
            answer.cn2_bandwidth_price_with_discount.as_ref(),
        ),
    ];
    let mut computed = Computed::from(values);
    computed.extend([
        (a::BANDWIDTH_PRICE_TIERS.name, tier_values),
        (
            a::CURRENCY.name,
            answer.currency.clone().map_or(Value::Null, Value::String),
        ),
        (a::REQUEST_ID.name, Value::String(answer.request_id.clone())),
        (a::ID.name, Value::String(id)),
    ]);
    computed
}
