//! The `InquiryPriceCreateProxy` action (GAAP, version 2018-05-29): what an
//! acceleration connection with this configuration would cost. Read-only. Parameters
//! and answer as in the API reference ("InquiryPriceCreateProxy", Global Application
//! Acceleration Platform API 2018-05-29; its documented request limit is 20 per
//! second) and the SDKs' models (`InquiryPriceCreateProxyRequest`,
//! `InquiryPriceCreateProxyResponse`, `BandwidthPriceGradient`).
//!
//! Prices are JSON numbers the SDKs read as floats. They are kept here as the API
//! wrote them ([`serde_json::Number`]: the workspace builds serde_json with
//! `arbitrary_precision`, so a number keeps its decimal text and never passes through
//! `f64`). Units, as the SDKs document them: `ProxyDailyPrice` per day, bandwidth
//! prices (`BandwidthUnitPrice`, `Cn2BandwidthPrice`) per Mbps per day,
//! `FlowUnitPrice` per GB, all in `Currency`.

use serde::{Deserialize, Serialize};
use serde_json::Number;

use crate::action::{Action, RateLimit};

/// API action name, sent as `X-TC-Action`.
pub const ACTION: &str = "InquiryPriceCreateProxy";
pub use super::check_proxy_create::{SERVICE, VERSION};

/// `BillingType` 0: billed by bandwidth, the API's default.
pub const BILLING_BY_BANDWIDTH: i64 = 0;
/// `BillingType` 1: billed by traffic.
pub const BILLING_BY_TRAFFIC: i64 = 1;

/// The request body. Field names are the API's current ones: `RealServerRegion` and
/// `Concurrent`, never the deprecated `DestRegion` and `Concurrency` the API still
/// accepts. Absent optionals are not sent. `Http3Supported`, which the API documents
/// as disused, is not modelled.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct InquiryPriceCreateProxyRequest {
    pub access_region: String,
    pub real_server_region: String,
    /// Mbps, sent as a JSON number.
    pub bandwidth: u64,
    /// Units of 10,000 connections, sent as a JSON number.
    pub concurrent: u64,
    /// [`BILLING_BY_BANDWIDTH`] or [`BILLING_BY_TRAFFIC`].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub billing_type: Option<i64>,
    #[serde(rename = "IPAddressVersion", skip_serializing_if = "Option::is_none")]
    pub ip_address_version: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub network_type: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub package_type: Option<String>,
}

/// `BandwidthPriceGradient`: the bandwidth price of one tier. `BandwidthRange` is
/// `[from, to]` in Mbps (a bandwidth `b` with `from < b <= to` is in the tier); `to`
/// is `-1` for no upper bound, and published answers also show a range of one
/// element (`[0]`), which has none either.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct BandwidthPriceGradient {
    #[serde(rename = "BandwidthRange", default)]
    pub bandwidth_range: Option<Vec<i64>>,
    /// Per Mbps per day, in the answer's `Currency`.
    #[serde(rename = "BandwidthUnitPrice", default)]
    pub bandwidth_unit_price: Option<Number>,
    /// Per Mbps per day, in the answer's `Currency`.
    #[serde(rename = "DiscountBandwidthUnitPrice", default)]
    pub discount_bandwidth_unit_price: Option<Number>,
}

/// The upper bound of `BandwidthRange` that means "no upper bound".
pub const NO_UPPER_BOUND: i64 = -1;

impl BandwidthPriceGradient {
    /// The lower bound (exclusive), Mbps; `None` when the range is absent or empty.
    pub fn from_mbps(&self) -> Option<i64> {
        self.bandwidth_range.as_deref()?.first().copied()
    }

    /// The upper bound (inclusive), Mbps; `None` for no upper bound: an upper bound of
    /// [`NO_UPPER_BOUND`], a range of one element, or no range.
    pub fn to_mbps(&self) -> Option<i64> {
        self.bandwidth_range
            .as_deref()?
            .get(1)
            .copied()
            .filter(|to| *to != NO_UPPER_BOUND)
    }

    /// Whether `bandwidth` (Mbps) is in the tier: `from < bandwidth <= to`, with no
    /// upper bound when [`Self::to_mbps`] is `None`. A tier without a lower bound
    /// holds nothing.
    pub fn holds(&self, bandwidth: u64) -> bool {
        let bandwidth = i128::from(bandwidth);
        match self.from_mbps() {
            Some(from) if i128::from(from) < bandwidth => {
                self.to_mbps().is_none_or(|to| bandwidth <= i128::from(to))
            }
            _ => false,
        }
    }
}

/// The successful answer. Every field may be absent or null (`None`): a price the
/// API answered null is unknown, not zero.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct InquiryPriceCreateProxyResponse {
    /// The connection's base price per day.
    #[serde(rename = "ProxyDailyPrice", default)]
    pub proxy_daily_price: Option<Number>,
    /// The bandwidth price tiers (billed by bandwidth).
    #[serde(rename = "BandwidthUnitPrice", default)]
    pub bandwidth_unit_price: Option<Vec<BandwidthPriceGradient>>,
    /// The discounted base price per day.
    #[serde(rename = "DiscountProxyDailyPrice", default)]
    pub discount_proxy_daily_price: Option<Number>,
    /// `CNY`, `USD`, ...
    #[serde(rename = "Currency", default)]
    pub currency: Option<String>,
    /// Per GB (billed by traffic).
    #[serde(rename = "FlowUnitPrice", default)]
    pub flow_unit_price: Option<Number>,
    /// Per GB (billed by traffic).
    #[serde(rename = "DiscountFlowUnitPrice", default)]
    pub discount_flow_unit_price: Option<Number>,
    /// Dedicated BGP (`cn2`) bandwidth, per Mbps per day.
    #[serde(rename = "Cn2BandwidthPrice", default)]
    pub cn2_bandwidth_price: Option<Number>,
    /// Dedicated BGP (`cn2`) bandwidth, discounted, per Mbps per day.
    #[serde(rename = "Cn2BandwidthPriceWithDiscount", default)]
    pub cn2_bandwidth_price_with_discount: Option<Number>,
    #[serde(rename = "RequestId", default)]
    pub request_id: String,
}

impl Action for InquiryPriceCreateProxyRequest {
    const SERVICE: &'static str = SERVICE;
    const ACTION: &'static str = ACTION;
    const VERSION: &'static str = VERSION;
    /// The configured rate, whose default is the documented 20 per second; the
    /// action has its own limiter, apart from the check's.
    const RATE_LIMIT: RateLimit = RateLimit::Configured;
    /// A price does not change within a plan: one call per distinct inquiry.
    const SHARE_IDENTICAL: bool = true;
    type Response = InquiryPriceCreateProxyResponse;

    fn outcome(response: &InquiryPriceCreateProxyResponse) -> String {
        let shown = |n: &Option<Number>| n.as_ref().map_or("null".to_owned(), Number::to_string);
        format!(
            "ok currency={} daily_price={} tiers={}",
            response.currency.as_deref().unwrap_or("null"),
            shown(&response.proxy_daily_price),
            response
                .bandwidth_unit_price
                .as_ref()
                .map_or("null".to_owned(), |t| t.len().to_string())
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tier(range: &[i64]) -> BandwidthPriceGradient {
        BandwidthPriceGradient {
            bandwidth_range: Some(range.to_vec()),
            ..Default::default()
        }
    }

    #[test]
    fn request_uses_the_current_parameter_names() {
        let request = InquiryPriceCreateProxyRequest {
            access_region: "Guangzhou".into(),
            real_server_region: "Shanghai".into(),
            bandwidth: 10,
            concurrent: 2,
            billing_type: None,
            ip_address_version: Some("IPv4".into()),
            network_type: Some("normal".into()),
            package_type: None,
        };
        assert_eq!(
            serde_json::to_string(&request).unwrap(),
            r#"{"AccessRegion":"Guangzhou","RealServerRegion":"Shanghai","Bandwidth":10,"Concurrent":2,"IPAddressVersion":"IPv4","NetworkType":"normal"}"#
        );
        let traffic = InquiryPriceCreateProxyRequest {
            billing_type: Some(BILLING_BY_TRAFFIC),
            ..request
        };
        let body = serde_json::to_string(&traffic).unwrap();
        assert!(body.contains(r#""BillingType":1"#), "{body}");
        assert!(!body.contains("DestRegion") && !body.contains("Concurrency"));
    }

    /// Prices keep the decimal text the API wrote: no rounding through `f64`.
    #[test]
    fn prices_keep_their_decimal_text() {
        let answer: InquiryPriceCreateProxyResponse = serde_json::from_str(
            r#"{"ProxyDailyPrice":80.64,"DiscountProxyDailyPrice":0.1000000000000000055511151231257827,
            "FlowUnitPrice":12345678901234567890.125,"Cn2BandwidthPrice":0,"Cn2BandwidthPriceWithDiscount":1e-7,
            "BandwidthUnitPrice":[{"BandwidthRange":[0,20],"BandwidthUnitPrice":130,"DiscountBandwidthUnitPrice":129.99}],
            "Currency":"CNY","RequestId":"r"}"#,
        )
        .unwrap();
        let text = |n: &Option<Number>| n.as_ref().unwrap().to_string();
        assert_eq!(text(&answer.proxy_daily_price), "80.64");
        assert_eq!(
            text(&answer.discount_proxy_daily_price),
            "0.1000000000000000055511151231257827"
        );
        assert_eq!(text(&answer.flow_unit_price), "12345678901234567890.125");
        assert_eq!(text(&answer.cn2_bandwidth_price), "0");
        assert_eq!(text(&answer.cn2_bandwidth_price_with_discount), "1e-7");
        let tiers = answer.bandwidth_unit_price.unwrap();
        assert_eq!(text(&tiers[0].discount_bandwidth_unit_price), "129.99");
        assert_eq!(answer.discount_flow_unit_price, None);
    }

    #[test]
    fn tiers_hold_from_exclusive_to_inclusive() {
        let first = tier(&[0, 20]);
        assert_eq!((first.from_mbps(), first.to_mbps()), (Some(0), Some(20)));
        assert!(first.holds(1) && first.holds(20));
        assert!(!first.holds(0) && !first.holds(21));
        let open = tier(&[2000, NO_UPPER_BOUND]);
        assert_eq!(open.to_mbps(), None);
        assert!(open.holds(2001) && open.holds(u64::MAX) && !open.holds(2000));
        let single = tier(&[0]);
        assert_eq!((single.from_mbps(), single.to_mbps()), (Some(0), None));
        assert!(single.holds(10));
        for empty in [tier(&[]), BandwidthPriceGradient::default()] {
            assert_eq!((empty.from_mbps(), empty.to_mbps()), (None, None));
            assert!(!empty.holds(10));
        }
    }
}
