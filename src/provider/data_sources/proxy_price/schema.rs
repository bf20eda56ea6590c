//! The `gaap_proxy_price` attribute table: the check's connection arguments (the same
//! definitions, so the same validation and words), `billing_type`, the shared
//! `result_output_file`, and the prices.

use crate::protocol::decode::{AttrDef, Kind};
use crate::provider::validators::Check;

pub use crate::provider::data_sources::gaap_data_source::ID;
pub use crate::provider::data_sources::proxy_create_check::schema::{
    ACCESS_REGION, BANDWIDTH, CONCURRENT, IP_ADDRESS_VERSION, NETWORK_TYPE, PACKAGE_TYPE,
    REAL_SERVER_REGION,
};
pub use crate::provider::data_sources::result_file::RESULT_OUTPUT_FILE_ARGUMENT;

/// The data source's full type name.
pub const TYPE_NAME: &str = "gaap_proxy_price";

/// The schema's description.
pub const DESCRIPTION: &str = "Asks Tencent Cloud GAAP (`InquiryPriceCreateProxy`) what an \
    acceleration connection with the given regions, bandwidth and concurrency would cost: \
    its base price per day and its bandwidth (or traffic) prices, list and discounted, \
    exactly as the API answers them.";

/// `billing_type` values, in the order of the API's `BillingType` (0, 1).
pub const BILLING_BY_BANDWIDTH: &str = "bandwidth";
pub const BILLING_BY_TRAFFIC: &str = "traffic";
pub const BILLING_TYPES: &[&str] = &[BILLING_BY_BANDWIDTH, BILLING_BY_TRAFFIC];

pub const BILLING_TYPE: AttrDef = AttrDef::optional("billing_type", Kind::String)
    .checks(&[&Check::OneOf(BILLING_TYPES)])
    .default("`\"bandwidth\"`")
    .text(
        "How the connection would be billed (API parameter `BillingType`): `bandwidth` \
         (`0`, by its bandwidth cap) or `traffic` (`1`, by the traffic it carries). Sent only \
         when set (the API's default is by bandwidth); `id` names the billing either way.",
    );
pub const REQUEST_ID: AttrDef = AttrDef::computed("request_id", Kind::String)
    .text("The API's `RequestId` of the inquiry, for support tickets.");
pub const CURRENCY: AttrDef = AttrDef::computed("currency", Kind::String).text(
    "The currency of every price here (`Currency`), such as `CNY` or `USD`; null when the \
     API answered none.",
);
pub const DAILY_PRICE: AttrDef = AttrDef::computed("daily_price", Kind::Number).text(
    "The connection's base price per day, in `currency` (`ProxyDailyPrice`). Like every \
     price here, the exact number the API answered (no rounding), and null when it \
     answered null.",
);
pub const DISCOUNT_DAILY_PRICE: AttrDef = AttrDef::computed("discount_daily_price", Kind::Number)
    .text("The discounted base price per day, in `currency` (`DiscountProxyDailyPrice`).");
pub const BANDWIDTH_PRICE_TIERS: AttrDef =
    AttrDef::computed("bandwidth_price_tiers", Kind::ObjectList(TIER)).text(
        "The bandwidth price tiers (`BandwidthUnitPrice`), in the API's order. Null when the \
         API answered none (when billed by traffic, for one); a tier the API answered null is \
         left out.",
    );
pub const BANDWIDTH_UNIT_PRICE: AttrDef = AttrDef::computed("bandwidth_unit_price", Kind::Number)
    .text(
        "The price per Mbps per day of the tier that holds `bandwidth` (`from_mbps` < \
         `bandwidth` <= `to_mbps`), in `currency`. Null when there are no tiers (billed by \
         traffic), and null with a warning when no tier holds `bandwidth`. The bandwidth fee \
         of a day is `bandwidth` times this price.",
    );
pub const DISCOUNT_BANDWIDTH_UNIT_PRICE: AttrDef =
    AttrDef::computed("discount_bandwidth_unit_price", Kind::Number).text(
        "The discounted price per Mbps per day of the tier that holds `bandwidth`, in \
         `currency`; null as `bandwidth_unit_price` is.",
    );
pub const FLOW_UNIT_PRICE: AttrDef = AttrDef::computed("flow_unit_price", Kind::Number).text(
    "The price per GB of traffic, in `currency` (`FlowUnitPrice`); null unless billed by \
     traffic.",
);
pub const DISCOUNT_FLOW_UNIT_PRICE: AttrDef =
    AttrDef::computed("discount_flow_unit_price", Kind::Number).text(
        "The discounted price per GB of traffic, in `currency` (`DiscountFlowUnitPrice`); \
         null unless billed by traffic.",
    );
pub const CN2_BANDWIDTH_UNIT_PRICE: AttrDef =
    AttrDef::computed("cn2_bandwidth_unit_price", Kind::Number).text(
        "The price per Mbps per day of dedicated BGP (`cn2`) bandwidth, in `currency` \
         (`Cn2BandwidthPrice`).",
    );
pub const DISCOUNT_CN2_BANDWIDTH_UNIT_PRICE: AttrDef =
    AttrDef::computed("discount_cn2_bandwidth_unit_price", Kind::Number).text(
        "The discounted price per Mbps per day of dedicated BGP (`cn2`) bandwidth, in \
         `currency` (`Cn2BandwidthPriceWithDiscount`).",
    );

/// The attributes of a `bandwidth_price_tiers` element (`BandwidthPriceGradient`).
pub mod tier {
    use super::*;

    pub const FROM_MBPS: AttrDef = AttrDef::computed("from_mbps", Kind::Number).text(
        "The tier's lower bound, Mbps, exclusive (`BandwidthRange[0]`); null when the API \
         answered no range.",
    );
    pub const TO_MBPS: AttrDef = AttrDef::computed("to_mbps", Kind::Number).text(
        "The tier's upper bound, Mbps, inclusive (`BandwidthRange[1]`); null for no upper \
         bound (the API's `-1`, or a range of one element).",
    );
    pub const UNIT_PRICE: AttrDef = AttrDef::computed("unit_price", Kind::Number)
        .text("Price per Mbps per day in the tier, in `currency` (`BandwidthUnitPrice`).");
    pub const DISCOUNT_UNIT_PRICE: AttrDef = AttrDef::computed("discount_unit_price", Kind::Number)
        .text(
            "Discounted price per Mbps per day in the tier, in `currency` \
             (`DiscountBandwidthUnitPrice`).",
        );
}

/// The table of a `bandwidth_price_tiers` element.
pub const TIER: &[AttrDef] = &[
    tier::FROM_MBPS,
    tier::TO_MBPS,
    tier::UNIT_PRICE,
    tier::DISCOUNT_UNIT_PRICE,
];

/// The data source's attribute table, in schema order.
pub const ATTRIBUTES: &[AttrDef] = &[
    ACCESS_REGION,
    REAL_SERVER_REGION,
    BANDWIDTH,
    CONCURRENT,
    IP_ADDRESS_VERSION,
    NETWORK_TYPE,
    PACKAGE_TYPE,
    BILLING_TYPE,
    RESULT_OUTPUT_FILE_ARGUMENT,
    REQUEST_ID,
    CURRENCY,
    DAILY_PRICE,
    DISCOUNT_DAILY_PRICE,
    BANDWIDTH_PRICE_TIERS,
    BANDWIDTH_UNIT_PRICE,
    DISCOUNT_BANDWIDTH_UNIT_PRICE,
    FLOW_UNIT_PRICE,
    DISCOUNT_FLOW_UNIT_PRICE,
    CN2_BANDWIDTH_UNIT_PRICE,
    DISCOUNT_CN2_BANDWIDTH_UNIT_PRICE,
    ID,
];
