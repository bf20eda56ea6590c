//! The emulator's price list for `InquiryPriceCreateProxy`: modelled. Tencent Cloud
//! publishes no price list in a form an emulator can serve; what is published is the
//! answer's shape (the SDKs' `InquiryPriceCreateProxyResponse` and
//! `BandwidthPriceGradient`) and tccli's example answer for a connection inside the
//! Chinese mainland (`Guangzhou` to `Shanghai`, 10 Mbps, concurrency 2): a base price
//! of 80.64 CNY a day and five bandwidth tiers, 130, 90, 70, 60 and 50 CNY per Mbps
//! per day above 0, 20, 100, 500 and 2000 Mbps. The model keeps those values for a
//! route inside the mainland and scales them for the others, so that any region pair
//! of the catalogue (built in or recorded) has a deterministic price:
//!
//! - the base price (`ProxyDailyPrice`) is [`DAILY_PRICE_PER_CONCURRENT`] per 10,000
//!   concurrent connections, times the route factor;
//! - billed by bandwidth (`BillingType` 0, the default), `BandwidthUnitPrice` is
//!   [`BANDWIDTH_TIERS`], each unit price times the route factor, and the flow prices
//!   are null (as published); billed by traffic (`BillingType` 1),
//!   `BandwidthUnitPrice` is null and `FlowUnitPrice` is [`FLOW_UNIT_PRICE`] times the
//!   route factor;
//! - `Cn2BandwidthPrice` is [`CN2_BANDWIDTH_UNIT_PRICE`] times the route factor for
//!   `NetworkType` `cn2`, and 0 otherwise (as published for `normal`);
//! - every discounted price (`Discount...`, `...WithDiscount`) is the price less
//!   [`DISCOUNT_PERCENT`];
//! - the route factor is the mean of the two regions' area factors
//!   ([`AREA_PERCENTS`], [`OTHER_AREA_PERCENT`] for an area the list does not name,
//!   or a region whose `RegionArea` the catalogue does not give), times
//!   [`EDGE_PERCENT`] when the access region is an edge node (`IDCType` `ec`);
//! - `IPAddressVersion` and `PackageType` do not change the price; `Currency` is
//!   always [`CURRENCY`].
//!
//! Amounts are exact: integers of millionths of a yuan ([`Micros`]), written as
//! plain decimal JSON numbers (`80.64`, `130`, `54.432`), never through `f64`.

use serde_json::{Map, Value};

use super::answers::Catalogue;

/// `Currency` of every answer: the currency of tccli's published example.
pub const CURRENCY: &str = "CNY";

/// An amount in millionths of a yuan: every price of the model is a whole number of
/// them.
pub type Micros = i64;

/// Millionths in one yuan.
pub const MICROS_PER_YUAN: Micros = 1_000_000;

/// An amount given in fen (hundredths of a yuan), as [`Micros`].
pub const fn fen(hundredths: i64) -> Micros {
    hundredths * (MICROS_PER_YUAN / 100)
}

/// One bandwidth tier: unit price per Mbps per day for a bandwidth `b` with
/// `from < b <= to` (`to` `None`: no upper bound, answered as `-1`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tier {
    pub from: i64,
    pub to: Option<i64>,
    pub unit_price: Micros,
}

/// The published tiers of a route inside the mainland (tccli's example).
pub const BANDWIDTH_TIERS: [Tier; 5] = [
    Tier {
        from: 0,
        to: Some(20),
        unit_price: fen(13_000),
    },
    Tier {
        from: 20,
        to: Some(100),
        unit_price: fen(9_000),
    },
    Tier {
        from: 100,
        to: Some(500),
        unit_price: fen(7_000),
    },
    Tier {
        from: 500,
        to: Some(2_000),
        unit_price: fen(6_000),
    },
    Tier {
        from: 2_000,
        to: None,
        unit_price: fen(5_000),
    },
];

/// The upper bound the API answers for "no upper bound".
pub const NO_UPPER_BOUND: i64 = -1;

/// Base price per day of 10,000 concurrent connections on a mainland route: the
/// published 80.64 a day for concurrency 2, halved.
pub const DAILY_PRICE_PER_CONCURRENT: Micros = fen(4_032);
/// Price per GB billed by traffic on a mainland route (modelled).
pub const FLOW_UNIT_PRICE: Micros = fen(80);
/// Dedicated BGP (`cn2`) bandwidth per Mbps per day on a mainland route (modelled).
pub const CN2_BANDWIDTH_UNIT_PRICE: Micros = fen(2_000);
/// The discount every discounted price carries, percent (modelled).
pub const DISCOUNT_PERCENT: i64 = 20;
/// The factor of each area, percent of the mainland's prices (modelled). Every value
/// is even, so the mean of two is a whole percent.
pub const AREA_PERCENTS: [(&str, i64); 9] = [
    ("NorthChina", 100),
    ("EastChina", 100),
    ("SouthChina", 100),
    ("SouthwestChina", 100),
    ("Asia", 120),
    ("Europe", 150),
    ("NorthAmerica", 140),
    ("SouthAmerica", 180),
    ("Oceania", 160),
];
/// The factor of an area [`AREA_PERCENTS`] does not name, or of a region whose area
/// the catalogue does not give, percent.
pub const OTHER_AREA_PERCENT: i64 = 200;
/// The factor of an edge node (`IDCType` `ec`) as the access region, percent.
pub const EDGE_PERCENT: i64 = 90;
/// `IDCType` of an edge node.
pub const EDGE_IDC_TYPE: &str = "ec";

/// What is being priced: parameters already validated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Inquiry<'a> {
    pub access: &'a str,
    pub origin: &'a str,
    /// Units of 10,000 connections.
    pub concurrent: i64,
    /// `BillingType` 1.
    pub by_traffic: bool,
    /// `NetworkType` `cn2`.
    pub cn2: bool,
}

/// A price and its discounted price.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Priced {
    pub price: Micros,
    pub discounted: Micros,
}

/// One tier as quoted for a route.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuotedTier {
    pub from: i64,
    pub to: Option<i64>,
    pub unit_price: Priced,
}

/// The model's answer to an inquiry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quote {
    /// `ProxyDailyPrice`, `DiscountProxyDailyPrice`.
    pub daily: Priced,
    /// `BandwidthUnitPrice`; `None` (null) when billed by traffic.
    pub tiers: Option<Vec<QuotedTier>>,
    /// `FlowUnitPrice`, `DiscountFlowUnitPrice`; `None` (null) when billed by
    /// bandwidth.
    pub flow: Option<Priced>,
    /// `Cn2BandwidthPrice`, `Cn2BandwidthPriceWithDiscount`.
    pub cn2: Priced,
}

/// The factor of `area`, percent.
pub fn area_percent(area: Option<&str>) -> i64 {
    AREA_PERCENTS
        .iter()
        .find(|(name, _)| Some(*name) == area)
        .map_or(OTHER_AREA_PERCENT, |(_, percent)| *percent)
}

/// The route factor from `access` to `origin`, per mille.
pub fn route_permille(catalogue: &Catalogue, access: &str, origin: &str) -> i64 {
    let facts = |id: &str| catalogue.facts(id).cloned().unwrap_or_default();
    let (access, origin) = (facts(access), facts(origin));
    // The mean of two percents, per mille: (a + o) / 2 * 10.
    let mean = (area_percent(access.area.as_deref()) + area_percent(origin.area.as_deref())) * 5;
    if access.idc_type.as_deref() == Some(EDGE_IDC_TYPE) {
        mean * EDGE_PERCENT / 100
    } else {
        mean
    }
}

/// `amount` on a route of `permille`, and discounted.
fn priced(amount: Micros, permille: i64) -> Priced {
    let price = amount * permille / 1000;
    Priced {
        price,
        discounted: price * (100 - DISCOUNT_PERCENT) / 100,
    }
}

/// The price of `inquiry` on the catalogue's regions.
pub fn quote(catalogue: &Catalogue, inquiry: &Inquiry<'_>) -> Quote {
    let route = route_permille(catalogue, inquiry.access, inquiry.origin);
    let tiers = BANDWIDTH_TIERS
        .iter()
        .map(|t| QuotedTier {
            from: t.from,
            to: t.to,
            unit_price: priced(t.unit_price, route),
        })
        .collect();
    let cn2_price = if inquiry.cn2 {
        CN2_BANDWIDTH_UNIT_PRICE
    } else {
        0
    };
    Quote {
        daily: priced(DAILY_PRICE_PER_CONCURRENT * inquiry.concurrent, route),
        tiers: (!inquiry.by_traffic).then_some(tiers),
        flow: inquiry.by_traffic.then(|| priced(FLOW_UNIT_PRICE, route)),
        cn2: priced(cn2_price, route),
    }
}

/// `amount` as plain decimal text: `80.64`, `130`, `0.000001`.
pub fn decimal(amount: Micros) -> String {
    let sign = if amount < 0 { "-" } else { "" };
    let magnitude = amount.unsigned_abs();
    let per_yuan = MICROS_PER_YUAN.unsigned_abs();
    let (whole, fraction) = (magnitude / per_yuan, magnitude % per_yuan);
    if fraction == 0 {
        return format!("{sign}{whole}");
    }
    let digits = format!("{fraction:06}");
    format!("{sign}{whole}.{}", digits.trim_end_matches('0'))
}

/// `amount` as an exact JSON number (the workspace's serde_json keeps the text).
pub fn number(amount: Micros) -> Value {
    // `decimal` always writes a valid JSON number.
    decimal(amount)
        .parse::<serde_json::Number>()
        .map_or(Value::Null, Value::Number)
}

impl Quote {
    /// The answer's fields, in the order of tccli's published example.
    pub fn answer(&self) -> Map<String, Value> {
        let tiers = self.tiers.as_ref().map(|tiers| {
            tiers
                .iter()
                .map(|t| {
                    let mut tier = Map::new();
                    let to = t.to.unwrap_or(NO_UPPER_BOUND);
                    tier.insert("BandwidthRange".into(), Value::from(vec![t.from, to]));
                    tier.insert("BandwidthUnitPrice".into(), number(t.unit_price.price));
                    tier.insert(
                        "DiscountBandwidthUnitPrice".into(),
                        number(t.unit_price.discounted),
                    );
                    Value::Object(tier)
                })
                .collect::<Vec<_>>()
        });
        let mut out = Map::new();
        out.insert("ProxyDailyPrice".into(), number(self.daily.price));
        out.insert(
            "DiscountProxyDailyPrice".into(),
            number(self.daily.discounted),
        );
        out.insert(
            "BandwidthUnitPrice".into(),
            tiers.map_or(Value::Null, Value::Array),
        );
        out.insert("Currency".into(), Value::from(CURRENCY));
        let flow = |pick: fn(&Priced) -> Micros| {
            self.flow.as_ref().map_or(Value::Null, |f| number(pick(f)))
        };
        out.insert("FlowUnitPrice".into(), flow(|f| f.price));
        out.insert("DiscountFlowUnitPrice".into(), flow(|f| f.discounted));
        out.insert("Cn2BandwidthPrice".into(), number(self.cn2.price));
        out.insert(
            "Cn2BandwidthPriceWithDiscount".into(),
            number(self.cn2.discounted),
        );
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::REGIONS;

    fn inquiry<'a>(access: &'a str, origin: &'a str) -> Inquiry<'a> {
        Inquiry {
            access,
            origin,
            concurrent: 2,
            by_traffic: false,
            cn2: false,
        }
    }

    /// A mainland route is priced as tccli's published example.
    #[test]
    fn a_mainland_route_is_the_published_example() {
        let answer = quote(&Catalogue::built_in(), &inquiry("Guangzhou", "Shanghai")).answer();
        let text = serde_json::to_string(&answer).unwrap();
        assert_eq!(
            text,
            r#"{"ProxyDailyPrice":80.64,"DiscountProxyDailyPrice":64.512,"BandwidthUnitPrice":[{"BandwidthRange":[0,20],"BandwidthUnitPrice":130,"DiscountBandwidthUnitPrice":104},{"BandwidthRange":[20,100],"BandwidthUnitPrice":90,"DiscountBandwidthUnitPrice":72},{"BandwidthRange":[100,500],"BandwidthUnitPrice":70,"DiscountBandwidthUnitPrice":56},{"BandwidthRange":[500,2000],"BandwidthUnitPrice":60,"DiscountBandwidthUnitPrice":48},{"BandwidthRange":[2000,-1],"BandwidthUnitPrice":50,"DiscountBandwidthUnitPrice":40}],"Currency":"CNY","FlowUnitPrice":null,"DiscountFlowUnitPrice":null,"Cn2BandwidthPrice":0,"Cn2BandwidthPriceWithDiscount":0}"#
        );
    }

    #[test]
    fn routes_scale_by_area_and_edge_nodes() {
        let c = Catalogue::built_in();
        // Mainland to mainland, Asia to Asia, a mainland access to a European origin,
        // an Asian edge node to an Asian origin, an unknown id.
        assert_eq!(route_permille(&c, "SouthChina", "EastChina"), 1000);
        assert_eq!(route_permille(&c, "Japan", "Hongkong"), 1200);
        assert_eq!(route_permille(&c, "Beijing", "Europe"), 1250);
        assert_eq!(route_permille(&c, "SL_India", "Hongkong"), 1080);
        assert_eq!(route_permille(&c, "Atlantis", "Hongkong"), 1600);
        let q = quote(&c, &inquiry("SL_India", "Hongkong"));
        assert_eq!(decimal(q.daily.price), "87.0912");
        assert_eq!(decimal(q.daily.discounted), "69.67296");
        let first = q.tiers.unwrap()[0];
        assert_eq!(decimal(first.unit_price.price), "140.4");
        assert_eq!(decimal(first.unit_price.discounted), "112.32");
    }

    #[test]
    fn traffic_billing_and_cn2() {
        let c = Catalogue::built_in();
        let q = quote(
            &c,
            &Inquiry {
                by_traffic: true,
                cn2: true,
                ..inquiry("SouthChina", "EastChina")
            },
        );
        assert_eq!(q.tiers, None);
        let answer = q.answer();
        assert_eq!(answer["BandwidthUnitPrice"], Value::Null);
        assert_eq!(answer["FlowUnitPrice"].to_string(), "0.8");
        assert_eq!(answer["DiscountFlowUnitPrice"].to_string(), "0.64");
        assert_eq!(answer["Cn2BandwidthPrice"].to_string(), "20");
        assert_eq!(answer["Cn2BandwidthPriceWithDiscount"].to_string(), "16");
    }

    /// Every route of the built-in catalogue, at every concurrency the API accepts,
    /// is priced in whole millionths: nothing of the model is rounded.
    #[test]
    fn every_price_is_exact() {
        let c = Catalogue::built_in();
        let amounts = BANDWIDTH_TIERS
            .iter()
            .map(|t| t.unit_price)
            .chain([FLOW_UNIT_PRICE, CN2_BANDWIDTH_UNIT_PRICE])
            .chain((1..=300).map(|n| DAILY_PRICE_PER_CONCURRENT * n));
        let amounts: Vec<Micros> = amounts.collect();
        for access in REGIONS {
            for origin in REGIONS {
                let route = route_permille(&c, access.id, origin.id);
                for amount in &amounts {
                    let p = priced(*amount, route);
                    assert_eq!(p.price * 1000, amount * route, "{amount} at {route}");
                    assert_eq!(p.discounted * 100, p.price * (100 - DISCOUNT_PERCENT));
                }
            }
        }
    }

    #[test]
    fn decimals_are_plain_and_exact() {
        for (micros, text) in [
            (0, "0"),
            (fen(8_064), "80.64"),
            (fen(13_000), "130"),
            (1, "0.000001"),
            (54_432_000, "54.432"),
            (-1_500_000, "-1.5"),
        ] {
            assert_eq!(decimal(micros), text);
            assert_eq!(number(micros).to_string(), text);
        }
    }
}
